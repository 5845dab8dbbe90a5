/** A search snippet as the API sends it (apps/api/convex/search/snippet.ts). */
export interface Snippet {
  text: string;
  marks: [number, number][];
  cutStart: boolean;
  cutEnd: boolean;
}

/**
 * The snippet's text split into plain and marked parts, for rendering with <mark> (never as
 * HTML: the text is the customer's). Out-of-range or overlapping marks are clamped, not trusted.
 */
export function snippetParts(s: Snippet): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of s.marks) {
    const start = Math.max(at, Math.min(rawStart, s.text.length));
    const end = Math.max(start, Math.min(rawEnd, s.text.length));
    if (start > at) parts.push({ text: s.text.slice(at, start), mark: false });
    if (end > start) parts.push({ text: s.text.slice(start, end), mark: true });
    at = end;
  }
  if (at < s.text.length) parts.push({ text: s.text.slice(at), mark: false });
  if (s.cutStart && parts[0]) parts[0] = { ...parts[0], text: `…${parts[0].text}` };
  const last = parts.at(-1);
  if (s.cutEnd && last) parts[parts.length - 1] = { ...last, text: `${last.text}…` };
  return parts;
}
