import { defineTable } from "convex/server";
import { v } from "convex/values";
import { channelId } from "./validators";

/** A duration histogram (reports/histogram.ts): sparse [bin, count, ...] pairs, plus count and sum for means. */
export const durationHistogram = v.object({ count: v.number(), sumMs: v.number(), bins: v.array(v.number()) });

/**
 * Reports (reports/): counters maintained incrementally as messages and threads are written, so a
 * report reads a number of documents bounded by days x keys x shards, never by messages.
 */
export const reportsTables = {
  /**
   * One UTC day of one dimension value ("channel": sms/whatsapp/..., "agent": a member id or
   * "unassigned"), split over REPORT_SHARDS shards (reports/buckets.ts) so no document is written
   * by every message of a busy channel. Fields are summed across shards at read time; once a day
   * is over, compaction folds its shards into shard 0 (reports/compaction.ts).
   */
  reportBuckets: defineTable({
    organizationId: v.id("organizations"),
    dimension: v.union(v.literal("channel"), v.literal("agent")),
    day: v.number(),
    key: v.string(),
    shard: v.number(),
    inbound: v.number(),
    outbound: v.number(),
    threadsCreated: v.number(),
    resolved: v.number(),
    /** Inbound messages per UTC hour of the day (24 entries); channel rows only (busiest hours). */
    inboundByHour: v.optional(v.array(v.number())),
    firstResponse: durationHistogram,
    resolution: durationHistogram,
    /**
     * Customer satisfaction: ratings 1-5 counted per score (5 entries). Filled by recordCsat
     * (reports/buckets.ts) once the CSAT work lands; absent on buckets without ratings.
     */
    csat: v.optional(v.object({ count: v.number(), sum: v.number(), scores: v.array(v.number()) })),
  })
    .index("by_org_dimension_day", ["organizationId", "dimension", "day", "key", "shard"])
    // Compaction (internal cron, reports/compaction.ts) finds past days' extra shards across organizations.
    .index("by_shard_day", ["shard", "day"]),

  /** Per-thread marks the first-response metric needs (first inbound, first reply), one row per thread. */
  threadMetrics: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    channel: channelId,
    firstInboundAt: v.optional(v.number()),
    firstResponseAt: v.optional(v.number()),
  }).index("by_thread", ["organizationId", "threadId"]),

  /**
   * Per organization: since when live maintenance counts (the backfill counts only what is older,
   * so nothing is counted twice). Read by every counted event and written once, so it never
   * conflicts with them; the backfill's progress lives in reportBackfills for that reason.
   */
  reportState: defineTable({
    organizationId: v.id("organizations"),
    liveSince: v.number(),
  }).index("by_org", ["organizationId"]),

  /** The backfill's progress per organization (reports/backfill.ts): resumable from its cursor. */
  reportBackfills: defineTable({
    organizationId: v.id("organizations"),
    phase: v.union(v.literal("messages"), v.literal("threads"), v.literal("done")),
    cursor: v.optional(v.string()),
    processed: v.number(),
    startedAt: v.number(),
    finishedAt: v.optional(v.number()),
  }).index("by_org", ["organizationId"]),
};
