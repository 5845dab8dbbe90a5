/**
 * `pnpm --filter @switchboard/bench bench:search-index [-- --messages 1000000 --rounds 10]`: the
 * search index alone, in this process, over the same corpus and queries as the search bench
 * (src/search.ts): no HTTP, no function, no document reads. Splits a search's latency into what
 * the index costs and what the rest of the path costs, in seconds instead of the full bench's
 * minutes of loading. Each query searches the three indexes `search/search:find` searches
 * (`--messages-only`: the message index alone). Reports wall and CPU time per query kind (p50/p95/max) and the garbage
 * collections that ran during the measured queries (count, total and longest pause).
 * `SWITCHBOARD_BENCH_BACKEND=<git rev>` runs the index of that commit instead (as the full bench).
 */
import path from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as current from "@switchboard/local-backend/search";
import { messageText } from "../convex-extra/searchCorpus";
import { backendRevRoot } from "./lib/backend";
import { percentile, round } from "./lib/load";
import { searchQueries } from "./search";

// SWITCHBOARD_BENCH_BACKEND=<git rev>: the index as it was at that commit (before/after pairs)
const revRoot = backendRevRoot();
const { SearchIndex } = (
  revRoot ? await import(pathToFileURL(path.join(revRoot, "src/engine/search.ts")).href) : current
) as typeof current;
if (revRoot) console.log(`search index from ${process.env.SWITCHBOARD_BENCH_BACKEND}`);

const argv = process.argv.slice(2);
const option = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const MESSAGES = option("messages", 1_000_000);
const ROUNDS = option("rounds", 10);
const LIMIT = 20;
const ORG = "org-bench";

// the app's message index (apps/api/convex/schema/messages.ts search_text)
const index = new SearchIndex({
  name: "search_text",
  searchField: "text",
  filterFields: ["organizationId", "channel"],
});
const t0 = performance.now();
const start = Date.now() - 90 * 86_400_000;
for (let n = 0; n < MESSAGES; n++)
  index.add({
    _id: `m${n}`,
    _creationTime: start + n,
    organizationId: ORG,
    channel: "sms",
    text: messageText(n),
  });
const heapMb = round(process.memoryUsage().heapUsed / 2 ** 20);
console.log(
  `indexed ${MESSAGES} messages in ${round((performance.now() - t0) / 1000)} s; heap used ${heapMb} MB, RSS ${round(process.memoryUsage().rss / 2 ** 20)} MB`,
);

// the other two indexes search/search:find queries with each search (apps/api/convex/schema:
// contacts.search_name, conversationThreads.search_subject), at the bench's sizes
const contacts = new SearchIndex({ name: "search_name", searchField: "displayName", filterFields: ["organizationId"] });
const threads = new SearchIndex({ name: "search_subject", searchField: "subject", filterFields: ["organizationId"] });
for (let n = 0; n < 1_000; n++) {
  contacts.add({ _id: `c${n}`, _creationTime: start + n, organizationId: ORG, displayName: `Sender ${n}` });
  threads.add({ _id: `t${n}`, _creationTime: start + n, organizationId: ORG });
}
const ALL_THREE = !argv.includes("--messages-only");

const gcs: number[] = [];
let measuring = false;
const obs = new PerformanceObserver((list) => {
  if (measuring) for (const e of list.getEntries()) gcs.push(e.duration);
});
obs.observe({ entryTypes: ["gc"] });

const filters = [{ fieldPath: "organizationId", value: ORG }];
const qs = searchQueries();
for (const list of Object.values(qs))
  for (const q of list) {
    index.search(q, filters, LIMIT);
    if (ALL_THREE) {
      threads.search(q, filters, LIMIT);
      contacts.search(q, filters, LIMIT);
    }
  }
measuring = true;
const all: number[] = [];
const allCpu: number[] = [];
const line = (kind: string, xs: number[], cpu: number[], scored?: number) => {
  const s = Float64Array.from(xs).sort();
  const c = Float64Array.from(cpu).sort();
  console.log(
    `${kind.padEnd(9)} wall p50 ${round(percentile(s, 50))} / p95 ${round(percentile(s, 95))} / max ${round(s[s.length - 1]!)} ms;  CPU p50 ${round(percentile(c, 50))} / p95 ${round(percentile(c, 95))} ms${scored === undefined ? "" : `; ${round(scored)} postings scored per query`}`,
  );
};
for (const [kind, list] of Object.entries(qs)) {
  const lat: number[] = [];
  const cpu: number[] = [];
  let scored = 0;
  for (let r = 0; r < ROUNDS; r++)
    for (const q of list) {
      const c = process.cpuUsage();
      const t = performance.now();
      index.search(q, filters, LIMIT);
      if (ALL_THREE) {
        threads.search(q, filters, LIMIT);
        contacts.search(q, filters, LIMIT);
      }
      lat.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
      scored += index.lastScored ?? Number.NaN; // not counted before this diagnostic existed
    }
  all.push(...lat);
  allCpu.push(...cpu);
  line(kind, lat, cpu, scored / lat.length);
}
// let the observer deliver the last entries
await new Promise((r) => setTimeout(r, 50));
measuring = false;
obs.disconnect();
line("all", all, allCpu);
console.log(
  `GC during the ${all.length} queries: ${gcs.length} collections, ${round(gcs.reduce((a, b) => a + b, 0))} ms in all, longest ${round(Math.max(0, ...gcs))} ms`,
);
