/**
 * The milliseconds behind `test/linearTime.test.ts`: the whole extractor (`extractDeterministic` and `uncertainty`,
 * as a backend transaction runs them) on 20,000 characters of each pathological shape, against 20,000 characters of
 * ordinary messages measured interleaved in the same run (minimum of 7 runs each). The test asserts only ratios,
 * which machine load cannot move; this prints the absolute figures for a given machine.
 * Run: `pnpm --filter @switchboard/insights bench` (or `pnpm bench` for every package).
 */
import { MAX_TEXT_CHARS } from "../src/index";
import { extractAll, minTimes, ordinaryProse, SHAPES } from "../test/pathologicalShapes";

const RUNS = 7;

const prose = ordinaryProse(MAX_TEXT_CHARS);
extractAll(prose); // warm up: chrono's tables and the models load on the first call
const rows = Object.entries(SHAPES).map(([shape, make]) => {
  const text = make(MAX_TEXT_CHARS);
  extractAll(text);
  const [ms = 0, ordinaryMs = 0] = minTimes([() => extractAll(text), () => extractAll(prose)], RUNS);
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
