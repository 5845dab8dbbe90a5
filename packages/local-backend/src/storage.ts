/**
 * The document store: documents and index entries live on disk in SQLite (`node:sqlite`, the
 * store Convex's own self-hosted backend uses by default), with a bounded cache of parsed
 * documents in memory, so memory does not grow with the tables and a restart loads nothing.
 *
 * Durability comes from the commit log (`commits.jsonl`): every commit is appended and
 * `fdatasync`'d (group commit: the commits that land together share one write + fsync) before
 * it is acknowledged, as before. SQLite runs in WAL mode with `synchronous=NORMAL` and receives
 * the same writes when they are applied (so reads see them at once); its commits are not
 * fsync'd one by one. Every `checkpointEveryLines` log lines, and on a clean stop, SQLite is
 * checkpointed (WAL fsync'd into the database file) and the log truncated. On open, the log
 * lines newer than SQLite's `appliedTs` are replayed: after a kill -9 that is the tail SQLite
 * had not committed, after a power loss whatever its unsynced WAL lost.
 *
 * Index entries are `(index number, encoded key) -> document rowid`, the key being
 * `[...fields, _creationTime, _id]` (`[_id]` for `by_id`) encoded by `sorted.ts` so that SQLite's
 * byte order is Convex's value order.
 *
 * A data dir of the previous in-memory runtime (`snapshot.jsonl` + `commits.jsonl`, no
 * `store.sqlite`) is migrated on first open: the snapshot is loaded into SQLite in one
 * transaction, the log replayed on top, then the snapshot removed.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { JSONValue } from "convex/values";
import { encodeKey, MAX_KEY, MIN_KEY } from "./sorted.js";
import { type Doc, docJsonString, getField, jsonToConvex, type Key, tableNumberFromId } from "./values.js";

const SYSTEM_TABLES: Record<string, number> = {
  _scheduled_functions: 1,
  _storage: 2,
  _cron_state: 3,
};
const FIRST_USER_TABLE = 10001;
const BUILTIN_INDEXES = ["by_id", "by_creation_time"];
/** Parsed documents kept in memory (LRU); everything else is read from SQLite on demand. */
const DEFAULT_CACHE_DOCS = 10_000;
/** Rows fetched per index-scan step: small first (most queries take a page), growing for long scans. */
const FIRST_SCAN_CHUNK = 32;
/**
 * PERF: SQLite's automatic checkpoint (every 1,000 WAL pages, fsync'd) ran inside commits and
 * made them several times slower; instead the WAL is checkpointed with the commit log, after
 * `snapshotEveryLines` lines or this many bytes of log (the WAL grows at about the same rate).
 */
const CHECKPOINT_BYTES = 64 * 2 ** 20;
const MAX_SCAN_CHUNK = 1024;
/** Empty ranges remembered per index (`Database.emptyRanges`); past this the index's set starts over. */
const MAX_EMPTY_RANGES = 4096;

export interface IndexState {
  name: string;
  fields: string[]; // user fields, without _creationTime/_id
  /** number of the index in the store (`idx.ix`) */
  ix: number;
}

/** The bounds of a range as one string (`Database.emptyRanges`): the flags, then both keys' bytes, the lower one length-prefixed. */
function rangeKey(b: KeyBounds): string {
  const l = Buffer.from(b.lower.buffer, b.lower.byteOffset, b.lower.byteLength);
  const u = Buffer.from(b.upper.buffer, b.upper.byteOffset, b.upper.byteLength);
  return `${b.lowerIncl ? 1 : 0}${b.upperIncl ? 1 : 0}${l.length}:${l.toString("latin1")}${u.toString("latin1")}`;
}

/** Range of encoded keys for `Database.scanIndex`. */
export interface KeyBounds {
  lower: Uint8Array;
  lowerIncl: boolean;
  upper: Uint8Array;
  upperIncl: boolean;
}

/**
 * A table's documents as a read-only Map-like view over the store (the interface callers used
 * when documents were an in-memory Map). Iteration streams in `_creationTime` order.
 */
export class TableDocs {
  constructor(
    private db: Database,
    private table: Table,
  ) {}
  get size(): number {
    return this.table.count;
  }
  get(id: string): Doc | undefined {
    return this.db.getDoc(this.table, id) ?? undefined;
  }
  has(id: string): boolean {
    return this.db.getDoc(this.table, id) !== null;
  }
  *values(): Generator<Doc> {
    const idx = this.table.indexes.get("by_creation_time")!;
    // a whole-table stream (a search index build, the scheduler, export) would only evict the
    // documents requests read again from the cache
    for (const { doc } of this.db.scanIndex(idx, fullRange(), "asc", false)) yield doc;
  }
  /**
   * The documents as stored: parsed JSON in Convex's JSON encoding, not decoded to values, in
   * `_creationTime` order, past the cache. For a reader that needs a few fields of every
   * document (a search index build: decoding a million whole documents was most of its time).
   */
  *storedJson(): Generator<Doc> {
    const idx = this.table.indexes.get("by_creation_time")!;
    yield* this.db.scanStoredJson(idx);
  }
  *keys(): Generator<string> {
    for (const d of this.values()) yield d._id;
  }
  *entries(): Generator<[string, Doc]> {
    for (const d of this.values()) yield [d._id, d];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
}

export function fullRange(): KeyBounds {
  return { lower: MIN_KEY, lowerIncl: true, upper: MAX_KEY, upperIncl: false };
}

export class Table {
  indexes = new Map<string, IndexState>();
  /** number of documents (kept in memory, persisted with each SQLite commit) */
  count = 0;
  readonly docs: TableDocs;
  constructor(
    private db: Database,
    public name: string,
    public number: number,
  ) {
    this.docs = new TableDocs(db, this);
  }
  static keyFor(idx: { name: string; fields: string[] }, doc: Doc): Key {
    if (idx.name === "by_id") return [doc._id];
    const k: Key = idx.fields.map((f) => getField(doc, f));
    k.push(doc._creationTime, doc._id);
    return k;
  }
  /** Define the set of user indexes; rebuild the ones that changed. */
  setIndexes(defs: { name: string; fields: string[] }[]) {
    this.db.setIndexes(this, defs);
  }
}

export interface WriteRecord {
  table: string;
  id: string;
  doc: Doc | null;
}
/** One commit-log line, as `persist` writes it: documents in convex JSON, `null` for a delete. */
interface LogRecord {
  ts: string;
  w: [tableNumber: number, id: string, doc: JSONValue][];
  /** tables created by this commit, by name */
  tables?: Record<string, number>;
}

export interface AppliedWrite {
  table: string;
  id: string;
  oldDoc: Doc | null;
  newDoc: Doc | null;
}

interface Cached {
  doc: Doc;
  rid: number;
}

export interface DatabaseOptions {
  /** parsed documents kept in memory (default 10,000) */
  cacheDocs?: number;
  /** SQLite page cache in MiB (default 64) */
  sqliteCacheMb?: number;
}

export class Database {
  tablesByName = new Map<string, Table>();
  tablesByNumber = new Map<number, Table>();
  nextTableNumber = FIRST_USER_TABLE;
  lastTs = 0n;
  lastCreationTime = 0;
  private unpersistedTables = new Set<string>();

  private sql!: DatabaseSync;
  private stmts = new Map<string, StatementSync>();
  private inTx = false;
  private dirtyCounts = new Set<Table>();
  private appliedTs = 0n;
  private cache = new Map<string, Cached>();
  /**
   * Index ranges known to hold no entry: index number -> encoded bounds (`rangeKey`). PERF: a
   * webhook's ingest looks up, every time, the same rows that do not exist (the organization's
   * automation rules for a trigger, its webhook subscriptions, a team by name...): 5 of its ~15
   * SQL queries, each a statement run for nothing. Dropped for an index by every entry inserted
   * into it (`touched`); every index change (create, drop, bulk load) drops them all. Deleting
   * entries cannot make an empty range hold one, so deletes keep them.
   */
  private emptyRanges = new Map<number, Set<string>>();
  private readonly cacheDocs: number;

  private dataDir: string | null = null;
  private logFd: number | null = null;
  private logLines = 0;
  private logBytes = 0;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  /** checkpoint SQLite and truncate the commit log after this many log lines */
  snapshotEveryLines = 50_000;
  private closed = false;

  constructor(opts: DatabaseOptions = {}) {
    this.cacheDocs = opts.cacheDocs ?? DEFAULT_CACHE_DOCS;
    this.sqliteCacheMb = opts.sqliteCacheMb ?? 64;
  }
  private readonly sqliteCacheMb: number;

  // ---------------------------------------------------------------- tables and indexes
  private addTable(name: string, n: number): Table {
    const t = new Table(this, name, n);
    this.tablesByName.set(name, t);
    this.tablesByNumber.set(n, t);
    if (n >= this.nextTableNumber) this.nextTableNumber = n + 1;
    return t;
  }

  /** A new table with its built-in indexes, recorded in the store. */
  private createTable(name: string, n: number): Table {
    const t = this.addTable(name, n);
    this.begin();
    this.stmt("INSERT OR REPLACE INTO tables (name, num, count) VALUES (?, ?, 0)").run(name, n);
    for (const ix of BUILTIN_INDEXES) this.createIndex(t, ix, []);
    return t;
  }

  private createIndex(t: Table, name: string, fields: string[]): IndexState {
    this.begin();
    this.emptyRanges.clear(); // an index number may be reused after a drop
    const r = this.stmt("INSERT INTO indexes (tbl, name, fields) VALUES (?, ?, ?)").run(
      t.number,
      name,
      JSON.stringify(fields),
    );
    const idx: IndexState = { name, fields, ix: Number(r.lastInsertRowid) };
    t.indexes.set(name, idx);
    return idx;
  }

  private dropIndex(t: Table, idx: IndexState) {
    this.begin();
    this.emptyRanges.clear();
    this.stmt("DELETE FROM idx WHERE ix = ?").run(idx.ix);
    this.stmt("DELETE FROM indexes WHERE ix = ?").run(idx.ix);
    t.indexes.delete(idx.name);
  }

  setIndexes(t: Table, defs: { name: string; fields: string[] }[]) {
    const wanted = new Map(defs.map((d) => [d.name, d.fields]));
    for (const idx of [...t.indexes.values()]) {
      if (BUILTIN_INDEXES.includes(idx.name)) continue;
      const w = wanted.get(idx.name);
      if (!w || JSON.stringify(w) !== JSON.stringify(idx.fields)) this.dropIndex(t, idx);
    }
    for (const d of defs) {
      if (t.indexes.has(d.name)) continue;
      // built from the documents, streamed in chunks by creation time (the scan holds no cursor
      // open between chunks, so inserting entries of the new index meanwhile is safe)
      const idx = this.createIndex(t, d.name, d.fields);
      const ins = this.stmt("INSERT INTO idx (ix, key, rid) VALUES (?, ?, ?)");
      for (const row of this.scanIndex(t.indexes.get("by_creation_time")!, fullRange(), "asc")) {
        this.touched(idx.ix);
        ins.run(idx.ix, encodeKey(Table.keyFor(idx, row.doc)), row.rid);
      }
    }
  }

  getTable(name: string): Table | undefined {
    return this.tablesByName.get(name);
  }
  ensureTable(name: string): Table {
    let t = this.tablesByName.get(name);
    if (!t) {
      t = this.createTable(name, this.nextTableNumber);
      this.unpersistedTables.add(name);
    }
    return t;
  }
  tableForNumber(n: number): Table | undefined {
    return this.tablesByNumber.get(n);
  }

  nextTs(): bigint {
    const now = BigInt(Date.now()) * 1_000_000n;
    this.lastTs = now > this.lastTs ? now : this.lastTs + 1n;
    return this.lastTs;
  }
  nextCreationTime(): number {
    const now = Date.now();
    const inc = this.lastCreationTime + 1 / 1024;
    this.lastCreationTime = now > inc ? now : inc;
    return this.lastCreationTime;
  }

  // ---------------------------------------------------------------- reads
  private stmt(sql: string): StatementSync {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.sql.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private remember(id: string, c: Cached) {
    this.cache.delete(id);
    this.cache.set(id, c);
    if (this.cache.size > this.cacheDocs) this.cache.delete(this.cache.keys().next().value!);
  }

  private lookup(table: Table, id: string): Cached | null {
    // ids encode their table's number: a document of another table is not in this one
    if (tableNumberFromId(id) !== table.number) return null;
    const hit = this.cache.get(id);
    if (hit) {
      this.remember(id, hit); // LRU: move to the back
      return hit;
    }
    const row = this.stmt("SELECT rid, json FROM documents WHERE id = ?").get(id) as
      | { rid: number; json: string }
      | undefined;
    if (!row) return null;
    const c = { doc: parseDoc(row.json), rid: row.rid };
    this.remember(id, c);
    return c;
  }

  /** how many parsed documents the cache holds (bounded by `cacheDocs`) */
  get cachedDocs(): number {
    return this.cache.size;
  }

  /** A committed document of `table`, or null. */
  getDoc(table: Table, id: string): Doc | null {
    return this.lookup(table, id)?.doc ?? null;
  }

  /**
   * Documents of an index between two encoded keys, in index order, read from SQLite in chunks
   * (no statement stays open between chunks, so commits may interleave with a paused scan:
   * the engine's read-set validation re-runs what they invalidate).
   */
  *scanIndex(
    idx: IndexState,
    bounds: KeyBounds,
    order: "asc" | "desc",
    cache = true,
  ): Generator<{ doc: Doc; rid: number; key: Uint8Array }> {
    let { lower, lowerIncl, upper, upperIncl } = bounds;
    let chunk = FIRST_SCAN_CHUNK;
    const empties = this.emptyRanges.get(idx.ix);
    const range = rangeKey(bounds);
    if (empties?.has(range)) return;
    for (;;) {
      const sql =
        `SELECT i.key, i.rid, d.id, d.json FROM idx i JOIN documents d ON d.rid = i.rid ` +
        `WHERE i.ix = ? AND i.key ${lowerIncl ? ">=" : ">"} ? AND i.key ${upperIncl ? "<=" : "<"} ? ` +
        `ORDER BY i.key ${order === "asc" ? "ASC" : "DESC"} LIMIT ?`;
      const s = this.stmt(sql);
      s.setReturnArrays(true);
      const rows = s.all(idx.ix, lower, upper, chunk) as unknown as [Uint8Array, number, string, string][];
      if (rows.length === 0 && lower === bounds.lower && upper === bounds.upper) this.rememberEmpty(idx.ix, range);
      for (const [key, rid, id, json] of rows) {
        let c = this.cache.get(id);
        if (!c || c.rid !== rid) {
          c = { doc: parseDoc(json), rid };
          if (cache) this.remember(id, c);
        }
        yield { doc: c.doc, rid, key };
      }
      if (rows.length < chunk) return;
      const last = rows[rows.length - 1]![0];
      if (order === "asc") {
        lower = last;
        lowerIncl = false;
      } else {
        upper = last;
        upperIncl = false;
      }
      chunk = Math.min(chunk * 2, MAX_SCAN_CHUNK);
    }
  }

  private rememberEmpty(ix: number, range: string) {
    let set = this.emptyRanges.get(ix);
    if (!set) {
      set = new Set();
      this.emptyRanges.set(ix, set);
    }
    if (set.size >= MAX_EMPTY_RANGES) set.clear();
    set.add(range);
  }
  /** An entry is about to be inserted into index `ix`: its remembered empty ranges no longer hold. */
  private touched(ix: number) {
    if (this.emptyRanges.size > 0) this.emptyRanges.delete(ix);
  }

  /** Every document of an index, in index order, as parsed JSON (not decoded, not cached). */
  *scanStoredJson(idx: IndexState): Generator<Doc> {
    let lower: Uint8Array = MIN_KEY;
    let lowerIncl = true;
    let chunk = FIRST_SCAN_CHUNK;
    for (;;) {
      const s = this.stmt(
        `SELECT i.key, d.json FROM idx i JOIN documents d ON d.rid = i.rid ` +
          `WHERE i.ix = ? AND i.key ${lowerIncl ? ">=" : ">"} ? AND i.key < ? ORDER BY i.key ASC LIMIT ?`,
      );
      s.setReturnArrays(true);
      const rows = s.all(idx.ix, lower, MAX_KEY, chunk) as unknown as [Uint8Array, string][];
      for (const [, json] of rows) yield JSON.parse(json) as Doc;
      if (rows.length < chunk) return;
      lower = rows[rows.length - 1]![0];
      lowerIncl = false;
      chunk = Math.min(chunk * 2, MAX_SCAN_CHUNK);
    }
  }

  // ---------------------------------------------------------------- writes
  /** Open the SQLite transaction the current tick's writes go into; it commits on the next turn. */
  private begin() {
    if (this.inTx) return;
    this.sql.exec("BEGIN");
    this.inTx = true;
    setImmediate(() => this.commitSql());
  }

  /** Commit the open SQLite transaction (not fsync'd: the commit log is what makes writes durable). */
  private commitSql() {
    if (!this.inTx) return;
    for (const t of this.dirtyCounts) this.stmt("UPDATE tables SET count = ? WHERE num = ?").run(t.count, t.number);
    this.dirtyCounts.clear();
    this.setMeta("appliedTs", this.appliedTs.toString());
    this.setMeta("lastCreationTime", String(this.lastCreationTime));
    this.setMeta("nextTableNumber", String(this.nextTableNumber));
    this.sql.exec("COMMIT");
    this.inTx = false;
  }

  private setMeta(k: string, v: string) {
    this.stmt("INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)").run(k, v);
  }
  private getMeta(k: string): string | undefined {
    return (this.stmt("SELECT v FROM meta WHERE k = ?").get(k) as { v: string } | undefined)?.v;
  }

  /** Apply a committed write set to the store (visible to reads at once). Caller persists with `persist`. */
  apply(writes: WriteRecord[], ts?: bigint): AppliedWrite[] {
    this.begin();
    const out: AppliedWrite[] = [];
    for (const w of writes) {
      const t = this.ensureTable(w.table);
      const old = this.lookup(t, w.id);
      const doc = w.doc;
      if (old && doc) this.replaceDoc(t, old, doc);
      else if (old) this.removeDoc(t, old);
      else if (doc) this.insertDoc(t, doc);
      if (doc && doc._creationTime > this.lastCreationTime) this.lastCreationTime = doc._creationTime;
      out.push({ table: w.table, id: w.id, oldDoc: old?.doc ?? null, newDoc: doc });
    }
    const appliedTs = ts ?? this.lastTs;
    if (appliedTs > this.appliedTs) this.appliedTs = appliedTs;
    return out;
  }

  private insertDoc(t: Table, doc: Doc) {
    const r = this.stmt("INSERT INTO documents (id, tbl, json) VALUES (?, ?, ?)").run(
      doc._id,
      t.number,
      docJsonString(doc),
    );
    const rid = Number(r.lastInsertRowid);
    const ins = this.stmt("INSERT INTO idx (ix, key, rid) VALUES (?, ?, ?)");
    for (const idx of t.indexes.values()) {
      this.touched(idx.ix);
      ins.run(idx.ix, encodeKey(Table.keyFor(idx, doc)), rid);
    }
    t.count++;
    this.dirtyCounts.add(t);
    this.remember(doc._id, { doc, rid });
  }

  /** Only the indexes whose key changed are touched: a patch usually leaves most keys equal. */
  private replaceDoc(t: Table, old: Cached, doc: Doc) {
    this.stmt("UPDATE documents SET json = ? WHERE rid = ?").run(docJsonString(doc), old.rid);
    for (const idx of t.indexes.values()) {
      if (idx.name === "by_id") continue;
      const ok = encodeKey(Table.keyFor(idx, old.doc));
      const nk = encodeKey(Table.keyFor(idx, doc));
      if (Buffer.compare(ok, nk) === 0) continue;
      this.stmt("DELETE FROM idx WHERE ix = ? AND key = ?").run(idx.ix, ok);
      this.touched(idx.ix);
      this.stmt("INSERT INTO idx (ix, key, rid) VALUES (?, ?, ?)").run(idx.ix, nk, old.rid);
    }
    this.remember(doc._id, { doc, rid: old.rid });
  }

  private removeDoc(t: Table, old: Cached) {
    this.stmt("DELETE FROM documents WHERE rid = ?").run(old.rid);
    for (const idx of t.indexes.values())
      this.stmt("DELETE FROM idx WHERE ix = ? AND key = ?").run(idx.ix, encodeKey(Table.keyFor(idx, old.doc)));
    t.count--;
    this.dirtyCounts.add(t);
    this.cache.delete(old.doc._id);
  }

  /**
   * Bulk load (benchmarks, imports): insert new documents into `table` in one SQLite
   * transaction, without the commit log, then checkpoint so they are durable when this returns.
   */
  bulkInsert(table: string, docs: Doc[]): void {
    this.begin();
    this.emptyRanges.clear();
    const t = this.ensureTable(table);
    const insDoc = this.stmt("INSERT INTO documents (id, tbl, json) VALUES (?, ?, ?)");
    const rids: number[] = [];
    for (const doc of docs) {
      rids.push(Number(insDoc.run(doc._id, t.number, docJsonString(doc)).lastInsertRowid));
      if (doc._creationTime > this.lastCreationTime) this.lastCreationTime = doc._creationTime;
    }
    // PERF: each index's entries in key order, so the B-tree is written page after page
    const insIdx = this.stmt("INSERT INTO idx (ix, key, rid) VALUES (?, ?, ?)");
    for (const idx of t.indexes.values()) {
      const entries = docs.map((d, i) => ({ key: encodeKey(Table.keyFor(idx, d)), rid: rids[i]! }));
      entries.sort((a, b) => Buffer.compare(a.key, b.key));
      for (const e of entries) insIdx.run(idx.ix, e.key, e.rid);
    }
    t.count += docs.length;
    this.dirtyCounts.add(t);
    this.emptyRanges.clear();
    this.appliedTs = this.nextTs();
    this.commitSql();
    this.sql.exec("PRAGMA wal_checkpoint(TRUNCATE)"); // no commit log here: keep the WAL small
  }

  // ---------------------------------------------------------------- durability (commit log)
  /** Serialize a commit into the log and wait until it is durable. */
  persist(ts: bigint, writes: WriteRecord[]): Promise<void> {
    if (!this.dataDir) return Promise.resolve();
    // PERF: the line is assembled from the documents' memoized JSON text (same format as
    // JSON.stringify({ ts, w: [[tableNumber, id, doc|null]...], tables? }))
    const ws: string[] = [];
    for (const w of writes) {
      const t = this.tablesByName.get(w.table)!;
      ws.push(`[${t.number},${JSON.stringify(w.id)},${w.doc ? docJsonString(w.doc) : "null"}]`);
    }
    let line = `{"ts":"${ts.toString()}","w":[${ws.join(",")}]`;
    if (this.unpersistedTables.size) {
      const tables: Record<string, number> = {};
      for (const name of this.unpersistedTables) tables[name] = this.tablesByName.get(name)!.number;
      this.unpersistedTables.clear();
      line += `,"tables":${JSON.stringify(tables)}`;
    }
    this.pending.push(`${line}}\n`);
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) this.flushing = this.flushLoop();
    return p;
  }

  private async flushLoop(): Promise<void> {
    // let concurrent commits pile up for group commit
    await new Promise((r) => setImmediate(r));
    while (this.pending.length) {
      const lines = this.pending.splice(0);
      const waiters = this.waiters.splice(0);
      try {
        const data = lines.join("");
        await new Promise<void>((res, rej) => fs.write(this.logFd!, data, null, "utf8", (e) => (e ? rej(e) : res())));
        await new Promise<void>((res, rej) => fs.fdatasync(this.logFd!, (e) => (e ? rej(e) : res())));
        this.logLines += lines.length;
        this.logBytes += data.length;
        for (const w of waiters) w.resolve();
      } catch (e) {
        for (const w of waiters) w.reject(e);
      }
      if ((this.logLines >= this.snapshotEveryLines || this.logBytes >= CHECKPOINT_BYTES) && !this.closed) {
        try {
          this.checkpoint();
        } catch (e) {
          console.error("[local-backend] checkpoint failed", e);
        }
      }
    }
    this.flushing = null;
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * Make SQLite durable on its own (commit, fsync the WAL into the database file), then drop
   * the commit log it covers. Every line of the log was applied to SQLite before it was written.
   */
  checkpoint(): void {
    if (!this.dataDir) return;
    this.commitSql();
    this.sql.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    if (this.logFd !== null) {
      fs.ftruncateSync(this.logFd, 0);
      fs.fsyncSync(this.logFd);
    }
    this.logLines = 0;
    this.logBytes = 0;
  }
  /** @deprecated the store is on disk; kept for callers of the in-memory runtime: checkpoints. */
  writeSnapshotSync(): void {
    this.checkpoint();
  }

  // ---------------------------------------------------------------- open / close
  private get snapPath() {
    return path.join(this.dataDir!, "snapshot.jsonl");
  }
  private get logPath() {
    return path.join(this.dataDir!, "commits.jsonl");
  }

  /** Open (creating) the store in `dataDir`, or an in-memory store when `dataDir` is null. */
  async open(dataDir: string | null): Promise<void> {
    this.dataDir = dataDir;
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    const file = dataDir ? path.join(dataDir, "store.sqlite") : ":memory:";
    const isNew = !dataDir || !fs.existsSync(file);
    this.sql = new DatabaseSync(file);
    this.sql.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA wal_autocheckpoint = 0;
      PRAGMA cache_size = -${this.sqliteCacheMb * 1024};
      PRAGMA temp_store = MEMORY;
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS tables (name TEXT PRIMARY KEY, num INTEGER NOT NULL UNIQUE, count INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS indexes (ix INTEGER PRIMARY KEY, tbl INTEGER NOT NULL, name TEXT NOT NULL, fields TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS documents (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, tbl INTEGER NOT NULL, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS idx (ix INTEGER NOT NULL, key BLOB NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (ix, key)) WITHOUT ROWID;
    `);
    if (!isNew) this.loadCatalog();
    for (const [name, n] of Object.entries(SYSTEM_TABLES)) if (!this.tablesByName.has(name)) this.createTable(name, n);
    if (dataDir) {
      if (fs.existsSync(this.snapPath)) await this.migrateSnapshot();
      this.replayLog();
      this.logFd = fs.openSync(this.logPath, "a");
    }
    this.commitSql();
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    if (this.lastTs < nowNs) this.lastTs = nowNs;
  }

  private loadCatalog() {
    for (const r of this.sql.prepare("SELECT name, num, count FROM tables").all() as {
      name: string;
      num: number;
      count: number;
    }[])
      this.addTable(r.name, r.num).count = r.count;
    for (const r of this.sql.prepare("SELECT ix, tbl, name, fields FROM indexes").all() as {
      ix: number;
      tbl: number;
      name: string;
      fields: string;
    }[]) {
      const t = this.tablesByNumber.get(r.tbl);
      if (t) t.indexes.set(r.name, { name: r.name, fields: JSON.parse(r.fields), ix: r.ix });
    }
    this.appliedTs = BigInt(this.getMeta("appliedTs") ?? "0");
    this.lastTs = this.appliedTs;
    this.lastCreationTime = Number(this.getMeta("lastCreationTime") ?? 0);
    this.nextTableNumber = Math.max(this.nextTableNumber, Number(this.getMeta("nextTableNumber") ?? 0));
  }

  /** One-time migration of the previous runtime's snapshot (see the module comment). */
  private async migrateSnapshot() {
    if (this.getMeta("migratedSnapshot") === "1") {
      fs.rmSync(this.snapPath); // migrated before a crash, not yet removed
      return;
    }
    const rl = readline.createInterface({ input: fs.createReadStream(this.snapPath, "utf8"), crlfDelay: Infinity });
    let header: {
      ts: string;
      tables: Record<string, number>;
      nextTableNumber?: number;
      lastCreationTime?: number;
    } | null = null;
    let batch: { t: Table; doc: Doc }[] = [];
    const flushBatch = () => {
      this.begin();
      for (const { t, doc } of batch) this.insertDoc(t, doc);
      batch = [];
    };
    for await (const line of rl) {
      if (!line) continue;
      // the first line is the header, then one `[tableNumber, doc]` per line (convex JSON)
      const j: typeof header | [number, JSONValue] = JSON.parse(line);
      if (!header) {
        header = j as typeof header;
        for (const [name, n] of Object.entries(header!.tables))
          if (!this.tablesByName.has(name)) this.createTable(name, n);
        this.nextTableNumber = Math.max(this.nextTableNumber, header!.nextTableNumber ?? 0);
        this.lastTs = BigInt(header!.ts);
        this.appliedTs = this.lastTs;
        this.lastCreationTime = header!.lastCreationTime ?? 0;
        continue;
      }
      const [tn, dj] = j as [number, JSONValue];
      const t = this.tablesByNumber.get(tn);
      if (!t) throw new Error(`snapshot references unknown table ${tn}`);
      batch.push({ t, doc: jsonToConvex(dj) as Doc });
      if (batch.length >= 10_000) flushBatch();
    }
    flushBatch();
    this.cache.clear();
    this.setMeta("migratedSnapshot", "1");
    this.commitSql();
    this.sql.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    fs.rmSync(this.snapPath);
  }

  private replayLog() {
    if (!fs.existsSync(this.logPath)) return;
    const buf = fs.readFileSync(this.logPath, "utf8");
    let pos = 0;
    let good = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf("\n", pos);
      if (nl < 0) break; // torn last line (no newline)
      const line = buf.slice(pos, nl);
      let rec: LogRecord;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        if (buf.indexOf("\n", nl + 1) < 0 && buf.slice(nl + 1).trim() === "") break; // torn last line
        throw new Error(`corrupt commit log line at byte ${pos}: ${(e as Error).message}`);
      }
      pos = nl + 1;
      good = Buffer.byteLength(buf.slice(0, pos), "utf8");
      this.replay(rec);
      this.logLines++;
    }
    const size = fs.statSync(this.logPath).size;
    if (good !== size) fs.truncateSync(this.logPath, good);
  }

  private replay(rec: LogRecord) {
    if (rec.tables) {
      for (const [name, n] of Object.entries(rec.tables)) {
        if (this.tablesByName.has(name)) continue;
        const other = this.tablesByNumber.get(n);
        if (other) {
          // a table created in SQLite after this log line was written (only possible when SQLite
          // is ahead of nothing in it): give the empty one another number
          if (other.count > 0) throw new Error(`commit log table ${name} collides with table ${other.name}`);
          this.tablesByNumber.delete(n);
          other.number = this.nextTableNumber++;
          this.tablesByNumber.set(other.number, other);
          this.begin();
          this.stmt("UPDATE tables SET num = ? WHERE name = ?").run(other.number, other.name);
          this.stmt("UPDATE indexes SET tbl = ? WHERE tbl = ?").run(other.number, n);
        }
        this.createTable(name, n);
      }
    }
    const ts = BigInt(rec.ts);
    if (ts > this.lastTs) this.lastTs = ts;
    if (ts <= this.appliedTs) return; // already in SQLite
    const writes: WriteRecord[] = [];
    for (const [tn, id, dj] of rec.w) {
      const t = this.tablesByNumber.get(tn);
      if (!t) throw new Error(`commit log references unknown table ${tn}`);
      writes.push({ table: t.name, id, doc: dj === null ? null : (jsonToConvex(dj) as Doc) });
    }
    this.apply(writes, ts);
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (!this.sql?.isOpen) return;
    if (this.dataDir && this.logFd !== null) {
      this.checkpoint();
      fs.closeSync(this.logFd);
      this.logFd = null;
    } else this.commitSql();
    this.stmts.clear();
    this.sql.close();
  }
}

function parseDoc(json: string): Doc {
  return jsonToConvex(JSON.parse(json)) as Doc;
}
