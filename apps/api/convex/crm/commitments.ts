import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";
import { commitmentStatus } from "../schema/crm";
/** Commitments extracted from messages ("I will send the quote by Friday"): list and close them. */

/** Commitments (open by default), soonest deadline first; of one contact or the whole organization. */
export const list = memberQuery({
  args: {
    contactId: v.optional(v.id("contacts")),
    status: v.optional(commitmentStatus),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, contactId, status, paginationOpts }) => {
    const s = status ?? "open";
    if (contactId) await getOwned(ctx, organizationId, contactId);
    const page = await (contactId
      ? ctx.db
          .query("commitments")
          .withIndex("by_contact_status", (q) =>
            q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", s),
          )
      : ctx.db
          .query("commitments")
          .withIndex("by_status_due", (q) => q.eq("organizationId", organizationId).eq("status", s))
    ).paginate(paginationOpts);
    const now = Date.now();
    return {
      ...page,
      page: page.page.map((c) => ({ ...c, overdue: c.status === "open" && c.dueAt !== undefined && c.dueAt < now })),
    };
  },
});

/** Marks a commitment done (or re-opens it). */
export const setDone = memberMutation({
  args: { commitmentId: v.id("commitments"), done: v.optional(v.boolean()) },
  handler: async (ctx, { organizationId, commitmentId, done }) => {
    const member = ctx.member;
    const c = await getOwned(ctx, organizationId, commitmentId);
    if (done === false) {
      await ctx.db.patch(c._id, {
        status: "open",
        doneAt: undefined,
        doneByMemberId: undefined,
        doneByMessageId: undefined,
        doneEvidence: undefined,
      });
    } else {
      if (c.status === "done") return null;
      await ctx.db.patch(c._id, {
        status: "done",
        doneAt: Date.now(),
        doneByMemberId: member._id,
        doneEvidence: "marked done",
      });
    }
    return null;
  },
});
