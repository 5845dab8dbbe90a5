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
  /** The contact's CSAT ratings (1-5, when given); only the newest HEALTH_CSAT_WINDOW count. */
  csat?: Array<{ at: number; score: number }>;
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
  /** `satisfaction` is null when the contact never rated a conversation (it then has no weight). */
  components: HealthComponents & { satisfaction: number | null };
  weights: HealthComponents & { satisfaction: number };
  details: {
    daysSinceLastInbound: number | null;
    messagesLast30Days: number;
    recentSentiment: number;
    sentimentTrend: number;
    openCommitments: number;
    overdueOurs: number;
    overdueTheirs: number;
    csatRatings: number;
    csatMean: number | null;
  };
}

export const HEALTH_WEIGHTS: HealthComponents = { recency: 0.35, frequency: 0.25, sentiment: 0.25, commitments: 0.15 };
/**
 * Share of the score that the contact's own satisfaction ratings decide when there are any: a
 * rating is the customer's explicit verdict, so it weighs as much as sentiment inferred from text,
 * but a single rating cannot outweigh how the relationship actually behaves (80% stays behavioural).
 */
export const HEALTH_CSAT_WEIGHT = 0.2;
/** Newest ratings that count: recent service, and a bounded read for the caller. */
export const HEALTH_CSAT_WINDOW = 5;

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
 *   base  = 0.35 R + 0.25 F + 0.25 S + 0.15 C
 *   satisfaction Q = 100 * (mean of the newest 5 CSAT ratings - 1) / 4   (1 star = 0, 5 stars = 100)
 *   score = round(base) without ratings, else round(0.8 base + 0.2 Q);
 *   label: >= 70 healthy, >= 40 at_risk, else cold.
 * Messages/scores/ratings after `now` are ignored; ratings outside 1-5 are clamped.
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
  const ratings = (input.csat ?? [])
    .filter((r) => r.at <= now && Number.isFinite(r.score))
    .sort((a, b) => a.at - b.at)
    .slice(-HEALTH_CSAT_WINDOW)
    .map((r) => clamp(r.score, 1, 5));
  const csatMean = mean(ratings);
  const satisfaction = csatMean === null ? null : (100 * (csatMean - 1)) / 4;

  const w = HEALTH_WEIGHTS;
  const base = w.recency * recency + w.frequency * frequency + w.sentiment * sentiment + w.commitments * commitments;
  const score = Math.round(
    satisfaction === null ? base : (1 - HEALTH_CSAT_WEIGHT) * base + HEALTH_CSAT_WEIGHT * satisfaction,
  );
  return {
    score,
    label: score >= 70 ? "healthy" : score >= 40 ? "at_risk" : "cold",
    components: { ...components, satisfaction: satisfaction === null ? null : r1(satisfaction) },
    weights: { ...w, satisfaction: HEALTH_CSAT_WEIGHT },
    details: {
      daysSinceLastInbound: daysSince === null ? null : r1(daysSince),
      messagesLast30Days: last30,
      recentSentiment: Math.round(recent * 1000) / 1000,
      sentimentTrend: Math.round(trend * 1000) / 1000,
      openCommitments: open,
      overdueOurs,
      overdueTheirs,
      csatRatings: ratings.length,
      csatMean: csatMean === null ? null : Math.round(csatMean * 100) / 100,
    },
  };
}
