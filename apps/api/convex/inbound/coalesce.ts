import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { runDownstreamHooks } from "./hooks";

export const DEFAULT_COALESCE_WINDOW_MS = 30_000;
export const DEFAULT_COALESCE_MAX_MS = 120_000;
/** Upper bound of messages handed to hooks in one burst; the rest start the next burst. */
export const MAX_BURST_MESSAGES = 500;

/**
 * Debounce per thread: the first inbound message opens a batch due `window` later; each further
 * message pushes the due time to now + window, but never past since + max (the hard cap), so a
 * chatty contact cannot starve the hooks.
 */
export async function noteInboundForHooks(
  ctx: MutationCtx,
  org: Doc<"organizations">,
  thread: Doc<"conversationThreads">,
  messageCreationTime: number,
  now: number,
) {
  const windowMs = org.coalesceWindowMs ?? DEFAULT_COALESCE_WINDOW_MS;
  const maxMs = org.coalesceMaxMs ?? DEFAULT_COALESCE_MAX_MS;
  const current = thread.coalesce;
  if (!current) {
    const dueAt = now + windowMs;
    const jobId = await ctx.scheduler.runAt(dueAt, internal.inbound.coalesce.flush, { threadId: thread._id });
    await ctx.db.patch(thread._id, { coalesce: { since: messageCreationTime, dueAt, count: 1, jobId } });
    return;
  }
  const dueAt = Math.min(now + windowMs, current.since + maxMs);
  if (dueAt > current.dueAt) {
    await ctx.scheduler.cancel(current.jobId);
    const jobId = await ctx.scheduler.runAt(dueAt, internal.inbound.coalesce.flush, { threadId: thread._id });
    await ctx.db.patch(thread._id, { coalesce: { ...current, dueAt, jobId, count: current.count + 1 } });
  } else {
    await ctx.db.patch(thread._id, { coalesce: { ...current, count: current.count + 1 } });
  }
}

export const flush = internalMutation({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { threadId }) => {
    const thread = await ctx.db.get(threadId);
    if (!thread?.coalesce) return null;
    const { since } = thread.coalesce;
    const messages = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_thread", (q) =>
        q.eq("organizationId", thread.organizationId).eq("threadId", threadId).gte("_creationTime", since),
      )
      .filter((q) => q.eq(q.field("direction"), "inbound"))
      .take(MAX_BURST_MESSAGES);
    await ctx.db.patch(threadId, { coalesce: undefined });
    if (messages.length === 0) return null;
    const now = Date.now();
    const hookRunId = await runDownstreamHooks(ctx, {
      organizationId: thread.organizationId,
      threadId,
      messageIds: messages.map((m) => m._id),
      firstAt: since,
      now,
    });
    // A burst larger than the cap continues in a follow-up batch instead of being dropped.
    if (messages.length === MAX_BURST_MESSAGES) {
      const last = messages[messages.length - 1]!;
      const jobId = await ctx.scheduler.runAfter(0, internal.inbound.coalesce.flush, { threadId });
      await ctx.db.patch(threadId, {
        // _creationTime has sub-millisecond precision, so +1µs starts strictly after `last`.
        coalesce: { since: last._creationTime + 0.001, dueAt: now, count: 0, jobId },
      });
    }
    return hookRunId;
  },
});
