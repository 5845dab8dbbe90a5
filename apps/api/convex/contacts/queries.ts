import { v } from "convex/values";
import { query } from "../_generated/server";
import { getOwned, requireMember } from "../lib/auth";
import { channelId } from "../schema/validators";
import { findIdentity, normalizeFor } from "./resolve";

export const get = query({
  args: { organizationId: v.id("organizations"), contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    await requireMember(ctx, organizationId);
    const contact = await getOwned(ctx, organizationId, contactId);
    const identities = await ctx.db
      .query("contactIdentities")
      .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
      .take(100);
    return { ...contact, identities };
  },
});

/** Looks a person up by an address on a channel, normalised the same way inbound does. */
export const findByIdentifier = query({
  args: { organizationId: v.id("organizations"), channel: channelId, identifier: v.string() },
  handler: async (ctx, { organizationId, channel, identifier }) => {
    await requireMember(ctx, organizationId);
    const org = await ctx.db.get(organizationId);
    const normalized = normalizeFor(channel, identifier, org?.defaultRegion ?? "US");
    const identity = await findIdentity(ctx, organizationId, channel, normalized.identifier);
    return identity ? await ctx.db.get(identity.contactId) : null;
  },
});
