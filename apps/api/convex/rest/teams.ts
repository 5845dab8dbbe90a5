/**
 * Teams and thread assignment behind REST API v1 (internal: the HTTP layer resolved the
 * organization from the API key; every id from the URL or body is checked against it, and an id
 * of another organization reads as "no such ..." exactly like an unknown one).
 */
import { v } from "convex/values";
import type { Id, TableNames } from "../_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { teamsOf } from "../threads/teams";
import { setAssignee } from "../threads/workload";
import { presentThread } from "./representations";

async function owned<T extends "conversationThreads" | "teams" | "members">(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  table: T & TableNames,
  rawId: string,
) {
  const id = ctx.db.normalizeId(table, rawId);
  const doc = id ? await ctx.db.get(id) : null;
  return doc && doc.organizationId === organizationId ? doc : null;
}

export const teams = internalQuery({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) =>
    (await teamsOf(ctx, organizationId)).map((t) => ({
      _id: t._id,
      name: t.name,
      policy: t.policy,
      channels: t.channels,
      leadMemberId: t.leadMemberId ?? null,
    })),
});

/**
 * Moves a thread to a team and/or assigns it (null clears either; an absent field is left as it
 * is). Everything named is checked before anything is written: null when any of it is unknown.
 */
export const updateThread = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    threadId: v.string(),
    teamId: v.optional(v.union(v.string(), v.null())),
    assigneeId: v.optional(v.union(v.string(), v.null())),
  },
  handler: async (ctx, { organizationId, threadId, teamId, assigneeId }) => {
    const thread = await owned(ctx, organizationId, "conversationThreads", threadId);
    if (!thread) return null;
    const team = teamId ? await owned(ctx, organizationId, "teams", teamId) : null;
    if (teamId && !team) return null;
    const member = assigneeId ? await owned(ctx, organizationId, "members", assigneeId) : null;
    if (assigneeId && !member) return null;
    if (teamId !== undefined) await ctx.db.patch(thread._id, { teamId: team?._id });
    if (assigneeId !== undefined) await setAssignee(ctx, thread, member?._id);
    const updated = await ctx.db.get(thread._id);
    return updated ? presentThread(updated) : null;
  },
});
