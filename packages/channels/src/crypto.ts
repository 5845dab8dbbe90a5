/**
 * Web Crypto helpers. Runs unchanged in Convex's V8 isolate, browsers and Node >= 20:
 * only crypto.subtle, crypto.getRandomValues, TextEncoder/TextDecoder and btoa/atob.
 * No Buffer, no node: imports.
 */

export type Bytes = Uint8Array<ArrayBuffer>;
export type HmacAlgorithm = "SHA-1" | "SHA-256";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function subtle(): SubtleCrypto {
  const c = globalThis.crypto;
  if (!c?.subtle) throw new Error("Web Crypto (crypto.subtle) is not available in this runtime");
  return c.subtle;
}

export function utf8Encode(text: string): Bytes {
  // TextEncoder.encode returns a Uint8Array backed by a plain ArrayBuffer.
  return encoder.encode(text) as Bytes;
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

function toBytes(data: string | Uint8Array): Bytes {
  if (typeof data === "string") return utf8Encode(data);
  // Copy into a fresh ArrayBuffer-backed array so Web Crypto accepts it whatever backs the input.
  const out = new Uint8Array(data.byteLength);
  out.set(data);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encodings

export function bytesToHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += bytes[i]!.toString(16).padStart(2, "0");
  return out;
}

export function hexToBytes(hex: string): Bytes | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Decodes standard or URL-safe base64 (padding optional). Returns null when malformed. */
export function base64Decode(input: string): Bytes | null {
  let s = input.trim().replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  s = s.replace(/=+$/, "");
  if (s.length % 4 === 1) return null;
  s += "=".repeat((4 - (s.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(s);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function base64UrlDecode(input: string): Bytes | null {
  if (!/^[A-Za-z0-9_-]*$/.test(input)) return null;
  return base64Decode(input);
}

export function base64UrlEncodeString(text: string): string {
  return base64UrlEncode(utf8Encode(text));
}

export function base64UrlDecodeString(input: string): string | null {
  const bytes = base64UrlDecode(input);
  if (!bytes) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Hashes and MACs

export async function sha256(data: string | Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().digest("SHA-256", toBytes(data)));
}

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return bytesToHex(await sha256(data));
}

export async function hmac(
  algorithm: HmacAlgorithm,
  key: string | Uint8Array,
  data: string | Uint8Array,
): Promise<Bytes> {
  const keyBytes = toBytes(key);
  if (keyBytes.length === 0) throw new Error("HMAC key must not be empty");
  return new Uint8Array(await subtle().sign("HMAC", await hmacKey(algorithm, key, keyBytes), toBytes(data)));
}

/**
 * Imported HMAC keys for string secrets, reused across webhooks: importKey costs about as much as
 * the MAC itself. Bounded; non-extractable keys, so the cache holds nothing readable back.
 */
const hmacKeys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 256;

function hmacKey(algorithm: HmacAlgorithm, key: string | Uint8Array, keyBytes: Bytes): Promise<CryptoKey> {
  const importKey = () => subtle().importKey("raw", keyBytes, { name: "HMAC", hash: algorithm }, false, ["sign"]);
  if (typeof key !== "string") return importKey();
  const cacheKey = `${algorithm}:${key}`;
  let cached = hmacKeys.get(cacheKey);
  if (!cached) {
    if (hmacKeys.size >= MAX_CACHED_KEYS) hmacKeys.clear();
    cached = importKey();
    // A failed import must not stay cached.
    cached.catch(() => hmacKeys.delete(cacheKey));
    hmacKeys.set(cacheKey, cached);
  }
  return cached;
}

export async function hmacHex(algorithm: HmacAlgorithm, key: string | Uint8Array, data: string | Uint8Array) {
  return bytesToHex(await hmac(algorithm, key, data));
}

export async function hmacBase64(algorithm: HmacAlgorithm, key: string | Uint8Array, data: string | Uint8Array) {
  return base64Encode(await hmac(algorithm, key, data));
}

export const hmacSha1Base64 = (key: string | Uint8Array, data: string | Uint8Array) => hmacBase64("SHA-1", key, data);
export const hmacSha256Hex = (key: string | Uint8Array, data: string | Uint8Array) => hmacHex("SHA-256", key, data);
export const hmacSha256Base64 = (key: string | Uint8Array, data: string | Uint8Array) =>
  hmacBase64("SHA-256", key, data);

// ---------------------------------------------------------------------------------------------
// Comparison and randomness

/**
 * Constant-time comparison (xor loop over the longer input). Unequal lengths return false but
 * still run over every byte so timing reveals nothing beyond the length.
 */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const x = typeof a === "string" ? utf8Encode(a) : a;
  const y = typeof b === "string" ? utf8Encode(b) : b;
  const len = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < len; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export function randomBytes(length: number): Bytes {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/** Random URL-safe id, e.g. `randomId("chat")` -> "chat_Xk3...". */
export function randomId(prefix?: string, bytes = 16): string {
  const id = base64UrlEncode(randomBytes(bytes));
  return prefix ? `${prefix}_${id}` : id;
}
