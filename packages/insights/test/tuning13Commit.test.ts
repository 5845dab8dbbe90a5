/**
 * Round 13 (commitment recall on new authors): blind10's misses (dev data since round 13) were grouped by grammatical
 * cause and the causes seen in two or more authors (blind9, blind10, train8–11) were fixed as mechanisms of English,
 * not phrasings: the present passive of any regular participle with a time ahead, the present tense of the author's
 * side read by its grammar (any verb that is no state and takes an object; a colleague in apposition; any unit of
 * ours), being at a place by a time, the causative "have <team> <verb>", hand-overs "your way", a promise after a
 * polite request, an arrangement moved for the reader, and the next bill as a time. The holdout was written from those
 * causes in other trades before any change (first run text F1 0.615, +due 0.538; README.md "Round 13 —
 * commitments"). The sentences below are new wording, not blind10's.
 */
import { describe, expect, it } from "vitest";
import { extractCommitments } from "../src/commitments";
import { evalCommitments } from "./evaluate";
import { BLIND10_ALL } from "./fixtures/blind10";
import { TUNING13_COMMIT_HOLDOUT } from "./fixtures/tuning13-commit-holdout";

const sent = Date.parse("2026-12-07T09:00:00Z"); // a Monday
const texts = (text: string, direction: "inbound" | "outbound" = "outbound") =>
  extractCommitments({ id: "m", text, direction, sentAt: sent, channel: "email" }).map((c) => c.text);

describe("round-13 commitments", () => {
  it("reads a present passive of any regular participle with a time ahead, not a state, a plan or a past act", () => {
    expect(texts("The damaged pallets are re-wrapped this afternoon.")).toEqual([
      "The damaged pallets are re-wrapped this afternoon.",
    ]);
    expect(texts("Your seating plan is reprinted by Thursday.")).toHaveLength(1);
    // states, arrangements, permissions and past times are notices
    expect(texts("The showroom is closed on Sunday.")).toEqual([]);
    expect(texts("Flights to the island are delayed until Wednesday.")).toEqual([]);
    expect(texts("The venue is pencilled in for the end of March.")).toEqual([]);
    expect(texts("Our broker is authorised to offer £12,000 by Friday.")).toEqual([]);
    expect(texts("The bridge fees are unchanged from Monday.")).toEqual([]);
    expect(texts("The gutters were cleared yesterday and the boiler is serviced since Tuesday.")).toEqual([]);
  });

  it("tells a plural noun subject from a reporting verb", () => {
    expect(texts("Revised claims are re-submitted by Wednesday.")).toHaveLength(1);
    expect(texts("The carrier reports the parcel will arrive on Friday.")).toEqual([]);
  });

  it("reads the present tense of the author's side by its grammar: any act with an object and a time", () => {
    expect(texts("Known bug, Mateus patches the login screen tonight.")).toHaveLength(1);
    expect(texts("Our site lead, Oksana, walks you through the fire exits on Wednesday.")).toHaveLength(1);
    expect(texts("Our data engineer Lena Vogt migrates the old records on Thursday.")).toHaveLength(1);
    expect(texts("We tow the trailer back to your yard tomorrow morning.")).toHaveLength(1);
    expect(texts("Our shuttle drops you at the terminal at 6 tomorrow.")).toHaveLength(1);
    expect(texts("Customer care emails you the replacement code as soon as it's issued.")).toHaveLength(1);
    // states, habits, wants, own motion, past acts and noun phrases are not acts
    expect(texts("We need the signed form by Friday.")).toEqual([]);
    expect(texts("Our accountant checks the ledger every Friday.")).toEqual([]);
    expect(texts("We closed our Leeds branch at the end of March.")).toEqual([]);
    expect(texts("I sent the updated drawings on Friday.")).toEqual([]);
    expect(texts("We've decided to stay with our current platform this year, as the team is busy mid-year.")).toEqual(
      [],
    );
    expect(texts("Our kids will run the bake sale tomorrow, come by!")).toEqual([]);
    expect(texts("Our list prices go up 5% from 1 January.")).toEqual([]);
    expect(texts("ok I take it back, that Friday update is great.")).toEqual([]);
  });

  it("reads presence at a place by a time, the causative 'have', number words and hand-overs 'your way'", () => {
    expect(texts("Our rigger is on the early ferry and will be at the quay by 9.")).toHaveLength(1);
    expect(texts("The fitters are at yours by 8 tomorrow.")).toHaveLength(1);
    expect(texts("Sorry about that. I'll have our kitchen team re-plate the order.")).toHaveLength(1);
    expect(texts("I'll have three sample boards for you by Wednesday.")).toHaveLength(1);
    expect(texts("The signed variation order comes your way tomorrow morning.")).toHaveLength(1);
    expect(texts("Our updated price goes to you by Thursday.")).toHaveLength(1);
  });

  it("keeps a promise after a polite request, and a statement with a tag question", () => {
    expect(texts("Could you send the serial number? Then I'll book the warranty repair for Thursday.")).toHaveLength(1);
    expect(texts("Our surveyor will visit the site Friday at 10 to measure, ok?")).toHaveLength(1);
    // a question about a price still conditions what follows (round 11)
    expect(texts("Can you do 9,000? Then we sign today.")).toEqual([]);
  });

  it("reads an arrangement moved for the reader as a booking, and the next bill as a time", () => {
    expect(texts("Rain all morning, so I moved your lesson to Thursday 4pm.")).toHaveLength(1);
    expect(texts("I'm waiving the delivery charge on your next invoice.")).toHaveLength(1);
    expect(texts("A supervisor from our control room will call you by Wednesday.")).toHaveLength(1);
  });

  it("reads any act with an object and a time after a promising subject, also with a hyphenated prefix", () => {
    expect(texts("Tomás will re-seal the skylight on Friday.")).toHaveLength(1);
    expect(texts("Our courier will shrink-wrap the pallets tomorrow morning.")).toHaveLength(1);
    // without a time a named colleague's unlisted verb stays unread
    expect(texts("Jonas will produce your next brochure.")).toEqual([]);
    expect(texts("Quick update on the brochure: expect it in your inbox by 4pm tomorrow.")).toHaveLength(1);
  });

  it("keeps two coordinated subjects together", () => {
    expect(texts("The badges and parking permits will be ready at the gatehouse on Monday from 8:00.")).toEqual([
      "The badges and parking permits will be ready at the gatehouse on Monday from 8:00.",
    ]);
  });

  it("reads a two-digit clock time and an ETA as a deadline", () => {
    expect(texts("Traffic on the ring road; he'll be with you at reception by 14:40.")).toHaveLength(1);
    expect(texts("I'm 15 minutes out, be there by 10:45.")).toHaveLength(1);
    expect(texts("Locksmith is on the way, ETA 9:10.")).toHaveLength(1);
    // an amount is no hour (round 11)
    expect(texts("We sold the lot at 12,500 on Friday.")).toEqual([]);
  });

  it("leaves a buyer's own project and its needs, and a buyer's decision, out", () => {
    expect(texts("We are refitting our second kitchen in May and need four combi ovens.", "inbound")).toEqual([]);
    expect(texts("We are planning a staff retreat on 3 June and are looking for a venue.", "inbound")).toEqual([]);
    expect(texts("To confirm: we go ahead with your cleaning contract from 1 March.", "inbound")).toEqual([]);
  });

  it("holds the round-13 holdout (first run text F1 0.615, +due 0.538; fit since)", () => {
    const r = evalCommitments(TUNING13_COMMIT_HOLDOUT);
    console.log(
      [`commitments tuning13 holdout: ${r.withDue.summary()}`, ...r.pr.misses.map((m) => `    - ${m}`)].join("\n"),
    );
    expect(TUNING13_COMMIT_HOLDOUT.length).toBe(34);
    expect(r.pr.tp + r.pr.fn).toBe(36); // round 14 (b13cd): h13c016 relabelled as two promises
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.93);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.85);
    // the one false promise is older than round 13: "Package is delivered, thanks - it arrived this morning"
    const negatives = TUNING13_COMMIT_HOLDOUT.filter((m) => m.expect.commitments.length === 0);
    expect(negatives.length).toBe(12);
    expect(evalCommitments(negatives).pr.fp).toBeLessThanOrEqual(1);
  });

  it("keeps blind10 (dev data since round 13; text F1 0.866, +due 0.829 after round 12)", () => {
    const r = evalCommitments(BLIND10_ALL);
    console.log(`commitments blind10 (dev): text ${r.pr.summary()}, +due ${r.withDue.summary()}`);
    expect(r.pr.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.92);
    expect(r.pr.precision).toBeGreaterThanOrEqual(0.95);
  });
});
