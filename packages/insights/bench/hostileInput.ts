/**
 * The milliseconds behind `test/linearTime.test.ts`: the whole extractor (`extractDeterministic` and `uncertainty`,
 * as a backend transaction runs them) on 20,000 characters of each pathological shape, against 20,000 characters of
 * ordinary messages measured interleaved in the same run (minimum of 7 runs each). The test asserts only ratios,
 * which machine load cannot move; this prints the absolute figures for a given machine.
 * Run: `pnpm --filter @switchboard/insights bench` (or `pnpm bench` for every package).
 */
import { extractDeterministic, MAX_TEXT_CHARS, type MessageInput, uncertainty } from "../src/index";
import { ordinaryProse, SHAPES } from "../test/pathologicalShapes";

const RUNS = 7;
const msg = (text: string): MessageInput => ({
  id: "m",
  channel: "email",
  direction: "inbound",
  text,
  sentAt: Date.UTC(2026, 2, 10, 14),
});
const all = (text: string) => {
  const m = msg(text);
  return uncertainty(m, extractDeterministic(m, { previousProfile: { title: "CEO", company: "Acme" } }));
};

function minMs(run: () => unknown, baseline: () => unknown): [number, number] {
  let best = Infinity;
  let base = Infinity;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    run();
    best = Math.min(best, performance.now() - t);
    t = performance.now();
    baseline();
    base = Math.min(base, performance.now() - t);
  }
  return [best, base];
}

const prose = ordinaryProse(MAX_TEXT_CHARS);
all(prose); // warm up: chrono's tables and the models load on the first call
const rows = Object.entries(SHAPES).map(([shape, make]) => {
  const text = make(MAX_TEXT_CHARS);
  all(text);
  const [ms, ordinaryMs] = minMs(
    () => all(text),
    () => all(prose),
  );
  return {
    shape,
    ms: Number(ms.toFixed(1)),
    ordinaryMs: Number(ordinaryMs.toFixed(1)),
    ratio: Number((ms / ordinaryMs).toFixed(2)),
  };
});
const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
console.table(rows);
console.log(JSON.stringify({ chars: MAX_TEXT_CHARS, worst }));
