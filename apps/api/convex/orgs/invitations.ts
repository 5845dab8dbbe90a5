import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail } from "../lib/auth";
import type { MemberRole } from "../schema/validators";
import {
  INVITATION_TTL_MS,
  MAX_MEMBERSHIPS_PER_USER,
  MAX_PENDING_INVITES_PER_ORG,
  invitationToken,
  normalizeEmail,
  type SignedInUser,
} from "./lib";

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
    .withIndex("by_org_email", (q) => q.eq("organizationId", args.organizationId).eq("email", email).eq("status", "pending"))
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
    .withIndex("by_org_user", (q) => q.eq("organizationId", invitation.organizationId).eq("userId", user.tokenIdentifier))
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
