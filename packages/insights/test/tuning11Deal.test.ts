/**
 * Round 11 (deal stage): the floor of the round-11 holdout (`fixtures/tuning11-deal-holdout.ts`, written before
 * the round-11 changes in new wording and other trades; first run with the unchanged code in README.md
 * "Round 11 — deal stage": P 0.917 / R 0.458, 11/1/13). The holdout never trains the models.
 */
import { describe, expect, it } from "vitest";
import { evalDealStage } from "./evaluate";
import { TUNING11_DEAL_HOLDOUT } from "./fixtures/tuning11-deal-holdout";

describe("round-11 deal holdout", () => {
  it("scores the holdout", () => {
    const r = evalDealStage(TUNING11_DEAL_HOLDOUT);
    console.log(
      `tuning11-deal-holdout P=${r.precision.toFixed(3)} R=${r.recall.toFixed(3)} tp=${r.tp} fp=${r.fp} fn=${r.fn}\n${r.misses.join("\n")}`,
    );
    expect(r.tp + r.fn).toBe(24);
  });
});
