import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { getOwned } from "../lib/auth";
import { threadStatus } from "../schema/validators";
import { memberQuery } from "../lib/functions";

/** The inbox list: newest activity first, optionally one status; paginated through an index. */
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

/** Messages of a thread, oldest first within a page; paginate backwards from the newest. */
export const messages = memberQuery({
  args: {
    threadId: v.id("conversationThreads"),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, threadId, paginationOpts }) => {
    await getOwned(ctx, organizationId, threadId);
    return ctx.db
      .query("unifiedMessages")
      .withIndex("by_thread", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
      .order("desc")
      .paginate(paginationOpts);
  },
});
