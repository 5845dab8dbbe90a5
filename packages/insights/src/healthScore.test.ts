import { describe, expect, it } from "vitest";
import type { Commitment } from "./commitments";
import { computeHealthScore, HEALTH_CSAT_WEIGHT, HEALTH_CSAT_WINDOW, HEALTH_WEIGHTS } from "./healthScore";

const D = 86_400_000;
const NOW = Date.parse("2026-03-31T12:00:00Z");
const commitment = (over: Partial<Commitment>): Commitment => ({
  text: "x",
  action: "x",
  kind: "deliver",
  actor: "us",
  who: null,
  dueAt: null,
  duePhrase: null,
  sourceMessageId: "m",
  createdAt: NOW - 10 * D,
  ...over,
});

describe("computeHealthScore", () => {
  it("follows the documented formula exactly", () => {
    const h = computeHealthScore({
      now: NOW,
      messages: [
        { direction: "inbound", sentAt: NOW - 7 * D },
        { direction: "outbound", sentAt: NOW - 8 * D },
        { direction: "inbound", sentAt: NOW - 10 * D },
        { direction: "outbound", sentAt: NOW - 12 * D },
        { direction: "inbound", sentAt: NOW - 20 * D },
        { direction: "outbound", sentAt: NOW - 29 * D },
        { direction: "inbound", sentAt: NOW - 45 * D }, // outside the 30-day window
        { direction: "inbound", sentAt: NOW + D }, // in the future: ignored
      ],
      sentiment: [
        { at: NOW - 7 * D, score: 0.5 },
        { at: NOW - 10 * D, score: 0.3 },
        { at: NOW - 45 * D, score: -0.2 },
      ],
      commitments: [
        commitment({ actor: "us", dueAt: NOW - 2 * D }), // overdue, ours
        commitment({ actor: "contact", dueAt: NOW + 2 * D }), // open
        commitment({ actor: "contact", dueAt: NOW - 5 * D, fulfilledAt: NOW - 6 * D }), // fulfilled
      ],
    });
    expect(h.components).toEqual({ recency: 70.7, frequency: 60, sentiment: 78, commitments: 65, satisfaction: null });
    expect(h.details).toMatchObject({
      daysSinceLastInbound: 7,
      messagesLast30Days: 6,
      recentSentiment: 0.4,
      sentimentTrend: 0.6,
      openCommitments: 1,
      overdueOurs: 1,
      overdueTheirs: 0,
      csatRatings: 0,
      csatMean: null,
    });
    // 0.35*70.71 + 0.25*60 + 0.25*78 + 0.15*65 = 68.998
    expect(h.score).toBe(69);
    expect(h.label).toBe("at_risk");
    expect(h.weights).toEqual({ ...HEALTH_WEIGHTS, satisfaction: HEALTH_CSAT_WEIGHT });
  });

  it("scores an engaged, happy relationship as healthy and a silent one as cold", () => {
    const engaged = computeHealthScore({
      now: NOW,
      messages: Array.from(
        { length: 12 },
        (_, i) => ({ direction: i % 2 ? "inbound" : "outbound", sentAt: NOW - i * D }) as const,
      ),
      sentiment: [{ at: NOW - D, score: 0.8 }],
    });
    expect(engaged.label).toBe("healthy");
    expect(engaged.components.frequency).toBe(100);

    const silent = computeHealthScore({ now: NOW, messages: [{ direction: "outbound", sentAt: NOW - 60 * D }] });
    expect(silent.components.recency).toBe(0);
    expect(silent.details.daysSinceLastInbound).toBeNull();
    expect(silent.label).toBe("cold");
  });

  it("is deterministic and bounded", () => {
    const input = {
      now: NOW,
      messages: [{ direction: "inbound" as const, sentAt: NOW }],
      sentiment: [{ at: NOW, score: -1 }],
      commitments: Array.from({ length: 10 }, () => commitment({ dueAt: NOW - D })),
    };
    const a = computeHealthScore(input);
    expect(computeHealthScore(input)).toEqual(a);
    expect(a.components.commitments).toBe(0);
    expect(a.components.sentiment).toBe(10);
    expect(a.score).toBeGreaterThanOrEqual(0);
    expect(a.score).toBeLessThanOrEqual(100);
  });

  describe("CSAT ratings", () => {
    // A middling relationship (base 0.35*50 + 0.25*40 + 0.25*50 + 0.15*100 = 55) so a rating can move it either way.
    const base = {
      now: NOW,
      messages: [
        { direction: "inbound" as const, sentAt: NOW - 14 * D },
        { direction: "outbound" as const, sentAt: NOW - 13 * D },
        { direction: "inbound" as const, sentAt: NOW - 20 * D },
        { direction: "outbound" as const, sentAt: NOW - 19 * D },
      ],
    };
    const rated = (...scores: number[]) =>
      computeHealthScore({ ...base, csat: scores.map((score, i) => ({ at: NOW - (scores.length - i) * D, score })) });

    it("a 1-star rating lowers the score and a 5-star raises it, by the documented weight", () => {
      const none = computeHealthScore(base);
      expect(none.score).toBe(55);
      expect(none.components.satisfaction).toBeNull();
      const low = rated(1);
      const high = rated(5);
      // round(0.8 * 55 + 0.2 * 0) = 44; round(0.8 * 55 + 0.2 * 100) = 64
      expect(low.score).toBe(44);
      expect(low.components.satisfaction).toBe(0);
      expect(high.score).toBe(64);
      expect(high.components.satisfaction).toBe(100);
      expect(high.details).toMatchObject({ csatRatings: 1, csatMean: 5 });
      // 3 stars is neutral-ish: Q = 50, round(44 + 10) = 54
      expect(rated(3).score).toBe(54);
    });

    it("counts only the newest ratings up to the window, ignores future ones, clamps out-of-range scores", () => {
      // Five old 1-star ratings, then five 5-star ones: only the newest five count.
      const recovered = rated(1, 1, 1, 1, 1, 5, 5, 5, 5, 5);
      expect(recovered.details.csatRatings).toBe(HEALTH_CSAT_WINDOW);
      expect(recovered.details.csatMean).toBe(5);
      expect(recovered.score).toBe(rated(5).score);

      const future = computeHealthScore({ ...base, csat: [{ at: NOW + D, score: 1 }] });
      expect(future.score).toBe(55);
      expect(future.details.csatRatings).toBe(0);

      const wild = computeHealthScore({ ...base, csat: [{ at: NOW - D, score: 99 }] });
      expect(wild.components.satisfaction).toBe(100);
      for (const h of [recovered, wild, rated(1, 1, 1, 1, 1, 1, 1)]) {
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(100);
      }
    });
  });
});
