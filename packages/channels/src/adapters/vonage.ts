/**
 * Vonage Messages API v1, SMS channel.
 *
 * Inbound and status webhooks are JSON and signed: `Authorization: Bearer <JWT>` (HS256 with the
 * account's signature secret) whose claims carry `payload_hash` = sha256 hex of the raw body and
 * `iat`. jose verifies the JWT (HS256 only, iat freshness); we check the payload hash.
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

export const VONAGE_DEFAULT_BASE_URL = "https://api.nexmo.com";
/** The Account API (balance) lives on rest.nexmo.com unless apiBaseUrl overrides both. */
export const VONAGE_DEFAULT_REST_URL = "https://rest.nexmo.com";

export const vonageCredentialsSchema = z.object({
  apiKey: z.string().min(1, "API key is required"),
  apiSecret: z.string().min(1, "API secret is required"),
  signatureSecret: z.string().min(1, "Signature secret (Dashboard > Settings) is required"),
});
export const vonageSettingsSchema = z.object({
  apiBaseUrl: z.url().optional(),
  timeoutMs: z.string().regex(/^\d+$/).optional(),
});

export const VONAGE_STATUS_MAP: Record<string, DeliveryStatus | null> = {
  submitted: "sent",
  delivered: "delivered",
  read: "read",
  rejected: "failed",
  undeliverable: "failed",
};

const inboundSchema = z.object({
  channel: z.literal("sms", { message: 'channel must be "sms"' }),
  message_uuid: z.string().min(1, "message_uuid is required"),
  to: z.string().min(1, "to is required"),
  from: z.string().min(1, "from is required"),
  text: z.string({ message: "text is required" }),
  timestamp: z.string().optional(),
  message_type: z.string().optional(),
});

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
  if (!auth) return { ok: false, status: 401, reason: "missing Authorization header" };
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
  return [
    {
      kind: "message",
      channel: "sms",
      provider: "vonage",
      externalMessageId: m.message_uuid,
      from: { identifier: m.from },
      to: m.to,
      text: m.text,
      attachments: [],
      ...(sentAt !== undefined ? { sentAt } : {}),
      contentType: m.message_type ?? "text",
    },
  ];
}

function vonageRoutingKey(req: WebhookRequest): string | null {
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
