import type { ChannelId } from "@switchboard/channels/ids";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail } from "../lib/auth";
import { memberQuery } from "../lib/functions";
import { channelId } from "../schema/validators";
import { highlight, queryTokens, type Snippet } from "./snippet";

/**
 * Full-text search of an organization: message bodies (`unifiedMessages.search_text`), thread
 * subjects (`conversationThreads.search_subject`) and contact names (`contacts.search_name`), through Convex search indexes filtered by `organizationId` first, so another organization's
 * documents are never candidates. Results come in Convex's relevance order with highlighted
 * snippets computed here (search/snippet.ts). Reads are bounded: at most `limit` documents per
 * index plus one contact per distinct contact shown. Any member of the organization sees every hit,
 * as in the inbox (teams narrow the inbox's view, they do not hide threads).
 */

export const MAX_QUERY_CHARS = 200;
export const MAX_RESULTS = 50;
export const DEFAULT_RESULTS = 20;

export interface MessageHit {
  messageId: Id<"unifiedMessages">;
  threadId: Id<"conversationThreads">;
  contactId: Id<"contacts">;
  contactName: string;
  channel: ChannelId;
  direction: Doc<"unifiedMessages">["direction"];
  sentAt: number;
  snippet: Snippet;
}
export interface ThreadHit {
  threadId: Id<"conversationThreads">;
  contactId: Id<"contacts">;
  contactName: string;
  status: Doc<"conversationThreads">["status"];
  lastChannel: ChannelId;
  lastMessageAt: number;
  /** The thread's subject, marked. */
  snippet: Snippet;
}
export interface ContactHit {
  contactId: Id<"contacts">;
  company?: string;
  snippet: Snippet;
}
export interface SearchResults {
  messages: MessageHit[];
  threads: ThreadHit[];
  contacts: ContactHit[];
}

export interface SearchOptions {
  q: string;
  channel?: ChannelId;
  limit?: number;
}

/** Trimmed query, refused when too long; null when it has no searchable term. */
export function searchText(q: string): string | null {
  if (q.length > MAX_QUERY_CHARS) fail("invalid_argument", `The search is limited to ${MAX_QUERY_CHARS} characters`);
  const text = q.trim();
  return queryTokens(text).terms.size ? text : null;
}

/** Search an organization (the caller has already been authorized for it). */
export async function searchOrganization(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  { q, channel, limit }: SearchOptions,
): Promise<SearchResults> {
  const text = searchText(q);
  if (!text) return { messages: [], threads: [], contacts: [] };
  const n = Math.max(1, Math.min(MAX_RESULTS, Math.floor(limit ?? DEFAULT_RESULTS)));
  const names = new Map<Id<"contacts">, string>();
  const nameOf = async (id: Id<"contacts">) => {
    let name = names.get(id);
    if (name === undefined) {
      const c = await ctx.db.get(id);
      name = c && c.organizationId === organizationId ? c.displayName : "Unknown contact";
      names.set(id, name);
    }
    return name;
  };

  const messages = await ctx.db
    .query("unifiedMessages")
    .withSearchIndex("search_text", (s) => {
      const f = s.search("text", text).eq("organizationId", organizationId);
      return channel ? f.eq("channel", channel) : f;
    })
    .take(n);
  // A thread and a contact are not on one channel: a channel filter leaves only messages.
  const threads = channel
    ? []
    : await ctx.db
        .query("conversationThreads")
        .withSearchIndex("search_subject", (s) => s.search("subject", text).eq("organizationId", organizationId))
        .take(n);
  const contacts = channel
    ? [] // a contact is not on one channel
    : await ctx.db
        .query("contacts")
        .withSearchIndex("search_name", (s) => s.search("displayName", text).eq("organizationId", organizationId))
        .take(n);

  const out: SearchResults = { messages: [], threads: [], contacts: [] };
  for (const m of messages)
    out.messages.push({
      messageId: m._id,
      threadId: m.threadId,
      contactId: m.contactId,
      contactName: await nameOf(m.contactId),
      channel: m.channel,
      direction: m.direction,
      sentAt: m.sentAt,
      snippet: highlight(m.text, text),
    });
  for (const t of threads)
    out.threads.push({
      threadId: t._id,
      contactId: t.contactId,
      contactName: await nameOf(t.contactId),
      status: t.status,
      lastChannel: t.lastChannel,
      lastMessageAt: t.lastMessageAt,
      snippet: highlight(t.subject ?? "", text),
    });
  for (const c of contacts) {
    if (c.mergedInto) continue; // merged away: its threads live on the surviving contact
    out.contacts.push({ contactId: c._id, company: c.company, snippet: highlight(c.displayName, text) });
  }
  return out;
}

/** The dashboard's search box: messages, thread subjects and contacts of the organization. */
export const find = memberQuery({
  args: { q: v.string(), channel: v.optional(channelId), limit: v.optional(v.number()) },
  handler: async (ctx, { organizationId, q, channel, limit }) =>
    searchOrganization(ctx, organizationId, { q, channel, limit }),
});
