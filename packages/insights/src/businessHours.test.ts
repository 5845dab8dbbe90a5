import { describe, expect, test } from "vitest";
import { addBusinessMinutes, type BusinessHours, isWithinBusinessHours, validateBusinessHours } from "./businessHours";

const weekdays = (timeZone: string, holidays: string[] = []): BusinessHours => ({
  timeZone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, startMinute: 9 * 60, endMinute: 17 * 60 })),
  holidays,
});
const iso = (n: number | null) => (n === null ? null : new Date(n).toISOString());
const at = (s: string) => Date.parse(s);

describe("addBusinessMinutes", () => {
  test("inside hours: plain addition", () => {
    // Wednesday 2026-11-25 10:00 in New York (EST, UTC-5) + 60 -> 11:00 EST
    expect(iso(addBusinessMinutes(at("2026-11-25T15:00:00Z"), 60, weekdays("America/New_York")))).toBe(
      "2026-11-25T16:00:00.000Z",
    );
  });

  test("overnight: the rest carries to the next morning's opening", () => {
    // Wednesday 16:30 EST + 60 -> 30 minutes today, 30 tomorrow from 09:00 -> Thursday 09:30 EST
    expect(iso(addBusinessMinutes(at("2026-11-25T21:30:00Z"), 60, weekdays("America/New_York")))).toBe(
      "2026-11-26T14:30:00.000Z",
    );
    // A message at 22:00 counts nothing until the opening.
    expect(iso(addBusinessMinutes(at("2026-11-26T03:00:00Z"), 15, weekdays("America/New_York")))).toBe(
      "2026-11-26T14:15:00.000Z",
    );
  });

  test("weekend: Friday afternoon rolls over to Monday", () => {
    // Friday 2026-11-27 16:00 EST + 120 -> 60 Friday, 60 Monday -> Monday 10:00 EST
    expect(iso(addBusinessMinutes(at("2026-11-27T21:00:00Z"), 120, weekdays("America/New_York")))).toBe(
      "2026-11-30T15:00:00.000Z",
    );
  });

  test("holiday: a closed Monday moves it to Tuesday", () => {
    expect(iso(addBusinessMinutes(at("2026-11-27T21:00:00Z"), 120, weekdays("America/New_York", ["2026-11-30"])))).toBe(
      "2026-12-01T15:00:00.000Z",
    );
  });

  test("DST spring forward (Europe/Paris, 29 March 2026): Monday 09:30 is CEST (UTC+2)", () => {
    // Friday 27 March 16:30 CET (15:30Z) + 60 -> Monday 30 March 09:30 CEST = 07:30Z, not 08:30Z
    expect(iso(addBusinessMinutes(at("2026-03-27T15:30:00Z"), 60, weekdays("Europe/Paris")))).toBe(
      "2026-03-30T07:30:00.000Z",
    );
  });

  test("DST fall back (America/New_York, 1 November 2026): Friday to Monday crosses the change", () => {
    // Friday 30 October 16:00 EDT (20:00Z) + 120 -> Monday 2 November 10:00 EST = 15:00Z
    expect(iso(addBusinessMinutes(at("2026-10-30T20:00:00Z"), 120, weekdays("America/New_York")))).toBe(
      "2026-11-02T15:00:00.000Z",
    );
  });

  test("round-the-clock schedule on the short DST day counts real elapsed time", () => {
    const always: BusinessHours = {
      timeZone: "America/New_York",
      weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, startMinute: 0, endMinute: 1440 })),
      holidays: [],
    };
    // Saturday 7 March 2026 23:00 EST (04:00Z) + 4 h -> 08:00Z (04:00 EDT: 02:00-03:00 does not exist)
    expect(iso(addBusinessMinutes(at("2026-03-08T04:00:00Z"), 240, always))).toBe("2026-03-08T08:00:00.000Z");
  });

  test("no business hours: every minute counts; a schedule that never opens gives null", () => {
    expect(addBusinessMinutes(1_000, 2, null)).toBe(121_000);
    const never: BusinessHours = { timeZone: "UTC", weekly: [], holidays: [] };
    expect(addBusinessMinutes(0, 1, never)).toBeNull();
    expect(() => addBusinessMinutes(0, -1, null)).toThrow(RangeError);
  });

  test("split day (lunch break) is skipped", () => {
    const split: BusinessHours = {
      timeZone: "UTC",
      weekly: [
        { day: 3, startMinute: 9 * 60, endMinute: 12 * 60 },
        { day: 3, startMinute: 13 * 60, endMinute: 17 * 60 },
      ],
      holidays: [],
    };
    // Wednesday 11:30 + 60 -> 30 before lunch, 30 after -> 13:30
    expect(iso(addBusinessMinutes(at("2026-11-25T11:30:00Z"), 60, split))).toBe("2026-11-25T13:30:00.000Z");
  });
});

describe("validateBusinessHours / isWithinBusinessHours", () => {
  test("refuses unknown zones, bad intervals, overlaps and impossible dates", () => {
    expect(validateBusinessHours(weekdays("Europe/Paris", ["2026-12-25"]))).toEqual([]);
    const bad = validateBusinessHours({
      timeZone: "Mars/Olympus",
      weekly: [
        { day: 7, startMinute: 0, endMinute: 60 },
        { day: 1, startMinute: 600, endMinute: 500 },
        { day: 2, startMinute: 0, endMinute: 600 },
        { day: 2, startMinute: 500, endMinute: 700 },
      ],
      holidays: ["2026-02-30"],
    });
    expect(bad).toHaveLength(5);
  });

  test("open, closed, and holiday instants", () => {
    const h = weekdays("America/New_York", ["2026-11-26"]);
    expect(isWithinBusinessHours(at("2026-11-25T15:00:00Z"), h)).toBe(true);
    expect(isWithinBusinessHours(at("2026-11-25T23:00:00Z"), h)).toBe(false);
    expect(isWithinBusinessHours(at("2026-11-26T15:00:00Z"), h)).toBe(false);
    expect(isWithinBusinessHours(at("2026-11-28T15:00:00Z"), h)).toBe(false);
  });
});
