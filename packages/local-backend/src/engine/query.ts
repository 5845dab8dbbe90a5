/**
 * Query planning and execution: index range scans merged with the transaction's own writes,
 * `.filter()`/`.take()`, search (through the search indexes of search.ts) and pagination with
 * Convex's cursors, end cursors and split cursors.
 */
import type { Engine } from "../engine.js";
import { encodeKey, MAX_KEY, MIN_KEY, prefixEnd } from "../sorted.js";
import { type KeyBounds, Table } from "../storage.js";
import {
  compareKeys,
  comparePrefix,
  type Doc,
  decodeCursor,
  docJsonString,
  docSize,
  END_CURSOR,
  encodeCursor,
  jsonToConvex,
  type Key,
  RawJson,
  type Value,
} from "../values.js";
import { trackRead } from "./documents.js";
import { evalFilter } from "./filter.js";
import { searchScan } from "./search.js";
import { type IndexRangeExpr, queryFilters, queryLimit, type SerializedQuery } from "./serialized.js";
import { type ExecContext, type ReadRange, type Transaction, tableKey } from "./transaction.js";

/**
 * Produce documents of an index range (merged with the transaction's own writes)
 * in index order, starting strictly after `after` (a full key) and stopping after
 * `until` (inclusive), if given.
 */
function* scan(
  e: Engine,
  txn: Transaction,
  tableName: string,
  indexName: string,
  range: IndexRangeExpr[],
  order: "asc" | "desc",
  after: Key | null,
  until: Key | null,
): Generator<{ doc: Doc; key: Key }> {
  const table = e.db.getTable(tableName);
  txn.metrics.databaseQueries++;
  let fields: string[];
  if (indexName === "by_creation_time" || indexName === "by_id") fields = [];
  else {
    const idx = table?.indexes.get(indexName);
    const sch = e.schemaTables.get(tableName)?.indexes.get(indexName);
    if (!idx && !sch) throw new Error(`Index ${tableName}.${indexName} not found.`);
    fields = idx?.fields ?? sch!;
  }
  const keyFields = indexName === "by_id" ? ["_id"] : [...fields, "_creationTime", "_id"];
  // compute bounds
  const eqs: Key = [];
  let lower: { v: Value | undefined; incl: boolean } | null = null;
  let upper: { v: Value | undefined; incl: boolean } | null = null;
  let fi = 0;
  for (const r of range) {
    const expected = keyFields[fi];
    if (r.fieldPath !== expected && !(r.type !== "Eq" && r.fieldPath === keyFields[fi])) {
      throw new Error(
        `Uhoh, the index range for ${tableName}.${indexName} uses field ${r.fieldPath} out of order (expected ${expected}).`,
      );
    }
    // `q.eq("field", undefined)` arrives as {$undefined: null} (convexOrUndefinedToJson): a
    // missing field, which sorts before null in an index key.
    const v = isUndefinedJson(r.value) ? undefined : jsonToConvex(r.value);
    if (r.type === "Eq") {
      if (lower || upper) throw new Error("Index range: Eq after a range bound");
      eqs.push(v);
      fi++;
    } else if (r.type === "Gt" || r.type === "Gte") lower = { v, incl: r.type === "Gte" };
    else if (r.type === "Lt" || r.type === "Lte") upper = { v, incl: r.type === "Lte" };
  }
  const lo: Key = lower ? [...eqs, lower.v] : [...eqs];
  const loIncl = lower ? lower.incl : true;
  const hi: Key = upper ? [...eqs, upper.v] : [...eqs];
  const hiIncl = upper ? upper.incl : true;
  const rangeRead: ReadRange = {
    table: tableName,
    kind: "range",
    index: indexName,
    fields: keyFields,
    lo,
    loIncl,
    hi,
    hiIncl,
    loOpen: false,
    hiOpen: false,
  };
  txn.reads.push(rangeRead);
  // The read set is what the caller observed, as on Convex: once it holds the row with key k,
  // it has seen [lo, k] (asc) or [k, hi] (desc), and a write beyond k cannot change its result.
  // `.first()`/`.take(n)` on a busy range would otherwise conflict with every insert into it
  // (optimistic concurrency re-runs) and re-run subscriptions for rows they never saw. The full
  // range comes back once the scan is exhausted.
  const observed = (k: Key) => {
    if (order === "asc") {
      rangeRead.hi = k;
      rangeRead.hiIncl = true;
    } else {
      rangeRead.lo = k;
      rangeRead.loIncl = true;
    }
  };
  const exhausted = () => {
    rangeRead.lo = lo;
    rangeRead.loIncl = loIncl;
    rangeRead.hi = hi;
    rangeRead.hiIncl = hiIncl;
  };
  // PERF: plain module functions (keyInRange/keyAfterOk/keyUntilOk) instead of per-scan closures
  // overlay (transaction writes)
  const overlay: { doc: Doc; key: Key }[] = [];
  const tw = txn.writesByTable.get(tableName);
  const idxDef = { name: indexName, fields };
  if (tw) {
    for (const d of tw.values()) {
      if (!d) continue;
      const k = Table.keyFor(idxDef, d);
      if (keyInRange(k, lo, loIncl, hi, hiIncl) && keyAfterOk(k, after, order) && keyUntilOk(k, until, order))
        overlay.push({ doc: d, key: k });
    }
    overlay.sort((a, b) => (order === "asc" ? compareKeys(a.key, b.key) : compareKeys(b.key, a.key)));
  }
  let oi = 0;
  const idx = table?.indexes.get(indexName);
  if (idx && table) {
    for (const row of e.db.scanIndex(idx, keyBounds(lo, loIncl, hi, hiIncl, after, until, order), order)) {
      if (tw?.has(row.doc._id)) continue;
      const key = Table.keyFor(idxDef, row.doc);
      while (oi < overlay.length) {
        const o = overlay[oi]!;
        const c = compareKeys(o.key, key);
        if (order === "asc" ? c < 0 : c > 0) {
          oi++;
          observed(o.key);
          yield o;
        } else break;
      }
      observed(key);
      yield { doc: row.doc, key };
    }
  }
  while (oi < overlay.length) {
    const o = overlay[oi++]!;
    observed(o.key);
    yield o;
  }
  exhausted();
}

/** Returns the internal table key for the query's table (checked for system access). */
function compileSource(
  _e: Engine,
  ctx: ExecContext,
  query: SerializedQuery,
): { table: string; index: string; range: IndexRangeExpr[]; order: "asc" | "desc" } {
  const src = query.source;
  const user: string =
    src.type === "FullTableScan" ? src.tableName : src.indexName.slice(0, src.indexName.indexOf("."));
  if (ctx.componentPath === "" && user === "_cron_state") throw new Error(`System table '${user}' is not accessible`);
  const key = tableKey(ctx.componentPath, user);
  if (src.type === "FullTableScan") {
    return { table: key, index: "by_creation_time", range: [], order: src.order ?? "asc" };
  }
  if (src.type === "IndexRange") {
    const dot = src.indexName.indexOf(".");
    return {
      table: key,
      index: src.indexName.slice(dot + 1),
      range: src.range,
      order: src.order ?? "asc",
    };
  }
  throw new Error(`Unsupported query source ${(src as { type: string }).type}`);
}

export function* runQueryPlan(e: Engine, ctx: ExecContext, query: SerializedQuery): Generator<Doc> {
  const txn = ctx.txn!;
  const src = query.source;
  if (src.type === "Search") {
    yield* searchScan(e, ctx, query);
    return;
  }
  const { table, index, range, order } = compileSource(e, ctx, query);
  const filters = queryFilters(query);
  const limit = queryLimit(query);
  if (limit <= 0) return;
  let n = 0;
  for (const { doc } of scan(e, txn, table, index, range, order, null, null)) {
    trackRead(e, txn, doc);
    if (filters.every((f) => evalFilter(doc, f))) {
      yield doc;
      if (++n >= limit) return;
    }
  }
}

/** `1.0/queryPage` arguments (convex/server's `paginate`). */
export interface QueryPageArgs {
  query: SerializedQuery;
  cursor: string | null;
  endCursor?: string | null;
  pageSize: number;
  maximumRowsRead?: number;
  maximumBytesRead?: number;
}

export function queryPage(e: Engine, ctx: ExecContext, a: QueryPageArgs) {
  const txn = ctx.txn!;
  if (ctx.paginated)
    throw new Error(
      "This query or mutation function ran multiple paginated queries. Convex only supports a single paginated query in each function.",
    );
  ctx.paginated = true;
  const { query, cursor, pageSize, maximumRowsRead, maximumBytesRead } = a;
  let endCursor: string | null = a.endCursor ?? null;
  if (!endCursor && ctx.journal?.endCursor) endCursor = ctx.journal.endCursor;
  if (query.source.type === "Search")
    throw new Error("paginate() is not supported on search queries by the local backend");
  const { table, index, range, order } = compileSource(e, ctx, query);
  const filters = queryFilters(query);
  if (cursor === END_CURSOR) {
    const j = { endCursor: END_CURSOR };
    ctx.outJournal = j;
    return { page: [], isDone: true, continueCursor: END_CURSOR, splitCursor: null, pageStatus: null };
  }
  const after = cursor ? decodeCursor(cursor) : null;
  const until = endCursor && endCursor !== END_CURSOR ? decodeCursor(endCursor) : null;
  const page: Doc[] = [];
  let rows = 0,
    bytes = 0;
  let lastKey: Key | null = null;
  let reachedEnd = true;
  let pageStatus: string | null = null;
  const keys: Key[] = [];
  for (const { doc, key } of scan(e, txn, table, index, range, order, after, until)) {
    trackRead(e, txn, doc);
    rows++;
    bytes += docSize(doc);
    lastKey = key;
    if (filters.every((f) => evalFilter(doc, f))) {
      page.push(doc);
      keys.push(key);
    }
    if ((maximumRowsRead && rows >= maximumRowsRead) || (maximumBytesRead && bytes >= maximumBytesRead)) {
      if (!endCursor) {
        pageStatus = "SplitRequired";
        reachedEnd = false;
        break;
      }
    }
    if (!endCursor && page.length >= pageSize) {
      reachedEnd = false;
      break;
    }
  }
  // shrink the recorded read range to what we actually read
  let continueCursor: string;
  let isDone: boolean;
  if (endCursor) {
    continueCursor = endCursor;
    isDone = endCursor === END_CURSOR;
  } else if (reachedEnd) {
    continueCursor = END_CURSOR;
    isDone = true;
  } else {
    continueCursor = encodeCursor(lastKey!);
    isDone = false;
  }
  let splitCursor: string | null = null;
  if (pageStatus === "SplitRequired" || page.length > 2 * Math.max(1, pageSize)) {
    if (keys.length >= 2) {
      splitCursor = encodeCursor(keys[Math.floor((keys.length - 1) / 2)]!);
      pageStatus = pageStatus ?? "SplitRecommended";
    }
  }
  ctx.outJournal = { endCursor: continueCursor };
  const rest = JSON.stringify({ isDone, continueCursor, splitCursor, pageStatus });
  return new RawJson(`{"page":[${page.map(docJsonString).join(",")}],${rest.slice(1)}`);
}

// ---------------------------------------------------------------- scan bounds
/**
 * The encoded-key bounds of an index range (prefixes `lo`/`hi` of the key) narrowed by a
 * pagination cursor (`after`, exclusive) and end cursor (`until`, inclusive), in scan order.
 */
export function keyBounds(
  lo: Key,
  loIncl: boolean,
  hi: Key,
  hiIncl: boolean,
  after: Key | null,
  until: Key | null,
  order: "asc" | "desc",
): KeyBounds {
  const b: KeyBounds = {
    lower: lo.length === 0 ? MIN_KEY : loIncl ? encodeKey(lo) : prefixEnd(encodeKey(lo)),
    lowerIncl: true,
    upper: hi.length === 0 ? MAX_KEY : hiIncl ? prefixEnd(encodeKey(hi)) : encodeKey(hi),
    upperIncl: false,
  };
  const raise = (k: Uint8Array, incl: boolean) => {
    const c = Buffer.compare(k, b.lower);
    if (c > 0 || (c === 0 && !incl)) [b.lower, b.lowerIncl] = [k, incl];
  };
  const lower = (k: Uint8Array, incl: boolean) => {
    const c = Buffer.compare(k, b.upper);
    if (c < 0 || (c === 0 && !incl)) [b.upper, b.upperIncl] = [k, incl];
  };
  if (after) (order === "asc" ? raise : lower)(encodeKey(after), false);
  if (until) (order === "asc" ? lower : raise)(encodeKey(until), true);
  return b;
}
function keyInRange(k: Key, lo: Key, loIncl: boolean, hi: Key, hiIncl: boolean): boolean {
  const a = comparePrefix(k, lo);
  if (a < 0 || (a === 0 && !loIncl && lo.length > 0)) return false;
  const b = comparePrefix(k, hi);
  if (b > 0 || (b === 0 && !hiIncl && hi.length > 0)) return false;
  return true;
}
function keyAfterOk(k: Key, after: Key | null, order: "asc" | "desc"): boolean {
  if (after) {
    const c = compareKeys(k, after);
    if (order === "asc" ? c <= 0 : c >= 0) return false;
  }
  return true;
}
function keyUntilOk(k: Key, until: Key | null, order: "asc" | "desc"): boolean {
  if (until) {
    const c = compareKeys(k, until);
    if (order === "asc" ? c > 0 : c < 0) return false;
  }
  return true;
}

function isUndefinedJson(json: unknown): boolean {
  return typeof json === "object" && json !== null && !Array.isArray(json) && "$undefined" in json;
}
