/**
 * Round 5 (commitments in an operations style): the rules were fixed against these sets, so the thresholds
 * guard the fit against regressions; they are not estimates of quality on unseen text (see README.md).
 */
import { describe, expect, it } from "vitest";
import { evalCommitments } from "./evaluate";
import {
  TUNING_COMMIT5_A,
  TUNING_COMMIT5_ALL,
  TUNING_COMMIT5_B,
  TUNING_COMMIT5_C,
  TUNING_COMMIT5_D,
  TUNING_COMMIT5_E,
  TUNING_COMMIT5_F,
} from "./fixtures/tuning5-commit";

describe("round-5 commitments tuning set (operations style)", () => {
  it("finds the promises with their deadlines and leaves the non-promises out", () => {
    for (const [name, part] of [
      ["A", TUNING_COMMIT5_A],
      ["B", TUNING_COMMIT5_B],
      ["C", TUNING_COMMIT5_C],
      ["D", TUNING_COMMIT5_D],
      ["E", TUNING_COMMIT5_E],
      ["F", TUNING_COMMIT5_F],
    ] as const)
      console.log(`commitments tuning5 part ${name}: ${evalCommitments([...part]).withDue.summary()}`);
    const r = evalCommitments(TUNING_COMMIT5_ALL);
    console.log([`commitments tuning5: ${r.withDue.summary()}`, ...r.pr.misses.map((m) => `    - ${m}`)].join("\n"));
    expect(r.withDue.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.withDue.recall).toBeGreaterThanOrEqual(0.95);
    const negatives = TUNING_COMMIT5_ALL.filter((m) => m.expect.commitments.length === 0);
    expect(negatives.length).toBeGreaterThanOrEqual(35);
    // (k5-037's "engineer booked for Friday morning" is a commitment since the round-11 booking convention)
    expect(evalCommitments(negatives).pr.fp).toBe(0);
  });
});
