/**
 * Round 14 (blind13's commitments, helper b13cd): blind13 (dev data since round 14) was scored once with the round-14
 * code of ins14c and ins14d, then its misses were grouped by cause and each cause checked against blind2–11 and
 * train7–12; causes seen in two or more authors became mechanisms (README.md, "Round 14 — blind13's commitments"): a
 * thing's second predicate after "and" with its own time, a count in a scheduled subject, "last night's <thing>",
 * "in the week of <date>" (and what follows the date), "that <weekday>", "early the week after", "the same week", a
 * duration counted only from an event the dated clause names, and a carrier's "should reach you". The holdout was written
 * from those causes in 14 other trades before any change (first run text F1 0.875, +due 0.542). The sentences below are
 * new wording, neither blind13's nor the holdout's.
 */
import { describe, expect, it } from "vitest";
import { extractCommitments } from "../src/commitments";
import { evalCommitments } from "./evaluate";
import { BLIND13_ALL } from "./fixtures/blind13";
import { TUNING14_B13_HOLDOUT } from "./fixtures/tuning14-b13-holdout";

const sent = Date.parse("2026-12-07T09:00:00Z"); // a Monday, 09:00 in London
const at = (text: string, direction: "inbound" | "outbound" = "outbound") =>
  extractCommitments({ id: "m", text, direction, sentAt: sent, channel: "email" }, { timezone: "Europe/London" }).map(
    (c) => [c.text, c.dueAt === null ? null : new Date(c.dueAt).toISOString()],
  );

describe("round-14 commitments on blind13's causes", () => {
  it("splits a thing's second predicate with its own time, not a hedge, a step that prepares it or two verbs under one time", () => {
    expect(at("The tiles are trimmed on Tuesday and go on your bathroom wall Thursday.")).toEqual([
      ["The tiles are trimmed on Tuesday", "2026-12-08T17:00:00.000Z"],
      ["go on your bathroom wall Thursday.", "2026-12-10T17:00:00.000Z"],
    ]);
    expect(at("The repaired amplifier leaves our bench tomorrow and is back at your venue on Friday.")).toEqual([
      ["The repaired amplifier leaves our bench tomorrow", "2026-12-08T17:00:00.000Z"],
      ["is back at your venue on Friday.", "2026-12-11T17:00:00.000Z"],
    ]);
    // a done first act is no promise, the second still is
    expect(at("The refund was approved this morning and reaches your card within 3 working days.")).toEqual([
      ["reaches your card within 3 working days.", "2026-12-10T17:00:00.000Z"],
    ]);
    expect(at("The parcel goes out today and should arrive on Wednesday.")).toEqual([
      ["The parcel goes out today and should arrive on Wednesday.", "2026-12-07T17:00:00.000Z"],
    ]);
    expect(at("I'll check it tonight and get back to you tomorrow.")).toHaveLength(1);
    expect(at("We'll pack and ship the frames on Thursday.")).toHaveLength(1);
  });

  it("keeps a scheduled subject with a count after its determiner", () => {
    expect(at("The 40 chairs leave our workshop on Wednesday.")).toEqual([
      ["The 40 chairs leave our workshop on Wednesday.", "2026-12-09T17:00:00.000Z"],
    ]);
    expect(at("The 3 spare pumps leave our depot tomorrow at 7am.")).toHaveLength(1);
  });

  it("reads 'last night's <thing>' as a thing named by its time, not a past act", () => {
    expect(at("Our team reloads the orders from last night's export by noon.")).toEqual([
      ["Our team reloads the orders from last night's export by noon.", "2026-12-07T12:00:00.000Z"],
    ]);
    expect(at("Our team reloaded the orders last night.")).toEqual([]);
  });

  it("dates 'in the week of <date>' by its Friday, also with more of the clause after the date", () => {
    expect(at("Our fitter will hang the new doors in the week of 14 December with two helpers.")).toEqual([
      ["Our fitter will hang the new doors in the week of 14 December with two helpers.", "2026-12-18T17:00:00.000Z"],
    ]);
    expect(at("I'll visit your kitchen in the week of January 11.")).toEqual([
      ["I'll visit your kitchen in the week of January 11.", "2027-01-15T17:00:00.000Z"],
    ]);
  });

  it("reads 'that <weekday>' in the week of the date named before it", () => {
    expect(at("The crane is booked for Tue 12/15 at 7am, and the roof trusses go up that Thursday by 3pm.")).toEqual([
      ["The crane is booked for Tue 12/15 at 7am", "2026-12-15T07:00:00.000Z"],
      ["the roof trusses go up that Thursday by 3pm", "2026-12-17T15:00:00.000Z"],
    ]);
  });

  it("reads 'early the week after' a date as that week's Tuesday and 'the same week' as its Friday", () => {
    expect(
      at("Our assessor measures the hall on Friday 18 December, and I'll send the costing early the week after."),
    ).toEqual([
      ["Our assessor measures the hall on Friday 18 December", "2026-12-18T17:00:00.000Z"],
      ["I'll send the costing early the week after.", "2026-12-22T17:00:00.000Z"],
    ]);
    expect(at("The glass arrives at our yard on 15 December and we fit it the same week.").at(-1)).toEqual([
      "we fit it the same week.",
      "2026-12-18T17:00:00.000Z",
    ]);
  });

  it("counts a duration only from an event the dated clause names, or a word of the same act", () => {
    expect(
      at("Our surveyor inspects the barn on Thursday 10 December, and we pay out within 14 days of her report."),
    ).toEqual([
      ["Our surveyor inspects the barn on Thursday 10 December", "2026-12-10T17:00:00.000Z"],
      ["we pay out within 14 days of her report.", null],
    ]);
    expect(
      at(
        "Our driver picks up the old boiler on Tuesday 8 December, and you get the disposal note within 2 working days of the collection.",
      ).at(-1),
    ).toEqual(["you get the disposal note within 2 working days of the collection.", "2026-12-10T17:00:00.000Z"]);
  });

  it("reads a person of ours at a place within minutes as a promise", () => {
    expect(at("Sorry! Our technician will be on the loading dock in 15 minutes.")).toEqual([
      ["Our technician will be on the loading dock in 15 minutes.", "2026-12-07T09:15:00.000Z"],
    ]);
    expect(at("Marta is at your reception in 40 minutes with the spare badges.")).toEqual([
      ["Marta is at your reception in 40 minutes with the spare badges.", "2026-12-07T09:40:00.000Z"],
    ]);
    // a place without a time ahead is no promise
    expect(at("Marta is at the reception desk most mornings.")).toEqual([]);
  });

  it("reads a carrier's 'should reach you' as a prediction", () => {
    expect(at("The boxes went out on Friday; they should reach you by Wednesday.")).toEqual([]);
    expect(at("You should receive the keys by Wednesday.")).toHaveLength(1);
  });

  it("holds the b13 holdout (first run text F1 0.875, +due 0.542, due exact 13/21)", () => {
    const r = evalCommitments(TUNING14_B13_HOLDOUT);
    console.log(
      [
        `commitments tuning14 b13 holdout: ${r.withDue.summary()} due exact ${r.dueOk}/${r.dueTotal}`,
        ...r.pr.misses,
      ].join("\n    - "),
    );
    expect(TUNING14_B13_HOLDOUT.length).toBe(16);
    expect(r.pr.tp + r.pr.fn).toBe(27);
    // left: "the master keys are with you that Thursday" (a thing at the reader's after a comma) and "The tuner comes…"
    // (a role with "the" is read as the reader's)
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.dueOk).toBeGreaterThanOrEqual(25);
  });

  it("keeps blind13 (dev data since round 14; +due F1 0.722 with the round-13 code, 0.738 after ins14c/ins14d)", () => {
    const r = evalCommitments(BLIND13_ALL);
    console.log(
      `commitments blind13 (dev): text ${r.pr.summary()}, +due ${r.withDue.summary()} due exact ${r.dueOk}/${r.dueTotal}`,
    );
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.88);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.87);
    expect(r.dueOk).toBeGreaterThanOrEqual(75);
  });
});
