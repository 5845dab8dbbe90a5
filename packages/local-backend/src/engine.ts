/**
 * The engine: loads modules and schemas, runs queries, mutations, actions and HTTP actions with
 * their transactions, and commits. What runs inside a function lives in engine/: syscall
 * handlers (syscalls.ts), query planning/scan/pagination/search (query.ts), document reads and
 * writes (documents.ts), file blobs (files.ts), transactions and limits (transaction.ts) and the
 * process-wide hooks (globals.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { JSONValue } from "convex/values";
import type { Identity } from "./auth.js";
import { readsIntersect } from "./engine/conflicts.js";
import { checkPresetId, readDoc } from "./engine/documents.js";
import { FileStore } from "./engine/files.js";
import { originalConsole } from "./engine/globals.js";
import type { ActionPool, UdfPool } from "./engine/pool.js";
import { QueryResultCache } from "./engine/query-cache.js";
import { SearchIndexes } from "./engine/search.js";
import {
  asyncSyscalls,
  inlineAsyncOps,
  type JsSyscallArgs,
  jsSyscalls,
  type SyscallArgs,
  syncSyscalls,
} from "./engine/syscalls.js";
import {
  type CallOptions,
  type CommitEvent,
  type ExecContext,
  errorToOutcome,
  Mutex,
  type Outcome,
  type ReadRange,
  splitTableKey,
  Transaction,
  tableKey,
  type UdfType,
  UserError,
} from "./engine/transaction.js";
import { type Modules, type RegisteredFunction, routerFiles, type SchemaJSON } from "./loader.js";
import type { AppliedWrite, Database, WriteRecord } from "./storage.js";
import { check, type ValidatorJSON } from "./validator.js";
import {
  canonicalizeUdfPath,
  containsCommitTs,
  convexToJson,
  type Doc,
  jsonToConvex,
  newId,
  RawJson,
  resolveCommitTs,
  type ScheduledJobDoc,
  tableNumberFromId,
  type Value,
} from "./values.js";

export { FileStore } from "./engine/files.js";
export { installGlobals, originalConsole, uninstallEngine } from "./engine/globals.js";
export {
  type CallOptions,
  type CommitEvent,
  type ExecContext,
  type Journal,
  type Outcome,
  type ReadRange,
  splitTableKey,
  Transaction,
  type UdfType,
} from "./engine/transaction.js";

/** Where a syscall names a function: a path, a component reference or a function handle. */
export interface FunctionAddress {
  name?: string;
  reference?: string;
  functionHandle?: string;
}

/** An HTTP action's request as the site port received it (pool.ts sends it to a worker as is). */
export interface HttpRequestParts {
  url: string;
  method: string;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer> | null;
}

/** Optimistic attempts before a mutation (or query) runs its last attempt under the commit lock. */
const MAX_OCC_ATTEMPTS = 8;

export interface EngineOptions {
  quiet?: boolean;
  cloudUrl: () => string;
  siteUrl: () => string;
  instanceName?: string;
  storageDir?: string;
}

export class Engine {
  readonly als = new AsyncLocalStorage<ExecContext>();
  readonly lock = new Mutex();
  modules!: Modules;
  /** `_system/*` functions the official CLI calls (cli/system.ts); admin only (internal) */
  systemFunctions = new Map<string, RegisteredFunction>();
  schemaTables = new Map<string, { documentType: ValidatorJSON; indexes: Map<string, string[]> }>();
  /** per component: whether a schema exists and validates documents */
  schemaValidation = new Map<string, boolean>();
  private commitListeners: ((e: CommitEvent) => void)[] = [];
  private reloadListeners: (() => void)[] = [];
  files: FileStore;
  /** full-text search indexes, maintained inside each commit (engine/search.ts) */
  readonly search = new SearchIndexes();
  /**
   * Bumped on every in-memory commit and on every module reload: two query runs under the lock
   * with the same `dataVersion` (and the same args/identity/journal) see the same snapshot and
   * the same code, so the sync layer may share one result between subscribers.
   */
  dataVersion = 0;
  /**
   * Counters for tests and benchmarks: mutations/queries re-run after a conflict, and messages
   * from function code in workers that the main thread answered (round trips, pool.ts), and
   * searches that waited for their index's background build (pool.ts).
   */
  readonly stats = { occRetries: 0, workerRoundTrips: 0, searchWaits: 0 };
  /** results of the queries actions run, until a commit writes what they read (engine/query-cache.ts) */
  readonly queryCache = new QueryResultCache();
  /** Worker threads for query/mutation code (null: run it on this thread, no time limit). */
  pool: UdfPool | null = null;
  /** Worker threads for action and HTTP action code (null: this thread, no time limit). */
  actionPool: ActionPool | null = null;
  // Optimistic concurrency: commits made while some transaction runs, to validate its reads.
  private commitSeq = 0;
  private recentCommits: { seq: number; event: CommitEvent }[] = [];
  private runningTxns = new Map<number, number>(); // token -> commitSeq at start
  private txnToken = 0;

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
    this.queryCache.clear();
    this.modules = m;
    this.schemaTables.clear();
    this.schemaValidation.clear();
    for (const [cp, c] of m.components) this.applySchema(cp, c.schema);
    this.search.retain((t) => this.schemaTables.has(t));
    void this.pool?.preload();
    void this.actionPool?.preload();
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
      this.search.define(
        table.name,
        (t.searchIndexes ?? []).map((i) => ({
          name: i.indexDescriptor,
          searchField: i.searchField,
          filterFields: i.filterFields ?? [],
        })),
        () => this.db.getTable(table.name)?.docs.storedJson() ?? [],
      );
    }
    // tables not in the schema keep only the built-in indexes
    for (const t of this.db.tablesByName.values()) {
      const k = splitTableKey(t.name);
      if (k.cp === cp && !this.schemaTables.has(t.name) && !k.name.startsWith("_")) t.setIndexes([]);
    }
  }

  // ---------------------------------------------------------------- helpers
  /** Resolve a function address relative to component `cp`. `crossing` = target is another component. */
  resolveFunction(address: FunctionAddress, cp = ""): { cp: string; path: string; crossing: boolean } {
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
    return { cp, path: canonicalizeUdfPath(String(address.name)), crossing: false };
  }

  functionsIn(cp: string): Map<string, RegisteredFunction> | undefined {
    return this.modules.components.get(cp)?.functions;
  }

  getFunction(path: string, fromClient: boolean, cp = ""): RegisteredFunction {
    const f =
      this.functionsIn(cp)?.get(path) ?? (path.startsWith("_system/") ? this.systemFunctions.get(path) : undefined);
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

  validateArgs(f: RegisteredFunction, args: Value) {
    if (!f.args) return;
    const err = check(f.args, args, "", this.isTableIdIn(f.componentPath));
    if (err) throw new UserError(`ArgumentValidationError: ${err}`);
  }
  validateReturns(f: RegisteredFunction, value: Value) {
    if (!f.returns) return;
    const err = check(f.returns, value, "", this.isTableIdIn(f.componentPath));
    if (err) throw new UserError(`ReturnsValidationError: ${err}`);
  }

  makeCtx(
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
      worker: parent?.worker,
    };
  }

  // ---------------------------------------------------------------- entry points
  async runQuery(path: string, args: Value, opts: CallOptions = {}): Promise<Outcome> {
    const logLines: string[] = [];
    let f: RegisteredFunction;
    try {
      f = this.getFunction(canonicalizeUdfPath(path), !!opts.fromClient, opts.componentPath ?? "");
      if (f.type !== "query") throw new UserError(`Function ${f.path} is not a query`);
      this.validateArgs(f, args);
    } catch (e) {
      return errorToOutcome(e, logLines);
    }
    const cacheKey =
      opts.cache && !opts.lockHeld && !opts.journal
        ? this.queryCache.keyOf(
            f.componentPath ?? "",
            f.path,
            JSON.stringify(opts.argsJson !== undefined ? opts.argsJson : convexToJson(args)),
            opts.identity,
          )
        : undefined;
    const cached = cacheKey !== undefined ? this.queryCache.get(cacheKey) : undefined;
    if (cached) return cached;
    const exec = async (token?: number): Promise<Outcome> => {
      const txn = new Transaction(false);
      const ctx = this.makeCtx("query", f, { ...opts, lockHeld: true }, txn, null);
      try {
        const res = await this.invokeUdf(ctx, f, "query", invokeArgs(args, opts), token);
        checkReturnSize(res);
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
          // on this thread (no pool) the clock is not tracked: assume it was read
          observedTime: this.pool && !f.mainThread ? ctx.observedTime === true : true,
        };
      } catch (e) {
        this.reportError("Q", f.path, e);
        return { ...errorToOutcome(e, ctx.logLines), reads: txn.reads, journal: ctx.outJournal, ts: this.db.lastTs };
      }
    };
    if (opts.lockHeld) return exec();
    // Without the lock, queries run concurrently with each other and with mutations. Commits
    // apply atomically on this thread, so the result is the snapshot at the end of the run
    // unless a commit during the run touched what the query read: then it runs again (the
    // last attempt under the lock, where nothing can commit).
    for (let attempt = 1; attempt < MAX_OCC_ATTEMPTS; attempt++) {
      const token = this.beginTxn();
      try {
        const out = await exec(token);
        if (this.conflictingTable(out.reads ?? [], token) === null) {
          // valid at this moment (no commit since it began touched its reads): cacheable now
          if (cacheKey !== undefined) this.queryCache.put(cacheKey, out);
          return out;
        }
      } finally {
        this.endTxn(token);
      }
    }
    return this.lock.run(exec);
  }

  async runMutation(path: string, args: Value, opts: CallOptions = {}): Promise<Outcome> {
    const logLines: string[] = [];
    let f: RegisteredFunction;
    try {
      f = this.getFunction(canonicalizeUdfPath(path), !!opts.fromClient, opts.componentPath ?? "");
      if (f.type !== "mutation") throw new UserError(`Function ${f.path} is not a mutation`);
      this.validateArgs(f, args);
    } catch (e) {
      return errorToOutcome(e, logLines);
    }
    // Optimistic concurrency, as Convex does: run without the lock, then validate the read set
    // against the commits made meanwhile and commit, both under the lock (one synchronous step).
    // A conflict re-runs the mutation from scratch after a short random backoff; the last
    // attempt runs entirely under the lock, so a hot document cannot starve a mutation forever.
    // Serializable, like the old global lock.
    for (let attempt = 1; ; attempt++) {
      const pessimistic = attempt >= MAX_OCC_ATTEMPTS;
      const attemptStart = performance.now();
      const txn = new Transaction(true);
      const ctx = this.makeCtx("mutation", f, { ...opts, lockHeld: false }, txn, null);
      const token = this.beginTxn();
      let commit: ReturnType<Engine["commitTxn"]> = null;
      let conflict: string | null = null;
      let out: Outcome | null = null;
      const attemptOnce = async (lockHeld: boolean) => {
        if (opts.beforeRun && !opts.beforeRun(txn)) {
          out = { success: true, value: null, logLines: [], skipped: true };
          return;
        }
        const res = await this.invokeUdf(ctx, f, "mutation", invokeArgs(args, opts), lockHeld ? undefined : token);
        checkReturnSize(res);
        const value = jsonToConvex(JSON.parse(res));
        this.validateReturns(f, value);
        const finish = () => {
          conflict = lockHeld ? null : this.conflictingTable(txn.reads, token);
          if (conflict !== null) return;
          opts.afterRun?.(txn);
          commit = this.commitTxn(txn);
        };
        if (lockHeld) finish();
        else await this.lock.run(async () => finish());
        out = {
          success: true,
          value,
          valueText: res,
          logLines: ctx.logLines,
          ts: (commit as { ts: bigint } | null)?.ts ?? this.db.lastTs,
        };
      };
      try {
        if (pessimistic) await this.lock.run(() => attemptOnce(true));
        else await attemptOnce(false);
      } catch (e) {
        this.reportError("M", f.path, e);
        return errorToOutcome(e, ctx.logLines);
      } finally {
        this.endTxn(token);
      }
      if (conflict !== null) {
        this.stats.occRetries++;
        if (process.env.LOCAL_BACKEND_DEBUG_OCC)
          originalConsole.error(
            `[occ] ${f.path} conflicted on ${conflict} (attempt ${attempt}, ${Math.round(performance.now() - attemptStart)} ms)`,
          );
        await new Promise((r) => setTimeout(r, Math.random() * 2 ** attempt));
        continue;
      }
      if (commit) await this.publish(commit);
      return out!;
    }
  }

  private beginTxn(): number {
    const token = ++this.txnToken;
    this.runningTxns.set(token, this.commitSeq);
    return token;
  }
  /**
   * The transaction's code starts only now (it waited for a free worker): commits made while it
   * waited are already visible to every read it makes, so they cannot invalidate it. Without
   * this, at concurrency 32 on 2 workers a mutation "conflicted" with everything committed
   * while it queued and re-ran several times.
   */
  private startTxnCode(token: number) {
    if (this.runningTxns.has(token)) this.runningTxns.set(token, this.commitSeq);
  }
  private endTxn(token: number) {
    this.runningTxns.delete(token);
    let oldest = this.commitSeq;
    for (const seq of this.runningTxns.values()) oldest = Math.min(oldest, seq);
    if (this.recentCommits.length && this.recentCommits[0]!.seq <= oldest)
      this.recentCommits = this.recentCommits.filter((c) => c.seq > oldest);
  }
  /** The table of a commit made since `token` began that intersects `reads`, or null. */
  private conflictingTable(reads: ReadRange[], token: number): string | null {
    const start = this.runningTxns.get(token) ?? this.commitSeq;
    for (const c of this.recentCommits)
      if (c.seq > start && readsIntersect(reads, c.event)) {
        if (!process.env.LOCAL_BACKEND_DEBUG_OCC) return c.event.writes[0]?.table ?? "";
        // debugging: name the read that the commit invalidated
        const read = reads.find((r) => readsIntersect([r], c.event));
        const what = read?.kind === "range" ? `${read.table}.${read.index}` : `${read?.table}:${read?.kind}`;
        return `${what} (${this.commitSeq - start} commits meanwhile)`;
      }
    return null;
  }

  /** Run query/mutation code: in a pool worker (time-limited) when there is one. */
  private invokeUdf(
    ctx: ExecContext,
    f: RegisteredFunction,
    udfType: "query" | "mutation",
    argsJson: string,
    token?: number,
  ): Promise<string> {
    if (this.pool && !f.mainThread)
      return this.pool.run(ctx, f, udfType, argsJson, token === undefined ? undefined : () => this.startTxnCode(token));
    return this.als.run(ctx, () => (udfType === "query" ? f.fn.invokeQuery(argsJson) : f.fn.invokeMutation(argsJson)));
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

  async runAction(path: string, args: Value, opts: CallOptions = {}): Promise<Outcome> {
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
      const argsJson = invokeArgs(args, opts);
      const res: string =
        this.actionPool && !f.mainThread
          ? await this.actionPool.run(ctx, f, argsJson)
          : await this.als.run(ctx, () => f.fn.invokeAction(ctx.requestId, argsJson));
      checkReturnSize(res);
      const value = jsonToConvex(JSON.parse(res));
      this.validateReturns(f, value);
      return { success: true, value, valueText: res, logLines: ctx.logLines };
    } catch (e) {
      this.reportError("A", f.path, e);
      return errorToOutcome(e, ctx.logLines);
    }
  }

  async runAny(path: string, args: Value, opts: CallOptions = {}): Promise<Outcome> {
    const p = canonicalizeUdfPath(path);
    const f = this.functionsIn(opts.componentPath ?? "")?.get(p);
    if (!f) return errorToOutcome(new UserError(`Could not find function for '${p}'`), []);
    if (f.type === "query") return this.runQuery(p, args, opts);
    if (f.type === "mutation") return this.runMutation(p, args, opts);
    return this.runAction(p, args, opts);
  }

  async runHttpAction(
    request: HttpRequestParts,
    identity: Identity | null,
    authToken: string | null,
  ): Promise<Response> {
    const router = this.modules.http;
    const pathname = new URL(request.url).pathname;
    const found = router ? router.lookup(pathname, request.method) : null;
    if (!router || !found) return new Response(`No HttpAction routed for ${pathname}`, { status: 404 });
    const [handler, method, routePath] = found;
    const ctx = this.makeCtx(
      "httpAction",
      { path: `${method} ${routePath}`, visibility: "public", componentPath: "" },
      { identity, authToken, lockHeld: false },
      null,
      null,
    );
    try {
      const file = this.actionPool ? this.routerFile(router) : undefined;
      return file
        ? await this.actionPool!.runHttp(ctx, file, request)
        : await this.als.run(ctx, () =>
            handler.invokeHttpAction(
              new Request(request.url, {
                method: request.method,
                headers: request.headers,
                body: request.body ?? undefined,
              }),
            ),
          );
    } catch (e: unknown) {
      const out = errorToOutcome(e, ctx.logLines);
      this.log(`[CONVEX H(${ctx.udfPath})] ${out.errorMessage}`);
      return new Response(out.errorMessage ?? "Server Error", { status: 500 });
    }
  }

  /** The bundled module `router` (convex/http.ts's default export) came from: action workers import it. */
  routerFile(router: object): string | undefined {
    return routerFiles.get(router);
  }

  /** Mirror function failures (not ConvexErrors or argument errors) to the terminal. */
  private reportError(letter: string, path: string, e: unknown) {
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
    this.search.apply(applied);
    this.queryCache.invalidate({ ts, writes: applied });
    this.dataVersion++;
    this.commitSeq++;
    if (this.runningTxns.size) this.recentCommits.push({ seq: this.commitSeq, event: { ts, writes: applied } });
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

  insertSystem(txn: Transaction, table: string, value: Record<string, Value>, presetId?: string): Doc {
    const t = this.db.ensureTable(table);
    const id = presetId === undefined ? newId(t.number) : checkPresetId(txn, t, presetId);
    const doc: Doc = { ...value, _id: id, _creationTime: this.db.nextCreationTime() };
    txn.setWrite(table, doc._id, doc);
    return doc;
  }
  /** A system table's row (`D`: its row type, e.g. ScheduledJobDoc; the engine wrote it). */
  getSystem<D extends Doc = Doc>(txn: Transaction, table: string, id: string): D | null {
    const t = this.db.getTable(table);
    if (!t) return null;
    txn.reads.push({ table, kind: "doc", id });
    return readDoc(this, txn, t, id) as D | null;
  }
  // ---------------------------------------------------------------- syscalls
  syscall(op: string, args: SyscallArgs): unknown {
    const ctx = this.als.getStore();
    if (!ctx) throw new Error(`Syscall ${op} called outside of a Convex function`);
    return this.syscallIn(ctx, op, args, false);
  }
  /**
   * A synchronous syscall of `ctx` (worker calls name their context: no AsyncLocalStorage).
   * `inline`: also the async operations that answer synchronously (syscalls.ts inlineAsyncOps).
   */
  syscallIn(ctx: ExecContext, op: string, args: SyscallArgs, inline: boolean, presetId?: string): unknown {
    const handler = syncSyscalls[op] ?? (inline && inlineAsyncOps.has(op) ? asyncSyscalls[op] : undefined);
    if (!handler) throw new Error(`Unknown operation ${op}`);
    return handler(this, ctx, args, op, presetId);
  }

  asyncSyscall(op: string, args: SyscallArgs): Promise<unknown> {
    const ctx = this.als.getStore();
    if (!ctx) return Promise.reject(new Error(`Syscall ${op} called outside of a Convex function`));
    return this.asyncSyscallIn(ctx, op, args);
  }
  async asyncSyscallIn(ctx: ExecContext, op: string, args: SyscallArgs): Promise<unknown> {
    const handler = asyncSyscalls[op];
    if (!handler) throw new Error(`Unknown async operation ${op}`);
    return await handler(this, ctx, args, op);
  }

  jsSyscall(op: string, args: JsSyscallArgs): unknown {
    return this.jsSyscallIn(this.als.getStore(), op, args);
  }
  jsSyscallIn(ctx: ExecContext | undefined, op: string, args: JsSyscallArgs): unknown {
    const handler = jsSyscalls[op];
    if (!handler) throw new Error(`Unsupported operation ${op}`);
    return handler(this, ctx, args, op);
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

  /**
   * Insert a pending job into component `cp`'s `_scheduled_functions`. `targetCp` is the
   * component of the scheduled function when it differs (stored as `component`).
   */
  scheduleInTxn(
    txn: Transaction,
    cp: string,
    path: string,
    argsJson: JSONValue,
    scheduledTimeMs: number,
    targetCp = cp,
    presetId?: string,
  ): Doc {
    txn.metrics.functionsScheduled++;
    return this.insertSystem(
      txn,
      tableKey(cp, "_scheduled_functions"),
      {
        name: path.replace(/:default$/, ""),
        args: [jsonToConvex(argsJson)],
        scheduledTime: scheduledTimeMs,
        state: { kind: "pending" },
        ...(targetCp !== cp ? { component: targetCp } : {}),
      },
      presetId,
    );
  }
  cancelInTxn(txn: Transaction, cp: string, id: string) {
    const key = tableKey(cp, "_scheduled_functions");
    const doc = this.getSystem<ScheduledJobDoc>(txn, key, id);
    if (!doc) throw new Error(`Scheduled function ${id} not found`);
    if (doc.state.kind === "pending" || doc.state.kind === "inProgress") {
      txn.setWrite(key, id, { ...doc, state: { kind: "canceled" }, completedTime: Date.now() });
    }
  }

  unwrap(out: Outcome): JSONValue | RawJson {
    if (out.success) return out.valueText !== undefined ? new RawJson(out.valueText) : convexToJson(out.value ?? null);
    const err: Error & { data?: unknown } = new Error(out.errorMessage?.replace(/^Uncaught (ConvexError|Error): /, ""));
    if (out.errorData !== undefined) err.data = out.errorData;
    throw err;
  }

  async nestedUdf(ctx: ExecContext, args: SyscallArgs): Promise<RawJson> {
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
      const res = await this.invokeUdf(child, f, udfType, JSON.stringify([convexToJson(a)]));
      if (f.returns) this.validateReturns(f, jsonToConvex(JSON.parse(res)));
      // PERF: the callee's JSON text goes back to the caller as is
      return new RawJson(res);
    } catch (e: unknown) {
      if (sp) txn.restore(sp);
      if (e && typeof e === "object" && Symbol.for("ConvexError") in e) {
        const ce = e as { message: string; data?: unknown };
        const err: Error & { data?: unknown } = new Error(ce.message);
        err.data = typeof ce.data === "string" ? JSON.parse(ce.data) : convexToJson((ce.data ?? null) as Value);
        throw err;
      }
      throw e;
    }
  }
}
/** The JSON text functions are invoked with: `[args]` in convex JSON. */
function invokeArgs(args: Value, opts: CallOptions): string {
  const json = JSON.stringify([opts.argsJson !== undefined ? opts.argsJson : convexToJson(args)]);
  if (json.length > MAX_VALUE_BYTES)
    throw new UserError(
      `Function arguments are too large (${json.length} bytes > maximum size ${MAX_VALUE_BYTES} bytes)`,
    );
  return json;
}
/** Convex: arguments and return values up to 16 MiB (docs: production/state/limits). */
const MAX_VALUE_BYTES = 16 * 1024 * 1024;
function checkReturnSize(json: string) {
  if (json.length > MAX_VALUE_BYTES)
    throw new UserError(
      `Function return value is too large (${json.length} bytes > maximum size ${MAX_VALUE_BYTES} bytes)`,
    );
}
