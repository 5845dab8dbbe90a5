/**
 * The provider registry: adapters, credential/setting schemas and which fields are secret.
 * `credentials` are stored encrypted and never returned to clients; `settings` are plain.
 */
import type { z } from "zod";
import { genericAdapter, genericCredentialsSchema, genericSettingsSchema } from "./adapters/generic";
import { metaAdapter, metaCredentialsSchema, metaSettingsSchema } from "./adapters/meta";
import { nativeAdapter, nativeCredentialsSchema, nativeSettingsSchema } from "./adapters/native";
import { resendAdapter, resendCredentialsSchema, resendSettingsSchema } from "./adapters/resend";
import { twilioAdapter, twilioCredentialsSchema, twilioSettingsSchema } from "./adapters/twilio";
import { vonageAdapter, vonageCredentialsSchema, vonageSettingsSchema } from "./adapters/vonage";
import { PROVIDER_IDS, type ProviderId } from "./ids";
import type { ChannelAdapter } from "./types";

export const adapters: Record<ProviderId, ChannelAdapter> = {
  resend: resendAdapter,
  twilio: twilioAdapter,
  vonage: vonageAdapter,
  meta: metaAdapter,
  generic: genericAdapter,
  native: nativeAdapter,
};

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === "string" && (PROVIDER_IDS as readonly string[]).includes(value);
}

export function getAdapter(provider: ProviderId | string): ChannelAdapter {
  if (!isProviderId(provider)) throw new Error(`Unknown provider "${provider}"`);
  return adapters[provider];
}

export const credentialSchemas = {
  resend: resendCredentialsSchema,
  twilio: twilioCredentialsSchema,
  vonage: vonageCredentialsSchema,
  meta: metaCredentialsSchema,
  generic: genericCredentialsSchema,
  native: nativeCredentialsSchema,
} as const satisfies Record<ProviderId, z.ZodObject>;

export const settingSchemas = {
  resend: resendSettingsSchema,
  twilio: twilioSettingsSchema,
  vonage: vonageSettingsSchema,
  meta: metaSettingsSchema,
  generic: genericSettingsSchema,
  native: nativeSettingsSchema,
} as const satisfies Record<ProviderId, z.ZodObject>;

export type CredentialsOf<P extends ProviderId> = z.infer<(typeof credentialSchemas)[P]>;
export type SettingsOf<P extends ProviderId> = z.infer<(typeof settingSchemas)[P]>;

/**
 * Credential fields that are secret: encrypt at rest, never send to the client (show "••••" /
 * "set" instead). Identifiers such as Twilio's accountSid or Vonage's apiKey are not secret.
 */
export const SECRET_FIELDS = {
  resend: ["apiKey", "webhookSecret"],
  twilio: ["authToken"],
  vonage: ["apiSecret", "signatureSecret"],
  meta: ["accessToken", "appSecret", "verifyToken"],
  generic: ["signingSecret", "outboundSigningSecret"],
  native: ["sessionSecret"],
} as const satisfies Record<ProviderId, readonly string[]>;

export function secretFieldsOf(provider: ProviderId): readonly string[] {
  return SECRET_FIELDS[provider];
}

/**
 * The `secrets` keys each adapter's validateSignature reads. They are credential field names,
 * so passing the decrypted credentials object as `secrets` just works. Optional rotation keys
 * (`previous…`) are accepted where listed.
 */
export const WEBHOOK_SECRET_KEYS = {
  resend: ["webhookSecret", "previousWebhookSecret"],
  twilio: ["authToken"],
  vonage: ["signatureSecret", "apiKey"],
  meta: ["appSecret"],
  generic: ["signingSecret", "previousSigningSecret"],
  native: ["sessionSecret"],
} as const satisfies Record<ProviderId, readonly string[]>;

export type ConfigValidation =
  | { ok: true; credentials: Record<string, string>; settings: Record<string, string> }
  | { ok: false; errors: Array<{ field: string; message: string }> };

/** Validates a channel config form (credentials + settings) for a provider. */
export function validateChannelConfig(
  provider: ProviderId,
  credentials: unknown,
  settings: unknown,
): ConfigValidation {
  const errors: Array<{ field: string; message: string }> = [];
  const c = credentialSchemas[provider].safeParse(credentials ?? {});
  const s = settingSchemas[provider].safeParse(settings ?? {});
  if (!c.success) for (const i of c.error.issues) errors.push({ field: `credentials.${i.path.join(".")}`, message: i.message });
  if (!s.success) for (const i of s.error.issues) errors.push({ field: `settings.${i.path.join(".")}`, message: i.message });
  if (errors.length > 0 || !c.success || !s.success) return { ok: false, errors };
  return { ok: true, credentials: c.data as Record<string, string>, settings: s.data as Record<string, string> };
}

/** Removes secret fields, replacing them with a boolean "is set" map, for returning to clients. */
export function redactCredentials(
  provider: ProviderId,
  credentials: Record<string, string | undefined>,
): { visible: Record<string, string>; secretsSet: Record<string, boolean> } {
  const secret = new Set<string>(SECRET_FIELDS[provider]);
  const visible: Record<string, string> = {};
  const secretsSet: Record<string, boolean> = {};
  for (const f of SECRET_FIELDS[provider]) secretsSet[f] = Boolean(credentials[f]);
  for (const [k, v] of Object.entries(credentials)) if (!secret.has(k) && v !== undefined) visible[k] = v;
  return { visible, secretsSet };
}
