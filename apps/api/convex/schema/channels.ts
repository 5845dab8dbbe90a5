import { defineTable } from "convex/server";
import { v } from "convex/values";
import { channelHealth, channelId, encrypted, endpointKind, providerId, whatsappTemplate } from "./validators";

/** Channels: a provider account of an organization (credentials sealed per field) and the routing
 * endpoints webhooks are matched on (spread into defineSchema by ../schema.ts). */
export const channelsTables = {
  channelConfigs: defineTable({
    organizationId: v.id("organizations"),
    channel: channelId,
    provider: providerId,
    name: v.string(),
    enabled: v.boolean(),
    /** Non-secret settings (api base URL override, from address, region...). */
    settings: v.record(v.string(), v.string()),
    /** Secret fields, each encrypted on its own (per-field envelope). */
    credentials: v.record(v.string(), encrypted),
    health: channelHealth,
    createdAt: v.number(),
    updatedAt: v.number(),
  }).index("by_org_channel", ["organizationId", "channel"]),

  /** Receiving identifiers -> channel config: how a webhook finds its organization. */
  channelEndpoints: defineTable({
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    provider: providerId,
    /** `receiving` (number, phone_number_id, address, slug, widget key) or `verifyToken` (Meta's hash). */
    kind: endpointKind,
    /** Normalised by the provider descriptor (`endpoints.normalize`); a verify token's SHA-256 hex. */
    identifier: v.string(),
    createdAt: v.number(),
  })
    // Webhook routing runs before the organization is known (internal only).
    .index("by_route", ["provider", "kind", "identifier"])
    .index("by_config", ["organizationId", "channelConfigId"]),

  /**
   * A short cache of a WhatsApp channel's approved message templates, as listed by Meta's
   * message templates API (channels/whatsappTemplates.ts): one row per channel, replaced on refresh.
   */
  whatsappTemplateCaches: defineTable({
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    fetchedAt: v.number(),
    /** More templates exist than the bounded listing read. */
    truncated: v.boolean(),
    templates: v.array(whatsappTemplate),
  }).index("by_config", ["organizationId", "channelConfigId"]),
};
