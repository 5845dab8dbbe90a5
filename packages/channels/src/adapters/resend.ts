/**
 * Resend (email).
 *
 * Webhooks are Svix-signed: svix-id / svix-timestamp / svix-signature ("v1,<b64>" list), HMAC-SHA256
 * over `${id}.${timestamp}.${body}` with the `whsec_` endpoint secret, 5-minute replay window.
 * `email.received` (inbound) carries metadata only — no body or headers — so the message is
 * flagged `contentPending` and `hydrateInbound` fetches GET /emails/receiving/{email_id}.
 * Delivery events (email.sent/delivered/…) become StatusEvents.
 *
 * Outbound: POST {base}/emails, Bearer apiKey, Idempotency-Key = our message id -> {id}.
 */
import { z } from "zod";
import {
  baseUrl,
  classifyHttpFailure,
  httpRequest,
  isObject,
  networkFailure,
  permanentFailure,
  rateLimitRemaining,
  stringField,
} from "../http";
import { parseEmailAddress, parseEmailAddressList } from "../identifiers";
import type { DeliveryStatus } from "../ids";
import { verifyStandardWebhook } from "../standardWebhooks";
import type {
  AdapterContext,
  Attachment,
  ChannelAdapter,
  HealthResult,
  InboundEvent,
  InboundMessage,
  OutboundMessage,
  SendResult,
  StatusEvent,
  WebhookRequest,
} from "../types";
import { InboundParseError } from "../types";
import { parseJsonBody, parseWith, toEpochMs } from "./shared";

export const RESEND_DEFAULT_BASE_URL = "https://api.resend.com";

export const resendCredentialsSchema = z.object({
  apiKey: z.string().min(1, "API key is required"),
  webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, "Webhook signing secret starts with whsec_"),
});
export const resendSettingsSchema = z.object({
  apiBaseUrl: z.url().optional(),
  /** Display name used when the `from` address has none ("Acme Support"). */
  fromName: z.string().optional(),
  timeoutMs: z.string().regex(/^\d+$/).optional(),
});

/** Resend event type -> delivery status (null = not a delivery event we track). */
export const RESEND_EVENT_STATUS: Record<string, DeliveryStatus | null> = {
  "email.sent": "sent",
  "email.delivered": "delivered",
  // Still being retried by Resend; keeps the message at `sent` (ranks never go backwards).
  "email.delivery_delayed": "sent",
  "email.opened": "read",
  "email.clicked": "read",
  "email.bounced": "failed",
  "email.complained": "failed",
  "email.failed": "failed",
  "email.suppressed": "failed",
  "email.scheduled": null,
};

/** Resend `last_event` (GET /emails/{id}) -> delivery status. */
const RESEND_LAST_EVENT_STATUS: Record<string, DeliveryStatus | null> = {
  sent: "sent",
  delivered: "delivered",
  delivery_delayed: "sent",
  opened: "read",
  clicked: "read",
  bounced: "failed",
  complained: "failed",
  failed: "failed",
  suppressed: "failed",
  canceled: "failed",
  queued: null,
  scheduled: null,
};

const addressList = z.union([z.string(), z.array(z.string())]).optional();

const attachmentSchema = z
  .object({
    id: z.string().optional(),
    filename: z.string().optional(),
    content_type: z.string().optional(),
    content_disposition: z.string().optional(),
    content_id: z.string().optional(),
    size: z.number().optional(),
    url: z.string().optional(),
  })
  .loose();

const headersSchema = z
  .union([
    z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    z.array(z.object({ name: z.string(), value: z.string() })),
  ])
  .optional();

const receivedSchema = z
  .object({
    email_id: z.string().min(1, "email_id is required"),
    created_at: z.string().optional(),
    from: z.string().min(1, "from is required"),
    to: z.union([z.string().min(1), z.array(z.string()).min(1, "to must list at least one recipient")]),
    cc: addressList,
    bcc: addressList,
    message_id: z.string().optional(),
    subject: z.string().optional(),
    text: z.string().nullable().optional(),
    html: z.string().nullable().optional(),
    headers: headersSchema,
    /** Not in Resend's documented payload; accepted when a relay/simulator inlines threading. */
    in_reply_to: z.string().nullable().optional(),
    references: z
      .union([z.string(), z.array(z.string())])
      .nullable()
      .optional(),
    attachments: z.array(attachmentSchema).optional(),
  })
  .loose();

const deliverySchema = z
  .object({
    email_id: z.string().min(1, "email_id is required"),
    created_at: z.string().optional(),
    from: z.string().optional(),
    to: addressList,
    /** The Message-ID the email went out with (resend.com/changelog/message-id-for-sent-emails). */
    message_id: z.string().optional(),
    subject: z.string().optional(),
    bounce: z
      .object({ message: z.string().optional(), type: z.string().optional(), subType: z.string().optional() })
      .loose()
      .optional(),
    failed: z.object({ reason: z.string().optional() }).loose().optional(),
  })
  .loose();

const eventSchema = z.object({
  type: z.string().min(1, "type is required"),
  created_at: z.string().optional(),
  data: z.record(z.string(), z.unknown(), { message: "data must be an object" }),
});

// ---------------------------------------------------------------------------------------------
// Helpers

function toList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** Case-insensitive header lookup over Resend's object or name/value array forms. */
export function emailHeader(headers: z.infer<typeof headersSchema>, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  if (Array.isArray(headers)) return headers.find((h) => h.name.toLowerCase() === lower)?.value;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v.join(" ") : v;
  }
  return undefined;
}

/** Extracts `<id@host>` message ids from In-Reply-To / References values (deduplicated, in order). */
export function parseMessageIds(...values: Array<string | undefined>): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (!v) continue;
    const bracketed = v.match(/<[^<>\s]+>/g);
    const ids =
      bracketed ??
      v
        .split(/\s+/)
        .filter(Boolean)
        .map((s) => `<${s.replace(/^<|>$/g, "")}>`);
    for (const id of ids) if (!out.includes(id)) out.push(id);
  }
  return out;
}

function angle(id: string): string {
  const t = id.trim();
  return t.startsWith("<") ? t : `<${t}>`;
}

function attachmentsOf(list: z.infer<typeof attachmentSchema>[] | undefined): Attachment[] {
  return (list ?? []).map((a) => ({
    ...(a.id ? { mediaId: a.id } : {}),
    ...(a.url ? { url: a.url } : {}),
    ...(a.content_type ? { contentType: a.content_type } : {}),
    ...(a.filename ? { filename: a.filename } : {}),
    ...(typeof a.size === "number" ? { size: a.size } : {}),
  }));
}

// ---------------------------------------------------------------------------------------------
// Inbound

function receivedToMessage(d: z.infer<typeof receivedSchema>): InboundMessage {
  const from = parseEmailAddress(d.from);
  if (!from) throw new InboundParseError(`resend: "from" is not an email address: ${d.from}`);
  const to = parseEmailAddressList(toList(d.to));
  if (to.length === 0) throw new InboundParseError("resend: no valid recipient address in `to`");
  const cc = parseEmailAddressList(toList(d.cc)).map((a) => a.address);
  const refs = Array.isArray(d.references) ? d.references.join(" ") : (d.references ?? undefined);
  const inReplyTo = parseMessageIds(
    emailHeader(d.headers, "in-reply-to") ?? d.in_reply_to ?? undefined,
    emailHeader(d.headers, "references") ?? refs,
  );
  const hasBody = typeof d.text === "string" || typeof d.html === "string";
  const sentAt = toEpochMs(d.created_at);
  return {
    kind: "message",
    channel: "email",
    provider: "resend",
    externalMessageId: d.email_id,
    from: { identifier: from.address, ...(from.name ? { displayName: from.name } : {}) },
    to: to[0]!.address,
    text: d.text ?? "",
    ...(d.subject !== undefined ? { subject: d.subject } : {}),
    ...(typeof d.html === "string" ? { html: d.html } : {}),
    attachments: attachmentsOf(d.attachments),
    ...(sentAt !== undefined ? { sentAt } : {}),
    ...(d.message_id ? { emailMessageId: d.message_id } : {}),
    ...(inReplyTo.length ? { inReplyTo } : {}),
    ...(cc.length ? { cc } : {}),
    contentType: "email",
    ...(hasBody ? {} : { contentPending: true }),
  };
}

function parseResendInbound(req: WebhookRequest): InboundEvent[] {
  const event = parseWith(eventSchema, parseJsonBody(req, "resend"), "resend webhook");
  if (event.type === "email.received") {
    return [receivedToMessage(parseWith(receivedSchema, event.data, "resend email.received data"))];
  }
  if (!event.type.startsWith("email.")) return [];
  const status = RESEND_EVENT_STATUS[event.type];
  if (!status) return [];
  const d = parseWith(deliverySchema, event.data, `resend ${event.type} data`);
  const occurredAt = toEpochMs(event.created_at ?? d.created_at);
  const result: StatusEvent = {
    kind: "status",
    channel: "email",
    provider: "resend",
    externalMessageId: d.email_id,
    status,
    ...(occurredAt !== undefined ? { occurredAt } : {}),
    ...(d.message_id ? { emailMessageId: d.message_id } : {}),
  };
  if (status === "failed") {
    if (event.type === "email.bounced") {
      const kind = [d.bounce?.type, d.bounce?.subType].filter(Boolean).join("/");
      result.error = {
        code: "bounced",
        message: d.bounce?.message ?? (kind ? `Bounced (${kind})` : "Email bounced"),
      };
    } else if (event.type === "email.complained") {
      result.error = { code: "complained", message: "Recipient marked the email as spam" };
    } else if (event.type === "email.suppressed") {
      result.error = { code: "suppressed", message: "Recipient is on the suppression list" };
    } else {
      result.error = { code: "failed", message: d.failed?.reason ?? "Email failed to send" };
    }
  }
  return [result];
}

function resendRoutingKey(req: WebhookRequest): string | null {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    return null;
  }
  if (!isObject(body) || !isObject(body.data)) return null;
  if (body.type === "email.received") {
    const to = body.data.to;
    const list = parseEmailAddressList(
      Array.isArray(to) ? to.filter((x): x is string => typeof x === "string") : typeof to === "string" ? to : [],
    );
    return list[0]?.address ?? null;
  }
  const from = stringField(body.data, "from");
  return from ? (parseEmailAddress(from)?.address ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Outbound

function resendError(json: unknown, status: number): { code?: string; message: string } {
  const name = stringField(json, "name");
  const message = stringField(json, "message") ?? `Resend HTTP ${status}`;
  return { ...(name ? { code: name } : {}), message };
}

function authHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, accept: "application/json" };
}

/** The request body for POST /emails. */
export function buildResendEmail(msg: OutboundMessage, fromName?: string): Record<string, unknown> {
  const from = msg.from.includes("<") || !fromName ? msg.from : `${fromName.replace(/[<>"]/g, "")} <${msg.from}>`;
  const headers: Record<string, string> = {};
  if (msg.emailMessageId) headers["Message-ID"] = angle(msg.emailMessageId);
  if (msg.inReplyTo) headers["In-Reply-To"] = angle(msg.inReplyTo);
  const refs = [...(msg.references ?? [])].map(angle);
  if (msg.inReplyTo && !refs.includes(angle(msg.inReplyTo))) refs.push(angle(msg.inReplyTo));
  if (refs.length) headers.References = refs.join(" ");
  const attachments = (msg.attachments ?? [])
    .filter((a) => a.url)
    .map((a) => ({
      path: a.url,
      ...(a.filename ? { filename: a.filename } : {}),
      ...(a.contentType ? { content_type: a.contentType } : {}),
    }));
  return {
    from,
    to: [msg.to],
    subject: msg.subject?.trim() || "(no subject)",
    ...(msg.text ? { text: msg.text } : {}),
    ...(msg.html ? { html: msg.html } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(attachments.length ? { attachments } : {}),
  };
}

async function sendResend(ctx: AdapterContext, msg: OutboundMessage): Promise<SendResult> {
  const apiKey = ctx.credentials.apiKey;
  if (!apiKey) return permanentFailure("missing_credentials", "Resend apiKey is required");
  if (!msg.text && !msg.html) return permanentFailure("empty_message", "Email has neither text nor html");
  const out = await httpRequest(ctx, {
    method: "POST",
    url: `${baseUrl(ctx, RESEND_DEFAULT_BASE_URL)}/emails`,
    headers: { ...authHeaders(apiKey), "content-type": "application/json", "idempotency-key": msg.messageId },
    body: JSON.stringify(buildResendEmail(msg, ctx.settings.fromName)),
  });
  if (out.kind === "network") return networkFailure(out);
  if (out.status < 200 || out.status >= 300) {
    return classifyHttpFailure(out.status, out.headers, resendError(out.json, out.status), ctx.now);
  }
  const id = stringField(out.json, "id");
  if (!id) return { ok: false, retryable: true, error: { code: "bad_response", message: "Resend response has no id" } };
  const remaining = rateLimitRemaining(out.headers);
  return {
    ok: true,
    externalMessageId: id,
    status: "sent",
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
  };
}

async function resendDeliveryStatus(ctx: AdapterContext, id: string): Promise<StatusEvent | null> {
  const apiKey = ctx.credentials.apiKey;
  if (!apiKey) return null;
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${baseUrl(ctx, RESEND_DEFAULT_BASE_URL)}/emails/${encodeURIComponent(id)}`,
    headers: authHeaders(apiKey),
  });
  if (out.kind === "network" || out.status !== 200) return null;
  return resendStatusEvent(id, stringField(out.json, "last_event"));
}

/** An email's `last_event` (GET /emails/{id}) as a StatusEvent; null while queued/scheduled. */
export function resendStatusEvent(id: string, last: string | undefined): StatusEvent | null {
  const status = last ? RESEND_LAST_EVENT_STATUS[last] : undefined;
  if (!last || !status) return null;
  return {
    kind: "status",
    channel: "email",
    provider: "resend",
    externalMessageId: id,
    status,
    ...(status === "failed" ? { error: { code: last, message: `Email ${last}` } } : {}),
  };
}

export interface ReceivedEmailContent {
  text?: string;
  html?: string;
  headers?: z.infer<typeof headersSchema>;
  messageId?: string;
  attachments: Attachment[];
}

/** GET /emails/receiving/{id}: the body and headers that the email.received webhook omits. */
export async function fetchReceivedEmail(
  ctx: AdapterContext,
  emailId: string,
): Promise<({ ok: true } & ReceivedEmailContent) | { ok: false; retryable: boolean; error: string }> {
  const apiKey = ctx.credentials.apiKey;
  if (!apiKey) return { ok: false, retryable: false, error: "Resend apiKey is required" };
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${baseUrl(ctx, RESEND_DEFAULT_BASE_URL)}/emails/receiving/${encodeURIComponent(emailId)}`,
    headers: authHeaders(apiKey),
  });
  if (out.kind === "network") return { ok: false, retryable: true, error: out.message };
  if (out.status !== 200 || !isObject(out.json)) {
    return {
      ok: false,
      retryable: out.status === 429 || out.status >= 500,
      error: resendError(out.json, out.status).message,
    };
  }
  return { ok: true, ...receivedEmailContent(out.json) };
}

/** The content fields of a received email (GET /emails/receiving/{id}), whatever else it carries. */
export function receivedEmailContent(json: unknown): ReceivedEmailContent {
  const parsed = receivedSchema.partial().safeParse(json);
  const d = parsed.success ? parsed.data : {};
  return {
    ...(typeof d.text === "string" ? { text: d.text } : {}),
    ...(typeof d.html === "string" ? { html: d.html } : {}),
    ...(d.headers ? { headers: d.headers } : {}),
    ...(d.message_id ? { messageId: d.message_id } : {}),
    attachments: attachmentsOf(d.attachments),
  };
}

/** Strips tags for a text fallback when a received email only has HTML. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

async function hydrateResend(ctx: AdapterContext, message: InboundMessage): Promise<InboundMessage> {
  if (!message.contentPending) return message;
  const r = await fetchReceivedEmail(ctx, message.externalMessageId);
  if (!r.ok) {
    if (r.retryable) throw new Error(`resend: could not fetch received email: ${r.error}`);
    return message;
  }
  return withReceivedContent(message, r);
}

/** A metadata-only received email completed with its fetched content (no longer contentPending). */
export function withReceivedContent(message: InboundMessage, r: ReceivedEmailContent): InboundMessage {
  const inReplyTo = parseMessageIds(emailHeader(r.headers, "in-reply-to"), emailHeader(r.headers, "references"));
  const { contentPending: _pending, ...rest } = message;
  return {
    ...rest,
    text: r.text ?? (r.html ? htmlToText(r.html) : message.text),
    ...(r.html !== undefined ? { html: r.html } : {}),
    ...(inReplyTo.length ? { inReplyTo } : {}),
    ...(r.messageId && !message.emailMessageId ? { emailMessageId: r.messageId } : {}),
    attachments: message.attachments.length ? message.attachments : r.attachments,
  };
}

async function resendHealth(ctx: AdapterContext): Promise<HealthResult> {
  const apiKey = ctx.credentials.apiKey;
  if (!apiKey) return { state: "down", latencyMs: 0, error: "Resend apiKey is required" };
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${baseUrl(ctx, RESEND_DEFAULT_BASE_URL)}/domains`,
    headers: authHeaders(apiKey),
  });
  if (out.kind === "network") return { state: "down", latencyMs: out.latencyMs, error: out.message };
  const remaining = rateLimitRemaining(out.headers);
  const extra = remaining !== undefined ? { rateLimitRemaining: remaining } : {};
  if (out.status >= 200 && out.status < 300) return { state: "healthy", latencyMs: out.latencyMs, ...extra };
  const err = resendError(out.json, out.status);
  // A sending-only key cannot list domains but is valid for sending.
  if (out.status === 401 && err.code === "restricted_api_key")
    return { state: "healthy", latencyMs: out.latencyMs, ...extra };
  return {
    state: out.status === 429 || out.status >= 500 ? "degraded" : "down",
    latencyMs: out.latencyMs,
    error: err.message,
    ...extra,
  };
}

export const resendAdapter: ChannelAdapter = {
  id: "resend",
  channel: "email",
  routingKey: resendRoutingKey,
  validateSignature: (req, secrets, opts) =>
    verifyStandardWebhook(
      req.headers,
      req.rawBody ?? "",
      [secrets.webhookSecret, secrets.previousWebhookSecret],
      "svix",
      opts,
    ),
  parseInbound: parseResendInbound,
  send: sendResend,
  getDeliveryStatus: resendDeliveryStatus,
  healthCheck: resendHealth,
  hydrateInbound: hydrateResend,
};
