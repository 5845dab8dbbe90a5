import { v } from "convex/values";
import { getOwned } from "../lib/auth";
import { channelId } from "../schema/validators";
import { findIdentity, normalizeFor } from "./resolve";
import { memberQuery } from "../lib/functions";

export const get = memberQuery({
  args: { contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    const contact = await getOwned(ctx, organizationId, contactId);
    const identities = await ctx.db
      .query("contactIdentities")
      .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
      .take(100);
    return { ...contact, identities };
  },
});

/** Looks a person up by an address on a channel, normalised the same way inbound does. */
export const findByIdentifier = memberQuery({
  args: { channel: channelId, identifier: v.string() },
  handler: async (ctx, { organizationId, channel, identifier }) => {
    const org = await ctx.db.get(organizationId);
    const normalized = normalizeFor(channel, identifier, org?.defaultRegion ?? "US");
    const identity = await findIdentity(ctx, organizationId, channel, normalized.identifier);
    return identity ? await ctx.db.get(identity.contactId) : null;
  },
});
