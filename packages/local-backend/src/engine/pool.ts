/**
 * Queries and mutations run their user code in a pool of worker threads, so a slow or spinning
 * function cannot stall the main thread (which keeps storage, transactions, commits, sync and
 * HTTP) and can be stopped: like Convex, a query or mutation gets 1 s of user code, counted
 * while its code runs and not while it waits for the database. Past the limit the worker is
 * terminated (and replaced), the call fails with Convex's error, and its transaction is
 * dropped, so nothing it wrote commits.
 *
 * The clock: wall time while the worker runs code (not while a syscall is out) arms a timer;
 * when it fires, the worker thread's CPU time (`worker.cpuUsage()`) decides, so a busy machine
 * (cores shared with other processes) does not make a light function time out. A worker that
 * stays busy for WALL_CAP_FACTOR times the limit is stopped whatever its CPU time says.
 *
 * Nested `ctx.runQuery`/`ctx.runMutation` run in the same worker as their caller and share its
 * budget. Actions and HTTP actions stay on the main thread (they hold no transaction and may
 * run for minutes).
 */
import { MessageChannel, type MessagePort, SHARE_ENV, Worker } from "node:worker_threads";
import type { Engine } from "../engine.js";
import type { RegisteredFunction } from "../loader.js";
import { RawJson } from "../values.js";
import { originalConsole } from "./globals.js";
import { type ExecContext, UserError } from "./transaction.js";

/** Convex: "Queries and mutations can run for up to 1 second" of user code (docs: production/state/limits). */
const USER_CODE_LIMIT_MS = 1000;
/** Convex's message, e.g. "Function execution timed out (maximum duration: 10s)" (get-convex/convex-backend#241). */
const timeoutMessage = (ms: number) => `Function execution timed out (maximum duration: ${ms / 1000}s)`;

const WALL_CAP_FACTOR = 10;
const cpuMicros = (u: { user: number; system: number }) => u.user + u.system;
/** `Worker.cpuUsage()` (Node >= 24.6; @types/node 20 does not declare it): the thread's CPU time, readable while it spins. */
// Without it (older Node) the rejection makes timeOut fall back to wall time.
const workerCpu = (w: Worker): Promise<{ user: number; system: number }> => {
  const cpuUsage = (w as Worker & { cpuUsage?: () => Promise<{ user: number; system: number }> }).cpuUsage;
  return typeof cpuUsage === "function"
    ? cpuUsage.call(w)
    : Promise.reject(new Error("Worker.cpuUsage() needs Node >= 24.6"));
};

const WORKER_URL = new URL("./function-worker.mjs", import.meta.url);

interface Invocation {
  ctx: ExecContext;
  resolve: (result: string) => void;
  reject: (e: unknown) => void;
  nested: boolean;
}

class Slot {
  readonly worker: Worker;
  readonly signal = new Int32Array(new SharedArrayBuffer(4));
  readonly syncPort: MessagePort;
  readonly invocations = new Map<number, Invocation>();
  dead = false;
  /** top-level invocation holding this worker */
  top: number | null = null;
  usedMs = 0;
  runningSince: number | null = null;
  /** outstanding async syscalls: while > 0 the worker waits for the database, not running user code */
  waits = 0;
  timer: NodeJS.Timeout | null = null;
  /** preloads in flight (resolved when the worker dies, too) */
  preloads: number[] = [];
  /** worker thread CPU time (µs) when the top-level call's code started */
  cpuAtStart: Promise<number> | null = null;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.syncPort = port1;
    this.worker = new Worker(WORKER_URL, {
      workerData: { signal: this.signal.buffer, syncPort: port2 },
      transferList: [port2],
      // function code reads process.env (set by the backend's options) exactly as on the main thread
      env: SHARE_ENV,
      // the worker runs plain JS; the bundles it imports are plain JS too
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
  }
}

export class FunctionPool {
  private slots: Slot[] = [];
  private free: Slot[] = [];
  private queue: (() => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly engine: Engine,
    readonly size: number,
    private readonly limitMs = USER_CODE_LIMIT_MS,
  ) {
    for (let i = 0; i < size; i++) this.addSlot(false);
  }

  /** Import the bundles of every query and mutation in each worker (after a (re)load, and in new workers). */
  preload(): Promise<void> {
    return Promise.all(this.slots.map((slot) => this.preloadSlot(slot))).then(() => {});
  }
  private preloadSeq = 0;
  private preloading = new Map<number, () => void>();
  private preloadSlot(slot: Slot): Promise<void> {
    const modules = this.engine.modules;
    if (!modules) return Promise.resolve();
    const files = new Set<string>();
    for (const c of modules.components.values())
      for (const f of c.functions.values()) if (f.type !== "action") files.add(f.file);
    const seq = ++this.preloadSeq;
    // a worker that dies while loading (a module that throws at import) must not hang start-up
    const done = new Promise<void>((resolve) => {
      this.preloading.set(seq, resolve);
      slot.preloads.push(seq);
    });
    slot.worker.postMessage({ type: "preload", seq, files: [...files], envs: modules.componentEnvs });
    return done;
  }

  private finishPreload(seq: number) {
    this.preloading.get(seq)?.();
    this.preloading.delete(seq);
  }

  private addSlot(preload = true): Slot {
    const slot = new Slot();
    slot.worker.on("message", (m) => this.onMessage(slot, m));
    if (preload) void this.preloadSlot(slot);
    slot.worker.on("error", (e) => this.retire(slot, e));
    slot.worker.on("exit", () => this.retire(slot, new Error("Function worker exited")));
    this.slots.push(slot);
    this.free.push(slot);
    return slot;
  }

  /** Run `f` (a query or mutation) with `ctx`; resolves with the function's JSON result text. */
  async run(ctx: ExecContext, f: RegisteredFunction, udfType: "query" | "mutation", argsJson: string): Promise<string> {
    const parent = ctx.worker as Slot | undefined;
    if (parent && !parent.dead) return this.invoke(parent, ctx, f, udfType, argsJson, true);
    const slot = await this.acquire();
    try {
      return await this.invoke(slot, ctx, f, udfType, argsJson, false);
    } finally {
      this.release(slot);
    }
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
    this.stopClock(slot);
    slot.top = null;
    slot.usedMs = 0;
    slot.waits = 0;
    slot.cpuAtStart = null;
    if (slot.dead) return; // its replacement is already free
    this.free.push(slot);
    this.queue.shift()?.();
  }

  private invoke(
    slot: Slot,
    ctx: ExecContext,
    f: RegisteredFunction,
    udfType: "query" | "mutation",
    argsJson: string,
    nested: boolean,
  ): Promise<string> {
    const id = this.nextId++;
    ctx.worker = slot;
    return new Promise<string>((resolve, reject) => {
      slot.invocations.set(id, { ctx, resolve, reject, nested });
      if (!nested) {
        slot.top = id;
        slot.usedMs = 0;
        slot.waits = 0;
      }
      const envs = this.engine.modules.componentEnvs;
      slot.worker.postMessage({ type: "invoke", id, file: f.file, exportName: f.exportName, udfType, argsJson, envs });
    });
  }

  // ---- the user-code clock: runs while the worker runs code, stops while it waits on syscalls
  private startClock(slot: Slot) {
    if (slot.top === null || slot.runningSince !== null || slot.waits > 0 || slot.dead) return;
    slot.runningSince = performance.now();
    slot.timer = setTimeout(() => void this.timeOut(slot), Math.max(0, this.limitMs - slot.usedMs));
  }
  private stopClock(slot: Slot) {
    if (slot.runningSince !== null) slot.usedMs += performance.now() - slot.runningSince;
    slot.runningSince = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private async timeOut(slot: Slot) {
    slot.timer = null;
    if (slot.runningSince === null) return;
    const top0 = slot.top;
    this.stopClock(slot);
    if (slot.usedMs < this.limitMs) return this.startClock(slot);
    if (slot.usedMs < this.limitMs * WALL_CAP_FACTOR && slot.cpuAtStart) {
      const [start, now] = await Promise.all([slot.cpuAtStart, workerCpu(slot.worker).then(cpuMicros)]).catch(() => [
        0,
        Infinity,
      ]);
      if (slot.dead || slot.top !== top0 || top0 === null) return; // finished meanwhile
      const cpuMs = (now! - start!) / 1000;
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
    if (top)
      this.engine.log(
        `[CONVEX ${top.ctx.udfType === "query" ? "Q" : "M"}(${top.ctx.udfPath.replace(/:default$/, "")})] ${timeoutMessage(this.limitMs)}`,
      );
    this.retire(slot, new TimeoutError(timeoutMessage(this.limitMs)));
  }

  /** Terminate a worker (time limit, crash): its calls fail with `error`, a new worker takes its place. */
  private retire(slot: Slot, error: unknown) {
    if (slot.dead) return;
    slot.dead = true;
    this.stopClock(slot);
    void slot.worker.terminate();
    slot.syncPort.close();
    for (const inv of slot.invocations.values()) inv.reject(error);
    slot.invocations.clear();
    for (const seq of slot.preloads.splice(0)) this.finishPreload(seq);
    this.slots = this.slots.filter((s) => s !== slot);
    this.free = this.free.filter((s) => s !== slot);
    if (!this.closed) {
      this.addSlot();
      this.queue.shift()?.();
    }
  }

  private onMessage(slot: Slot, m: any) {
    if (slot.dead) return;
    switch (m.type) {
      case "sync": {
        const inv = slot.invocations.get(m.id);
        let reply: object;
        try {
          if (!inv) throw new Error("Syscall from a finished function");
          const r = this.engine.als.run(inv.ctx, () => this.engine.syscall(m.op, JSON.parse(m.json)));
          reply = { ok: true, json: JSON.stringify(r ?? null) };
        } catch (e) {
          reply = { ok: false, message: (e as Error)?.message ?? String(e), data: (e as { data?: unknown })?.data };
        }
        slot.syncPort.postMessage({ ...reply, seq: m.seq });
        Atomics.store(slot.signal, 0, 1);
        Atomics.notify(slot.signal, 0);
        return;
      }
      case "async": {
        const inv = slot.invocations.get(m.id);
        // a nested runQuery/runMutation runs its code in this same worker: not a wait
        const waits = m.op !== "1.0/runUdf";
        if (waits) {
          this.stopClock(slot);
          slot.waits++;
        }
        const done = (reply: object) => {
          if (waits) slot.waits--;
          if (slot.dead) return;
          slot.worker.postMessage({ type: "reply", callId: m.callId, ...reply });
          this.startClock(slot);
        };
        if (!inv) return done({ ok: false, message: "Syscall from a finished function" });
        this.engine.als
          .run(inv.ctx, () => this.engine.asyncSyscall(m.op, JSON.parse(m.json)))
          .then(
            (r) => done({ ok: true, json: r instanceof RawJson ? r.json : JSON.stringify(r ?? null) }),
            (e) =>
              done({ ok: false, message: (e as Error)?.message ?? String(e), data: (e as { data?: unknown })?.data }),
          );
        return;
      }
      case "preloaded": {
        slot.preloads = slot.preloads.filter((x) => x !== m.seq);
        this.finishPreload(m.seq);
        return;
      }
      case "started": {
        // the module is imported: user code starts now (loading a bundle is not the function's time)
        if (m.id === slot.top) {
          slot.cpuAtStart = workerCpu(slot.worker).then(cpuMicros, () => 0);
          this.startClock(slot);
        }
        return;
      }
      case "log": {
        const inv = slot.invocations.get(m.id);
        if (!inv) return;
        inv.ctx.logLines.push(m.line);
        if (!this.engine.opts.quiet) {
          const letter = inv.ctx.udfType === "query" ? "Q" : "M";
          const method = (m.method in originalConsole ? m.method : "log") as keyof typeof originalConsole;
          originalConsole[method](`[CONVEX ${letter}(${inv.ctx.udfPath.replace(/:default$/, "")})] ${m.line}`);
        }
        return;
      }
      case "done":
      case "failed": {
        const inv = slot.invocations.get(m.id);
        if (!inv) return;
        slot.invocations.delete(m.id);
        if (m.id === slot.top) this.stopClock(slot);
        if (m.type === "done") inv.resolve(m.result);
        else inv.reject(reviveError(m.error));
        return;
      }
    }
  }

  async close() {
    this.closed = true;
    for (const q of this.queue.splice(0)) q();
    await Promise.all(
      this.slots.map(async (s) => {
        s.dead = true;
        this.stopClock(s);
        for (const inv of s.invocations.values()) inv.reject(new Error("Function pool closed"));
        s.syncPort.close();
        await s.worker.terminate();
      }),
    );
    this.slots = [];
    this.free = [];
  }
}

/** Reported as is (no "Uncaught Error:" prefix), like Convex reports its own limits. */
class TimeoutError extends UserError {}

/** Errors cross the thread boundary as plain data; rebuild what errorToOutcome looks at. */
function reviveError(e: { convex?: boolean; name?: string; message: string; stack?: string; data?: unknown }): unknown {
  if (e.convex) return { [Symbol.for("ConvexError")]: true, message: e.message, data: e.data };
  const err = new Error(e.message);
  if (e.name) err.name = e.name;
  if (e.stack) err.stack = e.stack;
  if (e.data !== undefined) (err as Error & { data?: unknown }).data = e.data;
  return err;
}
