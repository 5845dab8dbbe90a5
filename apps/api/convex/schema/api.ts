import { defineTable } from "convex/server";
import { v } from "convex/values";

/** REST API v1 keys (spread into defineSchema by ../schema.ts). */
export const apiTables = {
  apiKeys: defineTable({
    organizationId: v.id("organizations"),
    name: v.string(),
    /** First characters of the key, shown to identify it ("sb_live_3kQ9..."). */
    prefix: v.string(),
    /** SHA-256 hex of the full key; the key itself is shown once and never stored. */
    hash: v.string(),
    createdBy: v.optional(v.id("members")),
    createdAt: v.number(),
    lastUsedAt: v.optional(v.number()),
    revokedAt: v.optional(v.number()),
  })
    // Authentication looks the key up before the organization is known (internal only).
    .index("by_hash", ["hash"])
    .index("by_org", ["organizationId"]),
};
