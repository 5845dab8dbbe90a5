/**
 * Time-zone helpers built only on Intl.DateTimeFormat (no tz libraries, no clock reads).
 * All functions are pure: the instant is always passed in.
 */

export interface ZonedParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock parts of `instant` in the IANA `timeZone` (default UTC). Throws RangeError on an unknown zone. */
export function zonedParts(instant: number, timeZone = "UTC"): ZonedParts {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) out[p.type] = p.value;
  const hour = Number(out.hour) % 24;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? "Sun"] ?? 0,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (e.g. +60 for Europe/Paris in winter). */
export function timeZoneOffsetMinutes(instant: number, timeZone = "UTC"): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const truncated = Math.floor(instant / 1000) * 1000;
  return Math.round((asUtc - truncated) / 60000);
}

/**
 * Converts a wall-clock time in `timeZone` to an epoch instant. Month is 1-12; day/month overflow is
 * normalised like Date.UTC. In a DST gap the earlier offset is used; in an overlap the first occurrence.
 */
export function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  timeZone = "UTC",
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, 0, 0);
  const off1 = timeZoneOffsetMinutes(wall, timeZone);
  const guess = wall - off1 * 60000;
  const off2 = timeZoneOffsetMinutes(guess, timeZone);
  if (off1 === off2) return guess;
  // here the guess reads back as another wall time (its offset is off2, not off1); the alternative is the instant when
  // it reads back as `wall`. Round 21 (due21): not the earlier of the two, which was an hour early on the day the
  // clocks go back west of Greenwich ("6am Sunday" on 1 November 2026 in Chicago read as 5am CST)
  const alt = wall - off2 * 60000;
  return timeZoneOffsetMinutes(alt, timeZone) === off2 ? alt : guess;
}

/** Start (00:00 local) of the day containing `instant` in `timeZone`. */
export function startOfZonedDay(instant: number, timeZone = "UTC"): number {
  const p = zonedParts(instant, timeZone);
  return zonedTimeToUtc(p.year, p.month, p.day, 0, 0, timeZone);
}

/** Start (Monday 00:00 local) of the ISO week containing `instant` in `timeZone`. */
export function startOfZonedWeek(instant: number, timeZone = "UTC"): number {
  const p = zonedParts(instant, timeZone);
  const back = (p.weekday + 6) % 7;
  return zonedTimeToUtc(p.year, p.month, p.day - back, 0, 0, timeZone);
}

/** The ISO 8601 week (Monday first; week 1 holds the year's first Thursday) of a calendar date, and its year. */
function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of the same week decides its year
  const first = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { year: d.getUTCFullYear(), week: Math.ceil(((d.getTime() - first) / 86_400_000 + 1) / 7) };
}

/**
 * Days from a local date to the Monday of ISO week `week` ("in week 47", "vecka 44"); a week more than half a year past
 * is next year's.
 */
export function daysToIsoWeek(week: number, date: Pick<ZonedParts, "year" | "month" | "day" | "weekday">): number {
  const now = isoWeek(date.year, date.month, date.day);
  let weeks = week - now.week;
  if (weeks < -26) weeks += isoWeek(now.year, 12, 28).week;
  return -((date.weekday + 6) % 7) + 7 * weeks;
}

/** Adds calendar days in local wall-clock terms (DST-safe), keeping the local time of day. */
export function addZonedDays(instant: number, days: number, timeZone = "UTC"): number {
  const p = zonedParts(instant, timeZone);
  return zonedTimeToUtc(p.year, p.month, p.day + days, p.hour, p.minute, timeZone);
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The hours of a clock face in words ("half two", "ten past four"); an index + 1 is the hour. */
export const HOUR_WORDS = [
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];
/** The weekdays' English names, Sunday first, as `ZonedParts.weekday` counts them. */
export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** The months' English names, January first (the due-date readers write dates in them for chrono's English parser). */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
