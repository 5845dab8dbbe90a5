/**
 * Round 14 (sentiment: what a negator does to the word it scopes over). The holdout
 * (fixtures/tuning14-sentiment-holdout.ts) was written and scored once before the change; it never trains the model.
 */
import { describe, expect, it } from "vitest";
import { evalSentiment } from "./evaluate";
import { TUNING14_SENTIMENT_HOLDOUT, TUNING14_SENTIMENT_HOLDOUT_GROUPS } from "./fixtures/tuning14-sentiment-holdout";

describe("round 14: negation in sentiment (holdout)", () => {
  it("scores the holdout per group", () => {
    for (const [group, set] of Object.entries(TUNING14_SENTIMENT_HOLDOUT_GROUPS)) {
      const r = evalSentiment(set);
      console.log(`${group.padEnd(18)} n=${set.length} accuracy ${r.accuracy.toFixed(3)}\n  ${r.misses.join("\n  ")}`);
    }
    const all = evalSentiment(TUNING14_SENTIMENT_HOLDOUT);
    console.log(`all n=${TUNING14_SENTIMENT_HOLDOUT.length} accuracy ${all.accuracy.toFixed(3)}`);
    expect(all.accuracy).toBeGreaterThanOrEqual(0);
  });
});
