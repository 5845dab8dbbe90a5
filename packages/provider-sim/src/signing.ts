/**
 * Webhook signing schemes of the four providers, implemented with node:crypto only.
 * Exported so other packages' tests can sign requests the same way.
 */
import { createHash, createHmac, randomUUID } from "node:crypto";

/**
 * Twilio X-Twilio-Signature: base64 HMAC(key, url + each sorted key + value). The key is the Auth
 * Token with HMAC-SHA1, or a Webhooks Rule SharedKey secret with the algorithm its
 * X-Twilio-Webhooks-Signature-Settings header names (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string | string[]>,
  algorithm: "HMAC_SHA1" | "HMAC_SHA256" = "HMAC_SHA1",
): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (Array.isArray(v)) {
      for (const item of [...new Set(v)].sort()) data += key + item;
    } else if (v !== undefined) {
      data += key + v;
    }
  }
  return createHmac(algorithm === "HMAC_SHA256" ? "sha256" : "sha1", authToken)
    .update(Buffer.from(data, "utf-8"))
    .digest("base64");
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

export function sha256Hex(body: string): string {
  return createHash("sha256").update(body, "utf-8").digest("hex");
}

/**
 * Vonage signed webhook: `Authorization: Bearer <JWT>` HS256 with the account signature secret.
 * Claims: iat, jti, iss "Vonage", payload_hash (sha256 hex of the raw body), api_key, application_id.
 */
export function vonageWebhookJwt(
  signatureSecret: string,
  body: string,
  extraClaims: Record<string, unknown> = {},
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const header = { alg: "HS256", typ: "JWT" };
  const claims = {
    iat: nowSeconds,
    jti: randomUUID(),
    iss: "Vonage",
    payload_hash: sha256Hex(body),
    ...extraClaims,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const sig = createHmac("sha256", signatureSecret).update(signingInput).digest();
  return `${signingInput}.${base64url(sig)}`;
}

/** Meta X-Hub-Signature-256. */
export function metaSignature256(appSecret: string, body: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body, "utf-8").digest("hex")}`;
}

/** Meta legacy X-Hub-Signature (SHA-1), also sent by Meta. */
export function metaSignature1(appSecret: string, body: string): string {
  return `sha1=${createHmac("sha1", appSecret).update(body, "utf-8").digest("hex")}`;
}

/** Decode a Svix secret ("whsec_<base64>") to the HMAC key bytes. */
export function svixSecretBytes(secret: string): Buffer {
  const s = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  return Buffer.from(s, "base64");
}

/** Svix headers (used by Resend): v1,<base64 HMAC-SHA256(key, `${id}.${ts}.${body}`)>. */
export function svixHeaders(
  secret: string,
  body: string,
  opts: { id?: string; timestampSeconds?: number } = {},
): { "svix-id": string; "svix-timestamp": string; "svix-signature": string } {
  const id = opts.id ?? svixMessageId();
  const ts = String(opts.timestampSeconds ?? Math.floor(Date.now() / 1000));
  const sig = createHmac("sha256", svixSecretBytes(secret)).update(`${id}.${ts}.${body}`, "utf-8").digest("base64");
  return { "svix-id": id, "svix-timestamp": ts, "svix-signature": `v1,${sig}` };
}

const KSUID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** "msg_" + 27 base62 chars, like Svix message ids. */
export function svixMessageId(): string {
  const bytes = createHash("sha256").update(randomUUID()).digest();
  let out = "";
  for (let i = 0; i < 27; i++) out += KSUID_ALPHABET[bytes[i]! % 62];
  return `msg_${out}`;
}

/**
 * Vonage SMS API `sig` parameter (https://developer.vonage.com/en/getting-started/concepts/signing-messages):
 * every parameter but `sig`, sorted by name, as `&name=value` with `&` and `=` in values replaced by `_`;
 * "md5hash" = MD5 hex of that string followed by the signature secret, the others = hex HMAC of the
 * string keyed with the secret. Lower-case hex (the official SDK compares case-insensitively).
 */
export function vonageSmsSignature(
  params: Record<string, string>,
  signatureSecret: string,
  method: "md5hash" | "md5" | "sha1" | "sha256" | "sha512" = "md5hash",
): string {
  let signed = "";
  for (const key of Object.keys(params)
    .filter((k) => k !== "sig")
    .sort()) {
    signed += `&${key}=${params[key]!.replace(/[&=]/g, "_")}`;
  }
  if (method === "md5hash")
    return createHash("md5")
      .update(signed + signatureSecret, "utf-8")
      .digest("hex");
  return createHmac(method, signatureSecret).update(signed, "utf-8").digest("hex");
}
