import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyBounds } from "../src/engine/query.js";
import { encodeKey } from "../src/sorted.js";
import { Database, fullRange, Table } from "../src/storage.js";
import { compareKeys, type Doc, type Key, newId, tableNumberFromId, type Value } from "../src/values.js";
import { tmpDir } from "./helpers.js";

let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const STRINGS = ["", "a", "a\u0000", "a\u0000b", "ab", "b", "é", "z", "\u{1F600}", "\uffff", "A", "\u0001"];
function randomValue(depth = 0): Value | undefined {
  const kind = Math.floor(rnd() * (depth > 1 ? 7 : 9));
  switch (kind) {
    case 0:
      return pick([undefined, null]);
    case 1:
      return pick([0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n, 255n, -256n]);
    case 2:
      return pick([0, -0, 1, -1, 0.5, -0.5, 1e300, -1e300, Infinity, -Infinity, NaN, 2 ** 53, Number.MIN_VALUE]);
    case 3:
      return rnd() < 0.5;
    case 4:
    case 5:
      return pick(STRINGS);
    case 6:
      return new Uint8Array(pick([[], [0], [0, 0], [0, 1], [1], [255], [1, 0]])).buffer;
    case 7:
      return Array.from({ length: Math.floor(rnd() * 3) }, () => randomValue(depth + 1) ?? null);
    default: {
      const o: Record<string, Value> = {};
      for (let i = Math.floor(rnd() * 3); i > 0; i--) o[pick(["a", "b", "c"])] = randomValue(depth + 1) ?? null;
      return o;
    }
  }
}
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe("index key encoding (sorted.ts)", () => {
  it("orders encoded keys of mixed types exactly as compareKeys (Convex's value order)", () => {
    const keys: Key[] = [];
    for (let i = 0; i < 3000; i++) keys.push(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => randomValue()));
    for (let i = 0; i < 20_000; i++) {
      const a = pick(keys);
      const b = pick(keys);
      const want = sign(compareKeys(a, b));
      expect([a, b, sign(Buffer.compare(encodeKey(a), encodeKey(b)))]).toEqual([a, b, want]);
    }
    // a prefix's encoding is a byte prefix of the key's
    for (const k of keys.slice(0, 500))
      expect(encodeKey(k).subarray(0, encodeKey(k.slice(0, 1)).length)).toEqual(encodeKey(k.slice(0, 1)));
  });
});

describe("ids", () => {
  it("encode the table number and are url-safe", () => {
    for (const n of [1, 3, 10001, 123456]) {
      const id = newId(n);
      expect(id).toMatch(/^[0-9a-z]+$/);
      expect(tableNumberFromId(id)).toBe(n);
    }
    expect(tableNumberFromId("not an id")).toBeNull();
  });
});

function commit(db: Database, table: string, doc: Doc | null, id = doc!._id) {
  const ts = db.nextTs();
  db.apply([{ table, id, doc }]);
  return db.persist(ts, [{ table, id, doc }]);
}
const idsOf = (db: Database, table: string, index: string) => {
  const t = db.getTable(table)!;
  return [...db.scanIndex(t.indexes.get(index)!, fullRange(), "asc")].map((r) => r.doc._id);
};

describe("Database (on-disk store)", () => {
  it("replays the log after a crash, ignores a torn last line, checkpoints and truncates the log", async () => {
    const dir = tmpDir();
    const db = new Database();
    await db.open(dir);
    const t = db.ensureTable("things");
    const docs = [];
    for (let i = 0; i < 10; i++) {
      const doc = { _id: newId(t.number), _creationTime: db.nextCreationTime(), i: BigInt(i) };
      docs.push(doc);
      await commit(db, "things", doc);
    }
    const lastTs = db.lastTs;
    fs.appendFileSync(path.join(dir, "commits.jsonl"), '{"ts":"1","w":[[');
    // crash: no close()
    const db2 = new Database();
    await db2.open(dir);
    expect([...db2.getTable("things")!.docs.values()]).toEqual(docs);
    expect(db2.getTable("things")!.docs.size).toBe(10);
    expect(db2.lastTs >= lastTs).toBe(true);
    const size = fs.statSync(path.join(dir, "commits.jsonl")).size;
    expect(fs.readFileSync(path.join(dir, "commits.jsonl"), "utf8").endsWith("\n")).toBe(true);
    expect(size).toBeGreaterThan(0);
    await db2.close(); // checkpoint + truncate
    expect(fs.statSync(path.join(dir, "commits.jsonl")).size).toBe(0);
    const db3 = new Database();
    await db3.open(dir);
    expect([...db3.getTable("things")!.docs.values()]).toEqual(docs);
    expect(db3.getTable("things")!.number).toBe(t.number);
    expect(idsOf(db3, "things", "by_creation_time")).toEqual(docs.map((d) => d._id));
    expect(idsOf(db3, "things", "by_id")).toEqual(docs.map((d) => d._id).sort());
    await db3.close();
  });

  it("keeps every document, update, delete and index across restarts without replaying or loading them", async () => {
    const dir = tmpDir();
    const db = new Database();
    await db.open(dir);
    const t = db.ensureTable("items");
    t.setIndexes([{ name: "by_group_n", fields: ["group", "n"] }]);
    const live = new Map<string, Doc>();
    for (let i = 0; i < 300; i++) {
      const doc = { _id: newId(t.number), _creationTime: db.nextCreationTime(), group: `g${i % 7}`, n: i % 11 };
      live.set(doc._id, doc);
      void commit(db, "items", doc);
    }
    let k = 0;
    for (const [id, d] of [...live]) {
      if (k % 3 === 0) {
        live.delete(id);
        void commit(db, "items", null, id);
      } else if (k % 3 === 1) {
        const nd = { ...d, n: (d.n as number) + 100 };
        live.set(id, nd);
        void commit(db, "items", nd);
      }
      k++;
    }
    await db.close();
    expect(fs.statSync(path.join(dir, "commits.jsonl")).size).toBe(0);

    const db2 = new Database();
    await db2.open(dir);
    const t2 = db2.getTable("items")!;
    expect(t2.docs.size).toBe(live.size);
    expect(db2.cachedDocs).toBe(0); // nothing was loaded
    const want = [...live.values()].sort((a, b) =>
      compareKeys(
        Table.keyFor({ name: "x", fields: ["group", "n"] }, a),
        Table.keyFor({ name: "x", fields: ["group", "n"] }, b),
      ),
    );
    expect(idsOf(db2, "items", "by_group_n")).toEqual(want.map((d) => d._id));
    for (const [id, d] of live) expect(t2.docs.get(id)).toEqual(d);
    expect(t2.docs.get(newId(t2.number))).toBeUndefined();
    // an unchanged index is reused, not rebuilt; a changed one is rebuilt from the documents
    const ix = t2.indexes.get("by_group_n")!.ix;
    t2.setIndexes([{ name: "by_group_n", fields: ["group", "n"] }]);
    expect(t2.indexes.get("by_group_n")!.ix).toBe(ix);
    t2.setIndexes([{ name: "by_group_n", fields: ["n"] }]);
    expect(idsOf(db2, "items", "by_group_n")).toEqual(
      [...live.values()]
        .sort((a, b) => compareKeys([a.n, a._creationTime, a._id], [b.n, b._creationTime, b._id]))
        .map((d) => d._id),
    );
    await db2.close();
  });

  it("keeps its document cache bounded: reading a table larger than the cache holds at most the cache", async () => {
    const dir = tmpDir();
    const db = new Database({ cacheDocs: 100 });
    await db.open(dir);
    const body = "x".repeat(1000);
    const docs: Doc[] = [];
    for (let i = 0; i < 5000; i++) docs.push({ _id: newId(10001), _creationTime: i + 1, body, i });
    db.bulkInsert("big", docs);
    expect(db.cachedDocs).toBeLessThanOrEqual(100);
    const t = db.getTable("big")!;
    let n = 0;
    for (const d of t.docs.values()) {
      expect(d.i).toBe(n++);
      expect(db.cachedDocs).toBeLessThanOrEqual(100);
    }
    expect(n).toBe(5000);
    for (let i = 0; i < 5000; i += 7) expect(t.docs.get(docs[i]!._id)?.i).toBe(i);
    expect(db.cachedDocs).toBeLessThanOrEqual(100);
    await db.close();
  });

  it("scans index ranges of mixed-type keys in Convex order, both directions, with cursors", async () => {
    const db = new Database();
    await db.open(tmpDir());
    const t = db.ensureTable("mixed");
    t.setIndexes([{ name: "by_v", fields: ["v"] }]);
    const docs: Doc[] = [];
    for (let i = 0; i < 400; i++) {
      const v = randomValue();
      const doc: Doc = { _id: newId(t.number), _creationTime: db.nextCreationTime() };
      if (v !== undefined) doc.v = v;
      docs.push(doc);
    }
    db.bulkInsert("mixed", docs);
    const idx = t.indexes.get("by_v")!;
    const key = (d: Doc) => Table.keyFor(idx, d);
    const sorted = [...docs].sort((a, b) => compareKeys(key(a), key(b)));
    for (let i = 0; i < 200; i++) {
      const a = randomValue();
      const b = randomValue();
      const [lo, hi] = compareKeys([a], [b]) <= 0 ? [a, b] : [b, a];
      const loIncl = rnd() < 0.5;
      const hiIncl = rnd() < 0.5;
      const order = rnd() < 0.5 ? "asc" : "desc";
      const after = rnd() < 0.3 ? key(pick(docs)) : null;
      const inRange = (d: Doc) => {
        const k = key(d);
        const c1 = compareKeys(k.slice(0, 1), [lo]);
        const c2 = compareKeys(k.slice(0, 1), [hi]);
        if (c1 < 0 || (c1 === 0 && !loIncl)) return false;
        if (c2 > 0 || (c2 === 0 && !hiIncl)) return false;
        if (after) {
          const c = compareKeys(k, after);
          if (order === "asc" ? c <= 0 : c >= 0) return false;
        }
        return true;
      };
      const want = sorted.filter(inRange).map((d) => d._id);
      if (order === "desc") want.reverse();
      const got = [...db.scanIndex(idx, keyBounds([lo], loIncl, [hi], hiIncl, after, null, order), order)].map(
        (r) => r.doc._id,
      );
      expect(got).toEqual(want);
    }
    await db.close();
  });

  it("remembers empty index ranges only until an entry lands in them (inserts, key-changing updates, index rebuilds)", async () => {
    const db = new Database();
    await db.open(tmpDir());
    const t = db.ensureTable("sparse");
    t.setIndexes([{ name: "by_v", fields: ["v"] }]);
    const live = new Map<string, Doc>();
    const values = [0, 1, 2, 3, 4, 5, 6, 7, "a", "b"];
    let scans = 0;
    let empty = 0;
    for (let step = 0; step < 3000; step++) {
      const r = rnd();
      if (r < 0.08) {
        const doc: Doc = { _id: newId(t.number), _creationTime: db.nextCreationTime(), v: pick(values) };
        live.set(doc._id, doc);
        void commit(db, "sparse", doc);
      } else if (r < 0.12 && live.size > 0) {
        const old = pick([...live.values()]);
        const doc = { ...old, v: pick(values) };
        live.set(doc._id, doc);
        void commit(db, "sparse", doc);
      } else if (r < 0.15 && live.size > 0) {
        const id = pick([...live.keys()]);
        live.delete(id);
        void commit(db, "sparse", null, id);
      } else if (r < 0.152) {
        // an index rebuilt under the same name (dropped, created again: its number may come back)
        t.setIndexes([{ name: "by_v", fields: ["v", "w"] }]);
        t.setIndexes([{ name: "by_v", fields: ["v"] }]);
      } else {
        const a = pick(values);
        const b = rnd() < 0.6 ? a : pick(values);
        const [lo, hi] = compareKeys([a], [b]) <= 0 ? [a, b] : [b, a];
        const order = rnd() < 0.5 ? "asc" : "desc";
        const idx = t.indexes.get("by_v")!;
        const got = [...db.scanIndex(idx, keyBounds([lo], true, [hi], true, null, null, order), order)].map(
          (x) => x.doc._id,
        );
        const want = [...live.values()]
          .filter((d) => compareKeys([d.v], [lo]) >= 0 && compareKeys([d.v], [hi]) <= 0)
          .sort((x, y) => compareKeys(Table.keyFor(idx, x), Table.keyFor(idx, y)))
          .map((d) => d._id);
        if (order === "desc") want.reverse();
        expect(got).toEqual(want);
        scans++;
        if (want.length === 0) empty++;
      }
    }
    // the ranges repeat, so most empty answers were remembered ones
    expect(empty).toBeGreaterThan(100);
    expect(scans).toBeGreaterThan(2000);
    await db.close();
  });

  it("migrates a data dir of the in-memory runtime (snapshot.jsonl + commits.jsonl) on first open", async () => {
    const dir = tmpDir();
    const a = { _id: newId(10001), _creationTime: 1, body: "from snapshot" };
    const b = { _id: newId(10001), _creationTime: 2, body: "from log" };
    fs.writeFileSync(
      path.join(dir, "snapshot.jsonl"),
      `${JSON.stringify({ version: 1, ts: "100", tables: { notes: 10001, _storage: 2 }, nextTableNumber: 10002, lastCreationTime: 1 })}\n${JSON.stringify([10001, a])}\n`,
    );
    fs.writeFileSync(path.join(dir, "commits.jsonl"), `${JSON.stringify({ ts: "200", w: [[10001, b._id, b]] })}\n`);
    const db = new Database();
    await db.open(dir);
    expect(fs.existsSync(path.join(dir, "snapshot.jsonl"))).toBe(false);
    expect([...db.getTable("notes")!.docs.values()]).toEqual([a, b]);
    expect(db.lastTs >= 200n).toBe(true);
    await db.close();
    const db2 = new Database();
    await db2.open(dir);
    expect([...db2.getTable("notes")!.docs.values()]).toEqual([a, b]);
    expect(db2.ensureTable("other").number).toBe(10002);
    await db2.close();
  });
});
