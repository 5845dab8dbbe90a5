import { defineTable } from "convex/server";
import { v } from "convex/values";
import { literals, memberRole } from "./validators";

export const INVITATION_STATUSES = ["pending", "accepted", "revoked"] as const;
export const invitationStatus = literals(INVITATION_STATUSES);

/** Organization membership invitations (spread into defineSchema by ../schema.ts). */
export const orgTables = {
  invitations: defineTable({
    organizationId: v.id("organizations"),
    /** Lower-cased address the invitation was sent to; only that account can accept it. */
    email: v.string(),
    role: memberRole,
    status: invitationStatus,
    /** The admin who invited; absent for operator invitations (orgs/admin:invite). */
    invitedBy: v.optional(v.id("members")),
    createdAt: v.number(),
    expiresAt: v.number(),
    acceptedAt: v.optional(v.number()),
    /** tokenIdentifier of the user who accepted. */
    acceptedBy: v.optional(v.string()),
  })
    .index("by_org_status", ["organizationId", "status", "createdAt"])
    .index("by_org_email", ["organizationId", "email", "status"])
    // Starts with the email: "which invitations are for me" is asked before any org is chosen
    // (verified addresses only, see orgs/members.ts acceptInvites).
    .index("by_email_status", ["email", "status"]),
};
