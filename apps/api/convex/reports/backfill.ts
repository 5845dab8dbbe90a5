/**
 * Backfill: counts the messages and threads an organization had before live maintenance started
 * (reportState.liveSince), in bounded, resumable steps: each step reads one page, records its
 * cursor in reportBackfills and schedules the next, so a crash or redeploy resumes where it stopped.
 * Run it with `npx convex run reports/backfill:start '{"organizationId":"..."}'`.
 *
 * Messages are walked per contact in creation order, so a thread's first inbound message is seen
 * before its first reply. Resolution times of threads closed before liveSince are estimated from
 * the thread's last message (no resolution time was stored back then).
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type QueryCtx } from "../_generated/server";
import { countCreation, countMessage, countResolution, liveSince } from "./buckets";

/** Rows per step: each message costs a few bucket reads and writes, well inside a transaction's limits. */
export const BACKFILL_PAGE = 200;

const progressOf = (ctx: QueryCtx, organizationId: Id<"organizations">) =>
  ctx.db
    .query("reportBackfills")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .unique();

export const start = internalMutation({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    await liveSince(ctx, organizationId, Date.now());
    // Running, or done: counted once (a second run would count twice).
    if (await progressOf(ctx, organizationId)) return null;
    await ctx.db.insert("reportBackfills", { organizationId, phase: "messages", processed: 0, startedAt: Date.now() });
    await ctx.scheduler.runAfter(0, internal.reports.backfill.step, { organizationId });
    return null;
  },
});

export const step = internalMutation({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const state = await liveSince(ctx, organizationId, Date.now());
    const progress = await progressOf(ctx, organizationId);
    if (!progress || progress.phase === "done") return null;
    const cutoff = state.liveSince;
    let processed = progress.processed;
    let next: Partial<Doc<"reportBackfills">>;
    if (progress.phase === "messages") {
      const page = await ctx.db
        .query("unifiedMessages")
        .withIndex("by_contact", (q) => q.eq("organizationId", organizationId))
        .paginate({ cursor: progress.cursor ?? null, numItems: BACKFILL_PAGE });
      for (const message of page.page) {
        if (message._creationTime >= cutoff) continue;
        const thread = await ctx.db.get(message.threadId);
        if (!thread) continue;
        await countMessage(
          ctx,
          thread,
          {
            channel: message.channel,
            direction: message.direction,
            at: message.sentAt,
            authorMemberId: message.authorMemberId,
          },
          { countCreation: false },
        );
        processed++;
      }
      next = page.isDone
        ? { phase: "threads", cursor: undefined, processed }
        : { cursor: page.continueCursor, processed };
    } else {
      const page = await ctx.db
        .query("conversationThreads")
        .withIndex("by_org_last", (q) => q.eq("organizationId", organizationId))
        .paginate({ cursor: progress.cursor ?? null, numItems: BACKFILL_PAGE });
      for (const thread of page.page) {
        if (thread._creationTime >= cutoff) continue;
        await countCreation(ctx, thread);
        if (thread.status === "closed" && thread.lastMessageAt < cutoff)
          await countResolution(ctx, thread, thread.lastMessageAt);
        processed++;
      }
      next = page.isDone
        ? { phase: "done", cursor: undefined, processed, finishedAt: Date.now() }
        : { cursor: page.continueCursor, processed };
    }
    await ctx.db.patch(progress._id, next);
    if (next.phase !== "done") await ctx.scheduler.runAfter(0, internal.reports.backfill.step, { organizationId });
    return null;
  },
});
