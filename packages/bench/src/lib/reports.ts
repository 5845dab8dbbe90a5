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
  // Member functions check a live session (auth.ts requireLiveIdentity): open one for the owner.
  const sessionId = await admin.call<string>("benchProbe/session:open", { subject: org.owner.subject });
  const owner = { ...org.owner, sessionId };
  const members = await admin.call<{ _id: string }[]>("orgs/members:list", { organizationId: org.organizationId }, owner);
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
  // Warm-up, then sequential calls.
  for (let i = 0; i < 10; i++) await admin.call("reports/reports:get", args, owner);
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await admin.call("reports/reports:get", args, owner);
    latencies.push(performance.now() - t);
  }
  const sorted = Float64Array.from(latencies).sort();
  const out = {
    messages: opts.messages,
    days,
    loadSeconds,
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
    firstResponseMedianMs: report.totals.firstResponse.medianMs,
    targets: { documentsRead: 2000, p95Ms: 100 },
  };
  log(
    `reports: ${opts.messages} messages over ${days} days -> ${out.documentsRead} documents read (${out.bucketsRead} buckets), p50 ${out.latencyMs.p50} ms p95 ${out.latencyMs.p95} ms`,
  );
  return out;
}
