/**
 * The query cache (src/engine/query-cache.ts): an action's `runQuery` is answered from the result
 * of an earlier run until a commit writes into what that run read, as Convex's own query cache
 * answers it (docs: https://docs.convex.dev/realtime, "Automatic caching").
 */
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryResultCache, TIME_OBSERVED_MAX_AGE_MS } from "../src/engine/query-cache.js";
import type { AppliedWrite } from "../src/storage.js";
import { start } from "./helpers.js";

const api = anyApi as any;

describe("query cache (unit)", () => {
  const doc = (id: string, channel: string) => ({ _id: id, _creationTime: 1, channel });
  const range = (table: string, channel: string) => ({
    table,
    kind: "range" as const,
    index: "by_channel",
    fields: ["channel", "_creationTime", "_id"],
    lo: [channel],
    loIncl: true,
    hi: [channel],
    hiIncl: true,
    loOpen: false,
    hiOpen: false,
  });
  const outcome = (reads: unknown[], valueText = "1") =>
    ({ success: true, logLines: ["x"], reads, valueText }) as never;
  const commit = (writes: Partial<AppliedWrite>[]) => ({ ts: 1n, writes: writes as AppliedWrite[] });

  it("admits a key on its second miss, serves it without log lines, and keys by identity", () => {
    const c = new QueryResultCache();
    const k = c.keyOf("", "m:list", "[{}]", null);
    expect(c.keyOf("", "m:list", "[{}]", { tokenIdentifier: "a", subject: "a", issuer: "i" })).not.toBe(k);
    expect(c.get(k)).toBeUndefined();
    c.put(k, outcome([range("messages", "a")]));
    expect(c.size).toBe(0); // first miss: remembered only
    expect(c.get(k)).toBeUndefined();
    c.put(k, outcome([range("messages", "a")]));
    expect(c.get(k)).toMatchObject({ success: true, valueText: "1", logLines: [] });
    expect(c.stats).toMatchObject({ hits: 1, misses: 2 });
  });

  it("drops exactly the entries a commit writes into (ranges and documents), keeps the others", () => {
    const c = new QueryResultCache();
    const put = (k: string, reads: unknown[]) => {
      c.put(k, outcome(reads));
      c.put(k, outcome(reads));
    };
    put("a", [range("messages", "a")]);
    put("b", [range("messages", "b")]);
    put("d", [{ table: "notes", kind: "doc", id: "n1" }]);
    expect(c.size).toBe(3);
    c.invalidate(commit([{ table: "messages", id: "x", oldDoc: null, newDoc: doc("x", "b") }]));
    expect([c.get("a") !== undefined, c.get("b") !== undefined, c.get("d") !== undefined]).toEqual([true, false, true]);
    c.invalidate(commit([{ table: "notes", id: "n2", oldDoc: null, newDoc: doc("n2", "z") }]));
    expect(c.get("d")).toBeDefined();
    // a delete of the read document counts (its old version was read)
    c.invalidate(commit([{ table: "notes", id: "n1", oldDoc: doc("n1", "z"), newDoc: null }]));
    expect(c.get("d")).toBeUndefined();
    c.clear();
    expect(c.get("a")).toBeUndefined();
  });

  it("serves a result that read the clock for TIME_OBSERVED_MAX_AGE_MS at most, writes or not; others until a write", () => {
    let now = 1_000_000;
    const c = new QueryResultCache(() => now);
    const twice = (k: string, o: unknown) => {
      c.put(k, o as never);
      c.put(k, o as never);
    };
    twice("clock", { ...(outcome([range("messages", "a")]) as object), observedTime: true });
    twice("plain", outcome([range("messages", "a")]));
    now += TIME_OBSERVED_MAX_AGE_MS;
    expect([c.get("clock") !== undefined, c.get("plain") !== undefined]).toEqual([true, true]);
    now += 1;
    expect([c.get("clock") !== undefined, c.get("plain") !== undefined]).toEqual([false, true]);
    expect(c.stats.expired).toBe(1);
    expect(c.size).toBe(1);
    now += 3_600_000;
    expect(c.get("plain")).toBeDefined();
  });

  it("is bounded: failures, journals, large results and large read sets are not kept; 512 entries and 8 Mi characters at most", () => {
    const c = new QueryResultCache();
    const twice = (k: string, o: unknown) => {
      c.put(k, o as never);
      c.put(k, o as never);
    };
    twice("fail", { success: false, logLines: [], reads: [] });
    twice("journal", { ...(outcome([]) as object), journal: { cursor: "x" } });
    twice("big", outcome([], "x".repeat(300_000)));
    twice("reads", outcome(Array.from({ length: 65 }, () => range("messages", "a"))));
    expect(c.size).toBe(0);
    for (let i = 0; i < 600; i++) twice(`k${i}`, outcome([range("messages", String(i))]));
    expect(c.size).toBe(512);
    expect(c.get("k0")).toBeUndefined(); // the least recently used went first
    expect(c.get("k599")).toBeDefined();
    // and 8 Mi characters of results at most: 40 results of 250 KB keep the last 33
    c.clear();
    for (let i = 0; i < 40; i++) twice(`big${i}`, outcome([range("messages", String(i))], "x".repeat(250_000)));
    expect(c.size).toBe(Math.floor((8 * 1024 * 1024) / 250_000));
    expect(c.get("big39")).toBeDefined();
    expect(c.get("big0")).toBeUndefined();
  });
});

describe("query cache (an action's runQuery, worker threads)", () => {
  let b: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    b = await start({ workers: 2 });
  });
  afterAll(async () => {
    await b?.stop();
  });

  it("answers repeated runQuery calls from the cache and re-runs the query once a commit writes into its range", async () => {
    const http = new ConvexHttpClient(b.url);
    await http.mutation(api.messages.send, { author: "a", body: "1", channel: "qc-a" });
    await http.mutation(api.messages.send, { author: "a", body: "2", channel: "qc-a" });
    const s0 = b.stats().queryCache;
    expect(await http.action(api.messages.countFromAction, { channel: "qc-a", times: 5 })).toEqual([2, 2, 2, 2, 2]);
    const s1 = b.stats().queryCache;
    // run twice (admitted on the second miss), then served three times
    expect([s1.misses - s0.misses, s1.hits - s0.hits]).toEqual([2, 3]);

    // a write elsewhere (another channel: outside the range it read) keeps the entry
    await http.mutation(api.messages.send, { author: "a", body: "x", channel: "qc-b" });
    expect(await http.action(api.messages.countFromAction, { channel: "qc-a", times: 1 })).toEqual([2]);
    expect(b.stats().queryCache.hits - s1.hits).toBe(1);

    // a write into its range, by a client mutation, drops it: the next call sees the new row
    await http.mutation(api.messages.send, { author: "a", body: "3", channel: "qc-a" });
    expect(await http.action(api.messages.countFromAction, { channel: "qc-a", times: 2 })).toEqual([3, 3]);
    expect(b.stats().queryCache.invalidated).toBeGreaterThan(s1.invalidated);
    // the action's own writes (viaAction: a mutation, then the query) are seen too
    expect(await http.action(api.messages.viaAction, { body: "v1" })).toBeGreaterThan(0);
  });

  it("never serves a result older than the writes that committed before the call, under concurrent writers", async () => {
    const http = new ConvexHttpClient(b.url);
    const writers = Array.from({ length: 24 }, (_, i) =>
      new ConvexHttpClient(b.url).mutation(api.messages.send, { author: "w", body: String(i), channel: "qc-c" }),
    );
    const readers = Array.from({ length: 12 }, () =>
      new ConvexHttpClient(b.url).action(api.messages.countFromAction, { channel: "qc-c", times: 3 }),
    );
    const counts = (await Promise.all([...readers, ...writers])).slice(0, 12) as number[][];
    // each action's reads never go back in time
    for (const c of counts) expect([...c].sort((x, y) => x - y)).toEqual(c);
    expect(await http.action(api.messages.countFromAction, { channel: "qc-c", times: 3 })).toEqual([24, 24, 24]);
    await http.mutation(api.messages.send, { author: "w", body: "last", channel: "qc-c" });
    expect(await http.action(api.messages.countFromAction, { channel: "qc-c", times: 2 })).toEqual([25, 25]);
  });

  it("knows which queries read the clock: their result is served only briefly, with no write in between", async () => {
    const http = new ConvexHttpClient(b.url);
    const s0 = b.stats().queryCache;
    // admitted on the second run, then served: the same instant comes back
    const [first, second, third] = await http.action(api.messages.clockFromAction, {
      channel: "qc-t",
      times: 3,
      gapMs: 0,
    });
    expect(second).toBeGreaterThanOrEqual(first!);
    expect(third).toBe(second);
    expect(b.stats().queryCache.hits - s0.hits).toBe(1);
    // past the age a clock-reading result may have, the query runs again: a later instant
    const later = await http.action(api.messages.clockFromAction, {
      channel: "qc-t",
      times: 1,
      gapMs: 0,
    });
    await new Promise((r) => setTimeout(r, TIME_OBSERVED_MAX_AGE_MS + 100));
    const after = await http.action(api.messages.clockFromAction, { channel: "qc-t", times: 1, gapMs: 0 });
    expect(later[0]).toBe(second);
    expect(after[0]).toBeGreaterThan(second! + TIME_OBSERVED_MAX_AGE_MS);
    expect(b.stats().queryCache.expired - s0.expired).toBe(1);
    // a query that does not read the clock (list) stays served past that age
    await http.action(api.messages.countFromAction, { channel: "qc-t", times: 2 });
    await new Promise((r) => setTimeout(r, TIME_OBSERVED_MAX_AGE_MS + 100));
    const s1 = b.stats().queryCache;
    expect(await http.action(api.messages.countFromAction, { channel: "qc-t", times: 1 })).toEqual([0]);
    expect(b.stats().queryCache.hits - s1.hits).toBe(1);
  });
});
