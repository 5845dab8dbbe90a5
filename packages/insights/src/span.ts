import { boundText } from "./limits";

/** Where a fact came from: `quote === text.slice(start, end)` of the message text given to the extractor. */
export interface SourceSpan {
  start: number;
  end: number;
  quote: string;
}

export interface Locator {
  /**
   * The first occurrence of `fragment` at or after `from`, compared case-, apostrophe- and
   * whitespace-insensitively (extractors work on cleaned copies of the text: collapsed spaces,
   * lower case, quoted lines removed), mapped back to offsets in the original text.
   */
  find(fragment: string, from?: number): SourceSpan | null;
  /** The last occurrence of `fragment` (same comparison as {@link Locator.find}). */
  findLast(fragment: string): SourceSpan | null;
}

function foldChar(c: string): string {
  if (c === "’" || c === "‘") return "'";
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

/** Builds a locator over `text` in one linear pass (see {@link Locator.find}). */
export function createLocator(fullText: string): Locator {
  const text = boundText(fullText);
  let folded = "";
  const map: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (!inSpace) {
        folded += " ";
        map.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    folded += foldChar(c);
    map.push(i);
  }
  const fold = (fragment: string) => {
    let needle = "";
    let space = false;
    for (const c of fragment.trim()) {
      if (/\s/.test(c)) {
        if (!space) needle += " ";
        space = true;
      } else {
        space = false;
        for (let k = 0; k < c.length; k++) needle += foldChar(c[k]!);
      }
    }
    return needle;
  };
  const spanAt = (at: number, length: number): SourceSpan => {
    const start = map[at]!;
    const end = map[at + length - 1]! + 1;
    return { start, end, quote: text.slice(start, end) };
  };
  return {
    findLast(fragment) {
      const needle = fold(fragment);
      if (!needle) return null;
      const at = folded.lastIndexOf(needle);
      return at < 0 ? null : spanAt(at, needle.length);
    },
    find(fragment, from = 0) {
      const needle = fold(fragment);
      if (!needle) return null;
      // first folded position whose original offset is >= from
      let lo = 0;
      let hi = map.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (map[mid]! < from) lo = mid + 1;
        else hi = mid;
      }
      const at = folded.indexOf(needle, lo);
      if (at < 0) return null;
      const start = map[at]!;
      const end = map[at + needle.length - 1]! + 1;
      return { start, end, quote: text.slice(start, end) };
    },
  };
}

/** One-off lookup of `fragment` in `text` (see {@link createLocator}). */
export function locateSpan(text: string, fragment: string, from = 0): SourceSpan | null {
  return createLocator(text).find(fragment, from);
}

/** Span of a block of lines (a signature): from the last occurrence of its first line to that of its last line. */
export function blockSpan(text: string, raw: string): SourceSpan | null {
  const rows = raw
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!rows.length) return null;
  const locator = createLocator(text);
  const last = locator.findLast(rows[rows.length - 1]!);
  const first = locator.findLast(rows[0]!);
  if (!last) return first;
  if (!first || first.start > last.start) return last;
  return { start: first.start, end: last.end, quote: text.slice(first.start, last.end) };
}
