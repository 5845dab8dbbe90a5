/**
 * The settings form of a provider, derived from its descriptor: one field per schema key, in
 * schema order, with the descriptor's label/help/placeholder, whether it is required (the schema
 * rejects a missing value) and whether it is secret. The dashboard renders exactly this.
 */
import type { z } from "zod";
import type { FieldText, ProviderDescriptor } from "./descriptor";

export interface FormField {
  key: string;
  label: string;
  help?: string;
  placeholder?: string;
  required: boolean;
  secret: boolean;
}

export interface ProviderForm {
  provider: string;
  channel: string;
  label: string;
  endpoints: FieldText;
  credentials: FormField[];
  /** Visible settings only; hidden ones are set by code (mirrored endpoint, timeouts). */
  settings: FormField[];
}

function fieldsOf(
  schema: z.ZodObject,
  text: Readonly<Record<string, FieldText>>,
  secret: ReadonlySet<string>,
): FormField[] {
  return Object.entries(schema.shape)
    .filter(([key]) => !text[key]?.hidden)
    .map(([key, field]) => {
      const t = text[key];
      return {
        key,
        // A field the descriptor forgot to label still shows, under its key.
        label: t?.label ?? key,
        ...(t?.help ? { help: t.help } : {}),
        ...(t?.placeholder ? { placeholder: t.placeholder } : {}),
        required: !(field as z.ZodType).safeParse(undefined).success,
        secret: secret.has(key),
      };
    });
}

export function settingsFormOf(d: ProviderDescriptor<string>): ProviderForm {
  const secret = new Set(d.credentials.secretFields);
  return {
    provider: d.id,
    channel: d.channel,
    label: d.label,
    endpoints: d.endpoints.text,
    credentials: fieldsOf(d.credentials.schema, d.credentials.text, secret),
    settings: fieldsOf(d.settings.schema, d.settings.text, new Set()),
  };
}

/**
 * The webhook URLs an admin copies into the provider's console: every labelled route, prefix
 * routes once per receiving endpoint (slug, widget key).
 */
export function webhookUrlsOf(
  d: ProviderDescriptor<string>,
  endpoints: readonly string[],
  baseUrl = "",
): Array<{ label: string; path: string; url: string }> {
  const root = baseUrl.replace(/\/+$/, "");
  return d.webhooks.flatMap((route) => {
    if (!route.label) return [];
    const paths = route.match === "prefix" ? endpoints.map((e) => route.path + encodeURIComponent(e)) : [route.path];
    return paths.map((path) => ({ label: route.label!, path, url: root + path }));
  });
}

/** The absolute status-callback URL for messages sent through this provider, if it takes one. */
export function statusCallbackUrlOf(d: ProviderDescriptor<string>, baseUrl: string | undefined): string | undefined {
  if (!d.statusCallbackPath || !baseUrl) return undefined;
  return baseUrl.replace(/\/+$/, "") + d.statusCallbackPath;
}
