/**
 * `pnpm --filter @switchboard/bench profile [-- --seconds 15 --concurrency 16]`: CPU profile of the
 * local backend while it ingests signed webhooks, then the main thread's busy time per webhook
 * and the functions with the most self time while the load ran (start-up left out).
 * The raw .cpuprofile (open it in Chrome DevTools) stays in the printed directory.
 */
import fs from "node:fs";
import path from "node:path";
import { AdminApi } from "./lib/admin";
import { spawnBackend, tmpDir } from "./lib/backend";
import { prepareFunctionsDir } from "./lib/functions";
import { runLoad } from "./lib/load";
import { mixedWebhook, seedBenchOrg } from "./lib/webhooks";

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = flag("seconds", 15);
const concurrency = flag("concurrency", 16);
const profDir = tmpDir("sb-bench-prof-");
const fn = prepareFunctionsDir();
// when the load ran, relative to the backend's exit (the profile's end): only those samples count
let loadStart = 0;
let loadEnd = 0;
let stopped = 0;
let answered = 0;
const b = await spawnBackend({ functionsDir: fn.dir, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profDir}`] });
try {
  const admin = new AdminApi(b.url, b.adminKey);
  await seedBenchOrg(admin, "profile", { coalesceWindowMs: 3_600_000 });
  const reqs = Array.from({ length: seconds * 1000 }, (_, k) =>
    mixedWebhook(b.siteUrl, k, "prof", k % 2 ? 5_000_000 + k : k % 500),
  );
  loadStart = performance.now();
  const r = await runLoad(b.siteUrl, reqs, { concurrency, durationMs: seconds * 1000 });
  loadEnd = performance.now();
  answered = r.statuses["200"] ?? 0;
  console.log(
    `load: ${r.perSecond}/s p50 ${r.latencyMs.p50} ms p99 ${r.latencyMs.p99} ms ${JSON.stringify(r.statuses)}`,
  );
  if (process.env.LOCAL_BACKEND_DEBUG_SYSCALLS) console.log(summarizeSyscalls(b.output()));
} finally {
  await b.stop();
  stopped = performance.now();
  fn.cleanup();
}
const file = fs.readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error(`no profile written in ${profDir}`);
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const prof = JSON.parse(fs.readFileSync(path.join(profDir, file), "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
};
// the samples taken while the load ran (µs timestamps; the profile ends when the backend exits)
const windowStart = prof.endTime - (stopped - loadStart) * 1000;
const windowEnd = prof.endTime - (stopped - loadEnd) * 1000;
let at = prof.endTime;
const inWindow = new Array<boolean>(prof.samples.length);
for (let k = prof.samples.length - 1; k >= 0; k--) {
  inWindow[k] = at >= windowStart && at <= windowEnd;
  at -= prof.timeDeltas[k] ?? 0;
}
const self = new Map<number, number>();
prof.samples.forEach((id, k) => {
  if (inWindow[k]) self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[k + 1] ?? 0));
});
const byFrame = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
let idle = 0;
for (const n of prof.nodes) {
  const t = self.get(n.id) ?? 0;
  total += t;
  if (n.callFrame.functionName === "(idle)") idle += t;
  const url = n.callFrame.url
    .replace(/^file:\/\//, "")
    .replace(/.*node_modules\/\.pnpm\/([^/]+)\/.*/, "$1")
    .replace(/.*\/packages\//, "packages/")
    .replace(/.*\/\.build\/[^/]+\//, "bundle:");
  const key = `${n.callFrame.functionName || "(anonymous)"}  ${url}:${n.callFrame.lineNumber + 1}`;
  byFrame.set(key, (byFrame.get(key) ?? 0) + t);
  byFile.set(url || "(native)", (byFile.get(url || "(native)") ?? 0) + t);
}
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((x, y) => y[1] - x[1])
    .slice(0, k)
    .map(([name, t]) => `  ${((t / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
    .join("\n");
// the main thread is the one every webhook passes through: its busy time per webhook compares runs
console.log(
  `\nmain thread while the load ran: busy ${((total - idle) / 1000).toFixed(0)} of ${(total / 1000).toFixed(0)} ms, ` +
    `${answered > 0 ? ((total - idle) / 1000 / answered).toFixed(2) : "-"} ms per answered webhook (profiler overhead included)`,
);
console.log(
  `\nself time during the load by file/package:\n${top(byFile, 15)}\n\nself time during the load by function:\n${top(byFrame, 25)}\n\nprofile: ${path.join(profDir, file)}`,
);

/**
 * With `LOCAL_BACKEND_DEBUG_SYSCALLS=1` the backend prints one `[syscalls]` line per function
 * call (pool.ts): the average round trips per call of each function (and the time from its
 * first syscall to its end), and by operation.
 */
function summarizeSyscalls(output: string): string {
  const byFn = new Map<string, { calls: number; trips: number; ms: number; ops: Map<string, number> }>();
  for (const m of output.matchAll(/\[syscalls\] (\S+): (\d+) round trips in ([\d.]+) ms (\{.*\})/g)) {
    const f = byFn.get(m[1]!) ?? { calls: 0, trips: 0, ms: 0, ops: new Map<string, number>() };
    byFn.set(m[1]!, f);
    f.calls++;
    f.trips += Number(m[2]);
    f.ms += Number(m[3]);
    for (const [op, n] of Object.entries(JSON.parse(m[4]!) as Record<string, number>))
      f.ops.set(op, (f.ops.get(op) ?? 0) + n);
  }
  const lines = [...byFn].map(
    ([fn, f]) =>
      `  ${fn}: ${f.calls} calls, ${(f.trips / f.calls).toFixed(1)} round trips in ${(f.ms / f.calls).toFixed(2)} ms per call (${[
        ...f.ops,
      ]
        .sort((a, b) => b[1] - a[1])
        .map(([op, n]) => `${op} ${(n / f.calls).toFixed(1)}`)
        .join(", ")})`,
  );
  return `\nsyscalls per call (of the last calls in the backend's output):\n${lines.join("\n")}`;
}
