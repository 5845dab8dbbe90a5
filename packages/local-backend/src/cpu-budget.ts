/**
 * `LOCAL_BACKEND_DEBUG_CPU=1`: where the backend's CPU goes, by stage of a request (HTTP receive,
 * action dispatch, a query's or mutation's syscalls, the commit's parts, fsync callbacks,
 * subscriptions, scheduler, response), measured with the thread's own CPU clock
 * (`process.threadCpuUsage()`), not sampled. `SIGUSR2` prints the running totals as one line,
 * `[cpu-budget] {json}`; `pnpm --filter @switchboard/bench budget` diffs two of them around a load
 * and prints the table per webhook (packages/bench README, "Ingest: a CPU budget").
 *
 * The main thread charges its CPU to one stage at a time: `enterStage` closes the running stage's
 * interval and opens the next, `leaveStage` goes back, so nested stages are exclusive (a
 * syscall's time is not also the message's that carried it). Only synchronous sections are
 * wrapped; everything else (the event loop, Node's HTTP parser, streams, promise glue, GC on this
 * thread, and function code with `--workers 0`) stays in MAIN_REST, which the totals make exact.
 * Worker threads count their own CPU into shared counters (function-worker.mjs `charge`), one
 * row per worker, by WORKER_STAGES.
 *
 * Off (the default) every call returns at its first line: no clock is read.
 */
export const cpuBudgetOn = !!process.env.LOCAL_BACKEND_DEBUG_CPU;

/** Main-thread CPU no wrapped section claimed. */
export const MAIN_REST = "main: rest (event loop, HTTP parser, streams, GC, promise glue)";
/** A worker's counters, in this order (function-worker.mjs uses the indexes). */
export const WORKER_STAGES = [
  "query code",
  "mutation code",
  "action code",
  "syscall transport: postMessage",
  "other",
  "syscall transport: wait, wake-up, answers",
] as const;

const totals = new Map<string, number>();
let current: string = MAIN_REST;
let since = 0;
const threadMicros = () => {
  const u = process.threadCpuUsage();
  return u.user + u.system;
};

/** Make `stage` the one this thread's CPU is charged to; returns the previous one, for `leaveStage`. */
export function enterStage(stage: string): string {
  if (!cpuBudgetOn) return stage;
  const t = threadMicros();
  totals.set(current, (totals.get(current) ?? 0) + t - since);
  since = t;
  const prev = current;
  current = stage;
  return prev;
}

export function leaveStage(prev: string): void {
  if (cpuBudgetOn) enterStage(prev);
}

/** Run the synchronous `fn` with its CPU charged to `stage`. */
export function inStage<T>(stage: string, fn: () => T): T {
  if (!cpuBudgetOn) return fn();
  const prev = enterStage(stage);
  try {
    return fn();
  } finally {
    leaveStage(prev);
  }
}

/** The stage a syscall of a `udfType` function is charged to (an action's runQuery/runMutation: the callee's call). */
export function syscallStage(udfType: string | undefined, op: string): string {
  if (op === "1.0/actions/query") return "query: call (args, dispatch, result)";
  if (op === "1.0/actions/mutation") return "mutation: call (args, dispatch, result)";
  return `${udfType ?? "?"}: syscalls (reads, writes)`;
}
export const callStage = (udfType: string) => `${udfType}: call (args, dispatch, result)`;

const workerRows: { kind: string; row: Float64Array }[] = [];

/** Shared counters for a new worker of `kind` (µs per WORKER_STAGES), or undefined when off. */
export function workerCounters(kind: string): Float64Array | undefined {
  if (!cpuBudgetOn) return undefined;
  const row = new Float64Array(new SharedArrayBuffer(WORKER_STAGES.length * 8));
  workerRows.push({ kind, row });
  return row;
}

export interface CpuBudgetSnapshot {
  /** µs by stage; MAIN_REST holds the rest of the main thread's CPU since it started */
  main: Record<string, number>;
  /** µs by "<udf|action> worker: <stage>", summed over the workers of that kind (retired ones too) */
  workers: Record<string, number>;
}

export function cpuBudgetSnapshot(): CpuBudgetSnapshot {
  enterStage(current); // close the running interval
  const workers: Record<string, number> = {};
  for (const { kind, row } of workerRows)
    WORKER_STAGES.forEach((s, i) => {
      const k = `${kind} worker: ${s}`;
      workers[k] = (workers[k] ?? 0) + (row[i] ?? 0);
    });
  return { main: Object.fromEntries(totals), workers };
}

if (cpuBudgetOn) {
  // a signal, not an HTTP route: nothing new to authenticate, and the bench owns the process
  // (stderr directly: function code's console is patched)
  process.on("SIGUSR2", () => process.stderr.write(`[cpu-budget] ${JSON.stringify(cpuBudgetSnapshot())}\n`));
}
