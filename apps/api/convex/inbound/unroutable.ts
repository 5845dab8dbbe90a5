import { MAX_ENDPOINTS_PER_DELIVERY, type UnroutableEvents } from "@switchboard/channels";
import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { unroutableReason } from "../schema/inbound";
import { providerId } from "../schema/validators";

/** Unroutable events are kept as long as raw events by default, then swept (inbound/retention.ts). */
export const UNROUTABLE_RETENTION_MS = 30 * 86_400_000;
/** Provider ids kept per logged endpoint; a real batch names far fewer. */
export const MAX_LOGGED_IDS = 100;

const group = v.object({
  endpoint: v.string(),
  reason: unroutableReason,
  eventCount: v.number(),
  externalIds: v.array(v.string()),
});

/** The log rows for a delivery's unroutable parts: no text, no sender, only ids and the reason. */
export function unroutableGroups(parts: UnroutableEvents[]) {
  return parts.slice(0, MAX_ENDPOINTS_PER_DELIVERY).map((p) => ({
    endpoint: p.endpoint,
    reason: p.reason,
    eventCount: p.events.length,
    externalIds: p.events.slice(0, MAX_LOGGED_IDS).map((e) => e.externalMessageId),
  }));
}

/**
 * Logs the events of a verified delivery that no channel could take, one row per endpoint, so
 * the provider can be acknowledged without any event vanishing unrecorded.
 */
export const log = internalMutation({
  args: { provider: providerId, path: v.string(), groups: v.array(group) },
  handler: async (ctx, { provider, path, groups }) => {
    if (groups.length > MAX_ENDPOINTS_PER_DELIVERY) throw new Error("too many unroutable endpoints in one delivery");
    const now = Date.now();
    for (const g of groups) {
      await ctx.db.insert("unroutableEvents", {
        provider,
        kind: "receiving",
        endpoint: g.endpoint,
        reason: g.reason,
        path,
        receivedAt: now,
        expiresAt: now + UNROUTABLE_RETENTION_MS,
        eventCount: g.eventCount,
        externalIds: g.externalIds.slice(0, MAX_LOGGED_IDS),
      });
    }
    return groups.length;
  },
});
