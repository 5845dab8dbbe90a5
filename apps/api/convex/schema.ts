import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import {
  attachment,
  channelHealth,
  channelId,
  direction,
  encrypted,
  identifierKind,
  identitySource,
  inboundOutcome,
  memberRole,
  messageError,
  messageStatus,
  providerId,
  relationshipSource,
  threadStatus,
} from "./schema/validators";
import { crmTables } from "./schema/crm";
import { outboundTables } from "./schema/outbound";
import { apiTables } from "./schema/api";
import { orgTables } from "./schema/orgs";

/**
 * Every table carries organizationId, and every index a public function reads starts with it.
 * The only indexes that don't are used by internal functions that *find* the organization
 * (webhook routing, membership lookup by user, retention sweeps); each says so.
 */
export default defineSchema({
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

  channelConfigs: defineTable({
    organizationId: v.id("organizations"),
    channel: channelId,
    provider: providerId,
    name: v.string(),
    enabled: v.boolean(),
    /** Non-secret settings (api base URL override, from address, region...). */
    settings: v.record(v.string(), v.string()),
    /** Secret fields, each encrypted on its own (per-field envelope). */
    credentials: v.record(v.string(), encrypted),
    health: channelHealth,
    createdAt: v.number(),
    updatedAt: v.number(),
  }).index("by_org_channel", ["organizationId", "channel"]),

  /** Receiving identifiers -> channel config: how a webhook finds its organization. */
  channelEndpoints: defineTable({
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    provider: providerId,
    /** Normalised receiving identifier: E.164 number, phone_number_id, email address, slug. */
    identifier: v.string(),
    createdAt: v.number(),
  })
    // Webhook routing runs before the organization is known (internal only).
    .index("by_route", ["provider", "identifier"])
    .index("by_config", ["organizationId", "channelConfigId"]),

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
    .index("by_org_email", ["organizationId", "primaryEmail"]),

  contactIdentities: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    channel: channelId,
    kind: identifierKind,
    /** Normalised: E.164 phone, lower-cased email, visitor id, external id. */
    identifier: v.string(),
    displayName: v.optional(v.string()),
    verified: v.boolean(),
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
    evidence: v.array(v.object({ messageId: v.optional(v.id("unifiedMessages")), text: v.string() })),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_from", ["organizationId", "fromContactId", "type"])
    .index("by_to", ["organizationId", "toContactId"]),

  conversationThreads: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    status: threadStatus,
    subject: v.optional(v.string()),
    assigneeId: v.optional(v.id("members")),
    snoozedUntil: v.optional(v.number()),
    lastMessageAt: v.number(),
    lastMessagePreview: v.string(),
    lastChannel: channelId,
    lastDirection: direction,
    lastInboundAt: v.optional(v.number()),
    unreadCount: v.number(),
    messageCount: v.number(),
    /** Open debounce batch for downstream hooks (see inbound/coalesce.ts). */
    coalesce: v.optional(
      v.object({
        since: v.number(),
        dueAt: v.number(),
        count: v.number(),
        jobId: v.id("_scheduled_functions"),
      }),
    ),
    createdAt: v.number(),
  })
    .index("by_org_last", ["organizationId", "lastMessageAt"])
    .index("by_org_status_last", ["organizationId", "status", "lastMessageAt"])
    .index("by_org_assignee_last", ["organizationId", "assigneeId", "lastMessageAt"])
    .index("by_contact_status", ["organizationId", "contactId", "status"]),

  unifiedMessages: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    contactId: v.id("contacts"),
    channelConfigId: v.optional(v.id("channelConfigs")),
    channel: channelId,
    provider: providerId,
    direction: direction,
    status: messageStatus,
    /** Provider message id (MessageSid, wamid, Resend email id...); dedupe key with channel. */
    externalMessageId: v.optional(v.string()),
    /** Addresses on the channel: the contact's identifier and our endpoint. */
    from: v.string(),
    to: v.string(),
    senderName: v.optional(v.string()),
    text: v.string(),
    subject: v.optional(v.string()),
    html: v.optional(v.string()),
    attachments: v.array(attachment),
    /** The provider sent only metadata and fetching the body failed; see inbound/webhooks.ts. */
    contentPending: v.optional(v.boolean()),
    emailMessageId: v.optional(v.string()),
    inReplyTo: v.optional(v.array(v.string())),
    cc: v.optional(v.array(v.string())),
    /** Provider time (inbound) or time the agent sent it (outbound), ms. */
    sentAt: v.number(),
    statusHistory: v.array(v.object({ status: messageStatus, at: v.number() })),
    error: v.optional(messageError),
    authorMemberId: v.optional(v.id("members")),
    /** WhatsApp template used when the 24-hour window was closed. */
    template: v.optional(v.object({ name: v.string(), language: v.string(), components: v.optional(v.array(v.any())) })),
    /** Outbound delivery attempts (see outbound/). */
    attempts: v.optional(v.array(v.object({ at: v.number(), ok: v.boolean(), error: v.optional(v.string()) }))),
    nextAttemptAt: v.optional(v.number()),
    /** Set once the insight extractors have processed this message (idempotency). */
    insightsAt: v.optional(v.number()),
  })
    .index("by_external", ["organizationId", "channel", "externalMessageId"])
    .index("by_thread", ["organizationId", "threadId"])
    .index("by_contact", ["organizationId", "contactId"])
    .index("by_config_status", ["organizationId", "channelConfigId", "status"]),

  /** Raw webhook deliveries, body encrypted, kept for a retention window (audit + replay). */
  inboundEvents: defineTable({
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    provider: providerId,
    receivedAt: v.number(),
    expiresAt: v.number(),
    method: v.string(),
    path: v.string(),
    /** Only non-sensitive headers (content-type, user-agent, provider ids); never signatures. */
    headers: v.record(v.string(), v.string()),
    body: encrypted,
    bodyBytes: v.number(),
    outcome: inboundOutcome,
    messageIds: v.array(v.id("unifiedMessages")),
    externalIds: v.array(v.string()),
  })
    .index("by_org_received", ["organizationId", "receivedAt"])
    // Retention sweep (internal cron) walks expired rows across organizations.
    .index("by_expiry", ["expiresAt"]),

  /** Downstream hook runs, one per coalesced burst (insights, agent pipeline). */
  hookRuns: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    messageIds: v.array(v.id("unifiedMessages")),
    firstAt: v.number(),
    ranAt: v.number(),
  }).index("by_thread", ["organizationId", "threadId"]),

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

  ...crmTables,
  ...outboundTables,
  ...apiTables,
  ...orgTables,
});
