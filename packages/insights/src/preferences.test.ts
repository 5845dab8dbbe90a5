import { describe, expect, it } from "vitest";
import type { HistoryMessage } from "./preferences";
import {
  activeHours,
  analysePreferences,
  median,
  preferredChannel,
  responsePatterns,
  responseTimes,
} from "./preferences";

const H = 3600_000;
const D = 24 * H;
const NOW = Date.parse("2026-03-31T12:00:00Z");
const at = (iso: string) => Date.parse(iso);

describe("preferredChannel", () => {
  it("weights inbound messages by recency", () => {
    const history: HistoryMessage[] = [
      // three old emails (90 days ago -> weight 0.125 each with a 30-day half-life)
      ...[0, 1, 2].map((i) => ({
        channel: "email" as const,
        direction: "inbound" as const,
        sentAt: NOW - 90 * D - i * H,
      })),
      // one recent WhatsApp message (weight ~1)
      { channel: "whatsapp", direction: "inbound", sentAt: NOW - D },
      // outbound messages never count
      ...[0, 1, 2, 3].map((i) => ({ channel: "sms" as const, direction: "outbound" as const, sentAt: NOW - i * H })),
    ];
    const p = preferredChannel(history, NOW);
    expect(p.channel).toBe("whatsapp");
    expect(p.scores.email).toBeCloseTo(0.375, 2);
    expect(p.scores.sms).toBeUndefined();
    expect(preferredChannel(history, NOW, 3650).channel).toBe("email");
    expect(preferredChannel([], NOW).channel).toBeNull();
  });
});

describe("responseTimes", () => {
  it("measures our and their replies separately, from the start of the other side's turn", () => {
    const history: HistoryMessage[] = [
      { channel: "email", direction: "inbound", sentAt: at("2026-03-02T09:00:00Z") },
      { channel: "email", direction: "inbound", sentAt: at("2026-03-02T09:30:00Z") },
      { channel: "email", direction: "outbound", sentAt: at("2026-03-02T11:00:00Z") }, // ours: 2h
      { channel: "email", direction: "inbound", sentAt: at("2026-03-02T11:20:00Z") }, // theirs: 20m
      { channel: "email", direction: "outbound", sentAt: at("2026-03-02T15:20:00Z") }, // ours: 4h
      { channel: "email", direction: "inbound", sentAt: at("2026-03-02T16:20:00Z") }, // theirs: 1h
      { channel: "email", direction: "outbound", sentAt: at("2026-04-30T16:20:00Z") }, // > 14 days: new thread
    ];
    const r = responseTimes(history);
    expect(r.ours).toBe(3 * H);
    expect(r.theirs).toBe(40 * 60_000);
    expect(r.samples).toEqual({ ours: 2, theirs: 2 });
    expect(responseTimes([]).ours).toBeNull();
  });

  it("median handles odd and even lengths", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("activeHours and patterns", () => {
  // contact in New York writes weekday mornings 09:xx local and we reply; they answer within 15 min
  const history: HistoryMessage[] = [];
  for (const day of ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]) {
    const ours = at(`${day}T14:00:00Z`); // 09:00 / 10:00 New York
    history.push({ channel: "email", direction: "outbound", sentAt: ours });
    history.push({ channel: "email", direction: "inbound", sentAt: ours + 15 * 60_000 });
  }

  it("builds a 7x24 histogram in the contact's zone", () => {
    const grid = activeHours(history, "America/New_York");
    expect(grid).toHaveLength(7);
    expect(grid.every((row) => row.length === 24)).toBe(true);
    expect(grid[1]![9]).toBe(1); // Monday 2 March, EST
    expect(grid[5]![9]).toBe(1); // Friday 6 March, 14:15Z = 09:15 EST
    expect(grid.flat().reduce((a, b) => a + b, 0)).toBe(5);
    expect(activeHours(history, "UTC", "both")[1]![14]).toBe(2);
  });

  it("describes response patterns", () => {
    const descriptions = responsePatterns(history, "America/New_York").map((p) => p.description);
    expect(descriptions).toContain("replies within an hour on weekdays");
    expect(descriptions).toContain("rarely writes on weekends");
    expect(descriptions).toContain("most active 09:00-12:00");
    expect(responsePatterns(history.slice(0, 2), "America/New_York")).toEqual([]);
  });

  it("analysePreferences bundles everything", () => {
    const p = analysePreferences(history, { now: NOW, timezone: "America/New_York" });
    expect(p.preferredChannel.channel).toBe("email");
    expect(p.responseTimes.theirs).toBe(15 * 60_000);
    expect(p.responseTimes.ours).toBe(D - 15 * 60_000);
    expect(p.patterns.length).toBeGreaterThan(0);
  });
});
