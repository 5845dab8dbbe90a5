// The search index itself (src/engine/search.ts), without a server: ranking, prefix, filters,
// updates, deletes, compaction. Behaviour per docs.convex.dev/search/text-search.
import { convexToJson } from "convex/values";
import { describe, expect, it } from "vitest";
import {
  buildSlices,
  MAX_SEARCH_RESULTS,
  queryTerms,
  SearchIndex,
  SearchIndexes,
  tokenize,
} from "../src/engine/search.js";
import type { Doc } from "../src/values.js";

let t = 1_700_000_000_000;
const doc = (id: string, text: string | undefined, org = "o1", extra: Record<string, unknown> = {}) => ({
  _id: id,
  _creationTime: t++,
  text,
  org,
  ...extra,
});
const fresh = () => new SearchIndex({ name: "search_text", searchField: "text", filterFields: ["org", "channel"] });
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe("tokenize", () => {
  it("splits on non letters/digits, lower-cases, keeps unicode letters, drops over-long tokens", () => {
    expect(tokenize("Hello, WORLD! e-mail café 42x")).toEqual(["hello", "world", "e", "mail", "café", "42x"]);
    // Convex drops tokens of 32 UTF-8 bytes or more (MAX_TEXT_TERM_LENGTH, Tantivy RemoveLongFilter)
    expect(tokenize(`a ${"x".repeat(32)} ${"y".repeat(31)} b`)).toEqual(["a", "y".repeat(31), "b"]);
    expect(tokenize(`${"é".repeat(16)} ${"é".repeat(15)}x`)).toEqual([`${"é".repeat(15)}x`]);
    // the ASCII path and the Unicode path split alike
    expect(tokenize("Ab_c-d.E9 fo'o")).toEqual(["ab", "c", "d", "e9", "fo", "o"]);
    expect(tokenize("Ab_c-d.E9 fo'o é")).toEqual(["ab", "c", "d", "e9", "fo", "o", "é"]);
  });
  it("query: at most 16 terms, the last one is the prefix", () => {
    const q = queryTerms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(" "));
    expect(q.terms).toHaveLength(16);
    expect(q.prefix).toBe("w15");
  });
});

describe("SearchIndex", () => {
  it("ranks by BM25: more occurrences, rarer terms and shorter texts first; ties newest first", () => {
    const idx = fresh();
    idx.add(doc("a", "invoice invoice overdue"));
    idx.add(doc("b", "invoice attached"));
    idx.add(doc("c", "the weather is nice today and tomorrow too, no invoice here really at all"));
    idx.add(doc("d", "nothing relevant"));
    idx.add(doc("e", "refund requested"));
    expect(ids(idx.search("invoice", [], 10))).toEqual(["a", "b", "c"]);
    // the rare term "refund" outweighs the common "invoice"
    expect(ids(idx.search("invoice refund", [], 10))[0]).toBe("e");
    idx.add(doc("f", "twin"));
    idx.add(doc("g", "twin"));
    expect(ids(idx.search("twin", [], 10))).toEqual(["g", "f"]);
  });

  it("matches any term; the last term also as a prefix, earlier ones only exactly", () => {
    const idx = fresh();
    idx.add(doc("a", "shipping delayed"));
    idx.add(doc("b", "shipment arrived"));
    idx.add(doc("c", "ship it"));
    expect(ids(idx.search("ship", [], 10)).sort()).toEqual(["a", "b", "c"]);
    // an exact match of the prefix scores above a longer expansion of equal frequency
    expect(ids(idx.search("ship", [], 10))[0]).toBe("c");
    // "ship" is not the last term: exact only
    expect(ids(idx.search("ship arrived", [], 10)).sort()).toEqual(["b", "c"]);
    expect(idx.search("zzz", [], 10)).toEqual([]);
    expect(idx.search("  ,, ", [], 10)).toEqual([]);
  });

  it("completes the last term with its first 16 completions in term order, as Convex bounds it", () => {
    // convex-backend crates/search/src/constants.rs MAX_PREFIX_MATCHES_PER_QUERY_TERM = 16
    const idx = fresh();
    // 30 completions of "pre"; inserted out of order, the oldest last in term order
    for (let i = 29; i >= 0; i--) idx.add(doc(`p${i}`, `pre${String(i).padStart(2, "0")}`));
    idx.add(doc("gone", "pre00a"));
    idx.update(doc("gone", "pre00a"), null); // a term no live document has is no completion
    const got = ids(idx.search("pre", [], 100)).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    expect(got).toEqual(Array.from({ length: 16 }, (_, i) => `p${i}`));
    // an exact match of the prefix is a query term, not one of the 16 completions
    idx.add(doc("exact", "pre"));
    expect(ids(idx.search("pre", [], 100))).toHaveLength(17);
  });

  it("filters on filter fields by equality, refuses other fields", () => {
    const idx = fresh();
    idx.add(doc("a", "hello there", "o1", { channel: "sms" }));
    idx.add(doc("b", "hello again", "o2", { channel: "sms" }));
    idx.add(doc("c", "hello email", "o1", { channel: "email" }));
    idx.add(doc("d", "hello nothing", "o1"));
    expect(ids(idx.search("hello", [{ fieldPath: "org", value: "o1" }], 10)).sort()).toEqual(["a", "c", "d"]);
    expect(
      ids(
        idx.search(
          "hello",
          [
            { fieldPath: "org", value: "o1" },
            { fieldPath: "channel", value: "sms" },
          ],
          10,
        ),
      ),
    ).toEqual(["a"]);
    expect(idx.search("hello", [{ fieldPath: "org", value: "o3" }], 10)).toEqual([]);
    expect(() => idx.search("hello", [{ fieldPath: "text", value: "x" }], 10)).toThrow(/not a filter field/);
  });

  it("updates: changed text re-indexes, changed filter moves the document, deletes disappear", () => {
    const idx = fresh();
    const a = doc("a", "alpha beta");
    idx.add(a);
    const a2 = { ...a, text: "gamma" };
    idx.update(a, a2);
    expect(idx.search("alpha", [], 10)).toEqual([]);
    expect(ids(idx.search("gamma", [], 10))).toEqual(["a"]);
    const a3 = { ...a2, org: "o2" };
    idx.update(a2, a3);
    expect(idx.search("gamma", [{ fieldPath: "org", value: "o1" }], 10)).toEqual([]);
    expect(ids(idx.search("gamma", [{ fieldPath: "org", value: "o2" }], 10))).toEqual(["a"]);
    idx.update(a3, null);
    expect(idx.search("gamma", [], 10)).toEqual([]);
    expect(idx.size).toBe(0);
    // a document whose search field is not a string is not indexed
    idx.add(doc("n", undefined));
    expect(idx.size).toBe(0);
  });

  it("compacts after many deletes and keeps answering the same", () => {
    const idx = fresh();
    const docs = Array.from({ length: 5000 }, (_, i) => doc(`d${i}`, `common word${i % 10} n${i}`));
    for (const d of docs) idx.add(d);
    for (let i = 0; i < 4000; i++) idx.update(docs[i]!, null);
    expect(idx.size).toBe(1000);
    const hits = idx.search("word3", [], 2000);
    expect(hits).toHaveLength(100);
    expect(hits.every((h) => Number(h.id.slice(1)) >= 4000)).toBe(true);
    expect(ids(idx.search("n4321", [], 5))).toEqual(["d4321"]);
  });

  it("answers at most 1024 results and the asked limit", () => {
    const idx = fresh();
    for (let i = 0; i < 1500; i++) idx.add(doc(`d${i}`, "same words"));
    expect(idx.search("same", [], 5000)).toHaveLength(MAX_SEARCH_RESULTS);
    expect(idx.search("same", [], 7)).toHaveLength(7);
    // newest first among equal scores
    expect(idx.search("same", [], 1)[0]!.id).toBe("d1499");
  });

  it("scores a small part of a frequent word's postings (block-max windows, newest first)", () => {
    const idx = fresh();
    // "hot" in every document, once; a few documents repeat it (they rank first)
    for (let i = 0; i < 100_000; i++) idx.add(doc(`d${i}`, i % 5_000 === 7 ? "hot hot hot" : `hot w${i % 300} x${i}`));
    const hits = idx.search("hot", [{ fieldPath: "org", value: "o1" }], 20);
    expect(ids(hits)).toEqual(Array.from({ length: 20 }, (_, j) => `d${(19 - j) * 5_000 + 7}`));
    expect(idx.lastScored).toBeLessThan(100_000 / 10);
  });

  it("excludes ids a transaction rewrote", () => {
    const idx = fresh();
    idx.add(doc("a", "x y"));
    idx.add(doc("b", "x"));
    expect(ids(idx.search("x", [], 10, new Set(["b"])))).toEqual(["a"]);
  });
});

describe("SearchIndexes", () => {
  it("builds from stored documents, keeps unchanged definitions, applies commits", () => {
    const all = new SearchIndexes();
    const stored = [doc("a", "stored hello")];
    const def = { name: "s", searchField: "text", filterFields: [] };
    all.define("t", [def], () => stored);
    expect(ids(all.get("t", "s")!.search("hello", [], 10))).toEqual(["a"]);
    all.apply([{ table: "t", oldDoc: null, newDoc: doc("b", "new hello") }]);
    all.apply([{ table: "other", oldDoc: null, newDoc: doc("c", "hello") }]);
    let reads = 0;
    all.define("t", [def], () => {
      reads++;
      return [];
    });
    expect(reads).toBe(0); // same definition: kept, not rebuilt
    expect(all.get("t", "s")!.size).toBe(2);
    all.define("t", [{ ...def, filterFields: ["org"] }], () => stored);
    expect(all.get("t", "s")!.size).toBe(1); // changed definition: rebuilt from the documents
    all.retain(() => false);
    expect(all.get("t", "s")).toBeUndefined();
  });

  it("builds from documents in Convex's JSON encoding, decoding the filter values", () => {
    const all = new SearchIndexes();
    // what the store holds: an int64 and a nested object as JSON, the text a plain string
    const stored = [
      { _id: "a", _creationTime: 1, text: "hello big", n: convexToJson(5n), meta: { kind: "x" } },
      { _id: "b", _creationTime: 2, text: "hello small", n: convexToJson(6n), meta: { kind: "y" } },
    ] as unknown as Doc[];
    all.define("t", [{ name: "s", searchField: "text", filterFields: ["n", "meta.kind"] }], () => stored);
    const idx = all.get("t", "s")!;
    expect(ids(idx.search("hello", [{ fieldPath: "n", value: 5n }], 10))).toEqual(["a"]);
    expect(ids(idx.search("hello", [{ fieldPath: "meta.kind", value: "y" }], 10))).toEqual(["b"]);
    // a write after the build carries decoded values and lands in the same filter values
    all.apply([{ table: "t", oldDoc: null, newDoc: { _id: "c", _creationTime: 3, text: "hello", n: 5n } }]);
    expect(ids(idx.search("hello", [{ fieldPath: "n", value: 5n }], 10))).toEqual(["c", "a"]);
  });
});

describe("SearchIndex top-k pruning", () => {
  // The block-max / MaxScore walk must return exactly what scoring every matching document
  // would: checked against a plain BM25 over the live documents (random texts with many ties,
  // deletes and re-indexed documents, filters, several windows of slots).
  const rand = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const SYL = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo"];
  const word = (i: number) => {
    let s = "";
    let n = i + 1;
    do {
      s += SYL[n % SYL.length];
      n = Math.floor(n / SYL.length);
    } while (n > 0);
    return s;
  };

  it("returns the same scores as scoring every document, across windows, deletes and filters", () => {
    const r = rand(7);
    const zipf = () => Math.floor(600 ** r()) - 1; // word ranks: a few frequent, most rare
    const idx = fresh();
    const live = new Map<string, ReturnType<typeof doc>>();
    const text = () => Array.from({ length: 1 + Math.floor(r() * 12) }, () => word(zipf())).join(" ");
    for (let i = 0; i < 40_000; i++) {
      const d = doc(`d${i}`, text(), r() < 0.8 ? "o1" : "o2", { channel: r() < 0.5 ? "sms" : "email" });
      idx.add(d);
      live.set(d._id, d);
    }
    // deletes and rewrites: tombstones, and re-indexed documents whose slot is newer than their age
    const all = [...live.values()];
    for (let i = 0; i < 6_000; i++) {
      const d = all[Math.floor(r() * all.length)]!;
      const cur = live.get(d._id);
      if (!cur) continue;
      if (r() < 0.5) {
        idx.update(cur, null);
        live.delete(d._id);
      } else {
        const next = { ...cur, text: text() };
        idx.update(cur, next);
        live.set(d._id, next);
      }
    }
    expect(idx.size).toBe(live.size);

    const docs = [...live.values()];
    const toks = new Map(docs.map((d) => [d._id, tokenize(d.text!)]));
    const df = new Map<string, number>();
    let total = 0;
    for (const t of toks.values()) {
      total += t.length;
      for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
    }
    const n = docs.length;
    const avg = total / n;
    const reference = (q: string, org: string | null, k: number) => {
      const { terms, prefix } = queryTerms(q);
      const idf = (w: string) => Math.log(1 + (n - (df.get(w) ?? 0) + 0.5) / ((df.get(w) ?? 0) + 0.5));
      const bm25 = (w: string, tf: number, len: number) =>
        (idf(w) * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * len) / avg));
      const expansions = [...df.keys()].filter((w) => prefix !== null && w.startsWith(prefix) && !terms.includes(w));
      const scored: { id: string; score: number; ct: number }[] = [];
      for (const d of docs) {
        if (org && d.org !== org) continue;
        const t = toks.get(d._id)!;
        const tf = new Map<string, number>();
        for (const w of t) tf.set(w, (tf.get(w) ?? 0) + 1);
        let s = 0;
        let matched = false;
        for (const w of terms)
          if (tf.has(w)) {
            s += bm25(w, tf.get(w)!, t.length);
            matched = true;
          }
        let best = 0;
        for (const w of expansions) if (tf.has(w)) best = Math.max(best, bm25(w, tf.get(w)!, t.length));
        if (matched || best > 0) scored.push({ id: d._id, score: s + best, ct: d._creationTime });
      }
      // ties newest first (Convex); scores equal to 1e-9 are ties (the two sums round apart)
      const tie = (x: number) => Math.round(x * 1e9);
      scored.sort((a, b) => tie(b.score) - tie(a.score) || b.ct - a.ct);
      return { top: scored.slice(0, k), byId: new Map(scored.map((x) => [x.id, x.score])), expansions };
    };

    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const words = Array.from({ length: 1 + Math.floor(r() * 3) }, () => word(zipf()));
      // sometimes a prefix of a word as the last term (typeahead)
      if (r() < 0.4) words[words.length - 1] = words[words.length - 1]!.slice(0, 3);
      const q = words.join(" ");
      const org = r() < 0.5 ? "o1" : null;
      const k = [1, 20, 100][i % 3]!;
      const ref = reference(q, org, k);
      if (ref.expansions.length > 16) continue; // the index bounds the expansions (tested above)
      const got = idx.search(q, org ? [{ fieldPath: "org", value: org }] : [], k);
      expect(got.length, q).toBe(ref.top.length);
      for (let j = 0; j < got.length; j++) {
        // the k best scores, each hit scored right, ties newest first: the same documents
        expect(got[j]!.score, q).toBeCloseTo(ref.top[j]!.score, 9);
        expect(ref.byId.get(got[j]!.id), q).toBeCloseTo(got[j]!.score, 9);
      }
      expect(ids(got), q).toEqual(ids(ref.top));
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe("building from the stored documents", () => {
  // a table as the store streams it: committed state, in _creationTime order, read lazily
  const store = (n: number) => {
    const order: string[] = [];
    const docs = new Map<string, ReturnType<typeof doc>>();
    for (let i = 0; i < n; i++) {
      const d = doc(`s${i}`, `stored text${i % 7} n${i}`);
      order.push(d._id);
      docs.set(d._id, d);
    }
    function* scan() {
      for (const id of order) {
        const d = docs.get(id);
        if (d) yield d;
      }
    }
    return { docs, order, scan };
  };

  it("leaves documents it has not reached to the build, applies writes to the others", () => {
    const s = store(5_000);
    const idx = fresh();
    expect(idx.build(s.scan(), 0)).toBe(false); // one slice of 256 documents
    expect(idx.building).toBe(true);
    // commits meanwhile: the store changes first, then the index hears of it
    const early = s.docs.get("s3")!;
    const late = s.docs.get("s4000")!;
    const earlyNew = { ...early, text: "rewritten early" };
    const lateNew = { ...late, text: "rewritten late" };
    s.docs.set(early._id, earlyNew);
    idx.update(early, earlyNew);
    s.docs.set(late._id, lateNew);
    idx.update(late, lateNew);
    const gone = s.docs.get("s4500")!;
    s.docs.delete(gone._id);
    idx.update(gone, null);
    const inserted = doc("new1", "rewritten inserted");
    s.order.push(inserted._id);
    s.docs.set(inserted._id, inserted);
    idx.update(null, inserted);
    // a search finishes the build first: every committed document exactly once
    expect(ids(idx.search("rewritten", [], 10)).sort()).toEqual(["new1", "s3", "s4000"]);
    expect(idx.building).toBe(false);
    expect(idx.size).toBe(5_000); // 5,000 stored - 1 deleted + 1 inserted
    expect(idx.search("n4500", [], 10)).toEqual([]);
    expect(ids(idx.search("n4999", [], 10))).toEqual(["s4999"]);
    // s3's old text is gone ("n3" exact: only the last term is a prefix)
    expect(idx.search("n3 zzzz", [], 10)).toEqual([]);
    expect(ids(idx.search("n2 zzzz", [], 10))).toEqual(["s2"]);
  });

  it("SearchIndexes builds a large table in the background and stops on close", async () => {
    const s = store(60_000);
    const all = new SearchIndexes();
    all.define(
      "t",
      [
        { name: "s", searchField: "text", filterFields: [] },
        { name: "s2", searchField: "text", filterFields: ["org"] },
      ],
      s.scan,
    );
    const idx = all.get("t", "s")!;
    const idx2 = all.get("t", "s2")!;
    expect(idx.building).toBe(true); // 60k documents take longer than the synchronous slice
    // both indexes are built, one after the other, without a search asking for them
    for (let i = 0; i < 20_000 && (idx.building || idx2.building); i++) await new Promise((r) => setImmediate(r));
    expect(idx.building || idx2.building).toBe(false);
    expect(idx.size).toBe(60_000);
    expect(idx2.size).toBe(60_000);
    // close() abandons a running build
    const other = new SearchIndexes();
    other.define("t", [{ name: "s", searchField: "text", filterFields: [] }], s.scan);
    other.close();
    expect(other.get("t", "s")!.building).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(other.get("t", "s")!.size).toBeLessThan(60_000);
  });

  it("whenBuilt: a waiting search has its index built first; an abandoned build rejects the wait", async () => {
    const s = store(20_000);
    const saved = { ...buildSlices };
    Object.assign(buildSlices, { syncMs: 0, waitSliceMs: 0, background: false });
    try {
      const all = new SearchIndexes();
      all.define("t", [{ name: "s", searchField: "text", filterFields: [] }], s.scan);
      const idx = all.get("t", "s")!;
      // no background build: the index stays unbuilt until a search waits for it
      for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
      expect(idx.building).toBe(true);
      expect(all.busy).toBe(true);
      let turns = 0;
      let done = false;
      const wait = all.whenBuilt(idx).then(() => {
        done = true;
      });
      expect(all.waiting).toBe(1);
      // the build runs in slices: other event-loop turns run while the search waits
      while (!done) {
        await new Promise((r) => setImmediate(r));
        turns++;
      }
      await wait;
      expect(turns).toBeGreaterThan(10);
      expect(idx.building).toBe(false);
      expect(idx.size).toBe(20_000);
      expect(all.waiting).toBe(0);
      await all.whenBuilt(idx); // built: resolves at once

      const other = new SearchIndexes();
      other.define("t", [{ name: "s", searchField: "text", filterFields: [] }], s.scan);
      const pending = other.whenBuilt(other.get("t", "s")!);
      other.close();
      await expect(pending).rejects.toThrow(/dropped or redefined/);
      expect(other.waiting).toBe(0);
    } finally {
      Object.assign(buildSlices, saved);
    }
  });
});
