import { defineTable } from "convex/server";
import { v } from "convex/values";
import { channelId, identifierKind, identitySource, relationshipSource } from "./validators";

/** Contacts: one person across channels, their identities, relationships and timeline events (spread into defineSchema by ../schema.ts). */
export const contactsTables = {
  contacts: defineTable({
    organizationId: v.id("organizations"),
    displayName: v.string(),
    company: v.optional(v.string()),
    title: v.optional(v.string()),
    timezone: v.optional(v.string()),
    primaryEmail: v.optional(v.string()),
    primaryPhone: v.optional(v.string()),
    lastMessageAt: v.optional(v.number()),
    lastInboundAt: v.optional(v.number()),
    lastChannel: v.optional(channelId),
    messageCount: v.number(),
    healthScore: v.optional(v.number()),
    dealStage: v.optional(v.string()),
    /** Set when this contact was merged into another (kept for undo). */
    mergedInto: v.optional(v.id("contacts")),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_org_last_message", ["organizationId", "lastMessageAt"])
    .index("by_org_name", ["organizationId", "displayName"])
    .index("by_org_email", ["organizationId", "primaryEmail"])
    // Full-text search by name (search/search.ts): always filtered by organization.
    .searchIndex("search_name", { searchField: "displayName", filterFields: ["organizationId"] }),

  contactIdentities: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    channel: channelId,
    kind: identifierKind,
    /** Normalised: E.164 phone, lower-cased email, visitor id, external id. */
    identifier: v.string(),
    displayName: v.optional(v.string()),
    verified: v.boolean(),
    /**
     * An email this identity's owner claimed without proof (an unverified chat visitor): shown
     * to agents as a claim, never used to merge (contacts/claims.ts).
     */
    claimedEmail: v.optional(v.string()),
    source: identitySource,
    createdAt: v.number(),
  })
    .index("by_identifier", ["organizationId", "channel", "identifier"])
    .index("by_kind_identifier", ["organizationId", "kind", "identifier"])
    .index("by_contact", ["organizationId", "contactId"]),

  contactRelationships: defineTable({
    organizationId: v.id("organizations"),
    fromContactId: v.id("contacts"),
    toContactId: v.id("contacts"),
    type: v.string(),
    source: relationshipSource,
    confidence: v.number(),
    evidence: v.array(
      v.object({
        messageId: v.optional(v.id("unifiedMessages")),
        text: v.string(),
        /** Where the evidence is in its message (quote === text.slice(start, end)). */
        span: v.optional(v.object({ start: v.number(), end: v.number(), quote: v.string() })),
      }),
    ),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_from", ["organizationId", "fromContactId", "type"])
    .index("by_to", ["organizationId", "toContactId"]),

  /** Timeline events that are not messages: merges, job changes, deal stage changes... */
  contactEvents: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    kind: v.string(),
    at: v.number(),
    summary: v.string(),
    data: v.optional(v.any()),
    sourceMessageId: v.optional(v.id("unifiedMessages")),
  }).index("by_contact_at", ["organizationId", "contactId", "at"]),
};
