import { getAdapter, getDescriptor, type HealthResult } from "@switchboard/channels";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { type ActionCtx, internalAction, internalMutation, internalQuery } from "../_generated/server";
import { healthState } from "../schema/validators";
import { adapterContext, redactSecrets } from "./runtime";

/**
 * The channel-health state machine, in one place. A channel is unknown until first checked or
 * used; a successful send or check makes it healthy; retryable failures make it degraded, then
 * down after DOWN_AFTER_FAILURES in a row (the queue holds while down and probes with backoff,
 * outbound/policy.ts:probeDelayMs); permanent failures only record the error.
 * The pure transitions below are what the mutations here and outbound/queue.ts write.
 */
export type ChannelHealth = Doc<"channelConfigs">["health"];

export const INITIAL_HEALTH = { state: "unknown" as const, consecutiveFailures: 0 };
/** Consecutive retryable failures that turn a degraded channel into a down one. */
export const DOWN_AFTER_FAILURES = 5;

export type HealthAfterFailure = "degraded" | "down";

export function healthAfterFailure(consecutiveFailures: number): HealthAfterFailure {
  return consecutiveFailures >= DOWN_AFTER_FAILURES ? "down" : "degraded";
}

interface Measured {
  rateLimitRemaining?: number;
  latencyMs?: number;
}

const measured = (m: Measured) => ({
  ...(m.rateLimitRemaining !== undefined ? { rateLimitRemaining: m.rateLimitRemaining } : {}),
  ...(m.latencyMs !== undefined ? { latencyMs: m.latencyMs } : {}),
});

/** A send succeeded. */
export function afterSend(health: ChannelHealth, m: Measured, now: number): ChannelHealth {
  return { ...health, state: "healthy", consecutiveFailures: 0, lastSuccessfulSend: now, ...measured(m) };
}

/** A send failed with a retryable error: one more failure in a row. */
export function afterRetryableFailure(health: ChannelHealth, error: string, m: Measured, now: number): ChannelHealth {
  const failures = health.consecutiveFailures + 1;
  return {
    ...health,
    state: healthAfterFailure(failures),
    consecutiveFailures: failures,
    lastError: error,
    lastErrorAt: now,
    ...measured({ rateLimitRemaining: m.rateLimitRemaining }),
  };
}

/** A send was refused for good (bad number, content): the channel itself is not less healthy. */
export function afterPermanentFailure(health: ChannelHealth, error: string, now: number): ChannelHealth {
  return { ...health, lastError: error, lastErrorAt: now };
}

/**
 * A healthCheck ran (test connection, the cron, or a probe while down). While down, only a
 * check that reports healthy releases the hold: a degraded answer (a 503, a 429) keeps the
 * channel down, so held messages are not sent into the outage and keep their attempts.
 */
export function afterCheck(
  health: ChannelHealth,
  check: { state: ChannelHealth["state"]; latencyMs: number; rateLimitRemaining?: number; error?: string },
  now: number,
): ChannelHealth {
  const healthy = check.state === "healthy";
  return {
    ...health,
    state: health.state === "down" && !healthy ? "down" : check.state,
    lastCheckedAt: now,
    latencyMs: check.latencyMs,
    ...(check.rateLimitRemaining !== undefined ? { rateLimitRemaining: check.rateLimitRemaining } : {}),
    ...(check.error ? { lastError: check.error, lastErrorAt: now } : {}),
    consecutiveFailures: healthy ? 0 : health.consecutiveFailures,
  };
}

/** A probe while down failed again: the next probe waits longer. */
export function afterFailedProbe(health: ChannelHealth): ChannelHealth {
  return { ...health, consecutiveFailures: health.consecutiveFailures + 1 };
}

/**
 * Runs the adapter's healthCheck for a config and records it; never throws. `probe`: this is
 * the probe of a down channel (a failure lengthens the next probe's delay).
 */
export async function checkConfig(
  ctx: ActionCtx,
  config: Doc<"channelConfigs">,
  opts: { probe?: boolean } = {},
): Promise<HealthResult> {
  let result: HealthResult;
  const adapterCtx = await adapterContext(config);
  try {
    result = await getAdapter(config.provider).healthCheck(adapterCtx);
  } catch (error) {
    result = { state: "down", latencyMs: 0, error: error instanceof Error ? error.message : String(error) };
  }
  if (result.error) result = { ...result, error: redactSecrets(result.error, adapterCtx.credentials) };
  await ctx.runMutation(internal.channels.health.record, {
    channelConfigId: config._id,
    state: result.state,
    latencyMs: result.latencyMs,
    rateLimitRemaining: result.rateLimitRemaining,
    error: result.error,
    probe: opts.probe,
  });
  return result;
}

/**
 * Records a health check and drives the transitions around "down": a check that finds a channel
 * down (test connection, the cron) arms a probe; a failed probe arms the next one, later; a
 * healthy check of a channel that was not healthy flushes the held queue in order, and one that
 * ends an outage also reconciles inbound messages the provider could not deliver meanwhile.
 */
export const record = internalMutation({
  args: {
    channelConfigId: v.id("channelConfigs"),
    state: healthState,
    latencyMs: v.number(),
    rateLimitRemaining: v.optional(v.number()),
    error: v.optional(v.string()),
    probe: v.optional(v.boolean()),
  },
  handler: async (ctx, args) => {
    const config = await ctx.db.get(args.channelConfigId);
    if (!config) return;
    const now = Date.now();
    const healthy = args.state === "healthy";
    const wasDown = config.health.state === "down";
    const { channelConfigId: _id, probe, ...check } = args;
    let health = afterCheck(config.health, check, now);
    if (probe && wasDown && !healthy) health = afterFailedProbe(health);
    await ctx.db.patch(config._id, { health });
    if (!config.enabled) return;
    if (healthy && config.health.state !== "healthy") {
      // Back from down/degraded: flush what was held, in order.
      await ctx.scheduler.runAfter(0, internal.outbound.dispatch.run, { channelConfigId: config._id });
      if (wasDown && getDescriptor(config.provider).inboundList) {
        await ctx.scheduler.runAfter(0, internal.inbound.reconcile.run, { channelConfigId: config._id });
      }
    } else if (health.state === "down" && (!wasDown || probe)) {
      // Newly down (or a probe failed again): the next probe, with backoff.
      await ctx.scheduler.runAfter(0, internal.outbound.queue.arm, { channelConfigId: config._id });
    }
  },
});

/** While a channel is down, probes with backoff; a healthy probe releases the hold (record). */
export const probe = internalAction({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.runQuery(internal.outbound.queue.loadConfig, { channelConfigId });
    if (!config?.enabled || config.health.state !== "down") return null;
    const result = await checkConfig(ctx, config, { probe: true });
    return result.state;
  },
});

/** One page of enabled configs across organizations for the health cron (internal). */
export const configsPage = internalQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const page = await ctx.db.query("channelConfigs").paginate(paginationOpts);
    return {
      ...page,
      page: page.page.filter((c) => c.enabled && getDescriptor(c.provider).transport === "provider").map((c) => c._id),
    };
  },
});

/** Cron (every 5 minutes): healthCheck every enabled channel, page by page. */
export const checkAll = internalAction({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<number> => {
    const page: { page: Id<"channelConfigs">[]; isDone: boolean; continueCursor: string } = await ctx.runQuery(
      internal.channels.health.configsPage,
      {
        paginationOpts: { numItems: 50, cursor: cursor ?? null },
      },
    );
    for (const id of page.page) {
      const config = await ctx.runQuery(internal.outbound.queue.loadConfig, { channelConfigId: id });
      if (config) await checkConfig(ctx, config);
    }
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.channels.health.checkAll, { cursor: page.continueCursor });
    return page.page.length;
  },
});
