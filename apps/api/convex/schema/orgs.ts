import { defineTable } from "convex/server";
import { v } from "convex/values";
import { literals, memberRole } from "./validators";

export const INVITATION_STATUSES = ["pending", "accepted", "revoked"] as const;
export const invitationStatus = literals(INVITATION_STATUSES);

/** Organizations, their members and membership invitations (spread into defineSchema by ../schema.ts). */
export const orgTables = {
  organizations: defineTable({
    name: v.string(),
    slug: v.string(),
    /** ISO 3166 region used to read national phone numbers (libphonenumber-js). */
    defaultRegion: v.string(),
    timezone: v.string(),
    /** Debounce window before downstream hooks run for a burst of messages in one thread. */
    coalesceWindowMs: v.optional(v.number()),
    coalesceMaxMs: v.optional(v.number()),
    /** Days raw inbound events are kept for audit and replay. */
    rawEventRetentionDays: v.optional(v.number()),
    createdAt: v.number(),
  }).index("by_slug", ["slug"]), // internal: operators resolve an org by slug

  members: defineTable({
    organizationId: v.id("organizations"),
    /** Auth subject (tokenIdentifier) of the user. */
    userId: v.string(),
    email: v.string(),
    name: v.optional(v.string()),
    role: memberRole,
    createdAt: v.number(),
  })
    .index("by_org_user", ["organizationId", "userId"])
    .index("by_org_email", ["organizationId", "email"])
    // Starts with the user: "which organizations am I in" is asked before any org is chosen.
    .index("by_user", ["userId"]),
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
