/**
 * `pnpm --filter @switchboard/bench cpu [-- --seconds 10 --concurrency 32]`: the backend's CPU
 * time per ingested webhook, by thread (from /proc, Linux only), while it ingests the mixed
 * webhooks of `pnpm bench` (no profiler attached). Unlike webhooks per second, CPU time per
 * webhook hardly moves with what else the machine runs, so before/after pairs compare on a busy
 * machine too (SWITCHBOARD_BENCH_BACKEND / SWITCHBOARD_BENCH_SOURCE pick the commit, as for `bench`).
 */
import { AdminApi } from "./lib/admin";
import { backendCliAt, spawnBackend } from "./lib/backend";
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
const against = process.argv.includes("--against") ? process.argv[process.argv.indexOf("--against") + 1] : undefined;
/** `--node-args "<flags>"`: Node/V8 flags for this checkout's backend only (e.g. GC settings against the same rev) */
const nodeArgs = process.argv.includes("--node-args")
  ? process.argv[process.argv.indexOf("--node-args") + 1]!.split(" ").filter(Boolean)
  : [];
if (against) await compare(against);
else await single();

async function single() {
  const fn = prepareFunctionsDir();
  const b = await spawnBackend({ functionsDir: fn.dir, nodeArgs });
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
}

/**
 * `--against <rev> [--rounds 12]`: this checkout's backend and functions (or the
 * SWITCHBOARD_BENCH_* commits) and those of git `rev`, both running, loaded in turns of
 * `--seconds` (default here 2) in the order ABBA, BAAB, ...: both sides meet the same machine
 * load within seconds of each other, which whole-run pairs on a shared machine do not. Prints
 * each side's CPU per webhook over all its turns, the ratio, and the spread of the per-round ratios.
 */
async function compare(rev: string) {
  const turn = process.argv.includes("--seconds") ? seconds : 2;
  const rounds = arg("rounds", 12);
  const sides = [
    { name: "this", fn: prepareFunctionsDir(), cli: undefined as string | undefined },
    { name: rev, fn: prepareFunctionsDir({ rev }), cli: backendCliAt(rev) },
  ];
  const running = await Promise.all(
    sides.map(async (s) => ({
      ...s,
      b: await spawnBackend({ functionsDir: s.fn.dir, ...(s.cli ? { cli: s.cli } : { nodeArgs }) }),
    })),
  );
  try {
    const load = running.map((s, i) => {
      let k = 0;
      return {
        ...s,
        ms: 0,
        hooks: 0,
        perRound: [] as number[],
        next(n: number) {
          const out = Array.from({ length: n }, () => {
            k++;
            return mixedWebhook(s.b.siteUrl, k, `cmp${i}`, k % 2 ? 5_000_000 + k : k % 500);
          });
          return out;
        },
      };
    });
    for (const [i, s] of load.entries()) {
      await seedBenchOrg(new AdminApi(s.b.url, s.b.adminKey), `cmp${i}`, { coalesceWindowMs: 3_600_000 });
      await runLoad(s.b.siteUrl, s.next(600), { concurrency, durationMs: 3000 });
    }
    const measure = async (s: (typeof load)[number]) => {
      const t0 = threadCpu(s.b.pid);
      const r = await runLoad(s.b.siteUrl, s.next(Math.ceil(turn * 1500)), { concurrency, durationMs: turn * 1000 });
      const ms = threadCpuDelta(t0, threadCpu(s.b.pid)).reduce((x, t) => x + t.ms, 0);
      const n = r.statuses["200"] ?? 0;
      s.ms += ms;
      s.hooks += n;
      return n > 0 ? ms / n : Number.NaN;
    };
    const [a, b] = load as [(typeof load)[number], (typeof load)[number]];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [a, b, b, a] : [b, a, a, b];
      const got = new Map<object, number[]>();
      for (const s of order) got.set(s, [...(got.get(s) ?? []), await measure(s)]);
      const mean = (x: number[]) => x.reduce((p, q) => p + q, 0) / x.length;
      ratios.push(mean(got.get(a)!) / mean(got.get(b)!));
    }
    ratios.sort((x, y) => x - y);
    const q = (p: number) => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))]!;
    console.log(
      `concurrency ${concurrency}, ${rounds} rounds of 4 turns of ${turn} s, load average ${(await import("node:os"))
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}\n` +
        `  ${a.name}: ${(a.ms / a.hooks).toFixed(2)} ms of CPU per webhook (${a.hooks} webhooks)\n` +
        `  ${b.name}: ${(b.ms / b.hooks).toFixed(2)} ms of CPU per webhook (${b.hooks} webhooks)\n` +
        `  ratio ${a.name}/${b.name}: ${(a.ms / a.hooks / (b.ms / b.hooks)).toFixed(3)} (per round: median ${q(0.5).toFixed(3)}, quartiles ${q(0.25).toFixed(3)}-${q(0.75).toFixed(3)})`,
    );
  } finally {
    for (const s of running) {
      await s.b.stop();
      s.fn.cleanup();
    }
  }
}
