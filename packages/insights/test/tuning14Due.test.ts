/**
 * Round 14 (due dates): the mechanisms of `dueDate.ts` written from the due-date causes of blind11, blind10, blind9,
 * train10 and train11 (windows after a day, four-digit times, the wait after an act, recurring times, zone cities and
 * the reader's zone; in `commitments.ts` a clock time with "that morning" and "the week before/after"), checked on a
 * holdout written before any change. The out-of-author figures are in README.md ("Round 14 — due dates").
 */
import { describe, expect, it } from "vitest";
import { extractCommitments } from "../src/commitments";
import { extractDeterministic } from "../src/extractor";
import { evalCommitments } from "./evaluate";
import { TUNING14_DUE_HOLDOUT } from "./fixtures/tuning14-due-holdout";

describe("round-14 due dates", () => {
  it("holds the round-14 holdout (first run +due F1 0.774, due exact 11/29; fit since)", () => {
    const r = evalCommitments(TUNING14_DUE_HOLDOUT);
    console.log(
      [`due dates tuning14 holdout: ${r.withDue.summary()} due exact ${r.dueOk}/${r.dueTotal}`, ...r.pr.misses].join(
        "\n    - ",
      ),
    );
    // 25/29 exact, 28/29 within a day: left are an early hour before a 7am ferry, "by 10:30" at 21:50, "before noon"
    // after a clause dated tomorrow (commitments.ts), and "at 6pm every evening" (labelled null before the authors'
    // count put a recurring time at its first occurrence)
    expect(r.dueOk).toBeGreaterThanOrEqual(25);
    expect(r.withDue.tp).toBeGreaterThanOrEqual(r.pr.tp - 1);
  });

  const at = (text: string, sent: string, timezone: string, readerTimezone?: string) =>
    extractCommitments(
      { id: "m", channel: "email", direction: "outbound", text, sentAt: Date.parse(sent) },
      { timezone, readerTimezone },
    ).map((c) => [c.text, c.dueAt === null ? null : new Date(c.dueAt).toISOString()]);

  it("keeps the clock time of 'that morning / that afternoon' after a dated clause", () => {
    expect(
      at(
        "The hall is yours from 8:00 on Saturday 21 March, and our steward will unlock the side door at 7:45 that morning.",
        "2026-03-10T10:00:00Z",
        "Europe/London",
      ).at(-1),
    ).toEqual(["our steward will unlock the side door at 7:45 that morning.", "2026-03-21T07:45:00.000Z"]);
  });

  it("keeps the clock time of a day counted from a dated clause ('the next morning at 8', 'the evening before at 6')", () => {
    expect(
      at(
        "Your new router is installed on Wednesday 18 March, and the old line is switched off the next morning at 8.",
        "2026-03-10T10:00:00Z",
        "UTC",
      ).at(-1),
    ).toEqual(["the old line is switched off the next morning at 8.", "2026-03-19T08:00:00.000Z"]);
  });

  it("dates 'the week before' and 'the week after' a named date at that week's Friday", () => {
    expect(
      at(
        "Your launch is on Thursday 26 March, and I'll send the press kit the week before.",
        "2026-03-02T10:00:00Z",
        "UTC",
      ).at(-1),
    ).toEqual(["I'll send the press kit the week before.", "2026-03-20T17:00:00.000Z"]);
    expect(
      at(
        "The boiler goes in on Monday 9 March. We'll come back to service it the week after.",
        "2026-03-02T10:00:00Z",
        "UTC",
      ).at(-1),
    ).toEqual(["We'll come back to service it the week after.", "2026-03-20T17:00:00.000Z"]);
  });

  it("counts 'the day before' from a dated clause of the same sentence (it no longer moves back onto that day)", () => {
    expect(
      at(
        "The survey is booked for Thursday 19 March from 10am, and our surveyor will text you the day before.",
        "2026-03-10T10:00:00Z",
        "UTC",
      ).at(-1),
    ).toEqual(["our surveyor will text you the day before.", "2026-03-18T17:00:00.000Z"]);
  });

  it("passes the reader's zone from the extractor to the commitments", () => {
    const msg = {
      id: "m",
      channel: "email" as const,
      direction: "outbound" as const,
      text: "Hi Ana, I'll send you the signed lease by 10am your time on Thursday.",
      sentAt: Date.parse("2026-03-10T10:00:00Z"),
    };
    const due = (readerTimezone?: string) =>
      extractDeterministic(msg, { timezone: "Europe/London", readerTimezone }).commitments.map((c) =>
        new Date(c.dueAt ?? 0).toISOString(),
      );
    // 10:00 in São Paulo (UTC-3) is 13:00 UTC; without the reader's zone, 10:00 in London
    expect(due("America/Sao_Paulo")).toEqual(["2026-03-12T13:00:00.000Z"]);
    expect(due()).toEqual(["2026-03-12T10:00:00.000Z"]);
  });
});
