/**
 * Organization-scoped reads and writes behind the REST API. Internal: the HTTP layer has
 * already resolved the organization from the API key, and every id is checked against it.
 */

import type { ChannelId } from "@switchboard/channels/ids";
import { type PaginationOptions, type PaginationResult, paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { type NormalizedIdentifier, normalizeFor } from "../contacts/resolve";
import { emitDomainEvent } from "../events/domain";
import { fail, findOwned } from "../lib/auth";
import { canonicalTimeZone } from "../lib/timezone";
import { queueReply, replyArgs } from "../outbound/replies";
import { channelId, threadStatus } from "../schema/validators";
import { searchOrganization } from "../search/search";
import { presentContact, presentMessage, presentThread } from "./representations";

async function owned<T extends "contacts" | "conversationThreads">(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  table: T,
  rawId: string,
): Promise<Doc<T> | null> {
  // Path ids come from the URL: an id of another table (or garbage) is simply not found.
  const id = ctx.db.normalizeId(table, rawId);
  return id ? findOwned(ctx, organizationId, id) : null;
}

/** A page, or `invalidCursor` when the caller's cursor is not one this query handed out. */
export type PageOrInvalid<T> = PaginationResult<T> | { invalidCursor: true };

/**
 * Paginates with a cursor that came from the URL. A cursor that is not JSON, belongs to another
 * query or was altered makes the runtime throw (the exact error text differs between Convex cloud,
 * the local backend and convex-test); any throw from paginate here can only come from the cursor,
 * since the query itself is fixed and bounded, so it becomes a 400 instead of a 500 with runtime text.
 */
async function paginateFromUrl<T, R>(
  query: { paginate(opts: PaginationOptions): Promise<PaginationResult<T>> },
  opts: PaginationOptions,
  present: (doc: T) => R,
): Promise<PageOrInvalid<R>> {
  let result: PaginationResult<T>;
  try {
    result = await query.paginate(opts);
  } catch {
    return { invalidCursor: true };
  }
  return { ...result, page: result.page.map(present) };
}

export const threads = internalQuery({
  args: {
    organizationId: v.id("organizations"),
    status: v.optional(threadStatus),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, status, paginationOpts }) =>
    paginateFromUrl(
      (status
        ? ctx.db
            .query("conversationThreads")
            .withIndex("by_org_status_last", (q) => q.eq("organizationId", organizationId).eq("status", status))
        : ctx.db.query("conversationThreads").withIndex("by_org_last", (q) => q.eq("organizationId", organizationId))
      ).order("desc"),
      paginationOpts,
      presentThread,
    ),
});

export const thread = internalQuery({
  args: { organizationId: v.id("organizations"), threadId: v.string() },
  handler: async (ctx, { organizationId, threadId }) => {
    const thread = await owned(ctx, organizationId, "conversationThreads", threadId);
    return thread ? presentThread(thread) : null;
  },
});

export const messages = internalQuery({
  args: { organizationId: v.id("organizations"), threadId: v.string(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { organizationId, threadId, paginationOpts }) => {
    const thread = await owned(ctx, organizationId, "conversationThreads", threadId);
    if (!thread) return null;
    return paginateFromUrl(
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", organizationId).eq("threadId", thread._id))
        .order("desc"),
      paginationOpts,
      presentMessage,
    );
  },
});

export const contact = internalQuery({
  args: { organizationId: v.id("organizations"), contactId: v.string() },
  handler: async (ctx, { organizationId, contactId }) => {
    const contact = await owned(ctx, organizationId, "contacts", contactId);
    if (!contact) return null;
    const identities = await ctx.db
      .query("contactIdentities")
      .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contact._id))
      .take(100);
    return presentContact(contact, identities);
  },
});

const contactFields = {
  displayName: v.optional(v.string()),
  company: v.optional(v.string()),
  title: v.optional(v.string()),
  timezone: v.optional(v.string()),
};

export const createContact = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    ...contactFields,
    identities: v.array(v.object({ channel: channelId, identifier: v.string() })),
  },
  handler: async (
    ctx,
    args,
  ): Promise<{ contactId: Id<"contacts"> } | { conflict: Id<"contacts"> } | { invalid: string }> => {
    const org = (await ctx.db.get(args.organizationId))!;
    if (args.timezone !== undefined && canonicalTimeZone(args.timezone) !== args.timezone)
      return { invalid: "timezone: not an IANA time zone name" };
    const normalized: (NormalizedIdentifier & { channel: ChannelId })[] = [];
    for (const [index, identity] of args.identities.entries()) {
      const n = normalizeFor(identity.channel, identity.identifier, org.defaultRegion);
      // An identifier that does not normalise (look-alike digits, letters, junk) would be stored
      // verbatim and never match the same person arriving on the channel: refuse it.
      if (!n.normalized)
        return { invalid: `identities.${index}.identifier: not a valid ${n.kind} identifier for ${identity.channel}` };
      // "+1 415 555 0100" and "(415) 555-0100" are one identity: keep it once.
      if (!normalized.some((m) => m.channel === identity.channel && m.identifier === n.identifier))
        normalized.push({ ...n, channel: identity.channel });
    }
    for (const n of normalized) {
      const existing = await ctx.db
        .query("contactIdentities")
        .withIndex("by_identifier", (q) =>
          q.eq("organizationId", args.organizationId).eq("channel", n.channel).eq("identifier", n.identifier),
        )
        .first();
      if (existing) return { conflict: existing.contactId };
    }
    const now = Date.now();
    const contactId = await ctx.db.insert("contacts", {
      organizationId: args.organizationId,
      displayName: args.displayName?.trim() || normalized[0]?.identifier || "Unnamed contact",
      company: args.company,
      title: args.title,
      timezone: args.timezone,
      primaryEmail: normalized.find((n) => n.kind === "email")?.identifier,
      primaryPhone: normalized.find((n) => n.kind === "phone")?.identifier,
      messageCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    for (const n of normalized) {
      await ctx.db.insert("contactIdentities", {
        organizationId: args.organizationId,
        contactId,
        channel: n.channel,
        kind: n.kind,
        identifier: n.identifier,
        verified: false,
        source: "manual",
        createdAt: now,
      });
    }
    await emitDomainEvent(ctx, args.organizationId, {
      type: "contact.created",
      contactId,
      displayName: args.displayName?.trim() || normalized[0]?.identifier || "Unnamed contact",
      channel: normalized[0]?.channel,
      identifier: normalized[0]?.identifier,
    });
    return { contactId };
  },
});

export const updateContact = internalMutation({
  args: { organizationId: v.id("organizations"), contactId: v.string(), ...contactFields },
  handler: async (ctx, { organizationId, contactId, ...patch }) => {
    const contact = await owned(ctx, organizationId, "contacts", contactId);
    if (!contact) return false;
    // The HTTP layer already canonicalised it; a non-canonical name here is a caller bug, not data.
    if (patch.timezone !== undefined && canonicalTimeZone(patch.timezone) !== patch.timezone)
      throw new Error("timezone must be a canonical IANA name");
    const clean = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    await ctx.db.patch(contact._id, { ...clean, updatedAt: Date.now() });
    return true;
  },
});

export const sendMessage = internalMutation({
  args: {
    ...replyArgs,
    threadId: v.string(),
    apiKeyName: v.string(),
    attachments: v.optional(v.array(v.object({ fileId: v.string(), caption: v.optional(v.string()) }))),
  },
  handler: async (ctx, { apiKeyName, threadId, attachments, ...args }) => {
    const thread = await owned(ctx, args.organizationId, "conversationThreads", threadId);
    if (!thread) return null;
    // File ids come from the request body: an id that is not a stored file is simply not found
    // (queueReply's filesForReply then refuses any file the organization does not own).
    const files = (attachments ?? []).map(({ fileId, caption }) => {
      const storageId = ctx.db.system.normalizeId("_storage", fileId);
      if (!storageId) fail("not_found", "No such attachment");
      return { storageId, ...(caption !== undefined ? { caption } : {}) };
    });
    return queueReply(ctx, { ...args, threadId: thread._id, attachments: files }, { name: `API: ${apiKeyName}` });
  },
});

/** Full-text search of the key's organization (GET /api/v1/search). */
export const search = internalQuery({
  args: {
    organizationId: v.id("organizations"),
    q: v.string(),
    channel: v.optional(channelId),
    limit: v.optional(v.number()),
  },
  handler: async (ctx, { organizationId, ...opts }) => searchOrganization(ctx, organizationId, opts),
});
