/**
 * Reports (issue 12.6): counters maintained by the message and thread write paths, read as a
 * bounded number of bucket rows; first response and resolution medians; busiest hours; by agent;
 * CSAT through recordCsat; the resumable backfill reproduces what live maintenance counted.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { BACKFILL_PAGE } from "../convex/reports/backfill";
import { REPORT_SHARDS, recordCsat } from "../convex/reports/buckets";
import {
  accumulate,
  addSample,
  binOf,
  emptyHistogram,
  histogramTotals,
  mergeHistograms,
  percentile,
} from "../convex/reports/histogram";
import { type Backend, newBackend, ORG_A, ORG_B, type SeededOrg, seedOrg } from "./harness";
import { twilioSms } from "./signers";

const START = Date.UTC(2026, 2, 2, 9, 0, 0); // a Monday, 09:00 UTC
const MIN = 60_000;

let t: Backend;
let a: SeededOrg;
let sid = 0;

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

afterEach(() => {
  vi.useRealTimers();
});

const member = () => t.withIdentity(a.identity);

async function inbound(from: string, text: string) {
  sid++;
  const req = twilioSms(from, ORG_A.phone, text, `SM${String(sid).padStart(32, "0")}`);
  const res = await t.fetch(req.path, req.init);
  expect(res.status).toBe(200);
}

async function threadOf(from: string): Promise<Id<"conversationThreads">> {
  return t.run(async (ctx) => {
    const identity = await ctx.db
      .query("contactIdentities")
      .withIndex("by_identifier", (q) =>
        q.eq("organizationId", a.organizationId).eq("channel", "sms").eq("identifier", from),
      )
      .first();
    const thread = await ctx.db
      .query("conversationThreads")
      .withIndex("by_contact_status", (q) =>
        q.eq("organizationId", a.organizationId).eq("contactId", identity!.contactId),
      )
      .first();
    return thread!._id;
  });
}

const reply = (threadId: Id<"conversationThreads">, text: string) =>
  member().mutation(api.outbound.replies.send, { organizationId: a.organizationId, threadId, text });

const resolve = (threadId: Id<"conversationThreads">) =>
  member().mutation(api.threads.threads.setStatus, { organizationId: a.organizationId, threadId, status: "closed" });

const report = (from = START - 86_400_000, to = START + 7 * 86_400_000) =>
  member().query(api.reports.reports.get, { organizationId: a.organizationId, from, to });

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

/** Two conversations: first responses after 5 and 20 minutes, resolutions after 1 and 3 hours. */
async function conversations() {
  await inbound("+14155550001", "Hello, my order is late");
  await inbound("+14155550002", "Refund please");
  const t1 = await threadOf("+14155550001");
  const t2 = await threadOf("+14155550002");
  advance(5 * MIN);
  await reply(t1, "Looking into it");
  await inbound("+14155550001", "Thanks");
  advance(15 * MIN);
  await reply(t2, "Refund started");
  await reply(t2, "Anything else?"); // not a first response
  advance(40 * MIN);
  await resolve(t1);
  advance(2 * 60 * MIN);
  await resolve(t2);
  return { t1, t2 };
}

describe("reports", () => {
  test("volume, first response and resolution medians, busiest hours and agents come from the write paths", async () => {
    await conversations();
    const r = await report();
    expect(r.totals.inbound).toBe(3);
    expect(r.totals.outbound).toBe(3);
    expect(r.totals.threadsCreated).toBe(2);
    expect(r.totals.resolved).toBe(2);
    // First responses 5 and 20 minutes: median within a bin (25%) of the lower one, p90 of the higher.
    expect(r.totals.firstResponse.count).toBe(2);
    expect(r.totals.firstResponse.medianMs!).toBeGreaterThan(5 * MIN * 0.8);
    expect(r.totals.firstResponse.medianMs!).toBeLessThan(5 * MIN * 1.25);
    expect(r.totals.firstResponse.p90Ms!).toBeGreaterThan(20 * MIN * 0.8);
    expect(r.totals.firstResponse.p90Ms!).toBeLessThan(20 * MIN * 1.25);
    expect(r.totals.firstResponse.meanMs).toBe(12.5 * MIN);
    expect(r.totals.resolution.meanMs).toBe(((60 + 180) * MIN) / 2);
    expect(r.byChannel.map((c) => [c.channel, c.inbound, c.outbound])).toEqual([["sms", 3, 3]]);
    // Inbound at 09:00 (two) and 09:05 (one) UTC.
    expect(r.busiestHours[9]).toBe(3);
    expect(r.busiestHours.reduce((x, y) => x + y, 0)).toBe(3);
    expect(r.volume).toEqual([{ day: Date.UTC(2026, 2, 2), channel: "sms", inbound: 3, outbound: 3 }]);
    // Replies are counted for the member who wrote them; unassigned threads' inbound under "Unassigned".
    const owner = r.byAgent.find((x) => x.memberId !== null)!;
    expect(owner.outbound).toBe(3);
    expect(owner.firstResponse.count).toBe(2);
    expect(r.byAgent.find((x) => x.memberId === null)!.inbound).toBe(3);
    // Bounded reads: buckets of one day, 2 dimensions x at most REPORT_SHARDS shards per key.
    expect(r.bucketsRead).toBeLessThanOrEqual(2 * 2 * REPORT_SHARDS);
    expect(r.truncated).toBe(false);
    // A range outside the activity is empty.
    const empty = await report(START + 10 * 86_400_000, START + 11 * 86_400_000);
    expect(empty.totals.inbound).toBe(0);
    expect(empty.totals.firstResponse.medianMs).toBeNull();
  });

  test("many messages write a bounded number of bucket rows, never one per message", async () => {
    for (let i = 0; i < 30; i++) await inbound(`+1415555${String(1000 + i)}`, `message ${i}`);
    const rows = await t.run((ctx) =>
      ctx.db
        .query("reportBuckets")
        .withIndex("by_org_dimension_day", (q) => q.eq("organizationId", a.organizationId))
        .collect(),
    );
    // 30 threads over REPORT_SHARDS shards, one channel key and one agent key.
    expect(rows.length).toBeLessThanOrEqual(2 * REPORT_SHARDS);
    expect(rows.filter((b) => b.dimension === "channel").reduce((n, b) => n + b.inbound, 0)).toBe(30);
    expect((await report()).totals.inbound).toBe(30);
  });

  test("compaction folds a finished day's shards into one row per key and changes no figure", async () => {
    const { t1 } = await conversations();
    for (let i = 0; i < 12; i++) await inbound(`+1415555${String(2000 + i)}`, `message ${i}`);
    await t.run(async (ctx) => recordCsat(ctx, (await ctx.db.get(t1))!, 4, Date.now()));
    const before = await report();
    const rowsOf = () =>
      t.run((ctx) =>
        ctx.db
          .query("reportBuckets")
          .withIndex("by_org_dimension_day", (q) => q.eq("organizationId", a.organizationId))
          .collect(),
      );
    const sharded = await rowsOf();
    expect(new Set(sharded.map((r) => r.shard)).size).toBeGreaterThan(1);
    // Today is not compacted (its rows are still being written).
    expect(await t.mutation(internal.reports.compaction.run, {})).toBe(0);
    advance(24 * 60 * MIN);
    expect(await t.mutation(internal.reports.compaction.run, {})).toBeGreaterThan(0);
    const rows = await rowsOf();
    expect(rows.every((r) => r.shard === 0)).toBe(true);
    const keys = rows.map((r) => `${r.dimension}|${r.day}|${r.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    const after = await report();
    expect({ ...after, bucketsRead: 0 }).toEqual({ ...before, bucketsRead: 0 });
    expect(after.bucketsRead).toBeLessThan(before.bucketsRead);
    expect(await t.mutation(internal.reports.compaction.run, {})).toBe(0);
  });

  test("CSAT scores land in the report through recordCsat", async () => {
    const { t1, t2 } = await conversations();
    await t.run(async (ctx) => {
      await recordCsat(ctx, (await ctx.db.get(t1))!, 5, Date.now());
      await recordCsat(ctx, (await ctx.db.get(t2))!, 2, Date.now());
      await expect(recordCsat(ctx, (await ctx.db.get(t2))!, 6, Date.now())).rejects.toThrow();
    });
    const r = await report();
    expect(r.totals.csat).toEqual({ count: 2, average: 3.5 });
    expect((await report(START - 2 * 86_400_000, START - 86_400_000)).totals.csat).toBeNull();
  });

  test("the backfill counts existing data like live maintenance did, resumably and only once", async () => {
    await conversations();
    const live = await report();
    // Forget every counter, as on a deployment that had messages before reports existed.
    await t.run(async (ctx) => {
      for (const table of ["reportBuckets", "threadMetrics", "reportState", "reportBackfills"] as const)
        for (const row of await ctx.db.query(table).collect()) await ctx.db.delete(row._id);
    });
    expect((await report()).totals.inbound).toBe(0);
    advance(MIN);
    await t.mutation(internal.reports.backfill.start, { organizationId: a.organizationId });
    // Steps, as the scheduler would run them (each reads one page and saves its cursor).
    let steps = 0;
    for (;;) {
      const progress = await t.run((ctx) =>
        ctx.db
          .query("reportBackfills")
          .withIndex("by_org", (q) => q.eq("organizationId", a.organizationId))
          .unique(),
      );
      if (progress!.phase === "done") break;
      await t.mutation(internal.reports.backfill.step, { organizationId: a.organizationId });
      steps++;
      expect(steps).toBeLessThan(10);
    }
    expect(BACKFILL_PAGE).toBeGreaterThan(6);
    const filled = await report();
    expect(filled.totals.inbound).toBe(live.totals.inbound);
    expect(filled.totals.outbound).toBe(live.totals.outbound);
    expect(filled.totals.threadsCreated).toBe(live.totals.threadsCreated);
    expect(filled.totals.resolved).toBe(live.totals.resolved);
    expect(filled.totals.firstResponse).toEqual(live.totals.firstResponse);
    expect(filled.busiestHours).toEqual(live.busiestHours);
    // A second start does not count again; new messages are counted live only.
    await t.mutation(internal.reports.backfill.start, { organizationId: a.organizationId });
    await inbound("+14155550003", "New one");
    expect((await report()).totals.inbound).toBe(live.totals.inbound + 1);
  });

  test("reports are for members of the organization only, over a bounded range", async () => {
    const b = await seedOrg(t, "org-b", ORG_B);
    await inbound("+14155550001", "Hello");
    await expect(
      t.withIdentity(b.identity).query(api.reports.reports.get, {
        organizationId: a.organizationId,
        from: START - 86_400_000,
        to: START + 86_400_000,
      }),
    ).rejects.toThrow();
    const own = await t.withIdentity(b.identity).query(api.reports.reports.get, {
      organizationId: b.organizationId,
      from: START - 86_400_000,
      to: START + 86_400_000,
    });
    expect(own.totals.inbound).toBe(0);
    await expect(report(START, START + 200 * 86_400_000)).rejects.toThrow(/at most/);
    await expect(report(START, START)).rejects.toThrow(/empty/);
  });
});

describe("duration histogram", () => {
  test("percentiles of known samples fall within a bin of the exact value", () => {
    // Two stored (sparse) histograms, as two day buckets would hold them, summed like a report does.
    let odd = emptyHistogram();
    let even = emptyHistogram();
    const samples = Array.from({ length: 1000 }, (_, i) => (i + 1) * 7_000); // 7 s .. 7000 s
    samples.forEach((s, i) => {
      if (i % 2) odd = addSample(odd, s);
      else even = addSample(even, s);
    });
    const totals = accumulate(accumulate(histogramTotals(), odd), even);
    expect(totals.count).toBe(1000);
    const exact = (q: number) => samples[Math.ceil(q * samples.length) - 1]!;
    for (const q of [0.5, 0.9]) {
      const est = percentile(totals, q)!;
      expect(Math.abs(est - exact(q)) / exact(q)).toBeLessThan(0.13);
    }
    // Sparse storage: pairs in bin order, far fewer than one entry per sample.
    const merged = mergeHistograms(odd, even);
    expect(merged.count).toBe(1000);
    expect(merged.bins.length).toBeLessThan(2 * 60);
    const binsOnly = merged.bins.filter((_, i) => i % 2 === 0);
    expect([...binsOnly].sort((a, b) => a - b)).toEqual(binsOnly);
    expect(percentile(accumulate(histogramTotals(), merged), 0.5)).toBe(percentile(totals, 0.5));
    expect(binOf(0)).toBe(0);
    expect(binOf(1e15)).toBe(59);
    expect(percentile(histogramTotals(), 0.5)).toBeNull();
  });
});
