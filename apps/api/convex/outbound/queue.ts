import type { HealthState } from "@switchboard/channels/ids";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx } from "../_generated/server";
import { afterPermanentFailure, afterRetryableFailure, afterSend } from "../channels/health";
import { emitStatusEvent, replayOrphanStatuses } from "../messages/status";
import { messageError } from "../schema/validators";
import { backoffMs, DISPATCH_BATCH, leaseMs, MAX_ATTEMPTS, probeDelayMs, WATCHDOG_GRACE_MS } from "./policy";

/** How many queued rows a claim looks at to find sendable ones (bounded). */
const CLAIM_WINDOW = DISPATCH_BATCH * 8;

export async function dispatchRow(ctx: MutationCtx, config: Doc<"channelConfigs">) {
  return ctx.db
    .query("outboundDispatch")
    .withIndex("by_config", (q) => q.eq("organizationId", config.organizationId).eq("channelConfigId", config._id))
    .first();
}

/** Wake the config's dispatcher now unless one is already running (it drains the queue). */
export async function kickDispatcher(ctx: MutationCtx, config: Doc<"channelConfigs">) {
  const row = await dispatchRow(ctx, config);
  const now = Date.now();
  if (row && row.leaseUntil > now) return;
  if (config.health.state === "down") return; // held: the probe flushes the queue when healthy
  await ctx.scheduler.runAfter(0, internal.outbound.dispatch.run, { channelConfigId: config._id });
}

/**
 * A scheduled job that has not started yet (a wake-up or watchdog still to come). A running job
 * is never cancelled: on Convex, cancelling an in-progress action also cancels whatever it
 * schedules afterwards (its own next wake-up).
 */
export async function isPending(ctx: MutationCtx, jobId: Id<"_scheduled_functions"> | undefined) {
  if (!jobId) return false;
  const job = await ctx.db.system.get(jobId);
  return job?.state.kind === "pending";
}

async function cancelIfPending(ctx: MutationCtx, jobId: Id<"_scheduled_functions"> | undefined) {
  if (jobId && (await isPending(ctx, jobId))) await ctx.scheduler.cancel(jobId);
}

/**
 * Holds the lease until `leaseUntil` and arms the watchdog: a dispatcher run scheduled at lease
 * expiry, in the same transaction. If this dispatcher is killed (kill -9, a deploy, an action
 * timeout) the watchdog takes over the queue without waiting for new traffic; a live dispatcher
 * renews the lease (and moves the watchdog) long before that.
 */
async function holdLease(ctx: MutationCtx, config: Doc<"channelConfigs">, row: Doc<"outboundDispatch"> | null) {
  const leaseUntil = Date.now() + leaseMs();
  if (row) await cancelIfPending(ctx, row.wakeJobId);
  const wakeAt = leaseUntil + WATCHDOG_GRACE_MS;
  const wakeJobId = await ctx.scheduler.runAt(wakeAt, internal.outbound.dispatch.run, { channelConfigId: config._id });
  if (row) await ctx.db.patch(row._id, { leaseUntil, wakeAt, wakeJobId });
  else {
    await ctx.db.insert("outboundDispatch", {
      organizationId: config.organizationId,
      channelConfigId: config._id,
      leaseUntil,
      wakeAt,
      wakeJobId,
    });
  }
  return leaseUntil;
}

/**
 * Takes the dispatcher lease for a config; returns its expiry, or null when another dispatcher
 * holds it. A fresh lease also returns messages a dead dispatcher left in `sending` to the
 * queue: at most the one it had in flight is sent twice (providers that take one get our
 * message id as idempotency key: Resend's Idempotency-Key; Twilio, Vonage and Meta take none).
 */
export const acquireLease = internalMutation({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }): Promise<number | null> => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return null;
    const row = await dispatchRow(ctx, config);
    if (row && row.leaseUntil > Date.now()) return null;
    const leaseUntil = await holdLease(ctx, config, row);
    const abandoned = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_config_status", (q) =>
        q.eq("organizationId", config.organizationId).eq("channelConfigId", channelConfigId).eq("status", "sending"),
      )
      .take(CLAIM_WINDOW);
    for (const m of abandoned) await ctx.db.patch(m._id, { status: "queued" });
    return leaseUntil;
  },
});

export interface ClaimedMessage {
  _id: Id<"unifiedMessages">;
  threadId: Id<"conversationThreads">;
  to: string;
  from: string;
  text: string;
  subject?: string;
  html?: string;
  attachments: Doc<"unifiedMessages">["attachments"];
  inReplyTo?: string[];
  emailMessageId?: string;
  template?: Doc<"unifiedMessages">["template"];
}

/**
 * The next sendable messages of a config, oldest first, marked `sending`. A message waiting for
 * its backoff blocks the later messages of its thread (order per thread), not other threads.
 * Returns `down` instead when the channel is down: outbound is held, never dropped.
 */
export const claimBatch = internalMutation({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config?.enabled) return { kind: "stop" as const };
    if (config.health.state === "down") return { kind: "down" as const };
    const now = Date.now();
    const queued = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_config_status", (q) =>
        q.eq("organizationId", config.organizationId).eq("channelConfigId", channelConfigId).eq("status", "queued"),
      )
      .take(CLAIM_WINDOW);
    const blocked = new Set<string>();
    const picked: ClaimedMessage[] = [];
    for (const m of queued) {
      if (picked.length >= DISPATCH_BATCH) break;
      if (blocked.has(m.threadId)) continue;
      if ((m.nextAttemptAt ?? 0) > now) {
        blocked.add(m.threadId);
        continue;
      }
      await ctx.db.patch(m._id, { status: "sending" });
      picked.push({
        _id: m._id,
        threadId: m.threadId,
        to: m.to,
        from: m.from,
        text: m.text,
        subject: m.subject,
        html: m.html,
        attachments: m.attachments,
        inReplyTo: m.inReplyTo,
        emailMessageId: m.emailMessageId,
        template: m.template,
      });
    }
    return { kind: "batch" as const, messages: picked };
  },
});

/** The config a dispatcher works for (ciphertext only; decrypted inside the action). */
export const loadConfig = internalQuery({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => ctx.db.get(channelConfigId),
});

const sendOutcome = v.union(
  v.object({
    ok: v.literal(true),
    externalMessageId: v.string(),
    status: v.union(v.literal("sent"), v.literal("delivered")),
    rateLimitRemaining: v.optional(v.number()),
    latencyMs: v.optional(v.number()),
  }),
  v.object({
    ok: v.literal(false),
    retryable: v.boolean(),
    error: messageError,
    retryAfterMs: v.optional(v.number()),
    rateLimitRemaining: v.optional(v.number()),
  }),
);

/**
 * Applies one send outcome: success -> `sent` (+ any status callback that beat us here);
 * retryable -> back to the queue with backoff, or `failed` once the budget is spent;
 * permanent -> `failed` with the provider's reason. Also feeds the channel's health.
 */
export const recordSendResult = internalMutation({
  args: { messageId: v.id("unifiedMessages"), outcome: sendOutcome },
  /** Returns the channel's health after this outcome, so the dispatcher knows when to stop. */
  handler: async (ctx, { messageId, outcome }): Promise<HealthState | null> => {
    const message = await ctx.db.get(messageId);
    if (message?.status !== "sending" || !message.channelConfigId) return null;
    const config = (await ctx.db.get(message.channelConfigId))!;
    const now = Date.now();
    const attempts = [...(message.attempts ?? [])];
    if (outcome.ok) {
      attempts.push({ at: now, ok: true });
      await ctx.db.patch(messageId, {
        status: outcome.status,
        externalMessageId: outcome.externalMessageId,
        attempts,
        nextAttemptAt: undefined,
        error: undefined,
        statusHistory: [...message.statusHistory, { status: outcome.status, at: now }],
      });
      await ctx.db.patch(config._id, { health: afterSend(config.health, outcome, now) });
      await emitStatusEvent(ctx, message, outcome.status, now);
      await replayOrphanStatuses(ctx, message, outcome.externalMessageId, now);
      return "healthy";
    }

    attempts.push({ at: now, ok: false, error: outcome.error.message });
    if (!outcome.retryable || attempts.filter((a) => !a.ok).length >= MAX_ATTEMPTS) {
      await ctx.db.patch(messageId, {
        status: "failed",
        attempts,
        nextAttemptAt: undefined,
        error: outcome.retryable
          ? { code: outcome.error.code, message: `Gave up after ${MAX_ATTEMPTS} attempts: ${outcome.error.message}` }
          : outcome.error,
        statusHistory: [...message.statusHistory, { status: "failed", at: now }],
      });
      await emitStatusEvent(ctx, message, "failed", now);
    } else {
      await ctx.db.patch(messageId, {
        status: "queued",
        attempts,
        nextAttemptAt: now + backoffMs(attempts.length, Math.random, outcome.retryAfterMs),
      });
    }
    if (outcome.retryable) {
      const health = afterRetryableFailure(config.health, outcome.error.message, outcome, now);
      await ctx.db.patch(config._id, { health });
      return health.state;
    }
    await ctx.db.patch(config._id, { health: afterPermanentFailure(config.health, outcome.error.message, now) });
    return config.health.state;
  },
});

/** Puts claimed-but-unsent messages back without counting an attempt (channel went down). */
export const requeue = internalMutation({
  args: { messageIds: v.array(v.id("unifiedMessages")) },
  handler: async (ctx, { messageIds }) => {
    for (const id of messageIds) {
      const m = await ctx.db.get(id);
      if (m?.status === "sending") await ctx.db.patch(id, { status: "queued" });
    }
  },
});

/**
 * Arms the config's next wake-up (replacing a pending one): a health probe when the channel is
 * down (backoff grows with each failed probe), else a dispatcher run at the earliest due message.
 * Nothing when the queue is empty or the channel disabled.
 */
export async function armWake(
  ctx: MutationCtx,
  config: Doc<"channelConfigs">,
  row: Doc<"outboundDispatch"> | null,
): Promise<boolean> {
  const now = Date.now();
  if (row) await cancelIfPending(ctx, row.wakeJobId);
  let wakeAt: number | undefined;
  let wakeJobId: Id<"_scheduled_functions"> | undefined;
  const channelConfigId = config._id;
  if (config.enabled && config.health.state === "down") {
    wakeAt = now + probeDelayMs(config.health.consecutiveFailures);
    wakeJobId = await ctx.scheduler.runAt(wakeAt, internal.channels.health.probe, { channelConfigId });
  } else if (config.enabled) {
    const byStatus = (status: "queued" | "sending") =>
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_config_status", (q) =>
          q.eq("organizationId", config.organizationId).eq("channelConfigId", channelConfigId).eq("status", status),
        );
    const queued = await byStatus("queued").take(CLAIM_WINDOW);
    if (queued.length > 0 || (await byStatus("sending").first())) {
      // `sending` without a lease: a dead dispatcher's claim, recovered by the next lease at once.
      wakeAt = queued.length ? Math.max(now, Math.min(...queued.map((m) => m.nextAttemptAt ?? now))) : now;
      wakeJobId = await ctx.scheduler.runAt(wakeAt, internal.outbound.dispatch.run, { channelConfigId });
    }
  }
  if (row && (row.wakeJobId !== wakeJobId || row.wakeAt !== wakeAt)) await ctx.db.patch(row._id, { wakeAt, wakeJobId });
  else if (!row && wakeJobId) {
    await ctx.db.insert("outboundDispatch", {
      organizationId: config.organizationId,
      channelConfigId,
      leaseUntil: 0,
      wakeAt,
      wakeJobId,
    });
  }
  return wakeJobId !== undefined;
}

/** Ends a dispatcher run: releases the lease (and its watchdog) and arms the next wake-up. */
export const releaseLease = internalMutation({
  // `held`: the expiry this dispatcher was given; a lease another dispatcher took since is theirs.
  args: { channelConfigId: v.id("channelConfigs"), held: v.number() },
  handler: async (ctx, { channelConfigId, held }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return;
    const row = await dispatchRow(ctx, config);
    if (row && row.leaseUntil !== held) return;
    if (row) await ctx.db.patch(row._id, { leaseUntil: 0 });
    await armWake(ctx, config, row && { ...row, leaseUntil: 0 });
  },
});

/**
 * Extends a live dispatcher's lease and moves its watchdog; returns the new expiry, or null when
 * the lease is no longer the one it `held` (it expired and the watchdog took it over): the
 * dispatcher must then stop, or two of them would send the same queue.
 */
export const renewLease = internalMutation({
  args: { channelConfigId: v.id("channelConfigs"), held: v.number() },
  handler: async (ctx, { channelConfigId, held }): Promise<number | null> => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return null;
    const row = await dispatchRow(ctx, config);
    if (!row || row.leaseUntil !== held) return null;
    return holdLease(ctx, config, row);
  },
});

/**
 * Re-arms a config's wake-up when no dispatcher holds the lease (a running dispatcher arms it
 * when it releases). Called when a health check turns a channel down, so a probe follows.
 */
export const arm = internalMutation({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return;
    const row = await dispatchRow(ctx, config);
    if (row && row.leaseUntil > Date.now()) return;
    await armWake(ctx, config, row);
  },
});
