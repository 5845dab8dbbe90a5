import {
  CHANNEL_IDS,
  DELIVERY_STATUSES,
  DIRECTIONS,
  ENDPOINT_KINDS,
  HEALTH_STATES,
  IDENTIFIER_KINDS,
  MESSAGE_STATUSES,
  PROVIDER_IDS,
  THREAD_STATUSES,
} from "@switchboard/channels/ids";
import { type VLiteral, type VUnion, v } from "convex/values";

/** A Convex union validator built from one of the shared `as const` arrays in packages/channels. */
export function literals<const T extends readonly [string, ...string[]]>(values: T) {
  return v.union(...values.map((value) => v.literal(value))) as unknown as VUnion<
    T[number],
    VLiteral<T[number], "required">[],
    "required",
    never
  >;
}

export const channelId = literals(CHANNEL_IDS);
export const providerId = literals(PROVIDER_IDS);
export const direction = literals(DIRECTIONS);
export const messageStatus = literals(MESSAGE_STATUSES);
export const deliveryStatus = literals(DELIVERY_STATUSES);
export const healthState = literals(HEALTH_STATES);
export const threadStatus = literals(THREAD_STATUSES);
export const identifierKind = literals(IDENTIFIER_KINDS);
export const endpointKind = literals(ENDPOINT_KINDS);

export const MEMBER_ROLES = ["owner", "admin", "agent"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const memberRole = literals(MEMBER_ROLES);

export const RELATIONSHIP_SOURCES = ["manual", "agent_extracted"] as const;
export const relationshipSource = literals(RELATIONSHIP_SOURCES);

export const IDENTITY_SOURCES = ["inbound", "outbound", "manual", "merge", "signature"] as const;
export const identitySource = literals(IDENTITY_SOURCES);

export const INBOUND_OUTCOMES = ["stored", "duplicate", "status", "reaction", "ignored", "partial"] as const;
export const inboundOutcome = literals(INBOUND_OUTCOMES);

export const attachment = v.object({
  url: v.optional(v.string()),
  mediaId: v.optional(v.string()),
  contentType: v.optional(v.string()),
  filename: v.optional(v.string()),
  size: v.optional(v.number()),
  caption: v.optional(v.string()),
});

/** An attachment as stored on a message: its copy in file storage once fetched (messages/attachments.ts). */
export const storedAttachment = v.object({
  ...attachment.fields,
  storageId: v.optional(v.id("_storage")),
  /** Why the media was not stored (refused target, type, size, timeout). */
  mediaError: v.optional(v.string()),
});

export const messageError = v.object({ code: v.optional(v.string()), message: v.string() });

/** AES-256-GCM envelope (see channels/crypto.ts). */
export const encrypted = v.object({ kid: v.string(), iv: v.string(), ct: v.string() });

export const channelHealth = v.object({
  state: healthState,
  lastCheckedAt: v.optional(v.number()),
  lastSuccessfulSend: v.optional(v.number()),
  lastError: v.optional(v.string()),
  lastErrorAt: v.optional(v.number()),
  rateLimitRemaining: v.optional(v.number()),
  latencyMs: v.optional(v.number()),
  consecutiveFailures: v.number(),
});

/** A message the provider could not render (Meta `unsupported`), with the provider's error. */
export const unsupportedContent = v.object({
  type: v.optional(v.string()),
  code: v.optional(v.string()),
  title: v.optional(v.string()),
  details: v.optional(v.string()),
});

/** Mirrors InboundMessage in packages/channels/src/types.ts (what parseInbound returns). */
export const inboundMessage = v.object({
  kind: v.literal("message"),
  channel: channelId,
  provider: providerId,
  externalMessageId: v.string(),
  from: v.object({
    identifier: v.string(),
    displayName: v.optional(v.string()),
    /** An email the sender is known by (chat session claims); linked only when `verified`. */
    email: v.optional(v.string()),
    verified: v.optional(v.boolean()),
  }),
  to: v.string(),
  text: v.string(),
  subject: v.optional(v.string()),
  html: v.optional(v.string()),
  attachments: v.array(attachment),
  /** The provider's claimed send time (stored as providerTimestamp; trusted only inside a window). */
  sentAt: v.optional(v.number()),
  emailMessageId: v.optional(v.string()),
  inReplyTo: v.optional(v.array(v.string())),
  cc: v.optional(v.array(v.string())),
  contentType: v.optional(v.string()),
  providerChannel: v.optional(v.string()),
  contentPending: v.optional(v.boolean()),
  unsupported: v.optional(unsupportedContent),
});

/** Mirrors OutboundMessage in packages/channels/src/types.ts (what the dispatcher sends). */
export const outboundMessage = v.object({
  messageId: v.string(),
  to: v.string(),
  from: v.string(),
  text: v.string(),
  subject: v.optional(v.string()),
  html: v.optional(v.string()),
  attachments: v.optional(v.array(storedAttachment)),
  inReplyTo: v.optional(v.string()),
  references: v.optional(v.array(v.string())),
  emailMessageId: v.optional(v.string()),
  template: v.optional(v.object({ name: v.string(), language: v.string(), components: v.optional(v.array(v.any())) })),
  statusCallbackUrl: v.optional(v.string()),
});

/** Mirrors StatusEvent in packages/channels/src/types.ts. */
export const statusEvent = v.object({
  kind: v.literal("status"),
  channel: channelId,
  provider: providerId,
  externalMessageId: v.string(),
  status: deliveryStatus,
  occurredAt: v.optional(v.number()),
  error: v.optional(messageError),
  /** Email: the Message-ID the provider sent it with (Resend reports it; it may rewrite ours). */
  emailMessageId: v.optional(v.string()),
});

/** Mirrors ReactionEvent in packages/channels/src/types.ts. */
export const reactionEvent = v.object({
  kind: v.literal("reaction"),
  channel: channelId,
  provider: providerId,
  externalMessageId: v.string(),
  targetExternalMessageId: v.string(),
  from: v.object({ identifier: v.string(), displayName: v.optional(v.string()) }),
  to: v.string(),
  emoji: v.string(),
  sentAt: v.optional(v.number()),
});

export const inboundEvent = v.union(inboundMessage, statusEvent, reactionEvent);

/** Mirrors WhatsAppTemplate in packages/channels/src/whatsappTemplates.ts. */
export const whatsappTemplate = v.object({
  id: v.optional(v.string()),
  name: v.string(),
  language: v.string(),
  category: v.string(),
  header: v.optional(v.string()),
  body: v.string(),
  footer: v.optional(v.string()),
  buttons: v.array(v.string()),
  parameterFormat: v.union(v.literal("POSITIONAL"), v.literal("NAMED")),
  headerVariables: v.array(v.string()),
  bodyVariables: v.array(v.string()),
});

/** The arguments every downstream hook of a coalesced inbound burst takes (inbound/hooks.ts). */
export const burstHookArgs = {
  organizationId: v.id("organizations"),
  threadId: v.id("conversationThreads"),
  hookRunId: v.id("hookRuns"),
  messageIds: v.array(v.id("unifiedMessages")),
};
