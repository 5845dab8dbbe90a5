import type { AddressInfo } from "node:net";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { client, start, waitFor } from "./helpers.js";

const api = anyApi as any;
let b: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  b = await start();
});
afterAll(async () => {
  await b?.stop();
});

describe("subscriptions (ConvexClient)", () => {
  it("delivers initial value, updates after another client's mutation, and read-your-writes", async () => {
    const a = client(b.url);
    const c = client(b.url);
    try {
      const seenA: any[] = [];
      a.onUpdate(api.messages.list, { channel: "c1" }, (v) => seenA.push(v));
      await waitFor(
        () => seenA.length,
        (n) => n >= 1,
      );
      expect(seenA[0]).toEqual([]);

      let latestB: any[] | undefined;
      c.onUpdate(api.messages.list, { channel: "c1" }, (v) => (latestB = v));
      await waitFor(() => latestB !== undefined);
      await c.mutation(api.messages.send, { author: "bob", body: "hello", channel: "c1" });
      // read-your-writes: when the promise resolves, B's subscription already shows it
      expect(latestB).toEqual([{ author: "bob", body: "hello" }]);
      await waitFor(
        () => seenA.at(-1)?.length,
        (n) => n === 1,
      );
      expect(seenA.at(-1)).toEqual([{ author: "bob", body: "hello" }]);
    } finally {
      await a.close();
      await c.close();
    }
  });

  it("does not call onUpdate when a mutation leaves the result unchanged", async () => {
    const a = client(b.url);
    try {
      const seen: any[] = [];
      a.onUpdate(api.messages.list, { channel: "quiet" }, (v) => seen.push(v));
      await waitFor(
        () => seen.length,
        (n) => n === 1,
      );
      // same table, different channel: result of our query is unchanged
      await a.mutation(api.messages.send, { author: "x", body: "other", channel: "noisy" });
      await a.mutation(api.messages.send, { author: "x", body: "other2", channel: "noisy" });
      // a mutation that does change it afterwards proves updates still flow
      await a.mutation(api.messages.send, { author: "x", body: "mine", channel: "quiet" });
      await waitFor(
        () => seen.length,
        (n) => n === 2,
      );
      expect(seen).toEqual([[], [{ author: "x", body: "mine" }]]);
    } finally {
      await a.close();
    }
  });

  it("keeps paginated pages gapless and non-overlapping after an insert into page 1", async () => {
    const http = new ConvexHttpClient(b.url);
    for (const n of [0, 2, 4, 6, 8, 10]) await http.mutation(api.items.add, { group: "pages", n });
    const a = client(b.url);
    try {
      let latest: any;
      a.onPaginatedUpdate_experimental(
        api.items.page,
        { group: "pages" },
        { initialNumItems: 3 },
        (r: any) => (latest = r),
      );
      await waitFor(
        () => latest?.status,
        (s) => s === "CanLoadMore",
      );
      expect(latest.results.map((r: any) => r.n)).toEqual([0, 2, 4]);
      latest.loadMore(3);
      await waitFor(
        () => latest?.results.length,
        (n) => n === 6,
      );
      expect(latest.results.map((r: any) => r.n)).toEqual([0, 2, 4, 6, 8, 10]);
      // a row that sorts inside page 1: page 1 grows, page 2 does not shift
      await http.mutation(api.items.add, { group: "pages", n: 3 });
      await waitFor(
        () => latest?.results.length,
        (n) => n === 7,
      );
      expect(latest.results.map((r: any) => r.n)).toEqual([0, 2, 3, 4, 6, 8, 10]);
      // and one inside page 2
      await http.mutation(api.items.add, { group: "pages", n: 7 });
      await waitFor(
        () => latest?.results.length,
        (n) => n === 8,
      );
      expect(latest.results.map((r: any) => r.n)).toEqual([0, 2, 3, 4, 6, 7, 8, 10]);
      // loading the rest reaches the end
      latest.loadMore(3);
      await waitFor(
        () => latest?.status,
        (s) => s === "Exhausted",
      );
      expect(latest.results.map((r: any) => r.n)).toEqual([0, 2, 3, 4, 6, 7, 8, 10]);
    } finally {
      await a.close();
    }
  });

  it("applies a mutation in flight during a socket drop exactly once", async () => {
    // a WebSocket proxy that drops the connection right after forwarding a Mutation
    const upstreamUrl = b.url.replace("http", "ws");
    const proxy = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => proxy.once("listening", r));
    let dropNext = true;
    let mutationMessages = 0;
    proxy.on("connection", (down, req) => {
      const up = new WebSocket(upstreamUrl + req.url);
      const queue: any[] = [];
      up.on("open", () => {
        for (const m of queue.splice(0)) up.send(m);
      });
      up.on("message", (m) => down.readyState === down.OPEN && down.send(m.toString()));
      up.on("close", () => down.terminate());
      down.on("message", (m) => {
        const s = m.toString();
        const parsed = JSON.parse(s);
        if (parsed.type === "Mutation") mutationMessages++;
        if (up.readyState === up.OPEN) up.send(s);
        else queue.push(s);
        if (parsed.type === "Mutation" && dropNext) {
          dropNext = false;
          // forward, then cut both sides before the response can come back
          setImmediate(() => {
            down.terminate();
            up.terminate();
          });
        }
      });
      down.on("close", () => up.terminate());
    });
    const port = (proxy.address() as AddressInfo).port;
    const c = client(`http://127.0.0.1:${port}`);
    try {
      await c.query(api.messages.list, {});
      const id = await c.mutation(api.messages.send, { author: "once", body: "exactly-once", channel: "once" });
      expect(typeof id).toBe("string");
      expect(mutationMessages).toBeGreaterThanOrEqual(2); // re-sent after reconnect
      const rows = await new ConvexHttpClient(b.url).query(api.messages.list, { channel: "once" });
      expect(rows).toEqual([{ author: "once", body: "exactly-once" }]);
    } finally {
      await c.close();
      proxy.close();
    }
  });
});

describe("errors over the WebSocket", () => {
  it("rejects mutations with ConvexError data and plain errors; actions too", async () => {
    const c = client(b.url);
    try {
      const e1 = await c.mutation(api.messages.failConvex, {}).catch((e) => e);
      expect(e1).toBeInstanceOf(ConvexError);
      expect(e1.data).toEqual({ code: "NOPE", n: 42 });
      const e2 = await c.mutation(api.messages.sendAndFail, { body: "x" }).catch((e) => e);
      expect(e2.message).toContain("rollback please");
      const e3 = await c.action(api.messages.viaAction, { body: 1 } as any).catch((e) => e);
      expect(e3.message).toMatch(/ArgumentValidationError/);
      let failed: any = null;
      c.onUpdate(
        api.messages.failPlain,
        {},
        () => {},
        (err) => (failed = err),
      );
      await waitFor(() => failed);
      expect(failed.message).toContain("plain failure");
    } finally {
      await c.close();
    }
  });
});

describe("search", () => {
  it("finds documents through a search index with filters, best match first", async () => {
    const http = new ConvexHttpClient(b.url);
    await http.mutation(api.messages.send, { author: "s", body: "the quick brown fox", channel: "search" });
    await http.mutation(api.messages.send, { author: "s", body: "quick quick fox jumps", channel: "search" });
    await http.mutation(api.messages.send, { author: "s", body: "lazy dog", channel: "search" });
    await http.mutation(api.messages.send, { author: "s", body: "quick fox elsewhere", channel: "other" });
    const found: string[] = await http.query(api.messages.search, { text: "quick fox", channel: "search" });
    expect(found.sort()).toEqual(["quick quick fox jumps", "the quick brown fox"].sort());
    expect(await http.query(api.messages.search, { text: "dog", channel: "search" })).toEqual(["lazy dog"]);
  });
});

describe("HTTP client", () => {
  it("returns values, ConvexError data, plain errors, validation errors, refuses internal", async () => {
    const http = new ConvexHttpClient(b.url);
    const id = await http.mutation(api.messages.send, { author: "h", body: "b", channel: "http" });
    expect(await http.query(api.messages.get, { id })).toMatchObject({ _id: id, author: "h", body: "b" });
    expect(await http.action(api.messages.viaAction, { body: "from action" })).toBeGreaterThan(0);

    const e1 = await http.mutation(api.messages.failConvex, {}).catch((e) => e);
    expect(e1).toBeInstanceOf(ConvexError);
    expect(e1.data).toEqual({ code: "NOPE", n: 42 });

    const e2 = await http.query(api.messages.failPlain, {}).catch((e) => e);
    expect(e2).toBeInstanceOf(Error);
    expect(e2.message).toContain("plain failure");

    const e3 = await http.mutation(api.messages.send, { author: 1, body: "x" } as any).catch((e) => e);
    expect(e3.message).toMatch(/ArgumentValidationError/);
    const e4 = await http.mutation(api.messages.send, { author: "a", body: "x", extra: 1 } as any).catch((e) => e);
    expect(e4.message).toMatch(/extra field `extra`/);

    // eq(field, undefined) in an index range selects the documents without the field.
    await http.mutation(api.messages.send, { author: "h", body: "no channel" });
    const without = await http.query(api.messages.withoutChannel, {});
    expect(without).toContain("no channel");
    expect(without).not.toContain("b");

    const e5 = await http.query(api.messages.secret, {}).catch((e) => e);
    expect(e5.message).toMatch(/Could not find public function/);
    const e6 = await http.mutation(api.messages.sendInternal, { body: "no" }).catch((e) => e);
    expect(e6.message).toMatch(/Could not find public function/);
  });

  it("round-trips int64, bytes, records and literals and validates documents against the schema", async () => {
    const http = new ConvexHttpClient(b.url);
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const doc = await http.mutation(api.messages.storeTyped, { i: 12345678901234n, b: bytes, r: { a: 1 }, l: 2n });
    expect(doc.i).toBe(12345678901234n);
    expect(new Uint8Array(doc.b)).toEqual(new Uint8Array([1, 2, 3]));
    expect(doc.r).toEqual({ a: 1 });
    expect(doc.l).toBe(2n);
    const bad = await http
      .mutation(api.messages.storeTyped, { i: 1n, b: bytes, r: { a: "x" }, l: 2n } as any)
      .catch((e) => e);
    expect(bad.message).toMatch(/ArgumentValidationError/);
    const bad2 = await http.mutation(api.messages.storeTyped, { i: 1n, b: bytes, r: {}, l: 3n } as any).catch((e) => e);
    expect(bad2.message).toMatch(/ArgumentValidationError/);
    const schemaErr = await http.mutation(api.messages.badInsert, {}).catch((e) => e);
    expect(schemaErr.message).toMatch(/does not match the schema/);
  });

  it("rolls back a throwing mutation, shares the transaction with nested calls, and reads its own writes", async () => {
    const http = new ConvexHttpClient(b.url);
    const before = (await http.query(api.messages.list, {})).length;
    await expect(http.mutation(api.messages.sendAndFail, { body: "gone" })).rejects.toThrow(/rollback please/);
    expect((await http.query(api.messages.list, {})).length).toBe(before);
    const n = await http.mutation(api.messages.nested, {});
    expect(n.after).toBe(n.before + 1);
    const r = await http.mutation(api.items.ryw, { group: "ryw" });
    expect(r).toEqual({ all: [1, 5], after: [5, 10], final: [10] });
  });

  it("refuses fetch() inside queries", async () => {
    const http = new ConvexHttpClient(b.url);
    await expect(http.query(api.messages.fetchInQuery, {})).rejects.toThrow(/fetch\(\) in queries and mutations/);
  });

  it("evaluates filters and index ranges in both orders", async () => {
    const http = new ConvexHttpClient(b.url);
    await http.mutation(api.items.addMany, { group: "r", from: 0, count: 20 });
    const asc = await http.query(api.items.range, { group: "r", lo: 3, hi: 15 });
    expect(asc.ns).toEqual([3, 4, 5, 6, 7]);
    expect(asc.documentsRead).toBe(5);
    const desc = await http.query(api.items.range, { group: "r", lo: 3, hi: 15, order: "desc" });
    expect(desc.ns).toEqual([14, 13, 12, 11, 10]);
    expect(await http.query(api.items.filtered, { group: "r", min: 17 })).toEqual([17, 18, 19]);
  });
});

describe("indexed read cost", () => {
  it("does not grow with table size (documents read)", async () => {
    const http = new ConvexHttpClient(b.url);
    await http.mutation(api.items.addMany, { group: "big", from: 0, count: 50 });
    const small = await http.query(api.items.lookup, { group: "big", n: 25 });
    for (let i = 1; i < 10; i++) await http.mutation(api.items.addMany, { group: "big", from: i * 500, count: 500 });
    const large = await http.query(api.items.lookup, { group: "big", n: 25 });
    expect(small.found).toBe(25);
    expect(large.found).toBe(25);
    expect(small.documentsRead).toBe(1);
    expect(large.documentsRead).toBe(small.documentsRead);
    expect(large.bytesRead).toBe(small.bytesRead);
  });
});
