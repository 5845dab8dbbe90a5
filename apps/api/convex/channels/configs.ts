import { credentialSchemas, settingSchemas } from "@switchboard/channels";
import { CHANNEL_OF_PROVIDER, type ProviderId } from "@switchboard/channels/ids";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction, internalMutation, type MutationCtx } from "../_generated/server";
import { metaVerifyTokenEndpoint, normalizeEndpoint } from "../inbound/endpoints";
import { credentialAad, encryptString } from "../lib/crypto";
import { encrypted, providerId } from "../schema/validators";

export const INITIAL_HEALTH = { state: "unknown" as const, consecutiveFailures: 0 };

async function addEndpoint(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  channelConfigId: Id<"channelConfigs">,
  provider: ProviderId,
  identifier: string,
) {
  const taken = await ctx.db
    .query("channelEndpoints")
    .withIndex("by_route", (q) => q.eq("provider", provider).eq("identifier", identifier))
    .first();
  if (taken) {
    if (taken.channelConfigId === channelConfigId) return;
    // One receiving identifier routes to exactly one organization; never share it silently.
    throw new Error(`The ${provider} endpoint is already used by another channel`);
  }
  await ctx.db.insert("channelEndpoints", { organizationId, channelConfigId, provider, identifier, createdAt: Date.now() });
}

export const insertConfig = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    provider: providerId,
    name: v.string(),
    enabled: v.boolean(),
    settings: v.record(v.string(), v.string()),
    credentials: v.record(v.string(), encrypted),
    endpoints: v.array(v.string()),
  },
  handler: async (ctx, args) => {
    const org = await ctx.db.get(args.organizationId);
    if (!org) throw new Error("Unknown organization");
    const now = Date.now();
    const channelConfigId = await ctx.db.insert("channelConfigs", {
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
    for (const identifier of args.endpoints) {
      await addEndpoint(ctx, args.organizationId, channelConfigId, args.provider, identifier);
    }
    return channelConfigId;
  },
});

/**
 * The routing identifiers a config answers for: the given receiving endpoints (numbers,
 * phone_number_ids, inbound addresses, slugs, widget keys) normalised, plus for Meta the hash of
 * the verify token (the subscribe challenge names nothing else).
 */
export async function endpointsFor(provider: ProviderId, endpoints: string[], credentials: Record<string, string>) {
  const out = endpoints.map((e) => e.trim()).filter(Boolean).map((e) => normalizeEndpoint(provider, e));
  if (provider === "meta" && credentials.verifyToken) out.push(await metaVerifyTokenEndpoint(credentials.verifyToken));
  return [...new Set(out)];
}

/** Settings that mirror the first endpoint, where the adapter reads it from settings. */
function settingsWithEndpoint(provider: ProviderId, settings: Record<string, string>, endpoints: string[]) {
  const first = endpoints[0]?.trim();
  if (!first) return settings;
  if (provider === "meta") return { phoneNumberId: first, ...settings };
  if (provider === "native") return { widgetKey: first, ...settings };
  return settings;
}

/**
 * Creates a channel config from plaintext credentials: validates them against the provider's
 * schema, seals each secret field on its own (AES-256-GCM) and derives the routing endpoints.
 * Internal: the admin-facing action (settings) and the seed/CLI call it after their own checks.
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
    const settings = settingSchemas[args.provider].parse(
      settingsWithEndpoint(args.provider, args.settings, args.endpoints),
    ) as Record<string, string>;
    const credentials = credentialSchemas[args.provider].parse(args.credentials) as Record<string, string>;
    // Every credential field is sealed, identifiers such as an account SID included; only the
    // fields in secretFieldsOf() are additionally kept out of every client response.
    const sealed: Record<string, { kid: string; iv: string; ct: string }> = {};
    for (const [field, value] of Object.entries(credentials)) {
      if (value === undefined || value === "") continue;
      sealed[field] = await encryptString(value, credentialAad(args.organizationId, field));
    }
    const endpoints = await endpointsFor(args.provider, args.endpoints, credentials);
    if (endpoints.length === 0) throw new Error("A channel needs at least one receiving endpoint");
    return ctx.runMutation(internal.channels.configs.insertConfig, {
      organizationId: args.organizationId,
      provider: args.provider,
      name: args.name ?? `${CHANNEL_OF_PROVIDER[args.provider]} (${args.provider})`,
      enabled: args.enabled ?? true,
      settings,
      credentials: sealed,
      endpoints,
    });
  },
});
