/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing and verification, shared by the
 * Resend adapter (Svix headers `svix-*`) and the generic webhook adapter (`webhook-*` headers).
 *
 * Signed content: `${id}.${timestamp}.${rawBody}`, HMAC-SHA256 with the base64 key behind the
 * `whsec_` prefix; header `…-signature` is a space-separated list of `v1,<base64>` entries.
 */
import { type Bytes, base64Decode, hmacSha256Base64, timingSafeEqual } from "./crypto";
import type { SignatureResult, VerifyOptions } from "./types";

export const WEBHOOK_SECRET_PREFIX = "whsec_";
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type StandardHeaderPrefix = "webhook" | "svix";

/** Decodes a `whsec_<base64>` secret (the prefix is optional) into the HMAC key bytes. */
export function decodeWebhookSecret(secret: string): Bytes | null {
  const trimmed = secret.trim();
  const body = trimmed.startsWith(WEBHOOK_SECRET_PREFIX) ? trimmed.slice(WEBHOOK_SECRET_PREFIX.length) : trimmed;
  if (body.length === 0) return null;
  const key = base64Decode(body);
  return key && key.length > 0 ? key : null;
}

/** Returns the `v1,<base64>` signature for one message. */
export async function signStandardWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  rawBody: string,
): Promise<string> {
  const key = decodeWebhookSecret(secret);
  if (!key) throw new Error("Webhook secret must be `whsec_` followed by base64");
  return `v1,${await hmacSha256Base64(key, `${id}.${timestampSeconds}.${rawBody}`)}`;
}

/** The three headers to attach to an outbound signed request. */
export async function standardWebhookHeaders(
  secret: string,
  id: string,
  rawBody: string,
  nowMs: number = Date.now(),
  prefix: StandardHeaderPrefix = "webhook",
): Promise<Record<string, string>> {
  const ts = Math.floor(nowMs / 1000);
  return {
    [`${prefix}-id`]: id,
    [`${prefix}-timestamp`]: String(ts),
    [`${prefix}-signature`]: await signStandardWebhook(secret, id, ts, rawBody),
  };
}

/** Generates a fresh `whsec_` secret (32 random bytes). */
export function generateWebhookSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `${WEBHOOK_SECRET_PREFIX}${btoa(binary)}`;
}

/**
 * Verifies a Standard Webhooks / Svix request. Any of `secrets` may match (key rotation).
 * 401: nothing to check against (missing secret or headers); 403: present but wrong/stale.
 */
export async function verifyStandardWebhook(
  headers: Record<string, string>,
  rawBody: string,
  secrets: Array<string | undefined>,
  prefix: StandardHeaderPrefix,
  opts: VerifyOptions = {},
): Promise<SignatureResult> {
  const usable = secrets.filter((s): s is string => typeof s === "string" && s.trim().length > 0);
  if (usable.length === 0) return { ok: false, status: 401, reason: "no webhook signing secret configured" };

  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  const id = lower[`${prefix}-id`];
  const timestamp = lower[`${prefix}-timestamp`];
  const signature = lower[`${prefix}-signature`];
  const missing = [
    !id && `${prefix}-id`,
    !timestamp && `${prefix}-timestamp`,
    !signature && `${prefix}-signature`,
  ].filter(Boolean);
  if (missing.length > 0) return { ok: false, status: 401, reason: `missing header(s): ${missing.join(", ")}` };

  if (!/^\d+$/.test(timestamp!.trim())) {
    return { ok: false, status: 403, reason: `${prefix}-timestamp is not a unix timestamp` };
  }
  const ts = Number.parseInt(timestamp!.trim(), 10);
  const nowSec = Math.floor((opts.now ?? Date.now()) / 1000);
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (nowSec - ts > tolerance) return { ok: false, status: 403, reason: "webhook timestamp too old (possible replay)" };
  if (ts - nowSec > tolerance) return { ok: false, status: 403, reason: "webhook timestamp is in the future" };

  const provided = signature!
    .split(" ")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1,"))
    .map((part) => part.slice(3));
  if (provided.length === 0) return { ok: false, status: 403, reason: "no v1 signature in header" };

  for (const secret of usable) {
    const key = decodeWebhookSecret(secret);
    if (!key) return { ok: false, status: 401, reason: "configured webhook secret is not valid base64 (whsec_…)" };
    const expected = await hmacSha256Base64(key, `${id}.${ts}.${rawBody}`);
    // Check every candidate (no early exit on the first mismatch) to keep timing uniform.
    let matched = false;
    for (const candidate of provided) matched = timingSafeEqual(candidate, expected) || matched;
    if (matched) return { ok: true };
  }
  return { ok: false, status: 403, reason: "signature mismatch" };
}
