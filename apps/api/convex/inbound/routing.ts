import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { endpointKind, providerId } from "../schema/validators";

/**
 * Finds the channel config a webhook is addressed to. Runs before the organization is known,
 * hence the provider-keyed index; internal only, and it returns ciphertext, never plaintext.
 * `kind` defaults to a receiving endpoint; Meta's GET handshake looks up a `verifyToken` hash.
 */
export const findEndpoint = internalQuery({
  args: { provider: providerId, identifier: v.string(), kind: v.optional(endpointKind) },
  handler: async (ctx, { provider, identifier, kind }) => {
    const endpoint = await ctx.db
      .query("channelEndpoints")
      .withIndex("by_route", (q) =>
        q
          .eq("provider", provider)
          .eq("kind", kind ?? "receiving")
          .eq("identifier", identifier),
      )
      .first();
    if (!endpoint) return null;
    const config = await ctx.db.get(endpoint.channelConfigId);
    if (!config || config.organizationId !== endpoint.organizationId) return null;
    return {
      organizationId: config.organizationId,
      channelConfigId: config._id,
      channel: config.channel,
      provider: config.provider,
      enabled: config.enabled,
      credentials: config.credentials,
      settings: config.settings,
    };
  },
});
