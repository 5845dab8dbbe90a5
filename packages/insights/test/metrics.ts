/** Precision / recall bookkeeping for the corpus evaluation. */
export class PR {
  tp = 0;
  fp = 0;
  fn = 0;
  readonly misses: string[] = [];
  get precision(): number {
    return this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
  }
  get recall(): number {
    return this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
  }
  get f1(): number {
    const p = this.precision;
    const r = this.recall;
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  /** Adds another tally's counts to this one (pooling sets); its misses are not copied. */
  add(other: PR): this {
    this.tp += other.tp;
    this.fp += other.fp;
    this.fn += other.fn;
    return this;
  }
  summary(): string {
    return `P=${this.precision.toFixed(3)} R=${this.recall.toFixed(3)} F1=${this.f1.toFixed(3)} (tp=${this.tp} fp=${this.fp} fn=${this.fn})`;
  }
}

/** Case/whitespace/punctuation-insensitive comparison key for free-text fields. */
export function textKey(s: string): string {
  return s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s.,]+/g, " ")
    .trim();
}

/** Link comparison key: no protocol, no "www.", no trailing slash, lowercase. */
export function linkKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}
