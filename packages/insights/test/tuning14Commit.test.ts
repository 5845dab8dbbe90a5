/**
 * Round 14 (commitments on new authors): blind11's misses (dev data since round 14) were grouped by grammatical cause
 * and each cause was checked against the misses of blind4–10 and train7–11; causes seen in two or more authors became
 * mechanisms in commitments.ts: titles and abbreviations that cut a sentence, the progressive of any act with an
 * object, a deliverable placed at the reader's, a price word that is only the subject's complement, a credit off a
 * bill, coordinated parts after a booking or scheduled work, a unit named with "the", and on the side of false
 * promises: bargaining imperatives and threats, concessions without a time, a buyer's decisions, past or repeated acts.
 * The holdout was written from those causes in 21 other trades before any change (first run text F1 0.500, +due 0.458;
 * README.md "Round 14 — commitments"). The sentences below are new wording, neither blind11's nor the holdout's.
 */
import { describe, expect, it } from "vitest";
import { extractCommitments } from "../src/commitments";
import { evalCommitments } from "./evaluate";
import { BLIND11_ALL } from "./fixtures/blind11";
import { TRAIN12_ALL } from "./fixtures/train12";
import { TUNING14_COMMIT_HOLDOUT } from "./fixtures/tuning14-commit-holdout";

const sent = Date.parse("2026-12-07T09:00:00Z"); // a Monday
const texts = (text: string, direction: "inbound" | "outbound" = "outbound") =>
  extractCommitments({ id: "m", text, direction, sentAt: sent, channel: "email" }).map((c) => c.text);

describe("round-14 commitments", () => {
  it("keeps a titled name and an abbreviation before a number inside the promise", () => {
    expect(texts("Thanks for the photos. Arq. Benítez checks the beams on Tuesday.")).toEqual([
      "Arq. Benítez checks the beams on Tuesday.",
    ]);
    expect(texts("Our site manager Mrs. Okoro will walk the snagging list with you on Friday.")).toHaveLength(1);
    expect(texts("I'll send ch. 4 of the manual by Thursday.")).toEqual(["I'll send ch. 4 of the manual by Thursday."]);
  });

  it("reads the progressive of any act with an object and a time after a subject of ours, not an outing or a wait", () => {
    expect(texts("We're regrouting the shower tray tomorrow afternoon.")).toHaveLength(1);
    expect(texts("I'm recalibrating the scales at your bakery on Thursday.")).toHaveLength(1);
    expect(texts("I'm emailing the signed variation in 10 minutes.")).toHaveLength(1);
    expect(texts("Sorry, my fault. I'm driving over myself with the spare keys tonight.")).toHaveLength(1);
    // outings, waiting, states and the writer's own things are no acts for the reader
    expect(texts("We're hosting the regional awards on Saturday.")).toEqual([]);
    expect(texts("We're watching the final at the club on Saturday.")).toEqual([]);
    expect(texts("I am waiting your confirmation until Friday.", "inbound")).toEqual([]);
    expect(texts("We're celebrating our tenth year on Friday.")).toEqual([]);
    expect(texts("I'm writing to ask about the invoice from Tuesday.")).toEqual([]);
  });

  it("reads a deliverable placed at the reader's by a time, not one already there", () => {
    expect(texts("The revised floor plan is in your inbox by 11 tomorrow.")).toHaveLength(1);
    expect(texts("The spare pallets are at your loading bay before 7am on Wednesday.")).toHaveLength(1);
    expect(texts("The contract is in your inbox, shout if anything is missing.")).toEqual([]);
    expect(texts("Your parcel is at the depot since Monday.")).toEqual([]);
  });

  it("tells a payment of fees from a price change by the head of the subject", () => {
    expect(texts("The balance of your membership fees will be paid on Thursday.", "inbound")).toHaveLength(1);
    expect(texts("Our membership fees will be increased from 1 February.")).toEqual([]);
  });

  it("reads a credit off a bill without dating it, and splits a colleague's promise after it", () => {
    const got = extractCommitments({
      id: "m",
      text: "The call-out fee comes off your next bill, and Marek reinstalls the valve on Wednesday.",
      direction: "outbound",
      sentAt: sent,
      channel: "email",
    });
    expect(got.map((c) => c.text)).toEqual([
      "The call-out fee comes off your next bill",
      "Marek reinstalls the valve on Wednesday.",
    ]);
    expect(got[0]?.dueAt).toBeNull();
    expect(got[1]?.dueAt).not.toBeNull();
  });

  it("splits a promise after a booking or scheduled work, and a second verb past an 'and' between dates", () => {
    expect(texts("Your van is booked in for Wednesday at 9am and it'll be ready by Friday noon.")).toHaveLength(2);
    expect(texts("Printing starts Tuesday and the banners are delivered to the venue on Friday.")).toHaveLength(2);
    expect(texts("We will survey the roof on 9th and 10th January and send the quote by 14th.")).toHaveLength(2);
  });

  it("reads a unit named with 'the' acting on an object in the author's message, not a third party or a customer", () => {
    expect(texts("The bindery trims the covers on Thursday.")).toHaveLength(1);
    expect(texts("The council empties the bins on Thursday.")).toEqual([]);
    expect(texts("The bindery trims the covers on Thursday.", "inbound")).toEqual([]);
    expect(texts("The workshop services the vans every Friday.")).toEqual([]);
  });

  it("leaves out a bargaining imperative, a threat, and 'let us know <when> and'", () => {
    expect(texts("Get it down to 8,200 and we'll sign the order this week.", "inbound")).toEqual([]);
    expect(texts("Meet us at £40 a head and we confirm tomorrow.", "inbound")).toEqual([]);
    expect(texts("Sort the leak by Thursday or we'll withhold the final payment.", "inbound")).toEqual([]);
    expect(texts("Let me know by Tuesday and I'll hold the van for you.")).toEqual([]);
    // a plain request before "and we'll" stays a promise on the reader's step (round 11)
    expect(texts("Send the signed form back and we'll book the installer for Monday.")).toHaveLength(1);
  });

  it("reads a concession without a time as a term of the offer, with a time as a remedy", () => {
    expect(texts("We can do 2,400 for the season, and we'll include the pitch marking at no charge.")).toEqual([]);
    expect(texts("I'll throw in the second fitting for free.")).toEqual([]);
    expect(texts("We'll refit the door hinges on Friday, free of charge.")).toHaveLength(1);
  });

  it("leaves out a buyer's decision in a customer's message", () => {
    expect(texts("Thanks, but we'll order from the wholesaler this time.", "inbound")).toEqual([]);
    expect(texts("We will renew the cleaning contract for another year.", "inbound")).toEqual([]);
    expect(texts("Great samples, we'll do the catering contract with you.", "inbound")).toEqual([]);
    // paying and signing by a time stay promises
    expect(texts("I'll sign the renewal form tonight.", "inbound")).toHaveLength(1);
  });

  it("leaves out past and repeated acts written in the present", () => {
    expect(texts("I email your team 6 times this month and no answer.", "inbound")).toEqual([]);
    expect(texts("We pay the deposit since two weeks and still no date.", "inbound")).toEqual([]);
    expect(texts("The invoices are corrected 3 times this week and still wrong.", "inbound")).toEqual([]);
  });

  it("reads a document of the deal that follows, with or without a time, but not a carrier's tracking", () => {
    expect(texts("Delighted to go ahead. Signed order form follows.", "inbound")).toHaveLength(1);
    expect(texts("The countersigned contract follows by courier.")).toHaveLength(1);
  });

  it("after train12's first contact: the future passive of any participle with a time, a payment by our side, 'do the <task>'", () => {
    expect(texts("The spare bedroom will be repapered by Friday.")).toHaveLength(1);
    expect(texts("The spare bedroom will be repapered.")).toEqual([]);
    expect(texts("The customs fees will be paid by our office.", "inbound")).toHaveLength(1);
    expect(texts("Nurse Amara will do the medication review on Thursday at 11.")).toHaveLength(1);
    expect(texts("I ring you on Friday to hear if the new rota suits her.")).toHaveLength(1);
    expect(texts("We'll knock 3 hours off your invoice.")).toEqual(["We'll knock 3 hours off your invoice."]);
    expect(texts("Sorry for the mix-up: your fitting is moved to Thursday at 3pm.")).toHaveLength(1);
    expect(texts("A second forklift is assigned for Monday at 6:00.")).toHaveLength(1);
  });

  it("after train12's first contact: standing price terms, offer terms per unit and a habit after a comma promise nothing", () => {
    expect(texts("Bookings made before 1 March are charged at current rates.")).toEqual([]);
    expect(texts("EUR 2.10 per pallet, truck leaves Friday, arrives Monday.")).toEqual([]);
    expect(
      texts("Studio 2 is booked for you from Monday 5 April at 10:00, every weekday until the 16th."),
    ).toHaveLength(1);
  });

  it("holds the round-14 holdout (first run text F1 0.500, +due 0.458; fit since)", () => {
    const r = evalCommitments(TUNING14_COMMIT_HOLDOUT);
    console.log(
      [`commitments tuning14 holdout: ${r.withDue.summary()}`, ...r.pr.misses.map((m) => `    - ${m}`)].join("\n"),
    );
    expect(TUNING14_COMMIT_HOLDOUT.length).toBe(32);
    expect(r.pr.tp + r.pr.fn).toBe(24);
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.9);
    const negatives = TUNING14_COMMIT_HOLDOUT.filter((m) => m.expect.commitments.length === 0);
    expect(negatives.length).toBe(15);
    expect(evalCommitments(negatives).pr.fp).toBe(0);
  });

  it("keeps blind11 (dev data since round 14; text F1 0.847, +due 0.814 after round 13)", () => {
    const r = evalCommitments(BLIND11_ALL);
    console.log(`commitments blind11 (dev): text ${r.pr.summary()}, +due ${r.withDue.summary()}`);
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.94);
    expect(r.pr.precision).toBeGreaterThanOrEqual(0.97);
  });

  it("keeps train12 (first contact text F1 0.859, +due 0.822 with the round-13 code; read after that)", () => {
    const r = evalCommitments(TRAIN12_ALL);
    console.log(`commitments train12 (read): text ${r.pr.summary()}, +due ${r.withDue.summary()}`);
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.88);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.85);
  });
});
