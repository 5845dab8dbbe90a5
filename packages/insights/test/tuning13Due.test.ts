/**
 * Round 13 (due dates): the mechanisms of `dueDate.ts` written from blind10's due-date causes (a dispatch before its
 * arrival, a part of the day naming a role, the date of what a booking is for, a promise that goes along with a
 * colleague's dated visit), checked on a holdout written before any change, then from train11's misses after its
 * first contact was recorded. These floors guard that fit; the out-of-author figures are in README.md ("Round 13 —
 * due dates"). The commitments rules change in parallel, so only the due dates of matched promises are held here.
 */
import { describe, expect, it } from "vitest";
import { evalCommitments } from "./evaluate";
import { BLIND10_ALL } from "./fixtures/blind10";
import { TRAIN11_ALL } from "./fixtures/train11";
import { TUNING13_DUE_HOLDOUT } from "./fixtures/tuning13-due-holdout";

describe("round-13 due dates", () => {
  it("holds the round-13 holdout (first run +due F1 0.788, due exact 22/31; fit since)", () => {
    const r = evalCommitments(TUNING13_DUE_HOLDOUT);
    console.log(
      [`due dates tuning13 holdout: ${r.withDue.summary()} due exact ${r.dueOk}/${r.dueTotal}`, ...r.pr.misses].join(
        "\n    - ",
      ),
    );
    // every matched promise is due within a day; 31/31 exact with the WITH_IT hook in commitments.ts ("along with
    // her"), 30/31 without it
    expect(r.withDue.tp).toBe(r.pr.tp);
    expect(r.dueOk).toBeGreaterThanOrEqual(30);
  });

  it("keeps blind10's matched promises on time (due exact 67/71 after round 12)", () => {
    const r = evalCommitments(BLIND10_ALL);
    console.log(`commitments blind10 (dev): ${r.withDue.summary()} due exact ${r.dueOk}/${r.dueTotal}`);
    // 70/71 exact and all 71 within a day now; the ratios leave room for promises the commitments rules add
    expect(r.dueOk / r.dueTotal).toBeGreaterThanOrEqual(0.97);
    expect(r.withDue.tp / r.pr.tp).toBeGreaterThanOrEqual(0.97);
  });

  it("keeps train11's matched promises on time (first contact due exact 96/109; fit since)", () => {
    const r = evalCommitments(TRAIN11_ALL);
    console.log(`commitments train11 (training): ${r.withDue.summary()} due exact ${r.dueOk}/${r.dueTotal}`);
    // 102/109 exact and 107/109 within a day on the due-date branch; merged with round 13's commitments, 112/123: the
    // 14 promises they add bring their own due misses, four of them train11's early-morning clock times ("at 5:30",
    // "6:45" read by the 1–6 pm convention, an owner's question) and "9am your time" (the reader's zone)
    expect(r.dueOk / r.dueTotal).toBeGreaterThanOrEqual(0.9);
    expect(r.withDue.tp / r.pr.tp).toBeGreaterThanOrEqual(0.97);
  });
});
