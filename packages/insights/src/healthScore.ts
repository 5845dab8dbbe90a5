import { type Commitment, isOverdue } from "./commitments";
import { DAY } from "./time";
import type { Direction } from "./types";

export interface HealthInput {
  /** Evaluation instant (epoch ms). Never read from the clock. */
  now: number;
  messages: Array<{ direction: Direction; sentAt: number }>;
  /** Per-message sentiment of the CONTACT's messages (inbound). */
  sentiment?: Array<{ at: number; score: number }>;
  commitments?: Commitment[];
}

export interface HealthComponents {
  recency: number;
  frequency: number;
  sentiment: number;
  commitments: number;
}

export interface HealthScore {
  score: number;
  label: "healthy" | "at_risk" | "cold";
  components: HealthComponents;
  weights: HealthComponents;
  details: {
    daysSinceLastInbound: number | null;
    messagesLast30Days: number;
    recentSentiment: number;
    sentimentTrend: number;
    openCommitments: number;
    overdueOurs: number;
    overdueTheirs: number;
  };
}

export const HEALTH_WEIGHTS: HealthComponents = { recency: 0.35, frequency: 0.25, sentiment: 0.25, commitments: 0.15 };

const clamp = (x: number, lo = 0, hi = 100) => Math.min(hi, Math.max(lo, x));
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Relationship health, 0-100 (see README "Health score"):
 *
 *   recency     R = 100 * 0.5^(daysSinceLastInbound / 14)            (0 if the contact never wrote)
 *   frequency   F = 100 * min(messagesLast30Days, 10) / 10            (both directions, 30 days before now)
 *   sentiment   S = clamp(50 + 40 * recent + 20 * trend)
 *                   recent = mean inbound score over the last 30 days (else the last 5 scores, else 0)
 *                   trend  = recent - mean score of days 30-90 before now (0 when either is empty)
 *   commitments C = clamp(100 - 30 * overdueOurs - 15 * overdueTheirs - 5 * openNotOverdue)
 *                   (open = not fulfilled by now; overdue per isOverdue(c, now))
 *
 *   score = round(0.35 R + 0.25 F + 0.25 S + 0.15 C);  label: >= 70 healthy, >= 40 at_risk, else cold.
 * Messages/scores after `now` are ignored.
 */
export function computeHealthScore(input: HealthInput): HealthScore {
  const { now } = input;
  const msgs = input.messages.filter((m) => m.sentAt <= now);
  const lastInbound = msgs.filter((m) => m.direction === "inbound").reduce((a, m) => Math.max(a, m.sentAt), -Infinity);
  const daysSince = Number.isFinite(lastInbound) ? (now - lastInbound) / DAY : null;
  const recency = daysSince === null ? 0 : 100 * 0.5 ** (daysSince / 14);

  const last30 = msgs.filter((m) => now - m.sentAt <= 30 * DAY).length;
  const frequency = (100 * Math.min(last30, 10)) / 10;

  const points = (input.sentiment ?? []).filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
  const recentPts = points.filter((p) => now - p.at <= 30 * DAY).map((p) => p.score);
  const olderPts = points.filter((p) => now - p.at > 30 * DAY && now - p.at <= 90 * DAY).map((p) => p.score);
  const recent = mean(recentPts) ?? mean(points.slice(-5).map((p) => p.score)) ?? 0;
  const older = mean(olderPts);
  const trend = recentPts.length && older !== null ? recent - older : 0;
  const sentiment = clamp(50 + 40 * recent + 20 * trend);

  let overdueOurs = 0;
  let overdueTheirs = 0;
  let open = 0;
  for (const c of input.commitments ?? []) {
    if (c.createdAt > now) continue;
    if (c.fulfilledAt != null && c.fulfilledAt <= now) continue;
    if (isOverdue(c, now)) {
      if (c.actor === "us") overdueOurs++;
      else overdueTheirs++;
    } else open++;
  }
  const commitments = clamp(100 - 30 * overdueOurs - 15 * overdueTheirs - 5 * open);

  const components = {
    recency: r1(recency),
    frequency: r1(frequency),
    sentiment: r1(sentiment),
    commitments: r1(commitments),
  };
  const w = HEALTH_WEIGHTS;
  const score = Math.round(
    w.recency * recency + w.frequency * frequency + w.sentiment * sentiment + w.commitments * commitments,
  );
  return {
    score,
    label: score >= 70 ? "healthy" : score >= 40 ? "at_risk" : "cold",
    components,
    weights: { ...w },
    details: {
      daysSinceLastInbound: daysSince === null ? null : r1(daysSince),
      messagesLast30Days: last30,
      recentSentiment: Math.round(recent * 1000) / 1000,
      sentimentTrend: Math.round(trend * 1000) / 1000,
      openCommitments: open,
      overdueOurs,
      overdueTheirs,
    },
  };
}
