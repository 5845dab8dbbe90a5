// The search index itself (src/engine/search.ts), without a server: ranking, prefix, filters,
// updates, deletes, compaction. Behaviour per docs.convex.dev/search/text-search.
import { describe, expect, it } from "vitest";
import { MAX_SEARCH_RESULTS, queryTerms, SearchIndex, SearchIndexes, tokenize } from "../src/engine/search.js";

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
    expect(tokenize(`a ${"x".repeat(41)} b`)).toEqual(["a", "b"]);
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
});
