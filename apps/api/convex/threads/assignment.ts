import { v } from "convex/values";
import { fail, getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";
import { setAssignee } from "./workload";
/** Who works a thread: the members it can be assigned to, and the assignment itself. */

/** Members an agent can assign a thread to (bounded). */
export const listAssignees = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const me = ctx.member;
    const members = await ctx.db
      .query("members")
      .withIndex("by_org_user", (q) => q.eq("organizationId", organizationId))
      .take(200);
    return members.map((m) => ({
      _id: m._id,
      name: m.name ?? m.email,
      email: m.email,
      role: m.role,
      isMe: m._id === me._id,
    }));
  },
});

/** Assigns a thread to a member of the organization, or unassigns it (assigneeId null). */
export const assign = memberMutation({
  args: {
    threadId: v.id("conversationThreads"),
    assigneeId: v.union(v.id("members"), v.null()),
  },
  handler: async (ctx, { organizationId, threadId, assigneeId }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    if (assigneeId) {
      const m = await ctx.db.get(assigneeId);
      if (!m || m.organizationId !== organizationId) fail("not_found", "Not found");
    }
    await setAssignee(ctx, thread, assigneeId ?? undefined);
    return null;
  },
});
