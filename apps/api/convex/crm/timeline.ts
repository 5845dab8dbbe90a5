/**
 * Unified contact timeline: messages of every channel and timeline events (merges, job changes,
 * deal-stage changes...) merged newest first.
 *
 * Two index streams are merged with a composite cursor instead of Convex's paginate() (one
 * paginated query per function): each page reads at most `numItems` messages (by_contact, ordered
 * by _creationTime), then only the events that rank above the oldest of them (by_contact_at,
 * ordered by at, _creationTime; at most `numItems`), and one insight row per message shown.
 * Work per page is therefore bounded by 3 * numItems + a constant, whatever the size of the
 * history; without insights a full page reads exactly numItems + (events on the page) documents.
 */
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberQuery } from "../lib/functions";

export const TIMELINE_MAX_PAGE = 100;

export interface TimelineCursor {
  /** _creationTime of the last message shown (exclusive upper bound), null before the first page. */
  m: number | null;
  /** [at, _creationTime] of the last event shown. */
  e: [number, number] | null;
  /** Stream exhausted. */
  md: boolean;
  ed: boolean;
}

/** Cursors are opaque to clients; exported for tests and server-side callers. */
export function encodeTimelineCursor(c: TimelineCursor): string {
  return JSON.stringify(c);
}

function decode(cursor: string | null): TimelineCursor {
  if (!cursor) return { m: null, e: null, md: false, ed: false };
  try {
    const c = JSON.parse(cursor) as TimelineCursor;
    const num = (x: unknown) => typeof x === "number" && Number.isFinite(x);
    if ((c.m === null || num(c.m)) && (c.e === null || (Array.isArray(c.e) && num(c.e[0]) && num(c.e[1])))) {
      return { m: c.m, e: c.e, md: c.md === true, ed: c.ed === true };
    }
  } catch {
    // fall through
  }
  fail("invalid_argument", "Invalid timeline cursor");
}

export type TimelineItem =
  | {
      /** The message's or event's id (stable item key for clients). */
      _id: string;
      type: "message";
      key: number;
      message: Pick<
        Doc<"unifiedMessages">,
        | "_id"
        | "threadId"
        | "channel"
        | "provider"
        | "direction"
        | "status"
        | "text"
        | "subject"
        | "senderName"
        | "sentAt"
        | "attachments"
      >;
      sentiment: { score: number; label: string } | null;
    }
  | {
      _id: string;
      type: "event";
      key: number;
      event: Doc<"contactEvents">;
      /** The thread of the event's source message (a fact's quote opens it there). */
      threadId: Id<"conversationThreads"> | null;
    };

export async function timelinePage(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  contactId: Id<"contacts">,
  cursorString: string | null,
  numItems: number,
) {
  const n = Math.max(1, Math.min(TIMELINE_MAX_PAGE, Math.floor(numItems)));
  const c = decode(cursorString);
  const messages = c.md
    ? []
    : await ctx.db
        .query("unifiedMessages")
        .withIndex("by_contact", (q) => {
          const r = q.eq("organizationId", organizationId).eq("contactId", contactId);
          return c.m === null ? r : r.lt("_creationTime", c.m);
        })
        .order("desc")
        .take(n);
  // With a full page of messages, an event older than the oldest of them cannot make this page:
  // only events at or above that floor are read (so a page reads numItems messages plus the
  // events it actually shows).
  const floor = messages.length === n ? messages[n - 1]!._creationTime : null;
  let events: Doc<"contactEvents">[] = [];
  if (!c.ed) {
    if (c.e) {
      const [at, ct] = c.e;
      if (floor === null || at >= floor) {
        events = await ctx.db
          .query("contactEvents")
          .withIndex("by_contact_at", (q) =>
            q.eq("organizationId", organizationId).eq("contactId", contactId).eq("at", at).lt("_creationTime", ct),
          )
          .order("desc")
          .take(n);
      }
      if (events.length < n) {
        events = events.concat(
          await ctx.db
            .query("contactEvents")
            .withIndex("by_contact_at", (q) => {
              const r = q.eq("organizationId", organizationId).eq("contactId", contactId);
              return floor === null ? r.lt("at", at) : r.gte("at", floor).lt("at", at);
            })
            .order("desc")
            .take(n - events.length),
        );
      }
    } else {
      events = await ctx.db
        .query("contactEvents")
        .withIndex("by_contact_at", (q) =>
          floor === null
            ? q.eq("organizationId", organizationId).eq("contactId", contactId)
            : q.eq("organizationId", organizationId).eq("contactId", contactId).gte("at", floor),
        )
        .order("desc")
        .take(n);
    }
  }
  type Candidate = { key: number; tie: number; m?: Doc<"unifiedMessages">; e?: Doc<"contactEvents"> };
  const candidates: Candidate[] = [
    ...messages.map((m) => ({ key: m._creationTime, tie: m._creationTime, m })),
    ...events.map((e) => ({ key: e.at, tie: e._creationTime, e })),
  ].sort((a, b) => b.key - a.key || b.tie - a.tie);
  const chosen = candidates.slice(0, n);
  const shownMessages = chosen.filter((x) => x.m).map((x) => x.m!);
  const shownEvents = chosen.filter((x) => x.e).map((x) => x.e!);
  const lastM = shownMessages[shownMessages.length - 1];
  const lastE = shownEvents[shownEvents.length - 1];
  const next: TimelineCursor = {
    m: lastM ? lastM._creationTime : c.m,
    e: lastE ? [lastE.at, lastE._creationTime] : c.e,
    md: c.md || (messages.length < n && shownMessages.length === messages.length),
    // The event stream is only exhausted when it was read without a floor.
    ed: c.ed || (floor === null && events.length < n && shownEvents.length === events.length),
  };
  const sentiments = await Promise.all(
    shownMessages.map((m) =>
      ctx.db
        .query("messageInsights")
        .withIndex("by_message", (q) => q.eq("organizationId", organizationId).eq("messageId", m._id))
        .first(),
    ),
  );
  const sentimentOf = new Map(shownMessages.map((m, i) => [m._id, sentiments[i]]));
  // One read per event with a source message (at most numItems).
  const eventSources = await Promise.all(
    shownEvents.map((e) => (e.sourceMessageId ? ctx.db.get(e.sourceMessageId) : null)),
  );
  const threadOfEvent = new Map(
    shownEvents.map((e, i) => [
      e._id,
      eventSources[i]?.organizationId === organizationId ? eventSources[i]!.threadId : null,
    ]),
  );
  const page: TimelineItem[] = chosen.map((x) => {
    if (x.m) {
      const m = x.m;
      const s = sentimentOf.get(m._id);
      return {
        _id: m._id,
        type: "message" as const,
        key: x.key,
        message: {
          _id: m._id,
          threadId: m.threadId,
          channel: m.channel,
          provider: m.provider,
          direction: m.direction,
          status: m.status,
          text: m.text,
          subject: m.subject,
          senderName: m.senderName,
          sentAt: m.sentAt,
          attachments: m.attachments,
        },
        sentiment: s ? { score: s.sentiment, label: s.sentimentLabel } : null,
      };
    }
    return {
      _id: x.e!._id,
      type: "event" as const,
      key: x.key,
      event: x.e!,
      threadId: threadOfEvent.get(x.e!._id) ?? null,
    };
  });
  const isDone = next.md && next.ed;
  return { page, isDone, continueCursor: isDone ? "" : encodeTimelineCursor(next) };
}

/** The contact's unified timeline, newest first. Pass continueCursor back for the next page. */
export const list = memberQuery({
  args: { contactId: v.id("contacts"), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { organizationId, contactId, paginationOpts }) => {
    await getOwned(ctx, organizationId, contactId);
    return timelinePage(ctx, organizationId, contactId, paginationOpts.cursor, paginationOpts.numItems);
  },
});
