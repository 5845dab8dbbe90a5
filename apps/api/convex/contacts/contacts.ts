import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { getOwned } from "../lib/auth";
import { memberQuery } from "../lib/functions";
import { channelId } from "../schema/validators";
import { MAX_PAGE } from "../threads/inbox";
import { contactCard } from "./model";
import { findIdentity, normalizeFor } from "./resolve";

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

/**
 * Contacts for the directory: most recent conversation first, or a name-prefix search through
 * the by_org_name index. Merged-away contacts are hidden. Paginated (bounded).
 */
export const search = memberQuery({
  args: { search: v.optional(v.string()), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { organizationId, search, paginationOpts }) => {
    const prefix = search?.trim() ?? "";
    const opts = { ...paginationOpts, numItems: Math.max(1, Math.min(MAX_PAGE, paginationOpts.numItems)) };
    const page = await (prefix
      ? ctx.db
          .query("contacts")
          .withIndex("by_org_name", (q) =>
            q.eq("organizationId", organizationId).gte("displayName", prefix).lt("displayName", `${prefix}\uffff`),
          )
          .paginate(opts)
      : ctx.db
          .query("contacts")
          .withIndex("by_org_last_message", (q) => q.eq("organizationId", organizationId))
          .order("desc")
          .paginate(opts));
    return {
      ...page,
      page: page.page
        .filter((c) => !c.mergedInto)
        .map((c) => ({
          ...contactCard(c),
          lastMessageAt: c.lastMessageAt,
          lastChannel: c.lastChannel,
          messageCount: c.messageCount,
        })),
    };
  },
});
