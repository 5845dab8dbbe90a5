/**
 * WhatsApp Business Cloud API (Meta Graph API).
 *
 * Subscription: GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… -> echo challenge.
 * Inbound: POST JSON signed with X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(appSecret, raw body).
 *   Every entry[].changes[].value.messages[] and .statuses[] is turned into an event.
 * Outbound: POST {base}/{version}/{phone_number_id}/messages with Bearer accessToken.
 */
import { z } from "zod";
import { hmacSha256Hex, timingSafeEqual } from "../crypto";

export { CUSTOMER_SERVICE_WINDOW_MS, isCustomerServiceWindowOpen } from "../customerServiceWindow";

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
import type { DeliveryStatus } from "../ids";
import type {
  AdapterContext,
  Attachment,
  ChannelAdapter,
  HealthResult,
  InboundEvent,
  InboundMessage,
  OutboundMessage,
  ReactionEvent,
  SendResult,
  SignatureResult,
  StatusEvent,
  WebhookRequest,
  WebhookSecrets,
} from "../types";
import { InboundParseError } from "../types";
import { header, mediaKindOf, parseJsonBody, parseWith, toEpochMs } from "./shared";

export const META_DEFAULT_BASE_URL = "https://graph.facebook.com";
export const META_DEFAULT_API_VERSION = "v21.0";

export const metaCredentialsSchema = z.object({
  accessToken: z.string().min(1, "Access token (system user token) is required"),
  appSecret: z.string().min(1, "App secret is required to verify webhooks"),
  verifyToken: z.string().min(1, "Verify token is required for the webhook subscription"),
});
export const metaSettingsSchema = z.object({
  apiBaseUrl: z.url().optional(),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'API version looks like "v21.0"')
    .optional(),
  /** Our sending number's id; also the routing key of inbound webhooks. */
  phoneNumberId: z.string().regex(/^\d+$/, "phone_number_id is numeric").optional(),
  wabaId: z.string().regex(/^\d+$/).optional(),
  timeoutMs: z.string().regex(/^\d+$/).optional(),
});

/**
 * Answers Meta's GET subscription handshake. Returns the challenge to echo (HTTP 200, text/plain)
 * or null (HTTP 403). Accepts a URL, a query string, URLSearchParams or a plain record.
 */
export function verifySubscription(
  query: string | URLSearchParams | Record<string, string | undefined>,
  verifyToken: string | undefined,
): string | null {
  let params: URLSearchParams;
  if (query instanceof URLSearchParams) params = query;
  else if (typeof query === "string") {
    const qs = query.includes("?") ? query.slice(query.indexOf("?") + 1) : query;
    params = new URLSearchParams(qs);
  } else {
    params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
  }
  const mode = params.get("hub.mode");
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (!verifyToken || mode !== "subscribe" || token === null || challenge === null) return null;
  return timingSafeEqual(token, verifyToken) ? challenge : null;
}

// ---------------------------------------------------------------------------------------------
// Signature

async function validateMetaSignature(req: WebhookRequest, secrets: WebhookSecrets): Promise<SignatureResult> {
  const appSecret = secrets.appSecret;
  if (!appSecret) return { ok: false, status: 401, reason: "no Meta app secret configured" };
  const sig = header(req, "x-hub-signature-256");
  if (!sig) return { ok: false, status: 401, reason: "missing X-Hub-Signature-256 header" };
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(sig.trim());
  if (!m) return { ok: false, status: 403, reason: 'X-Hub-Signature-256 must be "sha256=<hex>"' };
  const expected = await hmacSha256Hex(appSecret, req.rawBody ?? "");
  if (!timingSafeEqual(m[1]!.toLowerCase(), expected)) return { ok: false, status: 403, reason: "signature mismatch" };
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Inbound

const mediaSchema = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  link: z.string().optional(),
});

/** The `errors` array Meta attaches to an unsupported message or a failed status (same shape on both). */
const errorsSchema = z
  .array(
    z
      .object({
        code: z.number().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.object({ details: z.string().optional() }).loose().optional(),
      })
      .loose(),
  )
  .optional();

const messageSchema = z
  .object({
    from: z.string().min(1, "from is required"),
    id: z.string().min(1, "id is required"),
    timestamp: z.string().optional(),
    type: z.string().min(1, "type is required"),
    text: z.object({ body: z.string() }).optional(),
    image: mediaSchema.optional(),
    video: mediaSchema.optional(),
    audio: mediaSchema.extend({ voice: z.boolean().optional() }).optional(),
    document: mediaSchema.optional(),
    sticker: mediaSchema.extend({ animated: z.boolean().optional() }).optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
        list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
        nfm_reply: z.object({ response_json: z.string().optional(), body: z.string().optional() }).optional(),
      })
      .optional(),
    button: z.object({ text: z.string().optional(), payload: z.string().optional() }).optional(),
    location: z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().optional(),
        address: z.string().optional(),
        url: z.string().optional(),
      })
      .optional(),
    reaction: z.object({ message_id: z.string().optional(), emoji: z.string().optional() }).optional(),
    contacts: z.array(z.unknown()).optional(),
    context: z.object({ from: z.string().optional(), id: z.string().optional() }).optional(),
    errors: errorsSchema,
    unsupported: z.object({ type: z.string().optional() }).loose().optional(),
  })
  .loose();

const statusSchema = z
  .object({
    id: z.string().min(1, "status id is required"),
    status: z.string().min(1),
    timestamp: z.string().optional(),
    recipient_id: z.string().optional(),
    errors: errorsSchema,
  })
  .loose();

const valueSchema = z
  .object({
    messaging_product: z.string().optional(),
    metadata: z.object({
      display_phone_number: z.string().optional(),
      phone_number_id: z.string().min(1, "metadata.phone_number_id is required"),
    }),
    contacts: z
      .array(
        z
          .object({ wa_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).optional() })
          .loose(),
      )
      .optional(),
    messages: z.array(z.unknown()).optional(),
    statuses: z.array(z.unknown()).optional(),
  })
  .loose();

const bodySchema = z.object({
  object: z.literal("whatsapp_business_account", { message: 'object must be "whatsapp_business_account"' }),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export const META_STATUS_MAP: Record<string, DeliveryStatus | null> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  played: "read",
  failed: "failed",
  deleted: null,
  warning: null,
};

const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;

function messageToEvent(
  raw: z.infer<typeof messageSchema>,
  phoneNumberId: string,
  names: Map<string, string>,
): InboundMessage {
  let text = "";
  const attachments: Attachment[] = [];
  switch (raw.type) {
    case "text":
      text = raw.text?.body ?? "";
      break;
    case "interactive": {
      const i = raw.interactive;
      text = i?.button_reply?.title ?? i?.list_reply?.title ?? i?.nfm_reply?.body ?? "";
      break;
    }
    case "button":
      text = raw.button?.text ?? raw.button?.payload ?? "";
      break;
    case "location": {
      const l = raw.location;
      if (l) text = [l.name, l.address, `${l.latitude},${l.longitude}`].filter(Boolean).join("\n");
      break;
    }
    case "system":
      text = stringField(raw.system, "body") ?? "";
      break;
    case "contacts":
      text = (raw.contacts ?? [])
        .map((c) => (isObject(c) ? stringField(c.name, "formatted_name") : undefined))
        .filter(Boolean)
        .join(", ");
      break;
    default:
      break;
  }
  for (const kind of MEDIA_TYPES) {
    const media = raw[kind];
    if (!media) continue;
    attachments.push({
      mediaId: media.id,
      ...(media.mime_type ? { contentType: media.mime_type } : {}),
      ...(media.filename ? { filename: media.filename } : {}),
      ...(media.caption ? { caption: media.caption } : {}),
      ...(media.link ? { url: media.link } : {}),
    });
    if (!text && media.caption) text = media.caption;
  }
  const sentAt = toEpochMs(raw.timestamp);
  const name = names.get(raw.from);
  const replyTo = raw.context?.id;
  // https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/unsupported
  const err = raw.errors?.[0];
  const unsupported =
    raw.type === "unsupported" || raw.type === "unknown"
      ? {
          ...(raw.unsupported?.type ? { type: raw.unsupported.type } : {}),
          ...(err?.code !== undefined ? { code: String(err.code) } : {}),
          ...((err?.title ?? err?.message) ? { title: (err?.title ?? err?.message)! } : {}),
          ...(err?.error_data?.details ? { details: err.error_data.details } : {}),
        }
      : undefined;
  return {
    kind: "message",
    channel: "whatsapp",
    provider: "meta",
    externalMessageId: raw.id,
    from: { identifier: raw.from, ...(name ? { displayName: name } : {}) },
    to: phoneNumberId,
    text,
    attachments,
    ...(sentAt !== undefined ? { sentAt } : {}),
    ...(replyTo ? { inReplyTo: [replyTo] } : {}),
    ...(unsupported ? { unsupported } : {}),
    contentType: raw.type === "interactive" && raw.interactive?.type ? `interactive.${raw.interactive.type}` : raw.type,
  };
}

/**
 * A reaction names the message it reacts to; without `emoji` it removes the contact's reaction.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction/
 */
function reactionToEvent(
  raw: z.infer<typeof messageSchema>,
  phoneNumberId: string,
  names: Map<string, string>,
): ReactionEvent | null {
  const target = raw.reaction?.message_id;
  if (!target) return null;
  const sentAt = toEpochMs(raw.timestamp);
  const name = names.get(raw.from);
  return {
    kind: "reaction",
    channel: "whatsapp",
    provider: "meta",
    externalMessageId: raw.id,
    targetExternalMessageId: target,
    from: { identifier: raw.from, ...(name ? { displayName: name } : {}) },
    to: phoneNumberId,
    emoji: raw.reaction?.emoji ?? "",
    ...(sentAt !== undefined ? { sentAt } : {}),
  };
}

function statusToEvent(raw: z.infer<typeof statusSchema>): StatusEvent | null {
  const status = META_STATUS_MAP[raw.status.toLowerCase()];
  if (!status) return null;
  const occurredAt = toEpochMs(raw.timestamp);
  const event: StatusEvent = {
    kind: "status",
    channel: "whatsapp",
    provider: "meta",
    externalMessageId: raw.id,
    status,
    ...(occurredAt !== undefined ? { occurredAt } : {}),
  };
  const err = raw.errors?.[0];
  if (status === "failed" || err) {
    event.error = {
      ...(err?.code !== undefined ? { code: String(err.code) } : {}),
      message: err?.error_data?.details ?? err?.message ?? err?.title ?? "Message failed",
    };
  }
  return event;
}

/**
 * Parses a delivery into its parts, one per `value` (= one business phone number): Meta may
 * batch several numbers, even of different organizations, in one POST, and each part is routed
 * on its own by its phone_number_id.
 */
export function parseMetaDelivery(req: WebhookRequest): Array<{ phoneNumberId: string; events: InboundEvent[] }> {
  const body = parseWith(bodySchema, parseJsonBody(req, "meta"), "meta webhook");
  const parts: Array<{ phoneNumberId: string; events: InboundEvent[] }> = [];
  body.entry.forEach((entry, ei) => {
    entry.changes.forEach((change, ci) => {
      if (change.field !== "messages") return; // template/account updates carry no messages
      const where = `meta entry[${ei}].changes[${ci}].value`;
      const value = parseWith(valueSchema, change.value, where);
      const phoneNumberId = value.metadata.phone_number_id;
      const names = new Map<string, string>();
      for (const c of value.contacts ?? []) if (c.wa_id && c.profile?.name) names.set(c.wa_id, c.profile.name);
      const events: InboundEvent[] = [];
      (value.messages ?? []).forEach((m, mi) => {
        const msg = parseWith(messageSchema, m, `${where}.messages[${mi}]`);
        if (msg.type === "reaction") {
          const reaction = reactionToEvent(msg, phoneNumberId, names);
          if (!reaction) throw new InboundParseError(`${where}.messages[${mi}]: reaction.message_id is required`);
          events.push(reaction);
        } else events.push(messageToEvent(msg, phoneNumberId, names));
      });
      (value.statuses ?? []).forEach((s, si) => {
        const st = statusToEvent(parseWith(statusSchema, s, `${where}.statuses[${si}]`));
        if (st) events.push(st);
      });
      parts.push({ phoneNumberId, events });
    });
  });
  return parts;
}

function parseMetaInbound(req: WebhookRequest): InboundEvent[] {
  return parseMetaDelivery(req).flatMap((part) => part.events);
}

/** Every phone_number_id a webhook addresses (a batch may in theory span several numbers). */
export function metaRoutingKeys(req: WebhookRequest): string[] {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    return [];
  }
  const keys = new Set<string>();
  if (!isObject(body) || !Array.isArray(body.entry)) return [];
  for (const entry of body.entry) {
    if (!isObject(entry) || !Array.isArray(entry.changes)) continue;
    for (const change of entry.changes) {
      const id =
        isObject(change) && isObject(change.value) ? stringField(change.value.metadata, "phone_number_id") : undefined;
      if (id) keys.add(id);
    }
  }
  return [...keys];
}

// ---------------------------------------------------------------------------------------------
// Outbound

/** WhatsApp recipients are digits only (wa_id / E.164 without +). */
export function whatsappRecipient(value: string): string {
  return value
    .trim()
    .replace(/^whatsapp:/i, "")
    .replace(/\D/g, "");
}

function graphBase(ctx: AdapterContext): string {
  const version = ctx.settings.apiVersion?.trim() || META_DEFAULT_API_VERSION;
  return `${baseUrl(ctx, META_DEFAULT_BASE_URL)}/${version}`;
}

/** Graph error codes that mean "slow down / try later" even though Meta answers HTTP 400. */
const META_RETRYABLE_CODES = new Set(["4", "80007", "130429", "131048", "131056", "131000", "1", "2", "133004"]);

function metaError(json: unknown, status: number): { code?: string; message: string } {
  const e = isObject(json) ? json.error : undefined;
  if (!isObject(e)) return { message: `Meta HTTP ${status}` };
  const code = stringField(e, "code");
  const details = isObject(e.error_data) ? stringField(e.error_data, "details") : undefined;
  const message = [stringField(e, "message"), details].filter(Boolean).join(" — ") || `Meta HTTP ${status}`;
  return { ...(code ? { code } : {}), message };
}

/** Builds the Cloud API request body for one outbound message. */
export function buildMetaMessagePayload(msg: OutboundMessage): Record<string, unknown> | { error: string } {
  const base = { messaging_product: "whatsapp", recipient_type: "individual", to: whatsappRecipient(msg.to) };
  if (msg.template) {
    return {
      ...base,
      type: "template",
      template: {
        name: msg.template.name,
        language: { code: msg.template.language },
        ...(msg.template.components?.length ? { components: msg.template.components } : {}),
      },
    };
  }
  const attachment = (msg.attachments ?? []).find((a) => a.url || a.mediaId);
  if (attachment) {
    const kind = mediaKindOf(attachment.contentType, attachment.filename);
    const caption = attachment.caption ?? (msg.text || undefined);
    const media: Record<string, unknown> = attachment.mediaId ? { id: attachment.mediaId } : { link: attachment.url };
    if (caption && kind !== "audio") media.caption = caption;
    if (kind === "document" && attachment.filename) media.filename = attachment.filename;
    return { ...base, type: kind, [kind]: media };
  }
  if (!msg.text) return { error: "WhatsApp message has no text, media or template" };
  return { ...base, type: "text", text: { body: msg.text, preview_url: /https?:\/\//.test(msg.text) } };
}

async function sendMeta(ctx: AdapterContext, msg: OutboundMessage): Promise<SendResult> {
  const token = ctx.credentials.accessToken;
  if (!token) return permanentFailure("missing_credentials", "Meta accessToken is required");
  const phoneNumberId = msg.from || ctx.settings.phoneNumberId;
  if (!phoneNumberId) return permanentFailure("missing_from", "phone_number_id (from) is required");
  const payload = buildMetaMessagePayload(msg);
  if ("error" in payload && typeof payload.error === "string") return permanentFailure("empty_message", payload.error);

  const out = await httpRequest(ctx, {
    method: "POST",
    url: `${graphBase(ctx)}/${encodeURIComponent(phoneNumberId)}/messages`,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(payload),
  });
  if (out.kind === "network") return networkFailure(out);
  if (out.status < 200 || out.status >= 300) {
    const err = metaError(out.json, out.status);
    const failure = classifyHttpFailure(out.status, out.headers, err, ctx.now);
    if (err.code && META_RETRYABLE_CODES.has(err.code)) failure.retryable = true;
    return failure;
  }
  const messages = isObject(out.json) && Array.isArray(out.json.messages) ? out.json.messages : [];
  const id = stringField(messages[0], "id");
  if (!id)
    return {
      ok: false,
      retryable: true,
      error: { code: "bad_response", message: "Meta response has no messages[0].id" },
    };
  const remaining = rateLimitRemaining(out.headers);
  return {
    ok: true,
    externalMessageId: id,
    status: "sent",
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
  };
}

/**
 * Resolves an inbound media id (Attachment.mediaId) to a short-lived download URL. Downloading
 * that URL also needs `Authorization: Bearer <accessToken>`.
 */
export async function fetchMetaMedia(
  ctx: AdapterContext,
  mediaId: string,
): Promise<
  | { ok: true; url: string; mimeType?: string; size?: number; sha256?: string }
  | { ok: false; retryable: boolean; error: string }
> {
  const token = ctx.credentials.accessToken;
  if (!token) return { ok: false, retryable: false, error: "Meta accessToken is required" };
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${graphBase(ctx)}/${encodeURIComponent(mediaId)}`,
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
  });
  if (out.kind === "network") return { ok: false, retryable: true, error: out.message };
  const url = stringField(out.json, "url");
  if (out.status !== 200 || !url) {
    return {
      ok: false,
      retryable: out.status === 429 || out.status >= 500,
      error: metaError(out.json, out.status).message,
    };
  }
  const size = Number(stringField(out.json, "file_size"));
  const mimeType = stringField(out.json, "mime_type");
  const sha256 = stringField(out.json, "sha256");
  return {
    ok: true,
    url,
    ...(mimeType ? { mimeType } : {}),
    ...(Number.isFinite(size) ? { size } : {}),
    ...(sha256 ? { sha256 } : {}),
  };
}

async function metaHealth(ctx: AdapterContext): Promise<HealthResult> {
  const token = ctx.credentials.accessToken;
  if (!token) return { state: "down", latencyMs: 0, error: "Meta accessToken is required" };
  const phoneNumberId = ctx.settings.phoneNumberId;
  const path = phoneNumberId
    ? `${encodeURIComponent(phoneNumberId)}?fields=id,display_phone_number,quality_rating,status`
    : "me?fields=id";
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${graphBase(ctx)}/${path}`,
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
  });
  if (out.kind === "network") return { state: "down", latencyMs: out.latencyMs, error: out.message };
  const remaining = rateLimitRemaining(out.headers);
  const extra = remaining !== undefined ? { rateLimitRemaining: remaining } : {};
  if (out.status >= 200 && out.status < 300) {
    const quality = stringField(out.json, "quality_rating");
    if (quality === "RED")
      return { state: "degraded", latencyMs: out.latencyMs, error: "WhatsApp quality rating is RED", ...extra };
    return { state: "healthy", latencyMs: out.latencyMs, ...extra };
  }
  return {
    state: out.status === 429 || out.status >= 500 ? "degraded" : "down",
    latencyMs: out.latencyMs,
    error: metaError(out.json, out.status).message,
    ...extra,
  };
}

export const metaAdapter: ChannelAdapter = {
  id: "meta",
  channel: "whatsapp",
  routingKey: (req) => metaRoutingKeys(req)[0] ?? null,
  validateSignature: validateMetaSignature,
  parseInbound: parseMetaInbound,
  send: sendMeta,
  // The Cloud API has no status lookup; statuses arrive by webhook only.
  getDeliveryStatus: async () => null,
  healthCheck: metaHealth,
};
