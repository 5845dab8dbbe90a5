/**
 * Benchmark corpus (no imports: used by the seed probe inside the backend and by src/search.ts
 * to pick queries): deterministic message texts over a vocabulary with a skewed (log-uniform)
 * word frequency, so a few words are in most messages and most words are rare, like real text.
 */

export const VOCABULARY_SIZE = 30_000;
const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "ri", "go", "shu", "bel", "tor", "an"];

/** Word `i` of the vocabulary: short for small i (frequent words are short, as in language). */
export function word(i: number): string {
  let s = "";
  let n = i + 1;
  do {
    s += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return s;
}

/** A small deterministic PRNG (mulberry32): the same seed, the same corpus, on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-uniform word rank: P(rank < r) = log(r)/log(V). */
export function wordRank(r: () => number): number {
  return Math.min(VOCABULARY_SIZE - 1, Math.floor(VOCABULARY_SIZE ** r()) - 1);
}

/** Message `n`: 6 to 30 words. */
export function messageText(n: number): string {
  const r = rng(n * 2654435761);
  const len = 6 + Math.floor(r() * 25);
  const words: string[] = [];
  for (let i = 0; i < len; i++) words.push(word(wordRank(r)));
  return words.join(" ");
}
