const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The largest |time| a JS Date can hold (ECMAScript: ±100,000,000 days around 1970). */
const MAX_DATE_MS = 8.64e15;

/** What the dashboard shows instead of a time it cannot show (NaN, 1e300, missing...). */
export const NO_TIME = "—";

/**
 * A time (ms since 1970) as a number the formatters can use, or null for anything a Date can't
 * hold. Times come from the backend and, through it, from senders and providers: a message with
 * `timestamp: 1e300` must show a placeholder, not throw a RangeError that empties the inbox.
 */
export function validTime(at: unknown): number | null {
  return typeof at === "number" && Number.isFinite(at) && Math.abs(at) <= MAX_DATE_MS ? at : null;
}

/** For `<time :datetime>`: ISO 8601, or undefined (no attribute) for an unusable time. */
export function isoTime(at: number | null | undefined): string | undefined {
  const t = validTime(at);
  return t === null ? undefined : new Date(t).toISOString();
}

/** "just now", "5m", "3h", "Tue", "12 Nov", "12 Nov 2031" - compact times for lists. */
export function shortTime(at: number | null | undefined, now: number = Date.now()): string {
  const t = validTime(at);
  if (t === null) return NO_TIME;
  const d = now - t;
  const date = new Date(t);
  // A time in the future (clock skew aside) is shown as a date, never as "just now".
  if (d < -MINUTE) return dayMonth(t, now);
  if (d < MINUTE) return "just now";
  if (d < HOUR) return `${Math.floor(d / MINUTE)}m`;
  if (d < DAY) return `${Math.floor(d / HOUR)}h`;
  if (d < 7 * DAY) return date.toLocaleDateString(undefined, { weekday: "short" });
  return dayMonth(t, now);
}

/** "12 Nov", with the year when it is not this year's ("3 Jan 3000"). */
export function dayMonth(at: number | null | undefined, now: number = Date.now()): string {
  const t = validTime(at);
  if (t === null) return NO_TIME;
  const date = new Date(t);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

export function fullTime(at: number | null | undefined): string {
  const t = validTime(at);
  if (t === null) return NO_TIME;
  return new Date(t).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function duration(ms: number | null | undefined): string {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) return NO_TIME;
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} min`;
  if (ms < DAY) return `${(ms / HOUR).toFixed(ms < 10 * HOUR ? 1 : 0)} h`;
  return `${(ms / DAY).toFixed(1)} days`;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}

export function percent(x: number | null | undefined): string {
  if (typeof x !== "number" || !Number.isFinite(x)) return NO_TIME;
  return `${Math.round(x * 100)}%`;
}
