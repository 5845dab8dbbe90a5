/**
 * Public types of @switchboard/provider-sim. See README.md for the wire formats.
 */

export const SIM_PROVIDERS = ["twilio", "vonage", "meta", "resend"] as const;
export type SimProvider = (typeof SIM_PROVIDERS)[number];

export function isSimProvider(v: unknown): v is SimProvider {
  return typeof v === "string" && (SIM_PROVIDERS as readonly string[]).includes(v);
}

/** Twilio account. Basic auth on the REST API is `accountSid:authToken`; webhooks are signed with authToken. */
export interface TwilioAccount {
  /** "AC" + 32 hex. */
  accountSid: string;
  authToken: string;
  /** E.164 numbers owned by the account (allowed `From`, default inbound `To`). */
  numbers: string[];
  /**
   * Status callback URL used when a send carries no `StatusCallback` (what a Messaging Service's
   * callback would do). Unset: such messages get no callbacks, like real Twilio.
   */
  statusCallbackUrl?: string;
}

/** Vonage account. Basic auth on /v1/messages is `apiKey:apiSecret`; webhooks carry a HS256 JWT signed with signatureSecret. */
export interface VonageAccount {
  apiKey: string;
  apiSecret: string;
  signatureSecret: string;
  /** Numbers (digits, no "+") owned by the account: default inbound `to`. Optional. */
  numbers?: string[];
  /** Copied into the webhook JWT `application_id` claim. */
  applicationId?: string;
}

/** Meta WhatsApp Cloud API account (one business phone number). */
export interface MetaAccount {
  /** Bearer token expected on Graph API calls. */
  accessToken: string;
  /** Signs webhooks: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(appSecret, body). */
  appSecret: string;
  phoneNumberId: string;
  /** hub.verify_token used by verifyMetaWebhook(). */
  verifyToken: string;
  /** metadata.display_phone_number (digits). Default "15550000000". */
  displayPhoneNumber?: string;
  /** WhatsApp Business Account id, used as entry[].id. Default: derived from phoneNumberId. */
  wabaId?: string;
  /** Reject free-form (non-template) sends outside the 24 h customer-service window. Default true. */
  enforce24hWindow?: boolean;
  /**
   * How a window violation surfaces. "sync" (default): HTTP 400 Graph error code 131047.
   * "async": 200 + wamid, then a `failed` status webhook with error 131047 (what the real Cloud API does).
   */
  windowErrorMode?: "sync" | "async";
}

/** Resend account. */
export interface ResendAccount {
  /** "re_..." Bearer token. */
  apiKey: string;
  /** "whsec_" + base64 secret; Svix signatures use the base64-decoded bytes. */
  webhookSecret: string;
  /** Verified sending domain: `from` must be at this domain; inbound default `to` is support@domain. */
  domain: string;
}

export interface SimAccounts {
  twilio: TwilioAccount;
  vonage: VonageAccount;
  meta: MetaAccount;
  resend: ResendAccount;
}
export type SimAccount = SimAccounts[SimProvider];

export type FaultMode = "5xx" | "timeout" | "429";
export interface SimFault {
  mode: FaultMode;
  /** Active for this many ms from now. */
  forMs?: number;
  /** Active for this many API requests. With neither forMs nor count: until heal(). */
  count?: number;
  /** Retry-After for 429 (default 1). */
  retryAfterSeconds?: number;
}

export interface ProviderSimOptions {
  /** 0 = random (default 0). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Base URL webhooks are posted to, e.g. http://127.0.0.1:3211 (Convex site URL). */
  webhookBaseUrl: string;
  /** Default true: after a send, post status callbacks (sent -> delivered (-> read/opened)). */
  autoDeliver?: boolean;
  /** Delay before each automatic status callback. Default 50. */
  statusDelayMs?: number;
  /** Accounts configured at start; missing providers get DEFAULT_ACCOUNTS. */
  accounts?: Partial<{ [P in SimProvider]: SimAccounts[P] | SimAccounts[P][] }>;
  /** Override webhook paths (appended to webhookBaseUrl). */
  webhookPaths?: Partial<WebhookPaths>;
  /** Resend email.received payload: "inline" (default) adds text/html/headers/in_reply_to; "metadata" = exactly Resend's metadata-only event. */
  resendInboundContent?: "inline" | "metadata";
  /** Log each request / webhook to stderr. */
  log?: boolean;
}

export interface WebhookPaths {
  twilioInbound: string;
  /** Used for Twilio statuses only when neither the message nor the account has a StatusCallback URL and sendStatus() is called. */
  twilioStatus: string;
  vonageInbound: string;
  vonageStatus: string;
  meta: string;
  resend: string;
}

export interface RecordedRequest {
  seq: number;
  provider: SimProvider | "admin" | "unknown";
  method: string;
  /** Path with any /twilio|/vonage|/meta|/resend prefix removed, without query. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed body: JSON value, form object (repeated keys -> arrays), or the raw string. */
  body: unknown;
  rawBody: string;
  /** ms since epoch. */
  time: number;
  /** Response status; undefined while pending or for a held (timeout) request. */
  status?: number;
  fault?: FaultMode;
}

/** A webhook the sim posted (inbound message or status callback). */
export interface WebhookDelivery {
  seq: number;
  provider: SimProvider;
  kind: "inbound" | "status" | "verify";
  url: string;
  headers: Record<string, string>;
  body: string;
  time: number;
  /** HTTP status, or 0 if the request failed. */
  status: number;
  responseBody: string;
  error?: string;
  /** The message id concerned, and the provider-native status for status callbacks. */
  externalMessageId?: string;
  providerStatus?: string;
}

/** Normalised status names accepted by sendStatus(); provider-native names are accepted too. */
export type SimStatus =
  | "queued"
  | "sent"
  | "delivered"
  | "read"
  | "failed"
  | "undelivered"
  // Vonage native
  | "submitted"
  | "rejected"
  | "undeliverable"
  // Resend native
  | "bounced"
  | "opened"
  | "clicked"
  | "complained"
  | "delivery_delayed";

export interface SimStatusError {
  code?: string | number;
  message?: string;
}

export interface SimMedia {
  /** Public URL (Twilio MediaUrlN / Vonage MMS url). Default: a sim-hosted URL. */
  url?: string;
  /** Meta media id. Default: generated and served from GET /v21.0/{id}. */
  id?: string;
  contentType?: string;
  caption?: string;
  filename?: string;
}

export interface SimInboundMessage {
  /** Sender: E.164 phone (Twilio/Vonage/Meta) or email address (Resend). */
  from: string;
  /**
   * Receiver. Defaults: Twilio account.numbers[0], Vonage account.numbers[0] (or "15550000000"),
   * Meta: the account's display number, Resend: `support@${domain}`.
   * Also selects which configured account signs the webhook.
   */
  to?: string | string[];
  text?: string;
  media?: SimMedia[];
  /** WhatsApp profile name / email display name. */
  profileName?: string;
  /** Email only. */
  subject?: string;
  html?: string;
  cc?: string[];
  /** Email Message-ID (default generated "<uuid@sender-domain>"). */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  /** ms since epoch (or Date); default now. For Meta it also drives the 24 h window. */
  timestamp?: number | Date;
  /** Force the provider message id. */
  externalMessageId?: string;
  /** Pick the account by its key (accountSid / apiKey / phoneNumberId / apiKey). */
  account?: string;
  /** Merged into the provider-native payload (Twilio params, Vonage body, Meta message object, Resend data). */
  extra?: Record<string, unknown>;
}

export interface InboundResult {
  status: number;
  body: string;
  externalMessageId: string;
  /** All ids when a Meta batch was sent. */
  externalMessageIds: string[];
}

export interface ProviderSim {
  url: string;
  /** Base URL per provider for the adapters' base-URL override (all equal to `url`; `${url}/<provider>` works too). */
  baseUrls: Record<SimProvider, string>;
  stop(): Promise<void>;
  requests(provider?: SimProvider): RecordedRequest[];
  deliveries(provider?: SimProvider): WebhookDelivery[];
  /** Clears recorded requests, deliveries, messages, pending callbacks, faults and Meta windows. Keeps accounts. */
  reset(): void;
  configure<P extends SimProvider>(provider: P, account: SimAccounts[P]): void;
  /** The default (most recently configured) account of a provider. */
  account<P extends SimProvider>(provider: P): SimAccounts[P];
  fail(provider: SimProvider, fault: SimFault): void;
  heal(provider?: SimProvider): void;
  sendInbound(provider: SimProvider, msg: SimInboundMessage | SimInboundMessage[]): Promise<InboundResult>;
  sendStatus(
    provider: SimProvider,
    externalMessageId: string,
    status: SimStatus,
    error?: SimStatusError,
  ): Promise<{ status: number; body: string }>;
  /** Make later sends to this recipient fail asynchronously (undelivered / undeliverable / failed / bounced). */
  failRecipient(provider: SimProvider, recipient: string, error?: SimStatusError): void;
  /** Meta subscription handshake: GET webhook?hub.mode=subscribe&hub.verify_token=...&hub.challenge=... */
  verifyMetaWebhook(opts?: { verifyToken?: string; challenge?: string }): Promise<{ status: number; body: string; ok: boolean }>;
  /**
   * Post a recorded webhook (see deliveries()) again, as a provider retry would: same body;
   * Twilio/Meta same headers, Resend same svix-id re-signed with a fresh timestamp, Vonage a fresh JWT.
   */
  redeliver(seq: number): Promise<{ status: number; body: string }>;
  /** Sent messages the sim knows about (outbound, by provider). */
  messages(provider?: SimProvider): SimMessageInfo[];
  /** Resolves once no automatic status callback is pending. */
  idle(): Promise<void>;
}

export interface SimMessageInfo {
  provider: SimProvider;
  id: string;
  to: string;
  from: string;
  text?: string;
  subject?: string;
  /** Provider-native current status. */
  status: string;
  createdAt: number;
  account: string;
}
