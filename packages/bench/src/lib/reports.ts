/**
 * Reports benchmark: bulk-loads the counters of N messages (default 1,000,000) over 30 days, 4
 * channels and 6 agent keys through `benchProbe/reports:loadMessages`, then measures the report
 * query `reports/reports:get` over the whole range as the org owner: documents read (transaction
 * metrics, `benchProbe/metrics:measureQuery`) and latency over sequential calls (p50/p95/p99).
 * Targets (issue 12): fewer than 2,000 documents read and p95 under 100 ms. Also checks the
 * report's totals add up to the loaded messages, so a fast but wrong answer does not pass.
 */
import type { AdminApi } from "./admin";
import { percentile, round } from "./load";
import type { SeededOrg } from "./webhooks";

const DAY = 86_400_000;
/** Messages per loading transaction (well inside the 1 s limit of a mutation). */
const LOAD_BATCH = 50_000;

export interface ReportsBenchOptions {
  messages: number;
  days?: number;
  calls?: number;
  log?: (...a: unknown[]) => void;
}

export async function reportsBench(admin: AdminApi, org: SeededOrg, opts: ReportsBenchOptions) {
  const log = opts.log ?? (() => {});
  const days = opts.days ?? 30;
  const calls = opts.calls ?? 200;
  const to = Math.floor(Date.now() / DAY) * DAY + DAY;
  const from = to - days * DAY;
  const owner = org.owner;
  const members = await admin.call<{ _id: string }[]>(
    "orgs/members:list",
    { organizationId: org.organizationId },
    owner,
  );
  const agents = [...members.map((m) => m._id), "bench-agent-2", "bench-agent-3", "bench-agent-4", "bench-agent-5"];

  const t0 = performance.now();
  for (let start = 0; start < opts.messages; start += LOAD_BATCH) {
    await admin.call("benchProbe/reports:loadMessages", {
      organizationId: org.organizationId,
      from: start,
      count: Math.min(LOAD_BATCH, opts.messages - start),
      startDay: from,
      days,
      agents,
    });
  }
  const loadSeconds = round((performance.now() - t0) / 1000);
  log(`reports: loaded the counters of ${opts.messages} messages in ${loadSeconds} s`);
  const args = { organizationId: org.organizationId, from, to };
  const shardedRead = (await admin.call<{ bucketsRead: number }>("reports/reports:get", args, owner)).bucketsRead;
  // What the hourly cron does to finished days: fold their shards into one row per day and key.
  const t1 = performance.now();
  // One call; it schedules its own continuation batches (calling it again concurrently would only
  // race them), so wait until no finished day has rows outside shard 0.
  const unfolded = await admin.call<number>("benchProbe/reports:unfoldedRows", {});
  await admin.call<number>("reports/compaction:run", {});
  while ((await admin.call<number>("benchProbe/reports:unfoldedRows", {})) > 0)
    await new Promise((r) => setTimeout(r, 200));
  const compactSeconds = round((performance.now() - t1) / 1000);
  log(`reports: compaction folded ${unfolded} shard rows in ${compactSeconds} s`);

  type Report = {
    totals: { inbound: number; outbound: number; firstResponse: { medianMs: number | null; p90Ms: number | null } };
    bucketsRead: number;
    truncated: boolean;
  };
  const report = await admin.call<Report>("reports/reports:get", args, owner);
  const counted = report.totals.inbound + report.totals.outbound;
  if (counted !== opts.messages || report.truncated)
    throw new Error(`report counted ${counted} messages of ${opts.messages} (truncated: ${report.truncated})`);
  const measured = await admin.call<{ metrics: Record<string, number> }>(
    "benchProbe/metrics:measureQuery",
    { path: "reports/reports:get", args },
    owner,
  );
  // Warm-up, then sequential calls, alternating with the baseline: the smallest member query
  // (orgs/members:list, one member) through the same HTTP API and session check, so the
  // machine's load hits both alike and the ratio is comparable across runs.
  const baselineArgs = { organizationId: org.organizationId };
  for (let i = 0; i < 10; i++) {
    await admin.call("reports/reports:get", args, owner);
    await admin.call("orgs/members:list", baselineArgs, owner);
  }
  const latencies: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < calls; i++) {
    let t = performance.now();
    await admin.call("reports/reports:get", args, owner);
    latencies.push(performance.now() - t);
    t = performance.now();
    await admin.call("orgs/members:list", baselineArgs, owner);
    baseline.push(performance.now() - t);
  }
  const sorted = Float64Array.from(latencies).sort();
  const baseSorted = Float64Array.from(baseline).sort();
  const out = {
    messages: opts.messages,
    days,
    loadSeconds,
    compactSeconds,
    bucketsReadBeforeCompaction: shardedRead,
    bucketsRead: report.bucketsRead,
    documentsRead: measured.metrics.documentsRead ?? null,
    bytesRead: measured.metrics.bytesRead ?? null,
    metrics: measured.metrics,
    calls,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
    },
    baselineLatencyMs: {
      p50: round(percentile(baseSorted, 50)),
      p95: round(percentile(baseSorted, 95)),
      p99: round(percentile(baseSorted, 99)),
    },
    p95VsBaseline: round(percentile(sorted, 95) / percentile(baseSorted, 95)),
    firstResponseMedianMs: report.totals.firstResponse.medianMs,
    targets: { documentsRead: 2000, p95Ms: 100 },
  };
  log(
    `reports: ${opts.messages} messages over ${days} days -> ${out.documentsRead} documents read (${out.bucketsRead} buckets; ${shardedRead} before compaction), p50 ${out.latencyMs.p50} ms p95 ${out.latencyMs.p95} ms; baseline member query p50 ${out.baselineLatencyMs.p50} ms p95 ${out.baselineLatencyMs.p95} ms (${out.p95VsBaseline}x)`,
  );
  return out;
}
