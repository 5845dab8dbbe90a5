/**
 * Business hours: "due at" = a start instant plus a number of *business* minutes, counted only
 * inside an organization's weekly opening intervals (wall-clock, in its IANA time zone) and never
 * on its holidays. Pure: the instant is passed in. DST-correct because every interval boundary is
 * converted from wall-clock to an instant for its own date (zonedTimeToUtc), so a 09:00-17:00 day
 * is 8 real hours on both sides of a change and a 00:00-24:00 day is 23 or 25.
 * Hand-written on time.ts (Intl only) because no kept library does business-minute arithmetic
 * with holidays without pulling a tz database into the Convex bundle.
 */
import { zonedParts, zonedTimeToUtc } from "./time";

export interface OpeningInterval {
  /** 0 = Sunday ... 6 = Saturday (local). */
  day: number;
  /** Minutes after local midnight, 0-1439. */
  startMinute: number;
  /** Minutes after local midnight, startMinute < endMinute <= 1440 (1440 = the next midnight). */
  endMinute: number;
}

export interface BusinessHours {
  timeZone: string;
  weekly: OpeningInterval[];
  /** Local dates (YYYY-MM-DD) with no business hours. */
  holidays: string[];
}

/** How far ahead a due date may land; a schedule with no opening in this span is refused. */
export const MAX_SEARCH_DAYS = 400;
export const MAX_INTERVALS = 7 * 4;
export const MAX_HOLIDAYS = 366;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Problems with a schedule, empty when valid (time zone known, intervals in range and disjoint). */
export function validateBusinessHours(hours: BusinessHours): string[] {
  const problems: string[] = [];
  try {
    zonedParts(0, hours.timeZone);
  } catch {
    problems.push(`unknown time zone "${hours.timeZone}"`);
  }
  if (hours.weekly.length === 0) problems.push("at least one opening interval is needed");
  if (hours.weekly.length > MAX_INTERVALS) problems.push(`at most ${MAX_INTERVALS} opening intervals`);
  if (hours.holidays.length > MAX_HOLIDAYS) problems.push(`at most ${MAX_HOLIDAYS} holidays`);
  for (const i of hours.weekly) {
    const ok =
      Number.isInteger(i.day) &&
      i.day >= 0 &&
      i.day <= 6 &&
      Number.isInteger(i.startMinute) &&
      Number.isInteger(i.endMinute) &&
      i.startMinute >= 0 &&
      i.startMinute < i.endMinute &&
      i.endMinute <= 1440;
    if (!ok) problems.push(`invalid interval day ${i.day} ${i.startMinute}-${i.endMinute}`);
  }
  for (let d = 0; d < 7; d++) {
    const day = hours.weekly.filter((i) => i.day === d).sort((x, y) => x.startMinute - y.startMinute);
    for (let k = 1; k < day.length; k++) {
      if (day[k]!.startMinute < day[k - 1]!.endMinute) problems.push(`overlapping intervals on day ${d}`);
    }
  }
  for (const h of hours.holidays) {
    const m = DATE.exec(h);
    const valid = m && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).toISOString().slice(0, 10) === h;
    if (!valid) problems.push(`invalid holiday date "${h}"`);
  }
  return problems;
}

/**
 * The instant `minutes` business minutes after `start`. Without business hours (null) every
 * minute counts. Time before the first opening counts nothing, so a message at 22:00 with a
 * 60-minute target is due an hour after the next opening. Returns null when the schedule has no
 * opening within MAX_SEARCH_DAYS (e.g. every day a holiday).
 */
export function addBusinessMinutes(start: number, minutes: number, hours: BusinessHours | null): number | null {
  if (!Number.isFinite(start) || !Number.isFinite(minutes) || minutes < 0) throw new RangeError("invalid arguments");
  if (!hours) return start + minutes * 60_000;
  const holidays = new Set(hours.holidays);
  const local = zonedParts(start, hours.timeZone);
  let remaining = minutes * 60_000;
  for (let k = 0; k < MAX_SEARCH_DAYS; k++) {
    // The k-th local calendar date from the start's, normalised through Date.UTC.
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + k));
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    if (holidays.has(date.toISOString().slice(0, 10))) continue;
    const intervals = hours.weekly
      .filter((i) => i.day === date.getUTCDay())
      .sort((a, b) => a.startMinute - b.startMinute);
    for (const i of intervals) {
      const open = zonedTimeToUtc(y, m, d, Math.floor(i.startMinute / 60), i.startMinute % 60, hours.timeZone);
      const close = zonedTimeToUtc(y, m, d, Math.floor(i.endMinute / 60), i.endMinute % 60, hours.timeZone);
      const from = Math.max(open, start);
      if (from >= close) continue;
      if (remaining <= close - from) return from + remaining;
      remaining -= close - from;
    }
  }
  return null;
}

/** True when `instant` falls inside an opening interval (and not on a holiday). */
export function isWithinBusinessHours(instant: number, hours: BusinessHours | null): boolean {
  if (!hours) return true;
  const p = zonedParts(instant, hours.timeZone);
  const date = `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  if (hours.holidays.includes(date)) return false;
  const minute = p.hour * 60 + p.minute;
  return hours.weekly.some((i) => i.day === p.weekday && i.startMinute <= minute && minute < i.endMinute);
}
