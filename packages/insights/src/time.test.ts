import { describe, expect, it } from "vitest";
import {
  addZonedDays,
  startOfZonedDay,
  startOfZonedWeek,
  timeZoneOffsetMinutes,
  zonedParts,
  zonedTimeToUtc,
} from "./time";

describe("time helpers", () => {
  const t = Date.parse("2026-03-10T14:00:00Z"); // Tuesday

  it("reads wall-clock parts in a zone", () => {
    expect(zonedParts(t, "UTC")).toMatchObject({ year: 2026, month: 3, day: 10, hour: 14, weekday: 2 });
    expect(zonedParts(t, "America/New_York")).toMatchObject({ day: 10, hour: 10, weekday: 2 });
    expect(zonedParts(t, "Asia/Tokyo")).toMatchObject({ day: 10, hour: 23 });
  });

  it("computes offsets across DST", () => {
    expect(timeZoneOffsetMinutes(Date.parse("2026-03-01T12:00:00Z"), "America/New_York")).toBe(-300);
    expect(timeZoneOffsetMinutes(Date.parse("2026-03-10T12:00:00Z"), "America/New_York")).toBe(-240);
    expect(timeZoneOffsetMinutes(t, "Asia/Kolkata")).toBe(330);
    expect(timeZoneOffsetMinutes(t)).toBe(0);
  });

  it("converts local wall time to UTC, including DST transitions", () => {
    expect(zonedTimeToUtc(2026, 3, 13, 17, 0, "America/New_York")).toBe(Date.parse("2026-03-13T21:00:00Z"));
    expect(zonedTimeToUtc(2026, 3, 6, 17, 0, "America/New_York")).toBe(Date.parse("2026-03-06T22:00:00Z"));
    expect(zonedTimeToUtc(2026, 3, 29, 12, 0, "Europe/Berlin")).toBe(Date.parse("2026-03-29T10:00:00Z"));
    // 02:30 does not exist on 2026-03-08 in New York: resolved with the pre-transition offset
    expect(zonedTimeToUtc(2026, 3, 8, 2, 30, "America/New_York")).toBe(Date.parse("2026-03-08T07:30:00Z"));
  });

  it("round 21 (due21): reads a wall time after the clocks go back in the new offset, east and west of Greenwich", () => {
    // Chicago goes back at 02:00 CDT (07:00Z) on 1 November 2026: 6am that day is CST
    expect(zonedTimeToUtc(2026, 11, 1, 6, 0, "America/Chicago")).toBe(Date.parse("2026-11-01T12:00:00Z"));
    expect(zonedTimeToUtc(2026, 11, 1, 3, 15, "America/Los_Angeles")).toBe(Date.parse("2026-11-01T11:15:00Z"));
    // the hour that happens twice keeps its first occurrence; the day before and after are untouched
    expect(zonedTimeToUtc(2026, 11, 1, 1, 30, "America/Chicago")).toBe(Date.parse("2026-11-01T06:30:00Z"));
    expect(zonedTimeToUtc(2026, 10, 31, 23, 0, "America/Chicago")).toBe(Date.parse("2026-11-01T04:00:00Z"));
    // Sydney goes back at 03:00 AEDT (16:00Z, 4 April): 1am that morning is still AEDT, 9am is AEST
    expect(zonedTimeToUtc(2026, 4, 5, 1, 0, "Australia/Sydney")).toBe(Date.parse("2026-04-04T14:00:00Z"));
    expect(zonedTimeToUtc(2026, 4, 5, 9, 0, "Australia/Sydney")).toBe(Date.parse("2026-04-04T23:00:00Z"));
  });

  it("finds local day and ISO-week starts", () => {
    expect(startOfZonedDay(t, "America/New_York")).toBe(Date.parse("2026-03-10T04:00:00Z"));
    expect(startOfZonedWeek(t, "UTC")).toBe(Date.parse("2026-03-09T00:00:00Z"));
    expect(startOfZonedWeek(Date.parse("2026-03-15T23:00:00Z"), "UTC")).toBe(Date.parse("2026-03-09T00:00:00Z"));
    expect(addZonedDays(Date.parse("2026-03-07T17:00:00Z"), 2, "America/New_York")).toBe(
      Date.parse("2026-03-09T16:00:00Z"),
    );
  });

  it("rejects unknown zones", () => {
    expect(() => zonedParts(t, "Mars/Olympus")).toThrow(RangeError);
  });
});
