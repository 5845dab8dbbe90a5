import { defineTable } from "convex/server";
import { v } from "convex/values";

/** Inbound gap recovery (spread into defineSchema by ../schema.ts). */
export const reconcileTables = {
  /**
   * Per channel config: how far back its provider's received-message list has been compared with
   * what we stored. Written once per reconciliation run, never per message.
   */
  inboundWatermarks: defineTable({
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    /** Every message the provider received before this time (ms) has been looked for. */
    watermark: v.number(),
    lastRunAt: v.number(),
    /** Messages this channel's reconciliation brought in that no webhook had delivered. */
    recovered: v.number(),
    lastError: v.optional(v.string()),
  }).index("by_config", ["organizationId", "channelConfigId"]),
};
