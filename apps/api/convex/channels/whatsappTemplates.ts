import { listWhatsAppTemplates, type WhatsAppTemplate } from "@switchboard/channels";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation, internalQuery } from "../_generated/server";
import { fail, findOwned } from "../lib/auth";
import { memberAction } from "../lib/functions";
import { whatsappTemplate } from "../schema/validators";
import { adapterContext } from "./runtime";

/**
 * A WhatsApp channel's approved message templates, listed from Meta's message templates API
 * (bounded paging in packages/channels) and cached for TEMPLATE_CACHE_MS per channel, so opening
 * threads does not call Meta each time; `refresh` skips the cache (after a template was approved).
 */
export const TEMPLATE_CACHE_MS = 5 * 60_000;

export const loadForListing = internalQuery({
  args: { organizationId: v.id("organizations"), channelConfigId: v.optional(v.id("channelConfigs")) },
  handler: async (ctx, { organizationId, channelConfigId }) => {
    // Without a channel (the contact never wrote on WhatsApp): the organization's first enabled one.
    const config = channelConfigId
      ? await findOwned(ctx, organizationId, channelConfigId)
      : (
          await ctx.db
            .query("channelConfigs")
            .withIndex("by_org_channel", (q) => q.eq("organizationId", organizationId).eq("channel", "whatsapp"))
            .take(20)
        ).find((c) => c.enabled && c.provider === "meta");
    if (config?.provider !== "meta") return null;
    const cache = await ctx.db
      .query("whatsappTemplateCaches")
      .withIndex("by_config", (q) => q.eq("organizationId", organizationId).eq("channelConfigId", config._id))
      .first();
    return { config, cache };
  },
});

export const storeCache = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    fetchedAt: v.number(),
    truncated: v.boolean(),
    templates: v.array(whatsappTemplate),
  },
  handler: async (ctx, args) => {
    const existing = await ctx.db
      .query("whatsappTemplateCaches")
      .withIndex("by_config", (q) =>
        q.eq("organizationId", args.organizationId).eq("channelConfigId", args.channelConfigId),
      )
      .first();
    if (existing) await ctx.db.replace(existing._id, args);
    else await ctx.db.insert("whatsappTemplateCaches", args);
  },
});

export interface TemplateList {
  templates: WhatsAppTemplate[];
  fetchedAt: number;
  truncated: boolean;
  /** Set when Meta could not be reached and an older list is shown. */
  error?: string;
}

/** The templates an agent can send on a WhatsApp channel (from cache when fresh). */
export const list = memberAction({
  args: { channelConfigId: v.optional(v.id("channelConfigs")), refresh: v.optional(v.boolean()) },
  handler: async (ctx, { organizationId, channelConfigId, refresh }): Promise<TemplateList> => {
    const loaded = await ctx.runQuery(internal.channels.whatsappTemplates.loadForListing, {
      organizationId,
      channelConfigId,
    });
    if (!loaded) {
      if (channelConfigId) fail("not_found", "Not found");
      return { templates: [], fetchedAt: Date.now(), truncated: false, error: "No WhatsApp channel is configured" };
    }
    const { config, cache } = loaded;
    const now = Date.now();
    if (cache && !refresh && now - cache.fetchedAt < TEMPLATE_CACHE_MS) {
      return { templates: cache.templates, fetchedAt: cache.fetchedAt, truncated: cache.truncated };
    }
    const listing = await listWhatsAppTemplates(await adapterContext(config));
    if (!listing.ok) {
      if (cache)
        return {
          templates: cache.templates,
          fetchedAt: cache.fetchedAt,
          truncated: cache.truncated,
          error: listing.error,
        };
      fail("invalid_argument", `Could not list WhatsApp templates: ${listing.error}`);
    }
    await ctx.runMutation(internal.channels.whatsappTemplates.storeCache, {
      organizationId,
      channelConfigId: config._id,
      fetchedAt: now,
      truncated: listing.truncated,
      templates: listing.templates,
    });
    return { templates: listing.templates, fetchedAt: now, truncated: listing.truncated };
  },
});
