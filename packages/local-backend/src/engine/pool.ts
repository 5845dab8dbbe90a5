/**
 * Function code runs in worker threads, so a slow or spinning function cannot stall the main
 * thread (which keeps storage, transactions, commits, sync and HTTP) and can be stopped, with
 * Convex's limits (docs: https://docs.convex.dev/production/state/limits):
 *
 * - `UdfPool`: queries and mutations, one top-level call per worker. 1 s of user code, counted
 *   while its code runs and not while it waits for the database. Past it the worker is
 *   terminated (and replaced), the call fails with Convex's error, and its transaction is
 *   dropped, so nothing it wrote commits. The clock: wall time while the worker runs code arms
 *   a timer; when it fires, the worker thread's CPU time (`worker.cpuUsage()`) decides, so a
 *   busy machine does not make a light function time out. A worker that stays busy for
 *   WALL_CAP_FACTOR times the limit is stopped whatever its CPU time says. Nested
 *   `ctx.runQuery`/`ctx.runMutation` run in the caller's worker and share its budget.
 * - `ActionPool`: actions and HTTP actions, 10 minutes of wall time each (Convex counts an
 *   action's waits too). They hold no transaction and mostly wait on I/O, so a worker runs
 *   several at once; a call goes to the least busy worker, and the pool grows to `maxSize`
 *   before two calls share one. Past its limit an action fails with Convex's error; if its
 *   worker still answers (the action was waiting) only that action is dropped, otherwise (it
 *   spins) the worker is terminated and replaced. What the action already committed through
 *   `ctx.runMutation` stays committed, as on Convex: each of those is its own transaction.
 *
 * A worker's syscalls come back here as messages; the ones the engine answers synchronously
 * (database reads and writes) are answered in shared memory while the worker blocks.
 */
import { MessageChannel, type MessagePort, SHARE_ENV, Worker } from "node:worker_threads";
import type { Engine, HttpRequestParts } from "../engine.js";
import type { RegisteredFunction } from "../loader.js";
import { RawJson } from "../values.js";
import { originalConsole } from "./globals.js";
import {
  deferrableWriteOps,
  inlineAsyncOps,
  type JsSyscallArgs,
  LastRow,
  openStream,
  type SyscallArgs,
  searchToWaitFor,
} from "./syscalls.js";
import { type ExecContext, USER_CODE_LIMIT_MS, UserError } from "./transaction.js";

/** Convex: "Actions can run for up to 10 minutes". */
const ACTION_LIMIT_MS = 10 * 60 * 1000;
/** Convex's message, e.g. "Function execution timed out (maximum duration: 10s)" (get-convex/convex-backend#241). */
const timeoutMessage = (ms: number) => `Function execution timed out (maximum duration: ${ms / 1000}s)`;

const WALL_CAP_FACTOR = 10;
/** How long a worker with a timed-out action gets to show it is not spinning (answer a ping). */
const PING_GRACE_MS = 500;
/** An action worker whose heartbeat has not moved for this long is busy spinning: new calls go elsewhere. */
const STUCK_MS = 1000;
/** Sync replies up to this size travel in shared memory; larger ones on the sync port. */
const REPLY_BYTES = 256 * 1024;

type CpuUsage = { user: number; system: number };
const cpuMicros = (u: CpuUsage) => u.user + u.system;
/** `Worker.cpuUsage()` (Node >= 24.6; @types/node does not declare it yet): the thread's CPU time, readable while it spins. */
// Without it (older Node) the rejection makes timeOut fall back to wall time.
const workerCpu = (w: Worker): Promise<CpuUsage> => {
  const cpuUsage = (w as Worker & { cpuUsage?: () => Promise<CpuUsage> }).cpuUsage;
  return typeof cpuUsage === "function"
    ? cpuUsage.call(w)
    : Promise.reject(new Error("Worker.cpuUsage() needs Node >= 24.6"));
};

const WORKER_URL = new URL("./function-worker.mjs", import.meta.url);
const INLINE_OPS = [...inlineAsyncOps];

type WorkerKind = "udf" | "action";

interface SerializedError {
  convex?: boolean;
  name?: string;
  message: string;
  stack?: string;
  data?: unknown;
}
/**
 * [invocation id, op, json, extra, answer] sent ahead of a message (function-worker.mjs
 * `deferred`): extra is a stream's id (queryStream) or a new document's id (insert, schedule);
 * answer = 1: a read (or a synchronous syscall) the worker waits for, answered in a "sync" message.
 */
type Deferred = [number, string, string, (number | string | null)?, 1?];
type WorkerMessage =
  | { type: "ready" }
  /** blocking: the entries with [4] = 1 (reads, sync syscalls) are answered in shared memory */
  | { type: "sync"; seq: number; pre: Deferred[] }
  | { type: "async"; id: number; callId: number; op: string; json: string; pre?: Deferred[] }
  | { type: "js"; id: number; callId: number; op: string; args: unknown; pre?: Deferred[] }
  | { type: "preloaded"; seq: number; cpu?: number }
  | { type: "started"; id: number; cpu?: number }
  | { type: "log"; id: number; method: string; line: string }
  | { type: "done"; id: number; result: string; cpu?: number; pre?: Deferred[]; time?: true }
  | { type: "failed"; id: number; error: SerializedError; cpu?: number }
  | {
      type: "httpHead";
      id: number;
      status: number;
      statusText: string;
      headers: [string, string][];
      /** the body so far; `final`: all of it, and the call is over (no "done" follows) */
      chunks: Uint8Array[];
      final: boolean;
    }
  | { type: "httpChunk"; id: number; chunk: Uint8Array }
  | { type: "pong"; seq: number };

interface Invocation {
  ctx: ExecContext;
  resolve: (result: string) => void;
  reject: (e: unknown) => void;
  /** HTTP actions: the response head arrived, body chunks follow */
  http?: { onHead: (r: Response) => void; body?: ReadableStreamDefaultController<Uint8Array> };
  /** actions: wall-clock limit */
  timer?: NodeJS.Timeout;
  /** the error of a write the worker sent ahead (deferrableWriteOps): every later call of the function fails with it */
  writeError?: unknown;
}

class Slot {
  readonly worker: Worker;
  /** [0] sync reply state, [1] reply length, [2] reply ok, [3] heartbeat (function-worker.mjs) */
  readonly signal = new Int32Array(new SharedArrayBuffer(16));
  readonly reply = Buffer.from(new SharedArrayBuffer(REPLY_BYTES));
  readonly syncPort: MessagePort;
  readonly invocations = new Map<number, Invocation>();
  dead = false;
  /** udf: top-level invocation holding this worker */
  top: number | null = null;
  usedMs = 0;
  runningSince: number | null = null;
  /** udf: outstanding async syscalls: while > 0 the worker waits for the database, not running user code */
  waits = 0;
  timer: NodeJS.Timeout | null = null;
  /** preloads in flight (resolved when the worker dies, too) */
  preloads: number[] = [];
  /** udf: worker thread CPU time (µs) when the top-level call's code started */
  cpuAtStart: Promise<number> | null = null;
  /** udf: the worker's CPU time (µs) when it last finished something (it idles after) */
  cpuBase: number | undefined;
  /** the component env values this worker was last sent */
  envs: unknown;
  /** how many tables the worker's table numbers (for the ids it chooses) covered when last sent */
  tablesSent = -1;
  /** action: top-level calls running here */
  active = 0;
  /** action: the heartbeat last seen, and when it last moved */
  beat = 0;
  beatMovedAt = performance.now();

  constructor(kind: WorkerKind) {
    const { port1, port2 } = new MessageChannel();
    this.syncPort = port1;
    this.worker = new Worker(WORKER_URL, {
      workerData: {
        kind,
        signal: this.signal.buffer,
        reply: this.reply.buffer,
        syncPort: port2,
        inlineOps: INLINE_OPS,
        deferrableOps: [...deferrableWriteOps],
      },
      transferList: [port2],
      // function code reads process.env (set by the backend's options) exactly as on the main thread
      env: SHARE_ENV,
      // the worker runs plain JS; the bundles it imports are plain JS too
      execArgv: process.execArgv.filter((a) => a.startsWith("--cpu-prof")),
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
  }
}

const letterOf = (ctx: ExecContext) =>
  ({ query: "Q", mutation: "M", action: "A", httpAction: "H" })[ctx.udfType] ?? "?";
const shortPath = (ctx: ExecContext) => ctx.udfPath.replace(/:default$/, "");

/** What the two pools share: workers, their messages and the syscalls they make. */
abstract class WorkerPool {
  protected slots: Slot[] = [];
  protected queue: (() => void)[] = [];
  protected nextId = 1;
  protected closed = false;
  private preloadSeq = 0;
  private preloading = new Map<number, () => void>();

  constructor(
    protected readonly engine: Engine,
    protected readonly kind: WorkerKind,
    readonly limitMs: number,
  ) {}

  /** Bundles a worker of this pool imports up front. */
  protected abstract preloadFiles(): string[];
  protected abstract onStarted(slot: Slot, id: number, cpu?: number): void;
  protected abstract onFinished(slot: Slot, id: number): void;
  protected abstract stopWaiting(slot: Slot): void;
  protected abstract resumeAfterWait(slot: Slot): void;

  /** Import the bundles this pool runs in each worker (after a (re)load, and in new workers). */
  preload(): Promise<void> {
    return Promise.all(this.slots.map((slot) => this.preloadSlot(slot))).then(() => {});
  }
  protected preloadSlot(slot: Slot): Promise<void> {
    if (!this.engine.modules) return Promise.resolve();
    const seq = ++this.preloadSeq;
    // a worker that dies while loading (a module that throws at import) must not hang start-up
    const done = new Promise<void>((resolve) => {
      this.preloading.set(seq, resolve);
      slot.preloads.push(seq);
    });
    slot.worker.postMessage({
      type: "preload",
      seq,
      files: this.preloadFiles(),
      envs: this.engine.modules.componentEnvs,
    });
    return done;
  }
  private finishPreload(seq: number) {
    this.preloading.get(seq)?.();
    this.preloading.delete(seq);
  }

  protected addSlot(preload = true): Slot {
    const slot = new Slot(this.kind);
    slot.worker.on("message", (m: WorkerMessage) => this.onMessage(slot, m));
    if (preload) void this.preloadSlot(slot);
    slot.worker.on("error", (e) => this.retire(slot, () => e));
    slot.worker.on("exit", () => this.retire(slot, () => new Error("Function worker exited")));
    this.slots.push(slot);
    return slot;
  }

  protected post(slot: Slot, ctx: ExecContext, message: object, extra: Partial<Invocation> = {}): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      slot.invocations.set(id, { ctx, resolve, reject, ...extra });
      this.onPosted(slot, id);
      // PERF: components' env values go to a worker when they change, not with every call
      const envs = this.engine.modules.componentEnvs;
      const fresh = slot.envs !== envs;
      slot.envs = envs;
      // the table numbers a worker needs to choose ids, sent when a table was added (rarely)
      const tables = this.engine.db.tablesByName;
      const newTables = slot.tablesSent !== tables.size;
      slot.tablesSent = tables.size;
      slot.worker.postMessage({
        ...message,
        id,
        ...(fresh ? { envs } : {}),
        ...(newTables ? { tables: Object.fromEntries([...tables].map(([k, t]) => [k, t.number])) } : {}),
      });
    });
  }
  protected onPosted(_slot: Slot, _id: number) {}

  /** Terminate a worker (time limit, crash): its calls fail with `errorFor(call)`, a new worker takes its place. */
  protected retire(slot: Slot, errorFor: (inv: Invocation) => unknown) {
    if (slot.dead) return;
    slot.dead = true;
    this.stopWaiting(slot);
    void slot.worker.terminate();
    slot.syncPort.close();
    for (const inv of slot.invocations.values()) this.fail(inv, errorFor(inv));
    slot.invocations.clear();
    for (const seq of slot.preloads.splice(0)) this.finishPreload(seq);
    this.slots = this.slots.filter((s) => s !== slot);
    this.onRetired(slot);
    if (!this.closed) {
      this.addSlot();
      this.queue.shift()?.();
    }
  }
  protected onRetired(_slot: Slot) {}

  protected fail(inv: Invocation, e: unknown) {
    if (inv.timer) clearTimeout(inv.timer);
    if (inv.http?.body) {
      try {
        inv.http.body.error(e);
      } catch {
        /* already closed */
      }
    }
    inv.reject(e);
  }

  /**
   * Open streams, close them and apply writes as the worker asked, in order, before the message
   * they came with. A write that fails marks its function (`writeError`): the writes after it
   * are not applied, and the function's calls from then on fail with that error.
   */
  private runDeferred(slot: Slot, pre: Deferred[] | undefined) {
    if (!pre) return;
    for (const [id, op, json, extra] of pre) {
      const inv = slot.invocations.get(id);
      if (!inv) continue;
      if (op === "1.0/queryStream") openStream(this.engine, inv.ctx, JSON.parse(json), extra as number);
      else if (op === "1.0/queryCleanup") inv.ctx.streams.delete(JSON.parse(json).queryId);
      else if (inv.writeError === undefined && deferrableWriteOps.has(op)) {
        try {
          this.engine.syscallIn(inv.ctx, op, JSON.parse(json), true, typeof extra === "string" ? extra : undefined);
        } catch (e) {
          inv.writeError = e ?? new Error("undefined error");
        }
      }
    }
  }

  /** One answer of a "sync" message, as function-worker.mjs `sendAndWait` reads it: `<state><length>:<text>`. */
  private answerOne(inv: Invocation | undefined, d: Deferred): string {
    let r: unknown;
    try {
      if (!inv) throw new Error("Syscall from a finished function");
      if (inv.writeError !== undefined) throw inv.writeError;
      // a search on an index still being built waits on the async path ("async" below), where the
      // wait is not the function's time and this thread serves other requests meanwhile
      if (d[1] === "1.0/queryStreamNext" && this.engine.search.busy && searchToWaitFor(inv.ctx, d[2])) return "40:";
      r = this.engine.syscallIn(inv.ctx, d[1], JSON.parse(d[2]), true);
      if (typeof (r as Promise<unknown> | null)?.then === "function")
        throw new Error(`${d[1]} answered asynchronously: remove it from inlineAsyncOps`);
    } catch (e) {
      const text = JSON.stringify(errorReply(e ?? new Error("undefined error")));
      return `0${text.length}:${text}`;
    }
    const text = r instanceof RawJson ? r.json : JSON.stringify(r ?? null);
    return `${r instanceof LastRow ? 3 : 1}${text.length}:${text}`;
  }

  /** The answers go back in shared memory (signal[0] = 1), or on the sync port when too large (2). */
  private answerSync(slot: Slot, seq: number, text: string) {
    const s = slot.signal;
    // a string of n UTF-16 units takes at most 3n bytes
    let len = text.length * 3 <= REPLY_BYTES ? slot.reply.write(text, 0) : -1;
    if (len < 0 && Buffer.byteLength(text) <= REPLY_BYTES) len = slot.reply.write(text, 0);
    if (len >= 0) {
      s[1] = len;
      Atomics.store(s, 0, 1);
    } else {
      slot.syncPort.postMessage({ seq, text });
      Atomics.store(s, 0, 2);
    }
    Atomics.notify(s, 0);
  }

  private onMessage(slot: Slot, m: WorkerMessage) {
    if (slot.dead) return;
    if (DEBUG_SYSCALLS) countSyscalls(slot, m);
    if (m.type === "sync" || m.type === "async" || m.type === "js") this.engine.stats.workerRoundTrips++;
    switch (m.type) {
      case "sync": {
        // the worker blocks until every entry that asks for an answer has one, in order
        let answers = "";
        for (const d of m.pre) {
          if (d[4] === 1) answers += this.answerOne(slot.invocations.get(d[0]), d);
          else this.runDeferred(slot, [d]);
        }
        this.answerSync(slot, m.seq, answers);
        return;
      }
      case "async":
      case "js": {
        const inv = slot.invocations.get(m.id);
        // a nested runQuery/runMutation runs its code in this same worker: not a wait
        const waits = m.op !== "1.0/runUdf";
        if (waits) {
          this.stopWaiting(slot);
          slot.waits++;
        }
        const done = (reply: object) => {
          if (waits) slot.waits--;
          if (slot.dead) return;
          slot.worker.postMessage({ type: "reply", callId: m.callId, ...reply });
          this.resumeAfterWait(slot);
        };
        if (!inv) return done({ ok: false, message: "Syscall from a finished function" });
        let p: Promise<unknown>;
        try {
          this.runDeferred(slot, m.pre);
          if (inv.writeError !== undefined) throw inv.writeError;
          const index =
            m.type === "async" && m.op === "1.0/queryStreamNext" ? searchToWaitFor(inv.ctx, m.json) : undefined;
          if (index) {
            this.engine.stats.searchWaits++;
            const json = (m as { json: string }).json;
            p = this.engine.search
              .whenBuilt(index)
              .then(() => this.engine.asyncSyscallIn(inv.ctx, m.op, JSON.parse(json)));
          } else
            p =
              m.type === "js"
                ? // the worker's function code passed these (unchecked, like every syscall's arguments)
                  Promise.resolve(this.engine.jsSyscallIn(inv.ctx, m.op, m.args as JsSyscallArgs))
                : this.engine.asyncSyscallIn(inv.ctx, m.op, JSON.parse(m.json));
        } catch (e) {
          p = Promise.reject(e);
        }
        p.then(
          (r) =>
            done(
              m.type === "js"
                ? { ok: true, value: r }
                : { ok: true, json: r instanceof RawJson ? r.json : JSON.stringify(r ?? null) },
            ),
          (e) => done(errorReply(e)),
        );
        return;
      }
      case "preloaded": {
        if (m.cpu !== undefined) slot.cpuBase = m.cpu;
        slot.preloads = slot.preloads.filter((x) => x !== m.seq);
        this.finishPreload(m.seq);
        return;
      }
      case "started":
        // a module was imported first: user code starts now (loading a bundle is not the function's time)
        this.onStarted(slot, m.id, m.cpu);
        return;
      case "log": {
        const inv = slot.invocations.get(m.id);
        if (!inv) return;
        inv.ctx.logLines.push(m.line);
        if (!this.engine.opts.quiet) {
          const method = (m.method in originalConsole ? m.method : "log") as keyof typeof originalConsole;
          originalConsole[method](`[CONVEX ${letterOf(inv.ctx)}(${shortPath(inv.ctx)})] ${m.line}`);
        }
        return;
      }
      case "httpHead": {
        const inv = slot.invocations.get(m.id);
        if (!inv?.http) return;
        const headers = new Headers();
        for (const [k, v] of m.headers) headers.append(k, v);
        const http = inv.http;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const c of m.chunks) controller.enqueue(c);
            if (m.final) controller.close();
            else http.body = controller;
          },
        });
        // null-body statuses (204, 304, ...) cannot carry a stream
        const nullBody = m.status === 101 || m.status === 204 || m.status === 205 || m.status === 304;
        const response = new Response(nullBody ? null : body, { status: m.status, statusText: m.statusText, headers });
        if (m.final && !nullBody) completeBodies.set(response, m.chunks);
        http.onHead(response);
        if (m.final) this.finish(slot, m.id, inv, null);
        return;
      }
      case "httpChunk": {
        slot.invocations.get(m.id)?.http?.body?.enqueue(m.chunk);
        return;
      }
      case "done":
      case "failed": {
        if (m.cpu !== undefined) slot.cpuBase = m.cpu;
        const inv = slot.invocations.get(m.id);
        if (!inv) return;
        if (m.type === "done") this.runDeferred(slot, m.pre);
        if (m.type === "done" && m.time) inv.ctx.observedTime = true;
        if (m.type === "done" && inv.writeError !== undefined)
          this.finish(slot, m.id, inv, null, { raised: inv.writeError });
        else
          this.finish(slot, m.id, inv, m.type === "done" ? m.result : null, m.type === "failed" ? m.error : undefined);
        return;
      }
      case "pong":
        this.onPong(slot, m.seq);
        return;
    }
  }
  protected onPong(_slot: Slot, _seq: number) {}

  /** `error`: as the worker sent it (SerializedError) or raised here (a deferred write's). */
  private finish(
    slot: Slot,
    id: number,
    inv: Invocation,
    result: string | null,
    error?: SerializedError | { raised: unknown },
  ) {
    slot.invocations.delete(id);
    this.onFinished(slot, id);
    if (inv.timer) clearTimeout(inv.timer);
    if (error) return this.fail(inv, "raised" in error ? error.raised : reviveError(error));
    inv.http?.body?.close();
    inv.resolve(result ?? "null");
  }

  async close() {
    this.closed = true;
    for (const q of this.queue.splice(0)) q();
    await Promise.all(
      this.slots.map(async (s) => {
        s.dead = true;
        this.stopWaiting(s);
        for (const inv of s.invocations.values()) this.fail(inv, new Error("Function pool closed"));
        s.syncPort.close();
        for (const seq of s.preloads.splice(0)) this.finishPreload(seq);
        await s.worker.terminate();
      }),
    );
    this.slots = [];
  }
}

/** Queries and mutations: one top-level call per worker, 1 s of user code. */
export class UdfPool extends WorkerPool {
  private free: Slot[] = [];

  constructor(
    engine: Engine,
    readonly size: number,
    limitMs = USER_CODE_LIMIT_MS,
  ) {
    super(engine, "udf", limitMs);
    for (let i = 0; i < size; i++) this.free.push(this.addSlot(false));
  }

  protected preloadFiles(): string[] {
    const files = new Set<string>();
    for (const c of this.engine.modules.components.values())
      for (const f of c.functions.values()) if (f.type !== "action") files.add(f.file);
    return [...files];
  }

  protected override addSlot(preload = true): Slot {
    const slot = super.addSlot(preload);
    if (preload) this.free.push(slot);
    return slot;
  }

  /**
   * Start-up, before the modules are registered: the worker `warmFirst` warms first starts
   * importing the app's bundles (`files`) while the main thread imports them too.
   */
  prewarm(files: string[]): void {
    // seq 0: no one waits for this one; warmFirst's own preload finds these imports done or in flight
    this.free[0]?.worker.postMessage({ type: "preload", seq: 0, files, envs: {} });
  }

  /**
   * Start-up: resolves once ONE worker has imported the bundles. Until a worker is warm it takes
   * no call (calls wait for the first warm one), and the others start importing only after the
   * first is done: on a small machine, warming every worker at once makes the first one (what
   * "ready" and the first query wait for) as slow as all of them together.
   */
  warmFirst(): Promise<void> {
    const [first, ...rest] = this.free.splice(0);
    if (!first) return Promise.resolve();
    const warmed = (slot: Slot) => {
      if (slot.dead || this.closed) return;
      this.free.push(slot);
      this.queue.shift()?.();
    };
    return this.preloadSlot(first).then(() => {
      warmed(first);
      for (const s of rest) void this.preloadSlot(s).then(() => warmed(s));
    });
  }

  /** Run `f` (a query or mutation) with `ctx`; resolves with the function's JSON result text. */
  async run(
    ctx: ExecContext,
    f: RegisteredFunction,
    udfType: "query" | "mutation",
    argsJson: string,
    /** called when the code is about to start (after waiting for a free worker) */
    started?: () => void,
  ): Promise<string> {
    const parent = ctx.worker as Slot | undefined;
    // cp: the component whose tables the function's inserts go to (the worker chooses their ids)
    const message = {
      type: "invoke",
      file: f.file,
      exportName: f.exportName,
      udfType,
      argsJson,
      cp: ctx.componentPath,
    };
    if (parent && !parent.dead) {
      ctx.worker = parent;
      started?.();
      return this.post(parent, ctx, message);
    }
    const slot = await this.acquire();
    started?.();
    ctx.worker = slot;
    try {
      return await this.post(slot, ctx, message);
    } finally {
      this.release(slot);
    }
  }

  protected override onPosted(slot: Slot, id: number) {
    if (slot.top !== null) return;
    // the clock starts now: the worker has the module already, unless it says "started" (onStarted)
    slot.top = id;
    slot.usedMs = 0;
    slot.waits = 0;
    slot.cpuAtStart =
      slot.cpuBase !== undefined ? Promise.resolve(slot.cpuBase) : workerCpu(slot.worker).then(cpuMicros, () => 0);
    this.resumeAfterWait(slot);
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error("Function pool closed"));
    const s = this.free.pop();
    if (s) return Promise.resolve(s);
    return new Promise((resolve, reject) =>
      this.queue.push(() => {
        if (this.closed) return reject(new Error("Function pool closed"));
        resolve(this.free.pop()!);
      }),
    );
  }

  private release(slot: Slot) {
    this.stopWaiting(slot);
    slot.top = null;
    slot.usedMs = 0;
    slot.waits = 0;
    slot.cpuAtStart = null;
    if (slot.dead) return; // its replacement is already free
    this.free.push(slot);
    this.queue.shift()?.();
  }

  protected override onRetired(slot: Slot) {
    this.free = this.free.filter((s) => s !== slot);
  }

  protected onStarted(slot: Slot, id: number, cpu?: number) {
    if (id !== slot.top) return;
    this.stopWaiting(slot);
    slot.usedMs = 0;
    slot.cpuAtStart = cpu !== undefined ? Promise.resolve(cpu) : workerCpu(slot.worker).then(cpuMicros, () => 0);
    this.resumeAfterWait(slot);
  }
  protected onFinished(slot: Slot, id: number) {
    if (id === slot.top) this.stopWaiting(slot);
  }

  // ---- the user-code clock: runs while the worker runs code, stops while it waits on syscalls
  protected resumeAfterWait(slot: Slot) {
    if (slot.top === null || slot.runningSince !== null || slot.waits > 0 || slot.dead) return;
    slot.runningSince = performance.now();
    slot.timer = setTimeout(() => void this.timeOut(slot), Math.max(0, this.limitMs - slot.usedMs));
  }
  protected stopWaiting(slot: Slot) {
    if (slot.runningSince !== null) slot.usedMs += performance.now() - slot.runningSince;
    slot.runningSince = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private async timeOut(slot: Slot) {
    slot.timer = null;
    if (slot.runningSince === null) return;
    const top0 = slot.top;
    this.stopWaiting(slot);
    if (slot.usedMs < this.limitMs) return this.resumeAfterWait(slot);
    if (slot.usedMs < this.limitMs * WALL_CAP_FACTOR && slot.cpuAtStart) {
      const [start, now] = await Promise.all([slot.cpuAtStart, workerCpu(slot.worker).then(cpuMicros)]).catch(() => [
        0,
        Number.POSITIVE_INFINITY,
      ]);
      if (slot.dead || slot.top !== top0 || top0 === null) return; // finished meanwhile
      const cpuMs = ((now ?? 0) - (start ?? 0)) / 1000;
      if (cpuMs < this.limitMs) {
        // CPU-starved, not over budget: look again once the rest of the budget could be spent
        if (slot.runningSince === null && slot.waits === 0) {
          slot.runningSince = performance.now();
          slot.timer = setTimeout(() => void this.timeOut(slot), Math.max(10, this.limitMs - cpuMs));
        }
        return;
      }
    }
    const top = slot.top !== null ? slot.invocations.get(slot.top) : undefined;
    if (top) this.engine.log(`[CONVEX ${letterOf(top.ctx)}(${shortPath(top.ctx)})] ${timeoutMessage(this.limitMs)}`);
    const error = new TimeoutError(timeoutMessage(this.limitMs));
    this.retire(slot, () => error);
  }
}

/** Actions and HTTP actions: several per worker, 10 minutes of wall time each. */
export class ActionPool extends WorkerPool {
  private pingSeq = 0;
  private pings = new Map<number, () => void>();

  constructor(
    engine: Engine,
    readonly size: number,
    readonly maxSize = size * 2,
    limitMs = ACTION_LIMIT_MS,
  ) {
    super(engine, "action", limitMs);
    for (let i = 0; i < size; i++) this.addSlot(false);
  }

  protected preloadFiles(): string[] {
    const files = new Set<string>();
    const modules = this.engine.modules;
    for (const c of modules.components.values())
      for (const f of c.functions.values()) if (f.type === "action") files.add(f.file);
    const httpFile = modules.http ? this.engine.routerFile(modules.http) : undefined;
    if (httpFile) files.add(httpFile);
    return [...files];
  }

  /**
   * The least busy worker that is not stuck (its event loop has not turned for STUCK_MS: an
   * action spins in it); a new worker when every one is stuck, up to `maxSize`.
   */
  private pick(): Slot {
    if (this.closed) throw new Error("Function pool closed");
    const now = performance.now();
    let best: Slot | undefined;
    let stuck: Slot | undefined;
    for (const s of this.slots) {
      if (s.dead) continue;
      const beat = Atomics.load(s.signal, 3);
      if (beat !== s.beat) {
        s.beat = beat;
        s.beatMovedAt = now;
      }
      if (s.active > 0 && now - s.beatMovedAt > STUCK_MS) {
        if (!stuck || s.active < stuck.active) stuck = s;
      } else if (!best || s.active < best.active) best = s;
    }
    if (!best && this.slots.length < this.maxSize) best = this.addSlot();
    return best ?? stuck ?? this.addSlot();
  }

  /** Run action `f`; resolves with its JSON result text. */
  async run(ctx: ExecContext, f: RegisteredFunction, argsJson: string): Promise<string> {
    const slot = this.pick();
    return this.track(
      slot,
      this.post(slot, ctx, {
        type: "invoke",
        file: f.file,
        exportName: f.exportName,
        udfType: "action",
        requestId: ctx.requestId,
        argsJson,
      }),
    );
  }

  /** Run the HTTP action routed for `request` (the router's module is `file`). */
  runHttp(ctx: ExecContext, file: string, request: HttpRequestParts): Promise<Response> {
    const slot = this.pick();
    return new Promise<Response>((resolve, reject) => {
      let headSent = false;
      const done = this.post(
        slot,
        ctx,
        { type: "http", file, ...request },
        {
          http: {
            onHead: (r) => {
              headSent = true;
              resolve(r);
            },
          },
        },
      );
      this.track(slot, done).then(
        () => {
          if (!headSent) reject(new Error("HTTP action returned no response"));
        },
        (e) => {
          if (!headSent) reject(e);
        },
      );
    });
  }

  private async track<T>(slot: Slot, p: Promise<T>): Promise<T> {
    slot.active++;
    try {
      return await p;
    } finally {
      slot.active--;
    }
  }

  protected override onPosted(slot: Slot, id: number) {
    this.onStarted(slot, id);
  }
  /** The clock starts when the call is posted, and again once its module is imported (if it was not). */
  protected onStarted(slot: Slot, id: number) {
    const inv = slot.invocations.get(id);
    if (!inv) return;
    if (inv.timer) clearTimeout(inv.timer);
    inv.timer = setTimeout(() => void this.timeOut(slot, id), this.limitMs);
  }
  protected onFinished() {}
  protected stopWaiting() {}
  protected resumeAfterWait() {}

  /** An action passed its limit: drop it alone if its worker still answers, else stop the worker. */
  private async timeOut(slot: Slot, id: number) {
    const inv = slot.invocations.get(id);
    if (!inv || slot.dead) return;
    inv.timer = undefined;
    const message = timeoutMessage(this.limitMs);
    this.engine.log(`[CONVEX ${letterOf(inv.ctx)}(${shortPath(inv.ctx)})] ${message}`);
    const error = new TimeoutError(message);
    const alive = await this.ping(slot);
    if (slot.dead || !slot.invocations.has(id)) return;
    if (alive) {
      slot.invocations.delete(id);
      slot.worker.postMessage({ type: "cancel", id });
      this.fail(inv, error);
      return;
    }
    this.retire(slot, (other) =>
      other === inv
        ? error
        : new UserError(
            `Transient error while executing action: its worker was stopped because ${shortPath(inv.ctx)} ran past its time limit`,
          ),
    );
  }

  private ping(slot: Slot): Promise<boolean> {
    const seq = ++this.pingSeq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pings.delete(seq);
        resolve(false);
      }, PING_GRACE_MS);
      this.pings.set(seq, () => {
        clearTimeout(timer);
        resolve(true);
      });
      slot.worker.postMessage({ type: "ping", seq });
    });
  }
  protected override onPong(_slot: Slot, seq: number) {
    this.pings.get(seq)?.();
    this.pings.delete(seq);
  }
}

/** The bodies of HTTP action responses that arrived whole (function-worker.mjs runHttp: `final`). */
const completeBodies = new WeakMap<Response, Uint8Array[]>();
/**
 * The whole body of `response` if it arrived in one message from the worker (the usual
 * `new Response(text)`), else undefined: http.ts then writes it with the head in one `end()`
 * with a Content-Length, instead of reading the stream and sending it chunked (PERF: one write
 * and no stream reads per webhook). The stream stays readable for other callers.
 */
export function completeBody(response: Response): Uint8Array[] | undefined {
  return completeBodies.get(response);
}

/** `LOCAL_BACKEND_DEBUG_SYSCALLS=1`: print each top-level call's messages by operation when it ends. */
const DEBUG_SYSCALLS = !!process.env.LOCAL_BACKEND_DEBUG_SYSCALLS;
const syscallCounts = new Map<number, Map<string, number>>();
function countSyscalls(slot: Slot, m: WorkerMessage) {
  const counts = (id: number) => {
    const c = syscallCounts.get(id) ?? new Map<string, number>([["ms", performance.now()]]);
    syscallCounts.set(id, c);
    return c;
  };
  const bump = (c: Map<string, number>, k: string) => c.set(k, (c.get(k) ?? 0) + 1);
  if (m.type === "sync" || m.type === "async" || m.type === "js") {
    // a round trip for each function with an entry in it; entries by operation ("answered:"
    // the worker waits for them; "sent:" they ride along), queries by index
    const ids = new Set<number>();
    if (m.type !== "sync") {
      ids.add(m.id);
      bump(counts(m.id), `answered:${m.op}`);
    }
    for (const d of m.pre ?? []) {
      const source = d[1] === "1.0/queryStream" ? (JSON.parse(d[2]) as SyscallArgs).query.source : undefined;
      const what = `${d[1]}${source ? ` ${"indexName" in source ? source.indexName : source.type}` : ""}`;
      bump(counts(d[0]), `${d[4] === 1 ? "answered" : "sent"}:${what}`);
      ids.add(d[0]);
    }
    for (const id of ids) bump(counts(id), "trips");
  } else if (m.type === "done" || m.type === "failed") {
    const c = syscallCounts.get(m.id);
    const inv = slot.invocations.get(m.id);
    syscallCounts.delete(m.id);
    if (!inv || !c) return;
    const ms = performance.now() - c.get("ms")!;
    const trips = c.get("trips") ?? 0;
    c.delete("ms");
    c.delete("trips");
    originalConsole.error(
      `[syscalls] ${inv.ctx.udfPath}: ${trips} round trips in ${ms.toFixed(2)} ms ${JSON.stringify(Object.fromEntries([...c].sort((a, b) => b[1] - a[1])))}`,
    );
  }
}

/** Reported as is (no "Uncaught Error:" prefix), like Convex reports its own limits. */
class TimeoutError extends UserError {}

function errorReply(e: unknown): { ok: false; message: string; data?: unknown } {
  return { ok: false, message: (e as Error)?.message ?? String(e), data: (e as { data?: unknown })?.data };
}

/** Errors cross the thread boundary as plain data; rebuild what errorToOutcome looks at. */
function reviveError(e: SerializedError): unknown {
  if (e.convex) return { [Symbol.for("ConvexError")]: true, message: e.message, data: e.data };
  const err = new Error(e.message);
  if (e.name) err.name = e.name;
  if (e.stack) err.stack = e.stack;
  if (e.data !== undefined) (err as Error & { data?: unknown }).data = e.data;
  return err;
}
