/**
 * Operator entry points behind `pnpm switchboard` (packages/dev/src/switchboard.ts). Internal only:
 * they run with the deployment's admin key, never from a browser.
 */
import { getAdapter, type InboundEvent, InboundParseError } from "@switchboard/channels";
import { sha256Hex } from "@switchboard/channels/crypto";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery } from "../_generated/server";
import { ingestDelivery } from "../inbound/ingest";
import { decryptString, rawEventAad } from "../lib/crypto";
import { withoutUndefined } from "../lib/values";

export const orgBySlug = internalQuery({
  args: { slug: v.string() },
  handler: async (ctx, { slug }) =>
    ctx.db
      .query("organizations")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .first(),
});

export const storeApiKey = internalMutation({
  args: { organizationId: v.id("organizations"), name: v.string(), prefix: v.string(), hash: v.string() },
  handler: async (ctx, args) => ctx.db.insert("apiKeys", { ...args, createdAt: Date.now() }),
});

/** An API key created by an operator (no member identity), shown once. */
export const createApiKey = internalAction({
  args: { organizationId: v.id("organizations"), name: v.string(), key: v.string() },
  handler: async (ctx, { organizationId, name, key }): Promise<Id<"apiKeys">> => {
    if (!/^sb_live_[A-Za-z0-9]{32}$/.test(key)) throw new Error("Malformed key");
    return ctx.runMutation(internal.ops.cli.storeApiKey, {
      organizationId,
      name,
      prefix: key.slice(0, 14),
      hash: await sha256Hex(key),
    });
  },
});

export const loadEvent = internalQuery({
  args: { eventId: v.id("inboundEvents") },
  handler: async (ctx, { eventId }) => ctx.db.get(eventId),
});

/**
 * Replays a stored inbound event through parse -> ingest. It was verified when it arrived
 * (its signature headers are deliberately not kept), dedupe makes a replay idempotent, and the
 * replay itself is logged like any delivery.
 */
export const replayEvent = internalAction({
  args: { eventId: v.id("inboundEvents") },
  handler: async (ctx, { eventId }): Promise<{ stored: number; duplicates: number; statusesApplied: number }> => {
    const event = await ctx.runQuery(internal.ops.cli.loadEvent, { eventId });
    if (!event) throw new Error("No such inbound event (it may have expired)");
    const body = await decryptString(event.body, rawEventAad(event.organizationId));
    const base = (
      process.env.PUBLIC_WEBHOOK_BASE_URL ??
      process.env.CONVEX_SITE_URL ??
      "http://replay.invalid"
    ).replace(/\/$/, "");
    let events: InboundEvent[];
    try {
      events = getAdapter(event.provider).parseInbound({
        method: event.method,
        url: base + event.path,
        headers: event.headers,
        rawBody: body,
      });
    } catch (error) {
      if (error instanceof InboundParseError) throw new Error(`The stored body no longer parses: ${error.message}`);
      throw error;
    }
    const result = await ingestDelivery(ctx, {
      organizationId: event.organizationId,
      channelConfigId: event.channelConfigId,
      provider: event.provider,
      events: events.map(withoutUndefined),
      raw: {
        method: event.method,
        path: event.path,
        headers: event.headers,
        body: event.body,
        bodyBytes: event.bodyBytes,
      },
    });
    return { stored: result.stored.length, duplicates: result.duplicates, statusesApplied: result.statusesApplied };
  },
});
