/**
 * Cost per message of the deterministic extractor (all fields) and of the deal-stage reader alone, over
 * the labelled tuning messages: median of 15 timed passes after 3 warm-up passes, plus the first (cold)
 * call of each. Run from the repository root: `pnpm exec tsx packages/insights/bench/cost.ts`; to compare
 * with a baseline, run the same file against the baseline's src/ in the same session and report the ratio.
 */
import { detectDealCue } from "../src/dealStage";
import { extractDeterministic } from "../src/extractor";
import { scoreSentiment } from "../src/sentiment";
import { CORPUS } from "../test/fixtures/corpus";
import { TUNING } from "../test/fixtures/tuning";
import { TUNING2, TUNING2_DEAL } from "../test/fixtures/tuning2";

const messages = [...CORPUS, ...TUNING, ...TUNING2, ...TUNING2_DEAL].map((l) => l.msg);

function perMessage(run: () => void): number {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    run();
    times.push((performance.now() - t) / messages.length);
  }
  return times.sort((a, b) => a - b)[7] ?? Number.NaN;
}

const first = messages[0]!;
let t = performance.now();
detectDealCue(first);
const coldDeal = performance.now() - t;
t = performance.now();
extractDeterministic(first);
const coldAll = performance.now() - t;
const all = perMessage(() => {
  for (const m of messages) extractDeterministic(m);
});
const deal = perMessage(() => {
  for (const m of messages) detectDealCue(m);
});
// round 8: the learned sentiment model against the rule scorer alone, in the same run
const sentiment = perMessage(() => {
  for (const m of messages) scoreSentiment(m.text);
});
const sentimentRules = perMessage(() => {
  for (const m of messages) scoreSentiment(m.text, { rulesOnly: true });
});
console.log(
  JSON.stringify({
    messages: messages.length,
    extractDeterministicMs: Number(all.toFixed(3)),
    detectDealCueMs: Number(deal.toFixed(3)),
    scoreSentimentMs: Number(sentiment.toFixed(3)),
    scoreSentimentRulesOnlyMs: Number(sentimentRules.toFixed(3)),
    firstCallMs: { detectDealCue: Number(coldDeal.toFixed(1)), extractDeterministic: Number(coldAll.toFixed(1)) },
  }),
);
