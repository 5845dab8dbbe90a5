/**
 * Log-scale duration histograms for median/p90 over any range: each day bucket keeps counts per
 * bin, a report sums bins over the range and reads the percentile off the merged counts. Exact
 * percentiles would need every sample (or an order-statistics tree keyed by duration, which cannot
 * also be filtered by day and channel); a bin is 25% wide, so an estimate is within ~12% of the true
 * value. Pure: no Convex imports.
 */

/** Bin i covers [edge(i), edge(i+1)); bin 0 starts at 0 (everything under MIN_MS). */
const MIN_MS = 10_000;
const FACTOR = 1.25;
/** 10 s * 1.25^58 ≈ 4 months; the last bin takes everything longer. */
export const BIN_COUNT = 60;

function edge(i: number): number {
  return i === 0 ? 0 : MIN_MS * FACTOR ** (i - 1);
}

export function binOf(ms: number): number {
  if (!(ms >= MIN_MS)) return 0;
  return Math.min(BIN_COUNT - 1, 1 + Math.floor(Math.log(ms / MIN_MS) / Math.log(FACTOR)));
}

export interface DurationHistogram {
  count: number;
  sumMs: number;
  bins: number[];
}

export function emptyHistogram(): DurationHistogram {
  return { count: 0, sumMs: 0, bins: new Array(BIN_COUNT).fill(0) };
}

export function addSample(h: DurationHistogram, ms: number): DurationHistogram {
  const bins = h.bins.length === BIN_COUNT ? [...h.bins] : emptyHistogram().bins;
  const value = Math.max(0, ms);
  bins[binOf(value)]! += 1;
  return { count: h.count + 1, sumMs: h.sumMs + value, bins };
}

export function mergeHistograms(into: DurationHistogram, h: DurationHistogram): DurationHistogram {
  const bins = into.bins.map((n, i) => n + (h.bins[i] ?? 0));
  return { count: into.count + h.count, sumMs: into.sumMs + h.sumMs, bins };
}

/**
 * The q-quantile (0 < q <= 1) of the samples, interpolated geometrically inside its bin; null when
 * there are none.
 */
export function percentile(h: DurationHistogram, q: number): number | null {
  if (h.count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * h.count));
  let seen = 0;
  for (let i = 0; i < h.bins.length; i++) {
    const n = h.bins[i] ?? 0;
    if (seen + n >= rank) {
      const lo = edge(i);
      const hi = i === BIN_COUNT - 1 ? lo * FACTOR : edge(i + 1);
      const within = (rank - seen - 0.5) / n;
      if (i === 0) return Math.round(hi * within);
      return Math.round(lo * (hi / lo) ** within);
    }
    seen += n;
  }
  return null;
}
