/**
 * `pnpm --filter @switchboard/bench budget [-- --seconds 8 --concurrency 1,32 --workers default,0]`:
 * the backend's CPU per ingested webhook, by stage, while it ingests the mixed webhooks of
 * `pnpm bench`: one backend per column, with a V8 CPU profile of each of its threads (main and
 * function workers, `--cpu-prof`) and each thread's CPU time from /proc over the load.
 *
 * Each thread's samples during the load are put in a stage by their stack (`stageOf`: the first
 * frame from the leaf up that a rule names, e.g. a SQLite call under `insertDoc` is "commit:
 * SQLite writes"), and the stage shares are scaled to the thread's CPU from /proc: the profile
 * says where, /proc says how much. Samples of a worker blocked in `Atomics.wait` (the self time
 * of `sendAndWait`) and of the main thread's `(idle)` are left out: they are waits, not CPU.
 * Threads V8 does not profile (libuv's pool, where `fs.write`/`fdatasync` and Web Crypto jobs
 * run; V8's GC and compiler helpers) are their own rows, from /proc. Samples are taken by wall
 * clock: a thread blocked inside another native call (a lock, a synchronous syscall) counts as
 * busy there, which inflates such rows (see the bench README on the crypto row).
 *
 * Why not a clock read at every stage switch: `process.threadCpuUsage()` (getrusage
 * RUSAGE_THREAD) advances only when the scheduler updates the thread's runtime (a tick, every
 * 4 ms here, or a context switch): over 50 µs of busy code it read 0 in 97 % of the reads and
 * ~4 ms in the others (measured on this machine), so a stage that ends in a context switch (a
 * wake-up, a blocking wait) is charged the CPU of the stages before it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AdminApi } from "./lib/admin";
import { spawnBackend, tmpDir } from "./lib/backend";
import { prepareFunctionsDir } from "./lib/functions";
import { runLoad } from "./lib/load";
import { threadCpu, threadCpuDelta } from "./lib/threads";
import { mixedWebhook, seedBenchOrg } from "./lib/webhooks";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const seconds = Number(arg("seconds", "8"));
const concurrencies = arg("concurrency", "1,32").split(",").map(Number);
const workerModes = arg("workers", "default,0").split(",");
/** `--detail`: the leaf functions with the most samples in each thread's profile */
const detail = process.argv.includes("--detail");

interface Frame {
  functionName: string;
  url: string;
}
type Rule = [stage: string, test: (f: Frame) => boolean];
const inFile = (name: string) => (f: Frame) => f.url.endsWith(name);
const fnIn = (file: string, names: string[]) => (f: Frame) => f.url.endsWith(file) && names.includes(f.functionName);
const urlHas = (part: string) => (f: Frame) => f.url.includes(part);

const STORAGE_WRITES = [
  "apply",
  "insertDoc",
  "replaceDoc",
  "removeDoc",
  "begin",
  "commitSql",
  "setMeta",
  "persist",
  "flushLoop",
  "checkpoint",
  "remember",
];
/** The first rule (from the leaf up) that names a frame decides its stage. Order matters only within one frame. */
const RULES: Rule[] = [
  ["main: answer + wake a worker (answerSync, Atomics.notify)", fnIn("pool.ts", ["answerSync"])],
  ["main: SQLite writes, commit log (commit)", fnIn("storage.ts", STORAGE_WRITES)],
  // anonymous functions in storage.ts (promise executors around fs.write/fdatasync) take their caller's stage
  ["main: SQLite reads (lookups, index scans)", (f) => f.url.endsWith("storage.ts") && f.functionName !== ""],
  ["main: search indexes", inFile("engine/search.ts")],
  ["main: subscriptions", inFile("sync.ts")],
  ["main: scheduler", inFile("scheduler.ts")],
  [
    "main: commit (OCC check, apply, publish)",
    fnIn("engine.ts", ["commitTxn", "publish", "conflictingTable", "endTxn"]),
  ],
  ["main: args/returns validation", inFile("validator.ts")],
  ["main: args/returns validation", fnIn("engine.ts", ["validateArgs", "validateReturns"])],
  [
    "main: syscalls (query plans, documents, read sets)",
    (f) => /engine\/(syscalls|query|documents|filter|transaction|serialized|conflicts)\.ts$/.test(f.url),
  ],
  ["main: syscalls (query plans, documents, read sets)", inFile("values.ts")],
  ["main: worker messages (pool, postMessage)", inFile("engine/pool.ts")],
  ["HTTP (parse, body, Request/Response, streams)", (f) => /\/(http|request)\.ts$/.test(f.url)],
  [
    "HTTP (parse, body, Request/Response, streams)",
    (f) => /node:(_http|net|internal\/(http|streams|webstreams))/.test(f.url),
  ],
  ["HTTP (parse, body, Request/Response, streams)", urlHas("undici")],
  [
    "worker messages (postMessage, structured clone)",
    (f) => f.url === "node:internal/worker" || f.functionName === "postMessage",
  ],
  ["worker messages (postMessage, structured clone)", urlHas("node:internal/worker/")],
  ["worker: transport (syscall messages, answers)", inFile("function-worker.mjs")],
  ["Node crypto (Web Crypto, hashes)", (f) => f.url.startsWith("node:internal/crypto")],
  ["app code (apps/api bundle)", (f) => f.url.includes("/.build/") || f.url.includes("/functions-")],
  ["convex package (values, validators, function wrappers)", urlHas("/convex@")],
  ["local-backend (engine, loader: other)", urlHas("/local-backend/src/")],
  ["@switchboard/channels (adapters, signatures, keyring)", urlHas("/packages/channels/")],
  ["@switchboard packages (other)", urlHas("/packages/")],
  ["GC (on the thread)", (f) => f.functionName === "(garbage collector)"],
  ["V8 (program: compiler, runtime)", (f) => f.functionName === "(program)"],
];
const IDLE = "(idle)";
const BLOCKED = "worker blocked in Atomics.wait (not CPU)";

interface Profile {
  nodes: { id: number; callFrame: Frame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** µs of samples by stage within [from, to] (the profile's clock), plus whether it ran HTTP actions. */
function stagesOf(prof: Profile, from: number, to: number): { stages: Map<string, number>; action: boolean } {
  const parent = new Map<number, number>();
  const byId = new Map<number, Profile["nodes"][number]>();
  for (const n of prof.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stageOfNode = new Map<number, string>();
  const classify = (id: number): string => {
    const cached = stageOfNode.get(id);
    if (cached) return cached;
    const n = byId.get(id)!;
    let stage: string | undefined;
    if (n.callFrame.functionName === IDLE) stage = IDLE;
    else
      for (const [s, test] of RULES)
        if (test(n.callFrame)) {
          stage = s;
          break;
        }
    if (!stage) {
      const p = parent.get(id);
      stage = p === undefined ? "other (event loop, promises, Node internals)" : classify(p);
      // a frame nothing names, under the root: Node's own loop and promise glue
      if (stage === IDLE && n.callFrame.functionName !== IDLE) stage = "other (event loop, promises, Node internals)";
    }
    stageOfNode.set(id, stage);
    return stage;
  };
  const stages = new Map<string, number>();
  const leaves = new Map<string, number>();
  let t = prof.startTime;
  for (let k = 0; k < prof.samples.length; k++) {
    t += prof.timeDeltas[k] ?? 0;
    if (t < from || t > to) continue;
    const id = prof.samples[k]!;
    const leaf = byId.get(id)!.callFrame;
    // a worker blocked in a synchronous syscall: the self time of `sendAndWait` (Atomics.wait)
    const s =
      /^sendAndWait(Once)?$/.test(leaf.functionName) && leaf.url.endsWith("function-worker.mjs")
        ? BLOCKED
        : classify(id);
    stages.set(s, (stages.get(s) ?? 0) + (prof.timeDeltas[k + 1] ?? 0));
    if (detail) {
      const name = `${s} <- ${leaf.functionName || "(anonymous)"} ${leaf.url.replace(/.*\/(node_modules\/\.pnpm\/[^/]+|packages\/[^/]+\/src)\//, "")}`;
      leaves.set(name, (leaves.get(name) ?? 0) + (prof.timeDeltas[k + 1] ?? 0));
    }
  }
  if (detail)
    console.error(
      [...leaves]
        .filter(([k]) => !k.startsWith(IDLE) && !k.startsWith(BLOCKED))
        .sort((x, y) => y[1] - x[1])
        .slice(0, 25)
        .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
        .join("\n"),
    );
  const action = prof.nodes.some((n) => n.callFrame.functionName === "runHttp");
  return { stages, action };
}

interface Column {
  label: string;
  perSecond: number;
  p99: number;
  /** ms per webhook by row */
  rows: Map<string, number>;
}
const columns: Column[] = [];
const fn = prepareFunctionsDir();
try {
  for (const mode of workerModes)
    for (const c of concurrencies) {
      const profDir = tmpDir("sb-bench-budget-");
      const b = await spawnBackend({
        functionsDir: fn.dir,
        nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profDir}`],
        cliArgs: mode === "default" ? [] : ["--workers", mode],
      });
      let loadStart = 0;
      let loadEnd = 0;
      let r: Awaited<ReturnType<typeof runLoad>>;
      let procRows: ReturnType<typeof threadCpuDelta>;
      try {
        await seedBenchOrg(new AdminApi(b.url, b.adminKey), "budget", { coalesceWindowMs: 3_600_000 });
        const reqs = Array.from({ length: 1000 + seconds * 1500 }, (_, k) =>
          mixedWebhook(b.siteUrl, k, "budget", k % 2 ? 5_000_000 + k : k % 500),
        );
        await runLoad(b.siteUrl, reqs.slice(0, 1000), { concurrency: 8, durationMs: 3000 }); // warm-up
        const t0 = threadCpu(b.pid);
        loadStart = performance.now();
        r = await runLoad(b.siteUrl, reqs.slice(1000), { concurrency: c, durationMs: seconds * 1000 });
        loadEnd = performance.now();
        procRows = threadCpuDelta(t0, threadCpu(b.pid));
      } finally {
        await b.stop();
      }
      const stopped = performance.now();
      const n = r.statuses["200"] ?? 0;
      if (n === 0) throw new Error(`no webhook answered 200: ${JSON.stringify(r.statuses)}`);
      // the profiles' clock is shared by the threads; the main thread's profile ends at exit
      const files = fs.readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"));
      const profiles = files.map((f) => ({
        main: /\.\d+\.0\.\d+\.cpuprofile$/.test(f),
        prof: JSON.parse(fs.readFileSync(path.join(profDir, f), "utf8")) as Profile,
      }));
      const mainProf = profiles.find((p) => p.main)?.prof;
      if (!mainProf) throw new Error(`no main-thread profile in ${profDir}`);
      const from = mainProf.endTime - (stopped - loadStart) * 1000;
      const to = mainProf.endTime - (stopped - loadEnd) * 1000;
      const mainMs = procRows.filter((t) => t.tid === b.pid).reduce((s, t) => s + t.ms, 0);
      const workerMs = procRows.filter((t) => t.name === "WorkerThread").reduce((s, t) => s + t.ms, 0);
      const rows = new Map<string, number>();
      const spread = (stages: Map<string, number>, totalMs: number, prefix: string) => {
        let busy = 0;
        for (const [s, us] of stages) if (s !== IDLE && !s.includes("not CPU")) busy += us;
        for (const [s, us] of stages) {
          if (s === IDLE || s.includes("not CPU") || busy === 0) continue;
          const key = `${prefix}${s.replace(/^main: /, "")}`;
          rows.set(key, (rows.get(key) ?? 0) + ((us / busy) * totalMs) / n);
        }
      };
      spread(stagesOf(mainProf, from, to).stages, mainMs, "main: ");
      // workers: one distribution per kind, scaled together to the workers' CPU (by their samples)
      const kinds = new Map<string, Map<string, number>>();
      for (const p of profiles.filter((x) => !x.main)) {
        const { stages, action } = stagesOf(p.prof, from, to);
        const kind = action ? "action workers: " : "udf workers: ";
        const acc = kinds.get(kind) ?? new Map<string, number>();
        for (const [s, us] of stages) acc.set(s, (acc.get(s) ?? 0) + us);
        kinds.set(kind, acc);
      }
      const busyOf = (m: Map<string, number>) =>
        [...m].filter(([s]) => s !== IDLE && !s.includes("not CPU")).reduce((x, [, us]) => x + us, 0);
      const allBusy = [...kinds.values()].reduce((x, m) => x + busyOf(m), 0);
      for (const [kind, m] of kinds) spread(m, allBusy > 0 ? (workerMs * busyOf(m)) / allBusy : 0, kind);
      for (const t of procRows)
        if (t.tid !== b.pid && t.name !== "WorkerThread" && !t.name.startsWith("v8:Prof")) {
          const key = `other threads: ${t.name}`;
          rows.set(key, (rows.get(key) ?? 0) + t.ms / n);
        }
      rows.set("/proc: main thread", mainMs / n);
      rows.set("/proc: function workers", workerMs / n);
      // the profiler's own thread is left out
      const profiled = procRows.filter((t) => !t.name.startsWith("v8:Prof"));
      rows.set("/proc: all threads but the profiler's", profiled.reduce((s, t) => s + t.ms, 0) / n);
      const label = `${mode === "default" ? "workers" : `--workers ${mode}`} c=${c}`;
      columns.push({ label, perSecond: r.perSecond, p99: r.latencyMs.p99, rows });
      console.error(
        `${label}: ${r.perSecond}/s p99 ${r.latencyMs.p99} ms, ${n} webhooks, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
      fs.rmSync(profDir, { recursive: true, force: true });
    }
} finally {
  fn.cleanup();
}

const keys = new Set<string>();
for (const c of columns) for (const k of c.rows.keys()) keys.add(k);
const first = columns[0]!;
const group = (k: string) =>
  k.startsWith("main") ? 0 : k.startsWith("action") ? 1 : k.startsWith("udf") ? 2 : k.startsWith("other") ? 3 : 4;
const sorted = [...keys].sort((a, b) => group(a) - group(b) || (first.rows.get(b) ?? 0) - (first.rows.get(a) ?? 0));
const ms = (x: number | undefined) => (x === undefined || x < 0.0005 ? "-" : x.toFixed(3));
const table: string[][] = [
  ["ms of CPU per webhook", ...columns.map((c) => c.label)],
  ...sorted
    .filter((k) => columns.some((c) => (c.rows.get(k) ?? 0) >= 0.0005))
    .map((k) => [k, ...columns.map((c) => ms(c.rows.get(k)))]),
  ["webhooks/s (p99 ms)", ...columns.map((c) => `${c.perSecond} (${c.p99})`)],
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  `| ${r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join(" | ")} |`;
console.log(
  [
    line(table[0]!),
    `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`,
    ...table.slice(1).map(line),
  ].join("\n"),
);
