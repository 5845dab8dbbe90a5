/**
 * Round 11 (book11): bookings our side confirms for a future time are commitments (the owner's convention,
 * README.md "Labelling guide"), and a gapped second conjunct after a comma is a second promise with its own date.
 * The holdout was written before the change in new trades and scored once with the unchanged code (+due F1 0.345,
 * text F1 0.483; README.md "Round 11 — bookings and gapped promises"); these floors guard the fit since.
 */
import { describe, expect, it } from "vitest";
import { extractCommitments } from "../src/commitments";
import { evalCommitments } from "./evaluate";
import { TUNING11_BOOKING_HOLDOUT } from "./fixtures/tuning11-booking-holdout";

const sent = Date.parse("2026-11-02T10:00:00Z"); // a Monday, 10:00 UTC
const found = (text: string, direction: "inbound" | "outbound" = "outbound") =>
  extractCommitments({ id: "m", text, direction, sentAt: sent, channel: "sms" }, { timezone: "UTC" }).map((c) => [
    c.text,
    c.dueAt === null ? null : new Date(c.dueAt).toISOString(),
  ]);

describe("round-11 bookings and gapped promises", () => {
  it("holds the booking holdout (first run +due 0.345 with the unchanged code; fit since) and its negatives", () => {
    const r = evalCommitments(TUNING11_BOOKING_HOLDOUT);
    console.log(
      [`commitments tuning11 booking holdout: ${r.withDue.summary()}`, ...r.pr.misses.map((m) => `    - ${m}`)].join(
        "\n",
      ),
    );
    expect(TUNING11_BOOKING_HOLDOUT).toHaveLength(26);
    expect(r.withDue.tp + r.withDue.fn).toBe(22);
    expect(r.withDue.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.pr.precision).toBe(1);
    const negatives = TUNING11_BOOKING_HOLDOUT.filter((m) => m.expect.commitments.length === 0);
    expect(negatives).toHaveLength(10);
    expect(evalCommitments(negatives).pr.fp).toBe(0);
  });

  it("reads a booking of our side for a time ahead, due when it starts (or when its range ends)", () => {
    expect(found("The plasterer is booked for Thursday 8am.")).toEqual([
      ["The plasterer is booked for Thursday 8am.", "2026-11-05T08:00:00.000Z"],
    ]);
    expect(found("Van hire reserved ✅ Saturday 9am")).toEqual([
      ["Van hire reserved ✅ Saturday 9am", "2026-11-07T09:00:00.000Z"],
    ]);
    expect(found("Studio B is yours tomorrow 1–3pm.")).toEqual([
      ["Studio B is yours tomorrow 1–3pm.", "2026-11-03T15:00:00.000Z"],
    ]);
    // a supplier's own side in its message to us (inbound): "our" names the author's side
    expect(found("Our surveyor is scheduled for Wednesday at 10am.", "inbound")).toHaveLength(1);
  });

  it("leaves out the other party's, past, pending, cancelled, conditional and offered bookings", () => {
    for (const text of [
      "I've booked my train for Friday at 6pm.",
      "We have booked the hall for the 20th.",
      "Can you confirm the fitter is booked for Thursday?",
      "The boiler service was booked for last Monday.",
      "Your Tuesday 9am slot has been cancelled.",
      "If you pay the deposit today, the marquee is reserved for Saturday.",
      "Thursday is fully booked - Friday 10am is free.",
      "Spring courses booked before 30 April get 10% off.",
      "Acme Dental: Your appointment is confirmed for Friday at 3pm.",
      "The engineer is booked for Friday, provisionally.",
      "The council has scheduled the inspection for Monday 9am.",
    ])
      expect(found(text), text).toEqual([]);
    // no time ahead: an arrangement without a future time is no commitment
    expect(found("Your booking is confirmed.")).toEqual([]);
    expect(found("Booked for yesterday 4pm, sorry we missed you.")).toEqual([]);
    expect(found("I've booked my flight home for Friday.", "inbound")).toEqual([]);
  });

  it("splits a gapped second conjunct after a comma into a promise with its own date", () => {
    expect(found("The fence panels will be delivered on Wednesday, the gate on Friday at 2pm.")).toEqual([
      ["The fence panels will be delivered on Wednesday", "2026-11-04T17:00:00.000Z"],
      ["the gate on Friday at 2pm", "2026-11-06T14:00:00.000Z"],
    ]);
    expect(found("I'll translate the contract today, the annexes tomorrow noon.")).toHaveLength(2);
    // a date in apposition, a state, a verb with its object, a verbless head: one promise or none
    expect(found("I'll deliver on Friday, the 6th.")).toHaveLength(1);
    expect(found("Crew arriving 8am Monday, done by 2.").length).toBeLessThanOrEqual(1);
    expect(found("I'll bring the draft Monday, our director, Ana, reviews it on Tuesday.").length).toBeLessThanOrEqual(
      2,
    );
    expect(found("The painter came on Monday, the glazier on Wednesday.")).toEqual([]);
  });

  it("ends a chat sentence at an emoji before a capitalised word that is no day or time", () => {
    expect(found("Got the photos 👍 Will retouch the first ten on Wednesday and the rest Friday 9am.")).toEqual([
      ["Will retouch the first ten on Wednesday", "2026-11-04T17:00:00.000Z"],
      ["the rest Friday 9am.", "2026-11-06T09:00:00.000Z"],
    ]);
    // a day after the emoji stays with the booking before it
    expect(found("Van booked ✅ Thursday 7am")).toEqual([["Van booked ✅ Thursday 7am", "2026-11-05T07:00:00.000Z"]]);
  });
});
