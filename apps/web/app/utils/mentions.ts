/**
 * The note composer's @-autocomplete. The handle it inserts is a member's email local part, one
 * of the handles the server resolves (packages/insights/src/mentions.ts: local part, full name,
 * first name), and the one that is unambiguous within an organization.
 */

export interface MentionCandidate {
  _id: string;
  name: string;
  email: string;
}

/** The `@term` being typed just before the caret, or null. */
export function mentionQueryAt(text: string, caret: number): { start: number; term: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[^\p{L}\p{N}_.])@([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, term: m[2]!.toLowerCase() };
}

function handleOf(member: { email: string }): string {
  return member.email.split("@")[0]!;
}

/** Members whose handle, name or first name starts with the term (at most 6). */
export function mentionSuggestions(members: readonly MentionCandidate[], term: string) {
  return members
    .map((m) => ({ ...m, handle: handleOf(m) }))
    .filter((m) => {
      if (!term) return true;
      const name = m.name.toLowerCase();
      return (
        m.handle.toLowerCase().startsWith(term) ||
        name.startsWith(term) ||
        name.split(/\s+/).some((w) => w.startsWith(term))
      );
    })
    .slice(0, 6);
}
