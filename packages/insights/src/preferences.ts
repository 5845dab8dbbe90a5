import { DAY, HOUR, MINUTE, zonedParts } from "./time";
import type { Channel, MessageInput } from "./types";

export type HistoryMessage = Pick<MessageInput, "channel" | "direction" | "sentAt">;

export interface ChannelPreference {
  channel: Channel | null;
  /** Recency-weighted inbound counts per channel. */
  scores: Partial<Record<Channel, number>>;
}

/**
 * Preferred channel = channel with the largest recency-weighted count of INBOUND messages, each
 * weighted 0.5^(ageDays / halfLifeDays) (default half-life 30 days, age measured from `now`).
 * Ties go to the channel used most recently. null when the contact never wrote to us.
 */
export function preferredChannel(history: HistoryMessage[], now: number, halfLifeDays = 30): ChannelPreference {
  const scores: Partial<Record<Channel, number>> = {};
  const last: Partial<Record<Channel, number>> = {};
  for (const m of history) {
    if (m.direction !== "inbound") continue;
    const age = Math.max(0, now - m.sentAt) / DAY;
    scores[m.channel] = (scores[m.channel] ?? 0) + 0.5 ** (age / halfLifeDays);
    last[m.channel] = Math.max(last[m.channel] ?? -Infinity, m.sentAt);
  }
  let channel: Channel | null = null;
  for (const [c, s] of Object.entries(scores) as Array<[Channel, number]>) {
    const cur = channel ? scores[channel]! : -1;
    if (s > cur + 1e-9 || (Math.abs(s - cur) <= 1e-9 && (last[c] ?? 0) > (last[channel!] ?? 0))) channel = c;
  }
  for (const k of Object.keys(scores) as Channel[]) scores[k] = Math.round(scores[k]! * 1000) / 1000;
  return { channel, scores };
}

export interface ResponseSample {
  /** Direction of the reply. */
  by: "us" | "contact";
  /** ms between the first message of the other side's turn and this reply. */
  delay: number;
  /** sentAt of the reply. */
  at: number;
  /** sentAt of the message being replied to. */
  promptAt: number;
}

/**
 * Reply delays. The history is sorted by time and grouped into turns (consecutive messages in one
 * direction); each change of direction is one reply, measured from the FIRST message of the previous
 * turn. Gaps longer than `maxGapMs` (default 14 days) are treated as new conversations, not replies.
 */
export function responseSamples(history: HistoryMessage[], maxGapMs = 14 * DAY): ResponseSample[] {
  const sorted = [...history].sort((a, b) => a.sentAt - b.sentAt);
  const out: ResponseSample[] = [];
  let turnStart: HistoryMessage | null = null;
  for (const m of sorted) {
    if (!turnStart) {
      turnStart = m;
      continue;
    }
    if (m.direction !== turnStart.direction) {
      const delay = m.sentAt - turnStart.sentAt;
      if (delay <= maxGapMs) {
        out.push({
          by: m.direction === "outbound" ? "us" : "contact",
          delay,
          at: m.sentAt,
          promptAt: turnStart.sentAt,
        });
      }
      turnStart = m;
    }
  }
  return out;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface ResponseTimes {
  /** Median ms for us to reply to the contact; null without samples. */
  ours: number | null;
  /** Median ms for the contact to reply to us. */
  theirs: number | null;
  samples: { ours: number; theirs: number };
}

export function responseTimes(history: HistoryMessage[], maxGapMs?: number): ResponseTimes {
  const s = responseSamples(history, maxGapMs);
  const ours = s.filter((x) => x.by === "us").map((x) => x.delay);
  const theirs = s.filter((x) => x.by === "contact").map((x) => x.delay);
  return { ours: median(ours), theirs: median(theirs), samples: { ours: ours.length, theirs: theirs.length } };
}

/**
 * 7x24 histogram of message counts by local weekday (row 0 = Sunday ... 6 = Saturday) and local hour
 * in `timezone`. Defaults to inbound messages only (when the contact is active).
 */
export function activeHours(
  history: HistoryMessage[],
  timezone = "UTC",
  direction: "inbound" | "outbound" | "both" = "inbound",
): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const m of history) {
    if (direction !== "both" && m.direction !== direction) continue;
    const p = zonedParts(m.sentAt, timezone);
    grid[p.weekday]![p.hour]! += 1;
  }
  return grid;
}

export interface ResponsePattern {
  code:
    | "fast_weekday_replier"
    | "fast_replier"
    | "slow_replier"
    | "weekend_quiet"
    | "weekend_active"
    | "peak_window"
    | "after_hours";
  description: string;
}

function humanDuration(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} minutes`;
  if (ms < DAY) return `${Math.round(ms / HOUR)} hours`;
  return `${Math.round(ms / DAY)} days`;
}

/**
 * Human-readable patterns (need >= `minSamples`, default 3, data points each):
 * - fast_weekday_replier: median contact reply on weekdays (local) <= 1h -> "replies within an hour on weekdays"
 * - fast_replier / slow_replier: overall median <= 1h / >= 2 days
 * - weekend_quiet: < 10% of inbound messages on Sat/Sun; weekend_active: >= 40%
 * - peak_window: the 3-hour local window with the most inbound messages if it holds >= 40% of them
 * - after_hours: >= 30% of inbound messages outside 08:00-19:00 local
 */
export function responsePatterns(history: HistoryMessage[], timezone = "UTC", minSamples = 3): ResponsePattern[] {
  const out: ResponsePattern[] = [];
  const theirs = responseSamples(history).filter((s) => s.by === "contact");
  const isWeekend = (t: number) => {
    const d = zonedParts(t, timezone).weekday;
    return d === 0 || d === 6;
  };
  const weekday = theirs.filter((s) => !isWeekend(s.at)).map((s) => s.delay);
  const wdMedian = weekday.length >= minSamples ? median(weekday) : null;
  if (wdMedian !== null && wdMedian <= HOUR) {
    out.push({ code: "fast_weekday_replier", description: "replies within an hour on weekdays" });
  }
  const all = theirs.length >= minSamples ? median(theirs.map((s) => s.delay)) : null;
  if (all !== null && all <= HOUR && !out.length)
    out.push({ code: "fast_replier", description: `usually replies within ${humanDuration(all)}` });
  if (all !== null && all >= 2 * DAY)
    out.push({ code: "slow_replier", description: `usually takes about ${humanDuration(all)} to reply` });

  const inbound = history.filter((m) => m.direction === "inbound");
  if (inbound.length >= minSamples) {
    const weekendShare = inbound.filter((m) => isWeekend(m.sentAt)).length / inbound.length;
    if (weekendShare < 0.1) out.push({ code: "weekend_quiet", description: "rarely writes on weekends" });
    else if (weekendShare >= 0.4) out.push({ code: "weekend_active", description: "often writes on weekends" });
    const hours = new Array<number>(24).fill(0);
    for (const m of inbound) hours[zonedParts(m.sentAt, timezone).hour]! += 1;
    let bestStart = 0;
    let best = -1;
    for (let h = 0; h < 24; h++) {
      const c = hours[h]! + hours[(h + 1) % 24]! + hours[(h + 2) % 24]!;
      // ties go to the window that starts with activity ("09:00-12:00" rather than "07:00-10:00")
      if (c > best || (c === best && hours[bestStart] === 0 && hours[h]! > 0)) {
        best = c;
        bestStart = h;
      }
    }
    if (best / inbound.length >= 0.4) {
      const pad = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
      out.push({ code: "peak_window", description: `most active ${pad(bestStart)}-${pad(bestStart + 3)}` });
    }
    const outside = inbound.filter((m) => {
      const h = zonedParts(m.sentAt, timezone).hour;
      return h < 8 || h >= 19;
    }).length;
    if (outside / inbound.length >= 0.3)
      out.push({ code: "after_hours", description: "often writes outside business hours" });
  }
  return out;
}

export interface Preferences {
  preferredChannel: ChannelPreference;
  responseTimes: ResponseTimes;
  activeHours: number[][];
  patterns: ResponsePattern[];
}

export interface PreferenceOptions {
  now: number;
  timezone?: string;
  halfLifeDays?: number;
}

/** All preference signals for one contact's history. */
export function analysePreferences(history: HistoryMessage[], opts: PreferenceOptions): Preferences {
  const tz = opts.timezone ?? "UTC";
  return {
    preferredChannel: preferredChannel(history, opts.now, opts.halfLifeDays),
    responseTimes: responseTimes(history),
    activeHours: activeHours(history, tz),
    patterns: responsePatterns(history, tz),
  };
}
