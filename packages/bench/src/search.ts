/**
 * Full-text search at scale: bulk-loads `messages` unifiedMessages (default 1,000,000) into one
 * organization through `benchProbe/searchSeed:insertMessages` (batches of 2,000 per transaction,
 * not a million webhooks), then measures `search/search:find` (the dashboard's search, as the org
 * owner) over real HTTP: latency p50/p95/p99 and documents read per query (transaction metrics),
 * next to an indexed lookup (`threads/threads:listMessages`, 20 messages of a thread through
 * `by_thread_sent`) measured the same way in the same run, as the baseline.
 */
import fs from "node:fs";
import path from "node:path";
import { VOCABULARY_SIZE, word } from "../convex-extra/searchCorpus";
import { AdminApi } from "./lib/admin";
import { type BackendProcess, spawnBackend } from "./lib/backend";
import { percentile, round } from "./lib/load";
import { type SeededOrg, seedBenchOrg } from "./lib/webhooks";

/** What a kept data dir (`--search-data <dir>`) holds besides the backend's data, to skip the load. */
interface KeptCorpus {
  messages: number;
  loadSeconds: number;
  org: SeededOrg;
  threads: { threadId: string; contactId: string }[];
}

const BATCH = 2_000;
const THREADS = 1_000;
const LIMIT = 20;

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}
const stats = (xs: number[]): Stats => {
  const s = Float64Array.from(xs).sort();
  return {
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
    samples: xs.length,
  };
};

/** Queries by kind: a word's share of messages falls with its rank (searchCorpus.ts). */
export function searchQueries(): Record<string, string[]> {
  const pick = (lo: number, hi: number, n: number) =>
    Array.from({ length: n }, (_, i) => word(lo + Math.floor(((hi - lo) * (i + 0.5)) / n)));
  return {
    // in a large share of all messages: the most postings to rank
    common: pick(0, 20, 10),
    mid: pick(100, 1_000, 10),
    rare: pick(10_000, VOCABULARY_SIZE, 10),
    twoWords: pick(50, 500, 10).map((w, i) => `${w} ${word(5_000 + i * 97)}`),
    // typeahead: the last term is a prefix of many words
    prefix: pick(200, 2_000, 10).map((w) => w.slice(0, 3)),
  };
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

export interface SearchBenchResult {
  messages: number;
  loadSeconds: number;
  /** the corpus came from a kept data dir (loaded by an earlier run, restarted for this one) */
  reusedData: boolean;
  /** the first search after the start: it also finishes the background build of the index */
  firstSearchMs: number;
  /** one search of each query before the measured rounds */
  warmUp: Stats;
  messagesPerSecond: number;
  backendRssMb: number | null;
  search: Record<string, Stats & { documentsRead: number; maxDocumentsRead: number; resultsMin: number }>;
  searchAll: Stats;
  indexedLookup: Stats & { documentsRead: number };
  p95VsIndexedLookup: number;
  sample: { q: string; firstSnippet: string | null };
}

export interface SearchBenchOptions {
  /**
   * Keep the loaded corpus in this directory and reuse it on the next run with the same
   * `messages` (the backend restarts on it: its search indexes are rebuilt from the stored
   * documents, nothing else is loaded). A development loop: the load takes minutes at 1M.
   */
  keepDir?: string;
  /** Extra node flags for the backend (e.g. `--trace-gc`); its output is printed at the end. */
  nodeArgs?: string[];
}

export async function searchBench(
  functionsDir: string,
  messages: number,
  log: (...a: unknown[]) => void,
  opts: SearchBenchOptions = {},
): Promise<SearchBenchResult> {
  const keepFile = opts.keepDir ? path.join(opts.keepDir, "corpus.json") : null;
  let kept: KeptCorpus | null = null;
  if (keepFile && fs.existsSync(keepFile)) {
    kept = JSON.parse(fs.readFileSync(keepFile, "utf8")) as KeptCorpus;
    if (kept.messages !== messages) {
      log(`search: ${opts.keepDir} holds ${kept.messages} messages, not ${messages}: loading afresh`);
      fs.rmSync(opts.keepDir!, { recursive: true, force: true });
      kept = null;
    }
  }
  if (opts.keepDir) fs.mkdirSync(opts.keepDir, { recursive: true });
  const keptEnv = opts.keepDir ? path.join(opts.keepDir, "backend.env") : undefined;
  // a million documents with their indexes: more than Node's default heap
  // function code on the main thread (--workers 0): the bulk load's inserts skip the worker
  // round trip per document; the searches measured are single queries either way
  const backend: BackendProcess = await spawnBackend({
    functionsDir,
    nodeArgs: ["--max-old-space-size=16384", ...(opts.nodeArgs ?? [])],
    cliArgs: ["--workers", "0"],
    ...(opts.keepDir ? { dataDir: path.join(opts.keepDir, "data") } : {}),
    ...(keptEnv && fs.existsSync(keptEnv) ? { envFile: keptEnv } : {}),
  });
  if (keptEnv && !fs.existsSync(keptEnv)) fs.copyFileSync(backend.envFile, keptEnv);
  try {
    const admin = new AdminApi(backend.url, backend.adminKey);
    const { org, threads, loadSeconds } = kept
      ? { ...kept, org: { ...kept.org, owner: { ...kept.org.owner, sessionId: await openSession(admin, kept.org) } } }
      : await load(admin, messages, log, backend.pid);
    if (keepFile && !kept)
      fs.writeFileSync(keepFile, JSON.stringify({ messages, loadSeconds, org, threads } satisfies KeptCorpus));
    if (kept) log(`search: reusing ${messages} messages kept in ${opts.keepDir} (loaded in ${loadSeconds} s)`);

    const find = (q: string) =>
      admin.call<{ messages: { snippet: { text: string } }[] }>(
        "search/search:find",
        { organizationId: org.organizationId, q, limit: LIMIT },
        org.owner,
      );
    const measure = (path: string, args: Record<string, unknown>) =>
      admin.call<{ metrics: Record<string, number> }>("benchProbe/metrics:measureQuery", { path, args }, org.owner);

    const qs = searchQueries();
    // the first search also finishes the index build a restart left to the background
    const [firstSearchMs] = await time(() => find(qs.common![0]!));
    // warm-up round (JIT, first sort of the vocabulary for prefix lookups), reported on its own
    const warm: number[] = [];
    for (const list of Object.values(qs))
      for (const q of list) {
        const [ms] = await time(() => find(q));
        warm.push(ms);
      }
    const warmUp = stats(warm);
    log(`search: first search ${round(firstSearchMs)} ms; warm-up round p50 ${warmUp.p50} / p95 ${warmUp.p95} ms`);

    const ROUNDS = 10;
    const search: SearchBenchResult["search"] = {};
    const all: number[] = [];
    for (const [kind, list] of Object.entries(qs)) {
      const lat: number[] = [];
      let resultsMin = Infinity;
      for (let r = 0; r < ROUNDS; r++)
        for (const q of list) {
          const [ms, res] = await time(() => find(q));
          lat.push(ms);
          resultsMin = Math.min(resultsMin, res.messages.length);
        }
      const reads: number[] = [];
      for (const q of list)
        reads.push(
          (await measure("search/search:find", { organizationId: org.organizationId, q, limit: LIMIT })).metrics
            .documentsRead!,
        );
      all.push(...lat);
      search[kind] = {
        ...stats(lat),
        documentsRead: round(reads.reduce((a, b) => a + b, 0) / reads.length, 1),
        maxDocumentsRead: Math.max(...reads),
        resultsMin,
      };
      log(`search ${kind}: p95 ${search[kind]!.p95} ms, documents read ≤ ${search[kind]!.maxDocumentsRead}`);
    }

    // baseline: an indexed range read of the same size (20 messages of a thread)
    const lookupArgs = (i: number) => ({
      organizationId: org.organizationId,
      threadId: threads[i % threads.length]!.threadId,
      paginationOpts: { numItems: LIMIT, cursor: null },
    });
    for (let i = 0; i < 50; i++) await admin.call("threads/threads:listMessages", lookupArgs(i), org.owner);
    const lookup: number[] = [];
    for (let i = 0; i < all.length; i++) {
      const [ms] = await time(() => admin.call("threads/threads:listMessages", lookupArgs(i), org.owner));
      lookup.push(ms);
    }
    const lookupReads = (await measure("threads/threads:listMessages", lookupArgs(0))).metrics.documentsRead!;
    const searchAll = stats(all);
    const indexedLookup = { ...stats(lookup), documentsRead: lookupReads };
    const sampleQ = qs.rare![0]!;
    const sample = await find(sampleQ);
    if (opts.nodeArgs?.length) log(`search: backend output:\n${backend.output()}`);
    return {
      messages,
      loadSeconds,
      reusedData: kept !== null,
      firstSearchMs: round(firstSearchMs),
      warmUp,
      messagesPerSecond: round(messages / loadSeconds),
      backendRssMb: rssMb(backend.pid),
      search,
      searchAll,
      indexedLookup,
      p95VsIndexedLookup: round(searchAll.p95 / indexedLookup.p95),
      sample: { q: sampleQ, firstSnippet: sample.messages[0]?.snippet.text ?? null },
    };
  } catch (e) {
    // the backend's own last words (e.g. out of memory) say more than the client's ECONNRESET
    const exit = backend.proc.exitCode ?? backend.proc.signalCode;
    log(`search failed (backend exit: ${exit ?? "running"}):\n${backend.output().slice(-3000)}`);
    throw e;
  } finally {
    await backend.stop();
  }
}

async function openSession(admin: AdminApi, org: SeededOrg): Promise<string> {
  return admin.call<string>("benchProbe/session:open", { subject: org.owner.subject });
}

/** A fresh organization with `messages` messages over THREADS threads (2,000 per transaction). */
async function load(
  admin: AdminApi,
  messages: number,
  log: (...a: unknown[]) => void,
  pid: number,
): Promise<{ org: SeededOrg; threads: { threadId: string; contactId: string }[]; loadSeconds: number }> {
  const org: SeededOrg = await seedBenchOrg(admin, "bench-search", { coalesceWindowMs: 3_600_000 });
  await admin.call("benchProbe/seed:insertContacts", { organizationId: org.organizationId, from: 0, count: THREADS });
  const threads = await admin.call<{ threadId: string; contactId: string }[]>("benchProbe/searchSeed:threadsForSeed", {
    organizationId: org.organizationId,
    count: THREADS,
  });
  const t0 = performance.now();
  const pending: Promise<unknown>[] = [];
  let nextLog = 100_000;
  for (let n = 0; n < messages; n += BATCH) {
    const batch = {
      organizationId: org.organizationId,
      threads,
      from: n,
      count: Math.min(BATCH, messages - n),
    };
    pending.push(withRetry(() => admin.call("benchProbe/searchSeed:insertMessages", batch)));
    if (pending.length >= 2) await Promise.all(pending.splice(0));
    if (n + BATCH >= nextLog) {
      log(
        `search: ${Math.min(messages, n + BATCH)} messages loaded (${round((performance.now() - t0) / 1000)} s, backend RSS ${rssMb(pid)} MB)`,
      );
      nextLog += 100_000;
    }
  }
  await Promise.all(pending);
  const loadSeconds = round((performance.now() - t0) / 1000);
  log(`search: ${messages} messages loaded in ${loadSeconds} s`);
  return { org, threads, loadSeconds };
}

/**
 * A keep-alive connection the server closed just as a request went out fails with ECONNRESET
 * (a client/server keep-alive race, not the backend failing): try again (the seed is idempotent).
 */
async function withRetry<T>(f: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await f();
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (i >= attempts || (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET")) throw e;
    }
  }
}

function rssMb(pid: number): number | null {
  try {
    const kb = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1];
    return kb ? round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
