import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";

/**
 * The caller's own in-app notifications (a teammate mentioned them in a note, a thread of theirs
 * breached its SLA). Every read is of
 * the caller's rows only (index by organization + member); another member's notification is
 * not_found.
 */

const MAX_LISTED = 50;
/** The unread badge counts up to this many ("99+" beyond). */
export const MAX_UNREAD_COUNTED = 100;
const MARK_ALL_BATCH = 200;

/** Notifies a member (the one way notifications are written): unread, as of `at`. */
export async function notifyMember(
  ctx: MutationCtx,
  notification: Omit<Doc<"notifications">, "_id" | "_creationTime" | "createdAt" | "unread" | "readAt">,
  at: number,
) {
  await ctx.db.insert("notifications", { ...notification, createdAt: at, unread: true });
}

export const list = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const rows = await ctx.db
      .query("notifications")
      .withIndex("by_member_created", (q) => q.eq("organizationId", organizationId).eq("memberId", ctx.member._id))
      .order("desc")
      .take(MAX_LISTED);
    const threads = await Promise.all(rows.map((n) => ctx.db.get(n.threadId)));
    const contacts = await Promise.all(threads.map((t) => (t ? ctx.db.get(t.contactId) : null)));
    return rows.map((n, i) => ({ ...n, contactName: contacts[i]?.displayName ?? null }));
  },
});

export const unreadCount = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const unread = await ctx.db
      .query("notifications")
      .withIndex("by_member_unread", (q) =>
        q.eq("organizationId", organizationId).eq("memberId", ctx.member._id).eq("unread", true),
      )
      .take(MAX_UNREAD_COUNTED);
    return unread.length;
  },
});

export const markRead = memberMutation({
  args: { notificationId: v.id("notifications") },
  handler: async (ctx, { organizationId, notificationId }) => {
    const n = await getOwned(ctx, organizationId, notificationId);
    // Another member's notification looks like none at all.
    if (n.memberId !== ctx.member._id) fail("not_found", "Not found");
    if (n.unread) await ctx.db.patch(n._id, { readAt: Date.now(), unread: false });
    return null;
  },
});

/** Marks up to MARK_ALL_BATCH unread notifications read; returns how many (call again while it is the batch size). */
export const markAllRead = memberMutation({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const unread = await ctx.db
      .query("notifications")
      .withIndex("by_member_unread", (q) =>
        q.eq("organizationId", organizationId).eq("memberId", ctx.member._id).eq("unread", true),
      )
      .take(MARK_ALL_BATCH);
    const now = Date.now();
    for (const n of unread) await ctx.db.patch(n._id, { readAt: now, unread: false });
    return unread.length;
  },
});
