/**
 * Round-7 regression floors for sentiment, signatures and job changes: blind5 (dev data since round 7, so a
 * fit figure that keeps the fixed classes fixed) and the round-7 holdout (scored once after the fixes; its
 * first run is the floor). The honest estimate is the next independent blind set (README.md, round 7).
 */
import { describe, expect, it } from "vitest";
import { evalJobChanges, evalSentiment, evalSignatures } from "./evaluate";
import { BLIND5_ALL, BLIND5_JOB_CHANGES, BLIND5_SETS } from "./fixtures/blind5/index";
import { TUNING7_HOLDOUT } from "./fixtures/tuning7-holdout";

describe("round-7 floors", () => {
  it("blind5 (fit): sentiment >= 0.85, every style >= 0.80; signatures F1 >= 0.99; job change F1 = 1", () => {
    expect(evalSentiment(BLIND5_ALL).accuracy).toBeGreaterThanOrEqual(0.85);
    for (const [style, set] of Object.entries(BLIND5_SETS)) {
      expect(evalSentiment(set).accuracy, style).toBeGreaterThanOrEqual(0.8);
    }
    const sig = evalSignatures(BLIND5_ALL);
    expect(sig.f1).toBeGreaterThanOrEqual(0.99);
    // trades: SMS and WhatsApp sign-offs on the last line (0 of 9 fields before round 7)
    expect(evalSignatures(BLIND5_SETS.trades).tp).toBe(9);
    const jc = evalJobChanges(BLIND5_JOB_CHANGES);
    expect(jc.pr.fp + jc.pr.fn, jc.pr.misses.join("\n")).toBe(0);
  });

  it("round-7 holdout (first run): sentiment >= 0.72, signatures F1 >= 0.97", () => {
    expect(TUNING7_HOLDOUT.length).toBe(25);
    expect(evalSentiment(TUNING7_HOLDOUT).accuracy).toBeGreaterThanOrEqual(0.72);
    expect(evalSignatures(TUNING7_HOLDOUT).f1).toBeGreaterThanOrEqual(0.97);
  });
});
