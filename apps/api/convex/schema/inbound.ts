import { UNROUTABLE_REASONS } from "@switchboard/channels/delivery";
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { channelId, endpointKind, literals, providerId } from "./validators";

/** Why a delivery's events were logged, not stored (declared once in packages/channels). */
export const unroutableReason = literals(UNROUTABLE_REASONS);

/** Inbound side tables: deliberately logged unroutable events and reactions (spread into defineSchema by ../schema.ts). */
export const inboundTables = {
  /**
   * Events of a verified delivery that no channel could take (a Meta batch naming a number we do
   * not serve, a disabled channel, another account's secret). Logged so the provider can be
   * acknowledged without silently losing them. No organization owns them, so they hold no body
   * and no message text: the endpoint, why, and the provider ids to look them up by.
   */
  unroutableEvents: defineTable({
    provider: providerId,
    kind: endpointKind,
    endpoint: v.string(),
    reason: unroutableReason,
    path: v.string(),
    receivedAt: v.number(),
    expiresAt: v.number(),
    eventCount: v.number(),
    /** Provider message ids (wamid, message_uuid, ...) of the events, at most MAX_LOGGED_IDS. */
    externalIds: v.array(v.string()),
  })
    // Operators look unroutable events up by endpoint; internal only (no organization owns them).
    .index("by_endpoint", ["provider", "endpoint", "receivedAt"])
    // Retention sweep (internal cron).
    .index("by_expiry", ["expiresAt"]),

  /**
   * A reaction (WhatsApp emoji) of a contact to one of the thread's messages. One row per
   * (message, reactor): a new emoji replaces the old one, an empty emoji removes it.
   */
  messageReactions: defineTable({
    organizationId: v.id("organizations"),
    messageId: v.id("unifiedMessages"),
    threadId: v.id("conversationThreads"),
    channel: channelId,
    /** The contact's identifier on the channel. */
    from: v.string(),
    emoji: v.string(),
    /** The reaction's own provider id (dedupe of retried deliveries). */
    externalMessageId: v.string(),
    at: v.number(),
  })
    .index("by_message", ["organizationId", "messageId", "from"])
    .index("by_thread", ["organizationId", "threadId"]),
};
