/**
 * Canonical forms of contact identifiers so the same person is recognised across channels:
 * phones -> E.164 ("+14155550100"), emails -> lower-cased bare address, chat/external -> trimmed.
 */
import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js";
import type { IdentifierKind } from "./ids";

export type NormalizeResult = { ok: true; value: string } | { ok: false; error: string };

export interface NormalizeOptions {
  /** ISO 3166-1 alpha-2 region for national-format phone numbers ("US", "GB"). */
  defaultRegion?: string;
  /**
   * The raw phone is known to be international even without "+" (WhatsApp wa_id, Vonage MSISDN).
   * Without this flag, digit strings of 11+ digits not starting with 0 are still tried as
   * international first.
   */
  assumeInternational?: boolean;
}

const PHONE_PREFIXES = /^(whatsapp|tel|sms|mms|wa):/i;

function isCountryCode(region: string | undefined): region is CountryCode {
  return typeof region === "string" && /^[A-Z]{2}$/.test(region);
}

function parsePhone(text: string, region?: CountryCode): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, region);
  } catch {
    return undefined;
  }
}

export function normalizePhone(raw: string, opts: NormalizeOptions = {}): NormalizeResult {
  if (typeof raw !== "string") return { ok: false, error: "phone number must be a string" };
  let s = raw.trim().replace(PHONE_PREFIXES, "").trim();
  if (s.length === 0) return { ok: false, error: "phone number is empty" };
  if (/[a-z]/i.test(s.replace(/\s*(ext\.?|x)\s*\d+$/i, ""))) {
    return { ok: false, error: `"${raw}" is not a phone number (contains letters)` };
  }
  // Drop visual separators; keep digits and a leading plus.
  const hasPlus = s.startsWith("+");
  let digits = s.replace(/\D/g, "");
  if (!hasPlus && digits.startsWith("00")) {
    digits = digits.slice(2);
    s = `+${digits}`;
  } else {
    s = hasPlus ? `+${digits}` : digits;
  }
  if (digits.length < 4 || digits.length > 17) {
    return { ok: false, error: `"${raw}" does not have a plausible number of digits` };
  }
  const region = opts.defaultRegion?.toUpperCase();
  const regionCode = isCountryCode(region) ? region : undefined;

  const candidates: PhoneNumber[] = [];
  if (s.startsWith("+")) {
    const p = parsePhone(s);
    if (p) candidates.push(p);
  } else {
    const international = parsePhone(`+${digits}`);
    const national = regionCode ? parsePhone(digits, regionCode) : undefined;
    const internationalFirst =
      opts.assumeInternational || !regionCode || (digits.length >= 11 && !digits.startsWith("0"));
    for (const p of internationalFirst ? [international, national] : [national, international]) {
      if (p) candidates.push(p);
    }
  }
  const chosen = candidates.find((p) => p.isValid()) ?? candidates.find((p) => p.isPossible());
  if (!chosen) {
    const hint = s.startsWith("+") || regionCode ? "" : " (no + country code and no default region)";
    return { ok: false, error: `"${raw}" is not a valid phone number${hint}` };
  }
  return { ok: true, value: chosen.number };
}

export interface ParsedEmailAddress {
  /** Lower-cased bare address. */
  address: string;
  /** Display name when given as `Name <a@b.c>`. */
  name?: string;
}

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Parses `a@b.c`, `<a@b.c>`, `Name <a@b.c>` or `"Last, First" <a@b.c>`. Null if invalid. */
export function parseEmailAddress(raw: string): ParsedEmailAddress | null {
  if (typeof raw !== "string") return null;
  let s = raw.trim().replace(/^mailto:/i, "");
  if (s.length === 0) return null;
  let name: string | undefined;
  const angled = /^(.*?)<\s*([^<>]+?)\s*>\s*$/.exec(s);
  if (angled) {
    const display = angled[1]!
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .replace(/\\(.)/g, "$1")
      .trim();
    if (display) name = display;
    s = angled[2]!;
  }
  const address = s.trim().toLowerCase();
  if (!EMAIL_RE.test(address) || address.length > 254) return null;
  return name ? { address, name } : { address };
}

/** Splits a header-style address list ("A <a@x.y>, b@x.y") respecting quotes and angle brackets. */
export function parseEmailAddressList(raw: string | string[] | undefined | null): ParsedEmailAddress[] {
  if (raw == null) return [];
  const parts: string[] = [];
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    let current = "";
    let inQuotes = false;
    let depth = 0;
    for (const ch of item) {
      if (ch === '"') inQuotes = !inQuotes;
      else if (!inQuotes && ch === "<") depth++;
      else if (!inQuotes && ch === ">") depth = Math.max(0, depth - 1);
      if (ch === "," && !inQuotes && depth === 0) {
        parts.push(current);
        current = "";
      } else current += ch;
    }
    parts.push(current);
  }
  return parts.map((p) => parseEmailAddress(p)).filter((p): p is ParsedEmailAddress => p !== null);
}

export function normalizeEmail(raw: string): NormalizeResult {
  const parsed = parseEmailAddress(raw);
  if (!parsed) return { ok: false, error: `"${raw}" is not a valid email address` };
  return { ok: true, value: parsed.address };
}

/**
 * Normalises an identifier of the given kind.
 * - phone: E.164; strips `whatsapp:`/`tel:` prefixes; wa_id "14155550100" -> "+14155550100".
 * - email: lower-cased bare address; accepts `Name <a@b.c>`.
 * - chat: visitor id, trimmed, [A-Za-z0-9_-] only.
 * - external: trimmed, non-empty, at most 256 characters.
 */
export function normalizeIdentifier(kind: IdentifierKind, raw: string, opts: NormalizeOptions = {}): NormalizeResult {
  if (typeof raw !== "string") return { ok: false, error: `${kind} identifier must be a string` };
  switch (kind) {
    case "phone":
      return normalizePhone(raw, opts);
    case "email":
      return normalizeEmail(raw);
    case "chat": {
      const v = raw.trim();
      if (!/^[A-Za-z0-9_-]{1,128}$/.test(v)) {
        return { ok: false, error: "chat visitor id must be 1-128 characters of A-Z, a-z, 0-9, _ or -" };
      }
      return { ok: true, value: v };
    }
    case "external": {
      const v = raw.trim();
      if (v.length === 0) return { ok: false, error: "external identifier is empty" };
      if (v.length > 256) return { ok: false, error: "external identifier is longer than 256 characters" };
      return { ok: true, value: v };
    }
    default: {
      const never: never = kind;
      return { ok: false, error: `unknown identifier kind ${String(never)}` };
    }
  }
}
