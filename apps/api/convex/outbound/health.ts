import { getAdapter, type HealthResult } from "@switchboard/channels";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type ActionCtx } from "../_generated/server";
import { healthState } from "../schema/validators";
import { adapterContext, redactSecrets } from "./adapterContext";

/** Runs the adapter's healthCheck for a config and records it; never throws. */
export async function checkConfig(ctx: ActionCtx, config: Doc<"channelConfigs">): Promise<HealthResult> {
  let result: HealthResult;
  const adapterCtx = await adapterContext(config);
  try {
    result = await getAdapter(config.provider).healthCheck(adapterCtx);
  } catch (error) {
    result = { state: "down", latencyMs: 0, error: error instanceof Error ? error.message : String(error) };
  }
  if (result.error) result = { ...result, error: redactSecrets(result.error, adapterCtx.credentials) };
  await ctx.runMutation(internal.outbound.health.record, {
    channelConfigId: config._id,
    state: result.state,
    latencyMs: result.latencyMs,
    rateLimitRemaining: result.rateLimitRemaining,
    error: result.error,
  });
  return result;
}

export const record = internalMutation({
  args: {
    channelConfigId: v.id("channelConfigs"),
    state: healthState,
    latencyMs: v.number(),
    rateLimitRemaining: v.optional(v.number()),
    error: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const config = await ctx.db.get(args.channelConfigId);
    if (!config) return;
    const now = Date.now();
    const healthy = args.state === "healthy";
    await ctx.db.patch(config._id, {
      health: {
        ...config.health,
        state: args.state,
        lastCheckedAt: now,
        latencyMs: args.latencyMs,
        ...(args.rateLimitRemaining !== undefined ? { rateLimitRemaining: args.rateLimitRemaining } : {}),
        ...(args.error ? { lastError: args.error, lastErrorAt: now } : {}),
        consecutiveFailures: healthy ? 0 : config.health.consecutiveFailures,
      },
    });
    // Back from down/degraded: flush what was held, in order.
    if (healthy && config.health.state !== "healthy" && config.enabled) {
      await ctx.scheduler.runAfter(0, internal.outbound.dispatch.run, { channelConfigId: config._id });
    }
  },
});

/** While a channel is down, probes with backoff; when healthy again the queue flushes. */
export const probe = internalAction({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.runQuery(internal.outbound.queue.loadConfig, { channelConfigId });
    if (!config || !config.enabled) return null;
    const result = await checkConfig(ctx, config);
    if (result.state !== "healthy") {
      // Still down: release (re-arms the next probe with a longer delay).
      await ctx.runMutation(internal.outbound.health.bumpFailure, { channelConfigId });
      await ctx.runMutation(internal.outbound.queue.releaseLease, { channelConfigId });
    }
    return result.state;
  },
});

export const bumpFailure = internalMutation({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return;
    await ctx.db.patch(channelConfigId, {
      health: { ...config.health, consecutiveFailures: config.health.consecutiveFailures + 1 },
    });
  },
});

/** One page of enabled configs across organizations for the health cron (internal). */
export const configsPage = internalQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const page = await ctx.db.query("channelConfigs").paginate(paginationOpts);
    return { ...page, page: page.page.filter((c) => c.enabled && c.provider !== "native").map((c) => c._id) };
  },
});

/** Cron (every 5 minutes): healthCheck every enabled channel, page by page. */
export const checkAll = internalAction({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<number> => {
    const page: { page: Id<"channelConfigs">[]; isDone: boolean; continueCursor: string } = await ctx.runQuery(internal.outbound.health.configsPage, {
      paginationOpts: { numItems: 50, cursor: cursor ?? null },
    });
    for (const id of page.page) {
      const config = await ctx.runQuery(internal.outbound.queue.loadConfig, { channelConfigId: id });
      if (config) await checkConfig(ctx, config);
    }
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.outbound.health.checkAll, { cursor: page.continueCursor });
    return page.page.length;
  },
});
