import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { internalQuery, type QueryCtx } from "../_generated/server";
import { ADMIN_ROLES, fail, requireMember } from "../lib/auth";
import { adminMutation, adminQuery, memberMutation, memberQuery, signedInQuery, userMutation, userQuery } from "../lib/functions";
import { memberRole, type MemberRole } from "../schema/validators";
import { acceptInvitation, createInvitation, type AcceptedInvitation } from "./invitations";
import {
  MAX_MEMBERS_PER_ORG,
  MAX_MEMBERSHIPS_PER_USER,
  MAX_PENDING_INVITES_PER_ORG,
  invitationFromToken,
  membershipOf,
  otherOwners,
} from "./lib";

/**
 * Members and invitations. Roles: owner/admin manage members and settings; agents work the inbox
 * and contacts. Only an owner can grant, change or remove the owner role, and an organization
 * always keeps at least one owner.
 */

/** The caller's organizations (no organization argument: this is how the dashboard picks one). */
export const myOrganizations = signedInQuery({
  args: {},
  handler: async (ctx) => {
    const memberships = await ctx.db
      .query("members")
      .withIndex("by_user", (q) => q.eq("userId", ctx.tokenIdentifier))
      .take(MAX_MEMBERSHIPS_PER_USER);
    const orgs = await Promise.all(
      memberships.map(async (m) => {
        const org = await ctx.db.get(m.organizationId);
        return org ? { _id: org._id, name: org.name, slug: org.slug, role: m.role, memberId: m._id } : null;
      }),
    );
    return orgs
      .filter((o): o is NonNullable<typeof o> => o !== null)
      .sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
  },
});

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

/** Pending invitations (owner/admin). */
export const listInvites = adminQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const now = Date.now();
    const pending = await ctx.db
      .query("invitations")
      .withIndex("by_org_status", (q) => q.eq("organizationId", organizationId).eq("status", "pending"))
      .order("desc")
      .take(MAX_PENDING_INVITES_PER_ORG);
    return pending.map((i) => ({
      _id: i._id,
      email: i.email,
      role: i.role,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
      expired: i.expiresAt <= now,
    }));
  },
});

/**
 * Invites an email address (owner/admin; only owners can invite owners). Returns the invitation
 * link token, shown to the admin to send: `<dashboard>/invite/<token>`. It is only valid for that
 * email address, for 7 days, and until revoked. Re-inviting renews the pending invitation.
 */
export const invite = adminMutation({
  args: { email: v.string(), role: memberRole },
  handler: async (ctx, { organizationId, email, role }) => {
    const me = ctx.member;
    if (role === "owner" && me.role !== "owner") fail("forbidden", "Only an owner can invite another owner");
    return createInvitation(ctx, { organizationId, email, role, invitedBy: me._id });
  },
});

export const revokeInvite = adminMutation({
  args: { invitationId: v.id("invitations") },
  handler: async (ctx, { organizationId, invitationId }) => {
    const me = ctx.member;
    const invitation = await ctx.db.get(invitationId);
    if (!invitation || invitation.organizationId !== organizationId) fail("not_found", "Not found");
    if (invitation.role === "owner" && me.role !== "owner") fail("forbidden", "Only an owner can revoke an owner invitation");
    if (invitation.status === "pending") await ctx.db.patch(invitationId, { status: "revoked" });
  },
});

async function targetMember(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  memberId: Id<"members">,
) {
  const target = await ctx.db.get(memberId);
  if (!target || target.organizationId !== organizationId) fail("not_found", "Not found");
  return target;
}

export const setRole = adminMutation({
  args: { memberId: v.id("members"), role: memberRole },
  handler: async (ctx, { organizationId, memberId, role }) => {
    const me = ctx.member;
    const target = await targetMember(ctx, organizationId, memberId);
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
    const target = await targetMember(ctx, organizationId, memberId);
    const self = target._id === me._id;
    if (!self && !ADMIN_ROLES.includes(me.role)) fail("forbidden", `This needs one of the roles: ${ADMIN_ROLES.join(", ")}`);
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
  },
});

/**
 * Accepts invitations for the signed-in user and returns the organizations joined.
 * - `token` (from an invitation link): that invitation, if it was sent to the user's email.
 * - Every pending invitation to the user's email, but only once that address is verified: an
 *   unverified email alone proves nothing (anyone can sign up with any address).
 */
export const acceptInvites = userMutation({
  args: { token: v.optional(v.string()) },
  handler: async (ctx, { token }): Promise<{ accepted: AcceptedInvitation[] }> => {
    const user = ctx.user;
    const accepted: AcceptedInvitation[] = [];
    const now = Date.now();
    if (token !== undefined) {
      const invitation = await invitationFromToken(ctx, token.trim());
      if (!invitation) fail("not_found", "This invitation link is not valid");
      if (invitation.email !== user.email) {
        fail("forbidden", `This invitation was sent to ${invitation.email}; sign in with that address to accept it`);
      }
      if (invitation.status === "revoked") fail("not_found", "This invitation was revoked");
      if (invitation.status === "accepted") {
        if (invitation.acceptedBy !== user.tokenIdentifier) fail("conflict", "This invitation was already used");
        // Opening the link again: report the organization so the dashboard can switch to it.
        const org = await ctx.db.get(invitation.organizationId);
        const membership = org ? await membershipOf(ctx, org._id, user.tokenIdentifier) : null;
        if (org && membership) accepted.push({ organizationId: org._id, name: org.name, slug: org.slug, role: membership.role });
      } else {
        if (invitation.expiresAt <= now) fail("conflict", "This invitation has expired; ask for a new one");
        const result = await acceptInvitation(ctx, invitation, user);
        if (result) accepted.push(result);
      }
    }
    if (user.emailVerified) {
      const pending = await ctx.db
        .query("invitations")
        .withIndex("by_email_status", (q) => q.eq("email", user.email).eq("status", "pending"))
        .take(50);
      for (const invitation of pending) {
        if (invitation.expiresAt <= now) continue;
        const result = await acceptInvitation(ctx, invitation, user);
        if (result) accepted.push(result);
      }
    }
    return { accepted };
  },
});

/** What an invitation link is for (signed-in users; the link itself is the secret). */
export const invitation = userQuery({
  args: { token: v.string() },
  handler: async (ctx, { token }) => {
    const user = ctx.user;
    const invitation = await invitationFromToken(ctx, token.trim());
    if (!invitation) return null;
    const org = await ctx.db.get(invitation.organizationId);
    if (!org) return null;
    return {
      organizationName: org.name,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      expired: invitation.expiresAt <= Date.now(),
      forMe: invitation.email === user.email,
      acceptedByMe: invitation.acceptedBy === user.tokenIdentifier,
    };
  },
});

/** For the action builders (lib/functions.ts): the caller's membership with one of `roles`. */
export const requireCaller = internalQuery({
  args: { organizationId: v.id("organizations"), roles: v.array(memberRole) },
  handler: async (ctx, { organizationId, roles }) => requireMember(ctx, organizationId, roles),
});
