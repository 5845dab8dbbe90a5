import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";
import { withAttachmentViews } from "../messages/attachments";
import { reactionsOf } from "../messages/reactions";
import { threadStatus } from "../schema/validators";
import { changeThreadStatus } from "./model";
import { markThreadRead } from "./reads";

/** The inbox list: newest activity first, optionally one status; paginated through an index. */
/** Longest snooze: a year (a later date is almost certainly a typo). */
const MAX_SNOOZE_MS = 365 * 24 * 60 * 60 * 1000;

export const list = memberQuery({
  args: {
    status: v.optional(threadStatus),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, status, paginationOpts }) => {
    const page = await (status
      ? ctx.db
          .query("conversationThreads")
          .withIndex("by_org_status_last", (q) => q.eq("organizationId", organizationId).eq("status", status))
      : ctx.db.query("conversationThreads").withIndex("by_org_last", (q) => q.eq("organizationId", organizationId))
    )
      .order("desc")
      .paginate(paginationOpts);
    const contacts = await Promise.all(page.page.map((t) => ctx.db.get(t.contactId)));
    return {
      ...page,
      page: page.page.map((thread, i) => ({
        ...thread,
        contactName: contacts[i]?.displayName ?? "Unknown contact",
      })),
    };
  },
});

export const get = memberQuery({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    const contact = await ctx.db.get(thread.contactId);
    return { ...thread, contact };
  },
});

/** Messages of a thread by their trusted time, newest first; paginate backwards from the newest. */
export const listMessages = memberQuery({
  args: {
    threadId: v.id("conversationThreads"),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, threadId, paginationOpts }) => {
    await getOwned(ctx, organizationId, threadId);
    const result = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_thread_sent", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
      .order("desc")
      .paginate(paginationOpts);
    // Attachments as views (stored copies only, remote URLs as links: messages/attachments.ts);
    // reactions belong to the message they react to (never a timeline entry of their own).
    return {
      ...result,
      page: await Promise.all(
        result.page.map(async (m) => ({
          ...(await withAttachmentViews(ctx, m)),
          reactions: await reactionsOf(ctx, m),
        })),
      ),
    };
  },
});

/** Snoozes a thread until a time; it re-opens then (or earlier, when the contact writes). */
export const snooze = memberMutation({
  args: { threadId: v.id("conversationThreads"), until: v.number() },
  handler: async (ctx, { organizationId, threadId, until }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    const now = Date.now();
    if (!Number.isFinite(until) || until <= now) fail("invalid_argument", "Snooze until a time in the future");
    if (until - now > MAX_SNOOZE_MS) fail("invalid_argument", "Snooze for at most a year");
    await snoozeThread(ctx, thread, until);
    return null;
  },
});

/** Snoozes a checked thread and schedules its wake-up (the inbox and the demo seed). */
export async function snoozeThread(ctx: MutationCtx, thread: Doc<"conversationThreads">, until: number) {
  await changeThreadStatus(ctx, thread, "snoozed", { snoozedUntil: until });
  await ctx.scheduler.runAt(until, internal.threads.threads.wake, { threadId: thread._id, until });
}

/** Internal: re-opens a snoozed thread when its snooze ends (unless something changed it since). */
export const wake = internalMutation({
  args: { threadId: v.id("conversationThreads"), until: v.number() },
  handler: async (ctx, { threadId, until }) => {
    const thread = await ctx.db.get(threadId);
    if (thread?.status !== "snoozed" || thread.snoozedUntil !== until) return null;
    await ctx.db.patch(thread._id, { status: "open", snoozedUntil: undefined });
    return null;
  },
});

/** Sets a thread's status: close, re-open, or mark pending. Snoozing goes through `snooze`. */
export const setStatus = memberMutation({
  args: {
    threadId: v.id("conversationThreads"),
    status: v.union(v.literal("open"), v.literal("pending"), v.literal("closed")),
  },
  handler: async (ctx, { organizationId, threadId, status }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    await changeThreadStatus(ctx, thread, status, { snoozedUntil: undefined });
    return null;
  },
});

/**
 * The caller has read the thread: their own read marker moves (threads/reads.ts: their unread
 * badge, and the chat visitor's "read" receipt) and the thread's shared unread count goes to 0.
 */
export const markRead = memberMutation({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    if (thread.unreadCount !== 0) await ctx.db.patch(thread._id, { unreadCount: 0 });
    await markThreadRead(ctx, ctx.member._id, thread, Date.now());
    return null;
  },
});
