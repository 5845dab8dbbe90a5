/**
 * `pnpm bench` (turbo) / `pnpm --filter @switchboard/bench bench [-- --quick] [-- --large 100000]`
 *
 * Benchmarks, never tests: nothing here asserts a time. Starts the local backend as a child
 * process (temp data dir, random ports) on a private copy of apps/api/convex, seeds an org with
 * Twilio, Meta and Resend channels, then measures over real loopback HTTP:
 *   1. inbound ingest (signed webhooks/s, p50/p99) at 1k and at --large existing contacts,
 *      against a bare node:http Twilio-signature-verifying baseline in the same run;
 *   2. reactive latency: webhook -> message visible to N ConvexClient inbox subscribers;
 *   3. documents read/written per operation (transaction metrics) at both sizes;
 *   4. isolation: the inbox query's latency while another organization runs ~1 s mutations
 *      back to back, against the same query on an idle backend in the same run;
 *   5. reports: documents read and latency of a report over --report-messages (1,000,000)
 *      messages' counters (src/lib/reports.ts).
 *   6. full-text search over --search-messages (1,000,000) messages: p95 and documents read,
 *      against an indexed lookup in the same run (src/search.ts; alone with --only-search).
 * Prints a table and writes results/<timestamp>.json.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getAdapter } from "@switchboard/channels";
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";
import { AdminApi } from "./lib/admin";
import { type BackendProcess, BENCH_DIR, spawnBackend, tmpDir } from "./lib/backend";
import { prepareFunctionsDir } from "./lib/functions";
import { type LoadResult, percentile, round, runLoad, sendOne, summarize } from "./lib/load";
import { reportsBench } from "./lib/reports";
import {
  ACCOUNTS,
  ENDPOINTS,
  mixedWebhook,
  phone,
  type SeededOrg,
  seedBenchOrg,
  twilioWebhook,
  type WebhookRequest,
} from "./lib/webhooks";
import { restartAtScale } from "./restart";
import { type SearchBenchResult, searchBench } from "./search";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const QUICK = flag("quick");
const SMALL = 1_000;
const LARGE = option("large", QUICK ? 10_000 : 100_000);
const SUBSCRIBERS = option("subscribers", 100);
const LOAD_MS = option("seconds", QUICK ? 5 : 15) * 1000;
const CONCURRENCY = option("concurrency", 32);
const SAMPLES = option("samples", QUICK ? 10 : 30);
const RESTART_MESSAGES = option("restart-messages", QUICK ? 100_000 : 1_000_000);
const RESTART_CONTACTS = option("restart-contacts", QUICK ? 10_000 : 100_000);
/** the in-memory runtime (from git) restarted on the same data in the same run; --no-restart-baseline skips it */
const RESTART_BASELINE = !flag("no-restart-baseline");
const REPORT_MESSAGES = option("report-messages", 1_000_000);
const SEARCH_MESSAGES = option("search-messages", QUICK ? 100_000 : 1_000_000);
const ONLY_SEARCH = flag("only-search");
const stringOption = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
/** keep the search corpus here and reuse it on the next run (src/search.ts SearchBenchOptions) */
const SEARCH_DATA = stringOption("search-data");
/** extra node flags for the search backend, space-separated (e.g. "--trace-gc") */
const SEARCH_NODE_ARGS = stringOption("search-node-args")?.split(" ").filter(Boolean);
/** baseline + the ingest runs at 1k contacts only (before/after pairs of an ingest change) */
const ONLY_INGEST = flag("only-ingest");

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  loadAverageAtStart: os.loadavg().map((x) => round(x)),
  config: {
    small: SMALL,
    large: LARGE,
    subscribers: SUBSCRIBERS,
    loadSeconds: LOAD_MS / 1000,
    concurrency: CONCURRENCY,
    samples: SAMPLES,
    restartMessages: RESTART_MESSAGES,
    restartContacts: RESTART_CONTACTS,
    reportMessages: REPORT_MESSAGES,
    searchMessages: SEARCH_MESSAGES,
  },
  targets: { webhooksPerSecond: 1000, p99Ms: 50, searchP95Ms: 50 },
};
const table: string[][] = [];
const row = (...cells: (string | number)[]) => table.push(cells.map(String));
const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

// ------------------------------------------------------------------------------------- baseline
async function baseline(): Promise<LoadResult> {
  const dir = tmpDir("sb-bench-baseline-");
  const proc = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(BENCH_DIR, "src/baseline-server.ts"),
      ACCOUNTS.twilio.authToken,
      path.join(dir, "messages.jsonl"),
    ],
    {
      cwd: BENCH_DIR,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      proc.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /baseline listening (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      proc.on("exit", (code) => reject(new Error(`baseline exited ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const reqs = Array.from({ length: 120_000 }, (_, i) =>
      twilioWebhook(base, phone(i), `baseline ${i}`, `SMbase${i}`),
    );
    await runLoad(base, reqs.slice(0, 2000), { concurrency: CONCURRENCY });
    const r = await runLoad(base, reqs.slice(2000), { concurrency: CONCURRENCY, durationMs: LOAD_MS });
    const stored = fs.readFileSync(path.join(dir, "messages.jsonl"), "utf8").split("\n").filter(Boolean).length;
    log(`baseline: ${r.perSecond}/s p50 ${r.latencyMs.p50} ms p99 ${r.latencyMs.p99} ms (${stored} lines appended)`);
    return r;
  } finally {
    proc.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --------------------------------------------------------------------------------------- ingest
let deliveryCounter = 0;
/** `count` signed deliveries: half from existing contacts (random), half from new senders. */
function deliveries(siteUrl: string, count: number, existing: number, tag: string, only?: "twilio"): WebhookRequest[] {
  const out: WebhookRequest[] = [];
  for (let k = 0; k < count; k++) {
    const i = deliveryCounter++;
    const newSender = k % 2 === 1;
    let s = newSender ? 10_000_000 + i : Math.floor(Math.random() * existing);
    if (only === "twilio") s -= s % 3; // sender % 3 === 0 -> Twilio SMS
    out.push(mixedWebhook(siteUrl, i, tag, s));
  }
  return out;
}

async function ingest(b: BackendProcess, existing: number, label: string, only?: "twilio", concurrency = CONCURRENCY) {
  const reqs = deliveries(b.siteUrl, Math.ceil((LOAD_MS / 1000) * 1500), existing, `${label}${only ?? ""}`, only);
  const r = await runLoad(b.siteUrl, reqs, { concurrency, durationMs: LOAD_MS });
  const non2xx = Object.entries(r.statuses).filter(([s]) => !s.startsWith("2"));
  log(
    `ingest ${label} ${only ?? "mixed"} c=${concurrency}: ${r.perSecond}/s p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} statuses ${JSON.stringify(r.statuses)} errors ${r.errors}`,
  );
  if (non2xx.length || r.errors)
    log(`  WARNING: non-2xx answers ${JSON.stringify(non2xx)} / ${r.errors} network errors`);
  return { ...r, concurrency, outcomes: undefined };
}

async function seedExisting(admin: AdminApi, org: SeededOrg, from: number, to: number) {
  const t0 = performance.now();
  const BATCH = 500;
  const pending: Promise<unknown>[] = [];
  for (let n = from; n < to; n += BATCH) {
    pending.push(
      admin.call("benchProbe/seed:insertContacts", {
        organizationId: org.organizationId,
        from: n,
        count: Math.min(BATCH, to - n),
      }),
    );
    if (pending.length >= 2) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const ms = performance.now() - t0;
  log(`seeded contacts ${from}..${to} in ${round(ms / 1000)} s`);
  return round(ms / 1000);
}

// ------------------------------------------------------------------------------ metrics (reads)
async function opMetrics(admin: AdminApi, org: SeededOrg, existing: number) {
  const twilio = getAdapter("twilio");
  const probe = async (req: WebhookRequest, siteUrl: string) => {
    const webhook = {
      method: "POST",
      url: siteUrl + req.path,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
      rawBody: req.body,
    };
    const events = JSON.parse(JSON.stringify(twilio.parseInbound(webhook)));
    const route = await admin.call<{ metrics: Record<string, number> }>("benchProbe/metrics:measureQuery", {
      path: "inbound/routing:findEndpoint",
      args: { provider: "twilio", identifier: ENDPOINTS.twilio },
    });
    const ingestRun = await admin.call<{ metrics: Record<string, number> }>("benchProbe/metrics:measureMutation", {
      path: "inbound/ingest:ingest",
      args: {
        organizationId: org.organizationId,
        channelConfigId: org.configs.twilio,
        provider: "twilio",
        events,
        raw: {
          method: "POST",
          path: req.path,
          headers: { "content-type": req.headers["content-type"]! },
          body: { kid: "bench", iv: "bench", ct: "bench" },
          bodyBytes: req.body.length,
        },
      },
    });
    return { route: route.metrics, ingest: ingestRun.metrics };
  };
  const site = "http://bench.invalid";
  const existingSender = existing - 1 - ((existing - 1) % 3);
  const newSender = twilioWebhook(site, phone(20_000_000 + existing), "metrics new", `SMmetricsnew${existing}`);
  const known = twilioWebhook(site, phone(existingSender), "metrics existing", `SMmetricsold${existing}`);
  const out = {
    ingestNewContact: await probe(newSender, site),
    ingestExistingContact: await probe(known, site),
    ingestDuplicate: await probe(known, site),
    inboxPage25: (
      await admin.call<{ metrics: Record<string, number> }>(
        "benchProbe/metrics:measureQuery",
        {
          path: "threads/threads:list",
          args: { organizationId: org.organizationId, paginationOpts: { numItems: 25, cursor: null } },
        },
        org.owner,
      )
    ).metrics,
  };
  const threads = await admin.call<{ page: { _id: string }[] }>(
    "threads/threads:list",
    { organizationId: org.organizationId, paginationOpts: { numItems: 1, cursor: null } },
    org.owner,
  );
  const threadMessages = (
    await admin.call<{ metrics: Record<string, number> }>(
      "benchProbe/metrics:measureQuery",
      {
        path: "threads/threads:listMessages",
        args: {
          organizationId: org.organizationId,
          threadId: threads.page[0]!._id,
          paginationOpts: { numItems: 50, cursor: null },
        },
      },
      org.owner,
    )
  ).metrics;
  return { ...out, threadMessagesPage50: threadMessages };
}

// ------------------------------------------------------------------------------------ isolation
/** Sequential inbox queries for `ms`, as the org owner (admin key + identity). */
async function inboxLatencies(admin: AdminApi, org: SeededOrg, ms: number): Promise<number[]> {
  const args = { organizationId: org.organizationId, paginationOpts: { numItems: 25, cursor: null } };
  const out: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const t = performance.now();
    await admin.call("inbox/threads:list", args, org.owner);
    out.push(performance.now() - t);
  }
  return out;
}

async function isolation(admin: AdminApi, org: SeededOrg) {
  const ms = Math.min(LOAD_MS, 10_000);
  const idle = Float64Array.from(await inboxLatencies(admin, org, ms)).sort();
  // another organization's code: 800 ms busy mutations back to back (under Convex's 1 s with room for scheduling jitter)
  let running = true;
  let busyCalls = 0;
  const busy = (async () => {
    while (running) {
      await admin.call("benchProbe/spin:busyMutation", { ms: 800 });
      busyCalls++;
    }
  })();
  const during = Float64Array.from(await inboxLatencies(admin, org, ms)).sort();
  running = false;
  await busy;
  const stats = (xs: Float64Array) => ({
    samples: xs.length,
    p50: round(percentile(xs, 50)),
    p99: round(percentile(xs, 99)),
    max: round(xs[xs.length - 1] ?? NaN),
  });
  const out = {
    idleMs: stats(idle),
    duringBusyMutationsMs: stats(during),
    busyMutations: busyCalls,
    p99Ratio: round(percentile(during, 99) / percentile(idle, 99), 2),
  };
  log(
    `isolation: inbox p99 ${out.idleMs.p99} ms idle, ${out.duringBusyMutationsMs.p99} ms during ${busyCalls} busy 800 ms mutations`,
  );
  return out;
}

// ------------------------------------------------------------------------------------- reactive
async function reactive(b: BackendProcess, org: SeededOrg, SUBSCRIBERS: number) {
  const list = makeFunctionReference<"query">("threads/threads:list");
  const clients: ConvexClient[] = [];
  let marker = "";
  let sentAt = 0;
  const seen = new Map<number, number>(); // subscriber -> ms after send
  let onAllSeen: (() => void) | null = null;
  const ready = new Set<number>();
  for (let k = 0; k < SUBSCRIBERS; k++) {
    const c = new ConvexClient(b.url, { webSocketConstructor: WebSocket as never, unsavedChangesWarning: false });
    // Admin key + impersonated identity over the sync protocol (an internal ConvexClient method).
    (c as unknown as { setAdminAuth(key: string, identity: object): void }).setAdminAuth(b.adminKey, org.owner);
    c.onUpdate(
      list,
      { organizationId: org.organizationId, paginationOpts: { numItems: 10, cursor: null } },
      (res: { page: { lastMessagePreview: string }[] }) => {
        ready.add(k);
        if (marker && !seen.has(k) && res.page.some((t) => t.lastMessagePreview.includes(marker))) {
          seen.set(k, performance.now() - sentAt);
          if (seen.size === SUBSCRIBERS) onAllSeen?.();
        }
      },
    );
    clients.push(c);
  }
  const deadline = Date.now() + 60_000;
  while (ready.size < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  log(`reactive: ${ready.size}/${SUBSCRIBERS} subscribers have their first result`);
  const fromSend: number[] = [];
  const fromAccepted: number[] = [];
  const acceptMs: number[] = [];
  let timeouts = 0;
  for (let s = 0; s < SAMPLES; s++) {
    marker = `rx${s}x${Date.now().toString(36)}`;
    seen.clear();
    const all = new Promise<void>((resolve) => (onAllSeen = resolve));
    const req = twilioWebhook(b.siteUrl, phone(30_000_000 + s), `reactive ${marker}`, `SMreactive${marker}`);
    sentAt = performance.now();
    const res = await sendOne(b.siteUrl, req);
    const accepted = performance.now() - sentAt;
    if (res.status !== 200) throw new Error(`reactive webhook answered ${res.status}: ${res.body}`);
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), 15_000)),
    ]);
    if (timedOut) timeouts++;
    acceptMs.push(accepted);
    for (const ms of seen.values()) {
      fromSend.push(ms);
      fromAccepted.push(ms - accepted);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  onAllSeen = null;
  await Promise.all(clients.map((c) => c.close()));
  const sorted = Float64Array.from(fromSend).sort();
  const sortedAcc = Float64Array.from(fromAccepted).sort();
  const out = {
    subscribers: SUBSCRIBERS,
    samples: SAMPLES,
    observations: fromSend.length,
    samplesNotSeenByAllWithin15s: timeouts,
    sendToVisibleMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? NaN),
    },
    acceptedToVisibleMs: { p50: round(percentile(sortedAcc, 50)), p95: round(percentile(sortedAcc, 95)) },
    webhookAcceptMs: summarize(acceptMs),
  };
  log(
    `reactive (${SUBSCRIBERS} subscribers): send->visible p50 ${out.sendToVisibleMs.p50} ms p95 ${out.sendToVisibleMs.p95} ms over ${out.observations} observations`,
  );
  return out;
}

// ---------------------------------------------------------------------------- restart at scale
async function restartScenario(functionsDir: string) {
  const r = await restartAtScale({
    functionsDir,
    messages: RESTART_MESSAGES,
    contacts: RESTART_CONTACTS,
    baseline: RESTART_BASELINE,
    log,
  });
  results.restartAtScale = r;
  const lines = [
    `\nrestart at scale: ${r.messages} messages + ${r.contacts} contacts/threads (${r.documents} documents, ~1 KB messages; store ${r.storeMb} MB on disk, bulk-loaded in ${r.bulkLoadSeconds} s)`,
  ];
  lines.push(`  the store alone (in the bench process): open + read 50 messages by index ${r.storeOpenMs} ms`);
  lines.push(
    `  empty data dir (process start + apps/api modules): ready ${r.emptyDataDir.readySeconds} s, RSS ${r.emptyDataDir.rssMb} MB`,
  );
  const mem = r.inMemory && "runtime" in r.inMemory ? r.inMemory : null;
  for (const x of [r.store, mem]) {
    if (!x) continue;
    lines.push(
      `  ${x.runtime.padEnd(20)} first start: first answered query ${x.firstStart.firstQuerySeconds} s; restart after kill -9: spawn -> ready ${x.readySeconds} s, -> first answered query ${x.firstQuerySeconds} s; RSS ${x.rssAfterFirstQueryMb} MB, after ${x.queries} queries ${x.rssAfterQueriesMb} MB (peak ${x.peakRssMb} MB); query p50 ${x.queryMs.p50} ms p99 ${x.queryMs.p99} ms`,
    );
  }
  if (mem)
    lines.push(
      `  store / in-memory: first query x${round(r.store.firstQuerySeconds / mem.firstQuerySeconds, 2)}, RSS x${round((r.store.rssAfterQueriesMb ?? NaN) / (mem.rssAfterQueriesMb ?? NaN), 2)}, peak RSS x${round((r.store.peakRssMb ?? NaN) / (mem.peakRssMb ?? NaN), 2)}`,
    );
  else if (r.inMemory && "error" in r.inMemory)
    lines.push(`  in-memory (before)   ${r.inMemory.error} (after ${r.inMemory.afterSeconds} s)`);
  lines.push(`  targets: first query < ${r.targets.firstQuerySeconds} s, RSS < ${r.targets.rssMb} MB`);
  return lines.join("\n");
}

// ----------------------------------------------------------------------------------------- main
function printSearch(r: SearchBenchResult) {
  const t: string[][] = [
    ["search (search/search:find, 20 results)", "p50 ms", "p95 ms", "p99 ms", "docs read (avg / max)"],
  ];
  for (const [kind, x] of Object.entries(r.search))
    t.push([`  ${kind} queries`, `${x.p50}`, `${x.p95}`, `${x.p99}`, `${x.documentsRead} / ${x.maxDocumentsRead}`]);
  t.push(["  all queries", `${r.searchAll.p50}`, `${r.searchAll.p95}`, `${r.searchAll.p99}`, "-"]);
  t.push(["  warm-up round (each query once, before)", `${r.warmUp.p50}`, `${r.warmUp.p95}`, `${r.warmUp.p99}`, "-"]);
  const l = r.indexedLookup;
  t.push(["indexed lookup (20 messages by_thread_sent)", `${l.p50}`, `${l.p95}`, `${l.p99}`, `${l.documentsRead}`]);
  const widths = t[0]!.map((_, c) => Math.max(...t.map((x) => x[c]!.length)));
  console.log(
    `\nfull-text search over ${r.messages} messages (${r.reusedData ? "kept from an earlier run, " : ""}loaded in ${r.loadSeconds} s, ${r.messagesPerSecond}/s; first search ${r.firstSearchMs} ms):`,
  );
  console.log(t.map((x) => x.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n"));
  console.log(
    `search p95 = ${r.p95VsIndexedLookup} x the indexed lookup's p95 (target: p95 < 50 ms); backend RSS ${r.backendRssMb} MB`,
  );
}

async function main() {
  const fn = prepareFunctionsDir();
  log(`functions: ${fn.source} -> ${fn.dir}`);
  results.functionsSource = fn.source;
  if (flag("restart-only")) {
    try {
      console.log(await restartScenario(fn.dir));
    } finally {
      fn.cleanup();
      writeResults();
    }
    return;
  }
  let backend: BackendProcess | null = null;
  if (ONLY_SEARCH) {
    try {
      const r = await searchBench(fn.dir, SEARCH_MESSAGES, log, {
        keepDir: SEARCH_DATA && path.resolve(SEARCH_DATA),
        nodeArgs: SEARCH_NODE_ARGS,
      });
      results.search = r;
      results.loadAverageAtEnd = os.loadavg().map((x) => round(x));
      printSearch(r);
    } finally {
      fn.cleanup();
      writeResults();
    }
    return;
  }
  try {
    const base = await baseline();
    results.baseline = {
      ...base,
      outcomes: undefined,
      what: "node:http + Twilio HMAC-SHA1 verify + appendFile (no fsync)",
    };

    const t0 = performance.now();
    backend = await spawnBackend({ functionsDir: fn.dir });
    results.backendStartSeconds = round((performance.now() - t0) / 1000);
    log(`local backend ${backend.url} / ${backend.siteUrl} (pid ${backend.pid})`);
    const admin = new AdminApi(backend.url, backend.adminKey);
    // Downstream hooks are debounced per thread (default 30 s); a 1 h window keeps their
    // asynchronous work out of the measured window, so the figures are the ingest path alone.
    const org = await seedBenchOrg(admin, "bench", { coalesceWindowMs: 3_600_000 });
    const seedSmall = await seedExisting(admin, org, 0, SMALL);

    // warm-up (JIT, first-contact paths)
    await runLoad(backend.siteUrl, deliveries(backend.siteUrl, 300, SMALL, "warm"), { concurrency: 8 });

    const small = {
      contacts: SMALL,
      seedSeconds: seedSmall,
      mixed: await ingest(backend, SMALL, "small"),
      twilioOnly: await ingest(backend, SMALL, "small", "twilio"),
      lightLoad: await ingest(backend, SMALL, "small-c4", undefined, 4),
      metrics: await opMetrics(admin, org, SMALL),
    };
    results.small = small;
    if (ONLY_INGEST) {
      type Figures = Pick<LoadResult, "perSecond" | "latencyMs">;
      const pct = (r: Figures) => `${round((r.perSecond / base.perSecond) * 100, 1)} %`;
      const runs: [string, Figures][] = [
        ["baseline", base],
        ["mixed", small.mixed],
        ["twilio only", small.twilioOnly],
        ["mixed c=4", small.lightLoad],
      ];
      for (const [label, r] of runs)
        console.log(
          `${label.padEnd(12)} ${String(r.perSecond).padStart(8)}/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  ${pct(r)}`,
        );
      return;
    }
    results.isolation = await isolation(admin, org);

    // The price of isolation: the same ingest with function code on the main thread (no worker
    // threads, no 1 s limit), on a second backend started the same way.
    {
      const t1 = performance.now();
      const mainThread = await spawnBackend({ functionsDir: fn.dir, cliArgs: ["--workers", "0"] });
      try {
        const admin0 = new AdminApi(mainThread.url, mainThread.adminKey);
        const org0 = await seedBenchOrg(admin0, "bench-main-thread", { coalesceWindowMs: 3_600_000 });
        await seedExisting(admin0, org0, 0, SMALL);
        await runLoad(mainThread.siteUrl, deliveries(mainThread.siteUrl, 300, SMALL, "warm0"), { concurrency: 8 });
        results.mainThreadIngest = {
          mixed: await ingest(mainThread, SMALL, "small-main-thread"),
          seconds: round((performance.now() - t1) / 1000),
        };
      } finally {
        await mainThread.stop();
      }
    }
    // Fan-out: the same measurement with 1, 10 and N subscribers shows the per-subscriber cost.
    const sweep = [...new Set([1, 10, SUBSCRIBERS])].sort((x, y) => x - y);
    const reactiveRuns = [];
    for (const n of sweep) reactiveRuns.push(await reactive(backend, org, n));
    results.reactive = reactiveRuns[reactiveRuns.length - 1];
    results.reactiveSweep = reactiveRuns;

    let large: Record<string, unknown> | null = null;
    try {
      const seedLarge = await seedExisting(admin, org, SMALL, LARGE);
      large = {
        contacts: LARGE,
        seedSeconds: seedLarge,
        mixed: await ingest(backend, LARGE, "large"),
        twilioOnly: await ingest(backend, LARGE, "large", "twilio"),
        metrics: await opMetrics(admin, org, LARGE),
      };
    } catch (e) {
      large = { contacts: LARGE, error: String((e as Error).message ?? e) };
      log(`large size failed: ${(e as Error).message}`);
    }
    results.large = large;
    // Reports over REPORT_MESSAGES messages' counters, in an organization of their own.
    try {
      results.reports = await reportsBench(admin, await seedBenchOrg(admin, "reports"), {
        messages: REPORT_MESSAGES,
        log,
      });
    } catch (e) {
      results.reports = { messages: REPORT_MESSAGES, error: String((e as Error).message ?? e) };
      log(`reports failed: ${(e as Error).message}`);
    }
    try {
      results.search = await searchBench(fn.dir, SEARCH_MESSAGES, log);
    } catch (e) {
      results.search = { messages: SEARCH_MESSAGES, error: String((e as Error).message ?? e) };
      log(`search failed: ${(e as Error).message}`);
    }
    results.loadAverageAtEnd = os.loadavg().map((x) => round(x));
    const rss = fs.readFileSync(`/proc/${backend.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1];
    results.backendRssMb = rss ? round(Number(rss) / 1024) : null;
    await backend.stop();
    backend = null;
    const restartReport = await restartScenario(fn.dir);

    // ------------------------------------------------------------------------------ report
    const frac = (x: number) => `${round((x / base.perSecond) * 100, 1)} %`;
    row("measurement", "size", "webhooks/s", "p50 ms", "p99 ms", "vs baseline");
    row(`(concurrency ${CONCURRENCY} unless noted)`, "", "", "", "", "");
    row(
      "baseline node:http (Twilio verify + append)",
      "-",
      base.perSecond,
      base.latencyMs.p50,
      base.latencyMs.p99,
      "100 %",
    );
    for (const [label, r] of [
      ["small", small],
      ["large", large],
    ] as const) {
      if (!r || !("mixed" in r)) continue;
      const m = r.mixed as LoadResult;
      const tw = r.twilioOnly as LoadResult;
      row(
        `ingest mixed (Twilio/Meta/Resend)`,
        `${r.contacts} contacts`,
        m.perSecond,
        m.latencyMs.p50,
        m.latencyMs.p99,
        frac(m.perSecond),
      );
      row(
        `ingest Twilio only`,
        `${r.contacts} contacts`,
        tw.perSecond,
        tw.latencyMs.p50,
        tw.latencyMs.p99,
        frac(tw.perSecond),
      );
      const light = (r as { lightLoad?: LoadResult }).lightLoad;
      if (light)
        row(
          `ingest mixed, light load (concurrency 4)`,
          `${r.contacts} contacts`,
          light.perSecond,
          light.latencyMs.p50,
          light.latencyMs.p99,
          frac(light.perSecond),
        );
      void label;
    }
    const m0 = (results.mainThreadIngest as { mixed: LoadResult }).mixed;
    row(
      "ingest mixed, code on the main thread (--workers 0)",
      `${SMALL} contacts`,
      m0.perSecond,
      m0.latencyMs.p50,
      m0.latencyMs.p99,
      frac(m0.perSecond),
    );
    const iso = results.isolation as Awaited<ReturnType<typeof isolation>>;
    row("inbox query, idle backend", `${SMALL} contacts`, "-", iso.idleMs.p50, iso.idleMs.p99, "-");
    row(
      "inbox query, other org runs 800 ms mutations",
      `${SMALL} contacts`,
      "-",
      iso.duringBusyMutationsMs.p50,
      iso.duringBusyMutationsMs.p99,
      `p99 x${iso.p99Ratio}`,
    );
    for (const rx of results.reactiveSweep as Awaited<ReturnType<typeof reactive>>[]) {
      row(
        `reactive: webhook sent -> visible (${rx.subscribers} subs)`,
        `${SMALL} contacts`,
        "-",
        `${rx.sendToVisibleMs.p50}`,
        `p95 ${rx.sendToVisibleMs.p95}`,
        "-",
      );
      row(
        `reactive: 2xx -> visible (${rx.subscribers} subs)`,
        "",
        "-",
        `${rx.acceptedToVisibleMs.p50}`,
        `p95 ${rx.acceptedToVisibleMs.p95}`,
        "-",
      );
    }
    const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
    console.log(`\n${table.map((r) => r.map((x, c) => x.padEnd(widths[c]!)).join("  ")).join("\n")}`);
    console.log(
      `\nload average (1/5/15 min) at start ${JSON.stringify(results.loadAverageAtStart)}, at end ${JSON.stringify(results.loadAverageAtEnd)}: other work on the machine skews every figure`,
    );
    console.log(
      `\ntargets: >= 1000 webhooks/s, p99 < 50 ms (concurrency ${CONCURRENCY}, ${LOAD_MS / 1000} s per run, client and server share ${os.cpus().length} cores)`,
    );
    console.log("\ndocuments read / written per operation (transaction metrics via benchProbe/metrics):");
    for (const [label, r] of [
      ["small", small],
      ["large", large],
    ] as const) {
      if (!r || !("metrics" in r)) continue;
      const m = r.metrics as Awaited<ReturnType<typeof opMetrics>>;
      const f = (x: Record<string, number>) =>
        `read ${x.documentsRead} docs / ${x.bytesRead} B, wrote ${x.documentsWritten}`;
      console.log(`  ${label} (${r.contacts} contacts):`);
      console.log(`    webhook routing (findEndpoint)   ${f(m.ingestNewContact.route)}`);
      console.log(`    ingest, new contact              ${f(m.ingestNewContact.ingest)}`);
      console.log(`    ingest, existing contact         ${f(m.ingestExistingContact.ingest)}`);
      console.log(`    ingest, duplicate (retry)        ${f(m.ingestDuplicate.ingest)}`);
      console.log(`    inbox page (25 threads)          ${f(m.inboxPage25)}`);
      console.log(`    thread messages page (50)        ${f(m.threadMessagesPage50)}`);
    }
    const rp = results.reports as Partial<Awaited<ReturnType<typeof reportsBench>>>;
    if (rp.latencyMs) {
      console.log(`\nreports over ${rp.messages} messages (${rp.days} days; targets < 2,000 documents, p95 < 100 ms):`);
      console.log(
        `  read ${rp.documentsRead} docs / ${rp.bytesRead} B (${rp.bucketsReadBeforeCompaction} buckets before compaction); p50 ${rp.latencyMs.p50} ms, p95 ${rp.latencyMs.p95} ms; baseline member query p95 ${rp.baselineLatencyMs!.p95} ms (${rp.p95VsBaseline}x)`,
      );
    }
    if (results.backendRssMb) console.log(`\nbackend RSS at the end: ${results.backendRssMb} MB`);
    console.log(restartReport);
    if (results.search && "search" in (results.search as object)) printSearch(results.search as SearchBenchResult);
  } finally {
    if (backend) await backend.stop();
    fn.cleanup();
    writeResults();
  }
}

function writeResults() {
  const outDir = path.join(BENCH_DIR, "results");
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  log(`results written to ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
