/**
 * Full-text search indexes (`defineTable(...).searchIndex(name, { searchField, filterFields })`),
 * kept in memory and maintained incrementally from committed writes.
 *
 * Behaviour follows Convex's "Full Text Search" documentation (docs.convex.dev/search/text-search):
 * - the search field and the query are split into terms on anything that is not a letter or a
 *   digit and lower-cased (Tantivy's simple tokenizer + lower-caser, which Convex builds on);
 * - a document matches if it contains ANY query term; the LAST query term also matches as a
 *   prefix ("typeahead"); at most 16 query terms count;
 * - results come in relevance order (BM25 over the whole index), ties newest first;
 * - equality filters only on the declared filter fields; at most 1024 results per query.
 *
 * Interface with the rest of the engine (kept narrow so the storage layer can change under it):
 * - `define(table, defs, docs)`: (re)declare a table's search indexes from the schema; an index
 *   whose definition changed is rebuilt from `docs()` (also how a restart rebuilds the index:
 *   nothing of it is persisted, it is derived from the stored documents);
 * - `apply(writes)`: every committed write (old/new document), called synchronously inside the
 *   commit so a query running right after sees it;
 * - `search(...)`: candidates ranked, as ids; the caller reads only the documents it returns.
 *
 * Memory: documents get integer slots; postings are typed arrays of slots and term counts, per
 * slot we keep the term count, `_creationTime` and interned filter values. Deleted or re-indexed
 * documents leave a tombstone; the postings are compacted once a quarter of the slots are dead.
 */

import type { JSONValue } from "convex/values";
import type { Engine } from "../engine.js";
import { compareValues, type Doc, getField, jsonToConvex, type Value } from "../values.js";
import { readDoc, trackRead } from "./documents.js";
import { evalFilter } from "./filter.js";
import { queryFilters, queryLimit, type SerializedQuery } from "./serialized.js";
import { type ExecContext, tableKey } from "./transaction.js";

export interface SearchIndexDef {
  name: string;
  searchField: string;
  filterFields: string[];
}

export const MAX_SEARCH_RESULTS = 1024;
const MAX_SEARCH_TERMS = 16;
/**
 * Prefix expansion of the last term is bounded as Convex bounds it: at most 16 completions, the
 * first ones in term order (convex-backend crates/search/src/constants.rs
 * `MAX_PREFIX_MATCHES_PER_QUERY_TERM = 16`, kept as the 16 smallest (distance, term) by
 * `bound_and_evaluate_query_terms` in crates/search/src/memory_index/mod.rs; a whole query
 * counts at most `MAX_UNIQUE_QUERY_TERMS = 64` terms, which 16 query terms plus 16 completions
 * stay under). A one-letter prefix therefore never touches every posting.
 */
const MAX_PREFIX_TERMS = 16;
/**
 * ...and the postings those completions add to one query are bounded too (a local bound, not
 * Convex's: a completion past it is left out, so the work of a short prefix of frequent words
 * stays bounded whatever the corpus).
 */
const PREFIX_POSTINGS_BUDGET = 100_000;
/**
 * Convex drops a token of this many UTF-8 bytes or more (convex-backend crates/search/src/
 * constants.rs `MAX_TEXT_TERM_LENGTH = 32` through Tantivy's `RemoveLongFilter::limit`, which
 * removes `token.text.len() >= limit`, before lower-casing).
 */
const MAX_TOKEN_BYTES = 32;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/** The terms of a text, in order, lower-cased (duplicates kept). */
export function tokenize(text: string): string[] {
  // PERF: ASCII text (most messages) is split by character codes, without the Unicode regex
  // and its match objects: indexing a million messages at a restart spent a third of its time
  // tokenizing
  const out: string[] = [];
  let start = -1;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return tokenizeUnicode(text);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start < MAX_TOKEN_BYTES) out.push(text.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  if (start >= 0 && text.length - start < MAX_TOKEN_BYTES) out.push(text.slice(start).toLowerCase());
  return out;
}

function tokenizeUnicode(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    if (Buffer.byteLength(m[0]) < MAX_TOKEN_BYTES) out.push(m[0].toLowerCase());
  }
  return out;
}

/** Query terms as Convex counts them: tokens of the query, the first 16, the last one a prefix. */
export function queryTerms(text: string): { terms: string[]; prefix: string | null } {
  const toks = tokenize(text).slice(0, MAX_SEARCH_TERMS);
  if (toks.length === 0) return { terms: [], prefix: null };
  return { terms: [...new Set(toks)], prefix: toks[toks.length - 1]! };
}

/** Postings per block in the block-max bounds (see `SearchIndex.search`). */
const BLOCK_SHIFT = 7;
/** Slots per window of the top-k walk: a window whose score bound cannot enter the top k is skipped. */
const WINDOW_SLOTS = 16384;
/** The newest documents are scored in a smaller window first (see `SearchIndex.search`). */
const FIRST_WINDOW_SLOTS = 512;
/**
 * Relative score difference under which the top-k walk treats two scores as tied (broken newest
 * first): above the 1e-9 margin the block bounds carry for floating-point rounding.
 */
const TIE_EPS = 4e-9;
/**
 * Build time slices (ms). `syncMs`: indexing stored documents when an index is declared, the rest
 * is built in the background, `sliceMs` per event-loop turn (requests are served between
 * slices), `waitSliceMs` per turn while a search waits for the build (larger: the search is
 * answered sooner, other requests still get a turn between slices). Tests lower them, and turn
 * `background` off to keep an index building until a search waits for it.
 */
export const buildSlices = { syncMs: 50, sliceMs: 20, waitSliceMs: 50, background: true };
/** Block bounds are recomputed once the average text length moved this much since they were. */
const AVG_DRIFT = 0.05;

class Postings {
  /** document slots, ascending (new documents get higher slots; compaction keeps the order) */
  slots = new Int32Array(4);
  tfs = new Uint16Array(4);
  n = 0;
  /** live documents containing the term (df for BM25) */
  live = 0;
  /**
   * Block-max bounds: per block of 128 postings, the highest BM25 term score without the idf
   * factor, computed with the average length `boundAvg`; `bounded` postings are covered. Built
   * lazily by the queries that need them (insertions only append), so writes pay nothing.
   */
  blockMax = new Float64Array(0);
  boundAvg = 0;
  bounded = 0;
  push(slot: number, tf: number) {
    if (this.n === this.slots.length) {
      const s = new Int32Array(this.n * 2);
      s.set(this.slots);
      this.slots = s;
      const t = new Uint16Array(this.n * 2);
      t.set(this.tfs);
      this.tfs = t;
    }
    this.slots[this.n] = slot;
    this.tfs[this.n] = Math.min(tf, 0xffff);
    this.n++;
    this.live++;
  }
  /** Bring the block bounds up to date for the average length `avg` (see `blockMax`). */
  bound(lengths: Uint32Array, avg: number) {
    if (this.bounded > 0 && Math.abs(avg / this.boundAvg - 1) > AVG_DRIFT) this.bounded = 0;
    if (this.bounded === this.n) return;
    if (this.bounded === 0) this.boundAvg = avg;
    const blocks = (this.n + (1 << BLOCK_SHIFT) - 1) >> BLOCK_SHIFT;
    if (this.blockMax.length < blocks) {
      const b = new Float64Array(Math.max(blocks, this.blockMax.length * 2, 4));
      b.set(this.blockMax);
      this.blockMax = b;
    }
    const k1b = (BM25_K1 * BM25_B) / this.boundAvg;
    const k1nb = BM25_K1 * (1 - BM25_B);
    // restart at the first block not fully covered (its max so far is recomputed)
    const from = (this.bounded >> BLOCK_SHIFT) << BLOCK_SHIFT;
    for (let i = from; i < this.n; i++) {
      const tf = this.tfs[i]!;
      const sc = (tf * (BM25_K1 + 1)) / (tf + k1nb + k1b * lengths[this.slots[i]!]!);
      const b = i >> BLOCK_SHIFT;
      if (i === b << BLOCK_SHIFT || sc > this.blockMax[b]!) this.blockMax[b] = sc;
    }
    this.bounded = this.n;
  }
  /** First position in [from, end) whose slot is >= `slot` (binary search: postings are sorted). */
  lowerBound(slot: number, end: number, from = 0): number {
    let lo = from;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.slots[mid]! < slot) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(a: T, min: number): T {
  if (a.length >= min) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

export interface SearchFilter {
  fieldPath: string;
  value: Value;
}

export interface SearchHit {
  id: string;
  score: number;
  creationTime: number;
}

/** One search index of one table. */
export class SearchIndex {
  private terms = new Map<string, Postings>();
  /** every term, sorted: prefix lookups are a binary search plus a bounded walk */
  private sortedTerms: string[] = [];
  private unsortedTerms: string[] = [];
  private ids: (string | null)[] = [];
  private slotOf = new Map<string, number>();
  private lengths = new Uint32Array(1024);
  private creation = new Float64Array(1024);
  /**
   * per slot: the newest `_creationTime` of the slots up to it. Slots follow insertion, not
   * creation (a re-indexed document keeps its age in a new slot): this tells a window's newest.
   */
  private newestUpTo = new Float64Array(1024);
  /** per filter field: interned value id per slot (0 = the field is missing) */
  private filterIds: Int32Array[];
  private interned: Map<string, number>[];
  private liveDocs = 0;
  private totalLength = 0;
  private dead = 0;
  /** scratch accumulator reused across queries (reset through `touched`) */
  private scratch = new Float64Array(WINDOW_SLOTS);
  private prefixScratch = new Float64Array(WINDOW_SLOTS);
  private touched = new Int32Array(WINDOW_SLOTS);
  private mark = new Uint8Array(WINDOW_SLOTS);

  constructor(readonly def: SearchIndexDef) {
    this.filterIds = def.filterFields.map(() => new Int32Array(1024));
    this.interned = def.filterFields.map(() => new Map());
  }

  get size() {
    return this.liveDocs;
  }

  /** Postings the last `search` scored in its walk (a diagnostic: how much the pruning saved). */
  lastScored = 0;

  // ---- building from the stored documents (see `SearchIndexes.define`)
  /** the stored documents not indexed yet, in (_creationTime, _id) order; null once built */
  private pending: Iterator<Doc> | null = null;
  /** the last stored document the build indexed (writes to later ones are left to the build) */
  private builtTime = -Infinity;
  private builtId = "";
  /** documents written while the build ran, before it reached them: already indexed as written */
  private writtenDuringBuild = new Set<string>();

  /** Whether the build from the stored documents is still running. */
  get building(): boolean {
    return this.pending !== null;
  }

  /**
   * Index stored documents (streamed in `_creationTime` order) until they are all indexed or
   * `budgetMs` is spent; true when done. Writes committed meanwhile reach the index through
   * `update` at once; the build skips the documents they touched.
   */
  build(docs: Iterator<Doc> | null, budgetMs = Infinity): boolean {
    if (docs) this.pending = docs;
    const it = this.pending;
    if (!it) return true;
    const until = performance.now() + budgetMs;
    for (let n = 1; ; n++) {
      const r = it.next();
      if (r.done) {
        this.pending = null;
        this.writtenDuringBuild.clear();
        return true;
      }
      this.builtTime = r.value._creationTime;
      this.builtId = r.value._id;
      if (!this.writtenDuringBuild.has(r.value._id)) this.add(r.value, true);
      if ((n & 255) === 0 && performance.now() > until) return false;
    }
  }

  /** The build was stopped before it was done: the index is incomplete and no longer used. */
  abandoned = false;

  /** Stop a running build (the deployment is stopping or the index was dropped). */
  abandon() {
    if (this.pending) this.abandoned = true;
    this.pending?.return?.();
    this.pending = null;
    this.writtenDuringBuild.clear();
  }

  /** Whether the running build has not read `doc` yet. */
  private notBuilt(doc: Doc): boolean {
    return (
      this.pending !== null &&
      (doc._creationTime > this.builtTime || (doc._creationTime === this.builtTime && doc._id > this.builtId))
    );
  }

  /** Index a document (no-op if its search field is not a string: Convex skips those too). */
  add(doc: Doc, stored = false) {
    const text = getField(doc, this.def.searchField);
    if (typeof text !== "string") return;
    const toks = tokenize(text);
    const slot = this.ids.length;
    this.ids.push(doc._id);
    this.slotOf.set(doc._id, slot);
    this.lengths = grow(this.lengths, slot + 1);
    this.creation = grow(this.creation, slot + 1);
    this.lengths[slot] = toks.length;
    this.creation[slot] = doc._creationTime;
    this.newestUpTo = grow(this.newestUpTo, slot + 1);
    this.newestUpTo[slot] = slot > 0 ? Math.max(this.newestUpTo[slot - 1]!, doc._creationTime) : doc._creationTime;
    this.setFilters(slot, doc, stored);
    // PERF: a repeated term adds to the posting this document just got (no term-count map per
    // document: indexing a million documents at a restart spent much of its time there)
    for (const t of toks) {
      let p = this.terms.get(t);
      if (!p) {
        p = new Postings();
        this.terms.set(t, p);
        this.unsortedTerms.push(t);
      }
      if (p.n > 0 && p.slots[p.n - 1] === slot) {
        if (p.tfs[p.n - 1]! < 0xffff) p.tfs[p.n - 1] = p.tfs[p.n - 1]! + 1;
      } else p.push(slot, 1);
    }
    this.liveDocs++;
    this.totalLength += toks.length;
  }

  /** Drop a document (its terms' document frequencies are recounted from its text). */
  remove(doc: Doc) {
    const slot = this.slotOf.get(doc._id);
    if (slot === undefined) return;
    this.slotOf.delete(doc._id);
    this.ids[slot] = null;
    this.liveDocs--;
    this.totalLength -= this.lengths[slot]!;
    this.dead++;
    const text = getField(doc, this.def.searchField);
    if (typeof text === "string")
      for (const t of new Set(tokenize(text))) {
        const p = this.terms.get(t);
        if (p) p.live--;
      }
    if (this.dead > 1024 && this.dead * 4 > this.ids.length) this.compact();
  }

  /** Apply one committed write (insert, replace, delete). */
  update(oldDoc: Doc | null, newDoc: Doc | null) {
    const d = newDoc ?? oldDoc;
    // A write to a document the running build has not reached is applied now and the build skips
    // that document later: the build's stream of stored documents may not see rows committed after
    // it started (a write left to it was lost under load).
    if (d && this.notBuilt(d)) this.writtenDuringBuild.add(d._id);
    if (oldDoc && newDoc && this.slotOf.has(oldDoc._id)) {
      const a = getField(oldDoc, this.def.searchField);
      const b = getField(newDoc, this.def.searchField);
      if (a === b) {
        // text unchanged: only the filter values may have moved; update them in place
        this.setFilters(this.slotOf.get(oldDoc._id)!, newDoc);
        return;
      }
    }
    if (oldDoc) this.remove(oldDoc);
    if (newDoc) this.add(newDoc);
  }

  /** `stored`: `doc` is in Convex's JSON encoding (as stored), its filter values are decoded here. */
  private setFilters(slot: number, doc: Doc, stored = false) {
    for (let f = 0; f < this.def.filterFields.length; f++) {
      this.filterIds[f] = grow(this.filterIds[f]!, slot + 1);
      const v = getField(doc, this.def.filterFields[f]!);
      const value = stored && v !== undefined ? jsonToConvex(v as JSONValue) : v;
      this.filterIds[f]![slot] = this.internId(f, value, true);
    }
  }

  /** Interned id of a filter value (0: missing field; -1: a value no document has). */
  private internId(f: number, v: Value | undefined, create: boolean): number {
    if (v === undefined) return 0;
    const k = filterKey(v);
    const m = this.interned[f]!;
    let id = m.get(k);
    if (id === undefined) {
      if (!create) return -1;
      id = m.size + 1;
      m.set(k, id);
    }
    return id;
  }

  /** Rebuild postings without the dead slots (ids, lengths and filters move to new slots). */
  private compact() {
    const remap = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    for (let s = 0; s < this.ids.length; s++) {
      const id = this.ids[s];
      if (id === null || id === undefined) continue;
      remap[s] = ids.length;
      ids.push(id);
    }
    const n = ids.length;
    const lengths = new Uint32Array(Math.max(1024, n));
    const creation = new Float64Array(Math.max(1024, n));
    const filterIds = this.filterIds.map(() => new Int32Array(Math.max(1024, n)));
    const newestUpTo = new Float64Array(Math.max(1024, n));
    for (let s = 0; s < remap.length; s++) {
      const d = remap[s]!;
      if (d < 0) continue;
      lengths[d] = this.lengths[s]!;
      creation[d] = this.creation[s]!;
      newestUpTo[d] = d > 0 ? Math.max(newestUpTo[d - 1]!, creation[d]!) : creation[d]!;
      for (let f = 0; f < filterIds.length; f++) filterIds[f]![d] = this.filterIds[f]![s]!;
    }
    for (const [t, p] of this.terms) {
      let w = 0;
      for (let i = 0; i < p.n; i++) {
        const d = remap[p.slots[i]!]!;
        if (d < 0) continue;
        p.slots[w] = d;
        p.tfs[w] = p.tfs[i]!;
        w++;
      }
      p.n = w;
      p.live = w;
      p.bounded = 0;
      if (w === 0) this.terms.delete(t);
    }
    this.sortedTerms = [...this.terms.keys()].sort();
    this.unsortedTerms = [];
    this.ids = ids;
    this.slotOf = new Map(ids.map((id, i) => [id, i]));
    this.lengths = lengths;
    this.creation = creation;
    this.newestUpTo = newestUpTo;
    this.filterIds = filterIds;
    this.dead = 0;
  }

  /** Terms some live document has, starting with `prefix` and not in `exact`, in term order. */
  private expandPrefix(prefix: string, exact: Set<string>): string[] {
    if (this.unsortedTerms.length) {
      // merge the new terms into the sorted list (new terms are few between queries)
      this.sortedTerms = this.sortedTerms.concat(this.unsortedTerms.sort());
      this.sortedTerms.sort();
      this.unsortedTerms = [];
    }
    const a = this.sortedTerms;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < a.length && out.length < MAX_PREFIX_TERMS && a[i]!.startsWith(prefix); i++) {
      const t = a[i]!;
      if (!exact.has(t) && (this.terms.get(t)?.live ?? 0) > 0) out.push(t);
    }
    return out;
  }

  /**
   * The prefix completions scored for a query: the first MAX_PREFIX_TERMS in term order (as
   * Convex), less those whose postings would pass PREFIX_POSTINGS_BUDGET.
   */
  private boundedExpansions(prefix: string, exact: Set<string>): string[] {
    const out: string[] = [];
    let budget = PREFIX_POSTINGS_BUDGET;
    for (const t of this.expandPrefix(prefix, exact)) {
      const n = this.terms.get(t)!.n;
      if (n > budget) continue;
      budget -= n;
      out.push(t);
    }
    return out;
  }

  /** BM25 inverse document frequency of a term over the whole index. */
  idf(term: string): number {
    const df = this.terms.get(term)?.live ?? 0;
    const n = Math.max(this.liveDocs, 1);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25 score of a text that is not (yet) in the index (a transaction's own write). */
  scoreText(text: string, query: { terms: string[]; prefix: string | null }): number {
    const toks = tokenize(text);
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    const avg = this.liveDocs ? this.totalLength / this.liveDocs : toks.length || 1;
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * toks.length) / (avg || 1));
    for (const t of query.terms) {
      const n = tf.get(t);
      if (n) score += (this.idf(t) * n * (BM25_K1 + 1)) / (n + norm);
    }
    if (query.prefix) {
      let best = 0;
      for (const [t, n] of tf) {
        if (t === query.prefix || !t.startsWith(query.prefix) || query.terms.includes(t)) continue;
        best = Math.max(best, (this.idf(t) * n * (BM25_K1 + 1)) / (n + norm));
      }
      score += best;
    }
    return score;
  }

  /**
   * The best `limit` documents for `text` among those whose filter fields equal `filters`,
   * excluding `exclude` (ids a transaction rewrote). Reads no document.
   *
   * PERF: exact top-k with block-max pruning. The slots are walked in windows of WINDOW_SLOTS,
   * newest first; a window's score bound is the sum over the exact terms (the max over the
   * prefix expansions) of the highest block bound of their postings in it. Once the heap holds
   * `limit` hits, a window whose bound is below the heap's worst score cannot change the result
   * and is skipped without scoring; frequent words, whose best documents fill the heap early, read
   * a small part of their postings. (Hand-written: no maintained JS library does BM25 top-k over
   * typed arrays with Convex's prefix and filter semantics.)
   */
  search(text: string, filters: SearchFilter[], limit: number, exclude?: Set<string>): SearchHit[] {
    // answers are never partial: a search from a worker waited for the build (SearchIndexes
    // whenBuilt); one here before the build is done (function code on the main thread) finishes it
    if (this.pending) this.build(null);
    this.lastScored = 0;
    const q = queryTerms(text);
    if (q.terms.length === 0 || limit <= 0) return [];
    const fIdx: number[] = [];
    const fVal: number[] = [];
    for (const f of filters) {
      const i = this.def.filterFields.indexOf(f.fieldPath);
      if (i < 0) throw new Error(`Search filter on ${f.fieldPath}, which is not a filter field of ${this.def.name}`);
      const id = this.internId(i, f.value, false);
      if (id < 0) return []; // no indexed document has that value
      fIdx.push(i);
      fVal.push(id);
    }
    // prefix expansions of the last term are scored as their own terms, a document counting its
    // best prefix expansion once (exact terms add up)
    const exact = new Set(q.terms);
    const avg = this.liveDocs ? this.totalLength / this.liveDocs : 1;
    const terms: Term[] = [];
    const addTerm = (t: string, prefix: boolean) => {
      const p = this.terms.get(t);
      if (!p || p.n === 0) return;
      p.bound(this.lengths, avg);
      // bounds computed with a smaller average stay valid once scaled by avg / boundAvg (a
      // larger average only lowers the length part of the denominator by that factor)
      const scale = Math.max(1, avg / p.boundAvg) * (1 + 1e-9);
      terms.push({ p, idf: this.idf(t), prefix, end: p.n, start: p.n, scale, bound: 0 });
    };
    for (const t of q.terms) addTerm(t, false);
    if (q.prefix) for (const t of this.boundedExpansions(q.prefix, exact)) addTerm(t, true);
    if (terms.length === 0) return [];

    const k = Math.min(limit, MAX_SEARCH_RESULTS);
    const heap: SearchHit[] = [];
    const worse = (a: SearchHit, b: SearchHit) =>
      a.score < b.score || (a.score === b.score && a.creationTime < b.creationTime);
    const acc = this.scratch;
    const pacc = this.prefixScratch;
    const touched = this.touched;
    const lengths = this.lengths;
    const creation = this.creation;
    const ids = this.ids;
    const fArrays = fIdx.map((i) => this.filterIds[i]!);
    const nf = fArrays.length;
    const hasExclude = exclude !== undefined && exclude.size > 0;
    const k1b = (BM25_K1 * BM25_B) / avg;
    const k1nb = BM25_K1 * (1 - BM25_B);

    const mark = this.mark;
    // the exact terms are groups of their own; the prefix expansions form one group (max)
    const groups: Term[][] = terms.filter((t) => !t.prefix).map((t) => [t]);
    const prefixGroup = terms.filter((t) => t.prefix);
    if (prefixGroup.length) groups.push(prefixGroup);
    const groupBound = new Float64Array(groups.length);
    const order = groups.map((_, i) => i);
    let scored = 0;
    const exactTerms = groups.length - (prefixGroup.length ? 1 : 0);
    /** The score of slot `s` in the current window: exact terms in query order, then the best completion. */
    const canonicalScore = (s: number): number => {
      let sc = 0;
      let best = 0;
      for (const t of terms) {
        const i = t.p.lowerBound(s, t.end, t.start);
        if (i === t.end || t.p.slots[i] !== s) continue;
        const tf = t.p.tfs[i]!;
        const x = (t.idf * tf * (BM25_K1 + 1)) / (tf + k1nb + k1b * lengths[s]!);
        if (!t.prefix) sc += x;
        else if (x > best) best = x;
      }
      return sc + best;
    };
    // the first window is small and each next one twice as large up to WINDOW_SLOTS: until the
    // heap holds k hits nothing can be skipped, and a frequent word's newest documents fill it
    // long before a whole window of them is scored
    for (let hi = ids.length, size = FIRST_WINDOW_SLOTS; hi > 0; hi -= size, size = Math.min(size * 2, WINDOW_SLOTS)) {
      const lo = Math.max(0, hi - size);
      let any = false;
      for (const t of terms) {
        t.start = t.end > 0 && t.p.slots[t.end - 1]! >= lo ? t.p.lowerBound(lo, t.end) : t.end;
        t.bound = 0;
        if (t.start === t.end) continue;
        any = true;
        let m = 0;
        const bm = t.p.blockMax;
        for (let b = t.start >> BLOCK_SHIFT, e = (t.end - 1) >> BLOCK_SHIFT; b <= e; b++) if (bm[b]! > m) m = bm[b]!;
        t.bound = m * t.idf * t.scale;
      }
      if (!any) continue;
      let total = 0;
      for (let g = 0; g < groups.length; g++) {
        let m = 0;
        for (const t of groups[g]!) if (t.bound > m) m = t.bound;
        groupBound[g] = m;
        total += m;
      }
      const full = heap.length >= k;
      // Below `cut` nothing can enter the top k. It is the heap's worst score, or a hair above
      // it when no document of the window is newer than the heap's worst: then a document
      // scoring the same loses the tie (ties newest first), and the many documents of a frequent
      // word that tie with the k-th best (same count, same length) are skipped too. A hair:
      // TIE_EPS covers the bounds' own rounding margin, so scores within it count as ties.
      const cut = full
        ? this.newestUpTo[hi - 1]! <= heap[0]!.creationTime
          ? heap[0]!.score * (1 + TIE_EPS)
          : heap[0]!.score
        : -1;
      if (full && total < cut) {
        for (const t of terms) t.end = t.start;
        continue;
      }
      // MaxScore: groups whose bounds together stay below the threshold cannot make a document
      // enter the top k on their own; only the other ("essential") groups' postings are walked
      // for candidates, the lower ones are looked up for those candidates only
      // PERF: insertion sort of at most 17 groups (Array.sort allocated a work array per window)
      for (let i = 1; i < order.length; i++) {
        const x = order[i]!;
        let j = i - 1;
        for (; j >= 0 && groupBound[order[j]!]! > groupBound[x]!; j--) order[j + 1] = order[j]!;
        order[j + 1] = x;
      }
      let nonEssential = 0;
      for (let cum = 0; full && nonEssential < order.length; nonEssential++) {
        cum += groupBound[order[nonEssential]!]!;
        if (cum >= cut) break;
      }
      let nTouched = 0;
      for (let o = nonEssential; o < order.length; o++) {
        const g = order[o]!;
        // Block skipping inside the window: a block whose bound plus the other groups' window
        // bounds stays below the threshold holds no document that can enter the top k. A
        // document of such a block that another term made a candidate is then scored low, which
        // cannot matter either: its full score is below the threshold too.
        const need = full ? cut - (total - groupBound[g]!) : -Infinity;
        for (const t of groups[g]!) {
          const { slots, tfs } = t.p;
          const { idf, prefix, end, scale } = t;
          const bm = t.p.blockMax;
          let i = t.start;
          while (i < end) {
            const b = i >> BLOCK_SHIFT;
            const blockEnd = Math.min(end, (b + 1) << BLOCK_SHIFT);
            if (bm[b]! * idf * scale < need) {
              i = blockEnd;
              continue;
            }
            scored += blockEnd - i;
            outer: for (; i < blockEnd; i++) {
              const s = slots[i]!;
              for (let f = 0; f < nf; f++) if (fArrays[f]![s] !== fVal[f]) continue outer;
              if (ids[s] === null) continue;
              const tf = tfs[i]!;
              const sc = (idf * tf * (BM25_K1 + 1)) / (tf + k1nb + k1b * lengths[s]!);
              const w = s - lo;
              if (mark[w] === 0) {
                mark[w] = 1;
                touched[nTouched++] = w;
              }
              if (prefix) {
                if (sc > pacc[w]!) pacc[w] = sc;
              } else acc[w]! += sc;
            }
          }
        }
      }
      if (nonEssential > 0 && nTouched > 0) {
        // a candidate whose score so far plus every lower group's bound stays below the
        // threshold cannot enter the top k: drop it before looking the lower terms up (most
        // candidates of a frequent word, each otherwise looked up in every prefix expansion)
        let rest = 0;
        for (let o = 0; o < nonEssential; o++) rest += groupBound[order[o]!]!;
        const least = cut - rest;
        let kept = 0;
        for (let c = 0; c < nTouched; c++) {
          const w = touched[c]!;
          if (acc[w]! + pacc[w]! < least) {
            acc[w] = 0;
            pacc[w] = 0;
            mark[w] = 0;
          } else touched[kept++] = w;
        }
        nTouched = kept;
      }
      if (nonEssential > 0 && nTouched > 0) {
        // the candidates in slot order, merged with each lower term's postings in the window
        const cand = touched.subarray(0, nTouched).sort();
        for (let o = 0; o < nonEssential; o++)
          for (const t of groups[order[o]!]!) {
            const { slots, tfs } = t.p;
            const { idf, prefix, end } = t;
            let i = t.start;
            for (let c = 0; c < nTouched && i < end; c++) {
              const s = cand[c]! + lo;
              if (slots[i]! < s) {
                // gallop to the first posting >= s
                let step = 1;
                let j = i;
                while (j + step < end && slots[j + step]! < s) {
                  j += step;
                  step *= 2;
                }
                let hi2 = Math.min(end, j + step + 1);
                let lo2 = j + 1;
                while (lo2 < hi2) {
                  const mid = (lo2 + hi2) >> 1;
                  if (slots[mid]! < s) lo2 = mid + 1;
                  else hi2 = mid;
                }
                i = lo2;
                if (i >= end) break;
              }
              if (slots[i] !== s) continue;
              const tf = tfs[i]!;
              const sc = (idf * tf * (BM25_K1 + 1)) / (tf + k1nb + k1b * lengths[s]!);
              const w = s - lo;
              if (prefix) {
                if (sc > pacc[w]!) pacc[w] = sc;
              } else acc[w]! += sc;
            }
          }
      }
      for (let i = 0; i < nTouched; i++) {
        const w = touched[i]!;
        const s = w + lo;
        let sc = acc[w]! + pacc[w]!;
        acc[w] = 0;
        pacc[w] = 0;
        mark[w] = 0;
        const ct = creation[s]!;
        // PERF: most candidates lose to the heap's worst: decide before allocating a hit
        if (heap.length >= k && sc < heap[0]!.score * (1 - 1e-12)) continue;
        // Several exact terms were summed in the order the window walked them, which differs
        // between windows: equal scores could differ in their last bit and a tie go to the older
        // document. The candidates that reach the heap are rescored in query-term order.
        if (exactTerms > 1) sc = canonicalScore(s);
        if (heap.length >= k) {
          const top = heap[0]!;
          if (sc < top.score || (sc === top.score && ct <= top.creationTime)) continue;
        }
        const id = ids[s]!;
        if (hasExclude && exclude!.has(id)) continue;
        const hit = { id, score: sc, creationTime: ct };
        if (heap.length < k) heapPush(heap, hit, worse);
        else {
          heap[0] = hit;
          siftDown(heap, 0, worse);
        }
      }
      for (const t of terms) t.end = t.start;
    }
    this.lastScored = scored;
    return heap.sort((a, b) => b.score - a.score || b.creationTime - a.creationTime);
  }
}

/** A query term during a search: its postings, weight and the window walk's state. */
interface Term {
  p: Postings;
  idf: number;
  prefix: boolean;
  /** postings [start, end) fall in the current window */
  start: number;
  end: number;
  /** block bounds' scale for the current average length */
  scale: number;
  /** the term's score bound in the current window */
  bound: number;
}

function heapPush<T>(h: T[], x: T, less: (a: T, b: T) => boolean) {
  h.push(x);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(h[i]!, h[p]!)) break;
    [h[i], h[p]] = [h[p]!, h[i]!];
    i = p;
  }
}
function siftDown<T>(h: T[], i: number, less: (a: T, b: T) => boolean) {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && less(h[l]!, h[m]!)) m = l;
    if (r < h.length && less(h[r]!, h[m]!)) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m]!, h[i]!];
    i = m;
  }
}

/** Interning key of a filter value: equal Convex values get equal keys. */
function filterKey(v: Value): string {
  if (typeof v === "string") return `s${v}`;
  if (v === null) return "n";
  if (typeof v === "number") return `f${Object.is(v, -0) ? "-0" : String(v)}`;
  if (typeof v === "bigint") return `i${v}`;
  if (typeof v === "boolean") return v ? "t" : "F";
  return `j${JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x))}`;
}

/** Whether a document's filter fields equal the search filters (for a transaction's own writes). */
function matchesFilters(doc: Doc, filters: SearchFilter[]): boolean {
  for (const f of filters) {
    const v = getField(doc, f.fieldPath);
    if (v === undefined || compareValues(v as Value, f.value) !== 0) return false;
  }
  return true;
}

function abandonedError(idx: SearchIndex): Error {
  return new Error(`Search index ${idx.def.name} was dropped or redefined while the search waited for its build`);
}

/** All search indexes of the deployment, by internal table key and index name. */
export class SearchIndexes {
  private byTable = new Map<string, Map<string, SearchIndex>>();

  private timer: NodeJS.Immediate | null = null;

  /**
   * Declare the search indexes of `table`; indexes whose definition is unchanged are kept, the
   * others are built from `docs()` (the table's stored documents, in `_creationTime` order, in
   * Convex's JSON encoding: the build decodes only the fields it indexes; a string is the same
   * in both encodings, so the search field needs no decoding).
   *
   * Stored documents are indexed at once for up to `buildSlices.syncMs` (small tables are ready
   * when this returns); a larger table's index is built in the background, `buildSlices.sliceMs`
   * per event-loop turn, so a restart on a million documents serves requests at once. A search
   * from a worker on an index still being built waits for it (`whenBuilt`: answers are never
   * partial) while other requests are served; one on the main thread finishes the build first. Nothing of an index is persisted: it is derived from
   * the stored documents at every start.
   */
  define(table: string, defs: SearchIndexDef[], docs: () => Iterable<Doc>) {
    const old = this.byTable.get(table);
    const next = new Map<string, SearchIndex>();
    for (const d of defs) {
      const prev = old?.get(d.name);
      if (prev && JSON.stringify(prev.def) === JSON.stringify(d)) {
        next.set(d.name, prev);
        continue;
      }
      const idx = new SearchIndex(d);
      if (!idx.build(docs()[Symbol.iterator](), buildSlices.syncMs)) this.scheduleBuilds();
      next.set(d.name, idx);
    }
    for (const [name, idx] of old ?? []) if (next.get(name) !== idx) idx.abandon();
    if (next.size) this.byTable.set(table, next);
    else this.byTable.delete(table);
    this.settleWaiters();
  }

  /** Searches waiting for an index's build (`whenBuilt`), in arrival order. */
  private waiters: { idx: SearchIndex; resolve: () => void; reject: (e: Error) => void }[] = [];

  /** Whether some index is still being built. */
  get busy(): boolean {
    return this.timer !== null || this.building() !== undefined;
  }

  /** How many searches wait for a build now. */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves once `idx` is built (at once if it is). While a search waits, its index is built
   * first, in larger slices; the event loop still serves other requests between them. Rejects if
   * the build is abandoned (index dropped or redefined, deployment stopping).
   */
  whenBuilt(idx: SearchIndex): Promise<void> {
    if (idx.abandoned) return Promise.reject(abandonedError(idx));
    if (!idx.building) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ idx, resolve, reject });
      this.scheduleBuilds();
    });
  }

  private settleWaiters() {
    if (this.waiters.length === 0) return;
    this.waiters = this.waiters.filter((w) => {
      if (w.idx.abandoned) w.reject(abandonedError(w.idx));
      else if (!w.idx.building) w.resolve();
      else return true;
      return false;
    });
  }

  private scheduleBuilds() {
    if (this.timer) return;
    this.timer = setImmediate(() => {
      this.timer = null;
      const waited = this.waiters[0]?.idx;
      if (waited) waited.build(null, buildSlices.waitSliceMs);
      else if (buildSlices.background) this.building()?.build(null, buildSlices.sliceMs);
      this.settleWaiters();
      if (this.building() && (this.waiters.length > 0 || buildSlices.background)) this.scheduleBuilds();
    });
  }

  /** An index whose background build is not done, if any (they are built one after the other). */
  private building(): SearchIndex | undefined {
    for (const m of this.byTable.values()) for (const idx of m.values()) if (idx.building) return idx;
    return undefined;
  }

  /** Stop the background builds (before the store closes). */
  close() {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    for (const m of this.byTable.values()) for (const idx of m.values()) idx.abandon();
    this.settleWaiters();
  }

  /** Drop the indexes of tables not in `keep` (their schema no longer declares any). */
  retain(keep: (table: string) => boolean) {
    for (const [t, m] of [...this.byTable])
      if (!keep(t)) {
        for (const idx of m.values()) idx.abandon();
        this.byTable.delete(t);
      }
    this.settleWaiters();
  }

  get(table: string, name: string): SearchIndex | undefined {
    return this.byTable.get(table)?.get(name);
  }

  /** Apply committed writes (called inside the commit, after the documents are applied). */
  apply(writes: Iterable<{ table: string; oldDoc: Doc | null; newDoc: Doc | null }>) {
    for (const w of writes) {
      const m = this.byTable.get(w.table);
      if (!m) continue;
      for (const idx of m.values()) idx.update(w.oldDoc, w.newDoc);
    }
  }
}

/** The search index a query names (`table.index`, in the caller's component). */
function searchIndexOf(e: Engine, ctx: ExecContext, name: string) {
  const dot = name.indexOf(".");
  const tableName = tableKey(ctx.componentPath, name.slice(0, dot));
  const indexName = name.slice(dot + 1);
  return { tableName, indexName, index: e.search.get(tableName, indexName) };
}

/** The index a query's search still waits for (its background build is not done), if any. */
export function buildingIndexOf(e: Engine, ctx: ExecContext, query: SerializedQuery): SearchIndex | undefined {
  if (query?.source?.type !== "Search" || typeof query.source.indexName !== "string") return undefined;
  const { index } = searchIndexOf(e, ctx, query.source.indexName);
  return index?.building ? index : undefined;
}

/**
 * Run a `withSearchIndex` query: ranked ids from the index, merged with the transaction's own
 * writes, then `.filter()` and `.take()`. Only the documents handed to the caller (or to its
 * `.filter()`) are read. The read set is the table restricted to the equality filters: any write
 * of a document whose filter fields equal them (before or after the write) invalidates the
 * query, whatever its text; simpler than tracking terms and still correct.
 */
export function* searchScan(e: Engine, ctx: ExecContext, query: SerializedQuery): Generator<Doc> {
  const txn = ctx.txn!;
  const src = query.source;
  if (src.type !== "Search") throw new Error(`Not a search query: ${src.type}`);
  const { tableName, indexName, index } = searchIndexOf(e, ctx, src.indexName);
  if (!index) throw new Error(`Search index ${src.indexName} not found.`);
  txn.metrics.databaseQueries++;
  let text: string | null = null;
  const filters: SearchFilter[] = [];
  for (const f of src.filters ?? []) {
    if (f.type === "Search") {
      if (f.fieldPath !== index.def.searchField)
        throw new Error(`Search field ${f.fieldPath} is not the search field of ${src.indexName}`);
      text = String(f.value);
    } else filters.push({ fieldPath: f.fieldPath, value: jsonToConvex(f.value) });
  }
  if (text === null) throw new Error(`A search query on ${src.indexName} needs a .search() term`);
  txn.reads.push({
    table: tableName,
    kind: "range",
    index: `search:${indexName}`,
    fields: filters.map((f) => f.fieldPath),
    lo: filters.map((f) => f.value),
    loIncl: true,
    hi: filters.map((f) => f.value),
    hiIncl: true,
    loOpen: false,
    hiOpen: false,
  });
  const post = queryFilters(query);
  const limit = Math.min(MAX_SEARCH_RESULTS, queryLimit(query));
  if (limit <= 0) return;
  const tw = txn.writesByTable.get(tableName);
  const exclude = tw ? new Set(tw.keys()) : undefined;
  // with a .filter() some hits are dropped: ask the index for all it may return
  const hits: (SearchHit & { doc?: Doc })[] = index.search(
    text,
    filters,
    post.length ? MAX_SEARCH_RESULTS : limit,
    exclude,
  );
  if (tw) {
    const q = queryTerms(text);
    let added = false;
    for (const d of tw.values()) {
      if (!d || !matchesFilters(d, filters)) continue;
      const v = getField(d, index.def.searchField);
      if (typeof v !== "string") continue;
      const score = index.scoreText(v, q);
      if (score > 0) {
        hits.push({ id: d._id, score, creationTime: d._creationTime, doc: d });
        added = true;
      }
    }
    if (added) hits.sort((a, b) => b.score - a.score || b.creationTime - a.creationTime);
  }
  const table = e.db.getTable(tableName);
  let n = 0;
  for (let i = 0; i < hits.length && i < MAX_SEARCH_RESULTS; i++) {
    const h = hits[i]!;
    const doc = h.doc ?? (table ? readDoc(e, txn, table, h.id) : null);
    if (!doc) continue;
    trackRead(e, txn, doc);
    if (!post.every((f) => evalFilter(doc, f))) continue;
    yield doc;
    if (++n >= limit) return;
  }
}
