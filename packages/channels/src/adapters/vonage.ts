/**
 * Vonage Messages API v1 (SMS, MMS; WhatsApp, Viber and Messenger when the channel enables them),
 * plus the older SMS API's webhooks (./vonageSmsApi.ts).
 *
 * Messages API webhooks are JSON and signed: `Authorization: Bearer <JWT>` (HS256 with the
 * account's signature secret) whose claims carry `payload_hash` = sha256 hex of the raw body and
 * `iat`. jose verifies the JWT (HS256 only, iat freshness); we check the payload hash.
 * https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks
 * SMS API webhooks carry a `sig` parameter instead. A callback with neither is answered 503:
 * Vonage sends unsigned callbacks after an internal error and retries only on 429/5xx.
 *
 * Outbound: POST {base}/v1/messages, Basic auth apiKey:apiSecret -> 202 {message_uuid}.
 */

import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { sha256Hex, timingSafeEqual, utf8Encode } from "../crypto";
import {
  baseUrl,
  basicAuth,
  classifyHttpFailure,
  httpRequest,
  isObject,
  networkFailure,
  permanentFailure,
  rateLimitRemaining,
  stringField,
} from "../http";
import type { DeliveryStatus } from "../ids";
import { DEFAULT_TOLERANCE_SECONDS } from "../standardWebhooks";
import type {
  AdapterContext,
  Attachment,
  ChannelAdapter,
  HealthResult,
  InboundEvent,
  OutboundMessage,
  SendResult,
  SignatureResult,
  StatusEvent,
  VerifyOptions,
  WebhookRequest,
  WebhookSecrets,
} from "../types";
import { InboundParseError } from "../types";
import { header, mediaKindOf, parseJsonBody, parseWith, toEpochMs } from "./shared";
import { parseSmsApi, smsApiParams, VONAGE_SIGNATURE_METHODS, validateSmsApiSignature } from "./vonageSmsApi";

export { VONAGE_SIGNATURE_METHODS } from "./vonageSmsApi";

export const VONAGE_DEFAULT_BASE_URL = "https://api.nexmo.com";
/** The Account API (balance) lives on rest.nexmo.com unless apiBaseUrl overrides both. */
export const VONAGE_DEFAULT_REST_URL = "https://rest.nexmo.com";

export const vonageCredentialsSchema = z.object({
  apiKey: z.string().min(1, "API key is required"),
  apiSecret: z.string().min(1, "API secret is required"),
  signatureSecret: z.string().min(1, "Signature secret (Dashboard > Settings) is required"),
});
/** Messages API channels an account may deliver besides sms and mms (opt-in per channel config). */
export const VONAGE_OPTIONAL_CHANNELS = ["whatsapp", "viber_service", "messenger"] as const;

export const vonageSettingsSchema = z.object({
  apiBaseUrl: z.url().optional(),
  /** How the account signs SMS API webhooks (`sig`); Messages API webhooks are JWTs. */
  signatureMethod: z.enum(VONAGE_SIGNATURE_METHODS).optional(),
  /** Comma-separated extra Messages API channels to accept inbound: whatsapp, viber_service, messenger. */
  inboundChannels: z
    .string()
    .regex(
      new RegExp(
        `^\\s*(${VONAGE_OPTIONAL_CHANNELS.join("|")})(\\s*,\\s*(${VONAGE_OPTIONAL_CHANNELS.join("|")}))*\\s*$`,
      ),
      `a comma-separated list of ${VONAGE_OPTIONAL_CHANNELS.join(", ")}`,
    )
    .optional(),
  timeoutMs: z.string().regex(/^\d+$/).optional(),
});

/** Whether a channel config takes inbound messages of this Messages API channel. */
export function vonageAcceptsChannel(
  providerChannel: string | undefined,
  settings: Record<string, string | undefined>,
) {
  if (!providerChannel || providerChannel === "sms" || providerChannel === "mms") return true;
  const enabled = (settings.inboundChannels ?? "").split(",").map((c) => c.trim());
  return enabled.includes(providerChannel);
}

export const VONAGE_STATUS_MAP: Record<string, DeliveryStatus | null> = {
  submitted: "sent",
  delivered: "delivered",
  read: "read",
  rejected: "failed",
  undeliverable: "failed",
};

const MESSAGES_CHANNELS = ["sms", "mms", ...VONAGE_OPTIONAL_CHANNELS] as const;

/** https://developer.vonage.com/en/api/messages#inbound-message: one content object per message. */
const mediaSchema = z
  .object({ url: z.string().min(1, "url is required"), caption: z.string().optional(), name: z.string().optional() })
  .loose();

const inboundSchema = z
  .object({
    channel: z.enum(MESSAGES_CHANNELS, { message: `channel must be one of ${MESSAGES_CHANNELS.join(", ")}` }),
    message_uuid: z.string().min(1, "message_uuid is required"),
    to: z.string().min(1, "to is required"),
    from: z.string().min(1, "from is required"),
    message_type: z.string().min(1).default("text"),
    text: z.string().optional(),
    image: mediaSchema.optional(),
    video: mediaSchema.optional(),
    audio: mediaSchema.optional(),
    file: mediaSchema.optional(),
    vcard: mediaSchema.optional(),
    sticker: mediaSchema.optional(),
    location: z
      .object({
        lat: z.number().optional(),
        long: z.number().optional(),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .loose()
      .optional(),
    reply: z.object({ id: z.string().optional(), title: z.string().optional() }).loose().optional(),
    profile: z.object({ name: z.string().optional() }).loose().optional(),
    context: z.object({ message_uuid: z.string().optional() }).loose().optional(),
    timestamp: z.string().optional(),
  })
  .loose()
  .refine((m) => m.message_type !== "text" || typeof m.text === "string", {
    message: "text is required",
    path: ["text"],
  });

const MEDIA_KINDS = ["image", "video", "audio", "file", "vcard", "sticker"] as const;
/** Content type when Vonage gives none: vCards are text/vcard, the rest is known by kind only. */
const MEDIA_CONTENT_TYPE: Partial<Record<(typeof MEDIA_KINDS)[number], string>> = { vcard: "text/vcard" };

/** Our channel for a Messages API channel: WhatsApp threads with WhatsApp, Messenger ids are external ids. */
const CHANNEL_OF: Record<(typeof MESSAGES_CHANNELS)[number], "sms" | "whatsapp" | "webhook"> = {
  sms: "sms",
  mms: "sms",
  viber_service: "sms",
  whatsapp: "whatsapp",
  messenger: "webhook",
};

const statusSchema = z.object({
  message_uuid: z.string().min(1, "message_uuid is required"),
  status: z.string().min(1),
  to: z.string().optional(),
  from: z.string().optional(),
  timestamp: z.string().optional(),
  channel: z.string().optional(),
  client_ref: z.string().optional(),
  error: z
    .object({
      type: z.string().optional(),
      title: z.union([z.string(), z.number()]).optional(),
      detail: z.string().optional(),
      instance: z.string().optional(),
    })
    .optional(),
});

// ---------------------------------------------------------------------------------------------
// JWT

export interface VonageJwtClaims {
  iat?: number;
  exp?: number;
  nbf?: number;
  jti?: string;
  iss?: string;
  api_key?: string;
  application_id?: string;
  payload_hash?: string;
  [claim: string]: unknown;
}

/** Signs an HS256 JWT (used by tests and the provider simulator). */
export async function signHs256Jwt(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(utf8Encode(secret));
}

export type JwtVerification = { ok: true; claims: VonageJwtClaims } | { ok: false; reason: string };

/**
 * Verifies an HS256 JWT with jose: signature, `alg` pinned to HS256, and the time claims within
 * ±toleranceSeconds (`iat` required; stale or future `iat`, expired `exp`, early `nbf` fail).
 */
export async function verifyHs256Jwt(
  token: string,
  secret: string,
  opts: VerifyOptions = {},
): Promise<JwtVerification> {
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  try {
    const { payload } = await jwtVerify(token, utf8Encode(secret), {
      algorithms: ["HS256"],
      currentDate: new Date(opts.now ?? Date.now()),
      clockTolerance: tolerance,
      // maxTokenAge 0 + clockTolerance = iat within ±tolerance of now (replay window).
      maxTokenAge: 0,
    });
    return { ok: true, claims: payload as VonageJwtClaims };
  } catch (error) {
    return { ok: false, reason: jwtFailureReason(error) };
  }
}

/** Our reasons for jose's errors (stable texts for logs and tests). */
function jwtFailureReason(error: unknown): string {
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "JWT signature mismatch";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "JWT alg must be HS256";
  if (error instanceof joseErrors.JWTExpired) {
    return error.claim === "iat" ? "JWT iat is too old (possible replay)" : "JWT expired";
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === "iat") return error.reason === "missing" ? "JWT has no iat claim" : "JWT iat is in the future";
    if (error.claim === "nbf") return "JWT not yet valid";
    return `JWT claim ${error.claim} is invalid`;
  }
  if (error instanceof joseErrors.JOSEError) return `bearer token is not a valid JWT (${error.code})`;
  return "bearer token is not a valid JWT";
}

async function validateVonageSignature(
  req: WebhookRequest,
  secrets: WebhookSecrets,
  opts: VerifyOptions = {},
): Promise<SignatureResult> {
  const secret = secrets.signatureSecret;
  if (!secret) return { ok: false, status: 401, reason: "no Vonage signature secret configured" };
  const auth = header(req, "authorization");
  if (!auth) {
    const params = smsApiParams(req);
    if (params?.sig !== undefined) return validateSmsApiSignature(params, secrets, opts);
    // Vonage sends an unsigned callback after an internal error and retries only on 429/5xx:
    // refuse it without storing anything, in a way that makes Vonage deliver it again signed.
    return { ok: false, status: 503, reason: "unsigned Vonage callback (no JWT, no sig): retry" };
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!m) return { ok: false, status: 401, reason: "Authorization header is not a Bearer token" };

  const verified = await verifyHs256Jwt(m[1]!, secret, opts);
  if (!verified.ok) return { ok: false, status: 403, reason: verified.reason };
  const claims = verified.claims;
  if (secrets.apiKey && claims.api_key !== undefined && claims.api_key !== secrets.apiKey) {
    return { ok: false, status: 403, reason: "JWT api_key does not match this account" };
  }
  if (typeof claims.payload_hash !== "string")
    return { ok: false, status: 403, reason: "JWT has no payload_hash claim" };
  const actual = await sha256Hex(req.rawBody ?? "");
  if (!timingSafeEqual(claims.payload_hash.toLowerCase(), actual)) {
    return { ok: false, status: 403, reason: "payload_hash does not match the request body" };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Inbound

function isStatusPayload(body: Record<string, unknown>): boolean {
  return typeof body.status === "string" && body.text === undefined;
}

function parseVonageInbound(req: WebhookRequest): InboundEvent[] {
  const params = smsApiParams(req);
  if (params) return parseSmsApi(params);
  const body = parseJsonBody(req, "vonage");
  if (!isObject(body)) throw new InboundParseError("vonage: body must be a JSON object");

  if (isStatusPayload(body)) {
    const s = parseWith(statusSchema, body, "vonage status webhook");
    const status = VONAGE_STATUS_MAP[s.status.toLowerCase()];
    if (status === undefined) throw new InboundParseError(`vonage: unknown status "${s.status}"`);
    if (status === null) return [];
    const occurredAt = toEpochMs(s.timestamp);
    const event: StatusEvent = {
      kind: "status",
      channel: "sms",
      provider: "vonage",
      externalMessageId: s.message_uuid,
      status,
      ...(occurredAt !== undefined ? { occurredAt } : {}),
    };
    if (status === "failed" || s.error) {
      const code = s.error?.title !== undefined ? String(s.error.title) : undefined;
      event.error = {
        ...(code ? { code } : {}),
        message: s.error?.detail ?? (code ? `Vonage error ${code}` : `Message ${s.status}`),
      };
    }
    return [event];
  }

  const m = parseWith(inboundSchema, body, "vonage inbound message");
  const sentAt = toEpochMs(m.timestamp);
  // Media arrive as URLs (Vonage hosts them for a limited time); fetching them into storage is
  // the media step's job, not the parser's.
  const attachments: Attachment[] = [];
  let caption: string | undefined;
  for (const kind of MEDIA_KINDS) {
    const media = m[kind];
    if (!media) continue;
    const contentType = MEDIA_CONTENT_TYPE[kind];
    attachments.push({
      url: media.url,
      ...(contentType ? { contentType } : {}),
      ...(media.name ? { filename: media.name } : {}),
      ...(media.caption ? { caption: media.caption } : {}),
    });
    caption ??= media.caption;
  }
  const location = m.location
    ? [
        m.location.name,
        m.location.address,
        m.location.lat !== undefined ? `${m.location.lat},${m.location.long}` : undefined,
      ]
        .filter(Boolean)
        .join("\n")
    : undefined;
  const name = m.profile?.name;
  return [
    {
      kind: "message",
      channel: CHANNEL_OF[m.channel],
      provider: "vonage",
      externalMessageId: m.message_uuid,
      from: { identifier: m.from, ...(name ? { displayName: name } : {}) },
      to: m.to,
      text: m.text ?? caption ?? m.reply?.title ?? location ?? "",
      attachments,
      ...(sentAt !== undefined ? { sentAt } : {}),
      ...(m.context?.message_uuid ? { inReplyTo: [m.context.message_uuid] } : {}),
      contentType: m.message_type,
      providerChannel: m.channel,
    },
  ];
}

function vonageRoutingKey(req: WebhookRequest): string | null {
  // SMS API: `to` is our number for inbound messages and delivery receipts alike.
  const params = smsApiParams(req);
  if (params) return params.to || null;
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    return null;
  }
  if (!isObject(body)) return null;
  // Status webhooks are about messages we sent: our number is `from`.
  const key = isStatusPayload(body) ? body.from : body.to;
  return typeof key === "string" && key ? key : null;
}

// ---------------------------------------------------------------------------------------------
// Outbound

/** Vonage wants E.164 without the leading + (alphanumeric sender ids are passed through). */
export function vonageNumber(value: string): string {
  const v = value.trim().replace(/^(sms|tel):/i, "");
  return /^\+?[\d\s().-]+$/.test(v) ? v.replace(/\D/g, "") : v;
}

function vonageError(json: unknown, status: number): { code?: string; message: string } {
  const title = stringField(json, "title");
  const detail = stringField(json, "detail");
  const type = stringField(json, "type");
  const code = type?.split("#").pop() || title;
  const message = [title, detail].filter(Boolean).join(": ") || `Vonage HTTP ${status}`;
  return { ...(code ? { code } : {}), message };
}

async function sendVonage(ctx: AdapterContext, msg: OutboundMessage): Promise<SendResult> {
  const { apiKey, apiSecret } = ctx.credentials;
  if (!apiKey || !apiSecret) return permanentFailure("missing_credentials", "Vonage apiKey and apiSecret are required");
  const image = (msg.attachments ?? []).find((a) => a.url && mediaKindOf(a.contentType, a.filename) === "image");
  const payload: Record<string, unknown> = image
    ? {
        message_type: "image",
        channel: "mms",
        to: vonageNumber(msg.to),
        from: vonageNumber(msg.from),
        image: { url: image.url, ...(msg.text ? { caption: msg.text } : {}) },
        client_ref: msg.messageId.slice(0, 100),
      }
    : {
        message_type: "text",
        channel: "sms",
        to: vonageNumber(msg.to),
        from: vonageNumber(msg.from),
        text: msg.text,
        client_ref: msg.messageId.slice(0, 100),
      };
  if (!image && !msg.text) return permanentFailure("empty_message", "SMS text is empty");
  if (msg.statusCallbackUrl) payload.webhook_url = msg.statusCallbackUrl;

  const out = await httpRequest(ctx, {
    method: "POST",
    url: `${baseUrl(ctx, VONAGE_DEFAULT_BASE_URL)}/v1/messages`,
    headers: {
      authorization: basicAuth(apiKey, apiSecret),
      "content-type": "application/json",
      accept: "application/json",
    },
    body: JSON.stringify(payload),
  });
  if (out.kind === "network") return networkFailure(out);
  if (out.status < 200 || out.status >= 300) {
    return classifyHttpFailure(out.status, out.headers, vonageError(out.json, out.status), ctx.now);
  }
  const uuid = stringField(out.json, "message_uuid");
  if (!uuid)
    return {
      ok: false,
      retryable: true,
      error: { code: "bad_response", message: "Vonage response has no message_uuid" },
    };
  const remaining = rateLimitRemaining(out.headers);
  return {
    ok: true,
    externalMessageId: uuid,
    status: "sent",
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
  };
}

async function vonageHealth(ctx: AdapterContext): Promise<HealthResult> {
  const { apiKey, apiSecret } = ctx.credentials;
  if (!apiKey || !apiSecret) return { state: "down", latencyMs: 0, error: "Vonage apiKey and apiSecret are required" };
  const base = ctx.settings.apiBaseUrl?.trim() ? baseUrl(ctx, VONAGE_DEFAULT_BASE_URL) : VONAGE_DEFAULT_REST_URL;
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${base}/account/get-balance`,
    headers: { authorization: basicAuth(apiKey, apiSecret), accept: "application/json" },
  });
  if (out.kind === "network") return { state: "down", latencyMs: out.latencyMs, error: out.message };
  const remaining = rateLimitRemaining(out.headers);
  if (out.status >= 200 && out.status < 300) {
    return {
      state: "healthy",
      latencyMs: out.latencyMs,
      ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
    };
  }
  return {
    state: out.status === 429 || out.status >= 500 ? "degraded" : "down",
    latencyMs: out.latencyMs,
    error: vonageError(out.json, out.status).message,
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
  };
}

export const vonageAdapter: ChannelAdapter = {
  id: "vonage",
  channel: "sms",
  routingKey: vonageRoutingKey,
  validateSignature: validateVonageSignature,
  parseInbound: parseVonageInbound,
  send: sendVonage,
  // The Messages API has no per-message status lookup; status arrives by webhook only.
  getDeliveryStatus: async () => null,
  healthCheck: vonageHealth,
};
