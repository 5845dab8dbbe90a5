import { sha256Hex } from "@switchboard/channels/crypto";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery } from "../_generated/server";
import { ADMIN_ROLES, fail, getOwned, requireMember } from "../lib/auth";
import { adminAction, adminMutation, adminQuery } from "../lib/functions";

const KEY_PREFIX = "sb_live_";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomKey(): string {
  // 32 characters from 62 symbols ~ 190 bits; rejection sampling keeps it unbiased.
  const out: string[] = [];
  while (out.length < 32) {
    for (const byte of crypto.getRandomValues(new Uint8Array(48))) {
      if (byte < 248 && out.length < 32) out.push(ALPHABET[byte % 62]!);
    }
  }
  return KEY_PREFIX + out.join("");
}

export const list = adminQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const keys = await ctx.db
      .query("apiKeys")
      .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
      .order("desc")
      .take(100);
    return keys.map(({ hash: _hash, ...rest }) => rest);
  },
});

export const store = internalMutation({
  args: { organizationId: v.id("organizations"), name: v.string(), prefix: v.string(), hash: v.string() },
  handler: async (ctx, args): Promise<Id<"apiKeys">> => {
    const member = await requireMember(ctx, args.organizationId, ADMIN_ROLES);
    return ctx.db.insert("apiKeys", { ...args, createdBy: member._id, createdAt: Date.now() });
  },
});

/** Creates a key for integrators; the full key is in this response only. */
export const create = adminAction({
  args: { name: v.string() },
  handler: async (ctx, { organizationId, name }): Promise<{ id: Id<"apiKeys">; key: string; prefix: string }> => {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) fail("invalid_argument", "Give the key a name (up to 100 characters)");
    const key = randomKey();
    const prefix = key.slice(0, KEY_PREFIX.length + 6);
    const id = await ctx.runMutation(internal.rest.apiKeys.store, {
      organizationId,
      name: trimmed,
      prefix,
      hash: await sha256Hex(key),
    });
    return { id, key, prefix };
  },
});

export const revoke = adminMutation({
  args: { keyId: v.id("apiKeys") },
  handler: async (ctx, { organizationId, keyId }) => {
    const key = await getOwned(ctx, organizationId, keyId);
    if (!key.revokedAt) await ctx.db.patch(keyId, { revokedAt: Date.now() });
  },
});

/** REST authentication: the organization a presented key belongs to, or null. */
export const authenticate = internalQuery({
  args: { hash: v.string() },
  handler: async (ctx, { hash }) => {
    const key = await ctx.db
      .query("apiKeys")
      .withIndex("by_hash", (q) => q.eq("hash", hash))
      .first();
    if (!key || key.revokedAt) return null;
    return { organizationId: key.organizationId, keyId: key._id, name: key.name };
  },
});
