import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "../lib/auth";
import { memberQuery } from "../lib/functions";

/**
 * Per-agent read state: one marker row per (thread, member) with the time up to which that member
 * has seen the thread. Written when the member opens a thread with something new in it (never per
 * message), read for unread badges and for the chat visitor's "read" receipts.
 */

/** Threads one `unread` call may ask about (one inbox page). */
export const MAX_UNREAD_THREADS = 100;
/** Unread messages counted per thread; beyond it the badge says "20+". */
export const MAX_UNREAD_COUNTED = 20;

async function markerOf(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  memberId: Id<"members">,
  threadId: Id<"conversationThreads">,
) {
  return ctx.db
    .query("threadReads")
    .withIndex("by_member_thread", (q) =>
      q.eq("organizationId", organizationId).eq("memberId", memberId).eq("threadId", threadId),
    )
    .first();
}

/** The member has seen everything in the thread; no write when the marker is already current. */
export async function markThreadRead(
  ctx: MutationCtx,
  memberId: Id<"members">,
  thread: Doc<"conversationThreads">,
  now: number,
): Promise<boolean> {
  const existing = await markerOf(ctx, thread.organizationId, memberId, thread._id);
  if (existing && existing.readAt >= thread.lastMessageAt) return false;
  // Message times may run slightly ahead of the clock (a sender's trusted time), so the marker
  // covers the newest message even then.
  const readAt = Math.max(now, thread.lastMessageAt);
  if (existing) await ctx.db.patch(existing._id, { readAt });
  else
    await ctx.db.insert("threadReads", {
      organizationId: thread.organizationId,
      threadId: thread._id,
      memberId,
      readAt,
    });
  return true;
}

/** When any agent last read the thread (the visitor's "read" receipt), or null. */
export async function lastReadByAgents(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  threadId: Id<"conversationThreads">,
): Promise<number | null> {
  const newest = await ctx.db
    .query("threadReads")
    .withIndex("by_thread_read", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
    .order("desc")
    .first();
  return newest?.readAt ?? null;
}

/**
 * The caller's unread state of some threads (an inbox page): inbound messages after their read
 * marker, counted up to MAX_UNREAD_COUNTED. A thread whose last inbound message is older than the
 * marker costs one read; threads of other organizations are left out.
 */
export const unread = memberQuery({
  args: { threadIds: v.array(v.id("conversationThreads")) },
  handler: async (ctx, { organizationId, threadIds }) => {
    if (threadIds.length > MAX_UNREAD_THREADS) fail("invalid_argument", `At most ${MAX_UNREAD_THREADS} threads`);
    const out: { threadId: Id<"conversationThreads">; unread: number; more: boolean }[] = [];
    for (const threadId of new Set(threadIds)) {
      const thread = await ctx.db.get(threadId);
      if (!thread || thread.organizationId !== organizationId) continue;
      const marker = await markerOf(ctx, organizationId, ctx.member._id, thread._id);
      const readAt = marker?.readAt ?? 0;
      if ((thread.lastInboundAt ?? 0) <= readAt) {
        out.push({ threadId, unread: 0, more: false });
        continue;
      }
      const newer = await ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread_sent", (q) =>
          q.eq("organizationId", organizationId).eq("threadId", thread._id).gt("sentAt", readAt),
        )
        .order("desc")
        .take(MAX_UNREAD_COUNTED + 1);
      const inbound = newer.filter((m) => m.direction === "inbound");
      out.push({
        threadId,
        unread: Math.min(inbound.length, MAX_UNREAD_COUNTED),
        more: inbound.length > MAX_UNREAD_COUNTED,
      });
    }
    return out;
  },
});
