/**
 * The organization's AI endpoint (admin only). The API key is write-only: sealed with the same
 * AES-GCM envelope as channel credentials and never returned; saving without a key keeps the
 * stored one. Nothing is ever sent anywhere unless a row exists and is enabled.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalMutation, type QueryCtx } from "../_generated/server";
import { fail } from "../lib/auth";
import { credentialAad, encryptString } from "../lib/crypto";
import { adminAction, adminMutation, adminQuery } from "../lib/functions";
import { checkBaseUrl } from "./endpoint";

/** AAD of the sealed key: bound to the organization (a copied envelope does not open elsewhere). */
export const aiKeyAad = (organizationId: string) => credentialAad(organizationId, "ai.apiKey");
/** Reviews summed by `usage` (newest first): bounded read. */
export const USAGE_WINDOW = 1000;
const MODEL_RE = /^[\w.:/@-]{1,100}$/;
/** Upper bound of the monthly cap an admin may set (a typo guard, not a price). */
const MAX_MONTHLY_CAP = 1_000_000_000;

/** The organization's one aiSettings row (or null), read through its by_org index. */
function settingsRow(ctx: QueryCtx, organizationId: Id<"organizations">) {
  return ctx.db
    .query("aiSettings")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .first();
}

export const get = adminQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const row = await settingsRow(ctx, organizationId);
    return row
      ? {
          enabled: row.enabled,
          baseUrl: row.baseUrl,
          model: row.model,
          maxTokens: row.maxTokens ?? null,
          monthlyTokenCap: row.monthlyTokenCap ?? null,
          hasKey: true,
          updatedAt: row.updatedAt,
        }
      : null;
  },
});

export const save = adminAction({
  args: {
    baseUrl: v.string(),
    model: v.string(),
    apiKey: v.optional(v.string()),
    enabled: v.optional(v.boolean()),
    maxTokens: v.optional(v.number()),
    /** Tokens per calendar month (UTC); absent = no cap. */
    monthlyTokenCap: v.optional(v.number()),
  },
  handler: async (ctx, args): Promise<null> => {
    const checked = checkBaseUrl(args.baseUrl);
    if (!checked.ok) fail("invalid_argument", `Base URL: ${checked.error}`);
    const model = args.model.trim();
    if (!MODEL_RE.test(model)) fail("invalid_argument", "Model: 1-100 letters, digits or . : / @ _ -");
    if (
      args.maxTokens !== undefined &&
      !(Number.isInteger(args.maxTokens) && args.maxTokens >= 1 && args.maxTokens <= 4000)
    )
      fail("invalid_argument", "Max tokens: a whole number from 1 to 4000");
    if (
      args.monthlyTokenCap !== undefined &&
      !(Number.isInteger(args.monthlyTokenCap) && args.monthlyTokenCap >= 1 && args.monthlyTokenCap <= MAX_MONTHLY_CAP)
    )
      fail(
        "invalid_argument",
        `Monthly token cap: a whole number from 1 to ${MAX_MONTHLY_CAP.toLocaleString("en-US")}`,
      );
    const key = args.apiKey?.trim() ?? "";
    if (key.length > 500 || /\s/.test(key)) fail("invalid_argument", "API key: at most 500 characters, no spaces");
    const apiKey = key ? await encryptString(key, aiKeyAad(args.organizationId)) : undefined;
    await ctx.runMutation(internal.ai.settings.store, {
      organizationId: args.organizationId,
      memberId: ctx.member._id,
      baseUrl: checked.url,
      model,
      apiKey,
      enabled: args.enabled ?? true,
      maxTokens: args.maxTokens,
      monthlyTokenCap: args.monthlyTokenCap,
    });
    return null;
  },
});

export const store = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    /** Absent when an operator seeds it (the `pnpm dev` demo organization has no members yet). */
    memberId: v.optional(v.id("members")),
    baseUrl: v.string(),
    model: v.string(),
    apiKey: v.optional(v.object({ kid: v.string(), iv: v.string(), ct: v.string() })),
    enabled: v.boolean(),
    maxTokens: v.optional(v.number()),
    monthlyTokenCap: v.optional(v.number()),
  },
  handler: async (ctx, { organizationId, memberId, baseUrl, model, apiKey, enabled, maxTokens, monthlyTokenCap }) => {
    const row = await settingsRow(ctx, organizationId);
    const fields = { baseUrl, model, enabled, maxTokens, monthlyTokenCap, updatedBy: memberId, updatedAt: Date.now() };
    if (row) await ctx.db.patch(row._id, { ...fields, ...(apiKey ? { apiKey } : {}) });
    else if (apiKey) await ctx.db.insert("aiSettings", { organizationId, apiKey, ...fields });
    else fail("invalid_argument", "An API key is required");
  },
});

/** Turns the AI step off and forgets the key. */
export const remove = adminMutation({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const row = await settingsRow(ctx, organizationId);
    if (row) await ctx.db.delete(row._id);
    return null;
  },
});

/** Token usage of the organization's AI reviews since `since` (the newest USAGE_WINDOW calls). */
export const usage = adminQuery({
  args: { since: v.optional(v.number()) },
  handler: async (ctx, { organizationId, since }) => {
    const rows = await ctx.db
      .query("aiReviews")
      .withIndex("by_org_created", (q) => q.eq("organizationId", organizationId).gte("createdAt", since ?? 0))
      .order("desc")
      .take(USAGE_WINDOW);
    const total = {
      requests: 0,
      applied: 0,
      rejected: 0,
      failed: 0,
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
    };
    for (const r of rows) {
      if (r.status === "pending") continue;
      total.requests++;
      total[r.status]++;
      total.promptTokens += r.promptTokens ?? 0;
      total.completionTokens += r.completionTokens ?? 0;
      total.totalTokens += r.totalTokens ?? 0;
    }
    return { ...total, truncated: rows.length === USAGE_WINDOW };
  },
});
