/**
 * The single declaration of every union the product shares (channels, providers, statuses).
 * Convex validators (apps/api/convex/schema/validators.ts), zod schemas and UI labels derive
 * from these arrays; never restate the literals elsewhere.
 */

export const CHANNEL_IDS = ["email", "sms", "whatsapp", "webhook", "chat"] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export const PROVIDER_IDS = ["resend", "twilio", "vonage", "meta", "generic", "native"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Which providers can carry which channel. */
export const PROVIDERS_BY_CHANNEL = {
  email: ["resend"],
  sms: ["twilio", "vonage"],
  whatsapp: ["meta"],
  webhook: ["generic"],
  chat: ["native"],
} as const satisfies Record<ChannelId, readonly ProviderId[]>;

export const CHANNEL_OF_PROVIDER = {
  resend: "email",
  twilio: "sms",
  vonage: "sms",
  meta: "whatsapp",
  generic: "webhook",
  native: "chat",
} as const satisfies Record<ProviderId, ChannelId>;

export const DIRECTIONS = ["inbound", "outbound"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * Message lifecycle. Inbound messages are `received`. Outbound ones move
 * queued -> sending -> sent -> delivered -> read, or end in `failed`.
 */
export const MESSAGE_STATUSES = ["received", "queued", "sending", "sent", "delivered", "read", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Statuses a provider can report for an outbound message. */
export const DELIVERY_STATUSES = ["sent", "delivered", "read", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Rank used to keep status transitions monotonic whatever order callbacks arrive in.
 * `failed` outranks `sent` (a later failure after acceptance is real) but never overrides
 * delivered/read: a delivered message cannot become undelivered.
 */
export const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  failed: 4,
  delivered: 5,
  read: 6,
};

export function isStatusAdvance(current: MessageStatus, next: MessageStatus): boolean {
  return STATUS_RANK[next] > STATUS_RANK[current];
}

export const HEALTH_STATES = ["unknown", "healthy", "degraded", "down"] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export const THREAD_STATUSES = ["open", "pending", "snoozed", "closed"] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/**
 * What kind of address an identifier is. Channels that share a kind (sms + whatsapp share
 * `phone`) resolve to the same person.
 */
export const IDENTIFIER_KINDS = ["phone", "email", "chat", "external"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const IDENTIFIER_KIND_OF_CHANNEL = {
  email: "email",
  sms: "phone",
  whatsapp: "phone",
  webhook: "external",
  chat: "chat",
} as const satisfies Record<ChannelId, IdentifierKind>;

/** Channels whose identifiers are of the given kind (e.g. phone -> sms, whatsapp). */
export function channelsOfKind(kind: IdentifierKind): ChannelId[] {
  return CHANNEL_IDS.filter((c) => IDENTIFIER_KIND_OF_CHANNEL[c] === kind);
}

/**
 * What a stored routing endpoint identifies. `receiving`: an address deliveries are sent to
 * (number, phone_number_id, inbound address, slug, widget key). `verifyToken`: the hash of a
 * subscription verify token (Meta's GET handshake names nothing else).
 */
export const ENDPOINT_KINDS = ["receiving", "verifyToken"] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];
