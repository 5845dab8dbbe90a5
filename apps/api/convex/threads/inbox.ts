import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail } from "../lib/auth";
import { memberQuery } from "../lib/functions";
import { channelId, threadStatus } from "../schema/validators";
import { searchText } from "../search/search";
import { type LabelView, labelsOfThread } from "./labels";

/** Index rows one list call may read (the filtered list never scans further than this). */
export const FILTER_SCAN_LIMIT = 300;
export const MAX_PAGE = 100;

interface ListCursor {
  /** lastMessageAt of the last row read, and its _creationTime (tie-break). */
  at: number;
  ct: number;
}

function decodeCursor(cursor: string | null): ListCursor | null {
  if (!cursor) return null;
  try {
    const c = JSON.parse(cursor) as ListCursor;
    if (typeof c.at === "number" && typeof c.ct === "number") return c;
  } catch {
    // fall through
  }
  fail("invalid_argument", "Invalid inbox cursor");
}

/** Search hits read per index when the inbox is searched (bounded; relevance order). */
const SEARCH_MESSAGES = 100;
const SEARCH_CONTACTS = 20;
const SEARCH_SUBJECTS = 20;
const THREADS_PER_CONTACT = 5;

/**
 * Threads matching a full-text search, best first: threads with a matching message, then threads
 * whose subject matches, then the threads of contacts whose name matches; each thread once.
 */
async function searchThreads(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  text: string,
): Promise<Doc<"conversationThreads">[]> {
  const ids: Id<"conversationThreads">[] = [];
  const messages = await ctx.db
    .query("unifiedMessages")
    .withSearchIndex("search_text", (s) => s.search("text", text).eq("organizationId", organizationId))
    .take(SEARCH_MESSAGES);
  for (const m of messages) ids.push(m.threadId);
  const bySubject = await ctx.db
    .query("conversationThreads")
    .withSearchIndex("search_subject", (s) => s.search("subject", text).eq("organizationId", organizationId))
    .take(SEARCH_SUBJECTS);
  for (const t of bySubject) ids.push(t._id);
  const contacts = await ctx.db
    .query("contacts")
    .withSearchIndex("search_name", (s) => s.search("displayName", text).eq("organizationId", organizationId))
    .take(SEARCH_CONTACTS);
  for (const c of contacts) {
    const threads = await ctx.db
      .query("conversationThreads")
      .withIndex("by_contact_status", (q) => q.eq("organizationId", organizationId).eq("contactId", c._id))
      .take(THREADS_PER_CONTACT);
    for (const t of threads) ids.push(t._id);
  }
  const out: Doc<"conversationThreads">[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const t = await ctx.db.get(id);
    if (t && t.organizationId === organizationId) out.push(t);
  }
  return out;
}

const assigneeFilter = v.union(v.literal("me"), v.literal("unassigned"), v.id("members"));

type Row = Doc<"conversationThreads"> & { contactName: string; labels: LabelView[] };

/** Free-text match over the thread and its contact (null when the row does not match). */
async function enrich(
  ctx: QueryCtx,
  t: Doc<"conversationThreads">,
  needle: string,
  labelCache: Map<Id<"labels">, Doc<"labels"> | null>,
): Promise<Row | null> {
  const contact = await ctx.db.get(t.contactId);
  const contactName = contact?.displayName ?? "Unknown contact";
  if (needle) {
    const hay = [
      contactName,
      t.lastMessagePreview,
      t.subject ?? "",
      contact?.primaryEmail ?? "",
      contact?.primaryPhone ?? "",
      contact?.company ?? "",
    ]
      .join("\n")
      .toLowerCase();
    if (!hay.includes(needle)) return null;
  }
  return { ...t, contactName, labels: await labelsOfThread(ctx, t.organizationId, t._id, labelCache) };
}

/**
 * The inbox with filters: team / assignee / status narrow through an index (organizationId first);
 * channel filters the rows read. Each call reads at most FILTER_SCAN_LIMIT index rows, so a sparse
 * filter returns a short (even empty) page with isDone=false and a cursor to keep going - bounded
 * reads, never a scan. A free-text `search` goes through the search indexes instead (one page of
 * threads in relevance order, see searchThreads); the other filters apply to its hits.
 */
export const list = memberQuery({
  args: {
    status: v.optional(threadStatus),
    channel: v.optional(channelId),
    assignee: v.optional(assigneeFilter),
    search: v.optional(v.string()),
    label: v.optional(v.id("labels")),
    team: v.optional(v.id("teams")),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, status, channel, assignee, search, label, team, paginationOpts }) => {
    const member = ctx.member;
    const numItems = Math.max(1, Math.min(MAX_PAGE, paginationOpts.numItems));
    let assigneeId: Id<"members"> | undefined;
    if (assignee === "me") assigneeId = member._id;
    else if (assignee && assignee !== "unassigned") {
      const m = await ctx.db.get(assignee);
      if (!m || m.organizationId !== organizationId) fail("not_found", "Not found");
      assigneeId = m._id;
    }
    if (team) {
      const owned = await ctx.db.get(team);
      if (!owned || owned.organizationId !== organizationId) fail("not_found", "Not found");
    }
    const labelCache = new Map<Id<"labels">, Doc<"labels"> | null>();
    const keep = (t: Doc<"conversationThreads">) =>
      (!status || t.status === status) &&
      (!channel || t.lastChannel === channel) &&
      (!assignee || t.assigneeId === assigneeId) &&
      (!team || t.teamId === team);

    const text = search ? searchText(search) : null;
    if (text) {
      const page: Row[] = [];
      for (const t of await searchThreads(ctx, organizationId, text)) {
        if (page.length >= numItems) break;
        if (!keep(t)) continue;
        const row = await enrich(ctx, t, "", labelCache);
        if (row && (!label || row.labels.some((l) => l._id === label))) page.push(row);
      }
      // search results are one page, in relevance order
      return { page, isDone: true, continueCursor: "" };
    }
    // A search without a word to look up (punctuation, symbols): matched as a substring.
    const needle = search?.trim().toLowerCase() ?? "";

    // A label narrows through its join rows (most recently labelled first), one bounded page of
    // them per call; the other filters apply to the threads they name. The page is shown by activity.
    if (label) {
      const owned = await ctx.db.get(label);
      if (!owned || owned.organizationId !== organizationId) fail("not_found", "Not found");
      const joins = await ctx.db
        .query("threadLabels")
        .withIndex("by_label", (q) => q.eq("organizationId", organizationId).eq("labelId", label))
        .order("desc")
        .paginate({ numItems, cursor: paginationOpts.cursor });
      const page: Row[] = [];
      for (const j of joins.page) {
        const t = await ctx.db.get(j.threadId);
        if (!t || !keep(t)) continue;
        const row = await enrich(ctx, t, needle, labelCache);
        if (row) page.push(row);
      }
      page.sort((x, y) => y.lastMessageAt - x.lastMessageAt);
      return { page, isDone: joins.isDone, continueCursor: joins.continueCursor };
    }

    const cursor = decodeCursor(paginationOpts.cursor);
    const upper = (q: { lte(field: "lastMessageAt", value: number): unknown }) =>
      cursor ? q.lte("lastMessageAt", cursor.at) : q;
    const base = team
      ? ctx.db
          .query("conversationThreads")
          .withIndex(
            "by_org_team_last",
            (q) => upper(q.eq("organizationId", organizationId).eq("teamId", team)) as never,
          )
      : assignee
        ? ctx.db
            .query("conversationThreads")
            .withIndex(
              "by_org_assignee_last",
              (q) => upper(q.eq("organizationId", organizationId).eq("assigneeId", assigneeId)) as never,
            )
        : status
          ? ctx.db
              .query("conversationThreads")
              .withIndex(
                "by_org_status_last",
                (q) => upper(q.eq("organizationId", organizationId).eq("status", status)) as never,
              )
          : ctx.db
              .query("conversationThreads")
              .withIndex("by_org_last", (q) => upper(q.eq("organizationId", organizationId)) as never);
    const rows = await base.order("desc").take(FILTER_SCAN_LIMIT);
    const page: Row[] = [];
    let last: ListCursor | null = null;
    let consumedAll = true;
    for (const t of rows) {
      if (cursor && t.lastMessageAt === cursor.at && t._creationTime >= cursor.ct) continue; // shown already
      if (page.length >= numItems) {
        consumedAll = false;
        break;
      }
      last = { at: t.lastMessageAt, ct: t._creationTime };
      if (!keep(t)) continue;
      const row = await enrich(ctx, t, needle, labelCache);
      if (row) page.push(row);
    }
    const isDone = consumedAll && rows.length < FILTER_SCAN_LIMIT;
    return {
      page,
      isDone,
      continueCursor: isDone ? "" : JSON.stringify(last ?? cursor ?? { at: Number.MAX_SAFE_INTEGER, ct: 0 }),
    };
  },
});
