import { type AdapterContext, getDescriptor, statusCallbackUrlOf } from "@switchboard/channels";
import { guardFetch, urlPolicyFromEnv } from "@switchboard/channels/urlPolicy";
import type { Doc } from "../_generated/dataModel";
import { credentialAad, decryptString } from "../lib/crypto";

/**
 * Channel plumbing shared by inbound (webhooks, hydration) and outbound (send, poll, health):
 * credential decryption (with a per-isolate cache) and the adapter context. Plaintext credentials
 * live only inside the running action: never log or return them.
 */

/** The URL policy of this deployment, read per request so an environment change applies at once. */
export const deploymentUrlPolicy = () => urlPolicyFromEnv(process.env);

/**
 * The one fetch adapters get: every target is checked against the URL policy again at fetch time
 * (settings are checked when saved, but rows older than the check, or an allowlist that shrank,
 * must not slip through) and redirects are never followed with the channel's credentials.
 * Wrapped: some runtimes reject fetch called as a method of another object.
 */
export const providerFetch: AdapterContext["fetch"] = guardFetch(
  (input, init) => fetch(input, init),
  deploymentUrlPolicy,
);

/** Adapter context from already-decrypted credentials. */
export function adapterContextFor(
  credentials: AdapterContext["credentials"],
  settings: Record<string, string>,
  options: { timeoutMs?: number } = {},
): AdapterContext {
  return { credentials, settings, fetch: providerFetch, ...options };
}

/** Adapter context for a config: decrypted credentials live only inside the running action. */
export async function adapterContext(config: Doc<"channelConfigs">): Promise<AdapterContext> {
  return adapterContextFor(await decryptCredentials(config.organizationId, config.credentials), config.settings);
}

export async function decryptCredentials(
  organizationId: string,
  credentials: Record<string, { kid: string; iv: string; ct: string }>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [field, envelope] of Object.entries(credentials)) {
    out[field] = await decryptString(envelope, credentialAad(organizationId, field));
  }
  return out;
}

/**
 * PERF: module-scope cache of decrypted webhook credentials, so the per-request AES-GCM decrypt
 * (one per credential field) is paid once per channel config instead of on every delivery.
 * Keyed by organization + channel config id + the exact ciphertext envelopes, so a credential
 * update (new ciphertext) or a moved row (different org/config) misses; cleared whenever the
 * encryption key environment changes, so a removed key stops decrypting exactly as before.
 * Valid on Convex cloud too (module state persists only within one isolate). Plaintext stays
 * in this process' memory only: never log or return it.
 */
const CREDENTIAL_CACHE_MAX = 256;
const credentialCache = new Map<string, Record<string, string>>();
let credentialCacheEnv: string | undefined;

export async function cachedCredentials(
  organizationId: string,
  channelConfigId: string,
  credentials: Record<string, { kid: string; iv: string; ct: string }>,
): Promise<Record<string, string>> {
  const env = `${process.env.SWITCHBOARD_ENCRYPTION_KEY ?? ""}|${process.env.SWITCHBOARD_ENCRYPTION_OLD_KEYS ?? ""}`;
  if (env !== credentialCacheEnv) {
    credentialCache.clear();
    credentialCacheEnv = env;
  }
  const key = JSON.stringify([organizationId, channelConfigId, credentials]);
  const hit = credentialCache.get(key);
  if (hit) return { ...hit };
  const secrets = await decryptCredentials(organizationId, credentials);
  if (credentialCache.size >= CREDENTIAL_CACHE_MAX) {
    const oldest = credentialCache.keys().next().value;
    if (oldest !== undefined) credentialCache.delete(oldest);
  }
  credentialCache.set(key, { ...secrets });
  return secrets;
}

/** Where providers should post status callbacks for messages we send. */
export function statusCallbackUrl(provider: Doc<"channelConfigs">["provider"]): string | undefined {
  return statusCallbackUrlOf(
    getDescriptor(provider),
    process.env.PUBLIC_WEBHOOK_BASE_URL ?? process.env.CONVEX_SITE_URL,
  );
}

/**
 * Removes every credential value from a provider's error text before it is stored or shown:
 * error bodies sometimes echo a token back, and secrets never leave the server.
 */
export function redactSecrets(text: string, credentials: Record<string, string | undefined>): string {
  let out = text;
  for (const value of Object.values(credentials)) {
    if (value && value.length >= 4) out = out.split(value).join("[redacted]");
  }
  return out;
}
