/**
 * `pnpm --filter @switchboard/bench cpu [-- --seconds 10 --concurrency 32]`: the backend's CPU
 * time per ingested webhook, by thread (from /proc, Linux only), while it ingests the mixed
 * webhooks of `pnpm bench` (no profiler attached). Unlike webhooks per second, CPU time per
 * webhook hardly moves with what else the machine runs, so before/after pairs compare on a busy
 * machine too (SWITCHBOARD_BENCH_BACKEND / SWITCHBOARD_BENCH_SOURCE pick the commit, as for `bench`).
 */
import { AdminApi } from "./lib/admin";
import { spawnBackend } from "./lib/backend";
import { prepareFunctionsDir } from "./lib/functions";
import { runLoad } from "./lib/load";
import { threadCpu, threadCpuDelta } from "./lib/threads";
import { mixedWebhook, seedBenchOrg } from "./lib/webhooks";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg("seconds", 10);
const concurrency = arg("concurrency", 32);
const fn = prepareFunctionsDir();
const b = await spawnBackend({ functionsDir: fn.dir });
try {
  const admin = new AdminApi(b.url, b.adminKey);
  await seedBenchOrg(admin, "cpu", { coalesceWindowMs: 3_600_000 });
  const reqs = Array.from({ length: seconds * 2000 }, (_, k) =>
    mixedWebhook(b.siteUrl, k, "cpu", k % 2 ? 5_000_000 + k : k % 500),
  );
  // warm-up (JIT, caches), then the measured run
  await runLoad(b.siteUrl, reqs.slice(0, 300), { concurrency, durationMs: 3000 });
  const before = threadCpu(b.pid);
  const r = await runLoad(b.siteUrl, reqs.slice(300), { concurrency, durationMs: seconds * 1000 });
  const after = threadCpu(b.pid);
  const n = r.statuses["200"] ?? 0;
  const rows = threadCpuDelta(before, after);
  const total = rows.reduce((s, t) => s + t.ms, 0);
  const main = rows.find((t) => t.tid === b.pid)?.ms ?? 0;
  const perHook = (ms: number) => (n > 0 ? (ms / n).toFixed(2) : "-");
  console.log(
    `load: ${r.perSecond}/s p50 ${r.latencyMs.p50} ms p99 ${r.latencyMs.p99} ms ${JSON.stringify(r.statuses)}\n` +
      `backend CPU per webhook: ${perHook(total)} ms (main thread ${perHook(main)} ms, other threads ${perHook(total - main)} ms)\n` +
      rows
        .slice(0, 8)
        .map((t) => `  ${t.tid === b.pid ? "main" : t.name.padEnd(15)} ${perHook(t.ms)} ms`)
        .join("\n"),
  );
  // LOCAL_BACKEND_DEBUG_OCC=1: the backend prints a line per mutation re-run after a conflict
  if (process.env.LOCAL_BACKEND_DEBUG_OCC)
    console.log(`conflict re-runs (whole run): ${(b.output().match(/\[occ\]/g) ?? []).length}`);
} finally {
  await b.stop();
  fn.cleanup();
}
