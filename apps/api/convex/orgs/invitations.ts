import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail } from "../lib/auth";
import { adminMutation, adminQuery, userMutation, userQuery } from "../lib/functions";
import { type MemberRole, memberRole } from "../schema/validators";
import {
  INVITATION_TTL_MS,
  invitationFromToken,
  invitationToken,
  MAX_MEMBERSHIPS_PER_USER,
  MAX_PENDING_INVITES_PER_ORG,
  membershipOf,
  normalizeEmail,
  type SignedInUser,
} from "./model";

/**
 * Creates (or renews) the pending invitation of `email` into an organization. Inviting an address
 * that already has a pending invitation updates its role and expiry and returns a fresh link.
 */
export async function createInvitation(
  ctx: MutationCtx,
  args: { organizationId: Id<"organizations">; email: string; role: MemberRole; invitedBy: Id<"members"> | undefined },
): Promise<{ invitationId: Id<"invitations">; token: string; email: string; expiresAt: number }> {
  const email = normalizeEmail(args.email);
  const existingMember = await ctx.db
    .query("members")
    .withIndex("by_org_email", (q) => q.eq("organizationId", args.organizationId).eq("email", email))
    .first();
  if (existingMember) fail("conflict", `${email} is already a member of this organization`);

  const now = Date.now();
  const expiresAt = now + INVITATION_TTL_MS;
  const pending = await ctx.db
    .query("invitations")
    .withIndex("by_org_email", (q) =>
      q.eq("organizationId", args.organizationId).eq("email", email).eq("status", "pending"),
    )
    .first();
  let invitationId: Id<"invitations">;
  if (pending) {
    await ctx.db.patch(pending._id, { role: args.role, expiresAt, invitedBy: args.invitedBy ?? pending.invitedBy });
    invitationId = pending._id;
  } else {
    const open = await ctx.db
      .query("invitations")
      .withIndex("by_org_status", (q) => q.eq("organizationId", args.organizationId).eq("status", "pending"))
      .take(MAX_PENDING_INVITES_PER_ORG);
    if (open.length >= MAX_PENDING_INVITES_PER_ORG) {
      fail("conflict", `This organization has ${MAX_PENDING_INVITES_PER_ORG} pending invitations; revoke some first`);
    }
    invitationId = await ctx.db.insert("invitations", {
      organizationId: args.organizationId,
      email,
      role: args.role,
      status: "pending",
      invitedBy: args.invitedBy,
      createdAt: now,
      expiresAt,
    });
  }
  return { invitationId, token: await invitationToken(invitationId, email), email, expiresAt };
}

export interface AcceptedInvitation {
  organizationId: Id<"organizations">;
  name: string;
  slug: string;
  role: MemberRole;
}

/**
 * Turns one pending invitation into a membership of `user`. The caller has checked that the user
 * may claim it (signed link or verified address). Already a member: the invitation is closed and
 * the existing role kept.
 */
export async function acceptInvitation(
  ctx: MutationCtx,
  invitation: Doc<"invitations">,
  user: SignedInUser,
): Promise<AcceptedInvitation | null> {
  const org = await ctx.db.get(invitation.organizationId);
  const now = Date.now();
  if (!org) {
    await ctx.db.patch(invitation._id, { status: "revoked" });
    return null;
  }
  const existing = await ctx.db
    .query("members")
    .withIndex("by_org_user", (q) =>
      q.eq("organizationId", invitation.organizationId).eq("userId", user.tokenIdentifier),
    )
    .first();
  let role = invitation.role;
  if (existing) {
    role = existing.role;
  } else {
    const memberships = await ctx.db
      .query("members")
      .withIndex("by_user", (q) => q.eq("userId", user.tokenIdentifier))
      .take(MAX_MEMBERSHIPS_PER_USER);
    if (memberships.length >= MAX_MEMBERSHIPS_PER_USER) {
      fail("conflict", `You are already a member of ${MAX_MEMBERSHIPS_PER_USER} organizations`);
    }
    await ctx.db.insert("members", {
      organizationId: invitation.organizationId,
      userId: user.tokenIdentifier,
      email: user.email,
      name: user.name,
      role: invitation.role,
      createdAt: now,
    });
  }
  await ctx.db.patch(invitation._id, { status: "accepted", acceptedAt: now, acceptedBy: user.tokenIdentifier });
  return { organizationId: org._id, name: org.name, slug: org.slug, role };
}

/** Pending invitations (owner/admin). */
export const list = adminQuery({
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
export const create = adminMutation({
  args: { email: v.string(), role: memberRole },
  handler: async (ctx, { organizationId, email, role }) => {
    const me = ctx.member;
    if (role === "owner" && me.role !== "owner") fail("forbidden", "Only an owner can invite another owner");
    return createInvitation(ctx, { organizationId, email, role, invitedBy: me._id });
  },
});

export const revoke = adminMutation({
  args: { invitationId: v.id("invitations") },
  handler: async (ctx, { organizationId, invitationId }) => {
    const me = ctx.member;
    const invitation = await ctx.db.get(invitationId);
    if (!invitation || invitation.organizationId !== organizationId) fail("not_found", "Not found");
    if (invitation.role === "owner" && me.role !== "owner")
      fail("forbidden", "Only an owner can revoke an owner invitation");
    if (invitation.status === "pending") await ctx.db.patch(invitationId, { status: "revoked" });
  },
});

/**
 * Accepts invitations for the signed-in user and returns the organizations joined.
 * - `token` (from an invitation link): that invitation, if it was sent to the user's email.
 * - Every pending invitation to the user's email, but only once that address is verified: an
 *   unverified email alone proves nothing (anyone can sign up with any address).
 */
export const accept = userMutation({
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
        if (org && membership)
          accepted.push({ organizationId: org._id, name: org.name, slug: org.slug, role: membership.role });
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
export const get = userQuery({
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
