import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CommitTsPlaceholder } from "convex/values";
import type { Identity } from "./auth.js";
import type { Modules, RegisteredFunction, SchemaJSON } from "./loader.js";
import { type AppliedWrite, type Database, Table, type WriteRecord } from "./storage.js";
import { check, type ValidatorJSON } from "./validator.js";
import {
  canonicalizeUdfPath,
  compareKeys,
  comparePrefix,
  compareValues,
  containsCommitTs,
  convexToJson,
  type Doc,
  decodeCursor,
  docJsonString,
  docSize,
  END_CURSOR,
  encodeCursor,
  formatLogArgs,
  getField,
  jsonToConvex,
  type Key,
  newId,
  RawJson,
  resolveCommitTs,
  tableNumberFromId,
  type Value,
} from "./values.js";

export type UdfType = "query" | "mutation" | "action" | "httpAction";

/** Internal table name: component tables are namespaced by their component path. */
export function tableKey(cp: string, name: string): string {
  return cp ? `${cp}/${name}` : name;
}
export function splitTableKey(key: string): { cp: string; name: string } {
  const i = key.lastIndexOf("/");
  return i < 0 ? { cp: "", name: key } : { cp: key.slice(0, i), name: key.slice(i + 1) };
}

export class Mutex {
  private q: (() => void)[] = [];
  private locked = false;
  async acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((r) => this.q.push(r));
  }
  release(): void {
    const n = this.q.shift();
    if (n) n();
    else this.locked = false;
  }
  async run<T>(f: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await f();
    } finally {
      this.release();
    }
  }
}

interface Metrics {
  bytesRead: number;
  documentsRead: number;
  databaseQueries: number;
  bytesWritten: number;
  documentsWritten: number;
  functionsScheduled: number;
  scheduledFunctionArgsBytes: number;
}
const LIMITS: Metrics = {
  bytesRead: 16 * 2 ** 20,
  bytesWritten: 16 * 2 ** 20,
  documentsRead: 32_000,
  databaseQueries: 4096,
  documentsWritten: 16_000,
  functionsScheduled: 1000,
  scheduledFunctionArgsBytes: 16 * 2 ** 20,
};

/** A read recorded for invalidation. */
export type ReadRange =
  | { table: string; kind: "table" }
  | { table: string; kind: "doc"; id: string }
  | {
      table: string;
      kind: "range";
      index: string;
      fields: string[];
      lo: Key;
      loIncl: boolean;
      hi: Key;
      hiIncl: boolean;
      loOpen: boolean;
      hiOpen: boolean;
    };

export class Transaction {
  writes = new Map<string, { table: string; doc: Doc | null }>();
  writesByTable = new Map<string, Map<string, Doc | null>>();
  reads: ReadRange[] = [];
  metrics: Metrics = {
    bytesRead: 0,
    documentsRead: 0,
    databaseQueries: 0,
    bytesWritten: 0,
    documentsWritten: 0,
    functionsScheduled: 0,
    scheduledFunctionArgsBytes: 0,
  };
  constructor(public readonly isMutation: boolean) {}
  setWrite(table: string, id: string, doc: Doc | null) {
    this.writes.set(id, { table, doc });
    let m = this.writesByTable.get(table);
    if (!m) this.writesByTable.set(table, (m = new Map()));
    m.set(id, doc);
  }
  savepoint() {
    return {
      writes: new Map(this.writes),
      byTable: new Map([...this.writesByTable].map(([k, v]) => [k, new Map(v)])),
    };
  }
  restore(sp: ReturnType<Transaction["savepoint"]>) {
    this.writes = sp.writes;
    this.writesByTable = sp.byTable;
  }
}

interface StreamState {
  it: Iterator<Doc>;
}

export interface ExecContext {
  udfType: UdfType;
  udfPath: string;
  visibility: "public" | "internal";
  identity: Identity | null;
  authToken: string | null;
  txn: Transaction | null;
  logLines: string[];
  requestId: string;
  streams: Map<number, StreamState>;
  paginated: boolean;
  journal: Journal | null; // incoming journal (subscription)
  outJournal: Journal | null;
  scheduledFunctionId: string | null;
  lockHeld: boolean;
  componentPath: string;
}

export interface Journal {
  endCursor: string | null;
}

export interface CallOptions {
  identity?: Identity | null;
  authToken?: string | null;
  /** enforce that the function is public (client entry points) */
  fromClient?: boolean;
  journal?: Journal | null;
  /** internal: the caller already holds the lock */
  lockHeld?: boolean;
  scheduledFunctionId?: string | null;
  /** hook run inside the mutation transaction before the function (scheduler) */
  beforeRun?: (txn: Transaction) => boolean;
  afterRun?: (txn: Transaction) => void;
  expectType?: UdfType | UdfType[];
  /** component the function lives in ("" = the app) */
  componentPath?: string;
  /**
   * PERF: the convex-JSON form `args` was decoded from (nested calls from function code), so
   * the invocation need not re-encode it; `jsonToConvex(argsJson)` must equal `args`.
   */
  argsJson?: any;
}

export interface Outcome {
  success: boolean;
  value?: Value;
  errorMessage?: string;
  errorData?: any; // convex json
  logLines: string[];
  reads?: ReadRange[];
  journal?: Journal | null;
  ts?: bigint;
  skipped?: boolean;
  /** PERF: JSON text of `value` as returned by the function (`JSON.stringify(convexToJson(value))`) */
  valueText?: string;
}

export interface CommitEvent {
  ts: bigint;
  writes: AppliedWrite[];
}

class UserError extends Error {}

let streamCounter = 0;

function errorToOutcome(e: any, logLines: string[]): Outcome {
  if (e && typeof e === "object" && Symbol.for("ConvexError") in e) {
    let data: any = e.data;
    if (typeof data === "string") {
      try {
        data = JSON.parse(data);
      } catch {
        /* keep */
      }
    } else {
      data = convexToJson(data ?? null);
    }
    return { success: false, errorMessage: `Uncaught ConvexError: ${e.message}`, errorData: data, logLines };
  }
  if (e instanceof UserError) return { success: false, errorMessage: e.message, logLines };
  const name = e?.name && e.name !== "Error" ? e.name : "Error";
  const msg = e instanceof Error ? e.message : String(e);
  return { success: false, errorMessage: `Uncaught ${name}: ${msg}`, logLines };
}

export interface EngineOptions {
  quiet?: boolean;
  cloudUrl: () => string;
  siteUrl: () => string;
  instanceName?: string;
  storageDir?: string;
}

/** Content blobs on disk, one file per `_storage` id. */
export class FileStore {
  private tokens = new Map<string, number>();
  private mem = new Map<string, Buffer>();
  constructor(
    private dir: string | null,
    private cloudUrl: () => string,
  ) {
    if (dir) fs.mkdirSync(dir, { recursive: true });
  }
  uploadUrl(): string {
    const token = randomUUID();
    this.tokens.set(token, Date.now() + 3600_000);
    return `${this.cloudUrl()}/api/storage/upload?token=${token}`;
  }
  checkToken(token: string | null): boolean {
    if (!token) return false;
    const exp = this.tokens.get(token);
    if (!exp || exp < Date.now()) return false;
    this.tokens.delete(token);
    return true;
  }
  fileUrl(id: string): string {
    return `${this.cloudUrl()}/api/storage/${id}`;
  }
  write(bytes: Buffer): { tmp: string; sha256: string; size: number } {
    const sha256 = createHash("sha256").update(bytes).digest("base64");
    const tmp = `tmp-${randomUUID()}`;
    if (this.dir) fs.writeFileSync(path.join(this.dir, tmp), bytes);
    else this.mem.set(tmp, bytes);
    return { tmp, sha256, size: bytes.length };
  }
  link(tmp: string, id: string) {
    if (this.dir) fs.renameSync(path.join(this.dir, tmp), path.join(this.dir, id));
    else {
      this.mem.set(id, this.mem.get(tmp)!);
      this.mem.delete(tmp);
    }
  }
  read(id: string): Buffer | null {
    if (!/^[0-9a-z]+$/.test(id)) return null;
    if (!this.dir) return this.mem.get(id) ?? null;
    try {
      return fs.readFileSync(path.join(this.dir, id));
    } catch {
      return null;
    }
  }
  remove(id: string) {
    if (!this.dir) this.mem.delete(id);
    else fs.rmSync(path.join(this.dir, id), { force: true });
  }
}

export class Engine {
  readonly als = new AsyncLocalStorage<ExecContext>();
  readonly lock = new Mutex();
  modules!: Modules;
  schemaTables = new Map<string, { documentType: ValidatorJSON; indexes: Map<string, string[]> }>();
  /** per component: whether a schema exists and validates documents */
  schemaValidation = new Map<string, boolean>();
  private commitListeners: ((e: CommitEvent) => void)[] = [];
  private reloadListeners: (() => void)[] = [];
  files: FileStore;
  /**
   * Bumped on every in-memory commit and on every module reload: two query runs under the lock
   * with the same `dataVersion` (and the same args/identity/journal) see the same snapshot and
   * the same code, so the sync layer may share one result between subscribers.
   */
  dataVersion = 0;

  constructor(
    readonly db: Database,
    readonly opts: EngineOptions,
  ) {
    this.files = new FileStore(opts.storageDir ?? null, opts.cloudUrl);
    // delete blobs once their `_storage` row is deleted
    this.onCommit((e) => {
      for (const w of e.writes)
        if (splitTableKey(w.table).name === "_storage" && w.oldDoc && !w.newDoc) this.files.remove(w.id);
    });
  }

  onCommit(l: (e: CommitEvent) => void) {
    this.commitListeners.push(l);
  }
  onReload(l: () => void) {
    this.reloadListeners.push(l);
  }

  setModules(m: Modules) {
    this.dataVersion++;
    this.modules = m;
    this.schemaTables.clear();
    this.schemaValidation.clear();
    for (const [cp, c] of m.components) this.applySchema(cp, c.schema);
    for (const l of this.reloadListeners) l();
  }

  private applySchema(cp: string, schema: SchemaJSON | null) {
    this.schemaValidation.set(cp, !!schema?.schemaValidation);
    if (!schema) return;
    for (const t of schema.tables) {
      const indexes = new Map<string, string[]>();
      for (const i of t.indexes ?? []) {
        indexes.set(
          i.indexDescriptor,
          i.fields.filter((f) => f !== "_creationTime" && f !== "_id"),
        );
      }
      this.schemaTables.set(tableKey(cp, t.tableName), { documentType: t.documentType, indexes });
      const table = this.db.ensureTable(tableKey(cp, t.tableName));
      table.setIndexes([...indexes].map(([name, fields]) => ({ name, fields })));
    }
    // tables not in the schema keep only the built-in indexes
    for (const t of this.db.tablesByName.values()) {
      const k = splitTableKey(t.name);
      if (k.cp === cp && !this.schemaTables.has(t.name) && !k.name.startsWith("_")) t.setIndexes([]);
    }
  }

  // ---------------------------------------------------------------- helpers
  /** Resolve a function address relative to component `cp`. `crossing` = target is another component. */
  resolveFunction(address: any, cp = ""): { cp: string; path: string; crossing: boolean } {
    if (address.functionHandle) {
      const h = String(address.functionHandle);
      if (!h.startsWith("function://")) throw new Error(`Invalid function handle ${h}`);
      const body = h.slice("function://".length);
      const semi = body.indexOf(";");
      const target = semi >= 0 ? body.slice(0, semi) : "";
      return { cp: target, path: canonicalizeUdfPath(semi >= 0 ? body.slice(semi + 1) : body), crossing: false };
    }
    if (address.reference) {
      const ref = String(address.reference);
      const prefix = "_reference/childComponent/";
      if (!ref.startsWith(prefix)) throw new Error(`Unsupported function reference ${ref}`);
      const parts = ref.slice(prefix.length).split("/");
      if (parts.length < 3) throw new Error(`Invalid component function reference ${ref}`);
      const child = tableKey(cp, parts[0]!);
      const fn = parts[parts.length - 1]!;
      const mod = parts.slice(1, -1).join("/");
      return { cp: child, path: `${mod}:${fn}`, crossing: true };
    }
    return { cp, path: canonicalizeUdfPath(address.name), crossing: false };
  }

  functionsIn(cp: string): Map<string, RegisteredFunction> | undefined {
    return this.modules.components.get(cp)?.functions;
  }

  getFunction(path: string, fromClient: boolean, cp = ""): RegisteredFunction {
    const f = this.functionsIn(cp)?.get(path);
    if (!f || (fromClient && f.visibility !== "public")) {
      throw new UserError(
        `Could not find public function for '${path.replace(/:default$/, "")}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
      );
    }
    return f;
  }

  isTableIdIn =
    (cp: string) =>
    (table: string, id: string): boolean => {
      const n = tableNumberFromId(id);
      if (n === null) return false;
      const t = this.db.getTable(tableKey(cp, table));
      if (t) return t.number === n;
      // table not created yet: accept ids with an unknown number
      return !this.db.tableForNumber(n);
    };

  private validateArgs(f: RegisteredFunction, args: any) {
    if (!f.args) return;
    const err = check(f.args, args, "", this.isTableIdIn(f.componentPath));
    if (err) throw new UserError(`ArgumentValidationError: ${err}`);
  }
  private validateReturns(f: RegisteredFunction, value: any) {
    if (!f.returns) return;
    const err = check(f.returns, value, "", this.isTableIdIn(f.componentPath));
    if (err) throw new UserError(`ReturnsValidationError: ${err}`);
  }

  private makeCtx(
    type: UdfType,
    f: { path: string; visibility: "public" | "internal"; componentPath?: string },
    opts: CallOptions,
    txn: Transaction | null,
    parent: ExecContext | null,
  ): ExecContext {
    const componentPath = f.componentPath ?? opts.componentPath ?? parent?.componentPath ?? "";
    return {
      udfType: type,
      udfPath: f.path,
      visibility: f.visibility,
      componentPath,
      // components never see the caller's identity
      identity: componentPath ? null : opts.identity !== undefined ? opts.identity : (parent?.identity ?? null),
      authToken: opts.authToken !== undefined ? opts.authToken : (parent?.authToken ?? null),
      txn,
      logLines: parent?.logLines ?? [],
      requestId: parent?.requestId ?? randomUUID().replace(/-/g, "").slice(0, 16),
      streams: new Map(),
      paginated: false,
      journal: opts.journal ?? null,
      outJournal: null,
      scheduledFunctionId: opts.scheduledFunctionId ?? parent?.scheduledFunctionId ?? null,
      lockHeld: opts.lockHeld ?? parent?.lockHeld ?? false,
    };
  }

  // ---------------------------------------------------------------- entry points
  async runQuery(path: string, args: any, opts: CallOptions = {}): Promise<Outcome> {
    const logLines: string[] = [];
    let f: RegisteredFunction;
    try {
      f = this.getFunction(canonicalizeUdfPath(path), !!opts.fromClient, opts.componentPath ?? "");
      if (f.type !== "query") throw new UserError(`Function ${f.path} is not a query`);
      this.validateArgs(f, args);
    } catch (e) {
      return errorToOutcome(e, logLines);
    }
    const exec = async (): Promise<Outcome> => {
      const txn = new Transaction(false);
      const ctx = this.makeCtx("query", f, { ...opts, lockHeld: true }, txn, null);
      try {
        const res = await this.als.run(ctx, () => f.fn.invokeQuery(invokeArgs(args, opts)));
        const value = jsonToConvex(JSON.parse(res));
        this.validateReturns(f, value);
        return {
          success: true,
          value,
          valueText: res,
          logLines: ctx.logLines,
          reads: txn.reads,
          journal: ctx.outJournal,
          ts: this.db.lastTs,
        };
      } catch (e) {
        this.reportError("Q", f.path, e);
        return { ...errorToOutcome(e, ctx.logLines), reads: txn.reads, journal: ctx.outJournal, ts: this.db.lastTs };
      }
    };
    return opts.lockHeld ? exec() : this.lock.run(exec);
  }

  async runMutation(path: string, args: any, opts: CallOptions = {}): Promise<Outcome> {
    const logLines: string[] = [];
    let f: RegisteredFunction;
    try {
      f = this.getFunction(canonicalizeUdfPath(path), !!opts.fromClient, opts.componentPath ?? "");
      if (f.type !== "mutation") throw new UserError(`Function ${f.path} is not a mutation`);
      this.validateArgs(f, args);
    } catch (e) {
      return errorToOutcome(e, logLines);
    }
    let commit: ReturnType<Engine["commitTxn"]> = null;
    const exec = async (): Promise<Outcome> => {
      const txn = new Transaction(true);
      const ctx = this.makeCtx("mutation", f, { ...opts, lockHeld: true }, txn, null);
      try {
        if (opts.beforeRun && !opts.beforeRun(txn)) return { success: true, value: null, logLines: [], skipped: true };
        const res = await this.als.run(ctx, () => f.fn.invokeMutation(invokeArgs(args, opts)));
        const value = jsonToConvex(JSON.parse(res));
        this.validateReturns(f, value);
        opts.afterRun?.(txn);
        commit = this.commitTxn(txn);
        return { success: true, value, valueText: res, logLines: ctx.logLines, ts: commit?.ts ?? this.db.lastTs };
      } catch (e) {
        this.reportError("M", f.path, e);
        return errorToOutcome(e, ctx.logLines);
      }
    };
    const out = await this.lock.run(exec);
    if (commit) await this.publish(commit);
    return out;
  }

  /** Run a mutation-like internal transaction (scheduler bookkeeping). */
  async runSystemTxn(fn: (txn: Transaction) => void): Promise<void> {
    let commit: ReturnType<Engine["commitTxn"]> = null;
    await this.lock.run(async () => {
      const txn = new Transaction(true);
      fn(txn);
      commit = this.commitTxn(txn);
    });
    if (commit) await this.publish(commit);
  }

  async runAction(path: string, args: any, opts: CallOptions = {}): Promise<Outcome> {
    const logLines: string[] = [];
    let f: RegisteredFunction;
    try {
      f = this.getFunction(canonicalizeUdfPath(path), !!opts.fromClient, opts.componentPath ?? "");
      if (f.type !== "action") throw new UserError(`Function ${f.path} is not an action`);
      this.validateArgs(f, args);
    } catch (e) {
      return errorToOutcome(e, logLines);
    }
    const ctx = this.makeCtx("action", f, { ...opts, lockHeld: false }, null, null);
    try {
      const res = await this.als.run(ctx, () => f.fn.invokeAction(ctx.requestId, invokeArgs(args, opts)));
      const value = jsonToConvex(JSON.parse(res));
      this.validateReturns(f, value);
      return { success: true, value, valueText: res, logLines: ctx.logLines };
    } catch (e) {
      this.reportError("A", f.path, e);
      return errorToOutcome(e, ctx.logLines);
    }
  }

  async runAny(path: string, args: any, opts: CallOptions = {}): Promise<Outcome> {
    const p = canonicalizeUdfPath(path);
    const f = this.functionsIn(opts.componentPath ?? "")?.get(p);
    if (!f) return errorToOutcome(new UserError(`Could not find function for '${p}'`), []);
    if (f.type === "query") return this.runQuery(p, args, opts);
    if (f.type === "mutation") return this.runMutation(p, args, opts);
    return this.runAction(p, args, opts);
  }

  async runHttpAction(request: Request, identity: Identity | null, authToken: string | null): Promise<Response> {
    const router = this.modules.http;
    const url = new URL(request.url);
    const found = router ? router.lookup(url.pathname, request.method === "HEAD" ? "GET" : request.method) : null;
    if (!found) return new Response(`No HttpAction routed for ${url.pathname}`, { status: 404 });
    const [handler, method, routePath] = found;
    const ctx = this.makeCtx(
      "httpAction",
      { path: `${method} ${routePath}`, visibility: "public", componentPath: "" },
      { identity, authToken, lockHeld: false },
      null,
      null,
    );
    try {
      const resp: Response = await this.als.run(ctx, () => handler.invokeHttpAction(request));
      this.mirrorLogs(ctx, ctx.logLines);
      return resp;
    } catch (e: any) {
      const out = errorToOutcome(e, ctx.logLines);
      this.log(`[CONVEX H(${ctx.udfPath})] ${out.errorMessage}`);
      return new Response(out.errorMessage ?? "Server Error", { status: 500 });
    }
  }

  private mirrorLogs(_ctx: ExecContext, _lines: string[]) {
    /* lines are mirrored as they are produced */
  }

  /** Mirror function failures (not ConvexErrors or argument errors) to the terminal. */
  private reportError(letter: string, path: string, e: any) {
    if (this.opts.quiet || e instanceof UserError) return;
    if (e && typeof e === "object" && Symbol.for("ConvexError") in e) return;
    const stack = e instanceof Error && e.stack ? e.stack : String(e);
    originalConsole.error(`[CONVEX ${letter}(${path.replace(/:default$/, "")})] Uncaught ${stack}`);
  }

  log(line: string) {
    if (!this.opts.quiet) originalConsole.log(line);
  }

  // ---------------------------------------------------------------- commit
  /** Apply a transaction in memory and enqueue its log line, atomically (same tick, under the lock). */
  private commitTxn(
    txn: Transaction,
  ): { ts: bigint; records: WriteRecord[]; applied: AppliedWrite[]; durable: Promise<void> } | null {
    if (txn.writes.size === 0) return null;
    const ts = this.db.nextTs();
    const records: WriteRecord[] = [];
    for (const [id, w] of txn.writes) {
      let doc = w.doc;
      if (doc && containsCommitTs(doc)) doc = resolveCommitTs(doc, ts) as Doc;
      records.push({ table: w.table, id, doc });
    }
    const applied = this.db.apply(records);
    this.dataVersion++;
    const durable = this.db.persist(ts, records);
    durable.catch(() => {}); // awaited (and reported) in publish
    return { ts, records, applied, durable };
  }

  private async publish(c: { ts: bigint; records: WriteRecord[]; applied: AppliedWrite[]; durable: Promise<void> }) {
    await c.durable;
    for (const l of this.commitListeners) {
      try {
        l({ ts: c.ts, writes: c.applied });
      } catch (e) {
        originalConsole.error("[local-backend] commit listener failed", e);
      }
    }
  }

  // ---------------------------------------------------------------- reads
  /** Read a document as seen by the transaction. */
  private readDoc(txn: Transaction, table: Table, id: string): Doc | null {
    const w = txn.writes.get(id);
    if (w) return w.table === table.name ? w.doc : null;
    return table.docs.get(id) ?? null;
  }

  trackRead(txn: Transaction, doc: Doc) {
    txn.metrics.documentsRead++;
    txn.metrics.bytesRead += docSize(doc);
    if (txn.metrics.documentsRead > LIMITS.documentsRead)
      throw new Error(
        `Too many documents read in a single function execution (limit: ${LIMITS.documentsRead}). Consider using smaller limits in your queries, paginating your queries, or using indexed queries with a selective index range expressions.`,
      );
  }

  /**
   * Produce documents of an index range (merged with the transaction's own writes)
   * in index order, starting strictly after `after` (a full key) and stopping after
   * `until` (inclusive), if given.
   */
  *scan(
    txn: Transaction,
    tableName: string,
    indexName: string,
    range: any[],
    order: "asc" | "desc",
    after: Key | null,
    until: Key | null,
  ): Generator<{ doc: Doc; key: Key }> {
    const table = this.db.getTable(tableName);
    txn.metrics.databaseQueries++;
    let fields: string[];
    if (indexName === "by_creation_time" || indexName === "by_id") fields = [];
    else {
      const idx = table?.indexes.get(indexName);
      const sch = this.schemaTables.get(tableName)?.indexes.get(indexName);
      if (!idx && !sch) throw new Error(`Index ${tableName}.${indexName} not found.`);
      fields = idx?.fields ?? sch!;
    }
    const keyFields = indexName === "by_id" ? ["_id"] : [...fields, "_creationTime", "_id"];
    // compute bounds
    const eqs: Value[] = [];
    let lower: { v: Value; incl: boolean } | null = null;
    let upper: { v: Value; incl: boolean } | null = null;
    let fi = 0;
    for (const r of range) {
      const expected = keyFields[fi];
      if (r.fieldPath !== expected && !(r.type !== "Eq" && r.fieldPath === keyFields[fi])) {
        throw new Error(
          `Uhoh, the index range for ${tableName}.${indexName} uses field ${r.fieldPath} out of order (expected ${expected}).`,
        );
      }
      const v = jsonToConvex(r.value);
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
      let it: Generator<{ key: Key; id: string }>;
      if (order === "asc") {
        let start = idx.sorted.lowerBound((k) => {
          const c = comparePrefix(k, lo);
          return loIncl || lo.length === 0 ? c >= 0 : c > 0;
        });
        if (after) {
          const s2 = idx.sorted.lowerBound((k) => compareKeys(k, after) > 0);
          if (s2[0] > start[0] || (s2[0] === start[0] && s2[1] > start[1])) start = s2;
        }
        it = idx.sorted.ascFrom(start);
      } else {
        let end = idx.sorted.lowerBound((k) => {
          const c = comparePrefix(k, hi);
          return hiIncl || hi.length === 0 ? c > 0 : c >= 0;
        });
        if (after) {
          const e2 = idx.sorted.lowerBound((k) => compareKeys(k, after) >= 0);
          if (e2[0] < end[0] || (e2[0] === end[0] && e2[1] < end[1])) end = e2;
        }
        it = idx.sorted.descBefore(end);
      }
      for (const e of it) {
        if (!keyInRange(e.key, lo, loIncl, hi, hiIncl)) break;
        if (!keyUntilOk(e.key, until, order)) break;
        if (tw?.has(e.id)) continue;
        while (oi < overlay.length) {
          const o = overlay[oi]!;
          const c = compareKeys(o.key, e.key);
          if (order === "asc" ? c < 0 : c > 0) {
            oi++;
            yield o;
          } else break;
        }
        const doc = table.docs.get(e.id)!;
        yield { doc, key: e.key };
      }
    }
    while (oi < overlay.length) yield overlay[oi++]!;
  }

  /** Returns the internal table key for the query's table (checked for system access). */
  private compileSource(
    ctx: ExecContext,
    query: any,
  ): { table: string; index: string; range: any[]; order: "asc" | "desc" } {
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
    throw new Error(`Unsupported query source ${src.type}`);
  }

  private *runQueryPlan(ctx: ExecContext, query: any): Generator<Doc> {
    const txn = ctx.txn!;
    const src = query.source;
    if (src.type === "Search") {
      yield* this.searchScan(ctx, query);
      return;
    }
    const { table, index, range, order } = this.compileSource(ctx, query);
    const filters = (query.operators ?? []).filter((o: any) => o.filter).map((o: any) => o.filter);
    let limit = Infinity;
    for (const o of query.operators ?? []) if (o.limit !== undefined) limit = Math.min(limit, o.limit);
    if (limit <= 0) return;
    let n = 0;
    for (const { doc } of this.scan(txn, table, index, range, order, null, null)) {
      this.trackRead(txn, doc);
      if (filters.every((f: any) => evalFilter(doc, f))) {
        yield doc;
        if (++n >= limit) return;
      }
    }
  }

  private *searchScan(ctx: ExecContext, query: any): Generator<Doc> {
    const txn = ctx.txn!;
    const src = query.source;
    const dot = src.indexName.indexOf(".");
    const tableName = tableKey(ctx.componentPath, src.indexName.slice(0, dot));
    txn.reads.push({ table: tableName, kind: "table" });
    const results: { doc: Doc; score: number }[] = [];
    const seen = new Set<string>();
    const table = this.db.getTable(tableName);
    const tw = txn.writesByTable.get(tableName);
    const consider = (doc: Doc) => {
      let score = 0;
      for (const f of src.filters) {
        const v = getField(doc, f.fieldPath);
        if (f.type === "Eq") {
          if (compareValues(v as Value, jsonToConvex(f.value)) !== 0) return;
        } else {
          if (typeof v !== "string") return;
          const words = v.toLowerCase().split(/\W+/).filter(Boolean);
          const terms = String(f.value).toLowerCase().split(/\W+/).filter(Boolean);
          for (const t of terms)
            for (const w of words)
              if (w === t) score += 2;
              else if (w.startsWith(t)) score += 1;
          if (score === 0) return;
        }
      }
      results.push({ doc, score });
    };
    if (tw)
      for (const [id, d] of tw) {
        seen.add(id);
        if (d) consider(d);
      }
    if (table)
      for (const [id, d] of table.docs)
        if (!seen.has(id)) {
          this.trackRead(txn, d);
          consider(d);
        }
    results.sort((a, b) => b.score - a.score || b.doc._creationTime - a.doc._creationTime);
    const filters = (query.operators ?? []).filter((o: any) => o.filter).map((o: any) => o.filter);
    let limit = 1024;
    for (const o of query.operators ?? []) if (o.limit !== undefined) limit = Math.min(limit, o.limit);
    let n = 0;
    for (const r of results) {
      if (n >= limit) return;
      if (filters.every((f: any) => evalFilter(r.doc, f))) {
        n++;
        yield r.doc;
      }
    }
  }

  private queryPage(ctx: ExecContext, a: any) {
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
    const { table, index, range, order } = this.compileSource(ctx, query);
    const filters = (query.operators ?? []).filter((o: any) => o.filter).map((o: any) => o.filter);
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
    for (const { doc, key } of this.scan(txn, table, index, range, order, after, until)) {
      this.trackRead(txn, doc);
      rows++;
      bytes += docSize(doc);
      lastKey = key;
      if (filters.every((f: any) => evalFilter(doc, f))) {
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

  // ---------------------------------------------------------------- writes
  private validateDoc(key: string, doc: Doc) {
    const { cp, name: table } = splitTableKey(key);
    if (!this.schemaValidation.get(cp)) return;
    const t = this.schemaTables.get(key);
    if (!t) {
      if ((this.modules.components.get(cp)?.schema?.tables.length ?? 0) > 0)
        throw new Error(
          `Failed to insert or update a document in table "${table}" because it does not match the schema: table "${table}" is not in the schema.`,
        );
      return;
    }
    const { _id, _creationTime, ...rest } = doc;
    const err = check(t.documentType, rest, "", this.isTableIdIn(cp));
    if (err)
      throw new Error(
        `Failed to insert or update a document in table "${table}" because it does not match the schema: ${err}`,
      );
  }

  private checkFields(v: any, path = "") {
    if (v === null || typeof v !== "object" || v instanceof ArrayBuffer || v instanceof CommitTsPlaceholder) return;
    if (Array.isArray(v)) {
      v.forEach((x) => this.checkFields(x, path));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith("$")) throw new Error(`Field name ${k} starts with a '$', which is reserved.`);
      this.checkFields(x, `${path}.${k}`);
    }
  }

  private resolveId(
    cp: string,
    table: string | undefined,
    id: any,
    isSystem = false,
  ): { table: Table; id: string } | null {
    const n = tableNumberFromId(id);
    if (n === null) {
      if (table)
        throw new Error(`Invalid argument \`id\`: ${JSON.stringify(id)} is not a valid ID for table "${table}"`);
      throw new Error(`Invalid argument \`id\`: ${JSON.stringify(id)} is not a valid ID`);
    }
    const t = this.db.tableForNumber(n);
    if (!t) return null;
    const k = splitTableKey(t.name);
    if (k.cp !== cp) return null; // another component's table: not visible here
    if (table !== undefined && k.name !== table)
      throw new Error(`Invalid argument \`id\` for table "${table}": ID belongs to table "${k.name}"`);
    if (!isSystem && k.name.startsWith("_")) throw new Error("System tables can only be accessed from db.system.");
    if (isSystem && !k.name.startsWith("_")) throw new Error("User tables can not be accessed from db.system.");
    if (cp === "" && k.name === "_cron_state") throw new Error("System table '_cron_state' is not accessible");
    return { table: t, id };
  }

  private insert(ctx: ExecContext, table: string, value: any): string {
    const txn = this.writableTxn(ctx);
    if (table.startsWith("_")) throw new Error("System tables (prefixed with `_`) are read-only.");
    if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(table)) throw new Error(`Invalid table name: "${table}"`);
    if (value && (value._id !== undefined || value._creationTime !== undefined))
      throw new Error("System fields (`_id`, `_creationTime`) can not be set when inserting a document.");
    this.checkFields(value);
    const key = tableKey(ctx.componentPath, table);
    const t = this.db.ensureTable(key);
    const doc: Doc = { ...value, _id: newId(t.number), _creationTime: this.db.nextCreationTime() };
    this.validateDoc(key, doc);
    txn.setWrite(key, doc._id, doc);
    this.trackWrite(txn, doc);
    return doc._id;
  }

  insertSystem(txn: Transaction, table: string, value: any): Doc {
    const t = this.db.ensureTable(table);
    const doc: Doc = { ...value, _id: newId(t.number), _creationTime: this.db.nextCreationTime() };
    txn.setWrite(table, doc._id, doc);
    return doc;
  }
  getSystem(txn: Transaction, table: string, id: string): Doc | null {
    const t = this.db.getTable(table);
    if (!t) return null;
    return this.readDoc(txn, t, id);
  }

  private trackWrite(txn: Transaction, doc: Doc | null) {
    txn.metrics.documentsWritten++;
    if (doc) txn.metrics.bytesWritten += docSize(doc);
  }

  private writableTxn(ctx: ExecContext): Transaction {
    if (!ctx.txn?.isMutation || ctx.udfType !== "mutation") throw new Error("Writes are only allowed in mutations.");
    return ctx.txn;
  }

  private existing(ctx: ExecContext, table: string | undefined, id: any, op: string): { t: Table; doc: Doc } {
    const r = this.resolveId(ctx.componentPath, table, id);
    const doc = r ? this.readDoc(ctx.txn!, r.table, r.id) : null;
    if (!r || !doc) throw new Error(`${op} on nonexistent document ID ${id}`);
    return { t: r.table, doc };
  }

  // ---------------------------------------------------------------- syscalls
  syscall(op: string, args: any): any {
    const ctx = this.als.getStore();
    if (!ctx) throw new Error(`Syscall ${op} called outside of a Convex function`);
    switch (op) {
      case "1.0/queryStream": {
        const id = ++streamCounter;
        if (!ctx.txn) throw new Error("Database access is not available in actions. Use ctx.runQuery.");
        ctx.streams.set(id, { it: this.runQueryPlan(ctx, args.query) });
        return { queryId: id };
      }
      case "1.0/queryCleanup":
        ctx.streams.delete(args.queryId);
        return {};
      case "1.0/db/normalizeId": {
        return { id: this.isTableIdIn(ctx.componentPath)(args.table, args.idString) ? args.idString : null };
      }
      case "1.0/getSnapshotTs":
        return convexToJson(this.db.lastTs);
      default:
        throw new Error(`Unknown operation ${op}`);
    }
  }

  async asyncSyscall(op: string, args: any): Promise<any> {
    const ctx = this.als.getStore();
    if (!ctx) throw new Error(`Syscall ${op} called outside of a Convex function`);

    switch (op) {
      case "1.0/queryStreamNext": {
        const s = ctx.streams.get(args.queryId);
        if (!s) throw new Error("Query stream not found (closed?)");
        const r = s.it.next();
        if (r.done) return { value: null, done: true };
        return new RawJson(`{"value":${docJsonString(r.value as Doc)},"done":false}`);
      }
      case "1.0/queryPage":
        needTxn(ctx, op);
        return this.queryPage(ctx, args);
      case "1.0/count": {
        const txn = needTxn(ctx, op);
        const key = tableKey(ctx.componentPath, args.table);
        txn.reads.push({ table: key, kind: "table" });
        const t = this.db.getTable(key);
        let n = t ? t.docs.size : 0;
        const tw = txn.writesByTable.get(key);
        if (tw)
          for (const [id, d] of tw) {
            const was = t?.docs.has(id) ?? false;
            if (was && !d) n--;
            if (!was && d) n++;
          }
        return n;
      }
      case "1.0/get": {
        const txn = needTxn(ctx, op);
        const r = this.resolveId(ctx.componentPath, args.table, jsonToConvex(args.id), !!args.isSystem);
        if (!r) return null;
        txn.reads.push({ table: r.table.name, kind: "doc", id: r.id });
        const doc = this.readDoc(txn, r.table, r.id);
        if (doc) this.trackRead(txn, doc);
        return doc ? new RawJson(docJsonString(doc)) : null;
      }
      case "1.0/insert": {
        const id = this.insert(ctx, args.table, jsonToConvex(args.value));
        return { _id: id };
      }
      case "1.0/shallowMerge": {
        const txn = this.writableTxn(ctx);
        const { t, doc } = this.existing(ctx, args.table, jsonToConvex(args.id), "Update");
        if (t.name.startsWith("_")) throw new Error("System tables are read-only.");
        const patch = args.value as Record<string, any>;
        const next: any = { ...doc };
        for (const [k, vj] of Object.entries(patch)) {
          if (k === "_id" || k === "_creationTime") {
            const v = jsonToConvex(vj);
            if (v !== (doc as any)[k]) throw new Error(`Provided ${k} field does not match the document.`);
            continue;
          }
          if (vj && typeof vj === "object" && !Array.isArray(vj) && "$undefined" in vj) delete next[k];
          else next[k] = jsonToConvex(vj);
        }
        this.checkFields(next);
        this.validateDoc(t.name, next);
        txn.setWrite(t.name, doc._id, next);
        this.trackWrite(txn, next);
        return {};
      }
      case "1.0/replace": {
        const txn = this.writableTxn(ctx);
        const { t, doc } = this.existing(ctx, args.table, jsonToConvex(args.id), "Replace");
        if (t.name.startsWith("_")) throw new Error("System tables are read-only.");
        const value = jsonToConvex(args.value) as any;
        if (value._id !== undefined && value._id !== doc._id)
          throw new Error("Provided _id field does not match the document.");
        if (value._creationTime !== undefined && value._creationTime !== doc._creationTime)
          throw new Error("Provided _creationTime field does not match the document.");
        const next = { ...value, _id: doc._id, _creationTime: doc._creationTime };
        this.checkFields(next);
        this.validateDoc(t.name, next);
        txn.setWrite(t.name, doc._id, next);
        this.trackWrite(txn, next);
        return {};
      }
      case "1.0/remove": {
        const txn = this.writableTxn(ctx);
        const { t, doc } = this.existing(ctx, args.table, jsonToConvex(args.id), "Delete");
        if (t.name.startsWith("_")) throw new Error("System tables are read-only.");
        txn.setWrite(t.name, doc._id, null);
        this.trackWrite(txn, null);
        return {};
      }
      case "1.0/getUserIdentity":
        return ctx.identity ?? null;
      case "1.0/getTransactionMetrics": {
        if (!ctx.txn) throw new Error("getTransactionMetrics() can only be called from a query or mutation.");
        const m = ctx.txn.metrics;
        const out: any = {};
        for (const k of Object.keys(LIMITS) as (keyof Metrics)[]) out[k] = { used: m[k], remaining: LIMITS[k] - m[k] };
        return out;
      }
      case "1.0/getFunctionMetadata":
        return { name: ctx.udfPath, componentPath: ctx.componentPath };
      case "1.0/getDeploymentMetadata":
        return { name: this.opts.instanceName ?? "local", region: null, class: "s16" };
      case "1.0/getRequestMetadata":
        if (ctx.udfType === "query")
          throw new Error("getRequestMetadata() can only be called from a mutation, action or HTTP action.");
        return {
          ip: null,
          userAgent: null,
          requestId: ctx.requestId,
          scheduledFunctionId: ctx.scheduledFunctionId,
          authToken: ctx.authToken,
        };
      case "1.0/auditLog":
        return {};
      case "1.0/createFunctionHandle": {
        const r = this.resolveFunction(args, ctx.componentPath);
        this.getFunction(r.path, r.crossing, r.cp);
        return r.cp ? `function://${r.cp};${r.path}` : `function://${r.path}`;
      }
      case "1.0/runUdf":
        return this.nestedUdf(ctx, args);
      case "1.0/actions/query":
      case "1.0/actions/mutation":
      case "1.0/actions/action": {
        if (ctx.txn) throw new Error(`${op} can only be used from actions`);
        const { cp, path, crossing } = this.resolveFunction(args, ctx.componentPath);
        const a = jsonToConvex(args.args);
        const copts: CallOptions = {
          identity: ctx.identity,
          authToken: ctx.authToken,
          scheduledFunctionId: ctx.scheduledFunctionId,
          componentPath: cp,
          fromClient: crossing,
          argsJson: args.args,
        };
        const out =
          op === "1.0/actions/query"
            ? await this.runQuery(path, a, copts)
            : op === "1.0/actions/mutation"
              ? await this.runMutation(path, a, copts)
              : await this.runAction(path, a, copts);
        for (const l of out.logLines) if (!ctx.logLines.includes(l)) ctx.logLines.push(l);
        return this.unwrap(out);
      }
      case "1.0/schedule": {
        const txn = this.writableTxn(ctx);
        const { cp, path } = this.resolveFunction(args, ctx.componentPath);
        const f = this.functionsIn(cp)?.get(path);
        if (!f || (f.type !== "mutation" && f.type !== "action"))
          throw new Error(`Attempted to schedule function at nonexistent path: ${path}`);
        const doc = this.scheduleInTxn(txn, ctx.componentPath, path, args.args, args.ts * 1000, cp);
        return doc._id;
      }
      case "1.0/cancel_job": {
        const txn = this.writableTxn(ctx);
        this.cancelInTxn(txn, ctx.componentPath, jsonToConvex(args.id) as string);
        return null;
      }
      case "1.0/actions/schedule": {
        const { cp, path } = this.resolveFunction(args, ctx.componentPath);
        const f = this.functionsIn(cp)?.get(path);
        if (!f || (f.type !== "mutation" && f.type !== "action"))
          throw new Error(`Attempted to schedule function at nonexistent path: ${path}`);
        let id = "";
        await this.runSystemTxn((txn) => {
          id = this.scheduleInTxn(txn, ctx.componentPath, path, args.args, args.ts * 1000, cp)._id;
        });
        return id;
      }
      case "1.0/actions/cancel_job": {
        await this.runSystemTxn((txn) => this.cancelInTxn(txn, ctx.componentPath, jsonToConvex(args.id) as string));
        return null;
      }
      case "1.0/storageGenerateUploadUrl":
        return this.files.uploadUrl();
      case "1.0/storageGetUrl": {
        const doc = await this.storageDoc(ctx, args.storageId);
        return doc ? this.files.fileUrl(doc._id) : null;
      }
      case "1.0/storageGetMetadata": {
        const doc = await this.storageDoc(ctx, args.storageId);
        return doc
          ? { storageId: doc._id, sha256: doc.sha256, size: doc.size, contentType: doc.contentType ?? null }
          : null;
      }
      case "1.0/storageDelete": {
        const doc = await this.storageDoc(ctx, args.storageId);
        if (!doc) throw new Error(`Storage object ${args.storageId} not found`);
        if (ctx.txn) {
          this.writableTxn(ctx).setWrite(tableKey(ctx.componentPath, "_storage"), doc._id, null);
        } else {
          await this.runSystemTxn((txn) => txn.setWrite(tableKey(ctx.componentPath, "_storage"), doc._id, null));
        }
        return null;
      }
      case "1.0/storageStore": {
        const txn = this.writableTxn(ctx);
        const bytes = Buffer.from(args.blob, "base64");
        const meta = this.files.write(bytes);
        if (args.sha256 && args.sha256 !== meta.sha256) throw new Error("sha256 mismatch for stored blob");
        const doc = this.insertSystem(txn, tableKey(ctx.componentPath, "_storage"), {
          sha256: meta.sha256,
          size: meta.size,
          ...(args.contentType ? { contentType: args.contentType } : {}),
        });
        this.files.link(meta.tmp, doc._id);
        return doc._id;
      }
      case "1.0/storageGet": {
        const doc = await this.storageDoc(ctx, args.storageId);
        if (!doc) return null;
        const bytes = this.files.read(doc._id);
        return bytes ? { blob: bytes.toString("base64"), contentType: doc.contentType ?? null } : null;
      }
      case "1.0/actions/vectorSearch":
        throw new Error("Vector search is not supported by the local backend yet");
      default:
        throw new Error(`Unknown async operation ${op}`);
    }
  }

  jsSyscall(op: string, args: any): any {
    const ctx = this.als.getStore();
    switch (op) {
      case "storage/storeBlob":
        return (async () => {
          const blob: Blob = args.blob;
          const bytes = Buffer.from(await blob.arrayBuffer());
          return await this.storeFile(bytes, blob.type || null, args.options?.sha256, ctx?.componentPath ?? "");
        })();
      case "storage/getBlob":
        return (async () => {
          const doc = ctx ? await this.storageDoc(ctx, args.storageId) : null;
          if (!doc) return null;
          const bytes = this.files.read(doc._id);
          return bytes ? new Blob([new Uint8Array(bytes)], { type: doc.contentType ?? "" }) : null;
        })();
      default:
        throw new Error(`Unsupported operation ${op}`);
    }
  }

  /** Store bytes as a new `_storage` object (outside of any transaction). */
  async storeFile(bytes: Buffer, contentType: string | null, sha256?: string, cp = ""): Promise<string> {
    const meta = this.files.write(bytes);
    if (sha256 && sha256 !== meta.sha256) throw new Error("sha256 mismatch for stored blob");
    let id = "";
    await this.runSystemTxn((txn) => {
      id = this.insertSystem(txn, tableKey(cp, "_storage"), {
        sha256: meta.sha256,
        size: meta.size,
        ...(contentType ? { contentType } : {}),
      })._id;
    });
    this.files.link(meta.tmp, id);
    return id;
  }

  private async storageDoc(ctx: ExecContext, storageId: string): Promise<Doc | null> {
    const n = tableNumberFromId(storageId);
    const t = this.db.ensureTable(tableKey(ctx.componentPath, "_storage"));
    if (n === null || n !== t.number) return null;
    if (ctx.txn) {
      ctx.txn.reads.push({ table: t.name, kind: "doc", id: storageId });
      return this.readDoc(ctx.txn, t, storageId);
    }
    return t.docs.get(storageId) ?? null;
  }

  /**
   * Insert a pending job into component `cp`'s `_scheduled_functions`. `targetCp` is the
   * component of the scheduled function when it differs (stored as `component`).
   */
  scheduleInTxn(
    txn: Transaction,
    cp: string,
    path: string,
    argsJson: any,
    scheduledTimeMs: number,
    targetCp = cp,
  ): Doc {
    txn.metrics.functionsScheduled++;
    return this.insertSystem(txn, tableKey(cp, "_scheduled_functions"), {
      name: path.replace(/:default$/, ""),
      args: [jsonToConvex(argsJson)],
      scheduledTime: scheduledTimeMs,
      state: { kind: "pending" },
      ...(targetCp !== cp ? { component: targetCp } : {}),
    });
  }
  cancelInTxn(txn: Transaction, cp: string, id: string) {
    const key = tableKey(cp, "_scheduled_functions");
    const doc = this.getSystem(txn, key, id);
    if (!doc) throw new Error(`Scheduled function ${id} not found`);
    if (doc.state.kind === "pending" || doc.state.kind === "inProgress") {
      txn.setWrite(key, id, { ...doc, state: { kind: "canceled" }, completedTime: Date.now() });
    }
  }

  private unwrap(out: Outcome): any {
    if (out.success) return out.valueText !== undefined ? new RawJson(out.valueText) : convexToJson(out.value ?? null);
    const err: any = new Error(out.errorMessage?.replace(/^Uncaught (ConvexError|Error): /, ""));
    if (out.errorData !== undefined) err.data = out.errorData;
    throw err;
  }

  private async nestedUdf(ctx: ExecContext, args: any): Promise<any> {
    const txn = ctx.txn;
    if (!txn) throw new Error("runUdf is only available in queries and mutations");
    const { cp, path, crossing } = this.resolveFunction(args, ctx.componentPath);
    const f = this.getFunction(path, crossing, cp);
    const udfType = args.udfType === "snapshotQuery" ? "query" : args.udfType;
    if (f.type !== udfType) throw new Error(`Function ${path} is not a ${udfType}`);
    if (udfType === "mutation" && ctx.udfType !== "mutation") throw new Error("Cannot run a mutation from a query");
    const a = jsonToConvex(args.args);
    this.validateArgs(f, a);
    const child: ExecContext = {
      ...this.makeCtx(udfType, f, {}, txn, ctx),
      logLines: ctx.logLines,
    };
    const sp = udfType === "mutation" ? txn.savepoint() : null;
    try {
      const res = await this.als.run(child, () =>
        udfType === "query"
          ? f.fn.invokeQuery(JSON.stringify([convexToJson(a)]))
          : f.fn.invokeMutation(JSON.stringify([convexToJson(a)])),
      );
      const value = jsonToConvex(JSON.parse(res));
      this.validateReturns(f, value);
      return convexToJson(value);
    } catch (e: any) {
      if (sp) txn.restore(sp);
      if (e && typeof e === "object" && Symbol.for("ConvexError") in e) {
        const err: any = new Error(e.message);
        err.data = typeof e.data === "string" ? JSON.parse(e.data) : convexToJson(e.data ?? null);
        throw err;
      }
      throw e;
    }
  }
}

/** The JSON text functions are invoked with: `[args]` in convex JSON. */
function invokeArgs(args: any, opts: CallOptions): string {
  return JSON.stringify([opts.argsJson !== undefined ? opts.argsJson : convexToJson(args)]);
}

function needTxn(ctx: ExecContext, op: string): Transaction {
  if (!ctx.txn) throw new Error(`${op} is not available in actions`);
  return ctx.txn;
}

// ---------------------------------------------------------------- scan bounds
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

// ---------------------------------------------------------------- filters
export function evalFilter(doc: Doc, f: any): boolean {
  return !!evalExpr(doc, f);
}
function evalExpr(doc: Doc, e: any): any {
  if ("$field" in e) return getField(doc, e.$field);
  if ("$literal" in e) {
    const l = e.$literal;
    if (l && typeof l === "object" && "$undefined" in l) return undefined;
    return jsonToConvex(l);
  }
  const bin = (k: string) => [evalExpr(doc, e[k][0]), evalExpr(doc, e[k][1])];
  if ("$eq" in e) {
    const [a, b] = bin("$eq");
    return compareValues(a, b) === 0;
  }
  if ("$neq" in e) {
    const [a, b] = bin("$neq");
    return compareValues(a, b) !== 0;
  }
  if ("$lt" in e) {
    const [a, b] = bin("$lt");
    return compareValues(a, b) < 0;
  }
  if ("$lte" in e) {
    const [a, b] = bin("$lte");
    return compareValues(a, b) <= 0;
  }
  if ("$gt" in e) {
    const [a, b] = bin("$gt");
    return compareValues(a, b) > 0;
  }
  if ("$gte" in e) {
    const [a, b] = bin("$gte");
    return compareValues(a, b) >= 0;
  }
  if ("$and" in e) return e.$and.every((x: any) => evalExpr(doc, x));
  if ("$or" in e) return e.$or.some((x: any) => evalExpr(doc, x));
  if ("$not" in e) return !evalExpr(doc, e.$not);
  const arith = (k: string, op: (a: any, b: any) => any) => {
    const [a, b] = bin(k);
    if (typeof a === "bigint" && typeof b === "bigint") return op(a, b);
    if (typeof a === "number" && typeof b === "number") return op(a, b);
    throw new Error(`Arithmetic on incompatible values: ${String(a)}, ${String(b)}`);
  };
  if ("$add" in e) return arith("$add", (a, b) => a + b);
  if ("$sub" in e) return arith("$sub", (a, b) => a - b);
  if ("$mul" in e) return arith("$mul", (a, b) => a * b);
  if ("$div" in e) return arith("$div", (a, b) => a / b);
  if ("$mod" in e) return arith("$mod", (a, b) => a % b);
  if ("$neg" in e) {
    const a = evalExpr(doc, e.$neg);
    return typeof a === "bigint" ? -a : -a;
  }
  throw new Error(`Unsupported filter expression ${JSON.stringify(e)}`);
}

// ---------------------------------------------------------------- globals
export const originalConsole = {
  log: console.log.bind(console),
  info: console.info.bind(console),
  warn: console.warn.bind(console),
  error: console.error.bind(console),
  debug: console.debug.bind(console),
};

const engines = new Set<Engine>();
function currentEngine(): { engine: Engine; ctx: ExecContext } | null {
  for (const e of engines) {
    const ctx = e.als.getStore();
    if (ctx) return { engine: e, ctx };
  }
  return null;
}

let installed = false;
export function installGlobals(engine: Engine) {
  engines.add(engine);
  if (installed) return;
  installed = true;
  (globalThis as any).Convex = {
    syscall(op: string, json: string): string {
      const c = currentEngine();
      if (!c) throw new Error(`Convex syscall ${op} outside of a function`);
      return JSON.stringify(c.engine.syscall(op, JSON.parse(json)) ?? null);
    },
    async asyncSyscall(op: string, json: string): Promise<string> {
      const c = currentEngine();
      if (!c) throw new Error(`Convex syscall ${op} outside of a function`);
      const r = await c.engine.asyncSyscall(op, JSON.parse(json));
      return r instanceof RawJson ? r.json : JSON.stringify(r ?? null);
    },
    jsSyscall(op: string, args: any): any {
      const c = currentEngine();
      if (!c) throw new Error(`Convex syscall ${op} outside of a function`);
      return c.engine.jsSyscall(op, args);
    },
  };
  const levels: [keyof typeof originalConsole, string][] = [
    ["log", "LOG"],
    ["info", "INFO"],
    ["warn", "WARN"],
    ["error", "ERROR"],
    ["debug", "DEBUG"],
  ];
  for (const [m, level] of levels) {
    (console as any)[m] = (...args: unknown[]) => {
      const c = currentEngine();
      if (!c) return originalConsole[m](...args);
      const line = formatLogArgs(level, args);
      c.ctx.logLines.push(line);
      if (!c.engine.opts.quiet) {
        const letter = { query: "Q", mutation: "M", action: "A", httpAction: "H" }[c.ctx.udfType];
        originalConsole[m](`[CONVEX ${letter}(${c.ctx.udfPath.replace(/:default$/, "")})] ${line}`);
      }
    };
  }
  const realFetch = globalThis.fetch;
  if (realFetch) {
    globalThis.fetch = ((input: any, init?: any) => {
      const c = currentEngine();
      if (c && (c.ctx.udfType === "query" || c.ctx.udfType === "mutation"))
        return Promise.reject(
          new Error(`Can't use fetch() in queries and mutations. Please consider using an action.`),
        );
      return realFetch(input, init);
    }) as typeof fetch;
  }
}
export function uninstallEngine(engine: Engine) {
  engines.delete(engine);
}
