import { linearProbabilities } from "./linearModel";
import { sentimentFeatures } from "./sentimentFeatures";
import { SENTIMENT_MODEL } from "./sentimentModelData";
import { round3, ruleSignals } from "./sentimentRules";
import { createLocator, type SourceSpan } from "./span";
import { startOfZonedDay, startOfZonedWeek } from "./time";

export { afinnScore, LEXICON_OVERRIDES } from "./sentimentRules";

export type SentimentLabel = "positive" | "neutral" | "negative";

export interface SentimentResult {
  /** P(positive) − P(negative) under the learned model, in [-1, 1] (the rules' normalised score with `rulesOnly`). */
  score: number;
  label: SentimentLabel;
  /** Sum of (negation/intensity adjusted) AFINN word scores. */
  raw: number;
  /** Number of word tokens considered. */
  tokens: number;
  positive: string[];
  negative: string[];
  /** The model's class probabilities (absent with `rulesOnly`). */
  probabilities?: Readonly<Record<SentimentLabel, number>>;
  /** The scored part of the text (the body, without quotes and signature). */
  span?: SourceSpan | null;
}

export interface SentimentOptions {
  /** Neutral band (default 0.1): wider makes more messages neutral; see {@link labelAtBand}. */
  neutralBand?: number;
  /** The round-7 rule scorer alone (its normalised score and band), without the learned model. */
  rulesOnly?: boolean;
  /** Score the text as-is (skip quote / signature / disclaimer stripping). Default false. */
  raw?: boolean;
}

/**
 * Per-message sentiment (round 8): the rule scorer (sentimentRules.ts) reads the message, and a learned
 * 3-class linear model (sentimentModelData.ts) turns its score parts and cues plus the message's words into
 * P(negative), P(neutral), P(positive). `score` = P(positive) − P(negative) ∈ [−1, 1]; `label` is the most
 * probable class. `positive` / `negative` are the evaluative words and phrases the rules found (evidence,
 * not the decision). `neutralBand` keeps its meaning (wider = more neutral; see {@link labelAtBand}).
 */
export function scoreSentiment(text: string, opts: SentimentOptions = {}): SentimentResult {
  const s = ruleSignals(text, opts);
  const span = bodySpan(text, s.cleaned);
  const base = { raw: s.raw, tokens: s.tokens, positive: s.positive, negative: s.negative, span };
  if (opts.rulesOnly) return { ...base, score: s.score, label: byBand(s.score, opts.neutralBand ?? DEFAULT_BAND) };
  // nothing to read (an empty message, a bare signature): no tone
  if (s.tokens === 0) return { ...base, score: 0, label: "neutral" };
  const p = linearProbabilities(SENTIMENT_MODEL, sentimentFeatures(s, text));
  const at = (label: SentimentLabel) => p[SENTIMENT_MODEL.classes.indexOf(label)] ?? 0;
  const probabilities = { negative: at("negative"), neutral: at("neutral"), positive: at("positive") };
  const result = { ...base, score: round3(at("positive") - at("negative")), probabilities };
  return { ...result, label: labelAtBand({ ...result, label: "neutral" }, opts.neutralBand ?? DEFAULT_BAND) };
}

/** The rules' neutral band, and the band at which the model's label is its most probable class. */
const DEFAULT_BAND = 0.1;
/** Log-odds added to the neutral class per unit of band above the default (band 0.3 → +2). */
const NEUTRAL_LOG_ODDS_PER_BAND = 10;

const byBand = (score: number, band: number): SentimentLabel =>
  score >= band ? "positive" : score <= -band ? "negative" : "neutral";

/**
 * The label of a scored message under another neutral band (an organisation's corrections re-fit it,
 * learner.ts). For the rules, |score| below the band is neutral. For the model, the band widens or narrows
 * the neutral class: its log-odds move by 10 × (band − 0.1), so the default band is the most probable class
 * and a wider band makes more messages neutral, as it did for the rules.
 */
export function labelAtBand(result: SentimentResult, band: number): SentimentLabel {
  const p = result.probabilities;
  if (!p) return byBand(result.score, band);
  const shift = Math.exp(NEUTRAL_LOG_ODDS_PER_BAND * (band - DEFAULT_BAND));
  const neutral = p.neutral * shift;
  if (neutral >= p.positive && neutral >= p.negative) return "neutral";
  return p.positive > p.negative ? "positive" : "negative";
}

export interface SentimentPoint {
  /** Epoch ms. */
  at: number;
  score: number;
}

export interface TrendOptions {
  bucket: "day" | "week";
  /** IANA zone used to cut buckets. Default "UTC". */
  timezone?: string;
  /** Number of buckets in the rolling window (including the current one). Default 3. */
  window?: number;
}

export interface TrendBucket {
  /** Bucket start, epoch ms (local midnight / local Monday 00:00). */
  start: number;
  count: number;
  /** Mean score of the points in this bucket. */
  mean: number;
  /** Count-weighted mean over this bucket and the previous `window - 1` non-empty buckets. */
  rolling: number;
}

/** Rolling sentiment series over day or ISO-week buckets (only non-empty buckets are emitted, sorted). */
export function sentimentTrend(points: SentimentPoint[], opts: TrendOptions): TrendBucket[] {
  const tz = opts.timezone ?? "UTC";
  const window = Math.max(1, opts.window ?? 3);
  const startOf = opts.bucket === "day" ? startOfZonedDay : startOfZonedWeek;
  const buckets = new Map<number, { sum: number; count: number }>();
  for (const p of points) {
    const k = startOf(p.at, tz);
    const b = buckets.get(k) ?? { sum: 0, count: 0 };
    b.sum += p.score;
    b.count += 1;
    buckets.set(k, b);
  }
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  return keys.map((start, idx) => {
    const b = buckets.get(start)!;
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, idx - window + 1); j <= idx; j++) {
      const w = buckets.get(keys[j]!)!;
      sum += w.sum;
      count += w.count;
    }
    return { start, count: b.count, mean: round3(b.sum / b.count), rolling: round3(sum / count) };
  });
}

/** Slope of the rolling series: last rolling value minus the first (0 for fewer than 2 buckets). */
export function trendDelta(series: TrendBucket[]): number {
  if (series.length < 2) return 0;
  return round3(series[series.length - 1]!.rolling - series[0]!.rolling);
}

/** Span from the first to the last line of `body` inside `text`. */
function bodySpan(text: string, body: string): SourceSpan | null {
  const rows = body
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!rows.length) return null;
  const locator = createLocator(text);
  const first = locator.find(rows[0]!);
  if (!first) return null;
  const last = rows.length > 1 ? locator.find(rows[rows.length - 1]!, first.start) : first;
  if (!last) return first;
  return { start: first.start, end: last.end, quote: text.slice(first.start, last.end) };
}
