/**
 * Round 16 (r16r, commitments recall on new authors): blind16's missed promises (dev data since round 16) were grouped by
 * grammatical cause and each cause checked against the remaining misses of blind2–11, blind13, blind14 and
 * train7a–12; causes seen in two or more authors became mechanisms in commitments.ts (blocks marked "round 16 (r16r)"):
 * a person of the author's side named by a role (and a name) promising with "will" an act outside the action list, and
 * such a subject after ", and"; a timed check then a timed handover, a second act on an event, "over the weekend" as a
 * time; the reader's goods moved by us at a time, and "I'll …" split off after a comma; "is set for" a time as a
 * booking. The holdout was written from the first cause (the one with the most misses) in trades blind16 does not use
 * before any change (first run text P 0.778 / R 0.538 / F1 0.636, +due 0.636; README.md "Round 16 — recall").
 */
import { describe, expect, it } from "vitest";
import { evalCommitments } from "./evaluate";
import { BLIND16_ALL } from "./fixtures/blind16";
import { TUNING16_RECALL_HOLDOUT } from "./fixtures/tuning16-recall-holdout";

describe("round-16 commitments recall (r16r)", () => {
  it("holds the round-16 recall holdout (first run text F1 0.636, +due 0.636; fit since)", () => {
    const r = evalCommitments(TUNING16_RECALL_HOLDOUT);
    console.log(
      [
        `commitments tuning16 recall holdout: text ${r.pr.summary()}, +due ${r.withDue.summary()}`,
        ...r.pr.misses.map((m) => `    - ${m}`),
      ].join("\n"),
    );
    expect(TUNING16_RECALL_HOLDOUT.length).toBe(21);
    expect(r.pr.tp + r.pr.fn).toBe(13);
    expect(r.pr.recall).toBeGreaterThanOrEqual(0.92);
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.92);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.85);
    const negatives = TUNING16_RECALL_HOLDOUT.filter((m) => m.expect.commitments.length === 0);
    expect(negatives.length).toBe(11);
    // the two false promises left ("will fly to Spain", "will celebrate twenty years") come from round 9's apposition
    // reading, which both the first run and this mechanism produce: the precision half of round 16 (r16p), not this one
    expect(evalCommitments(negatives).pr.fp).toBeLessThanOrEqual(2);
  });

  it("keeps blind16 (dev data since round 16; text R 0.765, +due F1 0.804 after round 15)", () => {
    const r = evalCommitments(BLIND16_ALL);
    console.log(`commitments blind16 (dev): text ${r.pr.summary()}, +due ${r.withDue.summary()}`);
    expect(r.pr.recall).toBeGreaterThanOrEqual(0.87);
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.88);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.88);
  });
});
