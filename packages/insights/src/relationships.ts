import type { MessageInput, PersonRef } from "./types";
import type { Signature } from "./signature";
import { emailDomain, findEmails, messageBody } from "./text";
import { type SourceSpan, createLocator } from "./span";

export type RelationshipType = "colleague" | "manager" | "direct_report" | "assistant" | "assistant_to";

export interface RelationshipCandidate {
  /** Usually the sender. */
  fromRef: PersonRef;
  toRef: PersonRef;
  /**
   * How `toRef` relates to `fromRef`: "manager" = toRef is fromRef's manager, "direct_report" = toRef
   * reports to fromRef, "assistant" = toRef is fromRef's assistant, "assistant_to" = fromRef is toRef's assistant.
   */
  type: RelationshipType;
  confidence: number;
  evidence: string;
  /** Where the evidence is in the message text (null for cc-domain evidence). */
  span?: SourceSpan | null;
}

export interface RelationshipOptions {
  /** Our own domains: never treated as the contact's company. */
  ownDomains?: string[];
  /** Parsed signature of the message, if already available. */
  signature?: Signature | null;
}

export const FREE_MAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
  "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net",
  "web.de", "yandex.com", "yandex.ru", "mail.com", "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com",
]);

/** A capitalised name (group 1), after an optional honorific that is not captured ("Dr. Elena Rossi"). */
const NAME = String.raw`(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,2})`;
const EMAIL_OPT = String.raw`(?:\s*[(<]\s*([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})\s*[)>])?`;

/** Makes the ASCII letters of a regex source case-insensitive while NAME stays case-sensitive. */
function ci(src: string): string {
  let out = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === "\\") {
      out += c + (src[i + 1] ?? "");
      i++;
    } else if (/[a-z]/i.test(c)) out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else out += c;
  }
  return out;
}
const re = (...parts: string[]) => new RegExp(parts.join(""), "u");
const CC_VERB = String.raw`(?:cc'?ing|cc’ing|copying|looping in|adding|including|cc:?)`;

const PHRASES: Array<{ re: RegExp; type: RelationshipType; confidence: number }> = [
  // "my manager Jane Smith", "my boss, Tom"
  { re: re(ci(String.raw`\bmy (?:manager|boss|line manager|supervisor|team lead|lead)\s*,?\s+(?:is\s+)?`), NAME, EMAIL_OPT), type: "manager", confidence: 0.9 },
  // "Jane Smith, my manager," / "Jane is my boss"
  { re: re(NAME, EMAIL_OPT, ci(String.raw`\s*(?:,|is|\()\s*my (?:manager|boss|line manager|supervisor)\b`)), type: "manager", confidence: 0.85 },
  { re: re(String.raw`\bI report (?:directly )?to\s+`, NAME, EMAIL_OPT), type: "manager", confidence: 0.9 },
  // assistants
  { re: re(ci(String.raw`\bmy (?:executive |personal )?(?:assistant|ea|pa)\s*,?\s+(?:is\s+)?`), NAME, EMAIL_OPT), type: "assistant", confidence: 0.9 },
  { re: re(NAME, EMAIL_OPT, ci(String.raw`\s*(?:,|is|\()\s*my (?:executive |personal )?assistant\b`)), type: "assistant", confidence: 0.85 },
  { re: re(ci(String.raw`\b(?:on behalf of|assistant to)\s+`), NAME, EMAIL_OPT), type: "assistant_to", confidence: 0.85 },
  // reports
  { re: re(ci(String.raw`\bmy (?:direct report|report|team member)\s*,?\s+`), NAME, EMAIL_OPT), type: "direct_report", confidence: 0.85 },
  // colleagues: "cc'ing my colleague X", "looping in X from my team", "my colleague X"
  { re: re(ci(String.raw`\b${CC_VERB}\s+(?:in\s+)?my (?:colleague|coworker|co-worker|teammate|partner|co-founder|cofounder)s?\s*,?\s+`), NAME, EMAIL_OPT), type: "colleague", confidence: 0.9 },
  { re: re(ci(String.raw`\bmy (?:colleague|coworker|co-worker|teammate|business partner|co-founder|cofounder)\s*,?\s+`), NAME, EMAIL_OPT), type: "colleague", confidence: 0.85 },
  { re: re(ci(String.raw`\b${CC_VERB}\s+`), NAME, EMAIL_OPT, ci(String.raw`\s*(?:,\s*)?(?:from|on|in) (?:my|our) (?:team|side|office|department)`)), type: "colleague", confidence: 0.85 },
];

const NOT_A_NAME = new Set(["I", "We", "You", "He", "She", "They", "The", "This", "That", "Me", "Him", "Her", "Them", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Please", "Thanks", "Hi", "Hello"]);

function senderRef(msg: MessageInput): PersonRef {
  const ref: PersonRef = {};
  if (msg.senderName) ref.name = msg.senderName;
  const email = findEmails(msg.senderIdentifier ?? "")[0];
  if (email) ref.email = email;
  return ref;
}

/** Finds a cc'd address whose local part matches the person's first or last name. */
function matchEmail(name: string, candidates: string[]): string | undefined {
  const parts = name.toLowerCase().split(/\s+/).filter((p) => p.length > 1);
  return candidates.find((e) => {
    const local = e.split("@")[0] ?? "";
    const tokens = local.split(/[._-]+/);
    return parts.some((p) => tokens.includes(p)) || (parts[0] !== undefined && local.startsWith(parts[0]));
  });
}

function cleanName(raw: string): string | null {
  const words = raw.trim().split(/\s+/);
  while (words.length && NOT_A_NAME.has(words[words.length - 1]!)) words.pop();
  if (!words.length || NOT_A_NAME.has(words[0]!)) return null;
  return words.join(" ");
}

/**
 * Relationship candidates in one message:
 * - explicit phrases in the body ("my manager X", "my assistant X", "cc'ing my colleague X", "I report to X"), 0.85-0.9;
 * - the sender's signature title "Assistant to X" / "EA to X", 0.8;
 * - inbound sender and a cc'd address on the same non-free-mail, non-own domain -> colleague, 0.6.
 * A name mentioned in a phrase is matched to a cc'd address when the address contains the name.
 */
export function extractRelationships(msg: MessageInput, opts: RelationshipOptions = {}): RelationshipCandidate[] {
  const from = senderRef(msg);
  const own = new Set((opts.ownDomains ?? []).map((d) => d.toLowerCase()));
  const cc = (msg.cc ?? []).flatMap((c) => findEmails(c));
  const body = messageBody(msg.text);
  const out: RelationshipCandidate[] = [];
  const seen = new Set<string>();
  let locator: ReturnType<typeof createLocator> | undefined;
  const push = (c: RelationshipCandidate) => {
    const key = `${c.type}|${(c.toRef.email ?? c.toRef.name ?? "").toLowerCase()}`;
    if (seen.has(key)) return;
    // a colleague found by domain is superseded by an explicit phrase about the same address
    seen.add(key);
    out.push(c);
  };

  for (const { re, type, confidence } of PHRASES) {
    const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
    for (const m of body.matchAll(g)) {
      const name = cleanName(m[1] ?? "");
      if (!name) continue;
      const toRef: PersonRef = { name };
      const email = m[2]?.toLowerCase() ?? matchEmail(name, cc);
      if (email) toRef.email = email;
      push({ fromRef: from, toRef, type, confidence, evidence: m[0].trim(), span: (locator ??= createLocator(msg.text)).find(m[0].trim()) });
    }
  }

  const sigTitle = opts.signature?.title ?? "";
  const assistantTo = re(ci(String.raw`\b(?:assistant|ea|pa)\s+to\s+(?:the\s+)?`), NAME);
  const sigMatch = assistantTo.exec(sigTitle) ?? assistantTo.exec(opts.signature?.raw ?? "");
  if (sigMatch?.[1]) {
    const name = cleanName(sigMatch[1]);
    if (name && !/^(?:CEO|CTO|CFO|COO|President|Founder)$/.test(name)) {
      const toRef: PersonRef = { name };
      const email = matchEmail(name, cc);
      if (email) toRef.email = email;
      push({
        fromRef: from,
        toRef,
        type: "assistant_to",
        confidence: 0.8,
        evidence: `signature: ${sigMatch[0]}`,
        span: (locator ??= createLocator(msg.text)).findLast(sigMatch[0]),
      });
    }
  }

  const domain = emailDomain(from.email);
  if (msg.direction === "inbound" && domain && !FREE_MAIL_DOMAINS.has(domain) && !own.has(domain)) {
    for (const addr of cc) {
      if (addr === from.email || emailDomain(addr) !== domain) continue;
      if (out.some((c) => c.toRef.email === addr)) continue;
      push({ fromRef: from, toRef: { email: addr }, type: "colleague", confidence: 0.6, evidence: `shared domain ${domain}`, span: null });
    }
  }
  return out;
}
