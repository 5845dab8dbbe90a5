/**
 * Log-scale duration histograms for median/p90 over any range: each day bucket keeps counts per
 * bin, a report sums bins over the range and reads the percentile off the merged counts. Exact
 * percentiles would need every sample (or an order-statistics tree keyed by duration, which cannot
 * also be filtered by day and channel); a bin is 25% wide, so an estimate is within ~12% of the true
 * value. Pure: no Convex imports.
 *
 * Stored sparsely (a day's samples fill a few of the 60 bins): `bins` is a flat list of
 * [bin, count, bin, count, ...] pairs in bin order, which keeps a bucket row small, and a report
 * reads hundreds of them. A report sums them into a dense accumulator.
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

/** As stored in a bucket row: sample count, sum, and sparse [bin, count] pairs. */
export interface DurationHistogram {
  count: number;
  sumMs: number;
  bins: number[];
}

export function emptyHistogram(): DurationHistogram {
  return { count: 0, sumMs: 0, bins: [] };
}

/** Adds `n` samples of `ms` (a new histogram; the stored one is not changed). */
export function addSample(h: DurationHistogram, ms: number, n = 1): DurationHistogram {
  const value = Math.max(0, ms);
  const bin = binOf(value);
  const bins = [...h.bins];
  let i = 0;
  while (i < bins.length && bins[i]! < bin) i += 2;
  if (bins[i] === bin) bins[i + 1]! += n;
  else bins.splice(i, 0, bin, n);
  return { count: h.count + n, sumMs: h.sumMs + value * n, bins };
}

/** Sums of many stored histograms: dense, filled in place. */
export interface HistogramTotals {
  count: number;
  sumMs: number;
  bins: Float64Array;
}

export function histogramTotals(): HistogramTotals {
  return { count: 0, sumMs: 0, bins: new Float64Array(BIN_COUNT) };
}

export function accumulate(into: HistogramTotals, h: DurationHistogram): HistogramTotals {
  into.count += h.count;
  into.sumMs += h.sumMs;
  for (let i = 0; i + 1 < h.bins.length; i += 2) into.bins[h.bins[i]!]! += h.bins[i + 1]!;
  return into;
}

/** Two stored histograms merged into one stored histogram (bulk loading). */
export function mergeHistograms(a: DurationHistogram, b: DurationHistogram): DurationHistogram {
  const dense = accumulate(accumulate(histogramTotals(), a), b);
  const bins: number[] = [];
  dense.bins.forEach((n, i) => {
    if (n) bins.push(i, n);
  });
  return { count: dense.count, sumMs: dense.sumMs, bins };
}

/**
 * The q-quantile (0 < q <= 1) of the samples, interpolated geometrically inside its bin; null when
 * there are none.
 */
export function percentile(h: HistogramTotals, q: number): number | null {
  if (h.count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * h.count));
  let seen = 0;
  for (let i = 0; i < h.bins.length; i++) {
    const n = h.bins[i] ?? 0;
    if (n > 0 && seen + n >= rank) {
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
