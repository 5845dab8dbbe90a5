import { defineTable } from "convex/server";
import { v } from "convex/values";
import { channelId, deliveryStatus, messageError } from "./validators";

/** Outbound delivery tables (spread into defineSchema by ../schema.ts). */
export const outboundTables = {
  /**
   * One row per channel config: the lease that keeps a single dispatcher draining its queue
   * (so messages leave in order), and the job that will wake it for the next retry or probe.
   */
  outboundDispatch: defineTable({
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    leaseUntil: v.number(),
    wakeJobId: v.optional(v.id("_scheduled_functions")),
    wakeAt: v.optional(v.number()),
  }).index("by_config", ["organizationId", "channelConfigId"]),

  /**
   * Status callbacks that arrived before the send recorded its provider id (fast providers call
   * back while our send is still being recorded). Applied as soon as the id is known; expire.
   */
  orphanStatuses: defineTable({
    organizationId: v.id("organizations"),
    channel: channelId,
    externalMessageId: v.string(),
    status: deliveryStatus,
    occurredAt: v.number(),
    error: v.optional(messageError),
    expiresAt: v.number(),
  })
    .index("by_external", ["organizationId", "channel", "externalMessageId"])
    // Expiry sweep (internal cron).
    .index("by_expiry", ["expiresAt"]),
};
