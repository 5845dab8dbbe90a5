// Search indexes through the running backend: `withSearchIndex` queries ranked by relevance,
// prefix, filters, edits and deletes, read-your-writes, restart, live subscriptions.
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSlices } from "../src/engine/search.js";
import { client, start, tmpDir, waitFor } from "./helpers.js";

const api = anyApi as any;
let b: Awaited<ReturnType<typeof start>>;
let http: ConvexHttpClient;

beforeAll(async () => {
  b = await start();
  http = new ConvexHttpClient(b.url);
});
afterAll(async () => {
  await b?.stop();
});

describe("withSearchIndex", () => {
  it("returns the best matches first, matches the last term as a prefix, honours take()", async () => {
    const g = "rank";
    await http.mutation(api.notes.add, { text: "invoice invoice overdue", group: g });
    await http.mutation(api.notes.add, { text: "invoice attached", group: g });
    await http.mutation(api.notes.add, {
      text: "a long note about the weather that mentions an invoice once",
      group: g,
    });
    await http.mutation(api.notes.add, { text: "nothing to see", group: g });
    expect(await http.query(api.notes.search, { q: "invoice", group: g })).toEqual([
      "invoice invoice overdue",
      "invoice attached",
      "a long note about the weather that mentions an invoice once",
    ]);
    expect(await http.query(api.notes.search, { q: "invoice", group: g, take: 1 })).toEqual([
      "invoice invoice overdue",
    ]);
    expect(await http.query(api.notes.search, { q: "overd", group: g })).toEqual(["invoice invoice overdue"]);
    // only the last term is a prefix
    expect(await http.query(api.notes.search, { q: "overd nothing", group: g })).toEqual(["nothing to see"]);
  });

  it("filters on every filter field, and .filter() after the index", async () => {
    await http.mutation(api.notes.add, { text: "refund please", group: "f1", tag: "vip" });
    await http.mutation(api.notes.add, { text: "refund now", group: "f1" });
    await http.mutation(api.notes.add, { text: "refund too", group: "f2", tag: "vip" });
    expect((await http.query(api.notes.search, { q: "refund", group: "f1" })).sort()).toEqual([
      "refund now",
      "refund please",
    ]);
    expect(await http.query(api.notes.search, { q: "refund", group: "f1", tag: "vip" })).toEqual(["refund please"]);
    expect(await http.query(api.notes.search, { q: "refund", group: "f3" })).toEqual([]);
    expect(await http.query(api.notes.searchNotTagged, { q: "refund", group: "f1" })).toEqual(["refund now"]);
  });

  it("follows edits and deletes", async () => {
    const id = await http.mutation(api.notes.add, { text: "original words", group: "e" });
    expect(await http.query(api.notes.search, { q: "original", group: "e" })).toEqual(["original words"]);
    await http.mutation(api.notes.edit, { id, text: "rewritten text" });
    expect(await http.query(api.notes.search, { q: "original", group: "e" })).toEqual([]);
    expect(await http.query(api.notes.search, { q: "rewritten", group: "e" })).toEqual(["rewritten text"]);
    await http.mutation(api.notes.edit, { id, group: "e2" });
    expect(await http.query(api.notes.search, { q: "rewritten", group: "e" })).toEqual([]);
    expect(await http.query(api.notes.search, { q: "rewritten", group: "e2" })).toEqual(["rewritten text"]);
    await http.mutation(api.notes.remove, { id });
    expect(await http.query(api.notes.search, { q: "rewritten", group: "e2" })).toEqual([]);
  });

  it("sees the mutation's own inserts (read-your-writes)", async () => {
    await http.mutation(api.notes.add, { text: "committed zebra", group: "ryw" });
    const found = await http.mutation(api.notes.addAndSearch, { text: "zebra fresh zebra", group: "ryw", q: "zebra" });
    expect(found).toEqual(["zebra fresh zebra", "committed zebra"]);
  });

  it("updates a subscription when a matching document arrives or changes, not for other groups", async () => {
    const c = client(b.url);
    try {
      const seen: string[][] = [];
      c.onUpdate(api.notes.search, { q: "parcel", group: "live" }, (v: string[]) => seen.push(v));
      await waitFor(
        () => seen.length,
        (n) => n >= 1,
      );
      expect(seen.at(-1)).toEqual([]);
      const id = await http.mutation(api.notes.add, { text: "your parcel shipped", group: "live" });
      await waitFor(
        () => seen.at(-1)?.length,
        (n) => n === 1,
      );
      await http.mutation(api.notes.edit, { id, text: "your parcel arrived" });
      await waitFor(
        () => seen.at(-1)?.[0],
        (s) => s === "your parcel arrived",
      );
      await http.mutation(api.notes.remove, { id });
      await waitFor(
        () => seen.at(-1)?.length,
        (n) => n === 0,
      );
    } finally {
      await c.close();
    }
  });
});

describe("read cost", () => {
  it("reads only the documents it returns, however many match", async () => {
    await http.mutation(api.notes.addMany, { group: "cost", count: 20, text: "budget line" });
    const small = await http.query(api.notes.searchCost, { q: "budget", group: "cost", take: 5 });
    for (let i = 0; i < 5; i++)
      await http.mutation(api.notes.addMany, { group: "cost", count: 400, text: "budget line" });
    const large = await http.query(api.notes.searchCost, { q: "budget", group: "cost", take: 5 });
    expect(small).toEqual({ found: 5, documentsRead: 5 });
    expect(large).toEqual({ found: 5, documentsRead: 5 });
  });
});

describe("restart", () => {
  it("rebuilds the search index from the stored documents", async () => {
    const dataDir = tmpDir();
    let s = await start({ dataDir });
    try {
      const h = new ConvexHttpClient(s.url);
      const id = await h.mutation(api.notes.add, { text: "persisted walrus", group: "r" });
      await h.mutation(api.notes.add, { text: "deleted walrus", group: "r" });
      await h.mutation(api.notes.remove, { id });
    } finally {
      await s.stop();
    }
    s = await start({ dataDir });
    try {
      const h = new ConvexHttpClient(s.url);
      expect(await h.query(api.notes.search, { q: "walrus", group: "r" })).toEqual(["deleted walrus"]);
    } finally {
      await s.stop();
    }
  });

  it("serves at once on a table too large to index at start; writes during the background build are kept", async () => {
    const dataDir = tmpDir();
    let s = await start({ dataDir });
    let oldId = "";
    try {
      const h = new ConvexHttpClient(s.url);
      // 20,000 notes: more than the 50 ms indexed at declaration, so the rest builds in the background
      for (let i = 0; i < 40; i++)
        await h.mutation(api.notes.addMany, { group: "big", count: 500, text: "bulk otter" });
      oldId = await h.mutation(api.notes.add, { text: "old narwhal", group: "big" });
    } finally {
      await s.stop();
    }
    s = await start({ dataDir });
    try {
      const h = new ConvexHttpClient(s.url);
      // commits right after the start, while the index is (likely) still being built
      await h.mutation(api.notes.add, { text: "new narwhal", group: "big" });
      await h.mutation(api.notes.remove, { id: oldId });
      expect(await h.query(api.notes.search, { q: "narwhal", group: "big" })).toEqual(["new narwhal"]);
      expect(await h.query(api.notes.search, { q: "otter", group: "big", take: 3 })).toHaveLength(3);
      expect(await h.query(api.notes.search, { q: "n499", group: "big", take: 100 })).toHaveLength(40);
    } finally {
      await s.stop();
    }
  }, 120_000);
});

describe("a search during the index build", () => {
  it("waits for the build while other queries are answered, then returns the full answer", async () => {
    const dataDir = tmpDir();
    let s = await start({ dataDir });
    try {
      const h = new ConvexHttpClient(s.url);
      for (let i = 0; i < 40; i++)
        await h.mutation(api.notes.addMany, { group: "big", count: 500, text: "bulk otter" });
      await h.mutation(api.items.addMany, { group: "other", from: 1, count: 1 });
    } finally {
      await s.stop();
    }
    // nothing indexed at declaration and no background build: the index stays unbuilt until a
    // search waits for it, then builds 256 documents per event-loop turn (80 turns)
    const saved = { ...buildSlices };
    Object.assign(buildSlices, { syncMs: 0, waitSliceMs: 0, background: false });
    s = await start({ dataDir });
    try {
      const h = new ConvexHttpClient(s.url);
      expect(s.stats().searchWaits).toBe(0);
      const order: string[] = [];
      const search = h.query(api.notes.search, { q: "n499", group: "big", take: 100 }).then((r: string[]) => {
        order.push("search");
        return r;
      });
      await waitFor(
        () => s.stats().searchWaits,
        (n) => n === 1,
        20_000,
        1,
      );
      // the search is waiting for the build: a query of another table is answered meanwhile
      const other = h.query(api.items.lookup, { group: "other", n: 1 }).then((r: { found: number | null }) => {
        order.push("other");
        return r;
      });
      const [hits, found] = await Promise.all([search, other]);
      expect(order).toEqual(["other", "search"]);
      expect(found.found).toBe(1);
      // complete, not partial: every one of the 40 "... n499" notes
      expect(hits).toHaveLength(40);
      expect(new Set(hits)).toEqual(new Set(["bulk otter n499"]));
      // the index is built now: the next search does not wait
      expect(await h.query(api.notes.search, { q: "otter", group: "big", take: 3 })).toHaveLength(3);
      expect(s.stats().searchWaits).toBe(1);
    } finally {
      Object.assign(buildSlices, saved);
      await s.stop();
    }
  }, 120_000);
});
