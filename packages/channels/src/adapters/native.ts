/**
 * Native web chat. No external provider: the widget POSTs visitor messages as JSON and agents'
 * replies reach the visitor through reactive queries, so `send` succeeds immediately.
 *
 * Authentication: a per-visitor session token issued by our backend, an HS256 JWT made and
 * checked with jose (`sub` = visitorId, `exp`), keyed with the channel's sessionSecret, sent as `Authorization: Bearer <token>` (or `x-visitor-token`).
 *
 * Inbound body: {clientMessageId, text?, attachments?, visitorId?, name?, timestamp?}
 * POSTed to …/chat/<widgetKey> (or ?widget=<widgetKey>, or body.widgetKey): the routing key.
 */

import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { base64Encode, hmac, utf8Encode } from "../crypto";
import { isObject } from "../http";
import type {
  ChannelAdapter,
  InboundEvent,
  SignatureResult,
  VerifyOptions,
  WebhookRequest,
  WebhookSecrets,
} from "../types";
import { InboundParseError } from "../types";
import { header, parseJsonBody, parseWith, pathSegmentAfter, queryParam, toEpochMs } from "./shared";

export const DEFAULT_VISITOR_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
const VISITOR_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

export const nativeCredentialsSchema = z.object({
  sessionSecret: z.string().min(32, "Session secret must be at least 32 characters"),
  /** Verifies the site's `userHash` (HMAC-SHA256 of the user id); optional until verification is used. */
  identitySecret: z.string().min(32, "Identity secret must be at least 32 characters").optional(),
});
export const nativeSettingsSchema = z.object({
  /** Public key the widget embeds; the routing key of its requests. */
  widgetKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  /** Origins allowed to embed the widget (comma-separated), enforced by the HTTP layer. */
  allowedOrigins: z.string().optional(),
  tokenTtlSeconds: z.string().regex(/^\d+$/).optional(),
  /** "true": only visitors the site verified (a valid userHash) may start a session or write. */
  requireVerification: z.enum(["true", "false"]).optional(),
});

/**
 * What the embedding site says about its signed-in user. `verified` only after `userHash`
 * checked out against the widget's identitySecret; otherwise email and name are claims.
 */
export interface VisitorClaims {
  verified?: boolean;
  email?: string;
  name?: string;
}

const CLAIM_EMAIL_MAX = 254;
const CLAIM_NAME_MAX = 200;

const secretKey = (secret: string) => utf8Encode(secret);

/**
 * Issues a session token for a visitor (call from the backend when the widget starts a session):
 * an HS256 JWT (jose) with `sub` = visitorId and `exp`, signed with the channel's sessionSecret.
 */
export async function createVisitorToken(
  secret: string,
  visitorId: string,
  opts: { ttlSeconds?: number; now?: number; claims?: VisitorClaims } = {},
): Promise<{ token: string; expiresAt: number }> {
  if (!VISITOR_ID_RE.test(visitorId)) throw new Error("visitorId must be 1-128 characters of A-Z, a-z, 0-9, _ or -");
  const exp = Math.floor((opts.now ?? Date.now()) / 1000) + (opts.ttlSeconds ?? DEFAULT_VISITOR_TOKEN_TTL_SECONDS);
  const token = await new SignJWT(claimsPayload(opts.claims))
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(visitorId)
    .setExpirationTime(exp)
    .sign(secretKey(secret));
  return { token, expiresAt: exp * 1000 };
}

function claimsPayload(claims: VisitorClaims | undefined): Record<string, unknown> {
  if (!claims) return {};
  return {
    ...(claims.verified ? { verified: true } : {}),
    ...(claims.email ? { email: claims.email } : {}),
    ...(claims.name ? { name: claims.name } : {}),
  };
}

/** The claims a signed token carries (only well-formed ones; anything else is dropped). */
function claimsOf(payload: Record<string, unknown>): VisitorClaims {
  const out: VisitorClaims = {};
  if (payload.verified === true) out.verified = true;
  if (typeof payload.email === "string" && payload.email.length <= CLAIM_EMAIL_MAX) out.email = payload.email;
  if (typeof payload.name === "string" && payload.name.length <= CLAIM_NAME_MAX) out.name = payload.name;
  return out;
}

/** Reads a token without verifying it (only use after validateSignature succeeded). */
export function decodeVisitorToken(
  token: string,
): { visitorId: string; expiresAt: number; claims: VisitorClaims } | null {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(token.trim());
  } catch {
    return null;
  }
  if (typeof claims.sub !== "string" || !VISITOR_ID_RE.test(claims.sub) || typeof claims.exp !== "number") return null;
  return { visitorId: claims.sub, expiresAt: claims.exp * 1000, claims: claimsOf(claims) };
}

export async function verifyVisitorToken(
  secret: string,
  token: string,
  now: number = Date.now(),
): Promise<{ ok: true; visitorId: string; expiresAt: number; claims: VisitorClaims } | { ok: false; reason: string }> {
  if (!decodeVisitorToken(token)) return { ok: false, reason: "session token is malformed" };
  try {
    const { payload } = await jwtVerify(token.trim(), secretKey(secret), {
      algorithms: ["HS256"],
      currentDate: new Date(now),
      requiredClaims: ["sub", "exp"],
    });
    const visitorId = payload.sub!;
    if (!VISITOR_ID_RE.test(visitorId)) return { ok: false, reason: "session token is malformed" };
    return { ok: true, visitorId, expiresAt: payload.exp! * 1000, claims: claimsOf(payload) };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: "session token expired" };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
      return { ok: false, reason: "session token signature mismatch" };
    return { ok: false, reason: "session token is malformed" };
  }
}

/**
 * Identity verification (the way Intercom's `user_hash` and Chatwoot's `identifier_hash` work):
 * the site's server computes hex(HMAC-SHA256(identitySecret, userId)) and hands it to the widget
 * with the user id. Checked with Web Crypto's HMAC verify, which compares in constant time.
 */
export async function verifyUserHash(identitySecret: string, userId: string, userHash: string): Promise<boolean> {
  if (!identitySecret || !/^[0-9a-fA-F]{64}$/.test(userHash)) return false;
  const mac = new Uint8Array(32);
  for (let i = 0; i < 32; i++) mac[i] = Number.parseInt(userHash.slice(i * 2, i * 2 + 2), 16);
  const key = await crypto.subtle.importKey(
    "raw",
    utf8Encode(identitySecret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  return crypto.subtle.verify("HMAC", key, mac, utf8Encode(userId));
}

/**
 * The visitor id of a verified user: the same on every device (one conversation, one contact),
 * keyed so it cannot be turned back into the user id (an HMAC with a label of its own, so it is
 * never the userHash the site hands out). Rotating identitySecret starts new visitor ids; the
 * contact is still found again through the verified email.
 */
export async function visitorIdForUser(identitySecret: string, userId: string): Promise<string> {
  const mac = await hmac("SHA-256", identitySecret, `switchboard:chat-visitor:${userId}`);
  const b64url = base64Encode(mac).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `u_${b64url}`;
}

/** The token a request carries: Authorization: Bearer, or x-visitor-token. */
export function visitorTokenOf(req: WebhookRequest): string | undefined {
  const auth = header(req, "authorization");
  const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  return m?.[1] ?? header(req, "x-visitor-token") ?? undefined;
}

const chatMessageSchema = z
  .object({
    clientMessageId: z.string().min(1, "clientMessageId is required").max(128),
    text: z.string().max(10_000).optional(),
    visitorId: z.string().regex(VISITOR_ID_RE, "visitorId has invalid characters").optional(),
    name: z.string().max(200).optional(),
    widgetKey: z.string().optional(),
    attachments: z
      .array(
        z.object({
          url: z.url().optional(),
          mediaId: z.string().optional(),
          contentType: z.string().optional(),
          filename: z.string().optional(),
          size: z.number().int().nonnegative().optional(),
        }),
      )
      .max(10)
      .optional(),
    timestamp: z.union([z.string(), z.number()]).optional(),
  })
  .refine((m) => (m.text ?? "").trim().length > 0 || (m.attachments?.length ?? 0) > 0, {
    message: "a chat message needs text or an attachment",
    path: ["text"],
  });

function bodyVisitorId(req: WebhookRequest): string | undefined {
  try {
    const body = JSON.parse(req.rawBody);
    return isObject(body) && typeof body.visitorId === "string" ? body.visitorId : undefined;
  } catch {
    return undefined;
  }
}

async function validateNativeSignature(
  req: WebhookRequest,
  secrets: WebhookSecrets,
  opts: VerifyOptions = {},
): Promise<SignatureResult> {
  const secret = secrets.sessionSecret;
  if (!secret) return { ok: false, status: 401, reason: "no chat session secret configured" };
  const token = visitorTokenOf(req);
  if (!token) return { ok: false, status: 401, reason: "missing visitor session token" };
  const v = await verifyVisitorToken(secret, token, opts.now);
  if (!v.ok) return { ok: false, status: 401, reason: v.reason };
  const claimed = bodyVisitorId(req);
  if (claimed !== undefined && claimed !== v.visitorId) {
    return { ok: false, status: 403, reason: "visitorId in body does not match the session token" };
  }
  return { ok: true };
}

function nativeRoutingKey(req: WebhookRequest): string | null {
  const fromPath = pathSegmentAfter(req.url, "chat") ?? queryParam(req.url, "widget");
  if (fromPath) return fromPath;
  try {
    const body = JSON.parse(req.rawBody);
    return isObject(body) && typeof body.widgetKey === "string" ? body.widgetKey : null;
  } catch {
    return null;
  }
}

function parseNativeInbound(req: WebhookRequest): InboundEvent[] {
  const m = parseWith(chatMessageSchema, parseJsonBody(req, "chat"), "chat message");
  const token = visitorTokenOf(req);
  const decoded = token ? decodeVisitorToken(token) : null;
  const visitorId = decoded?.visitorId ?? m.visitorId;
  if (!visitorId) throw new InboundParseError("chat: no visitor (session token or visitorId required)");
  const sentAt = toEpochMs(m.timestamp);
  // The token's claims (signed by us at session start) name the person; a verified name wins
  // over what the message body says.
  const claims = decoded?.claims ?? {};
  const displayName = (claims.verified ? claims.name : undefined) ?? m.name ?? claims.name;
  return [
    {
      kind: "message",
      channel: "chat",
      provider: "native",
      // Namespaced by visitor so two visitors' client ids can never collide.
      externalMessageId: `${visitorId}:${m.clientMessageId}`,
      from: {
        identifier: visitorId,
        ...(displayName ? { displayName } : {}),
        ...(claims.email ? { email: claims.email } : {}),
        ...(claims.verified ? { verified: true } : {}),
      },
      to: nativeRoutingKey(req) ?? "",
      text: m.text ?? "",
      attachments: (m.attachments ?? []).map((a) => ({ ...a })),
      ...(sentAt !== undefined ? { sentAt } : {}),
      contentType: "chat",
    },
  ];
}

export const nativeAdapter: ChannelAdapter = {
  id: "native",
  channel: "chat",
  routingKey: nativeRoutingKey,
  validateSignature: validateNativeSignature,
  parseInbound: parseNativeInbound,
  // Delivery is the reactive query itself: nothing leaves the system.
  send: async (_ctx, msg) => ({ ok: true, externalMessageId: `chat_${msg.messageId}`, status: "sent" }),
  getDeliveryStatus: async () => null,
  healthCheck: async () => ({ state: "healthy", latencyMs: 0 }),
};
