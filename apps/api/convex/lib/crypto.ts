/**
 * AES-256-GCM envelopes for secrets at rest (channel credentials, raw webhook bodies).
 *
 * Keys come from the environment, never from the database:
 *   SWITCHBOARD_ENCRYPTION_KEY        base64 of 32 random bytes: encrypts everything new
 *   SWITCHBOARD_ENCRYPTION_OLD_KEYS   comma-separated base64 keys still accepted for decryption
 * Each envelope names its key by id (first 8 hex chars of SHA-256(key)), so rotation is: set the
 * new key, move the old one to OLD_KEYS, run `channels/credentials:reencryptAll`.
 * The additional authenticated data binds a ciphertext to its place (org, record, field): a
 * ciphertext copied into another row does not decrypt.
 * Web Crypto only, so this runs in Convex's default runtime. Encoding and hashing come from
 * @switchboard/channels/crypto (one copy of them in the repo).
 */
import { base64Decode, base64Encode, sha256Hex } from "@switchboard/channels/crypto";

export interface Envelope {
  kid: string;
  iv: string;
  ct: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function envelopeBytes(b64: string): Uint8Array {
  const bytes = base64Decode(b64);
  if (!bytes) throw new Error("Malformed encrypted envelope");
  return bytes;
}

interface LoadedKey {
  kid: string;
  key: CryptoKey;
}

let cache: { source: string; primary: LoadedKey; all: Map<string, LoadedKey> } | undefined;

export class EncryptionConfigError extends Error {}

async function loadKey(b64: string): Promise<LoadedKey> {
  const raw = base64Decode(b64.trim());
  if (raw?.length !== 32) {
    throw new EncryptionConfigError("encryption keys must be 32 bytes, base64-encoded");
  }
  const kid = (await sha256Hex(raw)).slice(0, 8);
  const key = await crypto.subtle.importKey("raw", raw as BufferSource, "AES-GCM", false, ["encrypt", "decrypt"]);
  return { kid, key };
}

async function keys() {
  const primaryB64 = process.env.SWITCHBOARD_ENCRYPTION_KEY;
  if (!primaryB64) {
    throw new EncryptionConfigError(
      "SWITCHBOARD_ENCRYPTION_KEY is not set: generate one with `openssl rand -base64 32`",
    );
  }
  const oldB64 = process.env.SWITCHBOARD_ENCRYPTION_OLD_KEYS ?? "";
  const source = `${primaryB64}|${oldB64}`;
  if (cache?.source === source) return cache;
  const primary = await loadKey(primaryB64);
  const all = new Map<string, LoadedKey>([[primary.kid, primary]]);
  for (const b64 of oldB64.split(",").filter((s) => s.trim())) {
    const k = await loadKey(b64);
    all.set(k.kid, k);
  }
  cache = { source, primary, all };
  return cache;
}

export async function encryptString(plaintext: string, aad: string): Promise<Envelope> {
  const { primary } = await keys();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(aad) },
    primary.key,
    encoder.encode(plaintext),
  );
  return { kid: primary.kid, iv: base64Encode(iv), ct: base64Encode(new Uint8Array(ct)) };
}

export async function decryptString(envelope: Envelope, aad: string): Promise<string> {
  const { all } = await keys();
  const k = all.get(envelope.kid);
  if (!k) throw new EncryptionConfigError(`no key with id ${envelope.kid} is configured`);
  const pt = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: envelopeBytes(envelope.iv) as BufferSource, additionalData: encoder.encode(aad) },
    k.key,
    envelopeBytes(envelope.ct) as BufferSource,
  );
  return decoder.decode(pt);
}

/** True when the envelope was sealed with a key other than the current primary. */
export async function needsRotation(envelope: Envelope): Promise<boolean> {
  const { primary } = await keys();
  return envelope.kid !== primary.kid;
}

/** AAD for a channel credential field. */
export const credentialAad = (organizationId: string, field: string) =>
  `switchboard:credential:${organizationId}:${field}`;

/** AAD for a raw inbound webhook body. */
export const rawEventAad = (organizationId: string) => `switchboard:inbound-event:${organizationId}`;
