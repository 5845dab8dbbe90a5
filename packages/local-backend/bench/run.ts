/**
 * Benchmarks (not tests). Usage: pnpm --filter @switchboard/local-backend bench [-- --max 1000000]
 * Prints indexed lookup latency at 10k/100k/1M docs, mutation commits/s, and subscription
 * update latency with 100 subscribers; writes JSON to bench/results/.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import WebSocket from "ws";
import { startLocalBackend } from "../src/index.js";

const api = anyApi as any;
const here = path.dirname(fileURLToPath(import.meta.url));
const maxArg = process.argv.indexOf("--max");
const MAX = maxArg > 0 ? Number(process.argv[maxArg + 1]) : 1_000_000;
const SIZES = [10_000, 100_000, 1_000_000].filter((n) => n <= MAX);

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const round = (x: number) => Math.round(x * 1000) / 1000;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-bench-"));
  const b = await startLocalBackend({
    functionsDir: path.join(here, "../test/fixtures/convex"),
    dataDir,
    port: 0,
    sitePort: 0,
    quiet: true,
  });
  const http = new ConvexHttpClient(b.url);
  const results: any = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, lookups: [] };
  console.log(`local backend at ${b.url} (data ${dataDir})`);

  // ---- indexed lookups at growing table sizes
  let inserted = 0;
  const BATCH = 4000;
  for (const size of SIZES) {
    const t0 = performance.now();
    const pending: Promise<unknown>[] = [];
    while (inserted < size) {
      const count = Math.min(BATCH, size - inserted);
      pending.push(http.mutation(api.items.addMany, { group: "bench", from: inserted, count }, { skipQueue: true }));
      inserted += count;
      if (pending.length >= 4) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    const loadMs = performance.now() - t0;
    const lat: number[] = [];
    let docsRead = 0;
    for (let i = 0; i < 300; i++) {
      const n = Math.floor(Math.random() * size);
      const s = performance.now();
      const r = await http.query(api.items.lookup, { group: "bench", n });
      lat.push(performance.now() - s);
      docsRead = Math.max(docsRead, r.documentsRead);
      if (r.found !== n) throw new Error(`lookup ${n} returned ${r.found}`);
    }
    const row = {
      docs: size,
      loadSeconds: round(loadMs / 1000),
      p50ms: round(pct(lat, 50)),
      p95ms: round(pct(lat, 95)),
      maxDocumentsRead: docsRead,
    };
    results.lookups.push(row);
    console.log(
      `indexed lookup @ ${size} docs: p50 ${row.p50ms} ms, p95 ${row.p95ms} ms (documents read ${docsRead}; load ${row.loadSeconds}s)`,
    );
  }

  // ---- mutation commits/s (20 concurrent clients, one insert each)
  {
    const clients = Array.from({ length: 20 }, () => new ConvexHttpClient(b.url));
    const per = 100;
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c, ci) => {
        for (let i = 0; i < per; i++) await c.mutation(api.items.add, { group: `commit${ci}`, n: i });
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    results.commitsPerSecond = Math.round((clients.length * per) / secs);
    console.log(`mutation commits/s (20 HTTP clients, fsync'd group commit): ${results.commitsPerSecond}`);
  }

  // ---- subscription update latency with 100 subscribers
  {
    const subs: ConvexClient[] = [];
    const latest: number[] = [];
    for (let i = 0; i < 100; i++) {
      const c = new ConvexClient(b.url, { webSocketConstructor: WebSocket as any, unsavedChangesWarning: false });
      subs.push(c);
      latest.push(-1);
      c.onUpdate(api.items.lookup, { group: "sub", n: 0 }, (v: any) => (latest[i] = v.found ?? -1));
    }
    await waitAll(
      () => latest.every((x) => x === -1) && subs.every((c) => (c as any).connectionState().isWebSocketConnected),
    );
    const lat: number[] = [];
    for (let round_ = 0; round_ < 10; round_++) {
      // replace the doc: the value each subscriber sees flips between -1 and 0
      const t0 = performance.now();
      if (round_ % 2 === 0) await http.mutation(api.items.add, { group: "sub", n: 0 });
      else await http.mutation(api.items.clearGroup, { group: "sub" });
      const want = round_ % 2 === 0 ? 0 : -1;
      await waitAll(() => latest.every((x) => x === want));
      lat.push(performance.now() - t0);
    }
    results.subscriptionUpdate100 = { p50ms: round(pct(lat, 50)), maxMs: round(Math.max(...lat)) };
    console.log(
      `subscription update, 100 subscribers (mutation start -> all notified): p50 ${results.subscriptionUpdate100.p50ms} ms, max ${results.subscriptionUpdate100.maxMs} ms`,
    );
    await Promise.all(subs.map((c) => c.close()));
  }

  await b.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const out = path.join(here, "results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`wrote ${out}`);
  process.exit(0);
}

async function waitAll(pred: () => boolean, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error("bench: timed out waiting for subscribers");
    await new Promise((r) => setTimeout(r, 1));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
