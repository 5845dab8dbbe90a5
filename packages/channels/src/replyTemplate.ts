/**
 * Saved-reply variables: `{{contact.firstName}}`, `{{agent.name}}`, `{{organization.name}}`, with
 * an optional fallback after a pipe (`{{contact.firstName|there}}`) for a value that is missing.
 * Rendered on the agent's screen before sending, so the agent sees and can edit the final text.
 * Hand-written instead of a template engine: only a fixed set of names is substituted, nothing is
 * evaluated, and unknown names are reported instead of silently disappearing.
 */

export const REPLY_VARIABLES = [
  "contact.name",
  "contact.firstName",
  "contact.lastName",
  "contact.company",
  "contact.email",
  "contact.phone",
  "agent.name",
  "agent.firstName",
  "agent.email",
  "organization.name",
] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];

export interface ReplyContext {
  contact?: { name?: string | null; company?: string | null; email?: string | null; phone?: string | null };
  agent?: { name?: string | null; email?: string | null };
  organization?: { name?: string | null };
}

export interface RenderedReply {
  text: string;
  /** Known variables that had no value and no fallback (rendered as empty). */
  missing: ReplyVariable[];
  /** Names inside {{ }} that are not variables (left in the text as written). */
  unknown: string[];
}

const VARIABLE = /\{\{\s*([A-Za-z.]+)\s*(?:\|([^}]*))?\}\}/g;

/** First word of a name ("Maya Chen" -> "Maya"); a name that is an address gives nothing. */
function firstName(name: string | null | undefined): string {
  const n = name?.trim() ?? "";
  if (!n || n.includes("@") || /^\+?[\d\s()-]+$/.test(n)) return "";
  return n.split(/\s+/)[0]!;
}
function lastName(name: string | null | undefined): string {
  const n = name?.trim() ?? "";
  if (!n || n.includes("@") || /^\+?[\d\s()-]+$/.test(n)) return "";
  const parts = n.split(/\s+/);
  return parts.length > 1 ? parts[parts.length - 1]! : "";
}
/** A display name that is only an identifier (the default for an unknown sender) is no name. */
function realName(name: string | null | undefined): string {
  const n = name?.trim() ?? "";
  return n.includes("@") || /^\+?[\d\s()-]+$/.test(n) ? "" : n;
}

export function replyValues(ctx: ReplyContext): Record<ReplyVariable, string> {
  return {
    "contact.name": realName(ctx.contact?.name),
    "contact.firstName": firstName(ctx.contact?.name),
    "contact.lastName": lastName(ctx.contact?.name),
    "contact.company": ctx.contact?.company?.trim() ?? "",
    "contact.email": ctx.contact?.email?.trim() ?? "",
    "contact.phone": ctx.contact?.phone?.trim() ?? "",
    "agent.name": ctx.agent?.name?.trim() ?? "",
    "agent.firstName": firstName(ctx.agent?.name),
    "agent.email": ctx.agent?.email?.trim() ?? "",
    "organization.name": ctx.organization?.name?.trim() ?? "",
  };
}

const isVariable = (name: string): name is ReplyVariable => (REPLY_VARIABLES as readonly string[]).includes(name);

/** Substitutes the variables of a saved reply's body. */
export function renderReply(body: string, ctx: ReplyContext): RenderedReply {
  const values = replyValues(ctx);
  const missing = new Set<ReplyVariable>();
  const unknown = new Set<string>();
  const text = body.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    if (!isVariable(name)) {
      unknown.add(name);
      return whole;
    }
    const value = values[name];
    if (value) return value;
    if (fallback !== undefined) return fallback.trim();
    missing.add(name);
    return "";
  });
  return { text, missing: [...missing], unknown: [...unknown] };
}

/** Variable names a body uses that are not known (for validating a saved reply when it is saved). */
export function unknownVariables(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(VARIABLE)) if (!isVariable(m[1]!)) out.add(m[1]!);
  return [...out];
}
