/**
 * Public types of @switchboard/provider-sim. See README.md for the wire formats.
 */

export const SIM_PROVIDERS = ["twilio", "vonage", "meta", "resend", "openai"] as const;
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
  /** JSON-bodied webhooks and/or SharedKey (HMAC-SHA256) signatures. Default: form + Auth Token HMAC-SHA1. */
  webhooks?: TwilioWebhookOptions;
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
  /**
   * How webhooks are signed. "jwt" (default): Messages API, `Authorization: Bearer <HS256 JWT>` with
   * `payload_hash`. "sig": the older SMS API, whose webhooks carry a `sig` parameter computed with
   * `signatureMethod`; inbound messages and receipts then use the SMS API shapes (msisdn, messageId, ...).
   * https://developer.vonage.com/en/getting-started/concepts/signing-messages
   */
  signatureMode?: "jwt" | "sig";
  /** SMS API signature method chosen in the dashboard. Default "md5hash" (Vonage's default). */
  signatureMethod?: VonageSigMethod;
  /** SMS API webhook HTTP method as set in the dashboard. Default "POST-JSON". */
  smsApiHttpMethod?: "POST-JSON" | "POST" | "GET";
}

export type VonageSigMethod = "md5hash" | "md5" | "sha1" | "sha256" | "sha512";

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
  /**
   * Message templates of the WABA (GET /{version}/{waba-id}/message_templates). Default
   * DEFAULT_META_TEMPLATES. Accounts sharing a wabaId share the first configured list.
   */
  templates?: MetaTemplate[];
}

/** A WhatsApp message template as Meta's Message Templates API returns it. */
export interface MetaTemplate {
  id: string;
  name: string;
  language: string;
  status: "APPROVED" | "PENDING" | "REJECTED" | "PAUSED" | "DISABLED";
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  parameter_format?: "POSITIONAL" | "NAMED";
  components: Array<Record<string, unknown>>;
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

/** Twilio webhook signing options (per account). */
export interface TwilioWebhookOptions {
  /**
   * "form" (default): application/x-www-form-urlencoded. "json": a JSON body, with the body's SHA-256
   * hex in a `bodySHA256` query parameter and the signature computed over the URL alone
   * (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
   */
  body?: "form" | "json";
  /**
   * A Webhooks Rule SharedKey: sign with this secret and algorithm instead of the Auth Token, and send
   * `X-Twilio-Webhooks-Signature-Settings: key=<keyId>,algorithm=<algorithm>`.
   */
  sharedKey?: { keyId: string; secret: string; algorithm: "HMAC_SHA256" | "HMAC_SHA1" };
  /**
   * Sign the URL with its default port written out (`https://host:443/path`) when the webhook URL
   * has none, as Twilio sometimes does; validators must accept the URL with and without it.
   */
  signWithDefaultPort?: boolean;
}

/** OpenAI-compatible endpoint account (Bearer key). */
export interface OpenAIAccount {
  apiKey: string;
  /** Models listed by GET /v1/models; any model name is accepted and echoed. */
  models?: string[];
}

export interface SimAccounts {
  twilio: TwilioAccount;
  vonage: VonageAccount;
  meta: MetaAccount;
  resend: ResendAccount;
  openai: OpenAIAccount;
}
export type SimAccount = SimAccounts[SimProvider];

export type FaultMode = "5xx" | "timeout" | "429" | "slow";
export interface SimFault {
  mode: FaultMode;
  /** "slow": answer normally after this many ms (default 2000). */
  delayMs?: number;
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
  /**
   * Webhook retries per provider. Default "none" for every provider: one POST, never retried (what
   * Twilio does once its ~15 s window has passed). See WebhookRetryPolicy.
   */
  webhookRetries?: Partial<Record<SimProvider, WebhookRetryPolicy | "none">>;
}

/**
 * Retry of a failed webhook POST, in the background. A POST fails on a network error or on a status
 * the provider retries: Vonage only 429 and 5xx (https://developer.vonage.com/en/messages/concepts/webhooks),
 * the others any non-2xx. Each retry is re-signed where the provider would (Vonage JWT, Svix timestamp).
 */
export interface WebhookRetryPolicy {
  /** Delay before each retry; its length is the number of retries. */
  delaysMs: number[];
  /** Give up once this long has passed since the first attempt. */
  giveUpAfterMs?: number;
}

/** A fault on the webhooks the sim posts (rather than on its API). */
export interface SimWebhookFault {
  /** "unsigned": the POST carries no signature header/parameter (Vonage does this after an internal error). */
  mode: "unsigned";
  /** Number of POSTs affected (default 1). */
  count?: number;
}

/**
 * An inbound message the sim delivered, or tried to: list endpoints (Twilio Messages list, Resend
 * received emails) return these even when the webhook POST failed.
 */
export interface SimInboundRecord {
  provider: SimProvider;
  id: string;
  account: string;
  from: string;
  to: string;
  text?: string;
  subject?: string;
  /** Provider time of the message (ms). */
  timestamp: number;
  /** `id`: Twilio ME sid (Media resource) where the provider has one. */
  media: Array<{ id?: string; url: string; contentType: string; filename?: string }>;
  /** POST attempts so far, and whether one got a 2xx. */
  attempts: number;
  delivered: boolean;
  /** Status of the last attempt (0 = network error). */
  lastStatus: number;
  /** WebhookDelivery.seq of each attempt. */
  deliverySeqs: number[];
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
  /** 0 for the first POST, n for the n-th retry/redelivery. */
  attempt: number;
  /** True when a webhook fault removed the signature from this POST. */
  unsigned: boolean;
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
  /** Vonage: Messages API channel of the inbound message. Default "sms", or "mms" with media. */
  channel?: "sms" | "mms" | "whatsapp" | "viber_service" | "messenger";
  /** Meta: an emoji reaction to `messageId` instead of a text (emoji "" removes it). */
  reaction?: { messageId: string; emoji: string };
  /** Meta: an `unsupported` message of this type (e.g. "edit", "poll_creation") with Meta's 131051 error. */
  unsupportedType?: string;
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
  /**
   * Base URL per provider for the adapters' base-URL override: `url` for twilio/vonage/meta/resend
   * (`${url}/<provider>` works too), `${url}/v1` for openai (what OpenAI clients call baseURL).
   */
  baseUrls: Record<SimProvider, string>;
  stop(): Promise<void>;
  requests(provider?: SimProvider): RecordedRequest[];
  deliveries(provider?: SimProvider): WebhookDelivery[];
  /** Clears recorded requests, deliveries, messages, pending callbacks, faults and Meta windows. Keeps accounts. */
  reset(): void;
  /** Adds (or replaces) an account; it becomes the default unless `makeDefault` is false. */
  configure<P extends SimProvider>(provider: P, account: SimAccounts[P], makeDefault?: boolean): void;
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
  verifyMetaWebhook(opts?: {
    verifyToken?: string;
    challenge?: string;
  }): Promise<{ status: number; body: string; ok: boolean }>;
  /**
   * Post a recorded webhook (see deliveries()) again, as a provider retry would: same body;
   * Twilio/Meta same headers, Resend same svix-id re-signed with a fresh timestamp, Vonage a fresh JWT.
   */
  redeliver(seq: number): Promise<{ status: number; body: string }>;
  /** Sent messages the sim knows about (outbound, by provider). */
  messages(provider?: SimProvider): SimMessageInfo[];
  /** Resolves once no automatic status callback or webhook retry is pending. */
  idle(): Promise<void>;
  /** Inbound messages delivered or attempted (newest last), for gap-recovery tests. */
  inbound(provider?: SimProvider): SimInboundRecord[];
  /** Change a provider's webhook retry policy at run time ("none" = one POST, no retry). */
  setWebhookRetry(provider: SimProvider, policy: WebhookRetryPolicy | "none"): void;
  /** Chat completions answered since start/reset, per model. */
  aiUsage(): Record<string, { requests: number; totalTokens: number }>;
  /** Make the next webhook POSTs of a provider faulty (e.g. unsigned). */
  webhookFault(provider: SimProvider, fault: SimWebhookFault): void;
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
