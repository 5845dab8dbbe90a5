export interface JobProfile {
  title?: string | null;
  company?: string | null;
}

export interface JobChange {
  changed: boolean;
  /** "company" wins when both changed; null when nothing changed. */
  kind: "company" | "title" | null;
  from: JobProfile;
  to: JobProfile;
}

const COMPANY_SUFFIXES =
  /\b(?:incorporated|inc|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|sas|sarl|bv|nv|plc|pty|pte|llp|lp|as|asa|ab|oy|oyj|aps|kk|srl|spa|sl|kg|ug|bhd|sdn|pvt|the)\b/g;
const TITLE_ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bsr\b/g, "senior"],
  [/\bjr\b/g, "junior"],
  [/\bsvp\b/g, "senior vice president"],
  [/\bevp\b/g, "executive vice president"],
  [/\bvp\b/g, "vice president"],
  [/\bmgr\b/g, "manager"],
  [/\bdir\b/g, "director"],
  [/\beng\b/g, "engineer"],
  [/\bengineering\b/g, "engineering"],
  [/\bassoc\b/g, "associate"],
  [/\bexec\b/g, "executive"],
  [/\bmktg\b/g, "marketing"],
  [/\bceo\b/g, "chief executive officer"],
  [/\bcto\b/g, "chief technology officer"],
  [/\bcfo\b/g, "chief financial officer"],
  [/\bcoo\b/g, "chief operating officer"],
  [/\bcmo\b/g, "chief marketing officer"],
  [/\bco founder\b/g, "cofounder"],
];

function basic(s: string): string {
  // titles and company names are short; the cap bounds the work on hostile input
  return s
    .slice(0, 300)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9\s]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Canonical company key: case, punctuation, accents and legal suffixes (Inc., LLC, GmbH ...) removed. */
export function normaliseCompany(company: string): string {
  // "K.K." / "S.A." / "L.L.C." become "kk" / "sa" / "llc" before suffixes are removed
  const collapsed = basic(company).replace(/\b([a-z])\s(?=[a-z]\b)/g, "$1");
  return collapsed.replace(COMPANY_SUFFIXES, " ").replace(/\s+/g, " ").trim();
}

/** Canonical title key: case, punctuation and common abbreviations (Sr., VP, Mgr) normalised. */
export function normaliseTitle(title: string): string {
  let t = basic(title.replace(/-/g, " "));
  for (const [re, rep] of TITLE_ABBREVIATIONS) t = t.replace(re, rep);
  return t.replace(/\bof the\b/g, "of").replace(/\s+/g, " ").trim();
}

function present(s: string | null | undefined): s is string {
  return typeof s === "string" && s.trim().length > 0;
}

/**
 * Compares a stored profile with a newer one (e.g. a freshly parsed signature). A field only counts
 * as changed when both sides are present and differ after normalisation; a missing field is "unknown",
 * not a change. Company changes take precedence over title changes.
 */
export function detectJobChange(previous: JobProfile, next: JobProfile): JobChange {
  const from = { title: previous.title ?? null, company: previous.company ?? null };
  const to = { title: next.title ?? null, company: next.company ?? null };
  const companyChanged =
    present(from.company) && present(to.company) && normaliseCompany(from.company) !== normaliseCompany(to.company);
  const titleChanged = present(from.title) && present(to.title) && normaliseTitle(from.title) !== normaliseTitle(to.title);
  const kind = companyChanged ? "company" : titleChanged ? "title" : null;
  return { changed: kind !== null, kind, from, to };
}
