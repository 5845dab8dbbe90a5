import { getDescriptor, type HealthResult, webhookUrlsOf } from "@switchboard/channels";
import { verifyEndpointOwnership } from "@switchboard/channels/ownership";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { ADMIN_ROLES, fail, getOwned, requireMember } from "../lib/auth";
import { adminAction, adminMutation, adminQuery, memberQuery } from "../lib/functions";
import { providerId } from "../schema/validators";
import { channelWrite, defaultChannelName, prepareChannel, refuseEndpoint, writeChannel } from "./configs";
import { checkConfig } from "./health";
import { adapterContextFor, decryptCredentials } from "./runtime";

async function endpointsOf(ctx: QueryCtx, config: Doc<"channelConfigs">) {
  const rows = await ctx.db
    .query("channelEndpoints")
    .withIndex("by_config", (q) => q.eq("organizationId", config.organizationId).eq("channelConfigId", config._id))
    .take(50);
  return rows.filter((r) => r.kind === "receiving").map((r) => r.identifier);
}

/**
 * What an admin may see of a config: settings, endpoints, health, and for credentials only
 * which fields are stored (the "stored" badge) - never a value, not even a masked one.
 */
export async function publicView(ctx: QueryCtx, config: Doc<"channelConfigs">) {
  const endpoints = await endpointsOf(ctx, config);
  const descriptor = getDescriptor(config.provider);
  const siteUrl = process.env.PUBLIC_WEBHOOK_BASE_URL ?? process.env.CONVEX_SITE_URL ?? "";
  return {
    _id: config._id,
    organizationId: config.organizationId,
    channel: config.channel,
    provider: config.provider,
    name: config.name,
    enabled: config.enabled,
    settings: config.settings,
    storedCredentials: Object.keys(config.credentials).sort(),
    secretFields: [...descriptor.credentials.secretFields],
    endpoints,
    health: config.health,
    webhooks: webhookUrlsOf(descriptor, endpoints, siteUrl),
    updatedAt: config.updatedAt,
  };
}

export const list = adminQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const configs = await ctx.db
      .query("channelConfigs")
      .withIndex("by_org_channel", (q) => q.eq("organizationId", organizationId))
      .take(100);
    return Promise.all(configs.map((c) => publicView(ctx, c)));
  },
});

/** Health of every channel for the dashboard banner (agents see it too; no settings). */
export const listHealth = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const configs = await ctx.db
      .query("channelConfigs")
      .withIndex("by_org_channel", (q) => q.eq("organizationId", organizationId))
      .take(100);
    return configs
      .filter((c) => c.enabled)
      .map((c) => ({
        _id: c._id,
        name: c.name,
        channel: c.channel,
        state: c.health.state,
        lastError: c.health.lastError,
        lastErrorAt: c.health.lastErrorAt,
      }));
  },
});

/** Internal: membership check + the stored config, for actions (which have no db). */
export const adminConfig = internalQuery({
  args: { organizationId: v.id("organizations"), channelConfigId: v.optional(v.id("channelConfigs")) },
  handler: async (ctx, { organizationId, channelConfigId }) => {
    await requireMember(ctx, organizationId, ADMIN_ROLES);
    return channelConfigId ? await getOwned(ctx, organizationId, channelConfigId) : null;
  },
});

export const applySave = internalMutation({
  args: channelWrite,
  handler: async (ctx, args): Promise<Id<"channelConfigs">> => {
    await requireMember(ctx, args.organizationId, ADMIN_ROLES);
    return writeChannel(ctx, args);
  },
});

/**
 * Create or update a channel (admins). Credentials are write-only: a field left empty keeps
 * its stored value, a field with a value replaces it. The merged set is validated against the
 * provider's schema before anything is written; each field is sealed on its own.
 */
export const save = adminAction({
  args: {
    channelConfigId: v.optional(v.id("channelConfigs")),
    provider: providerId,
    name: v.optional(v.string()),
    enabled: v.optional(v.boolean()),
    endpoints: v.array(v.string()),
    settings: v.record(v.string(), v.string()),
    credentials: v.record(v.string(), v.string()),
  },
  handler: async (ctx, args): Promise<Id<"channelConfigs">> => {
    const existing = await ctx.runQuery(internal.channels.settings.adminConfig, {
      organizationId: args.organizationId,
      channelConfigId: args.channelConfigId,
    });
    const stored = existing ? await decryptCredentials(args.organizationId, existing.credentials) : {};
    const incoming = Object.fromEntries(Object.entries(args.credentials).filter(([, value]) => value.trim() !== ""));
    const keep = Object.fromEntries(
      Object.entries(existing?.credentials ?? {}).filter(([field]) => !(field in incoming)),
    );
    const prepared = await prepareChannel({
      organizationId: args.organizationId,
      provider: args.provider,
      endpoints: args.endpoints,
      settings: args.settings,
      credentials: { ...stored, ...incoming },
      keep,
    });
    // Receiving endpoints are not first-come: the provider must confirm that the account of
    // these credentials owns each one (where it has an API to ask; see ownership.ts).
    const receiving = prepared.endpoints.filter((e) => e.kind === "receiving").map((e) => e.identifier);
    const ownership = await verifyEndpointOwnership(
      args.provider,
      adapterContextFor({ ...stored, ...incoming }, prepared.settings),
      receiving,
    );
    const unowned = receiving.find((e) => ownership.get(e) === "not_owned");
    if (unowned) refuseEndpoint(unowned);
    return ctx.runMutation(internal.channels.settings.applySave, {
      organizationId: args.organizationId,
      channelConfigId: args.channelConfigId,
      provider: args.provider,
      name: args.name?.trim() || existing?.name || defaultChannelName(args.provider),
      enabled: args.enabled ?? existing?.enabled ?? true,
      ...prepared,
    });
  },
});

export const setEnabled = adminMutation({
  args: { channelConfigId: v.id("channelConfigs"), enabled: v.boolean() },
  handler: async (ctx, { organizationId, channelConfigId, enabled }) => {
    const config = await getOwned(ctx, organizationId, channelConfigId);
    await ctx.db.patch(config._id, { enabled, updatedAt: Date.now() });
    if (enabled) await ctx.scheduler.runAfter(0, internal.outbound.dispatch.run, { channelConfigId });
  },
});

/** "Test connection": runs the adapter's healthCheck now and records it. */
export const testConnection = adminAction({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { organizationId, channelConfigId }): Promise<HealthResult> => {
    const config = await ctx.runQuery(internal.channels.settings.adminConfig, { organizationId, channelConfigId });
    if (!config) fail("not_found", "Not found");
    const result = await checkConfig(ctx, config);
    return {
      state: result.state,
      latencyMs: result.latencyMs,
      rateLimitRemaining: result.rateLimitRemaining,
      error: result.error,
    };
  },
});
