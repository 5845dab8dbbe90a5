/**
 * Probe for the `restart at scale` benchmark (copied into the private functions folder only):
 * the queries answered right after a restart over 1M messages / 100k contacts.
 */
import { v } from "convex/values";
import { internalQuery } from "../_generated/server";

/** A thread's latest 50 messages and its contact (what opening a conversation reads). */
export const openThread = internalQuery({
  args: { organizationId: v.id("organizations"), threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    const thread = await ctx.db.get(threadId);
    if (!thread) return null;
    const messages = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_thread_sent", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
      .order("desc")
      .take(50);
    const contact = await ctx.db.get(thread.contactId);
    return { contact: contact?.displayName ?? null, messages: messages.length };
  },
});

/** The inbox's first page: 25 most recent threads of the organization. */
export const inboxPage = internalQuery({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const threads = await ctx.db
      .query("conversationThreads")
      .withIndex("by_org_last", (q) => q.eq("organizationId", organizationId))
      .order("desc")
      .take(25);
    return threads.length;
  },
});
