import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { type Entry, SortedIndex } from "./sorted.js";
import { convexToJson, type Doc, docJsonString, getField, jsonToConvex, type Key } from "./values.js";

const SYSTEM_TABLES: Record<string, number> = {
  _scheduled_functions: 1,
  _storage: 2,
  _cron_state: 3,
};
const FIRST_USER_TABLE = 10001;

export interface IndexState {
  name: string;
  fields: string[]; // user fields, without _creationTime/_id
  sorted: SortedIndex;
}

export class Table {
  docs = new Map<string, Doc>();
  indexes = new Map<string, IndexState>();
  constructor(
    public name: string,
    public number: number,
  ) {
    this.indexes.set("by_id", { name: "by_id", fields: [], sorted: new SortedIndex() });
    this.indexes.set("by_creation_time", { name: "by_creation_time", fields: [], sorted: new SortedIndex() });
  }
  static keyFor(idx: { name: string; fields: string[] }, doc: Doc): Key {
    if (idx.name === "by_id") return [doc._id];
    const k: Key = idx.fields.map((f) => getField(doc, f));
    k.push(doc._creationTime, doc._id);
    return k;
  }
  insertDoc(doc: Doc) {
    this.docs.set(doc._id, doc);
    for (const idx of this.indexes.values()) idx.sorted.insert({ key: Table.keyFor(idx, doc), id: doc._id });
  }
  /**
   * PERF: replace `old` by `doc` (same id). Only the indexes whose key changed are touched: a
   * patch usually leaves most index keys equal, and entries hold only key + id.
   */
  replaceDoc(old: Doc, doc: Doc) {
    this.docs.set(doc._id, doc);
    for (const idx of this.indexes.values()) {
      if (idx.name === "by_id") continue; // key is [_id]: unchanged
      const ok = Table.keyFor(idx, old);
      const nk = Table.keyFor(idx, doc);
      if (compareKeysFast(ok, nk) === 0) continue;
      idx.sorted.delete(ok);
      idx.sorted.insert({ key: nk, id: doc._id });
    }
  }
  removeDoc(doc: Doc) {
    this.docs.delete(doc._id);
    for (const idx of this.indexes.values()) idx.sorted.delete(Table.keyFor(idx, doc));
  }
  /** Define the set of user indexes; rebuild the ones that changed. */
  setIndexes(defs: { name: string; fields: string[] }[]) {
    const wanted = new Map(defs.map((d) => [d.name, d.fields]));
    for (const name of [...this.indexes.keys()]) {
      if (name === "by_id" || name === "by_creation_time") continue;
      const w = wanted.get(name);
      if (!w || JSON.stringify(w) !== JSON.stringify(this.indexes.get(name)!.fields)) this.indexes.delete(name);
    }
    for (const d of defs) {
      if (this.indexes.has(d.name)) continue;
      this.indexes.set(d.name, this.buildIndex(d.name, d.fields));
    }
  }
  buildIndex(name: string, fields: string[]): IndexState {
    const idx = { name, fields, sorted: new SortedIndex() };
    const entries: Entry[] = [];
    for (const doc of this.docs.values()) entries.push({ key: Table.keyFor(idx, doc), id: doc._id });
    entries.sort((a, b) => compareKeysFast(a.key, b.key));
    idx.sorted = SortedIndex.fromSorted(entries);
    return idx;
  }
  rebuildAll() {
    for (const [name, idx] of this.indexes) this.indexes.set(name, this.buildIndex(name, idx.fields));
  }
}

import { compareKeys } from "./values.js";

const compareKeysFast = compareKeys;

export interface WriteRecord {
  table: string;
  id: string;
  doc: Doc | null;
}
export interface AppliedWrite {
  table: string;
  id: string;
  oldDoc: Doc | null;
  newDoc: Doc | null;
}

export class Database {
  tablesByName = new Map<string, Table>();
  tablesByNumber = new Map<number, Table>();
  nextTableNumber = FIRST_USER_TABLE;
  lastTs = 0n;
  lastCreationTime = 0;
  private unpersistedTables = new Set<string>();

  private dataDir: string | null = null;
  private logFd: number | null = null;
  private logLines = 0;
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  snapshotEveryLines = 50_000;
  private closed = false;

  constructor() {
    for (const [name, n] of Object.entries(SYSTEM_TABLES)) this.addTable(name, n);
  }

  private addTable(name: string, n: number): Table {
    const t = new Table(name, n);
    this.tablesByName.set(name, t);
    this.tablesByNumber.set(n, t);
    if (n >= this.nextTableNumber) this.nextTableNumber = n + 1;
    return t;
  }

  getTable(name: string): Table | undefined {
    return this.tablesByName.get(name);
  }
  ensureTable(name: string): Table {
    let t = this.tablesByName.get(name);
    if (!t) {
      t = this.addTable(name, this.nextTableNumber);
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

  /** Apply a committed write set in memory. Caller persists with `persist`. */
  apply(writes: WriteRecord[]): AppliedWrite[] {
    const out: AppliedWrite[] = [];
    for (const w of writes) {
      const t = this.ensureTable(w.table);
      const old = t.docs.get(w.id) ?? null;
      if (old && w.doc) t.replaceDoc(old, w.doc);
      else if (old) t.removeDoc(old);
      else if (w.doc) t.insertDoc(w.doc);
      if (w.doc) {
        if (w.doc._creationTime > this.lastCreationTime) this.lastCreationTime = w.doc._creationTime;
      }
      out.push({ table: w.table, id: w.id, oldDoc: old, newDoc: w.doc });
    }
    return out;
  }

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
        for (const w of waiters) w.resolve();
      } catch (e) {
        for (const w of waiters) w.reject(e);
      }
      if (this.logLines >= this.snapshotEveryLines && !this.closed) {
        try {
          this.writeSnapshotSync();
        } catch (e) {
          console.error("[local-backend] snapshot failed", e);
        }
      }
    }
    this.flushing = null;
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  // ---------------- persistence ----------------
  private get snapPath() {
    return path.join(this.dataDir!, "snapshot.jsonl");
  }
  private get logPath() {
    return path.join(this.dataDir!, "commits.jsonl");
  }

  async open(dataDir: string): Promise<void> {
    this.dataDir = dataDir;
    fs.mkdirSync(dataDir, { recursive: true });
    let snapTs = -1n;
    const allDocs: { t: Table; doc: Doc }[] = [];
    if (fs.existsSync(this.snapPath)) {
      const rl = readline.createInterface({ input: fs.createReadStream(this.snapPath, "utf8"), crlfDelay: Infinity });
      let header: any = null;
      for await (const line of rl) {
        if (!line) continue;
        const j = JSON.parse(line);
        if (!header) {
          header = j;
          for (const [name, n] of Object.entries(header.tables as Record<string, number>)) {
            if (!this.tablesByName.has(name)) this.addTable(name, n);
          }
          this.nextTableNumber = Math.max(this.nextTableNumber, header.nextTableNumber ?? 0);
          this.lastTs = BigInt(header.ts);
          snapTs = this.lastTs;
          this.lastCreationTime = header.lastCreationTime ?? 0;
          continue;
        }
        const t = this.tablesByNumber.get(j[0]);
        if (!t) throw new Error(`snapshot references unknown table ${j[0]}`);
        const doc = jsonToConvex(j[1]) as Doc;
        t.docs.set(doc._id, doc);
      }
      for (const t of this.tablesByName.values()) t.rebuildAll();
    }
    void allDocs;
    // replay log
    if (fs.existsSync(this.logPath)) {
      const buf = fs.readFileSync(this.logPath, "utf8");
      let pos = 0;
      let good = 0;
      while (pos < buf.length) {
        const nl = buf.indexOf("\n", pos);
        if (nl < 0) break; // torn last line (no newline)
        const line = buf.slice(pos, nl);
        let rec: any;
        try {
          rec = JSON.parse(line);
        } catch (e) {
          if (buf.indexOf("\n", nl + 1) < 0 && buf.slice(nl + 1).trim() === "") break; // torn last line
          throw new Error(`corrupt commit log line at byte ${pos}: ${(e as Error).message}`);
        }
        pos = nl + 1;
        good = Buffer.byteLength(buf.slice(0, pos), "utf8");
        this.replay(rec, snapTs);
        this.logLines++;
      }
      const size = fs.statSync(this.logPath).size;
      if (good !== size) fs.truncateSync(this.logPath, good);
    }
    this.logFd = fs.openSync(this.logPath, "a");
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    if (this.lastTs < nowNs) this.lastTs = nowNs;
  }

  private replay(rec: any, snapTs: bigint) {
    if (rec.tables) {
      for (const [name, n] of Object.entries(rec.tables as Record<string, number>)) {
        const existing = this.tablesByName.get(name);
        if (existing) continue;
        const other = this.tablesByNumber.get(n);
        if (other) {
          // a table allocated in memory (e.g. from the schema) got the same number: renumber it
          this.tablesByNumber.delete(n);
          other.number = this.nextTableNumber++;
          this.tablesByNumber.set(other.number, other);
        }
        this.addTable(name, n);
      }
    }
    const ts = BigInt(rec.ts);
    if (ts <= snapTs) return;
    const writes: WriteRecord[] = [];
    for (const [tn, id, dj] of rec.w as [number, string, any][]) {
      const t = this.tablesByNumber.get(tn);
      if (!t) throw new Error(`commit log references unknown table ${tn}`);
      writes.push({ table: t.name, id, doc: dj === null ? null : (jsonToConvex(dj) as Doc) });
    }
    this.apply(writes);
    if (ts > this.lastTs) this.lastTs = ts;
  }

  writeSnapshotSync(): void {
    if (!this.dataDir) return;
    const tmp = `${this.snapPath}.tmp`;
    const fd = fs.openSync(tmp, "w");
    const tables: Record<string, number> = {};
    for (const t of this.tablesByName.values()) tables[t.name] = t.number;
    this.unpersistedTables.clear();
    const header = {
      version: 1,
      ts: this.lastTs.toString(),
      tables,
      nextTableNumber: this.nextTableNumber,
      lastCreationTime: this.lastCreationTime,
    };
    let buf: string[] = [JSON.stringify(header)];
    let size = 0;
    const flushBuf = () => {
      if (buf.length) fs.writeSync(fd, `${buf.join("\n")}\n`);
      buf = [];
      size = 0;
    };
    for (const t of this.tablesByName.values()) {
      for (const doc of t.docs.values()) {
        const s = JSON.stringify([t.number, convexToJson(doc as any)]);
        buf.push(s);
        size += s.length;
        if (size > 1 << 20) flushBuf();
      }
    }
    flushBuf();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.snapPath);
    try {
      const dfd = fs.openSync(this.dataDir, "r");
      fs.fsyncSync(dfd);
      fs.closeSync(dfd);
    } catch {
      /* ignore */
    }
    // truncate the log: everything in it is covered by the snapshot
    if (this.logFd !== null) {
      fs.ftruncateSync(this.logFd, 0);
      fs.fsyncSync(this.logFd);
    }
    this.logLines = 0;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.dataDir && this.logFd !== null) {
      this.writeSnapshotSync();
      fs.closeSync(this.logFd);
      this.logFd = null;
    }
  }
}
