import { defineTable } from "convex/server";
import { v } from "convex/values";
import { threadCsat, threadSla } from "./serviceLevels";
import {
  channelId,
  direction,
  encrypted,
  inboundOutcome,
  messageError,
  messageStatus,
  providerId,
  storedAttachment,
  threadStatus,
  unsupportedContent,
} from "./validators";

/** Conversations: threads, unified messages of every channel, raw inbound events and hook runs (spread into defineSchema by ../schema.ts). */
export const messagesTables = {
  conversationThreads: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    status: threadStatus,
    subject: v.optional(v.string()),
    assigneeId: v.optional(v.id("members")),
    /** The team that works the thread (threads/teams.ts); set when a new thread is routed, or by hand. */
    teamId: v.optional(v.id("teams")),
    /**
     * Other contacts who wrote in this thread (a colleague who replied-all from CC). The thread's
     * own contact is `contactId`; at most MAX_PARTICIPANTS (threads/emailMessageIds.ts).
     */
    participantContactIds: v.optional(v.array(v.id("contacts"))),
    snoozedUntil: v.optional(v.number()),
    /** Set by agents or automation rules (absent = normal). */
    priority: v.optional(v.union(v.literal("low"), v.literal("normal"), v.literal("high"), v.literal("urgent"))),
    lastMessageAt: v.number(),
    lastMessagePreview: v.string(),
    lastChannel: channelId,
    lastDirection: direction,
    lastInboundAt: v.optional(v.number()),
    /**
     * WhatsApp's 24-hour customer-service window: the contact's last inbound WhatsApp message
     * (trusted time) and the channel it came in on. The dashboard counts down from it and
     * switches the composer to templates when it has closed.
     */
    whatsappWindow: v.optional(v.object({ lastInboundAt: v.number(), channelConfigId: v.id("channelConfigs") })),
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
    /** Service-level timers of the thread (threads/sla.ts); absent when the organization has no policy. */
    sla: v.optional(threadSla),
    /** The newest customer-satisfaction request of the thread and its score (threads/csat.ts). */
    csat: v.optional(threadCsat),
    createdAt: v.number(),
  })
    .index("by_org_last", ["organizationId", "lastMessageAt"])
    .index("by_org_status_last", ["organizationId", "status", "lastMessageAt"])
    .index("by_org_assignee_last", ["organizationId", "assigneeId", "lastMessageAt"])
    .index("by_contact_status", ["organizationId", "contactId", "status"])
    // The "my team" inbox view and the live view counts (threads/views.ts: bounded, capped reads).
    .index("by_org_team_last", ["organizationId", "teamId", "lastMessageAt"])
    .index("by_org_team_status", ["organizationId", "teamId", "status"])
    // Unassigned threads sort first within a status (a missing field sorts before any value), so
    // the unassigned count is a prefix read: no index range on an absent field (not portable).
    .index("by_org_status_assignee", ["organizationId", "status", "assigneeId"])
    // Full-text search over subjects (search/search.ts): always filtered by organization. A thread
    // without a subject is not in the index.
    .searchIndex("search_subject", { searchField: "subject", filterFields: ["organizationId"] }),

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
    attachments: v.array(storedAttachment),
    /** The provider could not render the message (Meta `unsupported`): its error, shown in the thread. */
    unsupported: v.optional(unsupportedContent),
    /** The provider sent only metadata and fetching the body failed; see inbound/webhooks.ts. */
    contentPending: v.optional(v.boolean()),
    emailMessageId: v.optional(v.string()),
    inReplyTo: v.optional(v.array(v.string())),
    cc: v.optional(v.array(v.string())),
    /**
     * The time the message is ordered by, ms: the provider's time when it is plausible (inside the
     * provider's window around receipt, see `trustedTime` in packages/channels), otherwise the
     * receipt time; for outbound, when the agent sent it.
     */
    sentAt: v.number(),
    /** Inbound: the provider's own claim of the send time, as sent (kept even when not trusted). */
    providerTimestamp: v.optional(v.number()),
    /** Inbound: when our webhook stored it. */
    receivedAt: v.optional(v.number()),
    statusHistory: v.array(v.object({ status: messageStatus, at: v.number() })),
    error: v.optional(messageError),
    authorMemberId: v.optional(v.id("members")),
    /** Written by an automation rule: never triggers rules (automation/triggers.ts), so rules cannot loop. */
    origin: v.optional(v.literal("automation")),
    /** WhatsApp template used when the 24-hour window was closed. */
    template: v.optional(
      v.object({ name: v.string(), language: v.string(), components: v.optional(v.array(v.any())) }),
    ),
    /** Outbound delivery attempts (see outbound/). */
    attempts: v.optional(v.array(v.object({ at: v.number(), ok: v.boolean(), error: v.optional(v.string()) }))),
    nextAttemptAt: v.optional(v.number()),
    /** Set once the insight extractors have processed this message (idempotency). */
    insightsAt: v.optional(v.number()),
  })
    .index("by_external", ["organizationId", "channel", "externalMessageId"])
    .index("by_thread", ["organizationId", "threadId"])
    // Thread view order: the trusted time, so a late retry of an older message lands in place.
    .index("by_thread_sent", ["organizationId", "threadId", "sentAt"])
    .index("by_contact", ["organizationId", "contactId"])
    .index("by_config_status", ["organizationId", "channelConfigId", "status"])
    // Full-text search over message bodies (search/search.ts): always filtered by organization.
    .searchIndex("search_text", { searchField: "text", filterFields: ["organizationId", "channel"] }),

  /**
   * Files in storage an organization owns: an agent's upload claimed for replies
   * (messages/files.ts) or inbound media fetched into storage (messages/attachments.ts). A reply
   * can only carry files of its own organization, and a file is owned by one organization.
   */
  messageFiles: defineTable({
    organizationId: v.id("organizations"),
    storageId: v.id("_storage"),
    /** From the stored file's metadata, never from the client. */
    contentType: v.string(),
    size: v.number(),
    filename: v.string(),
    uploadedBy: v.optional(v.id("members")),
    createdAt: v.number(),
  })
    .index("by_org_storage", ["organizationId", "storageId"])
    // Without organizationId on purpose: `claim` asks whether ANY organization owns a storage id
    // (a point lookup that answers "taken", never another organization's row).
    .index("by_storage", ["storageId"]),

  /**
   * What an organization has started to upload and not yet used (messages/uploads.ts): an upload
   * URL handed out (`url`, dead after UPLOAD_CLAIM_WINDOW_MS) or a file it owns that no message
   * names yet (`file`: claimed or uploaded, deleted with the file by the sweep after
   * UNATTACHED_FILE_TTL_MS). A reply that attaches the file deletes its row. Counted per
   * organization and source (the dashboard's members, the REST API's keys) to bound pending
   * uploads without one source filling the other's allowance.
   */
  pendingUploads: defineTable({
    organizationId: v.id("organizations"),
    source: v.union(v.literal("dashboard"), v.literal("api")),
    kind: v.union(v.literal("url"), v.literal("file")),
    at: v.number(),
    storageId: v.optional(v.id("_storage")),
  })
    .index("by_org_source_kind_at", ["organizationId", "source", "kind", "at"])
    .index("by_org_storage", ["organizationId", "storageId"])
    // The hourly sweep (internal, every organization): the oldest of a kind first.
    .index("by_kind_at", ["kind", "at"]),

  /** Where the sweep of never-claimed uploads got to in `_storage` (one row, messages/uploads.ts). */
  storageSweeps: defineTable({ scannedThrough: v.number() }),

  /**
   * Every RFC 5322 Message-ID we know for an email message: the one it arrived with, the one we
   * generated for an outbound reply, and the one a provider rewrote it to (Resend reports it in its
   * delivery webhooks). Replies name these in In-Reply-To/References; see threads/emailMessageIds.ts.
   */
  emailMessageIds: defineTable({
    organizationId: v.id("organizations"),
    /** `<local@domain>`, as written (Message-IDs are compared exactly, RFC 5322 3.6.4). */
    messageId: v.string(),
    unifiedMessageId: v.id("unifiedMessages"),
    threadId: v.id("conversationThreads"),
  }).index("by_org_message_id", ["organizationId", "messageId"]),

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
};
