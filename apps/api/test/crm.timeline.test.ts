import { describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { encodeTimelineCursor, TIMELINE_MAX_PAGE, timelinePage } from "../convex/crm/timeline";
import { type CrmEnv, contactByIdentifier, drain, ORG_A, post, useCrmBackend } from "./crmHelpers";
import type { Backend, SeededOrg } from "./harness";
import { twilioSms } from "./signers";

let t: Backend;
let a: SeededOrg;
let asA: CrmEnv["asA"];
useCrmBackend((env) => ({ t, a, asA } = env), { now: "2026-01-01T00:00:00Z" });

/**
 * A contact with `messages` messages (one real SMS + bulk copies) and one timeline event after
 * every `perChunk` messages, interleaved in time.
 */
async function seedHistory(messages: number, perChunk: number) {
  await post(t, twilioSms("+14155550999", ORG_A.phone, "first", "SM00000000000000000000000000000999"));
  await drain(t); // the first message's insights; the bulk rows below bypass the webhook pipeline
  const contactId: Id<"contacts"> = (await contactByIdentifier(t, a.organizationId, "phone", "+14155550999"))!._id;
  const template = await t.run(async (ctx) => {
    const m = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", contactId))
      .first();
    const { _id, _creationTime, ...rest } = m!;
    return rest;
  });
  let events = 0;
  for (let done = 1; done < messages; ) {
    vi.advanceTimersByTime(1_000);
    done = await t.run(async (ctx) => {
      const base = Date.now();
      let n = done;
      for (let i = 0; i < perChunk && n < messages; i++, n++) {
        await ctx.db.insert("unifiedMessages", {
          ...template,
          externalMessageId: `bulk-${n}`,
          text: `message ${n}`,
          sentAt: base + i,
        });
      }
      await ctx.db.insert("contactEvents", {
        organizationId: a.organizationId,
        contactId,
        kind: "note",
        at: base + 500,
        summary: `event ${n}`,
      });
      return n;
    });
    events++;
  }
  await t.run(async (ctx) => ctx.db.patch(contactId, { messageCount: messages }));
  return { contactId, events };
}

/** One page through the same code the public query runs, with the transaction's read metrics. */
async function measuredPage(contactId: Id<"contacts">, cursor: string | null, numItems: number) {
  return t.run(async (ctx) => {
    const result = await timelinePage(ctx, a.organizationId, contactId, cursor, numItems);
    const metrics = await ctx.meta.getTransactionMetrics();
    return { result, documentsRead: metrics.documentsRead.used, queries: metrics.databaseQueries.used };
  });
}

const itemId = (x: { type: string; message?: { _id: string }; event?: { _id: string } }) =>
  x.type === "message" ? x.message!._id : x.event!._id;

describe("unified timeline", () => {
  test("a contact with 10,000 messages: every page reads a bounded number of documents, however deep", async () => {
    const { contactId, events } = await seedHistory(10_000, 100);
    const n = TIMELINE_MAX_PAGE;

    const p1 = await measuredPage(contactId, null, n);
    const p2 = await measuredPage(contactId, p1.result.continueCursor, n);
    expect(p1.result.page).toHaveLength(n);
    expect(p2.result.page).toHaveLength(n);
    // A full page reads one page of messages plus the events that interleave with them (here one
    // event per 100 messages, so at most 2) — never a function of the history's size.
    const eventsOn = (p: typeof p1) => p.result.page.filter((x) => x.type === "event").length;
    for (const p of [p1, p2]) {
      expect(eventsOn(p)).toBeGreaterThanOrEqual(1);
      expect(p.documentsRead).toBeGreaterThanOrEqual(n);
      expect(p.documentsRead).toBeLessThanOrEqual(n + 2);
    }

    // Jump deep into the history: the cursor right after the 9,000th newest message.
    const deep = await t.run(async (ctx) => {
      const byContact = (q: any) => q.eq("organizationId", a.organizationId).eq("contactId", contactId);
      const newestFirst = await ctx.db
        .query("unifiedMessages")
        .withIndex("by_contact", byContact)
        .order("desc")
        .collect();
      const m = newestFirst[8_999]!;
      const allEvents = await ctx.db
        .query("contactEvents")
        .withIndex("by_contact_at", byContact)
        .order("desc")
        .collect();
      const shown = allEvents.filter((e) => e.at > m._creationTime);
      const lastShown = shown[shown.length - 1]!;
      const expected = [
        ...newestFirst.slice(9_000).map((x) => ({ id: x._id as string, key: x._creationTime })),
        ...allEvents.filter((e) => e.at < m._creationTime).map((x) => ({ id: x._id as string, key: x.at })),
      ]
        .sort((x, y) => y.key - x.key)
        .slice(0, n)
        .map((x) => x.id);
      return {
        cursor: encodeTimelineCursor({
          m: m._creationTime,
          e: [lastShown.at, lastShown._creationTime],
          md: false,
          ed: false,
        }),
        expected,
      };
    });
    const pDeep = await measuredPage(contactId, deep.cursor, n);
    expect(pDeep.result.page.map(itemId)).toEqual(deep.expected);
    // 9,000 items deep: the same bound as the first page.
    expect(eventsOn(pDeep)).toBeGreaterThanOrEqual(1);
    expect(pDeep.documentsRead).toBeGreaterThanOrEqual(n);
    expect(pDeep.documentsRead).toBeLessThanOrEqual(n + 2);
    for (const q of [p1.queries, p2.queries, pDeep.queries]) expect(q).toBeLessThanOrEqual(n + 3);

    // The last page of the history ends the pagination.
    const tail = await t.run(async (ctx) => {
      const byContact = (q: any) => q.eq("organizationId", a.organizationId).eq("contactId", contactId);
      const oldest = await ctx.db.query("unifiedMessages").withIndex("by_contact", byContact).order("asc").take(4);
      const firstEvent = (await ctx.db
        .query("contactEvents")
        .withIndex("by_contact_at", byContact)
        .order("asc")
        .first())!;
      return encodeTimelineCursor({
        m: oldest[3]!._creationTime,
        e: [firstEvent.at, firstEvent._creationTime],
        md: false,
        ed: false,
      });
    });
    const last = await measuredPage(contactId, tail, n);
    expect(last.result.page.map((x) => (x.type === "message" ? x.message.text : ""))).toEqual([
      "message 2",
      "message 1",
      "first",
    ]);
    expect(last.result.isDone).toBe(true);
    expect(events).toBe(100);

    // The public query serves the same pages (auth + ownership on top).
    const pub = await asA.query(api.crm.timeline.list, {
      organizationId: a.organizationId,
      contactId,
      paginationOpts: { numItems: n, cursor: null },
    });
    expect(pub.page.map(itemId)).toEqual(p1.result.page.map(itemId));
    await expect(
      asA.query(api.crm.timeline.list, {
        organizationId: a.organizationId,
        contactId,
        paginationOpts: { numItems: 25, cursor: "garbage" },
      }),
    ).rejects.toThrow(/cursor/);
  }, 60_000);

  test.each([
    [600, 30, 37],
    [150, 2, 10], // events denser than messages
  ])(
    "walking every page of %i messages (an event every %i) by %i returns each item exactly once, newest first",
    async (messages, perChunk, size) => {
      const { contactId, events } = await seedHistory(messages, perChunk);
      const seen: string[] = [];
      const keys: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      const reads: number[] = [];
      let withInsights = 0;
      for (;;) {
        const { result, documentsRead } = await measuredPage(contactId, cursor, size);
        pages++;
        reads.push(documentsRead);
        for (const item of result.page) {
          seen.push(itemId(item));
          keys.push(item.key);
          if (item.type === "message" && item.sentiment) withInsights++;
        }
        if (result.isDone) break;
        cursor = result.continueCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(messages + events);
      for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeLessThanOrEqual(keys[i - 1]!);
      expect(pages).toBeLessThanOrEqual(Math.ceil((messages + events) / size) + 1);
      // <= one page of messages + one page of events + the insight rows of the messages shown (only
      // the first message, which came through a real webhook, has one).
      for (const r of reads) expect(r).toBeLessThanOrEqual(2 * size + 1);
      expect(withInsights).toBe(1);
    },
    60_000,
  );
});
