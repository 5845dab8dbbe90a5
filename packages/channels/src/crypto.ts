/**
 * The one home of the project's Web Crypto helpers (webhook MACs, hashes, encodings, and the
 * AES-256-GCM envelopes that seal secrets at rest). Runs unchanged in Convex's V8 isolate,
 * browsers and Node: only crypto.subtle, crypto.getRandomValues, TextEncoder/TextDecoder and
 * btoa/atob; no Buffer, no node: imports. JWTs are not made here: jose does that.
 * Convex imports it as `@switchboard/channels/crypto`.
 */

export type Bytes = Uint8Array<ArrayBuffer>;
export type HmacAlgorithm = "SHA-1" | "SHA-256" | "SHA-512";

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
// Comparison

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

// ---------------------------------------------------------------------------------------------
// AES-256-GCM envelopes for secrets at rest (channel credentials, raw webhook bodies)

/** A sealed value: the id of the key that sealed it, the IV and the ciphertext (base64). */
export interface Envelope {
  kid: string;
  iv: string;
  ct: string;
}

export class EncryptionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionConfigError";
  }
}

interface LoadedKey {
  kid: string;
  key: CryptoKey;
}

/**
 * Seals and opens envelopes with a primary key and any number of older keys still accepted
 * for decryption. Each envelope names its key by id (first 8 hex chars of SHA-256(key)), so
 * rotation is: new primary, old primary moved to `oldKeys`, then re-encrypt. The additional
 * authenticated data (AAD) binds a ciphertext to its place (org, record, field): an envelope
 * copied into another row does not open.
 */
export interface Keyring {
  encryptString(plaintext: string, aad: string): Promise<Envelope>;
  decryptString(envelope: Envelope, aad: string): Promise<string>;
  /** True when the envelope was sealed with a key other than the current primary. */
  needsRotation(envelope: Envelope): boolean;
}

async function loadAesKey(b64: string): Promise<LoadedKey> {
  const raw = base64Decode(b64.trim());
  if (raw?.length !== 32) throw new EncryptionConfigError("encryption keys must be 32 bytes, base64-encoded");
  const kid = (await sha256Hex(raw)).slice(0, 8);
  const key = await subtle().importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return { kid, key };
}

/** Builds a keyring from base64 keys: `primary` seals everything new, `oldKeys` only open. */
export async function createKeyring(primary: string | undefined, oldKeys: readonly string[] = []): Promise<Keyring> {
  if (!primary) {
    throw new EncryptionConfigError("no encryption key is set: generate one with `openssl rand -base64 32`");
  }
  const current = await loadAesKey(primary);
  const all = new Map<string, LoadedKey>([[current.kid, current]]);
  for (const b64 of oldKeys) {
    if (!b64.trim()) continue;
    const k = await loadAesKey(b64);
    all.set(k.kid, k);
  }
  return {
    async encryptString(plaintext, aad) {
      const iv = new Uint8Array(12);
      globalThis.crypto.getRandomValues(iv);
      const ct = await subtle().encrypt(
        { name: "AES-GCM", iv, additionalData: utf8Encode(aad) },
        current.key,
        utf8Encode(plaintext),
      );
      return { kid: current.kid, iv: base64Encode(iv), ct: base64Encode(new Uint8Array(ct)) };
    },
    async decryptString(envelope, aad) {
      const k = all.get(envelope.kid);
      if (!k) throw new EncryptionConfigError(`no key with id ${envelope.kid} is configured`);
      const iv = base64Decode(envelope.iv);
      const ct = base64Decode(envelope.ct);
      if (!iv || !ct) throw new Error("envelope is not base64");
      const pt = await subtle().decrypt({ name: "AES-GCM", iv, additionalData: utf8Encode(aad) }, k.key, ct);
      return decoder.decode(pt);
    },
    needsRotation: (envelope) => envelope.kid !== current.kid,
  };
}

/** AAD for a channel credential field. */
export const credentialAad = (organizationId: string, field: string) =>
  `switchboard:credential:${organizationId}:${field}`;

/** AAD for a raw inbound webhook body. */
export const rawEventAad = (organizationId: string) => `switchboard:inbound-event:${organizationId}`;
