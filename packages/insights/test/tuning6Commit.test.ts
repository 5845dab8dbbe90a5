/**
 * Round 6 (commitments): the rules were fixed against blind4's misses (dev data since round 6) and against
 * `tuning6-commit.ts`, so these thresholds guard the fit against regressions; the estimate on unseen text is
 * the holdout's first run after the fixes (README.md, "Round 6").
 */
import { describe, expect, it } from "vitest";
import { evalCommitments } from "./evaluate";
import { BLIND4_ALL } from "./fixtures/blind4";
import { TUNING6_COMMIT, TUNING6_NEGATIVE } from "./fixtures/tuning6-commit";
import { TUNING6_COMMIT_HOLDOUT } from "./fixtures/tuning6-commit-holdout";
import { TUNING6_COMMIT_HOLDOUT2 } from "./fixtures/tuning6-commit-holdout2";
import { TUNING6_COMMIT_HOLDOUT3 } from "./fixtures/tuning6-commit-holdout3";
import { TUNING6_COMMIT_HOLDOUT4 } from "./fixtures/tuning6-commit-holdout4";
import { TUNING6_COMMIT_HOLDOUT5 } from "./fixtures/tuning6-commit-holdout5";
import { TUNING6_COMMIT_HOLDOUT6 } from "./fixtures/tuning6-commit-holdout6";

describe("round-6 commitments", () => {
  it("finds the promises of the tuning set with their deadlines and none of its non-promises", () => {
    // (t6c071, "The engineer's visit is confirmed for Tuesday 8-12.", is a commitment since the round-11 booking
    // convention; "Cleaning starts tomorrow at 8 in the lobby." moved from the negatives to the promises with the
    // owner's round-13 convention: work of the author's side scheduled in the present is a commitment)
    const r = evalCommitments(TUNING6_COMMIT);
    console.log([`commitments tuning6: ${r.withDue.summary()}`, ...r.pr.misses.map((m) => `    - ${m}`)].join("\n"));
    // round 17: the learned promise reader reads "Our team will be at the expo on Thursday." as a promise (P 0.95+);
    // the rules leave the side's own outing out. The one false promise the reader adds on this set (50 right)
    expect(r.withDue.precision).toBeGreaterThanOrEqual(0.98);
    expect(r.withDue.recall).toBe(1);
    const negatives = TUNING6_COMMIT.filter((m) => m.expect.commitments.length === 0);
    expect(negatives.length).toBeGreaterThanOrEqual(TUNING6_NEGATIVE.length);
    expect(evalCommitments(negatives).pr.fp).toBeLessThanOrEqual(1);
  });

  it("keeps blind4 (dev data since round 6) above the issue-13 target", () => {
    const r = evalCommitments(BLIND4_ALL);
    console.log(`commitments blind4 (dev): ${r.withDue.summary()}`);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.withDue.precision).toBeGreaterThanOrEqual(0.97);
  });

  it("holds the holdouts read after their first runs (A–E, fit) and prints F (unread, the estimate)", () => {
    // B and D each gained a booking by the round-11 booking convention (51 → 52, 39 → 40); B gained a scheduled
    // start by the round-13 convention (52 → 53: "Work starts on 6 July", the author's side's works)
    const fit: Array<[string, typeof TUNING6_COMMIT_HOLDOUT, number]> = [
      ["A", TUNING6_COMMIT_HOLDOUT, 54],
      ["B", TUNING6_COMMIT_HOLDOUT2, 53],
      ["C", TUNING6_COMMIT_HOLDOUT3, 42],
      ["D", TUNING6_COMMIT_HOLDOUT4, 40],
      ["E", TUNING6_COMMIT_HOLDOUT5, 38],
    ];
    for (const [part, set, promises] of fit) {
      const r = evalCommitments(set);
      console.log(`commitments tuning6 holdout ${part} (fit): ${r.withDue.summary()}`);
      expect(r.withDue.tp + r.withDue.fn).toBe(promises);
      expect(r.withDue.f1).toBeGreaterThanOrEqual(0.9);
    }
    // F's misses were never read: only its size is asserted, so the figure stays an estimate (README.md)
    const f = evalCommitments(TUNING6_COMMIT_HOLDOUT6);
    console.log(`commitments tuning6 holdout F (unread): ${f.withDue.summary()}`);
    expect(f.withDue.tp + f.withDue.fn).toBe(31);
  });
});
