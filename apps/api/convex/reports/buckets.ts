/**
 * Report counters, maintained as messages and threads are written (threads/model.ts touchThread,
 * threads/threads.ts setStatus) and by the backfill (reports/backfill.ts). Each event adds to one
 * bucket per dimension: (organization, UTC day, channel | agent, shard). Hand-rolled buckets rather
 * than @convex-dev/aggregate: the report needs sums of several counters and whole histograms per
 * day and key, and a bucket row holds them all in one read, where the aggregate component would
 * need one tree (and one read path) per metric and cannot give a median filtered by day and channel.
 */
import type { ChannelId } from "@switchboard/channels/ids";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { addSample, emptyHistogram } from "./histogram";

/**
 * Writes of one day and key spread over this many rows (a busy channel's messages do not all write
 * one document). Every inbound message bumps its channel row and its agent row (mostly
 * "unassigned"), so concurrent ingest mutations conflict on these rows with a probability of about
 * 1/REPORT_SHARDS each: with 4, the bench's ingest at concurrency 32 re-ran about a third of its
 * mutations; today's rows are the only ones read at this multiplicity (compaction folds past days).
 */
export const REPORT_SHARDS = 16;
export const DAY_MS = 86_400_000;
export const UNASSIGNED = "unassigned";

export const dayOf = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** FNV-1a of an id: a stable shard per thread, so one conversation's writes stay on one row. */
export function shardOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % REPORT_SHARDS;
}

interface Delta {
  inbound?: number;
  outbound?: number;
  threadsCreated?: number;
  resolved?: number;
  inboundHour?: number;
  firstResponseMs?: number;
  resolutionMs?: number;
  csatScore?: number;
}

async function bump(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  dimension: "channel" | "agent",
  key: string,
  at: number,
  shardKey: string,
  delta: Delta,
) {
  const day = dayOf(at);
  const shard = shardOf(shardKey);
  const row = await ctx.db
    .query("reportBuckets")
    .withIndex("by_org_dimension_day", (q) =>
      q
        .eq("organizationId", organizationId)
        .eq("dimension", dimension)
        .eq("day", day)
        .eq("key", key)
        .eq("shard", shard),
    )
    .unique();
  const base = row ?? {
    inbound: 0,
    outbound: 0,
    threadsCreated: 0,
    resolved: 0,
    inboundByHour: undefined,
    firstResponse: emptyHistogram(),
    resolution: emptyHistogram(),
    csat: undefined,
  };
  // Busiest hours are read from the channel rows only; agent rows stay smaller without them.
  let inboundByHour = base.inboundByHour;
  if (dimension === "channel" && delta.inboundHour !== undefined) {
    inboundByHour = [...(inboundByHour ?? new Array(24).fill(0))];
    inboundByHour[delta.inboundHour]! += 1;
  }
  const csat =
    delta.csatScore === undefined
      ? base.csat
      : (() => {
          const c = base.csat ?? { count: 0, sum: 0, scores: [0, 0, 0, 0, 0] };
          const scores = [...c.scores];
          scores[delta.csatScore - 1]! += 1;
          return { count: c.count + 1, sum: c.sum + delta.csatScore, scores };
        })();
  const fields = {
    inbound: base.inbound + (delta.inbound ?? 0),
    outbound: base.outbound + (delta.outbound ?? 0),
    threadsCreated: base.threadsCreated + (delta.threadsCreated ?? 0),
    resolved: base.resolved + (delta.resolved ?? 0),
    ...(inboundByHour ? { inboundByHour } : {}),
    firstResponse:
      delta.firstResponseMs === undefined ? base.firstResponse : addSample(base.firstResponse, delta.firstResponseMs),
    resolution: delta.resolutionMs === undefined ? base.resolution : addSample(base.resolution, delta.resolutionMs),
    ...(csat ? { csat } : {}),
  };
  if (row) await ctx.db.patch(row._id, fields);
  else await ctx.db.insert("reportBuckets", { organizationId, dimension, day, key, shard, ...fields });
}

/** Adds one event to its channel bucket and its agent bucket. */
async function bumpBoth(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  channel: ChannelId,
  agent: string,
  at: number,
  shardKey: string,
  delta: Delta,
) {
  await bump(ctx, organizationId, "channel", channel, at, shardKey, delta);
  await bump(ctx, organizationId, "agent", agent, at, shardKey, delta);
}

/**
 * Since when live maintenance counts for this organization (created on its first counted event):
 * the backfill counts only older rows, so nothing is counted twice. Read by every event, written once.
 */
export async function liveSince(ctx: MutationCtx, organizationId: Id<"organizations">, now: number) {
  const state = await ctx.db
    .query("reportState")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .unique();
  if (state) return state;
  const id = await ctx.db.insert("reportState", { organizationId, liveSince: now });
  return (await ctx.db.get(id))!;
}

export interface MessageEvent {
  channel: ChannelId;
  direction: "inbound" | "outbound";
  at: number;
  authorMemberId?: Id<"members">;
}

/**
 * Counts a message landing in `thread` (the thread as it was before the message): volume, busiest
 * hours, a thread's creation, and its first response (first reply after the first inbound message).
 */
export async function countMessage(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  msg: MessageEvent,
  opts: { countCreation: boolean },
) {
  const organizationId = thread.organizationId;
  const inbound = msg.direction === "inbound";
  const agent = (inbound ? undefined : msg.authorMemberId) ?? thread.assigneeId ?? UNASSIGNED;
  const marks = await ctx.db
    .query("threadMetrics")
    .withIndex("by_thread", (q) => q.eq("organizationId", organizationId).eq("threadId", thread._id))
    .unique();
  let firstResponseMs: number | undefined;
  if (inbound) {
    if (!marks)
      await ctx.db.insert("threadMetrics", {
        organizationId,
        threadId: thread._id,
        channel: msg.channel,
        firstInboundAt: msg.at,
      });
    else if (marks.firstInboundAt === undefined) await ctx.db.patch(marks._id, { firstInboundAt: msg.at });
  } else if (marks?.firstInboundAt !== undefined && marks.firstResponseAt === undefined) {
    firstResponseMs = Math.max(0, msg.at - marks.firstInboundAt);
    await ctx.db.patch(marks._id, { firstResponseAt: msg.at });
  }
  await bumpBoth(ctx, organizationId, msg.channel, agent, msg.at, thread._id, {
    ...(inbound ? { inbound: 1, inboundHour: new Date(msg.at).getUTCHours() } : { outbound: 1 }),
    ...(opts.countCreation ? { threadsCreated: 1 } : {}),
    firstResponseMs,
  });
}

/** The live hook for every message written to a thread (threads/model.ts touchThread). */
export async function recordMessage(ctx: MutationCtx, thread: Doc<"conversationThreads">, msg: MessageEvent) {
  await liveSince(ctx, thread.organizationId, Date.now());
  await countMessage(ctx, thread, msg, { countCreation: thread.messageCount === 0 });
}

/** Counts a thread's resolution at `at`: resolution time since the thread was created. */
export async function countResolution(ctx: MutationCtx, thread: Doc<"conversationThreads">, at: number) {
  await bumpBoth(ctx, thread.organizationId, thread.lastChannel, thread.assigneeId ?? UNASSIGNED, at, thread._id, {
    resolved: 1,
    resolutionMs: Math.max(0, at - thread.createdAt),
  });
}

/** A thread's creation, for the backfill (the live path counts it with the thread's first message). */
export async function countCreation(ctx: MutationCtx, thread: Doc<"conversationThreads">) {
  await bumpBoth(
    ctx,
    thread.organizationId,
    thread.lastChannel,
    thread.assigneeId ?? UNASSIGNED,
    thread.createdAt,
    thread._id,
    {
      threadsCreated: 1,
    },
  );
}

/** The live hook for a thread being resolved (threads/threads.ts setStatus to "closed"). */
export async function recordResolution(ctx: MutationCtx, thread: Doc<"conversationThreads">, at: number) {
  await liveSince(ctx, thread.organizationId, Date.now());
  await countResolution(ctx, thread, at);
}

/** A customer's rating (1-5) of a thread, for the CSAT work: counted on the thread's channel and assignee. */
export async function recordCsat(ctx: MutationCtx, thread: Doc<"conversationThreads">, score: number, at: number) {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new Error("CSAT score must be 1-5");
  await liveSince(ctx, thread.organizationId, Date.now());
  await bumpBoth(ctx, thread.organizationId, thread.lastChannel, thread.assigneeId ?? UNASSIGNED, at, thread._id, {
    csatScore: score,
  });
}
