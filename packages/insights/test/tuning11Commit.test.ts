/**
 * Round 11 (commitment candidates): the rules were changed for blind8's miss causes (dev data since round 11) by
 * mechanism, and measured on a holdout written from those causes in new wording and other trades before any change
 * (first run text F1 0.475, +due 0.373; README.md "Round 11 — commitments"). These floors guard the fit against
 * regressions; the estimates on unseen text are train9's first contact (README) and the next blind set.
 */
import { describe, expect, it } from "vitest";
import { extractCommitments } from "../src/commitments";
import { evalCommitments } from "./evaluate";
import { BLIND8_ALL } from "./fixtures/blind8";
import { BLIND9_ALL } from "./fixtures/blind9";
import { TUNING11_COMMIT_HOLDOUT } from "./fixtures/tuning11-commit-holdout";
import { TUNING11_COMMIT_HOLDOUT_B } from "./fixtures/tuning11-commit-holdout-b";
import { TUNING11_COMMIT_HOLDOUT_C } from "./fixtures/tuning11-commit-holdout-c";

const sent = Date.parse("2026-11-02T10:00:00Z"); // a Monday
const texts = (text: string, direction: "inbound" | "outbound" = "outbound") =>
  extractCommitments({ id: "m", text, direction, sentAt: sent, channel: "email" }).map((c) => c.text);

describe("round-11 commitments", () => {
  it("holds the round-11 holdout (first run text F1 0.475, +due 0.373; fit since)", () => {
    const r = evalCommitments(TUNING11_COMMIT_HOLDOUT);
    console.log(
      [`commitments tuning11 holdout: ${r.withDue.summary()}`, ...r.pr.misses.map((m) => `    - ${m}`)].join("\n"),
    );
    expect(TUNING11_COMMIT_HOLDOUT.length).toBe(36);
    expect(r.withDue.tp + r.withDue.fn).toBe(38); // 37 + the booking relabelled in round 11
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.93);
    const negatives = TUNING11_COMMIT_HOLDOUT.filter((m) => m.expect.commitments.length === 0);
    expect(negatives.length).toBe(12);
    expect(evalCommitments(negatives).pr.fp).toBe(0);
  });

  it("holds holdouts B and C (first runs +due 0.564 and 0.400, each before its own fixes; fit since)", () => {
    const b = evalCommitments(TUNING11_COMMIT_HOLDOUT_B);
    const c = evalCommitments(TUNING11_COMMIT_HOLDOUT_C);
    console.log(
      `commitments tuning11 holdout B: ${b.withDue.summary()}\ncommitments tuning11 holdout C: ${c.withDue.summary()}`,
    );
    expect(b.withDue.tp + b.withDue.fn).toBe(24);
    expect(c.withDue.tp + c.withDue.fn).toBe(17);
    expect(b.withDue.f1).toBeGreaterThanOrEqual(0.9);
    // C's one remaining miss is a rebooking notice ("your colour is moved to Thursday 2pm"), a convention left open
    expect(c.withDue.f1).toBeGreaterThanOrEqual(0.95);
    expect(b.pr.precision).toBe(1);
    // round 20 (p20): 1 → ≥ 0.94. C's "Load-in is Thursday from noon." (an anchor statement here) is now read as a
    // service of ours dated by the copula, as blind16, blind24, blind27, blind28 and train9 label that form (README
    // "Round 20 — the promises blind27-30 write"); the authors disagree, and the independent ones are followed
    expect(c.pr.precision).toBeGreaterThanOrEqual(0.94);
  });

  it("keeps blind8 (dev data since round 11; 0.788 +due after round 10) at the issue-13 target", () => {
    const r = evalCommitments(BLIND8_ALL);
    console.log(`commitments blind8 (dev): ${r.withDue.summary()}`);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.pr.precision).toBeGreaterThanOrEqual(0.95);
  });

  it("keeps blind9 (dev data since round 12; +due 0.811 after round 11) at its round-12 level", () => {
    const r = evalCommitments(BLIND9_ALL);
    console.log(`commitments blind9 (dev): ${r.withDue.summary()}`);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.86);
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.88);
    expect(r.pr.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("round 12: splits a comma splice whose second clause schedules its own step, each keeping its own date", () => {
    // other trades and wording than blind9's (print, roofing, catering)
    const at = (text: string) =>
      extractCommitments(
        { id: "m", text, direction: "outbound", sentAt: sent, channel: "email" },
        { timezone: "UTC" },
      ).map((c) => [c.text, c.dueAt === null ? null : new Date(c.dueAt).toISOString().slice(0, 10)]);
    const [first, second] = at("We print the covers on 3 December, binding finishes on 7 December.");
    expect(first).toEqual(["We print the covers on 3 December", expect.stringMatching(/-12-03$/)]);
    expect(second).toEqual(["binding finishes on 7 December", expect.stringMatching(/-12-07$/)]);
    const roof = at("We will strip the old tiles by 9 December, and the scaffold leaves the same day.");
    expect(roof.map((r) => r[0])).toEqual([
      "We will strip the old tiles by 9 December",
      "the scaffold leaves the same day",
    ]);
    expect(roof[1]?.[1]).toBe(roof[0]?.[1]);
    // a first clause without a time of its own is dated by the second and stays one promise
    expect(at("We will bake 40 extra rolls for you, they go out with Friday's van.").map((r) => r[0])).toEqual([
      "We will bake 40 extra rolls for you, they go out with Friday's van.",
    ]);
  });

  it("round 12: reads a named colleague whose name starts with a letter outside A-Z", () => {
    expect(texts("Our surveyor Øystein Berg will send the drawings by Thursday.")).toEqual([
      "Our surveyor Øystein Berg will send the drawings by Thursday.",
    ]);
    expect(texts("Élodie will call you tomorrow morning.")).toEqual(["Élodie will call you tomorrow morning."]);
    expect(texts("Şule delivers the samples on Friday.")).toEqual(["Şule delivers the samples on Friday."]);
  });

  it("round 12: reads 'have' with a long compound or possessive object made ready", () => {
    expect(texts("I'll have the quarterly fleet maintenance cost summary ready by Thursday.")).toEqual([
      "I'll have the quarterly fleet maintenance cost summary ready by Thursday.",
    ]);
    expect(texts("We'll have the surveyor's boundary report to you early next week.")).toEqual([
      "We'll have the surveyor's boundary report to you early next week.",
    ]);
    // a state someone else has is not a promise
    expect(texts("You'll have the landlord's answer by then, I suppose?", "inbound")).toEqual([]);
  });

  it("splits promises coordinated in one sentence, each with its own subject and time", () => {
    expect(
      texts(
        "Our hygienist will ring you before 11 tomorrow, and the cleaning is rebooked at no cost for Tuesday 10 November.",
      ),
    ).toEqual([
      "Our hygienist will ring you before 11 tomorrow",
      "the cleaning is rebooked at no cost for Tuesday 10 November.",
    ]);
    // one subject, two verbs: a preparatory step stays with the promise
    expect(texts("I'll review it tonight and get back to you tomorrow.")).toHaveLength(1);
  });

  it("reads the author's side in the present or without a verb only with a time", () => {
    expect(texts("Hi Tom, Finance pays it on Wednesday.", "inbound")).toEqual([
      "Hi Tom, Finance pays it on Wednesday.",
    ]);
    expect(texts("Delivery next Friday, and our technician calls you on Thursday to confirm the slot.")).toHaveLength(
      2,
    );
    expect(texts("Finance pays suppliers every month.", "inbound")).toEqual([]);
    // a customer naming a delivery asks for it; an estimate and a due date are no promise
    expect(texts("Delivery next Friday please.", "inbound")).toEqual([]);
    expect(texts("Expected delivery Thursday 12 March.")).toEqual([]);
    expect(texts("Payment due Friday.")).toEqual([]);
  });

  it("reads a duration from the event an earlier sentence dated, and only from that event", () => {
    // round 20 (p20): the survey's date is read as a service of ours too (like "Your survey is booked for…"), so the
    // report is found by its text
    const report = extractCommitments(
      {
        id: "m",
        text: "Your survey is on Tuesday 10 November. Our report follows within 3 working days of the visit.",
        direction: "outbound",
        sentAt: sent,
        channel: "email",
      },
      { timezone: "Europe/London" },
    ).find((c) => /report/.test(c.text));
    expect(new Date(report?.dueAt ?? 0).toISOString()).toBe("2026-11-13T17:00:00.000Z");
    const [payment] = extractCommitments({
      id: "m",
      text: "Signed agreement attached for the 11 June team day. Our finance team pays within 30 days of your invoice.",
      direction: "inbound",
      sentAt: sent,
      channel: "email",
    });
    expect(payment?.dueAt).toBeNull();
  });

  it("does not read conditions, choices, limits, sarcasm, thanks or automated notices as promises", () => {
    for (const text of [
      "Match their price and I'll drop the truck off tomorrow.",
      "Let me know and I'll reissue the contract.",
      "Would you do 350? Then we sign this week.",
      "We'll go with the Riverside venue.",
      "That's as far as the owner will go.",
      "Brilliant. I'll just keep paying for a van that won't start then.",
      "Thanks a million for staying on to get the heating going tonight!",
      "We confirm the dinner for 40 guests at 65 per head.",
      "Your car will be ready for collection by 5pm.\n\nThis is an automated message. Please do not reply.",
      "Your fitting is confirmed for Thu 4 Jun at 15:30. Reply STOP to opt out.",
    ])
      expect(texts(text, "inbound"), text).toEqual([]);
    // an opt-out line is case-sensitive: a person who will "text stop times" still promises
    expect(texts("I'll text stop times to the drivers by 6pm.")).toHaveLength(1);
    // a plain request before "and I'll" keeps the promise (blind6's and tuning's convention)
    expect(texts("Send me the signed form and I'll file it with the council the same day.")).toHaveLength(1);
  });
});
