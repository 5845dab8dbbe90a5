/**
 * The provider registry: one descriptor per provider. Everything else the product knows about
 * providers (adapters, schemas, secret fields, webhook routes, settings forms) is read from here.
 * `credentials` are stored encrypted and never returned to clients; `settings` are plain.
 */
import type { z } from "zod";
import type { ProviderDescriptor, WebhookRoute } from "./descriptor";
import { genericDescriptor } from "./descriptors/generic";
import { metaDescriptor } from "./descriptors/meta";
import { nativeDescriptor } from "./descriptors/native";
import { resendDescriptor } from "./descriptors/resend";
import { twilioDescriptor } from "./descriptors/twilio";
import { vonageDescriptor } from "./descriptors/vonage";
import { PROVIDER_IDS, type ProviderId } from "./ids";
import type { ChannelAdapter } from "./types";

/** A webhook route with the provider it belongs to: one line of the HTTP route table. */
export interface RouteTableEntry<Id extends string = ProviderId> extends WebhookRoute {
  provider: Id;
}

export interface ProviderRegistry<Id extends string = ProviderId> {
  readonly descriptors: readonly ProviderDescriptor<Id>[];
  get(provider: string): ProviderDescriptor<Id>;
  has(provider: unknown): provider is Id;
  /** Every webhook route of every provider, for the HTTP router to register in a loop. */
  routes(): RouteTableEntry<Id>[];
}

/**
 * Builds a registry from descriptors. Refuses duplicate providers and two providers claiming the
 * same route (path + method + match), which the HTTP router could not tell apart.
 */
export function createRegistry<Id extends string>(list: readonly ProviderDescriptor<Id>[]): ProviderRegistry<Id> {
  const byId = new Map<string, ProviderDescriptor<Id>>();
  const routeKeys = new Set<string>();
  for (const d of list) {
    if (byId.has(d.id)) throw new Error(`Provider "${d.id}" is registered twice`);
    byId.set(d.id, d);
    for (const r of d.webhooks) {
      const key = `${r.method} ${r.match} ${r.path}`;
      if (routeKeys.has(key)) throw new Error(`Route ${key} is claimed by two providers`);
      routeKeys.add(key);
    }
    for (const field of [...d.credentials.secretFields, d.webhookSecretField]) {
      if (!(field in d.credentials.schema.shape)) throw new Error(`${d.id}: "${field}" is not a credential field`);
    }
  }
  return {
    descriptors: list,
    get(provider) {
      const d = byId.get(provider);
      if (!d) throw new Error(`Unknown provider "${provider}"`);
      return d;
    },
    has: (provider): provider is Id => typeof provider === "string" && byId.has(provider),
    routes: () => list.flatMap((d) => d.webhooks.map((r) => ({ ...r, provider: d.id }))),
  };
}

/** The built-in providers, in the order the dashboard lists them. */
export const registry = createRegistry([
  twilioDescriptor,
  vonageDescriptor,
  metaDescriptor,
  resendDescriptor,
  genericDescriptor,
  nativeDescriptor,
]);

export const descriptors = registry.descriptors;
export const getDescriptor = (provider: ProviderId | string): ProviderDescriptor => registry.get(provider);
export const webhookRoutes = (): RouteTableEntry[] => registry.routes();

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === "string" && (PROVIDER_IDS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Views kept for today's callers (Convex, dev, bench); all derived from the descriptors.

const byProvider = <T>(pick: (d: ProviderDescriptor) => T) =>
  Object.fromEntries(PROVIDER_IDS.map((p) => [p, pick(registry.get(p))])) as Record<ProviderId, T>;

export const adapters: Record<ProviderId, ChannelAdapter> = byProvider((d) => d.adapter);

export function getAdapter(provider: ProviderId | string): ChannelAdapter {
  if (!isProviderId(provider)) throw new Error(`Unknown provider "${provider}"`);
  return adapters[provider];
}

export const credentialSchemas: Record<ProviderId, z.ZodObject> = byProvider((d) => d.credentials.schema);
export const settingSchemas: Record<ProviderId, z.ZodObject> = byProvider((d) => d.settings.schema);

/**
 * Credential fields that are secret: encrypt at rest, never send to the client (show "set"
 * instead). Identifiers such as Twilio's accountSid or Vonage's apiKey are not secret.
 */
export const SECRET_FIELDS: Record<ProviderId, readonly string[]> = byProvider((d) => d.credentials.secretFields);

export function secretFieldsOf(provider: ProviderId): readonly string[] {
  return registry.get(provider).credentials.secretFields;
}

/**
 * The `secrets` keys each adapter's validateSignature reads. They are credential field names,
 * so passing the decrypted credentials object as `secrets` just works. Optional rotation keys
 * (`previous…`) are accepted where listed.
 */
export const WEBHOOK_SECRET_KEYS: Record<ProviderId, readonly string[]> = byProvider((d) => d.webhookSecretKeys);

export type ConfigValidation =
  | { ok: true; credentials: Record<string, string>; settings: Record<string, string> }
  | { ok: false; errors: Array<{ field: string; message: string }> };

/** Validates a channel config form (credentials + settings) against a descriptor's schemas. */
export function validateChannelConfig(
  provider: ProviderId | ProviderDescriptor,
  credentials: unknown,
  settings: unknown,
): ConfigValidation {
  const d = typeof provider === "string" ? registry.get(provider) : provider;
  const errors: Array<{ field: string; message: string }> = [];
  const c = d.credentials.schema.safeParse(credentials ?? {});
  const s = d.settings.schema.safeParse(settings ?? {});
  if (!c.success)
    for (const i of c.error.issues) errors.push({ field: `credentials.${i.path.join(".")}`, message: i.message });
  if (!s.success)
    for (const i of s.error.issues) errors.push({ field: `settings.${i.path.join(".")}`, message: i.message });
  if (errors.length > 0 || !c.success || !s.success) return { ok: false, errors };
  return { ok: true, credentials: c.data as Record<string, string>, settings: s.data as Record<string, string> };
}

/** Removes secret fields, replacing them with a boolean "is set" map, for returning to clients. */
export function redactCredentials(
  provider: ProviderId,
  credentials: Record<string, string | undefined>,
): { visible: Record<string, string>; secretsSet: Record<string, boolean> } {
  const fields = secretFieldsOf(provider);
  const secret = new Set<string>(fields);
  const visible: Record<string, string> = {};
  const secretsSet: Record<string, boolean> = {};
  for (const f of fields) secretsSet[f] = Boolean(credentials[f]);
  for (const [k, v] of Object.entries(credentials)) if (!secret.has(k) && v !== undefined) visible[k] = v;
  return { visible, secretsSet };
}
