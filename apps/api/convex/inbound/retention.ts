import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../_generated/server";

const BATCH = 200;

/** Deletes expired raw inbound events, orphan status callbacks and unroutable-event logs, a bounded batch at a time. */
export const sweep = internalMutation({
  args: { now: v.optional(v.number()) },
  handler: async (ctx, args) => {
    const now = args.now ?? Date.now();
    const events = await ctx.db
      .query("inboundEvents")
      .withIndex("by_expiry", (q) => q.lt("expiresAt", now))
      .take(BATCH);
    for (const e of events) await ctx.db.delete(e._id);
    const orphans = await ctx.db
      .query("orphanStatuses")
      .withIndex("by_expiry", (q) => q.lt("expiresAt", now))
      .take(BATCH);
    for (const o of orphans) await ctx.db.delete(o._id);
    const unroutable = await ctx.db
      .query("unroutableEvents")
      .withIndex("by_expiry", (q) => q.lt("expiresAt", now))
      .take(BATCH);
    for (const u of unroutable) await ctx.db.delete(u._id);
    if (events.length === BATCH || orphans.length === BATCH || unroutable.length === BATCH) {
      await ctx.scheduler.runAfter(0, internal.inbound.retention.sweep, { now });
    }
    return { events: events.length, orphans: orphans.length, unroutable: unroutable.length };
  },
});
