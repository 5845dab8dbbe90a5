/**
 * Round-9 regression floors for signatures and job changes: blind7 (dev data since round 9, labelled by the
 * owner's round-9 convention, so a fit figure that keeps the fixed classes fixed), blind6 and train7a/b under the
 * same convention, and the round-9 holdouts (written before the fixes; fit after them). The honest estimate is the
 * next independent blind set (README.md, "Round 9 — signatures").
 */
import { describe, expect, it } from "vitest";
import { evalJobChanges, evalSignatures } from "./evaluate";
import { BLIND6_ALL } from "./fixtures/blind6/index";
import { BLIND7_ALL, BLIND7_JOB_CHANGES } from "./fixtures/blind7/index";
import { TRAIN7A_ALL } from "./fixtures/train7a/index";
import { TRAIN7B_ALL } from "./fixtures/train7b/index";
import { TUNING9_JOB_HOLDOUT } from "./fixtures/tuning9-job-holdout";
import { TUNING9_JOB_HOLDOUT_B } from "./fixtures/tuning9-job-holdout-b";
import { TUNING9_SIG_HOLDOUT } from "./fixtures/tuning9-sig-holdout";
import { TUNING9_SIG_HOLDOUT_B } from "./fixtures/tuning9-sig-holdout-b";

describe("round-9 floors (signatures, job changes)", () => {
  it("blind7 (fit): signatures F1 >= 0.99 with no false field; job change F1 = 1", () => {
    const sig = evalSignatures(BLIND7_ALL);
    expect(sig.f1, sig.misses.join("\n")).toBeGreaterThanOrEqual(0.99);
    expect(sig.fp, sig.misses.join("\n")).toBe(0);
    const jc = evalJobChanges(BLIND7_JOB_CHANGES);
    expect(jc.pr.fp + jc.pr.fn, jc.pr.misses.join("\n")).toBe(0);
  });

  it("a first name alone is the name: blind6, train7a and train7b signatures F1 >= 0.99", () => {
    for (const [name, set] of Object.entries({ BLIND6_ALL, TRAIN7A_ALL, TRAIN7B_ALL })) {
      const sig = evalSignatures(set);
      expect(sig.f1, `${name}\n${sig.misses.join("\n")}`).toBeGreaterThanOrEqual(0.99);
    }
  });

  it("round-9 holdouts (first run 0.566 / 0.333): signatures F1 >= 0.98, job changes without a miss", () => {
    expect(TUNING9_SIG_HOLDOUT.length).toBe(24);
    expect(evalSignatures(TUNING9_SIG_HOLDOUT).f1).toBeGreaterThanOrEqual(0.98);
    const jc = evalJobChanges(TUNING9_JOB_HOLDOUT);
    expect(jc.pr.fp + jc.pr.fn, jc.pr.misses.join("\n")).toBe(0);
    expect(jc.kindAccuracy).toBe(1);
  });

  it("round-9 holdouts B (written after the fixes; first run 0.968 / 0.857): no signature or job-change miss", () => {
    const sig = evalSignatures(TUNING9_SIG_HOLDOUT_B);
    expect(sig.fp + sig.fn, sig.misses.join("\n")).toBe(0);
    const jc = evalJobChanges(TUNING9_JOB_HOLDOUT_B);
    expect(jc.pr.fp + jc.pr.fn, jc.pr.misses.join("\n")).toBe(0);
  });
});
