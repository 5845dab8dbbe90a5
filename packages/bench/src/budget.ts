/**
 * `pnpm --filter @switchboard/bench budget [-- --seconds 8 --concurrency 1,32 --workers default,0]`:
 * the backend's CPU per ingested webhook, by stage (HTTP receive, action dispatch, the HTTP
 * action's code, the routing query, the ingest mutation's code and syscalls, the commit's parts,
 * subscriptions, scheduler, response), while it ingests the mixed webhooks of `pnpm bench`.
 *
 * The backend runs with LOCAL_BACKEND_DEBUG_CPU=1 (packages/local-backend src/cpu-budget.ts):
 * each thread reads its own CPU clock at every stage switch, and SIGUSR2 prints the totals; this
 * script takes them before and after each load and divides by the webhooks answered 200. The
 * threads' CPU from /proc over the same interval is printed beside it: the main thread's row
 * must match the sum of its stages (the check that nothing was counted twice), and the threads
 * the backend does not instrument (libuv's pool, where `fdatasync` and `fs.write` run; V8's GC
 * helpers) appear as their own rows. Reading the clock costs ~1 µs per switch (~100 switches
 * per webhook): the totals run that much above an uninstrumented backend.
 */
import { AdminApi } from "./lib/admin";
import { type BackendProcess, spawnBackend } from "./lib/backend";
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

interface Snapshot {
  main: Record<string, number>;
  workers: Record<string, number>;
}

/** Ask the backend for its stage totals (SIGUSR2 -> one `[cpu-budget] {json}` line). */
async function budgetSnapshot(b: BackendProcess): Promise<Snapshot> {
  const count = () => b.output().split("[cpu-budget] ").length;
  const n = count();
  process.kill(b.pid, "SIGUSR2");
  const deadline = Date.now() + 10_000;
  while (count() === n) {
    if (Date.now() > deadline) throw new Error(`no [cpu-budget] line: is LOCAL_BACKEND_DEBUG_CPU on?\n${b.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const last = b.output().split("[cpu-budget] ").at(-1)!;
  return JSON.parse(last.slice(0, last.indexOf("\n"))) as Snapshot;
}

const diff = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v - (a[k] ?? 0)]));

interface Column {
  label: string;
  perSecond: number;
  p99: number;
  webhooks: number;
  /** µs per webhook by row */
  rows: Map<string, number>;
}

const columns: Column[] = [];
process.env.LOCAL_BACKEND_DEBUG_CPU = "1";
const fn = prepareFunctionsDir();
try {
  for (const mode of workerModes) {
    const b = await spawnBackend({ functionsDir: fn.dir, cliArgs: mode === "default" ? [] : ["--workers", mode] });
    try {
      const admin = new AdminApi(b.url, b.adminKey);
      await seedBenchOrg(admin, `budget${mode}`, { coalesceWindowMs: 3_600_000 });
      let k0 = 0;
      const requests = (n: number) => {
        const out = Array.from({ length: n }, (_, j) => {
          const k = k0 + j;
          // half from the 500 existing senders, half from new ones (as `pnpm bench`)
          return mixedWebhook(b.siteUrl, k, `budget${mode}`, k % 2 ? 5_000_000 + k : k % 500);
        });
        k0 += n;
        return out;
      };
      // warm-up (JIT, caches, the existing senders' contacts)
      await runLoad(b.siteUrl, requests(1000), { concurrency: 8, durationMs: 3000 });
      for (const c of concurrencies) {
        const reqs = requests(seconds * 1500);
        const s0 = await budgetSnapshot(b);
        const t0 = threadCpu(b.pid);
        const r = await runLoad(b.siteUrl, reqs, { concurrency: c, durationMs: seconds * 1000 });
        const t1 = threadCpu(b.pid);
        const s1 = await budgetSnapshot(b);
        const n = r.statuses["200"] ?? 0;
        if (n === 0) throw new Error(`no webhook answered 200: ${JSON.stringify(r.statuses)}`);
        const rows = new Map<string, number>();
        for (const [k, us] of Object.entries(diff(s0.main, s1.main))) rows.set(`main | ${k}`, us / n);
        for (const [k, us] of Object.entries(diff(s0.workers, s1.workers))) rows.set(`workers | ${k}`, us / n);
        // /proc: the main thread (check), the function workers (check), what no stage covers
        for (const t of threadCpuDelta(t0, t1)) {
          const key = t.tid === b.pid ? "/proc | main thread" : `/proc | ${t.name} threads`;
          rows.set(key, (rows.get(key) ?? 0) + (t.ms * 1000) / n);
        }
        columns.push({
          label: `${mode === "default" ? "workers" : `--workers ${mode}`} c=${c}`,
          perSecond: r.perSecond,
          p99: r.latencyMs.p99,
          webhooks: n,
          rows,
        });
        console.error(`${columns.at(-1)!.label}: ${r.perSecond}/s p99 ${r.latencyMs.p99} ms, ${n} webhooks`);
      }
    } finally {
      await b.stop();
    }
  }
} finally {
  fn.cleanup();
}

// rows: main-thread stages by cost in the first column, then worker stages, then /proc
const keys = new Set<string>();
for (const c of columns) for (const k of c.rows.keys()) keys.add(k);
const first = columns[0]!;
const order = (k: string) => (k.startsWith("main") ? 0 : k.startsWith("workers") ? 1 : 2);
const sorted = [...keys].sort((a, b) => order(a) - order(b) || (first.rows.get(b) ?? 0) - (first.rows.get(a) ?? 0));
const ms = (us: number | undefined) => (us === undefined || Math.abs(us) < 1 ? "-" : (us / 1000).toFixed(3));
const sum = (c: Column, prefix: string) =>
  [...c.rows].filter(([k]) => k.startsWith(prefix)).reduce((s, [, v]) => s + v, 0);
const table: string[][] = [
  ["ms of CPU per webhook", ...columns.map((c) => c.label)],
  ...sorted
    .filter((k) => columns.some((c) => Math.abs(c.rows.get(k) ?? 0) >= 1))
    .map((k) => [k, ...columns.map((c) => ms(c.rows.get(k)))]),
  ["main: sum of stages", ...columns.map((c) => ms(sum(c, "main |")))],
  ["workers: sum of stages", ...columns.map((c) => ms(sum(c, "workers |")))],
  ["/proc: all threads", ...columns.map((c) => ms(sum(c, "/proc |")))],
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
