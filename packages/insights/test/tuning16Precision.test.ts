/**
 * Round 16 (r16p: precision and due dates on unseen authors): blind16's false promises and wrong due dates (dev data
 * since round 16) were grouped by grammatical cause and each cause checked against the remaining false promises and due
 * misses of blind2–11, blind13, blind14 and train7a–12; a cause seen in two or more authors became a filter in
 * commitments.ts: a hold until a date in a priced offer, a counter-offer in words before "and", a handover of a
 * standing job, a plan the weather decides, and "what we pay today". The holdout was written from the first two causes
 * and blind16's due dates before any change (first run text F1 0.710, +due 0.581, exact 8/11; README.md "Round 16 —
 * precision"); what it still misses is clause scope ("…over the weekend and send you … on Tuesday" stays one clause,
 * dated by its last day), the recall half, and a hold whose object is itself a day.
 */
import { describe, expect, it } from "vitest";
import { evalCommitments } from "./evaluate";
import { BLIND16_ALL } from "./fixtures/blind16";
import { TRAIN7B_ALL } from "./fixtures/train7b";
import { TRAIN10_ALL } from "./fixtures/train10";
import { TUNING16_PRECISION_HOLDOUT } from "./fixtures/tuning16-precision-holdout";

describe("round-16 precision", () => {
  it("holds the holdout's floors (first run text F1 0.710, +due 0.581, exact 8/11)", () => {
    const r = evalCommitments(TUNING16_PRECISION_HOLDOUT);
    console.log(
      [`commitments tuning16 precision holdout: ${r.withDue.summary()}`, ...r.pr.misses.map((m) => `    - ${m}`)].join(
        "\n",
      ),
    );
    expect(TUNING16_PRECISION_HOLDOUT.length).toBe(17);
    expect(r.pr.tp + r.pr.fn).toBe(14);
    expect(r.pr.precision).toBe(1);
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.87);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.7);
    const negatives = TUNING16_PRECISION_HOLDOUT.filter((m) => m.expect.commitments.length === 0);
    expect(negatives.length).toBe(7);
    expect(evalCommitments(negatives).pr.fp).toBe(0);
  });

  it("keeps blind16's precision (dev data since round 16; text P 0.897, +due 0.804 after round 15)", () => {
    const r = evalCommitments(BLIND16_ALL);
    console.log(`commitments blind16 (dev): text ${r.pr.summary()}, +due ${r.withDue.summary()}`);
    expect(r.pr.precision).toBeGreaterThanOrEqual(0.96);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.83);
  });

  it("keeps the other authors' gains: train7b (handover, what we pay) and train10 (a provisional hold)", () => {
    expect(evalCommitments(TRAIN7B_ALL).pr.precision).toBeGreaterThanOrEqual(0.97);
    expect(evalCommitments(TRAIN10_ALL).pr.precision).toBeGreaterThanOrEqual(0.955);
  });
});
