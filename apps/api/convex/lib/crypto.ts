/**
 * AES-256-GCM envelopes for secrets at rest (channel credentials, raw webhook bodies), sealed by
 * the keyring of @switchboard/channels/crypto (the one implementation in the repo) with this
 * deployment's keys.
 *
 * Keys come from the environment, never from the database:
 *   SWITCHBOARD_ENCRYPTION_KEY        base64 of 32 random bytes: encrypts everything new
 *   SWITCHBOARD_ENCRYPTION_OLD_KEYS   comma-separated base64 keys still accepted for decryption
 * Each envelope names its key by id, so rotation is: set the new key, move the old one to
 * OLD_KEYS, run `channels/credentials:reencryptAll`. Web Crypto only, so this runs in Convex's
 * default runtime.
 */
import {
  createKeyring,
  EncryptionConfigError,
  type Envelope,
  hmacSha256Hex,
  type Keyring,
} from "@switchboard/channels/crypto";

export { credentialAad, EncryptionConfigError, type Envelope, rawEventAad } from "@switchboard/channels/crypto";

/** The keyring of the current environment, rebuilt only when the key variables change. */
let cache: { source: string; ring: Promise<Keyring> } | undefined;

function primaryKey(): string {
  const primary = process.env.SWITCHBOARD_ENCRYPTION_KEY;
  if (!primary) {
    throw new EncryptionConfigError(
      "SWITCHBOARD_ENCRYPTION_KEY is not set: generate one with `openssl rand -base64 32`",
    );
  }
  return primary;
}

function keyring(): Promise<Keyring> {
  const primary = primaryKey();
  const old = process.env.SWITCHBOARD_ENCRYPTION_OLD_KEYS ?? "";
  const source = `${primary}|${old}`;
  if (cache?.source !== source) cache = { source, ring: createKeyring(primary, old.split(",")) };
  return cache.ring;
}

export async function encryptString(plaintext: string, aad: string): Promise<Envelope> {
  return (await keyring()).encryptString(plaintext, aad);
}

export async function decryptString(envelope: Envelope, aad: string): Promise<string> {
  return (await keyring()).decryptString(envelope, aad);
}

/** True when the envelope was sealed with a key other than the current primary. */
export async function needsRotation(envelope: Envelope): Promise<boolean> {
  return (await keyring()).needsRotation(envelope);
}

/**
 * The key of one kind of signed link (CSAT ratings, media URLs), derived from the primary key so
 * no secret has to be provisioned: HMAC-SHA-256(primary, `switchboard/<purpose>/v1`), hex. Each
 * purpose gets its own key, so a signature made for one never verifies as another.
 */
export function derivedSigningKey(purpose: string): Promise<string> {
  return hmacSha256Hex(primaryKey(), `switchboard/${purpose}/v1`);
}
