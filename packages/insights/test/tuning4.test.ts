/**
 * Round 4 (commitments, signatures, job changes): the rules were fixed against these sets, so the
 * thresholds guard the fit against regressions; they are not estimates of quality on unseen text (those
 * come from the blind sets, see README.md). blind3 became dev data in round 4 (its misses were read), so it
 * is asserted here too.
 */
import { describe, expect, it } from "vitest";
import { evalCommitments, evalJobChanges, evalSignatures } from "./evaluate";
import { BLIND3_ALL, BLIND3_JOB_CHANGES } from "./fixtures/blind3";
import type { JobChangeCase, LabelledMessage } from "./fixtures/corpus";
import { TUNING_COMMIT4_ALL } from "./fixtures/tuning-commit4";
import { TUNING_JOB4_ALL } from "./fixtures/tuning-job4";
import { TUNING_SIG4_ALL } from "./fixtures/tuning-sig4";

const show = (what: string, summary: string, misses: string[]) =>
  console.log([`${what}: ${summary}`, ...misses.map((m) => `    - ${m}`)].join("\n"));

describe("round-4 tuning sets and blind3 (dev from round 4 on)", () => {
  it("commitments with due dates", () => {
    for (const [name, set] of [
      ["tuning-commit4", TUNING_COMMIT4_ALL],
      ["blind3 (dev)", BLIND3_ALL],
    ] as Array<[string, LabelledMessage[]]>) {
      const r = evalCommitments(set);
      show(`commitments ${name}`, r.withDue.summary(), r.pr.misses);
      expect(r.withDue.precision).toBeGreaterThanOrEqual(0.95);
      expect(r.withDue.recall).toBeGreaterThanOrEqual(0.95);
    }
    // the hard negatives (questions, conditions, past, reported, reminders, decisions) stay empty
    const negatives = TUNING_COMMIT4_ALL.filter((m) => m.expect.commitments.length === 0);
    expect(negatives.length).toBeGreaterThanOrEqual(20);
    // (k4-208, "Your table is reserved for 8pm tomorrow.", is a commitment since the round-11 booking convention)
    expect(evalCommitments(negatives).pr.fp).toBe(0);
  });

  it("signature fields", () => {
    for (const [name, set] of [
      ["tuning-sig4", TUNING_SIG4_ALL],
      ["blind3 (dev)", BLIND3_ALL],
    ] as Array<[string, LabelledMessage[]]>) {
      const r = evalSignatures(set);
      show(`signatures ${name}`, r.summary(), r.misses);
      expect(r.precision).toBeGreaterThanOrEqual(0.95);
      expect(r.recall).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("job changes", () => {
    for (const [name, pairs] of [
      ["tuning-job4", TUNING_JOB4_ALL],
      ["blind3 (dev)", BLIND3_JOB_CHANGES],
    ] as Array<[string, JobChangeCase[]]>) {
      const r = evalJobChanges(pairs);
      show(`job changes ${name}`, `${r.pr.summary()} kind=${r.kindAccuracy.toFixed(3)}`, r.pr.misses);
      expect(r.pr.precision).toBeGreaterThanOrEqual(0.95);
      expect(r.pr.recall).toBeGreaterThanOrEqual(0.95);
      expect(r.kindAccuracy).toBeGreaterThanOrEqual(0.9);
    }
  });
});
