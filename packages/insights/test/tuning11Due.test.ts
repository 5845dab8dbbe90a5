/**
 * Round 11 (due dates): the date-role, amount-of-time and part-of-day rules of `dueDate.ts` were written from
 * blind8's due-date misses, checked on a holdout written before any change (its first run below), then extended
 * from train9's misses after train9's first contact was recorded. These floors guard that fit. The estimates on
 * unseen text are the first-contact figures in README.md ("Round 11 — due dates").
 *
 * Three of the holdout's causes need the commitments layer to pass context (a duration counted from an event
 * dated in an earlier clause; "end of day" / "this afternoon" after a clause dated another day), so they are
 * asserted on `resolveDueDate` with that context here rather than through `extractCommitments`.
 */
import { describe, expect, it } from "vitest";
import { resolveDueDate } from "../src/dueDate";
import { evalCommitments } from "./evaluate";
import { BLIND8_ALL } from "./fixtures/blind8";
import { TUNING11_DUE_HOLDOUT } from "./fixtures/tuning11-due-holdout";

describe("round-11 due dates", () => {
  it("holds the round-11 holdout (first run +due F1 0.586, due exact 12/29; fit since)", () => {
    const r = evalCommitments(TUNING11_DUE_HOLDOUT);
    console.log(
      [`due dates tuning11 holdout: ${r.withDue.summary()} due exact ${r.dueOk}/${r.dueTotal}`, ...r.pr.misses].join(
        "\n    - ",
      ),
    );
    // every promise is found, so only due dates vary
    expect(r.pr.tp).toBe(29);
    expect(r.pr.fp + r.pr.fn).toBe(0);
    // the five left are the causes the commitments layer must give context for (see the file comment)
    expect(r.dueOk).toBeGreaterThanOrEqual(24);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.86);
  });

  it("counts from the event the message dates when the caller passes it", () => {
    const test = TUNING11_DUE_HOLDOUT.find((m) => m.probe.startsWith("working days counted from a test"));
    expect(test).toBeDefined();
    const { msg, timezone, expect: want } = test!;
    const dated = resolveDueDate("Our engineer Dev will test the boiler on Wednesday 28 October", msg.sentAt, {
      timezone,
    });
    const got = resolveDueDate("We'll email the gas safety certificate within 3 working days of the test", msg.sentAt, {
      timezone,
      eventAt: dated?.dueAt,
    });
    expect(got && new Date(got.dueAt).toISOString()).toBe(want.commitments[1]?.dueAt);
  });

  it("keeps blind8 (dev data since round 11; +due 0.788 after round 10) at its round-11 fit", () => {
    const r = evalCommitments(BLIND8_ALL);
    console.log(`commitments blind8 (dev): ${r.withDue.summary()} due exact ${r.dueOk}/${r.dueTotal}`);
    // (the text F1 under it belongs to the commitments rules, which change in parallel: only the +due F1 is held)
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.795);
  });
});
