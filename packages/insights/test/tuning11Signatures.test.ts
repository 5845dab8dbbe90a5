/**
 * Round-11 regression floors for signatures and job changes: blind8 (dev data since round 11, its misses read and
 * fixed), train9 (training data: scored once at first contact, 0.973, then read), and the round-11 holdouts (A written
 * from blind8's causes before the fixes, first run 0.367 / 0.000; B written after them, first run 0.940 / 1.000). All
 * of these are fit now; the honest estimate is the next independent blind set (README.md, "Round 11 — signatures").
 */
import { describe, expect, it } from "vitest";
import { evalJobChanges, evalSignatures } from "./evaluate";
import { BLIND8_ALL, BLIND8_JOB_CHANGES } from "./fixtures/blind8/index";
import { TRAIN9_ALL, TRAIN9_JOB_CHANGES } from "./fixtures/train9/index";
import { TUNING11_JOB_HOLDOUT, TUNING11_SIG_HOLDOUT } from "./fixtures/tuning11-sig-holdout";
import { TUNING11_JOB_HOLDOUT_B, TUNING11_SIG_HOLDOUT_B } from "./fixtures/tuning11-sig-holdout-b";

const noMiss = (jc: ReturnType<typeof evalJobChanges>) => {
  expect(jc.pr.fp + jc.pr.fn, jc.pr.misses.join("\n")).toBe(0);
  expect(jc.kindAccuracy).toBe(1);
};

describe("round-11 floors (signatures, job changes)", () => {
  it("blind8 (fit; 0.935 / 0.875 before): signatures F1 >= 0.99 with no false field; job changes without a miss", () => {
    const sig = evalSignatures(BLIND8_ALL);
    expect(sig.f1, sig.misses.join("\n")).toBeGreaterThanOrEqual(0.99);
    expect(sig.fp, sig.misses.join("\n")).toBe(0);
    noMiss(evalJobChanges(BLIND8_JOB_CHANGES));
  });

  it("train9 (first contact 0.973, then read): signatures F1 >= 0.985; job changes without a miss", () => {
    const sig = evalSignatures(TRAIN9_ALL);
    expect(sig.f1, sig.misses.join("\n")).toBeGreaterThanOrEqual(0.985);
    noMiss(evalJobChanges(TRAIN9_JOB_CHANGES));
  });

  it("holdout A (first run 0.367 / 0.000): no signature or job-change miss", () => {
    expect(TUNING11_SIG_HOLDOUT.length).toBe(31);
    const sig = evalSignatures(TUNING11_SIG_HOLDOUT);
    expect(sig.fp + sig.fn, sig.misses.join("\n")).toBe(0);
    noMiss(evalJobChanges(TUNING11_JOB_HOLDOUT));
  });

  it("holdout B (first run 0.940 / 1.000): signatures F1 >= 0.97; job changes without a miss", () => {
    // the one miss left is ambiguous by design: "Björn Åkesson · Snickare" (a Swedish title or a one-word company)
    const sig = evalSignatures(TUNING11_SIG_HOLDOUT_B);
    expect(sig.f1, sig.misses.join("\n")).toBeGreaterThanOrEqual(0.97);
    noMiss(evalJobChanges(TUNING11_JOB_HOLDOUT_B));
  });
});
