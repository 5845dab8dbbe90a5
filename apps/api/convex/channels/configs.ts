import { type Endpoint, getDescriptor } from "@switchboard/channels";
import { CHANNEL_OF_PROVIDER, type ProviderId } from "@switchboard/channels/ids";
import { checkOutboundUrl } from "@switchboard/channels/urlPolicy";
import { ConvexError, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction, internalMutation, type MutationCtx } from "../_generated/server";
import { fail } from "../lib/auth";
import { credentialAad, type Envelope, encryptString } from "../lib/crypto";
import { encrypted, providerId } from "../schema/validators";
import { endpointValidator } from "./endpoints";
import { INITIAL_HEALTH } from "./health";
import { deploymentUrlPolicy } from "./runtime";

/** Name of a channel nobody named: "sms (twilio)". */
export const defaultChannelName = (provider: ProviderId) => `${CHANNEL_OF_PROVIDER[provider]} (${provider})`;

/**
 * The routing endpoints a config answers for, as its provider's descriptor derives them: the
 * given receiving endpoints (numbers, phone_number_ids, inbound addresses, slugs, widget keys)
 * normalised, plus any endpoint its credentials imply (Meta: the verify token's hash).
 */
export async function endpointsFor(
  provider: ProviderId,
  endpoints: string[],
  credentials: Record<string, string | undefined>,
): Promise<Endpoint[]> {
  return getDescriptor(provider).endpoints.derive(endpoints, credentials);
}

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ");

/**
 * Validates a channel's settings and (merged, plaintext) credentials against the provider's
 * schemas and seals each credential field on its own with AES-256-GCM. Fields listed in
 * `keep` reuse their stored envelope unchanged. Runs in actions (the key never reaches a query).
 */
export async function prepareChannel(args: {
  organizationId: Id<"organizations">;
  provider: ProviderId;
  endpoints: string[];
  settings: Record<string, string>;
  credentials: Record<string, string>;
  keep?: Record<string, Envelope>;
}) {
  const descriptor = getDescriptor(args.provider);
  const settingsInput = Object.fromEntries(Object.entries(args.settings).filter(([, value]) => value.trim() !== ""));
  // Some adapters read their first endpoint from settings (Meta phone_number_id, widget key).
  const first = args.endpoints[0]?.trim();
  const mirrored = descriptor.endpoints.mirroredSetting;
  if (first && mirrored) settingsInput[mirrored] ??= first;
  const settings = descriptor.settings.schema.safeParse(settingsInput);
  if (!settings.success) throw new ConvexError({ code: "invalid_argument", message: issues(settings.error) });
  refuseUnsafeUrls(settings.data as Record<string, string>);
  const credentials = descriptor.credentials.schema.safeParse(args.credentials);
  if (!credentials.success) throw new ConvexError({ code: "invalid_argument", message: issues(credentials.error) });

  const plain = credentials.data as Record<string, string | undefined>;
  const endpoints = await endpointsFor(args.provider, args.endpoints, plain);
  if (!endpoints.some((e) => e.kind === "receiving"))
    throw new ConvexError({ code: "invalid_argument", message: "Add at least one receiving endpoint" });
  // Every credential field is sealed, identifiers such as an account SID included; the fields in
  // secretFieldsOf() are additionally never shown again.
  const sealed: Record<string, Envelope> = {};
  for (const [field, value] of Object.entries(plain)) {
    if (!value) continue;
    sealed[field] = args.keep?.[field] ?? (await encryptString(value, credentialAad(args.organizationId, field)));
  }
  return { settings: settings.data as Record<string, string>, credentials: sealed, endpoints };
}

/**
 * Every setting that is a URL (apiBaseUrl, outboundUrl, healthUrl, and any a descriptor adds)
 * must pass the outbound URL policy before it is stored: https to a public host, or an origin on
 * the instance allowlist. Judged by value, not by field name, so a new URL field is covered.
 * The fetch guard (channels/runtime.ts) checks again on every request.
 */
function refuseUnsafeUrls(settings: Record<string, string | undefined>) {
  const policy = deploymentUrlPolicy();
  for (const [field, value] of Object.entries(settings)) {
    if (typeof value !== "string" || !/^[a-z][a-z0-9+.-]*:/i.test(value.trim())) continue;
    const check = checkOutboundUrl(value, policy);
    if (!check.ok) throw new ConvexError({ code: "invalid_argument", message: `settings.${field}: ${check.reason}` });
  }
}

export const channelWrite = {
  organizationId: v.id("organizations"),
  channelConfigId: v.optional(v.id("channelConfigs")),
  provider: providerId,
  name: v.string(),
  enabled: v.boolean(),
  settings: v.record(v.string(), v.string()),
  credentials: v.record(v.string(), encrypted),
  endpoints: v.array(endpointValidator),
};

/**
 * The one answer for an endpoint a channel may not claim, whether another channel (of any
 * organization) holds it or the provider did not confirm these credentials own it: the same code
 * and text, so the answer never tells whether, let alone where, it is in use.
 */
export function refuseEndpoint(identifier: string): never {
  fail(
    "conflict",
    `${identifier} cannot be used by this channel: the provider account of these credentials must own it, and it must not be connected elsewhere`,
  );
}

/**
 * Inserts or updates a config and its routing endpoints. One receiving identifier routes to
 * exactly one channel: a taken endpoint is a conflict, never silently shared.
 */
export async function writeChannel(
  ctx: MutationCtx,
  args: {
    organizationId: Id<"organizations">;
    channelConfigId?: Id<"channelConfigs">;
    provider: ProviderId;
    name: string;
    enabled: boolean;
    settings: Record<string, string>;
    credentials: Record<string, Envelope>;
    endpoints: Endpoint[];
  },
): Promise<Id<"channelConfigs">> {
  const now = Date.now();
  let configId = args.channelConfigId;
  if (configId) {
    const existing = await ctx.db.get(configId);
    if (!existing || existing.organizationId !== args.organizationId) fail("not_found", "Not found");
    if (existing.provider !== args.provider) fail("invalid_argument", "The provider of a channel cannot change");
    await ctx.db.patch(configId, {
      name: args.name,
      enabled: args.enabled,
      settings: args.settings,
      credentials: args.credentials,
      updatedAt: now,
    });
    const old = await ctx.db
      .query("channelEndpoints")
      .withIndex("by_config", (q) => q.eq("organizationId", args.organizationId).eq("channelConfigId", configId!))
      .take(100);
    const wanted = (row: { kind: string; identifier: string }) =>
      args.endpoints.some((e) => e.kind === row.kind && e.identifier === row.identifier);
    for (const row of old) if (!wanted(row)) await ctx.db.delete(row._id);
  } else {
    if (!(await ctx.db.get(args.organizationId))) fail("not_found", "Unknown organization");
    configId = await ctx.db.insert("channelConfigs", {
      organizationId: args.organizationId,
      channel: CHANNEL_OF_PROVIDER[args.provider],
      provider: args.provider,
      name: args.name,
      enabled: args.enabled,
      settings: args.settings,
      credentials: args.credentials,
      health: INITIAL_HEALTH,
      createdAt: now,
      updatedAt: now,
    });
  }
  for (const { kind, identifier } of args.endpoints) {
    const taken = await ctx.db
      .query("channelEndpoints")
      .withIndex("by_route", (q) => q.eq("provider", args.provider).eq("kind", kind).eq("identifier", identifier))
      .first();
    if (taken && taken.channelConfigId !== configId)
      refuseEndpoint(kind === "receiving" ? identifier : "This verify token");
    if (!taken) {
      await ctx.db.insert("channelEndpoints", {
        organizationId: args.organizationId,
        channelConfigId: configId,
        provider: args.provider,
        kind,
        identifier,
        createdAt: now,
      });
    }
  }
  return configId;
}

export const insertConfig = internalMutation({
  args: channelWrite,
  handler: (ctx, args) => writeChannel(ctx, args),
});

/**
 * Creates a channel config from plaintext credentials (operators, seed, CLI, tests). The
 * admin-facing path is channels/settings:save, which adds membership checks and merging.
 */
export const createConfig = internalAction({
  args: {
    organizationId: v.id("organizations"),
    provider: providerId,
    name: v.optional(v.string()),
    enabled: v.optional(v.boolean()),
    /** Receiving identifiers: phone numbers, Meta phone_number_id, inbound addresses, slug. */
    endpoints: v.array(v.string()),
    settings: v.record(v.string(), v.string()),
    credentials: v.record(v.string(), v.string()),
  },
  handler: async (ctx, args): Promise<Id<"channelConfigs">> => {
    const prepared = await prepareChannel(args);
    return ctx.runMutation(internal.channels.configs.insertConfig, {
      organizationId: args.organizationId,
      provider: args.provider,
      name: args.name ?? defaultChannelName(args.provider),
      enabled: args.enabled ?? true,
      ...prepared,
    });
  },
});
