/**
 * Compaction: a day's counters are spread over REPORT_SHARDS rows only while the day is being
 * written. Once it is over, its rows of shards 1..N-1 are folded into shard 0, so a report over a
 * month reads about one row per day and key instead of N. Late writes to a past day (a delayed
 * message, the backfill) open a shard row again; the next run folds it in. Internal cron, hourly,
 * a bounded batch per transaction.
 */
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { internalMutation } from "../_generated/server";
import { dayOf, REPORT_SHARDS } from "./buckets";
import { mergeHistograms } from "./histogram";

/** Rows folded per transaction (each costs a read and a write of its shard-0 row). */
export const COMPACT_BATCH = 400;

type Row = Doc<"reportBuckets">;

/** The fields of two rows of the same (organization, dimension, day, key), summed. */
export function mergeRows(a: Row, b: Row) {
  const csatScores =
    a.csat || b.csat ? [0, 1, 2, 3, 4].map((i) => (a.csat?.scores[i] ?? 0) + (b.csat?.scores[i] ?? 0)) : null;
  return {
    inbound: a.inbound + b.inbound,
    outbound: a.outbound + b.outbound,
    threadsCreated: a.threadsCreated + b.threadsCreated,
    resolved: a.resolved + b.resolved,
    ...(a.inboundByHour || b.inboundByHour
      ? {
          inboundByHour: Array.from(
            { length: 24 },
            (_, h) => (a.inboundByHour?.[h] ?? 0) + (b.inboundByHour?.[h] ?? 0),
          ),
        }
      : {}),
    firstResponse: mergeHistograms(a.firstResponse, b.firstResponse),
    resolution: mergeHistograms(a.resolution, b.resolution),
    ...(csatScores
      ? {
          csat: {
            count: (a.csat?.count ?? 0) + (b.csat?.count ?? 0),
            sum: (a.csat?.sum ?? 0) + (b.csat?.sum ?? 0),
            scores: csatScores,
          },
        }
      : {}),
  };
}

export const run = internalMutation({
  args: {},
  handler: async (ctx) => {
    const today = dayOf(Date.now());
    let folded = 0;
    for (let shard = 1; shard < REPORT_SHARDS && folded < COMPACT_BATCH; shard++) {
      const rows = await ctx.db
        .query("reportBuckets")
        .withIndex("by_shard_day", (q) => q.eq("shard", shard).lt("day", today))
        .take(COMPACT_BATCH - folded);
      for (const row of rows) {
        const target = await ctx.db
          .query("reportBuckets")
          .withIndex("by_org_dimension_day", (q) =>
            q
              .eq("organizationId", row.organizationId)
              .eq("dimension", row.dimension)
              .eq("day", row.day)
              .eq("key", row.key)
              .eq("shard", 0),
          )
          .unique();
        if (target) {
          await ctx.db.patch(target._id, mergeRows(target, row));
          await ctx.db.delete(row._id);
        } else {
          await ctx.db.patch(row._id, { shard: 0 });
        }
        folded++;
      }
    }
    if (folded >= COMPACT_BATCH) await ctx.scheduler.runAfter(0, internal.reports.compaction.run, {});
    return folded;
  },
});
