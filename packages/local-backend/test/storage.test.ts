import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SortedIndex } from "../src/sorted.js";
import { Database } from "../src/storage.js";
import { compareKeys, newId, tableNumberFromId } from "../src/values.js";
import { tmpDir } from "./helpers.js";

describe("SortedIndex", () => {
  it("matches a sorted array under random inserts/deletes and supports range iteration", () => {
    const idx = new SortedIndex();
    const ref: { key: any[]; id: string }[] = [];
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 5000; i++) {
      if (ref.length && rnd() < 0.3) {
        const j = Math.floor(rnd() * ref.length);
        const [e] = ref.splice(j, 1);
        expect(idx.delete(e!.key)).toBe(true);
      } else {
        const e = { key: [Math.floor(rnd() * 100), i, `id${i}`], id: `id${i}` };
        ref.push(e);
        idx.insert(e);
      }
    }
    ref.sort((a, b) => compareKeys(a.key, b.key));
    expect([...idx.all()].map((e) => e.id)).toEqual(ref.map((e) => e.id));
    expect(idx.size).toBe(ref.length);
    const start = idx.lowerBound((k) => (k[0] as number) >= 50);
    const asc = [...idx.ascFrom(start)].map((e) => e.id);
    expect(asc).toEqual(ref.filter((e) => e.key[0] >= 50).map((e) => e.id));
    const desc = [...idx.descBefore(start)].map((e) => e.id);
    expect(desc).toEqual(
      ref
        .filter((e) => e.key[0] < 50)
        .map((e) => e.id)
        .reverse(),
    );
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

describe("Database persistence", () => {
  it("replays the log, ignores a torn last line, snapshots and truncates the log", async () => {
    const dir = tmpDir();
    const db = new Database();
    await db.open(dir);
    const t = db.ensureTable("things");
    const docs = [];
    for (let i = 0; i < 10; i++) {
      const doc = { _id: newId(t.number), _creationTime: db.nextCreationTime(), i: BigInt(i) };
      docs.push(doc);
      const ts = db.nextTs();
      db.apply([{ table: "things", id: doc._id, doc }]);
      await db.persist(ts, [{ table: "things", id: doc._id, doc }]);
    }
    const lastTs = db.lastTs;
    fs.appendFileSync(path.join(dir, "commits.jsonl"), '{"ts":"1","w":[[');
    // crash: no close()
    const db2 = new Database();
    await db2.open(dir);
    expect([...db2.getTable("things")!.docs.values()]).toEqual(docs);
    expect(db2.lastTs >= lastTs).toBe(true);
    const size = fs.statSync(path.join(dir, "commits.jsonl")).size;
    expect(fs.readFileSync(path.join(dir, "commits.jsonl"), "utf8").endsWith("\n")).toBe(true);
    expect(size).toBeGreaterThan(0);
    await db2.close(); // snapshot + truncate
    expect(fs.statSync(path.join(dir, "commits.jsonl")).size).toBe(0);
    const db3 = new Database();
    await db3.open(dir);
    expect([...db3.getTable("things")!.docs.values()]).toEqual(docs);
    expect(db3.getTable("things")!.number).toBe(t.number);
    expect([...db3.getTable("things")!.indexes.get("by_creation_time")!.sorted.all()].map((e) => e.id)).toEqual(
      docs.map((d) => d._id),
    );
    await db3.close();
  });
});
