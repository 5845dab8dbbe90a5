/**
 * Highlighted snippets for search results, computed on the server so every client (dashboard,
 * REST) shows the same marks. Terms are found the way Convex's search index tokenizes (letters
 * and digits, case-insensitive, the last query term also as a prefix), so what is marked is what
 * matched. Bounded: a window of the text around the first match, a limited number of marks.
 */

export const SNIPPET_CHARS = 160;
const MAX_MARKS = 16;
/** Only the start of a very long text is looked at for marks (bounded work per result). */
const MAX_SCAN_CHARS = 20_000;
/** Convex counts at most 16 query terms. */
const MAX_QUERY_TERMS = 16;

export interface Snippet {
  text: string;
  /** [start, end) ranges of `text` to highlight, ascending, not overlapping. */
  marks: [number, number][];
  /** the snippet starts/ends inside the text (show an ellipsis) */
  cutStart: boolean;
  cutEnd: boolean;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

export function queryTokens(q: string): { terms: Set<string>; prefix: string | null } {
  const toks = [...q.matchAll(TOKEN)].map((m) => m[0].toLowerCase()).slice(0, MAX_QUERY_TERMS);
  return { terms: new Set(toks), prefix: toks.at(-1) ?? null };
}

/** The window of `text` around its first match of `query`, with the matched words marked. */
export function highlight(text: string, query: string, width = SNIPPET_CHARS): Snippet {
  const { terms, prefix } = queryTokens(query);
  const scanned = text.slice(0, MAX_SCAN_CHARS);
  const matches: [number, number][] = [];
  if (terms.size)
    for (const m of scanned.matchAll(TOKEN)) {
      const w = m[0].toLowerCase();
      if (terms.has(w) || (prefix && w.startsWith(prefix))) {
        // a prefix match marks only the typed prefix, an exact term the whole word
        const len = terms.has(w) ? m[0].length : prefix!.length;
        matches.push([m.index, m.index + len]);
      }
    }
  const first = matches[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  // start on a word boundary when the window is cut
  if (start > 0) {
    const space = text.lastIndexOf(" ", start);
    if (space >= 0 && first - space < width / 2) start = space + 1;
  }
  const end = Math.min(text.length, start + width);
  const marks: [number, number][] = [];
  for (const [s, e] of matches) {
    if (s < start) continue;
    if (s >= end || marks.length >= MAX_MARKS) break;
    marks.push([s - start, Math.min(e, end) - start]);
  }
  return { text: text.slice(start, end), marks, cutStart: start > 0, cutEnd: end < text.length };
}
