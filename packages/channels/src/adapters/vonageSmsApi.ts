/**
 * Vonage's older SMS API webhooks: flat parameters (GET query, POST form or POST JSON, as the
 * account's dashboard chooses) signed with a `sig` parameter.
 *
 * Signing (https://developer.vonage.com/en/getting-started/concepts/signing-messages): every
 * parameter but `sig`, sorted by key, joined as `&key=value` with `&` and `=` in values replaced
 * by `_`; then either `md5hash` = MD5(joined + secret), or an HMAC (MD5, SHA-1, SHA-256, SHA-512)
 * of the joined string keyed with the signature secret, hex. `timestamp` (unix seconds) bounds
 * replays. The official @vonage/sms `verifySignature` is the test oracle.
 *
 * Inbound SMS (https://developer.vonage.com/en/messaging/sms/guides/inbound-sms): msisdn, to,
 * messageId, text, type, message-timestamp. Delivery receipts
 * (https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts): msisdn (recipient),
 * to (our number), messageId, status, err-code.
 */
import { hmac as nobleHmac } from "@noble/hashes/hmac.js";
import { md5 } from "@noble/hashes/legacy.js";
import { bytesToHex, type HmacAlgorithm, hmacHex, timingSafeEqual, utf8Encode } from "../crypto";
import { isObject } from "../http";
import type { DeliveryStatus } from "../ids";
import { DEFAULT_TOLERANCE_SECONDS } from "../standardWebhooks";
import type { InboundEvent, SignatureResult, VerifyOptions, WebhookRequest } from "../types";
import { InboundParseError } from "../types";
import { header, parseForm, toEpochMs } from "./shared";

export const VONAGE_SIGNATURE_METHODS = ["md5hash", "md5", "sha1", "sha256", "sha512"] as const;
export type VonageSignatureMethod = (typeof VONAGE_SIGNATURE_METHODS)[number];

/** Scalar parameters only: the SMS API sends a flat object. */
function flat(value: unknown): Record<string, string> | null {
  if (!isObject(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    else if (v !== null && v !== undefined) return null;
  }
  return out;
}

/**
 * The SMS API parameters of a request (query for GET, form or JSON body for POST), or null when
 * the request is a Messages API JSON webhook (nested objects, `message_uuid`).
 */
export function smsApiParams(req: WebhookRequest): Record<string, string> | null {
  let params: Record<string, string> | null = null;
  if (req.method.toUpperCase() === "GET") {
    try {
      params = Object.fromEntries(new URL(req.url).searchParams);
    } catch {
      return null;
    }
  } else {
    const ct = header(req, "content-type")?.split(";")[0]?.trim().toLowerCase();
    if (ct === "application/x-www-form-urlencoded") {
      params = Object.fromEntries([...parseForm(req.rawBody ?? "")].map(([k, v]) => [k, v[0] ?? ""]));
    } else {
      try {
        params = flat(JSON.parse(req.rawBody));
      } catch {
        return null;
      }
    }
  }
  if (!params || params.message_uuid !== undefined) return null;
  return params.messageId !== undefined || params.msisdn !== undefined ? params : null;
}

/** The string Vonage signs: `&key=value` for every parameter but sig, keys sorted. */
export function smsApiSignedString(params: Record<string, string>): string {
  let out = "";
  for (const key of Object.keys(params)
    .filter((k) => k !== "sig")
    .sort()) {
    out += `&${key}=${params[key]!.replace(/[&=]/g, "_")}`;
  }
  return out;
}

const WEB_CRYPTO_HMAC: Partial<Record<VonageSignatureMethod, HmacAlgorithm>> = {
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha512: "SHA-512",
};

/** The `sig` for the parameters (hex, lower-case). MD5 is not in Web Crypto: @noble/hashes (pure JS, audited). */
export async function smsApiSignature(
  params: Record<string, string>,
  secret: string,
  method: VonageSignatureMethod,
): Promise<string> {
  const signed = smsApiSignedString(params);
  if (method === "md5hash") return bytesToHex(md5(utf8Encode(signed + secret)));
  if (method === "md5") return bytesToHex(nobleHmac(md5, utf8Encode(secret), utf8Encode(signed)));
  return hmacHex(WEB_CRYPTO_HMAC[method]!, secret, signed);
}

export function isSignatureMethod(value: unknown): value is VonageSignatureMethod {
  return typeof value === "string" && (VONAGE_SIGNATURE_METHODS as readonly string[]).includes(value);
}

export async function validateSmsApiSignature(
  params: Record<string, string>,
  secrets: Record<string, string | undefined>,
  opts: VerifyOptions,
): Promise<SignatureResult> {
  const secret = secrets.signatureSecret;
  if (!secret) return { ok: false, status: 401, reason: "no Vonage signature secret configured" };
  const configured = opts.settings?.signatureMethod;
  const method: VonageSignatureMethod = isSignatureMethod(configured) ? configured : "md5hash";
  const sig = params.sig ?? "";
  if (!/^[0-9a-fA-F]+$/.test(sig)) return { ok: false, status: 403, reason: "sig is not a hex signature" };
  const expected = await smsApiSignature(params, secret, method);
  if (!timingSafeEqual(sig.toLowerCase(), expected)) {
    return { ok: false, status: 403, reason: `sig mismatch (signature method ${method})` };
  }
  const ts = Number(params.timestamp);
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = (opts.now ?? Date.now()) / 1000;
  if (!Number.isFinite(ts) || Math.abs(now - ts) > tolerance) {
    return { ok: false, status: 403, reason: "signed timestamp is missing or outside the replay window" };
  }
  const apiKey = params["api-key"];
  if (secrets.apiKey && apiKey !== undefined && apiKey !== secrets.apiKey) {
    return { ok: false, status: 403, reason: "api-key does not match this account" };
  }
  return { ok: true };
}

/** SMS API delivery receipt status -> ours; intermediate states carry no event. */
const DLR_STATUS: Record<string, DeliveryStatus | null> = {
  accepted: "sent",
  buffered: null,
  delivered: "delivered",
  expired: "failed",
  failed: "failed",
  rejected: "failed",
  unknown: null,
};

/** "YYYY-MM-DD HH:MM:SS" in UTC. */
function smsApiTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value.trim());
  return m ? toEpochMs(`${m[1]}T${m[2]}Z`) : toEpochMs(value);
}

export function parseSmsApi(params: Record<string, string>): InboundEvent[] {
  const id = params.messageId;
  if (!id) throw new InboundParseError("vonage: messageId is required");
  if (params.status !== undefined && params.text === undefined) {
    const status = DLR_STATUS[params.status.toLowerCase()];
    if (status === undefined) throw new InboundParseError(`vonage: unknown delivery receipt status "${params.status}"`);
    if (status === null) return [];
    const occurredAt = smsApiTime(params["message-timestamp"]);
    const code = params["err-code"];
    return [
      {
        kind: "status",
        channel: "sms",
        provider: "vonage",
        externalMessageId: id,
        status,
        ...(occurredAt !== undefined ? { occurredAt } : {}),
        ...(status === "failed"
          ? { error: { ...(code && code !== "0" ? { code } : {}), message: `Message ${params.status}` } }
          : {}),
      },
    ];
  }
  if (!params.msisdn) throw new InboundParseError("vonage: msisdn is required");
  if (!params.to) throw new InboundParseError("vonage: to is required");
  const sentAt = smsApiTime(params["message-timestamp"]);
  return [
    {
      kind: "message",
      channel: "sms",
      provider: "vonage",
      externalMessageId: id,
      from: { identifier: params.msisdn },
      to: params.to,
      text: params.text ?? "",
      attachments: [],
      ...(sentAt !== undefined ? { sentAt } : {}),
      contentType: params.type ?? "text",
      providerChannel: "sms",
    },
  ];
}
