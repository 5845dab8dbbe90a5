import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import {
  CommitTsPlaceholder,
  compareValues,
  convexToJson,
  getDocumentSize,
  type JSONValue,
  jsonToConvex,
  type Value,
} from "convex/values";

export type { Value };
export { compareValues, convexToJson, jsonToConvex };

/**
 * A stored document. Its fields are Convex values of the table's (unchecked, possibly absent)
 * schema, read through `getField`, by narrowing, or as one of the system rows below.
 */
export type Doc = { _id: string; _creationTime: number; [k: string]: Value | undefined };

/** A job's state in `_scheduled_functions`. */
export type JobState = { kind: "pending" | "inProgress" | "success" | "canceled" } | { kind: "failed"; error: string };

// Rows of the system tables the engine writes itself (functions can only read them), typed as
// the engine writes them: reading one as such is a cast, but not a guess.
/** A `_scheduled_functions` row (engine.scheduleInTxn, scheduler.ts). */
export type ScheduledJobDoc = Doc & {
  name: string;
  args: Value[];
  scheduledTime: number;
  state: JobState;
  /** the scheduled function's component, when not the scheduling one */
  component?: string;
  completedTime?: number;
};
/** A `_cron_state` row (scheduler.ts): `def` is the JSON of the cron's definition. */
export type CronStateDoc = Doc & { name: string; def: string; nextRun: number; lastRun: number | null };
/** A `_storage` row (engine.storeFile, the storageStore syscall). */
export type StorageDoc = Doc & { sha256: string; size: number; contentType?: string };
export type Key = (Value | undefined)[];

// ---------- timestamps (u64 ns, base64 of 8 little-endian bytes) ----------
export function encodeTs(ts: bigint): string {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(ts);
  return b.toString("base64");
}
export function decodeTs(s: string): bigint {
  const b = Buffer.from(s, "base64");
  if (b.length !== 8) throw new Error("bad timestamp");
  return b.readBigUInt64LE();
}

// ---------- ids ----------
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // crockford base32, lowercase
const RANDOM_LEN = 26;
function b32(n: number): string {
  let s = "";
  do {
    s = ALPHABET[n % 32] + s;
    n = Math.floor(n / 32);
  } while (n > 0);
  return s;
}
// PERF: draw id randomness from a pooled buffer (one randomBytes call per ~157 ids)
const POOL_SIZE = RANDOM_LEN * 157;
let pool = randomBytes(POOL_SIZE);
let poolPos = 0;
export function newId(tableNumber: number): string {
  if (poolPos + RANDOM_LEN > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolPos = 0;
  }
  let body = "";
  for (let i = 0; i < RANDOM_LEN; i++) body += ALPHABET[pool[poolPos + i]! & 31];
  poolPos += RANDOM_LEN;
  const tn = b32(tableNumber);
  return body + tn + ALPHABET[tn.length];
}
/** Returns the table number encoded in an id, or null if the string is not an id. */
export function tableNumberFromId(id: unknown): number | null {
  if (typeof id !== "string" || id.length < RANDOM_LEN + 2 || id.length > RANDOM_LEN + 8) return null;
  const len = ALPHABET.indexOf(id[id.length - 1]!);
  if (len < 1 || id.length !== RANDOM_LEN + len + 1) return null;
  let n = 0;
  for (let i = 0; i < id.length - 1; i++) {
    const c = ALPHABET.indexOf(id[i]!);
    if (c < 0) return null;
    if (i >= RANDOM_LEN) n = n * 32 + c;
  }
  return n;
}

// ---------- keys & cursors ----------
export function getField(doc: unknown, path: string): Value | undefined {
  // PERF: single-segment paths (the common case) skip the split
  if (path.indexOf(".") < 0) {
    if (doc === null || typeof doc !== "object" || Array.isArray(doc) || doc instanceof ArrayBuffer) return undefined;
    return (doc as Record<string, Value>)[path];
  }
  let cur: unknown = doc;
  for (const p of path.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || cur instanceof ArrayBuffer) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur as Value | undefined;
}
/**
 * PERF: `compareValues` with allocation-free fast paths for the common key element types; any
 * case where JS ordering could differ from Convex ordering (NaN, -0, surrogates / code units
 * >= U+D800, mixed types) falls back to `compareValues`.
 */
function compareKey1(a: Value | undefined, b: Value | undefined): number {
  if (typeof a === "string" && typeof b === "string") {
    if (a === b) return 0;
    const n = a.length < b.length ? a.length : b.length;
    for (let i = 0; i < n; i++) {
      const x = a.charCodeAt(i);
      const y = b.charCodeAt(i);
      if (x === y) continue;
      // below the surrogate range, UTF-16 code unit order is code point (= UTF-8 byte) order
      if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
      return compareValues(a, b);
    }
    return a.length < b.length ? -1 : 1;
  }
  if (typeof a === "number" && typeof b === "number") {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b && a !== 0) return 0;
    return compareValues(a, b); // NaN, 0 vs -0
  }
  return compareValues(a as Value, b as Value);
}
export function compareKeys(a: Key, b: Key): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareKey1(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
/** Compare only the first `prefix.length` elements of key with prefix. */
export function comparePrefix(key: Key, prefix: Key): number {
  for (let i = 0; i < prefix.length; i++) {
    const c = compareKey1(key[i], prefix[i]);
    if (c !== 0) return c;
  }
  return 0;
}
export const END_CURSOR = "_end_cursor";
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key.map((k) => (k === undefined ? 0 : [convexToJson(k as Value)])))).toString(
    "base64url",
  );
}
export function decodeCursor(c: string): Key {
  const arr: unknown = JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
  if (!Array.isArray(arr)) throw new Error("Invalid cursor");
  return arr.map((e: 0 | [JSONValue]) => (e === 0 ? undefined : jsonToConvex(e[0])));
}

// ---------- misc value helpers ----------
export function resolveCommitTs(v: unknown, ts: bigint): unknown {
  if (v instanceof CommitTsPlaceholder) return ts;
  if (Array.isArray(v)) return v.map((x) => resolveCommitTs(x, ts));
  if (v !== null && typeof v === "object" && !(v instanceof ArrayBuffer)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = resolveCommitTs(x, ts);
    return out;
  }
  return v;
}
export function containsCommitTs(v: unknown): boolean {
  if (v instanceof CommitTsPlaceholder) return true;
  if (Array.isArray(v)) return v.some(containsCommitTs);
  if (v !== null && typeof v === "object" && !(v instanceof ArrayBuffer))
    return Object.values(v).some(containsCommitTs);
  return false;
}
// PERF: stored documents are immutable (every write stores a new object), so their JSON text and
// size are computed once per document object and reused by reads, the commit log and metrics.
// Bounded: two generations of at most GEN_MAX entries each (a hit in the old one is promoted),
// so memory stays O(hot documents), not O(all documents).
const GEN_MAX = 20_000;
class GenCache<V> {
  private young = new WeakMap<object, V>();
  private old = new WeakMap<object, V>();
  private n = 0;
  get(k: object): V | undefined {
    const v = this.young.get(k);
    if (v !== undefined) return v;
    const o = this.old.get(k);
    if (o !== undefined) this.set(k, o);
    return o;
  }
  set(k: object, v: V) {
    if (++this.n > GEN_MAX) {
      this.old = this.young;
      this.young = new WeakMap();
      this.n = 1;
    }
    this.young.set(k, v);
  }
}
const docJsonCache = new GenCache<string>();
const docSizeCache = new GenCache<number>();
/** `JSON.stringify(convexToJson(doc))`, memoized per (immutable) document object. */
export function docJsonString(doc: Doc): string {
  let s = docJsonCache.get(doc);
  if (s === undefined) {
    s = JSON.stringify(convexToJson(doc));
    docJsonCache.set(doc, s);
  }
  return s;
}
function computeDocSize(doc: Doc): number {
  try {
    // a stored document has no undefined fields (convexToJson drops them on the way in)
    return getDocumentSize(doc as Record<string, Value>);
  } catch {
    return JSON.stringify(convexToJson(doc)).length;
  }
}
export function docSize(doc: Doc): number {
  if (doc === null || typeof doc !== "object") return computeDocSize(doc);
  let n = docSizeCache.get(doc);
  if (n === undefined) {
    n = computeDocSize(doc);
    docSizeCache.set(doc, n);
  }
  return n;
}

/** A syscall result that is already JSON text (returned to function code as is). */
export class RawJson {
  constructor(readonly json: string) {}
}

export function formatLogArgs(level: string, args: unknown[]): string {
  const parts = args.map((a) => inspect(a, { depth: 5, breakLength: Infinity }));
  return `[${level}] ${parts.join(" ")}`;
}

export function canonicalizeUdfPath(p: string): string {
  let path = p;
  let fn = "default";
  const i = p.indexOf(":");
  if (i >= 0) {
    path = p.slice(0, i);
    fn = p.slice(i + 1);
  }
  if (path.endsWith(".js")) path = path.slice(0, -3);
  else if (path.endsWith(".ts")) path = path.slice(0, -3);
  return `${path}:${fn}`;
}
