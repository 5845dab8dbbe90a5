import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { ADMIN_ROLES, fail, getOwned, requireMember } from "../lib/auth";
import { adminMutation, memberMutation, memberQuery } from "../lib/functions";
import { type MemberRole, memberRole } from "../schema/validators";
import { forgetTeamMember } from "../threads/teams";
import { forgetWorkload } from "../threads/workload";
import { MAX_MEMBERS_PER_ORG, otherOwners } from "./model";

/**
 * Members and invitations. Roles: owner/admin manage members and settings; agents work the inbox
 * and contacts. Only an owner can grant, change or remove the owner role, and an organization
 * always keeps at least one owner.
 */

/** Members of the organization (every role: agents need them to assign threads). */
export const list = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const me = ctx.member;
    const members = await ctx.db
      .query("members")
      .withIndex("by_org_user", (q) => q.eq("organizationId", organizationId))
      .take(MAX_MEMBERS_PER_ORG);
    const rank: Record<MemberRole, number> = { owner: 0, admin: 1, agent: 2 };
    return members
      .map((m) => ({
        _id: m._id,
        email: m.email,
        name: m.name,
        role: m.role,
        createdAt: m.createdAt,
        isMe: m._id === me._id,
      }))
      .sort((a, b) => rank[a.role] - rank[b.role] || (a.name ?? a.email).localeCompare(b.name ?? b.email));
  },
});

export const setRole = adminMutation({
  args: { memberId: v.id("members"), role: memberRole },
  handler: async (ctx, { organizationId, memberId, role }) => {
    const me = ctx.member;
    const target = await getOwned(ctx, organizationId, memberId);
    if (target.role === role) return;
    if ((target.role === "owner" || role === "owner") && me.role !== "owner") {
      fail("forbidden", "Only an owner can grant or change the owner role");
    }
    if (target.role === "owner" && (await otherOwners(ctx, organizationId, target._id)).length === 0) {
      fail("conflict", "An organization needs at least one owner: make someone else owner first");
    }
    await ctx.db.patch(memberId, { role });
  },
});

/**
 * Removes a member (owner/admin; only owners remove owners). Any member may remove themselves
 * (leave). The last owner can't be removed. Threads assigned to the member become unassigned.
 */
export const remove = memberMutation({
  args: { memberId: v.id("members") },
  handler: async (ctx, { organizationId, memberId }) => {
    const me = ctx.member;
    const target = await getOwned(ctx, organizationId, memberId);
    const self = target._id === me._id;
    if (!self && !ADMIN_ROLES.includes(me.role))
      fail("forbidden", `This needs one of the roles: ${ADMIN_ROLES.join(", ")}`);
    if (!self && target.role === "owner" && me.role !== "owner") fail("forbidden", "Only an owner can remove an owner");
    if (target.role === "owner" && (await otherOwners(ctx, organizationId, target._id)).length === 0) {
      fail("conflict", "An organization needs at least one owner: make someone else owner first");
    }
    await ctx.db.delete(target._id);
    // Bounded batches; a member with more assigned threads keeps the rest until reassigned.
    const assigned = await ctx.db
      .query("conversationThreads")
      .withIndex("by_org_assignee_last", (q) => q.eq("organizationId", organizationId).eq("assigneeId", target._id))
      .take(500);
    for (const thread of assigned) await ctx.db.patch(thread._id, { assigneeId: undefined });
    await forgetTeamMember(ctx, organizationId, target._id);
    await forgetWorkload(ctx, organizationId, target._id);
  },
});

/** For the action builders (lib/functions.ts): the caller's membership with one of `roles`. */
export const requireCaller = internalQuery({
  args: { organizationId: v.id("organizations"), roles: v.array(memberRole) },
  handler: async (ctx, { organizationId, roles }) => requireMember(ctx, organizationId, roles),
});
