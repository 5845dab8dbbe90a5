import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { timelinePage, TIMELINE_MAX_PAGE } from "../convex/crm/timeline";
import type { Backend, SeededOrg } from "./harness";
import { twilioSms } from "./signers";
import { asMember, contactByIdentifier, ORG_A, post, setup } from "./crmHelpers";

let t: Backend;
let a: SeededOrg;
let asA: ReturnType<typeof asMember>;

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
  ({ t, a, asA } = await setup());
});
afterEach(() => {
  vi.useRealTimers();
});

const REAL_NOW = (() => { const d = Date; return () => new (d as any)().getTime(); })();
const MESSAGES = 10_000;
const PER_CHUNK = 100; // one timeline event per chunk, interleaved in time with the messages

test("a contact with 10,000 messages pages its timeline with constant reads per page", async () => {
  await post(t, twilioSms("+14155550999", ORG_A.phone, "first", "SM00000000000000000000000000000999"));
  const contact = (await contactByIdentifier(t, a.organizationId, "phone", "+14155550999"))!;
  const contactId: Id<"contacts"> = contact._id;
  const template = await t.run(async (ctx) => {
    const m = await ctx.db.query("unifiedMessages").withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", contactId)).first();
    const { _id, _creationTime, ...rest } = m!;
    return rest;
  });
  let events = 0;
  const T0 = REAL_NOW();
  for (let chunk = 0; chunk < (MESSAGES - 1) / PER_CHUNK; chunk++) {
    vi.advanceTimersByTime(1_000);
    await t.run(async (ctx) => {
      const base = Date.now();
      for (let i = 0; i < PER_CHUNK && chunk * PER_CHUNK + i < MESSAGES - 1; i++) {
        const n = chunk * PER_CHUNK + i;
        await ctx.db.insert("unifiedMessages", { ...template, externalMessageId: `bulk-${n}`, text: `message ${n}`, sentAt: base + i });
      }
      // An event between this chunk's messages and the next chunk's.
      await ctx.db.insert("contactEvents", { organizationId: a.organizationId, contactId, kind: "note", at: base + 500, summary: `event ${chunk}` });
      events++;
    });
  }
  await t.run(async (ctx) => ctx.db.patch(contactId, { messageCount: MESSAGES }));

  console.log("insert", REAL_NOW() - T0);
  const T1 = REAL_NOW();
  const pageSize = TIMELINE_MAX_PAGE;
  let cursor: string | null = null;
  const reads: number[] = [];
  const queries: number[] = [];
  const keys: number[] = [];
  const seen = new Set<string>();
  let pages = 0;
  for (;;) {
    const { result, metrics } = await t.run(async (ctx) => {
      const result = await timelinePage(ctx, a.organizationId, contactId, cursor, pageSize);
      return { result, metrics: await ctx.meta.getTransactionMetrics() };
    });
    pages++;
    reads.push(metrics.documentsRead.used);
    queries.push(metrics.databaseQueries.used);
    for (const item of result.page) {
      const id = item.type === "message" ? item.message._id : item.event._id;
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      keys.push(item.key);
    }
    if (result.isDone) break;
    expect(result.page).toHaveLength(pageSize);
    cursor = result.continueCursor;
  }
  console.log("pages", REAL_NOW() - T1);
  expect(seen.size).toBe(MESSAGES + events);
  // (+1: when the history is an exact multiple of the page size, the last page is empty)
  expect(pages).toBeLessThanOrEqual(Math.ceil((MESSAGES + events) / pageSize) + 1);
  for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeLessThanOrEqual(keys[i - 1]!);
  // Each page reads at most one page of messages + one page of events, however deep it is:
  // the first page and the 100th read the same number of documents.
  for (const r of reads) expect(r).toBeLessThanOrEqual(2 * pageSize);
  for (const r of reads) expect(r).toBeLessThanOrEqual(reads[0]!);
  expect(Math.max(...queries)).toBeLessThanOrEqual(pageSize + 3);

  // The public query serves the same pages (auth + ownership on top).
  const first = await asA.query(api.crm.timeline.list, { organizationId: a.organizationId, contactId, paginationOpts: { numItems: 25, cursor: null } });
  expect(first.page).toHaveLength(25);
  const second = await asA.query(api.crm.timeline.list, { organizationId: a.organizationId, contactId, paginationOpts: { numItems: 25, cursor: first.continueCursor } });
  expect(second.page[0]!.key).toBeLessThanOrEqual(first.page[24]!.key);
  await expect(
    asA.query(api.crm.timeline.list, { organizationId: a.organizationId, contactId, paginationOpts: { numItems: 25, cursor: "garbage" } }),
  ).rejects.toThrow(/cursor/);
}, 120_000);
