import { compareKeys, type Key } from "./values.js";

export interface Entry {
  key: Key;
  id: string;
}

const LOAD = 256;

/**
 * A sorted list made of bounded sorted chunks (like Python's sortedcontainers).
 * insert/delete are O(log n + LOAD), positional search is O(log n), iteration O(k).
 */
export class SortedIndex {
  private chunks: Entry[][] = [];
  private maxes: Key[] = [];
  size = 0;

  static fromSorted(entries: Entry[]): SortedIndex {
    const s = new SortedIndex();
    for (let i = 0; i < entries.length; i += LOAD) {
      const c = entries.slice(i, i + LOAD);
      s.chunks.push(c);
      s.maxes.push(c[c.length - 1]!.key);
    }
    s.size = entries.length;
    return s;
  }

  /** first chunk index whose max >= key (by predicate) */
  private chunkFor(pred: (k: Key) => boolean): number {
    let lo = 0,
      hi = this.maxes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(this.maxes[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  insert(e: Entry): void {
    this.size++;
    if (this.chunks.length === 0) {
      this.chunks.push([e]);
      this.maxes.push(e.key);
      return;
    }
    let ci = this.chunkFor((m) => compareKeys(m, e.key) >= 0);
    if (ci === this.chunks.length) ci--;
    const c = this.chunks[ci]!;
    let lo = 0,
      hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(c[mid]!.key, e.key) < 0) lo = mid + 1;
      else hi = mid;
    }
    c.splice(lo, 0, e);
    this.maxes[ci] = c[c.length - 1]!.key;
    if (c.length > LOAD * 2) {
      const half = c.splice(LOAD);
      this.chunks.splice(ci + 1, 0, half);
      this.maxes[ci] = c[c.length - 1]!.key;
      this.maxes.splice(ci + 1, 0, half[half.length - 1]!.key);
    }
  }

  delete(key: Key): boolean {
    const ci = this.chunkFor((m) => compareKeys(m, key) >= 0);
    if (ci === this.chunks.length) return false;
    const c = this.chunks[ci]!;
    let lo = 0,
      hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(c[mid]!.key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= c.length || compareKeys(c[lo]!.key, key) !== 0) return false;
    c.splice(lo, 1);
    this.size--;
    if (c.length === 0) {
      this.chunks.splice(ci, 1);
      this.maxes.splice(ci, 1);
    } else {
      this.maxes[ci] = c[c.length - 1]!.key;
    }
    return true;
  }

  /**
   * Position (chunk, offset) of the first entry e such that pred(e.key) is true,
   * where pred is monotone (false...false true...true).
   */
  lowerBound(pred: (k: Key) => boolean): [number, number] {
    const ci = this.chunkFor(pred);
    if (ci === this.chunks.length) return [ci, 0];
    const c = this.chunks[ci]!;
    let lo = 0,
      hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(c[mid]!.key)) hi = mid;
      else lo = mid + 1;
    }
    return [ci, lo];
  }

  /** Iterate ascending starting at position `start` (inclusive). */
  *ascFrom(start: [number, number]): Generator<Entry> {
    let [ci, off] = start;
    while (ci < this.chunks.length) {
      const c = this.chunks[ci]!;
      for (; off < c.length; off++) yield c[off]!;
      ci++;
      off = 0;
    }
  }

  /** Iterate descending starting just before position `end` (exclusive). */
  *descBefore(end: [number, number]): Generator<Entry> {
    let [ci, off] = end;
    off--;
    if (ci >= this.chunks.length) {
      ci = this.chunks.length - 1;
      off = ci >= 0 ? this.chunks[ci]!.length - 1 : -1;
    }
    while (ci >= 0) {
      const c = this.chunks[ci]!;
      for (; off >= 0; off--) yield c[off]!;
      ci--;
      if (ci >= 0) off = this.chunks[ci]!.length - 1;
    }
  }

  *all(): Generator<Entry> {
    for (const c of this.chunks) yield* c;
  }
}
