/**
 * Probe for the reliability suite (copied into the private functions folder only): what is
 * stored, counted by full table scans (test-sized data only).
 */
import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import schema from "../schema";

/** Provider message ids of every stored message of the organization (one entry per row). */
export const messageIds = internalQuery({
  args: { organizationId: v.id("organizations"), cursor: v.union(v.string(), v.null()) },
  handler: async (ctx, { organizationId, cursor }) => {
    const page = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_external", (q) => q.eq("organizationId", organizationId))
      .paginate({ numItems: 4000, cursor });
    return {
      ids: page.page.map((m) => `${m.channel}:${m.externalMessageId ?? ""}`),
      isDone: page.isDone,
      continueCursor: page.continueCursor,
    };
  },
});

/** Row count of every table in the schema (and of scheduled functions). */
export const tableCounts = internalQuery({
  args: {},
  handler: async (ctx) => {
    const out: Record<string, number> = {};
    for (const table of Object.keys((schema as unknown as { tables: Record<string, unknown> }).tables)) {
      out[table] = (await ctx.db.query(table as never).collect()).length;
    }
    // per function, so a caller can tell a cron's own jobs from what its requests scheduled
    for (const job of await ctx.db.system.query("_scheduled_functions").collect()) {
      const key = `_scheduled_functions ${job.name}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  },
});

/** The organization's channel configs with their health (reliability suite). */
export const configs = internalQuery({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const rows = await ctx.db
      .query("channelConfigs")
      .withIndex("by_org_channel", (q) => q.eq("organizationId", organizationId))
      .collect();
    return rows.map((c) => ({ _id: c._id, provider: c.provider, health: c.health }));
  },
});

/** Outbound messages of a thread as stored, delivery attempts included (the REST API does not show them). */
export const outboundMessages = internalQuery({
  args: { organizationId: v.id("organizations"), threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    const rows = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_thread", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
      .take(500);
    return rows
      .filter((m) => m.direction === "outbound")
      .map((m) => ({ _id: m._id, direction: m.direction, status: m.status, text: m.text, attempts: m.attempts }));
  },
});
