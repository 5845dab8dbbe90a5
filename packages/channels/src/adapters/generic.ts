/**
 * Generic webhook channel: any system that speaks Standard Webhooks.
 *
 * Inbound: POST /webhooks/custom/<slug>, headers webhook-id / webhook-timestamp / webhook-signature
 * (HMAC-SHA256 with a `whsec_` secret). Body: one event, an array of events, or {events: [...]}:
 *   message: {type?: "message", id, from: {id, name?}, text?, html?, subject?, attachments?, timestamp?}
 *   status:  {type: "status", messageId, status: sent|delivered|read|failed, error?, timestamp?}
 *
 * Outbound: POST settings.outboundUrl with a signed JSON body (see `buildGenericPayload`).
 * 2xx = sent; 429/5xx/timeouts retryable; other 4xx permanent.
 */
import { z } from "zod";
import {
  classifyHttpFailure,
  httpRequest,
  isObject,
  networkFailure,
  permanentFailure,
  rateLimitRemaining,
  stringField,
} from "../http";
import { DELIVERY_STATUSES } from "../ids";
import { standardWebhookHeaders, verifyStandardWebhook } from "../standardWebhooks";
import type {
  AdapterContext,
  ChannelAdapter,
  HealthResult,
  InboundEvent,
  OutboundMessage,
  SendResult,
  WebhookRequest,
} from "../types";
import { InboundParseError } from "../types";
import { describeIssues, parseJsonBody, pathSegmentAfter, toEpochMs } from "./shared";

export const GENERIC_PATH_MARKER = "custom";

const whsec = z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, "Signing secret must be whsec_ followed by base64");

export const genericCredentialsSchema = z.object({
  /** Verifies inbound requests. */
  signingSecret: whsec,
  /** Signs outbound requests; defaults to signingSecret. */
  outboundSigningSecret: whsec.optional(),
});
export const genericSettingsSchema = z.object({
  /** Where outbound messages are POSTed. */
  outboundUrl: z.url().optional(),
  /** Optional GET endpoint for health checks (2xx = healthy). */
  healthUrl: z.url().optional(),
  timeoutMs: z.string().regex(/^\d+$/).optional(),
});

const timestamp = z.union([z.string(), z.number()]).optional();

export const genericAttachmentSchema = z.object({
  url: z.url().optional(),
  mediaId: z.string().optional(),
  contentType: z.string().optional(),
  filename: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  caption: z.string().optional(),
});

export const genericMessageSchema = z
  .object({
    type: z.literal("message").optional(),
    id: z.string().min(1, "id is required").max(256),
    from: z.object({
      id: z.string().min(1, "from.id is required").max(256),
      name: z.string().max(256).optional(),
    }),
    text: z.string().max(64_000).optional(),
    html: z.string().optional(),
    subject: z.string().optional(),
    attachments: z.array(genericAttachmentSchema).max(20).optional(),
    timestamp,
  })
  .refine((m) => (m.text ?? "").length > 0 || (m.attachments?.length ?? 0) > 0, {
    message: "a message needs text or at least one attachment",
    path: ["text"],
  });

export const genericStatusSchema = z.object({
  type: z.literal("status"),
  messageId: z.string().min(1, "messageId is required"),
  status: z.enum(DELIVERY_STATUSES),
  error: z.union([z.string(), z.object({ code: z.string().optional(), message: z.string() })]).optional(),
  timestamp,
});

export const genericEventSchema = z.union([genericStatusSchema, genericMessageSchema]);
export type GenericInboundEvent = z.infer<typeof genericEventSchema>;

function parseGenericInbound(req: WebhookRequest): InboundEvent[] {
  const body = parseJsonBody(req, "generic");
  const slug = pathSegmentAfter(req.url, GENERIC_PATH_MARKER) ?? "";
  const items: unknown[] = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.events)
      ? body.events
      : [body];
  if (items.length === 0) throw new InboundParseError("generic: no events in body");
  return items.map((item, i) => {
    const where = items.length > 1 || Array.isArray(body) ? `generic event[${i}]` : "generic event";
    if (!isObject(item)) throw new InboundParseError(`${where}: must be a JSON object`);
    if (item.type === "status") {
      const r = genericStatusSchema.safeParse(item);
      if (!r.success) throw new InboundParseError(`${where}: ${describeIssues(r.error)}`);
      const s = r.data;
      const occurredAt = toEpochMs(s.timestamp);
      const error = s.error === undefined ? undefined : typeof s.error === "string" ? { message: s.error } : s.error;
      return {
        kind: "status" as const,
        channel: "webhook" as const,
        provider: "generic" as const,
        externalMessageId: s.messageId,
        status: s.status,
        ...(occurredAt !== undefined ? { occurredAt } : {}),
        ...(error ? { error: { ...(error.code ? { code: error.code } : {}), message: error.message } } : {}),
      };
    }
    if (item.type !== undefined && item.type !== "message") {
      throw new InboundParseError(`${where}: type must be "message" or "status", got ${JSON.stringify(item.type)}`);
    }
    const r = genericMessageSchema.safeParse(item);
    if (!r.success) throw new InboundParseError(`${where}: ${describeIssues(r.error)}`);
    const m = r.data;
    const sentAt = toEpochMs(m.timestamp);
    return {
      kind: "message" as const,
      channel: "webhook" as const,
      provider: "generic" as const,
      externalMessageId: m.id,
      from: { identifier: m.from.id, ...(m.from.name ? { displayName: m.from.name } : {}) },
      to: slug,
      text: m.text ?? "",
      ...(m.subject !== undefined ? { subject: m.subject } : {}),
      ...(m.html !== undefined ? { html: m.html } : {}),
      attachments: (m.attachments ?? []).map((a) => ({ ...a })),
      ...(sentAt !== undefined ? { sentAt } : {}),
      contentType: "message",
    };
  });
}

/** The JSON body POSTed to settings.outboundUrl. */
export function buildGenericPayload(msg: OutboundMessage, nowMs: number = Date.now()) {
  return {
    type: "message" as const,
    id: msg.messageId,
    to: msg.to,
    from: msg.from,
    text: msg.text,
    ...(msg.subject !== undefined ? { subject: msg.subject } : {}),
    ...(msg.html !== undefined ? { html: msg.html } : {}),
    ...(msg.attachments?.length ? { attachments: msg.attachments } : {}),
    ...(msg.inReplyTo ? { inReplyTo: msg.inReplyTo } : {}),
    ...(msg.statusCallbackUrl ? { statusCallbackUrl: msg.statusCallbackUrl } : {}),
    timestamp: new Date(nowMs).toISOString(),
  };
}

async function sendGeneric(ctx: AdapterContext, msg: OutboundMessage): Promise<SendResult> {
  const url = ctx.settings.outboundUrl;
  if (!url) return permanentFailure("missing_outbound_url", "settings.outboundUrl is not configured");
  const secret = ctx.credentials.outboundSigningSecret || ctx.credentials.signingSecret;
  if (!secret) return permanentFailure("missing_credentials", "a whsec_ signing secret is required");
  const now = ctx.now ?? Date.now();
  const body = JSON.stringify(buildGenericPayload(msg, now));
  let signed: Record<string, string>;
  try {
    // webhook-id = our message id: stable across retries so the receiver can deduplicate.
    signed = await standardWebhookHeaders(secret, msg.messageId, body, now);
  } catch (err) {
    return permanentFailure("bad_secret", err instanceof Error ? err.message : String(err));
  }
  const out = await httpRequest(ctx, {
    method: "POST",
    url,
    headers: { "content-type": "application/json", accept: "application/json", ...signed },
    body,
  });
  if (out.kind === "network") return networkFailure(out);
  if (out.status < 200 || out.status >= 300) {
    const message =
      stringField(out.json, "message") ??
      stringField(isObject(out.json) ? out.json.error : undefined, "message") ??
      stringField(out.json, "error") ??
      (out.text.slice(0, 300) || `HTTP ${out.status}`);
    return classifyHttpFailure(out.status, out.headers, { message }, ctx.now);
  }
  const externalId = stringField(out.json, "id") ?? stringField(out.json, "messageId") ?? msg.messageId;
  const remaining = rateLimitRemaining(out.headers);
  return {
    ok: true,
    externalMessageId: externalId,
    status: stringField(out.json, "status") === "delivered" ? "delivered" : "sent",
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
  };
}

async function genericHealth(ctx: AdapterContext): Promise<HealthResult> {
  const healthUrl = ctx.settings.healthUrl;
  const url = healthUrl || ctx.settings.outboundUrl;
  if (!url) return { state: "unknown", latencyMs: 0, error: "no outboundUrl or healthUrl configured" };
  const out = await httpRequest(ctx, { method: "GET", url, headers: { accept: "application/json" } });
  if (out.kind === "network") return { state: "down", latencyMs: out.latencyMs, error: out.message };
  const remaining = rateLimitRemaining(out.headers);
  const extra = remaining !== undefined ? { rateLimitRemaining: remaining } : {};
  if (out.status === 429 || out.status >= 500) {
    return { state: "degraded", latencyMs: out.latencyMs, error: `HTTP ${out.status}`, ...extra };
  }
  // A dedicated health URL must answer 2xx; the outbound URL only needs to be reachable
  // (a GET on a POST endpoint legitimately answers 404/405).
  if (healthUrl && (out.status < 200 || out.status >= 300)) {
    return { state: "down", latencyMs: out.latencyMs, error: `HTTP ${out.status}`, ...extra };
  }
  return { state: "healthy", latencyMs: out.latencyMs, ...extra };
}

export const genericAdapter: ChannelAdapter = {
  id: "generic",
  channel: "webhook",
  routingKey: (req) => pathSegmentAfter(req.url, GENERIC_PATH_MARKER),
  validateSignature: (req, secrets, opts) =>
    verifyStandardWebhook(
      req.headers,
      req.rawBody ?? "",
      [secrets.signingSecret, secrets.previousSigningSecret],
      "webhook",
      opts,
    ),
  parseInbound: parseGenericInbound,
  send: sendGeneric,
  getDeliveryStatus: async () => null,
  healthCheck: genericHealth,
};
