import type { HealthState } from "@switchboard/channels/ids";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx } from "../_generated/server";
import { afterPermanentFailure, afterRetryableFailure, afterSend } from "../channels/health";
import { replayOrphanStatuses } from "../messages/status";
import { messageError } from "../schema/validators";
import { backoffMs, DISPATCH_BATCH, LEASE_MS, MAX_ATTEMPTS, probeDelayMs } from "./policy";

/** How many queued rows a claim looks at to find sendable ones (bounded). */
const CLAIM_WINDOW = DISPATCH_BATCH * 8;

async function dispatchRow(ctx: MutationCtx, config: Doc<"channelConfigs">) {
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
 * Takes the dispatcher lease for a config. A fresh lease also returns messages a crashed
 * dispatcher left in `sending` to the queue (at-least-once; providers get our message id as
 * idempotency key where they support one).
 */
export const acquireLease = internalMutation({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return false;
    const now = Date.now();
    const row = await dispatchRow(ctx, config);
    if (row && row.leaseUntil > now) return false;
    if (row) await ctx.db.patch(row._id, { leaseUntil: now + LEASE_MS });
    else {
      await ctx.db.insert("outboundDispatch", {
        organizationId: config.organizationId,
        channelConfigId,
        leaseUntil: now + LEASE_MS,
      });
    }
    const abandoned = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_config_status", (q) =>
        q.eq("organizationId", config.organizationId).eq("channelConfigId", channelConfigId).eq("status", "sending"),
      )
      .take(CLAIM_WINDOW);
    for (const m of abandoned) await ctx.db.patch(m._id, { status: "queued" });
    return true;
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
 * Ends a dispatcher run: releases the lease and arranges the next wake-up: now if sendable
 * work remains, at the earliest backoff otherwise, or a health probe when the channel is down.
 */
export const releaseLease = internalMutation({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return;
    const row = await dispatchRow(ctx, config);
    const now = Date.now();
    if (row?.wakeJobId) await ctx.scheduler.cancel(row.wakeJobId);
    let wakeAt: number | undefined;
    let wakeJobId: Id<"_scheduled_functions"> | undefined;
    if (config.enabled && config.health.state === "down") {
      wakeAt = now + probeDelayMs(config.health.consecutiveFailures);
      wakeJobId = await ctx.scheduler.runAt(wakeAt, internal.channels.health.probe, { channelConfigId });
    } else if (config.enabled) {
      const queued = await ctx.db
        .query("unifiedMessages")
        .withIndex("by_config_status", (q) =>
          q.eq("organizationId", config.organizationId).eq("channelConfigId", channelConfigId).eq("status", "queued"),
        )
        .take(CLAIM_WINDOW);
      if (queued.length > 0) {
        wakeAt = Math.max(now, Math.min(...queued.map((m) => m.nextAttemptAt ?? now)));
        wakeJobId = await ctx.scheduler.runAt(wakeAt, internal.outbound.dispatch.run, { channelConfigId });
      }
    }
    if (row) await ctx.db.patch(row._id, { leaseUntil: 0, wakeAt, wakeJobId });
  },
});

export const renewLease = internalMutation({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return;
    const row = await dispatchRow(ctx, config);
    if (row) await ctx.db.patch(row._id, { leaseUntil: Date.now() + LEASE_MS });
  },
});
