import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { channelId, threadStatus } from "../schema/validators";
import { memberMutation, memberQuery } from "../lib/functions";

/** Index rows one list call may read (the filtered list never scans further than this). */
export const FILTER_SCAN_LIMIT = 300;
export const MAX_PAGE = 100;
const MAX_SNOOZE_MS = 365 * 24 * 60 * 60 * 1000;

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

const assigneeFilter = v.union(v.literal("me"), v.literal("unassigned"), v.id("members"));

/**
 * The inbox with filters: status / assignee narrow through an index (organizationId first);
 * channel and free-text search filter the rows read. Each call reads at most FILTER_SCAN_LIMIT
 * index rows, so a sparse filter returns a short (even empty) page with isDone=false and a cursor
 * to keep going - bounded reads, never a scan.
 */
export const list = memberQuery({
  args: {
    status: v.optional(threadStatus),
    channel: v.optional(channelId),
    assignee: v.optional(assigneeFilter),
    search: v.optional(v.string()),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, status, channel, assignee, search, paginationOpts }) => {
    const member = ctx.member;
    const cursor = decodeCursor(paginationOpts.cursor);
    const numItems = Math.max(1, Math.min(MAX_PAGE, paginationOpts.numItems));
    let assigneeId: Id<"members"> | undefined;
    if (assignee === "me") assigneeId = member._id;
    else if (assignee && assignee !== "unassigned") {
      const m = await ctx.db.get(assignee);
      if (!m || m.organizationId !== organizationId) fail("not_found", "Not found");
      assigneeId = m._id;
    }
    const upper = (q: { lte(field: "lastMessageAt", value: number): unknown }) => (cursor ? q.lte("lastMessageAt", cursor.at) : q);
    const base = assignee
      ? ctx.db
          .query("conversationThreads")
          .withIndex("by_org_assignee_last", (q) => upper(q.eq("organizationId", organizationId).eq("assigneeId", assigneeId)) as never)
      : status
        ? ctx.db
            .query("conversationThreads")
            .withIndex("by_org_status_last", (q) => upper(q.eq("organizationId", organizationId).eq("status", status)) as never)
        : ctx.db
            .query("conversationThreads")
            .withIndex("by_org_last", (q) => upper(q.eq("organizationId", organizationId)) as never);
    const rows = await base.order("desc").take(FILTER_SCAN_LIMIT);
    const needle = search?.trim().toLowerCase() ?? "";
    const page: (Doc<"conversationThreads"> & { contactName: string })[] = [];
    let last: ListCursor | null = null;
    let consumedAll = true;
    for (const t of rows) {
      if (cursor && t.lastMessageAt === cursor.at && t._creationTime >= cursor.ct) continue; // shown already
      if (page.length >= numItems) {
        consumedAll = false;
        break;
      }
      last = { at: t.lastMessageAt, ct: t._creationTime };
      if (status && t.status !== status) continue;
      if (channel && t.lastChannel !== channel) continue;
      const contact = await ctx.db.get(t.contactId);
      const contactName = contact?.displayName ?? "Unknown contact";
      if (needle) {
        const hay = [contactName, t.lastMessagePreview, t.subject ?? "", contact?.primaryEmail ?? "", contact?.primaryPhone ?? "", contact?.company ?? ""]
          .join("\n")
          .toLowerCase();
        if (!hay.includes(needle)) continue;
      }
      page.push({ ...t, contactName });
    }
    const isDone = consumedAll && rows.length < FILTER_SCAN_LIMIT;
    return {
      page,
      isDone,
      continueCursor: isDone ? "" : JSON.stringify(last ?? cursor ?? { at: Number.MAX_SAFE_INTEGER, ct: 0 }),
    };
  },
});

/** Members an agent can assign a thread to (bounded). */
export const assignees = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const me = ctx.member;
    const members = await ctx.db
      .query("members")
      .withIndex("by_org_user", (q) => q.eq("organizationId", organizationId))
      .take(200);
    return members.map((m) => ({ _id: m._id, name: m.name ?? m.email, email: m.email, role: m.role, isMe: m._id === me._id }));
  },
});

async function ownedThread(ctx: QueryCtx, organizationId: Id<"organizations">, threadId: Id<"conversationThreads">) {
  return getOwned(ctx, organizationId, threadId);
}

/** Assigns a thread to a member of the organization, or unassigns it (assigneeId null). */
export const assign = memberMutation({
  args: {
    threadId: v.id("conversationThreads"),
    assigneeId: v.union(v.id("members"), v.null()),
  },
  handler: async (ctx, { organizationId, threadId, assigneeId }) => {
    const thread = await ownedThread(ctx, organizationId, threadId);
    if (assigneeId) {
      const m = await ctx.db.get(assigneeId);
      if (!m || m.organizationId !== organizationId) fail("not_found", "Not found");
    }
    await ctx.db.patch(thread._id, { assigneeId: assigneeId ?? undefined });
    return null;
  },
});

/** Snoozes a thread until a time; it re-opens then (or earlier, when the contact writes). */
export const snooze = memberMutation({
  args: { threadId: v.id("conversationThreads"), until: v.number() },
  handler: async (ctx, { organizationId, threadId, until }) => {
    const thread = await ownedThread(ctx, organizationId, threadId);
    const now = Date.now();
    if (!Number.isFinite(until) || until <= now) fail("invalid_argument", "Snooze until a time in the future");
    if (until - now > MAX_SNOOZE_MS) fail("invalid_argument", "Snooze for at most a year");
    await ctx.db.patch(thread._id, { status: "snoozed", snoozedUntil: until });
    await ctx.scheduler.runAt(until, internal.inbox.actions.wake, { threadId: thread._id, until });
    return null;
  },
});

/** Internal: re-opens a snoozed thread when its snooze ends (unless something changed it since). */
export const wake = internalMutation({
  args: { threadId: v.id("conversationThreads"), until: v.number() },
  handler: async (ctx, { threadId, until }) => {
    const thread = await ctx.db.get(threadId);
    if (!thread || thread.status !== "snoozed" || thread.snoozedUntil !== until) return null;
    await ctx.db.patch(thread._id, { status: "open", snoozedUntil: undefined });
    return null;
  },
});

/** Sets a thread's status: close, re-open, or mark pending. Snoozing goes through `snooze`. */
export const setStatus = memberMutation({
  args: {
    threadId: v.id("conversationThreads"),
    status: v.union(v.literal("open"), v.literal("pending"), v.literal("closed")),
  },
  handler: async (ctx, { organizationId, threadId, status }) => {
    const thread = await ownedThread(ctx, organizationId, threadId);
    await ctx.db.patch(thread._id, { status, snoozedUntil: undefined });
    return null;
  },
});

/** Marks a thread read (unread badge back to 0). */
export const markRead = memberMutation({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    const thread = await ownedThread(ctx, organizationId, threadId);
    if (thread.unreadCount !== 0) await ctx.db.patch(thread._id, { unreadCount: 0 });
    return null;
  },
});

/**
 * Contacts for the directory: most recent conversation first, or a name-prefix search through
 * the by_org_name index. Merged-away contacts are hidden. Paginated (bounded).
 */
export const contacts = memberQuery({
  args: { search: v.optional(v.string()), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { organizationId, search, paginationOpts }) => {
    const prefix = search?.trim() ?? "";
    const opts = { ...paginationOpts, numItems: Math.max(1, Math.min(MAX_PAGE, paginationOpts.numItems)) };
    const page = await (prefix
      ? ctx.db
          .query("contacts")
          .withIndex("by_org_name", (q) => q.eq("organizationId", organizationId).gte("displayName", prefix).lt("displayName", `${prefix}\uffff`))
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
          _id: c._id,
          displayName: c.displayName,
          company: c.company,
          title: c.title,
          primaryEmail: c.primaryEmail,
          primaryPhone: c.primaryPhone,
          lastMessageAt: c.lastMessageAt,
          lastChannel: c.lastChannel,
          messageCount: c.messageCount,
          healthScore: c.healthScore,
          dealStage: c.dealStage,
        })),
    };
  },
});
