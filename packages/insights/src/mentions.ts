/**
 * @mentions in an agent's private note, resolved against the organization's members. A member
 * answers to their email's local part (`@maya.chen`, unique within an organization's addresses
 * in practice), their full name (`@Maya Chen`) or their first name (`@Maya`). The longest handle
 * that matches at an `@` wins; a handle shared by several members (two "Alex") mentions nobody,
 * because notifying the wrong teammate is worse than notifying none (the composer inserts the
 * unambiguous email handle).
 */

export interface Mentionable {
  id: string;
  name?: string | null;
  email: string;
}

/** Handles a member answers to, lower-cased. */
export function mentionHandles(member: Mentionable): string[] {
  const handles = new Set<string>();
  const local = member.email.split("@")[0]?.trim().toLowerCase();
  if (local) handles.add(local);
  const name = member.name?.trim().replace(/\s+/g, " ").toLowerCase();
  if (name && !name.includes("@")) {
    handles.add(name);
    handles.add(name.split(" ")[0]!);
  }
  return [...handles];
}

/** The handle the composer inserts for a member: the email's local part. */
export function preferredHandle(member: Mentionable): string {
  return member.email.split("@")[0]!.trim();
}

/** A handle ends where the next character can't continue a name (letters, digits, `.`, `_`, `-` before a word char). */
function endsAt(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return true;
  if (/[\p{L}\p{N}_]/u.test(next)) return false;
  // "@maya." at a sentence end is still @maya; "@maya.chen" is a longer handle, tried first.
  return true;
}

/** Ids of the members mentioned in `text`, in order of first mention, each once (at most `limit`). */
export function findMentions(text: string, members: readonly Mentionable[], limit = 20): string[] {
  const owners = new Map<string, Set<string>>();
  for (const m of members) {
    for (const h of mentionHandles(m)) owners.set(h, (owners.get(h) ?? new Set()).add(m.id));
  }
  const handles = [...owners.keys()].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (let i = lower.indexOf("@"); i !== -1 && found.length < limit; i = lower.indexOf("@", i + 1)) {
    // An address (maya@example.com) is not a mention: the @ must start the text or follow a non-word char.
    if (i > 0 && /[\p{L}\p{N}_.]/u.test(lower[i - 1]!)) continue;
    const rest = lower.slice(i + 1);
    const handle = handles.find((h) => rest.startsWith(h) && endsAt(lower, i + 1 + h.length));
    if (!handle) continue;
    const ids = owners.get(handle)!;
    if (ids.size !== 1) continue; // ambiguous
    const id = [...ids][0]!;
    if (!found.includes(id)) found.push(id);
  }
  return found;
}
