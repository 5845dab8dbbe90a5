import type { ChannelId, DeliveryStatus, HealthState, ProviderId } from "./ids";

/**
 * A webhook request as every adapter sees it: the public URL the provider signed, lower-cased
 * header names, and the raw body exactly as received (signatures cover the raw bytes).
 */
export interface WebhookRequest {
  method: string;
  /** The public URL the provider called, including the query string. */
  url: string;
  headers: Record<string, string>;
  rawBody: string;
}

export interface Attachment {
  /** Direct URL (Twilio MediaUrlN, Resend attachment URL) when the provider gives one. */
  url?: string;
  /** Provider media id to fetch later (Meta media id, Resend attachment id). */
  mediaId?: string;
  contentType?: string;
  filename?: string;
  size?: number;
  caption?: string;
}

export interface Party {
  /** The identifier as the provider sent it (phone, wa_id, email, visitor id, external id). */
  identifier: string;
  displayName?: string;
  /**
   * An email address the sender is known by, as the channel learned it (the chat widget's
   * session claims). Linked to an existing contact only when `verified`; otherwise a claim.
   */
  email?: string;
  /** The channel authenticated who this sender is (a chat visitor whose site signed the user id). */
  verified?: boolean;
}

/** A message received from a contact, normalised across channels. */
export interface InboundMessage {
  kind: "message";
  channel: ChannelId;
  provider: ProviderId;
  externalMessageId: string;
  from: Party;
  /** The receiving endpoint identifier (our number, phone_number_id, inbound address, slug). */
  to: string;
  text: string;
  subject?: string;
  html?: string;
  attachments: Attachment[];
  /** Provider timestamp in ms since the epoch, when given. */
  sentAt?: number;
  /** Email threading: Message-ID of this mail, and the ids it replies to. */
  emailMessageId?: string;
  inReplyTo?: string[];
  cc?: string[];
  /**
   * The provider's own channel when one provider account carries several (Vonage Messages API:
   * sms, mms, whatsapp, viber_service, messenger); `ProviderDescriptor.accepts` filters on it.
   */
  providerChannel?: string;
  /** Provider message type (text, image, interactive...), informative. */
  contentType?: string;
  /**
   * The provider could not render this message (Meta `unsupported`: a message type the API does
   * not carry). Kept with the provider's error so the agent sees why it is empty.
   */
  unsupported?: { type?: string; code?: string; title?: string; details?: string };
  /**
   * True when the webhook only carried metadata (Resend inbound: no body/headers). Call
   * `adapter.hydrateInbound(ctx, message)` (an action, it fetches) to fill text/html/inReplyTo.
   */
  contentPending?: boolean;
}

/** A delivery status for a message we sent earlier. */
export interface StatusEvent {
  kind: "status";
  channel: ChannelId;
  provider: ProviderId;
  externalMessageId: string;
  status: DeliveryStatus;
  /** ms since the epoch. */
  occurredAt?: number;
  error?: { code?: string; message: string };
  /** Email: the Message-ID the provider sent the email with (it may have rewritten ours). */
  emailMessageId?: string;
}

/**
 * A contact's reaction to an earlier message (WhatsApp emoji reactions). It belongs to its target
 * message, not to the timeline: `emoji` empty means the reaction was removed.
 */
export interface ReactionEvent {
  kind: "reaction";
  channel: ChannelId;
  provider: ProviderId;
  /** The reaction's own provider id (dedupe key of retried deliveries). */
  externalMessageId: string;
  /** The provider id of the message reacted to. */
  targetExternalMessageId: string;
  from: Party;
  /** The receiving endpoint (phone_number_id). */
  to: string;
  emoji: string;
  /** ms since the epoch. */
  sentAt?: number;
}

export type InboundEvent = InboundMessage | StatusEvent | ReactionEvent;

/**
 * 401: nothing to check against; 403: a wrong, stale or future signature; 503: the provider sent
 * the delivery unsigned where it retries only on 5xx (Vonage after an internal error), so it
 * must be retried rather than refused for good.
 */
export type SignatureResult = { ok: true } | { ok: false; status: 401 | 403 | 503; reason: string };

/** Raised by parseInbound for a body that is not a valid provider payload (HTTP 400). */
export class InboundParseError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = "InboundParseError";
  }
}

/** Secrets an adapter needs to verify webhooks; shape depends on the provider. */
export type WebhookSecrets = Record<string, string | undefined>;

export interface VerifyOptions {
  /** Current time in ms (injectable for tests). */
  now?: number;
  /** Replay window in seconds for timestamped schemes (default 300). */
  toleranceSeconds?: number;
  /** The channel's settings, for schemes an account configures (Vonage's signature method). */
  settings?: Readonly<Record<string, string | undefined>>;
}

export interface OutboundMessage {
  /** Our message id, used as idempotency key where the provider supports one. */
  messageId: string;
  /** Contact address on this channel (E.164 phone, email, webhook target, visitor id). */
  to: string;
  /** Our sending endpoint (from number, phone_number_id, from address). */
  from: string;
  text: string;
  subject?: string;
  html?: string;
  attachments?: Attachment[];
  /** Email threading headers so replies stay in the same thread. */
  inReplyTo?: string;
  references?: string[];
  /** Email: our Message-ID for this email (`<id@domain>`), so replies can be threaded back to it. */
  emailMessageId?: string;
  /** WhatsApp template when the 24-hour window is closed. */
  template?: { name: string; language: string; components?: unknown[] };
  /** Where the provider should post status callbacks for this message. */
  statusCallbackUrl?: string;
}

export interface AdapterContext {
  /** Decrypted credentials for this channel config. */
  credentials: Record<string, string | undefined>;
  /** Non-secret settings (api base URL override for provider-sim, region...). */
  settings: Record<string, string | undefined>;
  fetch: typeof fetch;
  now?: number;
  /** Per-request timeout in ms (default 15 000; settings.timeoutMs is also honoured). */
  timeoutMs?: number;
  /** Caller cancellation; combined with the timeout. */
  signal?: AbortSignal;
}

export type SendResult =
  | { ok: true; externalMessageId: string; status: "sent" | "delivered"; rateLimitRemaining?: number }
  | {
      ok: false;
      /** Worth retrying later (5xx, 429, timeout) vs. permanent (4xx, invalid number). */
      retryable: boolean;
      error: { code?: string; message: string };
      retryAfterMs?: number;
      rateLimitRemaining?: number;
    };

export interface HealthResult {
  state: HealthState;
  latencyMs: number;
  rateLimitRemaining?: number;
  error?: string;
}

export interface ChannelAdapter {
  readonly id: ProviderId;
  readonly channel: ChannelId;
  /** The receiving endpoint the request is addressed to (used to find the channel config). */
  routingKey(req: WebhookRequest): string | null;
  validateSignature(req: WebhookRequest, secrets: WebhookSecrets, opts?: VerifyOptions): Promise<SignatureResult>;
  parseInbound(req: WebhookRequest): InboundEvent[];
  send(ctx: AdapterContext, msg: OutboundMessage): Promise<SendResult>;
  getDeliveryStatus(ctx: AdapterContext, externalMessageId: string): Promise<StatusEvent | null>;
  healthCheck(ctx: AdapterContext): Promise<HealthResult>;
  /**
   * Optional: complete an inbound message whose webhook carried metadata only
   * (`contentPending: true`). Returns the message unchanged when there is nothing to fetch.
   */
  hydrateInbound?(ctx: AdapterContext, message: InboundMessage): Promise<InboundMessage>;
}
