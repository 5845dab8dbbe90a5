import { round3, ruleSignals } from "./sentimentRules";
import { createLocator, type SourceSpan } from "./span";
import { startOfZonedDay, startOfZonedWeek } from "./time";

export { afinnScore, LEXICON_OVERRIDES } from "./sentimentRules";

export type SentimentLabel = "positive" | "neutral" | "negative";

export interface SentimentResult {
  /** Normalised score in [-1, 1]. */
  score: number;
  label: SentimentLabel;
  /** Sum of (negation/intensity adjusted) AFINN word scores. */
  raw: number;
  /** Number of word tokens considered. */
  tokens: number;
  positive: string[];
  negative: string[];
  /** The scored part of the text (the body, without quotes and signature). */
  span?: SourceSpan | null;
}

export interface SentimentOptions {
  /** |score| below this is neutral. Default 0.1. */
  neutralBand?: number;
  /** Score the text as-is (skip quote / signature / disclaimer stripping). Default false. */
  raw?: boolean;
}

/** Per-message sentiment: the rule scorer's label by its normalised score (see sentimentRules.ts). */
export function scoreSentiment(text: string, opts: SentimentOptions = {}): SentimentResult {
  const band = opts.neutralBand ?? 0.1;
  const s = ruleSignals(text, opts);
  const label: SentimentLabel = s.score >= band ? "positive" : s.score <= -band ? "negative" : "neutral";
  return {
    score: s.score,
    label,
    raw: s.raw,
    tokens: s.tokens,
    positive: s.positive,
    negative: s.negative,
    span: bodySpan(text, s.cleaned),
  };
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
