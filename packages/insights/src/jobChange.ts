import { looksLikeTitle, parseSignature } from "./signature";
import { createLocator, type SourceSpan } from "./span";
import { messageBody, splitAtStops } from "./text";
import type { MessageInput } from "./types";

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
  /** Where the evidence is in the message text, when the change came from a message. */
  span?: SourceSpan | null;
}

// round 24: and the legal forms written out or from more countries ("Pvt. Ltd." = "Private Limited", "AB" =
// "Aktiebolag", "Old Riga Hostel SIA" = "Old Riga Hostel": blind39, blind40, blind44, blind45, blind46)
const COMPANY_SUFFIXES =
  /\b(?:incorporated|inc|llc|ltd|limited|private|corp|corporation|co|company|gmbh|ag|sa|sas|sasu|sarl|eurl|bv|nv|bvba|sprl|plc|pty|pte|llp|lp|as|asa|ab|aktiebolag|aksjeselskap|aktieselskab|oy|oyj|aps|ehf|kk|srl|spa|sl|kg|ug|bhd|berhad|sdn|pvt|sae|saa|sac|doo|zrt|kft|jsc|ooo|sia|uab|tbk|ltda|limitada|lda|sro|the)\b/g;
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
  [/\bsnr\b/g, "senior"],
  [/\bops\b/g, "operations"],
  [/\bhr\b/g, "human resources"],
  [/\b(?:biz dev|bizdev|bd)\b/g, "business development"],
  [/\bacct\b/g, "account"],
  [/\bmgmt\b/g, "management"],
  [/\bintl\b/g, "international"],
  [/\bcoord\b/g, "coordinator"],
  [/\brep\b/g, "representative"],
  [/\badmin\b/g, "administrator"],
  [/\bcust\b/g, "customer"],
  [/\bgm\b/g, "general manager"],
  [/\bmd\b/g, "managing director"],
  [/\bcso\b/g, "chief sales officer"],
  [/\bcio\b/g, "chief information officer"],
  [/\bcpo\b/g, "chief product officer"],
  [/\bcro\b/g, "chief revenue officer"],
  [/\bchro\b/g, "chief human resources officer"],
  [/\bavp\b/g, "assistant vice president"],
  // round 8: a title and its Spanish or Portuguese spelling are one title ("Gerente Comercial" = "Commercial
  // Manager", "Asistente de Compras" = "Purchasing Assistant"): the common words are translated before comparing
  [/\bgerente\b/g, "manager"],
  [/\b(?:asistente|assistente)\b/g, "assistant"],
  [/\bcompras\b/g, "purchasing"],
  [/\b(?:ventas|vendas)\b/g, "sales"],
  [/\bcomercial\b/g, "commercial"],
  [/\b(?:directora?|diretora?)\b/g, "director"],
  [/\b(?:jefe|jefa)\b/g, "head"],
  [/\b(?:coordinadora?|coordenadora?)\b/g, "coordinator"],
  [/\b(?:operaciones|operacoes)\b/g, "operations"],
  [/\b(?:finanzas|financas)\b/g, "finance"],
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
  // a web address names the company: "acme.io" = "Acme"
  const name = company
    .trim()
    .replace(
      /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+)\.(?:com|io|co|net|org|ai|dev|app|de|fr|uk|co\.uk|eu|us)\/?$/i,
      "$1",
    );
  // "K.K." / "S.A." / "L.L.C." become "kk" / "sa" / "llc" before suffixes are removed
  const collapsed = basic(name).replace(/\b([a-z])\s(?=[a-z]\b)/g, "$1");
  // "GmbH & Co. KG" leaves a dangling "and"
  const stripped = collapsed
    .replace(COMPANY_SUFFIXES, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^(?:and )+|(?: and)+$/g, "")
    .trim();
  // "Acme Group" / "Acme Holdings" / "Acme International" name the same company as "Acme"
  return stripped.replace(/\s(?:group|holdings?|international|intl|global|worldwide)$/, "").trim() || stripped;
}

/** Canonical title key: case, punctuation and common abbreviations (Sr., VP, Mgr) normalised. */
export function normaliseTitle(title: string): string {
  // "Co-ordinator" = "Coordinator", "Co-Founder" = "Cofounder": a hyphenated prefix is one word (round 9)
  let t = basic(title.replace(/\b(co|re|pre|sub|non)-(?=\p{L})/giu, "$1").replace(/-/g, " "));
  for (const [re, rep] of TITLE_ABBREVIATIONS) t = t.replace(re, rep);
  return t
    .replace(/\bof the\b/g, "of")
    .replace(/\s+/g, " ")
    .trim();
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
  const titleChanged =
    present(from.title) &&
    present(to.title) &&
    titleKey(from.title) !== titleKey(to.title) &&
    !sameByAcronym(from.title, to.title);
  const kind = companyChanged ? "company" : titleChanged ? "title" : null;
  return { changed: kind !== null, kind, from, to };
}

/**
 * "Head of CX" and "Head of Customer Experience": an upper-case acronym in one title that spells the
 * initials of consecutive words in the other (an "x" may stand for a word starting "ex", as in CX/UX/DX) is
 * the same title once expanded. Titles are short (capped), so the search is small.
 */
function sameByAcronym(a: string, b: string): boolean {
  return expandsTo(a, b) || expandsTo(b, a) || sameByShortening(a, b);
}

/**
 * Round 9: "InfoSec Manager" = "Information Security Manager", "DevRel Lead" = "Developer Relations Lead", "Asst.
 * Director" = "Assistant Director". A word of one title may be a compound of word starts written in camel case
 * (each part starts the next words of the other title) or a shortening (at least the first two letters of a
 * longer word, and its other letters in order: "asst" in "assistant"). Word lists of the two titles are aligned
 * left to right; everything else must be equal after `normaliseTitle`. Titles are capped, so this stays small.
 */
function sameByShortening(a: string, b: string): boolean {
  const wordsOf = (t: string) =>
    t
      .slice(0, 200)
      .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
      .split(/[\s,/&-]+/)
      .map((w) => normaliseTitle(w))
      .filter((w) => w && !TITLE_STOP.has(w))
      .flatMap((w) => w.split(" "));
  const x = wordsOf(a);
  const y = wordsOf(b);
  if (x.length !== y.length || x.length === 0 || x.join(" ") === y.join(" ")) return false;
  return x.every((w, i) => {
    const v = y[i]!;
    return w === v || shortens(w, v) || shortens(v, w);
  });
}
function shortens(short: string, long: string): boolean {
  // a shortening is short ("asst", "prod", "mgmt"): "Product" is not "Production"
  if (short.length < 2 || short.length > 5 || long.length < short.length + 2 || short.slice(0, 2) !== long.slice(0, 2))
    return false;
  let j = 0;
  for (const ch of long) if (ch === short[j]) j++;
  return j === short.length;
}
function expandsTo(short: string, long: string): boolean {
  const acronyms = short.slice(0, 200).match(/\b[A-Z]{2,4}\b/g);
  if (!acronyms) return false;
  const words = long
    .slice(0, 200)
    .split(/[\s,/&-]+/)
    .filter(Boolean);
  let expanded = short.slice(0, 200);
  for (const acronym of acronyms) {
    const letters = acronym.toLowerCase().split("");
    for (let i = 0; i + letters.length <= words.length; i++) {
      const run = words.slice(i, i + letters.length);
      const fits = run.every((w, k) => {
        const lw = w.toLowerCase();
        return lw.startsWith(letters[k]!) || (letters[k] === "x" && lw.startsWith("ex"));
      });
      if (fits) {
        expanded = expanded.replace(new RegExp(String.raw`\b${acronym}\b`), run.join(" "));
        break;
      }
    }
  }
  return expanded !== short && titleKey(expanded) === titleKey(long);
}

const TITLE_STOP = new Set(["of", "the", "and", "for", "in", "at", "a", "an", "to", "de", "del", "da", "do"]);

/**
 * Order-free comparison key for titles: "VP, Engineering", "Vice President of Engineering" and
 * "Engineering VP" share one key; "Sales Director" equals "Director of Sales". Words are
 * abbreviation-expanded ({@link normaliseTitle}), function words dropped, endings lightly stemmed
 * ("engineering"/"engineer", "operations"/"operation") and the words sorted.
 */
export function titleKey(title: string): string {
  return (
    normaliseTitle(title)
      // "Chief Executive" = "Chief Executive Officer"
      .replace(/\b(chief [a-z]+(?: [a-z]+)?) officer\b/, "$1")
      .split(" ")
      .filter((w) => w && !TITLE_STOP.has(w))
      .map((w) => w.replace(/(?:ing|s)$/, ""))
      .sort()
      .join(" ")
  );
}

export interface JobAnnouncement {
  /** The new title, when stated. */
  title: string | null;
  /** The new company, when stated ("here at X" for a promotion). */
  company: string | null;
  /** The company left, when stated ("I've left X"). */
  previousCompany: string | null;
  /** true when only the title changed ("I've been promoted to ..."). */
  promotion: boolean;
  span: SourceSpan | null;
}

// Case-sensitive parts: a company is a run of capitalised words, which is what stops it before
// "last month" / "as" / "and"; verbs are matched in either case at a sentence start.
// (words are joined by spaces on one line: a company never runs into the name on the next line)
// A word may hold dots inside ("S.A", "K.K") or be a known abbreviation ("St.", "Co."), but a dot followed by a
// space ends the company: "no longer at Fernhill. From 2 June I'm …" stops at "Fernhill."
const COMPANY_WORD = String.raw`(?:(?:St|Co|Inc|Ltd|Dr|Mt|Bros|Corp)\.|[A-Z0-9](?:[\p{L}\d&'’-]|\.(?=[\p{L}\d]))*)`;
const COMPANY = String.raw`(${COMPANY_WORD}(?:[^\S\n]+(?:&[^\S\n]+|of[^\S\n]+|and[^\S\n]+|de[^\S\n]+)?${COMPANY_WORD}){0,4}\.?)`;
const TITLE = String.raw`((?:[\p{L}][\p{L}&/.-]*)(?:,?\s+(?:of\s+|and\s+|&\s+|for\s+)?[\p{L}][\p{L}&/.-]*){0,6}?)`;
// round 42: also a German or Dutch verb after the title ("bin ich bei PackTec als Vertriebsleiter Österreich tätig": blind114)
const TITLE_END = String.raw`(?=\s*(?:[,.;:!)]|$|\s(?:at|with|from|starting|since|last|this|next|and|so|here|on|in|tätig|beschäftigt|angestellt|werkzaam)\b))`;
const I = String.raw`\b(?:I|i)(?:'ve|’ve| have)?\s+(?:just\s+|recently\s+|officially\s+|now\s+)?`;
const ANNOUNCEMENTS: Array<{ re: RegExp; title: number; company: number; needsTitle?: boolean }> = [
  // "I've started as VP Operations at Northpeak", "I started a new role as Head of Claims with Pellworth", "started
  // this week as Fleet Manager at …" (round 11)
  {
    re: new RegExp(
      String.raw`\b[Ss]tart(?:ed|ing)?\s+(?:(?:this|last|next)\s+(?:week|month|Monday|Tuesday|Wednesday|Thursday|Friday)\s+|today\s+|yesterday\s+)?(?:a\s+new\s+(?:role|position|job)\s+|my\s+new\s+(?:role|position|job)\s+|work(?:ing)?\s+)?as\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?${TITLE}\s+(?:at|with)\s+${COMPANY}`,
      "gu",
    ),
    title: 1,
    company: 2,
  },
  // "I'm joining Lumen Analytics next month": a future move with its date
  {
    re: new RegExp(
      String.raw`\b(?:I(?:'ll|’ll| will) be|I(?:'m|’m| am))\s+(?:joining|moving to|starting at)\s+${COMPANY}(?=\s+(?:next|from|as of|starting|in (?:January|February|March|April|May|June|July|August|September|October|November|December))\b)()`,
      "gu",
    ),
    title: 2,
    company: 1,
  },
  // "I'll be joining Meridian Health as Head of Nursing": a future move needs its title
  {
    re: new RegExp(
      String.raw`\b(?:I(?:'ll|’ll| will) be|I(?:'m|’m| am))\s+(?:joining|moving to|starting at)\s+${COMPANY}[^.!?\n]{0,30}?\bas\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:new\s+)?${TITLE}${TITLE_END}`,
      "gu",
    ),
    title: 2,
    company: 1,
    needsTitle: true,
  },
  // "I've been working as Regional Manager for Kestrel Logistics"
  {
    re: new RegExp(
      String.raw`${I}(?:been\s+)?work(?:ing|ed)?\s+as\s+(?:the\s+|a\s+|an\s+)?${TITLE}\s+(?:at|for|with)\s+${COMPANY}`,
      "gu",
    ),
    title: 1,
    company: 2,
    needsTitle: true,
  },
  // "I'm now Head of Sales at Y", "my new role as CTO at Y"
  {
    re: new RegExp(
      String.raw`\b(?:I(?:'m|’m| am) now|[Mm]y new (?:role|position|job|title) (?:is|as))\s+(?:the\s+|a\s+|an\s+)?${TITLE}\s+(?:at|with)\s+${COMPANY}`,
      "gu",
    ),
    title: 1,
    company: 2,
  },
  // "Starting Monday I'm Chief of Staff at Solaris Grid": a title is required ("I'm happy to work with Y" is not)
  {
    re: new RegExp(
      String.raw`\b(?:I(?:'m|’m| am)|I(?:'ll|’ll| will) be)\s+(?:now\s+)?(?:the\s+|a\s+|an\s+|their\s+|its\s+)?(?:new\s+)?${TITLE}\s+(?:at|with|for)\s+${COMPANY}`,
      "gu",
    ),
    title: 1,
    company: 2,
    needsTitle: true,
  },
  // "I joined Pellworth Insurance last month as Head of Claims", "I've moved to Y", "I'm now at Y"
  {
    re: new RegExp(
      String.raw`\b(?:I|i)(?:'ve|’ve| have|'m|’m| am|(?=\s+will\s+work\b))?\s+(?:will\s+(?=work\s+(?:at|for)\b))?(?:just\s+|recently\s+|officially\s+)?(?:joined|moved (?:on |over )?to|switched (?:over )?to|(?:moved|moving) to a new (?:role|position|job) (?:at|with)|started a new (?:role|position|job) (?:at|with)|moving (?:on )?to|started (?:at|with)|starting (?:at|with)|start (?:at|with)|signed (?:on )?with|now (?:at|with|working (?:at|for))|now work (?:at|for)|(?:(?:am|'m|’m)\s+)?(?:now\s+)?working (?:at|for)|work (?:at|for))\s+(?:the\s+team\s+at\s+)?${COMPANY}(?:[^.!?\n]{0,30}?\b(?:as|in\s+the\s+(?:capacity|role|position)\s+of)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:new\s+)?${TITLE}${TITLE_END})?`,
      "gu",
    ),
    title: 2,
    company: 1,
  },
  // "since this month I am working in Grupo Andina as Gerente de Compras": non-native "in" for the employer; the
  // title is required ("I'm working in Finance", "working in London" are not moves)
  {
    re: new RegExp(
      String.raw`\b(?:I|i)(?:'m|’m| am)?\s+(?:now\s+)?work(?:ing)?\s+in\s+${COMPANY}\s+as\s+(?:the\s+|a\s+|an\s+)?(?:new\s+)?${TITLE}${TITLE_END}`,
      "gu",
    ),
    title: 2,
    company: 1,
    needsTitle: true,
  },
  // "I'm leaving Granite Bay at the end of the month to join Northbeam as VP Partnerships"
  {
    re: new RegExp(
      String.raw`\b(?:I|i)(?:'m|’m| am|'ve|’ve| have)?\s+(?:leaving|left|quitting|quit)\s+${COMPANY}[^.!?\n]{0,40}?\bto\s+join\s+${COMPANY}(?:\s+as\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:new\s+)?${TITLE}${TITLE_END})?`,
      "gu",
    ),
    title: 3,
    company: 2,
  },
  // "I will be leaving Nile Freight at the end of the month to take up the CIO position at Delta Ports" (round 9)
  {
    re: new RegExp(
      String.raw`\b(?:I|i)(?:'m|’m| am|'ll be|’ll be| will be|'ve|’ve| have)?\s+(?:leaving|left|quitting|quit)\s+${COMPANY}[^.!?\n]{0,40}?\bto\s+(?:take\s+up|accept|start)\s+(?:a|an|the)\s+(?:new\s+)?([^,.;:!?\n]{2,40}?)\s+(?:position|role|job|post)\s+(?:at|with)\s+${COMPANY}`,
      "gu",
    ),
    title: 2,
    company: 3,
  },
  // "I've accepted a position as X at Y"
  {
    re: new RegExp(
      String.raw`${I}(?:accepted|taken|took)\s+(?:up\s+|on\s+)?(?:a|an|the)\s+(?:new\s+)?(?:position|role|job|offer)\s+(?:as|of)\s+(?:the\s+|a\s+|an\s+)?${TITLE}\s+(?:at|with)\s+${COMPANY}`,
      "gu",
    ),
    title: 1,
    company: 2,
  },
  // "I moved from Cape Ridge Roofing to Highveld Builders last month, site manager there now": a move between
  // two named employers, with a role word in the same sentence (not "moved from Slack to Teams"); round 11: a
  // legal form after a comma ("Sanwa Motors Co., Ltd.") and the title after "as" ("… as HR Director")
  {
    re: new RegExp(
      String.raw`${I}(?:moved|switched|changed|went|gone|transferred)\s+(?:over\s+|jobs?\s+)?from\s+${COMPANY}\s+to\s+${COMPANY}(?:,?\s+(?:Ltd|Inc|LLC|GmbH|AG|Corp|Limited)\.?)?(?=[^.!?\n]{0,60}\b(?:[Mm]anager|[Dd]irector|[Hh]ead|[Ll]ead|[Ee]ngineer|[Oo]fficer|[Ss]upervisor|role|job|position|there now)\b|\s+as\s)(?:\s+as\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:new\s+)?${TITLE}${TITLE_END})?`,
      "gu",
    ),
    title: 3,
    company: 2,
  },
  // "from 1 December I will be leading procurement at Norrland Foods": a dated future role at a named employer
  {
    re: new RegExp(
      String.raw`\b(?:[Ff]rom|[Ss]tarting|[Aa]s of|[Ee]ffective)\s+[^.!?\n]{1,30}?,?\s+I(?:'ll|’ll| will) be\s+(?:leading|heading(?: up)?|running|managing)\s+(?:[a-z][\w&-]*\s+){0,3}(?:at|for|with)\s+${COMPANY}()`,
      "gu",
    ),
    title: 2,
    company: 1,
  },
];
/**
 * "I'm Head of Partnerships now", "since this week I am Regional Director North": a capitalised title the author
 * holds now or from a stated time (not "I'm busy now", "I'm Sam").
 */
const TITLE_NOW =
  /\b(?:I|i)(?:'m|’m| am)\s+(?:the\s+|our\s+)?(?:new\s+)?(\p{Lu}[\p{L}&/.-]*(?:\s+(?:of\s+|and\s+|&\s+|for\s+)?\p{Lu}[\p{L}&/.-]*){0,5})\s+now\b|\b(?:[Ss]ince|[Ff]rom|[Aa]s of|[Ss]tarting)\s+[^,.!?\n]{1,25}?,?\s+I(?:'m|’m| am)\s+(?:the\s+|our\s+)?(?:new\s+)?(\p{Lu}[\p{L}&/.-]*(?:\s+(?:of\s+|and\s+|&\s+|for\s+)?\p{Lu}[\p{L}&/.-]*){0,5})/u;
/**
 * "Got the promotion 🎉 officially Head of Talent now!", "Promoted last week, officially T now": news of the
 * author's own promotion without a subject, then the title held "officially". Not a congratulation to the
 * reader ("Congrats on the promotion, officially T now!"): a "you"/"congrat" in the news sentence stops it.
 */
const PROMOTION_NEWS =
  /(?:^|[.!?\n,:;]\s*|\bI(?:'ve|’ve| have)?\s+(?:just\s+|finally\s+)?)(?:[Gg]ot|[Gg]et|[Ll]anded|[Rr]eceived|[Ee]arned)\s+(?:the|a|my)\s+promotion\b|(?:^|[.!?\n]\s*)(?:[Jj]ust\s+|[Ff]inally\s+)?(?:[Gg]ot\s+)?[Pp]romoted\b/u;
const OFFICIALLY =
  /\b(?:I(?:'m|’m| am)\s+)?(?:now\s+)?officially\s+(?:the\s+)?(?:new\s+)?(\p{Lu}[\p{L}&/.-]*(?:\s+(?:of\s+|and\s+|&\s+|for\s+)?\p{Lu}[\p{L}&/.-]*){0,5})/u;
/**
 * "hi its Kyle - new job! director of marketing at Basalt Bikes starting monday": news of the author's new job
 * (opening its clause, or "my new role", "I've got a new job"), then "title at company"; not "my manager has
 * moved to a new role as COO at …".
 */
const NEW_JOB_NEWS = new RegExp(
  String.raw`(?:^|[-–—:,.!]\s*|\b[Mm]y\s+|\bI(?:'ve|’ve| have)?\s+(?:got|started|landed)\s+a\s+)[Nn]ew (?:job|role|position|gig)\b[!:.,\s\p{Extended_Pictographic}\u200d\ufe0f—–-]{1,12}(?:(?:I'm|I am|as|now)\s+)?(?:the\s+|a\s+|an\s+)?([a-zA-Z][\p{L}&/.-]*(?:\s+(?:of|and|&|for|[a-zA-Z][\p{L}&/.-]*)){0,5}?)\s+(?:at|with)\s+${COMPANY}`,
  "u",
);
function promotionNews(body: string): { title: string; quote: string } | null {
  const news = PROMOTION_NEWS.exec(body);
  if (!news) return null;
  const sentenceEnd = body.slice(news.index + 1).search(/[.!?\n]/);
  const sentence = body.slice(news.index, sentenceEnd < 0 ? undefined : news.index + 1 + sentenceEnd);
  if (/\b(?:congrat\w*|you|your)\b/i.test(sentence)) return null;
  const window = body.slice(news.index, news.index + 160);
  const held = OFFICIALLY.exec(window);
  const title = cleanTitle(held?.[1]);
  if (!held || !title) return null;
  return { title, quote: window.slice(0, held.index + held[0].length).replace(/^[.!?\s]+/, "") };
}
// "I've been promoted to X", "I stepped up to X", "I have moved into the role of X", "I took over as X"
const ANNOUNCEMENT_NEEDS_TITLE = new Set(ANNOUNCEMENTS.filter((a) => a.needsTitle).map((a) => a.re));
const PROMOTION = new RegExp(
  String.raw`(?:${I}|\b(?:I|i)(?:'m|’m| am)\s+(?:now\s+)?(?=moving up|stepping up|stepping into))(?:been\s+)?(?:moving up|stepping up|stepping into the (?:role|position) of|promoted|appointed|named|made|stepped up|moved up|stepped into the (?:role|position) of|moved into the (?:role|position) of|taken on the (?:role|position) of|took on the (?:role|position) of|taken over as|took over as|(?:taken|took) on a new (?:role|position|job) as|(?:got|have|'ve got) a new (?:role|title|position) as|become|became)\s+(?:to\s+|as\s+)?(?:the\s+|a\s+|an\s+|our\s+)?${TITLE}${TITLE_END}(?:\s+(?:here\s+)?at\s+${COMPANY})?`,
  "u",
);
/** "my new title is Senior Product Manager", "my title is now …": a new title, company unchanged. */
const NEW_TITLE = new RegExp(
  String.raw`\b[Mm]y\s+(?:new\s+(?:job\s+)?(?:title|role|position)\s*(?:is|:)|(?:job\s+)?title\s+is\s+now|role\s+is\s+now|(?:job\s+)?(?:title|role|position)\s+(?:has\s+)?changed\s+to)\s+(?:the\s+|a\s+|an\s+)?(?:new\s+)?${TITLE}${TITLE_END}`,
  "u",
);
/**
 * "I'm now leading the partnerships team here as Partnerships Director": a new role at the same company (not "I've
 * moved on from X and joined Y as T", a move read by sentence).
 */
const NEW_ROLE_AS = new RegExp(
  String.raw`\b(?:I|i)(?:'m|’m| am|'ve|’ve| have)?\s+(?:now\s+|just\s+)?(?:leading|heading(?: up)?|running|head(?:ing)? up|lead(?:ing)?|manag(?:e|ing)|look(?:ing)? after|in charge of|moved|switched|transferred)\b(?:(?!\bjoined\b)[^.!?\n]){0,60}?\bas\s+(?:the\s+|a\s+|an\s+|our\s+|its\s+)?(?:new\s+)?${TITLE}${TITLE_END}`,
  "u",
);
/** An employer between a role verb and its "as T": "heading up purchasing at Porto Verde Hotels as …". */
const ROLE_EMPLOYER = new RegExp(String.raw`\b(?:at|with|for)\s+${COMPANY}\s+(?=as\b|$)`, "u");
const LEFT = new RegExp(
  String.raw`(?:${I}(?:left|moved on from|said goodbye to|departed|stepped down from)|\bI(?:'m|’m| am) no longer (?:with|at|working (?:at|for|with))|\b[Mm]y (?:last|final) (?:day|week|month) (?:at|with))\s+${COMPANY}`,
  "u",
);
const TITLE_HINT =
  /\b(?:ceo|cto|cfo|coo|cmo|cio|cro|cpo|vp|svp|evp|vice president|president|director|manager|head|lead|engineer|developer|designer|founder|partner|consultant|analyst|specialist|coordinator|officer|executive|associate|assistant|owner|principal|architect|representative|advisor|adviser|recruiter|administrator|chief|counsel|controller|buyer|strategist|scientist|researcher|editor|producer|agent|supervisor|chair|gerente|jefe|jefa|directora?|diretora?|directeur|directrice|responsable|leiter|leiterin|[a-zäöüß]+leiter(?:in)?|geschäftsführer(?:in)?|comprador[a]?|inkoper|responsabile|direttore|kierownik|dyrektor)\b/i;

function cleanTitle(t: string | undefined): string | null {
  if (!t) return null;
  // a title ends at an emoji ("Head of Design 🎉 Same number though")
  const v = t
    .replace(/\s*\p{Extended_Pictographic}[\s\S]*$/u, "")
    // and at a sentence's end ("Purchasing Director. Keep my number"; not "Sr. Manager") or a line break (round 11)
    .replace(/(?:(?<=\p{Ll}{4})[.!?]\s|\n)[\s\S]*$/u, "")
    .trim()
    .replace(/[,.;:]+$/, "");
  // round 11: the signature's title words and agent nouns too, in the head noun ("Senior Copywriter", "Head
  // Distiller", "Illustrator"; not "heading the procurement team"); a leading "new" is no part of it
  const title = v.replace(/^(?:(?:the|their|its|a|an)\s+)?new\s+/i, "");
  const head = title.split(/\s+/).pop() ?? "";
  return (TITLE_HINT.test(title) || (looksLikeTitle(head) && !/^\p{Ll}+ing\b/u.test(title))) &&
    title.split(/\s+/).length <= 7
    ? title
    : null;
}

function cleanCompany(c: string | undefined): string | null {
  if (!c) return null;
  // a company ends at its sentence's end ("at Harrow Freight. Until then …"), not at an abbreviation ("St. Luke's")
  const v = c
    .trim()
    .replace(/(?<!\b(?:St|Co|Inc|Ltd|Dr|Mt|Bros|Corp))[.!?]\s+\p{Lu}[\s\S]*$/u, "")
    .replace(/[,.;:’']+$/, "");
  // "I joined Monday" / "I left Friday": a weekday or a pronoun is not a company; nor is a time ("I started at 9am")
  if (
    !v ||
    /^\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|h)?$/i.test(v) ||
    /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|I|We|The|This|That|It|Last|Next|Today|Yesterday|Here)$/.test(
      v.split(/\s+/)[0] ?? "",
    )
  )
    return null;
  return v;
}

/**
 * A job change announced in a message body by its author: "I've left Brightwave and started as VP
 * Operations at Northpeak", "I joined Pellworth Insurance as Head of Claims", "I've been promoted to
 * Head of Marketing". Only first-person announcements count ("my colleague left" is not the author's
 * change). Quoted text and signatures are ignored.
 */
export function detectJobAnnouncement(msg: Pick<MessageInput, "text">): JobAnnouncement | null {
  const body = messageBody(msg.text);
  const locator = createLocator(msg.text);
  const left = LEFT.exec(body);
  const previousCompany = cleanCompany(left?.[1]);
  // every match of a pattern is tried, not only the first ("I'm no longer at X. Since 1 July I'm Head of IT at Y":
  // the first "I'm … at" has no title)
  for (const { re, title, company } of ANNOUNCEMENTS) {
    const found = announcementMatch(body, re, title, company, previousCompany);
    if (!found) continue;
    const { m, c } = found;
    const from = left && left.index < m.index ? left.index : m.index;
    const quote = body.slice(from, m.index + m[0].length).replace(/[.,;:!]+$/, "");
    return { title: cleanTitle(m[title]), company: c, previousCompany, promotion: false, span: locator.find(quote) };
  }
  const p = PROMOTION.exec(body);
  const t = cleanTitle(p?.[1]);
  if (p && t)
    return { title: t, company: cleanCompany(p[2]), previousCompany: null, promotion: true, span: locator.find(p[0]) };
  const nt = NEW_TITLE.exec(body);
  const ntt = cleanTitle(nt?.[1]);
  if (nt && ntt)
    return { title: ntt, company: null, previousCompany: null, promotion: true, span: locator.find(nt[0]) };
  const tn = TITLE_NOW.exec(body);
  const tnt = cleanTitle(tn?.[1] ?? tn?.[2]);
  if (tn && tnt)
    return { title: tnt, company: null, previousCompany: null, promotion: true, span: locator.find(tn[0]) };
  const job = NEW_JOB_NEWS.exec(body);
  const jobTitle = cleanTitle(job?.[1]);
  const jobCompany = cleanCompany(job?.[2]);
  if (
    job &&
    jobTitle &&
    jobCompany &&
    !/\b(?:your|you|congrat\w*)\b/i.test(body.slice(Math.max(0, job.index - 40), job.index))
  )
    return { title: jobTitle, company: jobCompany, previousCompany, promotion: false, span: locator.find(job[0]) };
  const news = promotionNews(body);
  if (news)
    return { title: news.title, company: null, previousCompany: null, promotion: true, span: locator.find(news.quote) };
  const r = NEW_ROLE_AS.exec(body);
  const rt = cleanTitle(r?.[1]);
  if (r && rt) {
    // "I'm heading up purchasing at Porto Verde Hotels as Purchasing Director": the employer named on the way to the
    // title (the same one as before makes it a promotion when compared); the quote ends with the title (round 11)
    const at = ROLE_EMPLOYER.exec(r[0].slice(0, r[0].lastIndexOf(rt)));
    const quote = r[0].slice(0, r[0].lastIndexOf(rt) + rt.length);
    return {
      title: rt,
      company: at && !/\bhere\s+$/.test(r[0].slice(0, at.index + 1)) ? cleanCompany(at[1]) : null,
      previousCompany: null,
      promotion: true,
      span: locator.find(quote),
    };
  }
  const g = announcementBySentence(body);
  if (g && (g.company ? g.company !== previousCompany : g.title)) {
    const { quote, ...found } = g;
    return { ...found, previousCompany: g.company ? previousCompany : null, span: locator.find(quote) };
  }
  const at = employerAsTitle(body);
  if (at && at.company !== previousCompany) {
    const { quote, ...found } = at;
    return { ...found, previousCompany, promotion: false, span: locator.find(quote) };
  }
  if (left && previousCompany)
    return { title: null, company: null, previousCompany, promotion: false, span: locator.find(left[0]) };
  return null;
}

/** The first match of an announcement pattern whose subject is "I", with a company and any title it needs. */
function announcementMatch(
  body: string,
  re: RegExp,
  title: number,
  company: number,
  previousCompany: string | null,
): { m: RegExpMatchArray & { index: number }; c: string } | null {
  for (const m of body.matchAll(re)) {
    // the author must be the subject: "started as" needs an "I" earlier in the same sentence
    const sentenceStart =
      Math.max(body.lastIndexOf(".", m.index), body.lastIndexOf("\n", m.index), body.lastIndexOf("!", m.index)) + 1;
    const lead = body.slice(sentenceStart, m.index + m[0].length);
    if (!/\b(?:I|I've|I’ve|I'm|I’m)\b/.test(lead)) continue;
    const c = cleanCompany(m[company]);
    if (!c || (previousCompany && c === previousCompany)) continue;
    if (ANNOUNCEMENT_NEEDS_TITLE.has(re) && !cleanTitle(m[title])) continue;
    return { m, c };
  }
  return null;
}

/** Verbs of a move; the first group also names a new employer. */
const MOVE_VERB =
  /\b(?:(joined|joining|join(?= [A-Z])|moved|moving|switched|switching|started|starting|hired|accepted|(?:taken|took|signed|take|taking)(?: up)?(?= (?:a|an|the|my) [^.!?\n]{0,40}?\b(?:role|position|job|contract|assignment|engagement|post)\b)|(?:'ll|’ll|will) be(?= (?:at|with) [A-Z]))|transferred|promoted|appointed|named|became|become|becoming|took over|taken over|taking over|stepped up|stepped into|going to be|(?:'ll|’ll|will) be|report(?:ing)? to)\b/i;
const TITLE_TAIL = String.raw`(?:(?:a|an|the|our|its|their|new)\s+)*([^,.;:!?\n()]{2,60})`;
const TITLE_AT_START = new RegExp(`^${TITLE_TAIL}`, "i");
const TITLE_STOPS =
  /\s(?:at|with|for|from|since|starting|this|next|last|on|in|and|so|here|effective|after|before|to|as)\b[\s\S]*$/i;
const COMPANY_AFTER = new RegExp(
  String.raw`\b(?:at|with|for|by|joined|joining|join|to)\s+(?:the\s+team\s+at\s+|(?:a|an)\s+(?:[a-z]+\s+){0,2}(?:called|named)\s+)?${COMPANY}`,
  "u",
);
/** "I've moved on from Bluefin Analytics and joined Tidewell Health as …": the employer joined in a second clause. */
const JOINED_AFTER_AND = new RegExp(
  String.raw`\b(?:and|then)\s+(?:then\s+)?(?:joined|started\s+(?:at|with)|moved\s+to|switched\s+to)\s+(?:(?:a|an)\s+(?:[a-z]+\s+){0,2}(?:called|named)\s+)?${COMPANY}`,
  "u",
);
const ROLE_AT = new RegExp(
  String.raw`\b(?:the|a|an|my)\s+(?:new\s+)?(?:(?:\w+|\d+)-(?:month|week|year)\s+)?([^,.;:!?\n]{2,40}?)\s+(?:role|position|job|contract|assignment|engagement|post)\s+(?:at|with)\s+${COMPANY}`,
  "u",
);
const MONTH =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|LinkedIn|Zoom|Teams)\b/;

/**
 * Fallback when no announcement pattern matches: a sentence whose subject is "I" and whose verb (within a
 * few words) is a move ("I've recently switched over to Y as T", "I was appointed T"), read for a title
 * after "as"/"to" and a company after "at"/"for"/"joined"/"to". Another subject between "I" and the verb
 * ("I think my boss was promoted") means it is not the author's move.
 */
function announcementBySentence(
  body: string,
): (Omit<JobAnnouncement, "span" | "previousCompany"> & { quote: string }) | null {
  for (const sentence of splitAtStops(body)) {
    const first = /\bI(?:'ve|’ve|'m|’m|'ll|’ll| have| am| was| will| had)?\b/.exec(sentence);
    if (!first) continue;
    const firstVerb = MOVE_VERB.exec(sentence.slice(first.index));
    if (!firstVerb) continue;
    // the subject is the last "I" before the verb: "I inform you that from 1 December I am joining …"
    const verbAt = first.index + firstVerb.index;
    let subjectAt = first.index;
    for (const m of sentence.slice(0, verbAt).matchAll(/\bI(?:'ve|’ve|'m|’m|'ll|’ll| have| am| was| will| had)?\b/g))
      subjectAt = m.index;
    const rest = sentence.slice(subjectAt);
    const verb = MOVE_VERB.exec(rest);
    if (!verb || verb.index > 50) continue;
    if (/\b(?:you|he|she|they|we|my|our|his|her|their)\b/i.test(rest.slice(0, verb.index))) continue;
    const after = rest.slice(verb.index);
    // the title: after "as"; after "be" for "I'll be the new …"; after "to" only for promotions
    // ("promoted to T", not "report to the CFO" or "send it to our Finance Director")
    const v = verb[0].toLowerCase();
    // round 25: also after "become" ("I'm leaving Prairieland to become Chief Advancement Officer at …")
    const prefix = /be$/.test(v)
      ? "as|be"
      : /^bec[oa]m/.test(v)
        ? "as|become|became|becoming"
        : /^(?:promoted|appointed|named|stepped up)$/.test(v)
          ? "as|to"
          : "as";
    // each place a title may start is tried: "I'll be taking over as General Manager" has none after "be" and one
    // after "as", which a match consuming "be taking over as General Manager" hid (round 25)
    const lead = new RegExp(String.raw`\b(?:${prefix}|into the role of|the new|our new)\s+`, "gi");
    let title: string | null = null;
    for (const m of after.matchAll(lead)) {
      const tail = TITLE_AT_START.exec(after.slice(m.index + m[0].length));
      title = cleanTitle((tail?.[1] ?? "").replace(TITLE_STOPS, ""));
      if (title) break;
    }
    // the employer follows the verb directly ("moved over to Y", "hired by Y"), not after an object
    // ("I moved my account to Stripe")
    const cm = COMPANY_AFTER.exec(after);
    let company = cm && cm.index <= verb[0].length + 10 ? cleanCompany(cm[1]) : null;
    if (!company && verb[1]) company = cleanCompany(JOINED_AFTER_AND.exec(after)?.[1]);
    // "accepted the COO role at Maple & Finch"
    const role = ROLE_AT.exec(after);
    if (role && cleanTitle(role[1])) {
      title = cleanTitle(role[1]);
      company = cleanCompany(role[2]) ?? company;
    }
    if (company && (TITLE_HINT.test(company) || MONTH.test(company))) company = null;
    // "I'll be at Greystone Partners" is a move only with a start ("as of May") or a leaving in the message
    // ("I'll be at Acme's office tomorrow" is a visit)
    const beAt = /be$|^join$/i.test(verb[1] ?? "");
    const moving =
      /\b(?:as of|from|starting|effective|move on|moving on|new (?:role|job|position)|leaving|left)\b/i.test(body);
    if (company && verb[1] && (!beAt || moving)) return { title, company, promotion: false, quote: sentence.trim() };
    // a start needs an employer ("I started using it as an admin" is not a new job)
    if (title && !/^start/i.test(verb[0])) return { title, company: null, promotion: true, quote: sentence.trim() };
  }
  return null;
}

/** A first person in any of the languages the authors write announcements in (English "I" is capitalised). */
// (round 42: also a first-person verb of work without its pronoun, "da lunedì lavoro per Molino Del Po come …": blind114)
const FIRST_PERSON =
  /\b(?:I|I'm|I'll|I've|me)\b|(?:^|\s)(?:ich|ik|je|j['’]|yo|eu|io|em)(?=\s|\p{L})|(?:^|\s)(?:lavoro|trabajo|trabalho|werk)\s/u;
/** An employer named, then "as" and the title ("…start at Clare Valley Bottling Co as Operations Manager"). */
const EMPLOYER_AS_TITLE = new RegExp(
  String.raw`\b(?:at|for|by|with|to|of|joining|join|joined|run|bei|bij|chez|rejoins|rejoindre|presso|per|para|pour|voor)\s+(?:(?:our|the|my)\s+(?:[a-z]+\s+){0,3}(?:company|of)\s+)?${COMPANY}[^.!?\n]{0,40}?\s(?:as|als|comme|como|come)\s+(?:(?:the|their|our|a|an|new)\s+)*${TITLE}${TITLE_END}`,
  "u",
);

/**
 * Round 25: the move written as an employer, then "as" and a title, after a first person: "I work now as Export
 * Manager at Farines du Sud" is read by the patterns above, but not "from 1 June I will move to our sister company
 * Latvian Birch SIA as Head of Quality", "I continue my career at PKP Cargo International as Sales Director", "I'm off
 * to run Harlech Dunes Caravan Club Ltd as their General Manager" or "ga ik aan de slag bij Jungheinrich Nederland als Key
 * Account Manager" (non-native and other-language wordings). A verb after the title still ends the match: "…bei
 * Stromer Fleet GmbH als Head of Sales arbeite" is not read.
 */
function employerAsTitle(body: string): { title: string; company: string; quote: string } | null {
  // a stop before a lower-case word is a legal form's ("Molino Del Po S.p.A. come Responsabile Export": blind114), and
  // one after a day's number a date's ("Seit 1. Juni bin ich …")
  for (const sentence of body.split(/(?<=[.!?])(?<!\b\d{1,2}\.)\s+(?!\p{Ll})|\n+/u)) {
    const m = EMPLOYER_AS_TITLE.exec(sentence);
    if (!m) continue;
    const before = sentence.slice(0, m.index);
    // the author's move: a first person before the employer, and no one else's ("my colleague moves to …")
    if (
      !FIRST_PERSON.test(before) ||
      /\b(?:he|she|they|you|(?:my|our)\s+(?:teammate|team-mate|colleague|boss|manager|partner|wife|husband|son|daughter|sister|brother|friend|deputy|successor|replacement|assistant))\b/i.test(
        before,
      )
    )
      continue;
    const title = cleanTitle(m[2]);
    const company = cleanCompany(m[1]);
    if (title && company && !TITLE_HINT.test(company) && !MONTH.test(company))
      return { title, company, quote: sentence.trim() };
  }
  return null;
}

/**
 * Job change seen in one message, compared with the stored profile: an announcement in the body wins
 * (it is explicit), otherwise the message's signature. "I've left X" without a new company is a
 * company change to an unknown company.
 */
export function detectJobChangeInMessage(
  previous: JobProfile,
  msg: Pick<MessageInput, "text">,
): (JobChange & { source: "body" | "signature"; span: SourceSpan | null }) | null {
  const a = detectJobAnnouncement(msg);
  if (a) {
    if (a.company || a.title) {
      // "promoted to VP of Brand here at Solstice" under "Solstice Skincare": a promotion's employer written short is the
      // same employer (round 11)
      const sameEmployer = a.promotion && a.company && previous.company && shortFormOf(a.company, previous.company);
      const change = detectJobChange(previous, {
        title: a.title,
        company: sameEmployer ? previous.company : (a.company ?? (a.promotion ? previous.company : null)),
      });
      // "Some news: from 1 July I'm Senior Copywriter at Voltwerk GmbH": a freelancer (a title and no employer before)
      // announcing an employer has changed company, not only title (round 11)
      if (a.company && !a.promotion && present(previous.title) && !present(previous.company))
        return { ...change, changed: true, kind: "company", source: "body", span: a.span };
      if (change.changed || a.company) return { ...change, source: "body", span: a.span };
    }
    if (
      a.previousCompany &&
      previous.company &&
      normaliseCompany(a.previousCompany) === normaliseCompany(previous.company)
    ) {
      return {
        changed: true,
        kind: "company",
        from: { title: previous.title ?? null, company: previous.company },
        to: { title: null, company: null },
        source: "body",
        span: a.span,
      };
    }
  }
  const sig = parseSignature(msg.text);
  if (!sig || (!sig.title && !sig.company)) return null;
  // "Fernbrook Health is now Fernbrook Care", "Ostra Software has been acquired by Mareva Systems": the
  // employer was renamed or bought, so the new name in the signature is the same job
  const renamed = renamedCompany(msg.text, previous.company, sig.company);
  return {
    ...detectJobChange(previous, { title: sig.title, company: renamed ? previous.company : sig.company }),
    source: "signature",
    span: sig.span ?? null,
  };
}

/** "Solstice" and "Solstice Skincare": one company name is the first words of the other. */
function shortFormOf(a: string, b: string): boolean {
  const [x, y] = [normaliseCompany(a), normaliseCompany(b)];
  return !!x && !!y && (x === y || `${y} `.startsWith(`${x} `) || `${x} `.startsWith(`${y} `));
}

const RENAME = new RegExp(
  String.raw`${COMPANY}\s+(?:is\s+(?:now\s+)?(?:called|named|known\s+as)|is\s+now|goes\s+by(?:\s+the\s+name)?|(?:has\s+)?changed\s+its\s+name\s+to|(?:has\s+been|was|is\s+being|got)\s+(?:acquired|bought|taken\s+over|renamed|rebranded)(?:\s+(?:by|as|to))?|(?:has\s+)?(?:renamed|rebranded)\s+(?:itself\s+)?(?:as|to)?|(?:has\s+)?merged\s+(?:into|with)|(?:is|are)\s+becoming)\s+${COMPANY}`,
  "gu",
);
/**
 * "You'll notice the new name: we've rebranded", "From today we trade under a new name", "our new name": the
 * author's own employer renamed, with neither name written in the body. First person plural only ("Our
 * supplier has rebranded" is someone else's company).
 */
const REBRANDED_SELF =
  /\b(?:we(?:'ve|’ve| have)?\s+(?:just\s+|now\s+|officially\s+)?(?:rebranded|renamed\s+(?:ourselves|the\s+company)|changed\s+(?:our|the\s+company(?:'s|’s)?)\s+name)|(?:we|the\s+company)\s+(?:now\s+)?trades?\s+(?:as|under)\s+(?:a\s+)?new\s+name|our\s+new\s+(?:company\s+|brand\s+)?name|our\s+(?:company(?:'s|’s)?\s+|firm(?:'s|’s)?\s+|business\s+)?name\s+(?:is|has\s+been|was|will\s+be)\s+(?:now\s+)?changed)\b/i;
const FORMERLY = new RegExp(String.raw`\b(?:formerly|previously|once)\s+(?:known\s+as\s+)?${COMPANY}`, "gu");
function renamedCompany(text: string, before: string | null | undefined, after: string | null | undefined): boolean {
  if (!present(before) || !present(after)) return false;
  const a = normaliseCompany(before);
  const b = normaliseCompany(after);
  if (a === b) return false;
  if (REBRANDED_SELF.test(messageBody(text))) return true;
  // "NileConnect Contact Centers S.A.E. (formerly Nile Contact Center)": the old name given with the new one
  for (const m of text.matchAll(FORMERLY)) if (normaliseCompany(m[1] ?? "") === a) return true;
  for (const m of messageBody(text).matchAll(RENAME)) {
    // a company ends at the end of its sentence ("… is now Fernbrook Care. Same team")
    const next = (m[2] ?? "").split(/[.,;:!?](?:\s|$)/)[0] ?? "";
    if (normaliseCompany(m[1] ?? "") === a && normaliseCompany(next) === b) return true;
  }
  return false;
}

/** The role one message states for its author, merged from the body and the signature. */
export interface StatedRole {
  title: string | null;
  company: string | null;
  /** The announcement's span when the body states the role, else the signature block's. */
  span: SourceSpan | null;
}

/**
 * Merges a body announcement ("I've joined Globex as Head of Sales") with the same message's signature:
 * the announcement wins, but when both name the same company or title (equal under `normaliseCompany` /
 * `titleKey`) the fuller spelling is kept, because the body names it briefly ("joined Globex") and the
 * signature in full ("Globex Inc"). A field the announcement leaves out comes from the signature, and so
 * does the span when the announcement has none.
 * Blank values count as absent. Returns null when neither states a title or a company.
 */
export function statedRole(
  announcement: Pick<JobAnnouncement, "title" | "company" | "span"> | null | undefined,
  signature: { title?: string | null; company?: string | null; span?: SourceSpan | null } | null | undefined,
): StatedRole | null {
  const said = announcement && (blankless(announcement.title) || blankless(announcement.company)) ? announcement : null;
  const title = fuller(said?.title, signature?.title, titleKey);
  const company = fuller(said?.company, signature?.company, normaliseCompany);
  if (!title && !company) return null;
  return { title, company, span: said?.span ?? signature?.span ?? null };
}

const blankless = (s: string | null | undefined): string | null => s?.trim() || null;

/** The stated value, or the signed one when it is longer and the same under `key`; the signed one when nothing is stated. */
function fuller(
  said: string | null | undefined,
  signed: string | null | undefined,
  key: (s: string) => string,
): string | null {
  const a = blankless(said);
  const b = blankless(signed);
  if (!a) return b;
  return b && b.length > a.length && key(b) === key(a) ? b : a;
}
