import { type CountryCode, findPhoneNumbersInText } from "libphonenumber-js";
import { cjkSignature } from "./signatureCjk";
import {
  ACADEMIC_UNIT,
  DEPARTMENT,
  FIRM_NAME,
  FOREIGN_OFFICES,
  FUNCTION_WORD,
  isCompanyLike,
  isDepartment,
  isQualifier,
  isTitle,
  LEGAL_SUFFIX,
  namesPerson,
  ORGANISATION_NAME,
  ORGANISATION_WORD,
  PUBLIC_BODY,
  ROLE_WORDS,
  TITLE_WORDS,
  UNIT,
  UNIT_ROLE,
  UNIT_WORD,
  unicodeWords,
} from "./signatureWords";
import { blockSpan, type SourceSpan } from "./span";
import { dedupe, findEmails, matchSignOff, NAME_PARTICLES, splitMessage, stripQuoted } from "./text";

export { looksLikeTitle } from "./signatureWords";

export interface Signature {
  name: string | null;
  title: string | null;
  company: string | null;
  /** E.164 numbers. */
  phones: string[];
  emails: string[];
  links: string[];
  /** The signature block as found (sign-off line included). */
  raw: string;
  /** Mobile footer such as "Sent from my iPhone", if present. */
  mobileFooter: string | null;
  /** Where the signature block is in the message text (`quote === text.slice(start, end)`). */
  span?: SourceSpan | null;
}

export interface SignatureOptions {
  /** Region for numbers written without a country code. Default "US". */
  defaultRegion?: CountryCode;
  /**
   * Whether a signature that is only a first name ("Thanks,\nHelen") counts as one. Default true; false follows
   * the labelling convention of blind6/train7a/train7b (README.md, "Round 8").
   */
  firstNameAlone?: boolean;
}

const ADDRESS =
  /\b\d+\s+[\w\s.]*\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|suite|ste|floor|fl|way|place|pl|court|ct|square|sq|strasse|straße|rue)\b|\b(?:suite|floor|p\.?o\.? box)\s*\d+|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i;
const LABEL =
  /^(?:m|t|p|f|o|w|e|d|c|tel|mob|mobile|cell|phone|office|direct|fax|email|e-mail|web|website|site|www|whatsapp|signal|viber|telegram)\s*[.:]\s*/i;
const LINK =
  /\b(?:https?:\/\/[^\s<>()]+|www\.[^\s<>()]+|(?:linkedin\.com|twitter\.com|x\.com|github\.com|calendly\.com|cal\.com)\/[^\s<>()]+|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|io|co|net|org|ai|dev|app|uk|de|fr|eu|us|ca|au|nl|es|it|biz|tech|me|ie|ch|at|se|no|dk|fi|pl|pt|be|in|jp|nz|za|br|mx|sg|hk|cz|sk|ro|gr|il|ae|info|health|agency|consulting)(?:\/[^\s<>()]*)?)(?![@\w])/gi;
/** A name: given names, initials or an abbreviated given name ("S. Venkataraman", "R. K. Sharma", "Ma. Cristina
 * Reyes", "Md. Rafiqul Islam", round 11), particles (round 57: the Catalan "i", "Montse Vidal i Puig": blind158; round
 * 59: the Welsh "ap", "Cerys ap Rhys": blind166), and the name written again in another script ("Kevin Huang 黃志明").
 * Honorifics and credentials are removed before (see `personName`). */
const NAME = new RegExp(
  String.raw`^(?:(?:[Dd]r|[Mm]r|[Mm]rs|[Mm]s|[Pp]rof)\.?\s+)?(?:\p{Lu}[\p{L}'’-]+|(?:\p{Lu}\.\s?){1,3}\p{Lu}[\p{L}'’-]+|\p{Lu}\p{Ll}{1,3}\.\s(?:\p{Lu}\.\s?)?\p{Lu}[\p{L}'’-]+)(?:\s+(?:\p{Lu}\.?|\p{Lu}[\p{L}'’-]+|${NAME_PARTICLES}|i)){0,4}(?:\s+[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]{1,8})?(?:,?\s+(?:[Jj]r|[Ss]r|II|III|IV)\.?)?$`,
  "u",
);
const NON_NAME = unicodeWords(
  new RegExp(
    String.raw`\b(?:team|group|support|sales|office|inc|llc|ltd|the|customer|service|department|sent|from|my|iphone|android|regards|thanks|best|accounts?|payable|receivable|billing|finance|procurement|purchasing|reception|helpdesk|desk|admin|administration|payroll|legal|orders|bookings|reservations|info|noreply|care|accounting|dispatch|logistics|warehouse|management|supplier|vendor|facilities|department|you|your|soon|ufficio|committee|comité|comitato|comisión|commission|${FOREIGN_OFFICES})\b`,
    "i",
  ),
);
/** "Name: Tom Walsh", "Position: Procurement Manager", "Company: Ardent Foods" */
const LABELLED =
  /^\s*(name|full name|contact|position|title|job title|role|designation|function|company|organi[sz]ation|employer|firm)\s*:\s*(\S.{0,80})$/i;
/** A generational suffix belongs to the name: "Ray Hill, Jr.". */
const GENERATION = /^(?:jr|sr|ii|iii|iv)\.?$/i;
/**
 * Post-nominal degrees and credentials are not part of the name a CRM stores ("Derek Osei, P.Eng." is Derek
 * Osei; blind6's labelling convention, the only independent one on the point): dropped. Round 29: also those of
 * therapists, planners, tax and payroll agents ("Marisol Vega, LMT", "Cody Hargrove, DPT", "Tasha Greene, EA",
 * "Helen Ashworth MRTPI": blind63, blind64, blind66); round 57: an insurance broker's ("Harriet Pell ACII": blind158).
 */
const CREDENTIAL =
  /^(?:phd|ph\.d\.?|dphil|mba|md|m\.d\.?|cpa|ca|cma|cfa|fca|aca|acca|cima|esq|msc|bsc|meng|beng|ceng|ma|ba|llm|jd|rn|pe|p\.?eng|pmp|shrm-cp|sphr|leed ap|frcs|mrcp|dds|dvm|eit|cissp|mrics|frics|aiqs|mciob|fciob|mcips|fcips|miet|mice|mimeche|mistructe|cgma|acma|fcma|mcipd|chfc|cfp|riba|aia|faia|fcca|fcpa|bvsc|bvms|bvetmed|mrcvs|frcvs|mbchb|mbbs|bds|bpharm|mpharm|mphil|llb|beng|meng|msc|bsc|cih|csp|chmm|lmt|dpt|ea|mrtpi|frtpi|cpp|fpc|phr|shrm-scp|atc|ocs|lcsw|lpc|cfe|aat|mcsp|cscs|acr|acii|fcii)\.?$/i;
/**
 * An honorific or degree before a name is not part of it either ("Ing. Alejandro Treviño", "Dipl.-Ing.
 * Katharina Vogt", "Dr. Femi Adebayo", "Arq. Valeria Montes"). Spanish "Sr." is left alone: it also opens a
 * title ("Sr. Manager"). Round 43: also a priest's "ks." and "Pe." and a religious sister's or brother's "Hna."/"Hno."
 * ("ks. Tomasz Wrona", "Pe. Luiz Fernando Arruda": blind116, blind118). Round 29: nor is a coach's "Coach", or a closing abbreviated on the name's line ("Mvh Ingrid",
 * "Hilsen Ingrid", "LG Magdalena Huber": blind48, blind51, blind53, blind55, blind63). Round 56: also a Mexican
 * "Mtra." or "MVZ" (a vet), a Malaysian "Mdm", a friar's "Fra", and "Lp" or "Rgds" on the name's line (blind108, blind141,
 * blind156, blind59, blind152, blind127). Round 57: a Slovak or Czech "Mgr.", an Italian accountant's "Rag.", an Indian
 * engineer's "Er." and a Burmese woman's "Daw" before a name of two words (blind159, blind160). Round 65: a Spanish
 * priest's "Pbro." (presbítero: "Pbro. Arturo Méndez Lara", blind183).
 */
const NAME_PREFIX =
  /^(?:(?:(?:dr|mr|mrs|ms|mx|prof|dra|sra|srta|mme|mlle|capt|cllr|rev|revd|engr|atty|sgt|lt|col|maj|hon)\.?|(?:dott|prof|avv|ing|arch)\.ssa\.?|miss|(?:ing|eng|arq|arch|lic|licda|dott|dott\.ssa|avv|mag|ir|drs|ks|pe|hna|hno|mgr|rag|er|dipl\.-(?:ing|kfm|kff|inf|oec)|dr\.-ing|dr\. med|univ\.-prof|med|vet|dent|rer|nat|pol|oec|jur|phil|techn)\.|(?:canon|father|fr|fra|père|padre|abbé|pastor|rabbi|imam|pbro)\.?|(?:mtra|mtro|mdm)\.?|mvz|daw(?=\s+\p{Lu}[\p{L}'’-]+\s+\p{Lu})|don(?=\s+\p{Lu}[\p{L}'’-]+\s+\p{Lu})|coach|mvh|hilsen|lg|vg|mfg|lp|rgds)\s+)+(?=\p{Lu})/iu;
/** "Kim Soo-jin (김수진)": the name in another script, in parentheses, is the same name: dropped. */
const SCRIPT_ALIAS = /\s*\([\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\s]{1,12}\)$/u;
/**
 * Thanks in a word, in any spelling or language, ends a text like a name would ("… send it over? Thx",
 * "… from 1st. JazakAllah"): never a name (round 9).
 */
const THANKS_WORD =
  /^(?:th(?:a?n)?(?:x|ks?)|tnx|thnks|tku|ty|tysm|shukran|shukriya|jazak\s?allah(?:u)?(?:\s?khair(?:an)?)?|asante(?:\s?sana)?|merci|danke|dankie|dank je|gracias|grazie|obrigad[oa]|tack|takk|tak|kiitos|spasibo|dziękuję|dzięki|dekuji|děkuji|köszönöm|teşekkürler|sağol|efharisto|toda|arigato|kamsahamnida|xie ?xie|cảm ơn|salamat|terima kasih|dhanyavad\w*|dhanyabad|ngiyabonga|enkosi|medaase|daalu|ese)$/iu;
/** One-word lines that end messages but are not names. */
const NOT_A_BARE_NAME =
  /^(?:sure|ok|okay|yes|no|great|thanks|perfect|done|noted|agreed|fine|cool|nice|sorry|bye|later|soon|again|please|urgent|help|hello|hi|hey|welcome|best|regards|cheers|confirmed|tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|asap|understood|received|attached|excellent|awesome|brilliant|lovely|right|correct|exactly|absolutely|definitely|indeed|unsubscribe)$/i;
/** A legal suffix written after a comma: "Hanbit Trading Co., Ltd." is one company. */
const SUFFIX_PIECE =
  /^(?:inc|ltd|llc|plc|gmbh|ag|sa|sas|bv|nv|pty|pte|llp|lp|corp|co|limited|s\.?a|s\.?l|s\.?r\.?l|s\.?p\.?a|k\.?k|lda|n\.a|l\.l\.c|l\.l\.p|l\.p|p\.c|p\.l\.c|s\.l\.u|s\.a\.s)\.?$/i;

/** A one-word closing in any language ("Teşekkürler,", "Grazie!", "Salam,"): a short line ending in "," or "!". */
const CLOSING_SHAPE = /^\p{L}+(?:\s\p{L}+){0,2}[,!]$/u;
/** A line (or the previous line) that ends a sentence: punctuation or an emoji ("Looking forward! 🎉"). */
const SENTENCE_END = /(?:[.!?)]|\p{Extended_Pictographic}\uFE0F?)\s*$/u;
/**
 * A sign-off written on the last line of a short message, after its last sentence ("… if you're happy. Tane",
 * "… again. - Priya, Maple & Main", "Orla @ Lakeside", "Let me know 🙏 Sipho | Cape Ridge Roofing"), as SMS and
 * WhatsApp writers sign; a relation in parentheses after the name is dropped ("… by 6pm Sunday. Sam (Zara's dad)",
 * round 11). Only the last 120 characters are read, so the match stays linear. Round 57: also after "/" or "·" ("… by 6pm
 * today. – Yuki / Niseko Backcountry Guides", "Ingrid / Linspinneriet i Vadstena", "Rosa · Huascarán Glacier Treks":
 * blind158, blind159, blind160). Round 59: a company may join its words with "los", "las" or "el" ("Ximena, Ruta de
 * los Cenotes": blind164); and a name may be an initial and a surname ("… delivery to Vienna included. M. Reinholt",
 * "… for both weekends. Best, M. Kühn": blind140, blind158), but not the Finnish closing "T." ("terveisin": "… T.
 * Ville"). Round 62: a German association ends in "e.V." ("Lotte Adeyemi-Brandt, Saatgutbibliothek Kreuzberg e.V.":
 * blind175).
 */
const TAIL_SIGN_OFF =
  /(?:(?<!(?:^|\s)\p{Lu})[.!?]|\p{Extended_Pictographic}\uFE0F?)\s+(?:[-–—~]\s*|x{1,3}\s+)?(\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s\p{Lu}\p{Ll}[\p{L}'’-]*)?|(?!T\.)\p{Lu}\.\s?\p{Lu}\p{Ll}[\p{L}'’-]*)(?:\s*(?:,|\||@|[-–—/·])\s*(\p{Lu}[\p{L}'’&.-]*(?:\s(?:&|[\p{Lu}\d][\p{L}'’&.-]*|(?:am|an|der|de|del|la|los|las|el|du|des|di|da|do|z|i|o\.o\.|e\.V\.|und|and|of)(?=\s|$))){0,5}))?(?:\s+\(([^()\n]{1,30})\))?\s*$/u;
const TAIL_FROM =
  /(?:[.!?]|\p{Extended_Pictographic}\uFE0F?)\s+(?:(\p{Lu}\p{Ll}+(?:\s\p{Ll}+)?)[,!]\s+)?(\p{Lu}\p{Ll}[\p{L}'’-]*)\s+from\s+(\p{Lu}[\p{L}'’&.-]*(?:\s(?:&|[\p{Lu}\d][\p{L}'’&.-]*)){0,4})\s*$/u;
/** "… No action required. - Maple & Main Property Mgmt": a dashed company sign-off. */
const TAIL_COMPANY = /[.!?]\s+[-–—]\s*(\p{Lu}[\p{L}\d'’&., -]{2,50})$/u;

/** No signature fields: the mobile footer ("Sent from my iPhone") alone when there is one, else null. */
function footerOnly(mobileFooter: string | null | undefined): Signature | null {
  return mobileFooter
    ? { name: null, title: null, company: null, phones: [], emails: [], links: [], raw: "", mobileFooter }
    : null;
}

/**
 * Round 56: a closing of words, then a comma, before the name at the end ("… in Jujuy. Un abrazo, Gustavo", "… about
 * $48k NZD. Ngā mihi, Hemi": blind141, blind149), and a phone after the sign-off ("… at 10. Lupe, Saguaro Goat Farm
 * 602-555-0131": blind103): read without them. Round 59: the name may have its company after a comma ("… first. Ngā
 * mihi, Ngaire, Ōtara Community Trust", "Cheers, Brooke, Swan River Craft Supplies": blind166).
 */
const CLOSING_BEFORE_NAME =
  /((?:[.!?]|\p{Extended_Pictographic}\uFE0F?)\s+)(\p{Lu}\p{Ll}+(?:\s\p{Ll}+){0,3}),\s+(?=(?:\p{Lu}\.\s?)?\p{Lu}[^,.!?]*(?:,\s+\p{Lu}[^,.!?]*)?$)/u;
const PHONE_AFTER = /(?<=\p{L})\s+\+?\d[\d ().-]{6,}\d\s*$/u;
function withoutClosingWords(tail: string): string {
  const untelephoned = tail.replace(PHONE_AFTER, "");
  const m = CLOSING_BEFORE_NAME.exec(untelephoned);
  if (!m || matchSignOff(m[2] ?? "") !== "") return untelephoned;
  return `${untelephoned.slice(0, m.index)}${m[1]}${untelephoned.slice(m.index + m[0].length)}`;
}

/** A sign-off read off the end of a message: the name, the company, and a title where one follows the name. */
interface TailSignOff {
  name: string | null;
  company: string | null;
  title?: string;
  raw: string;
}

function tailSignOff(line: string): TailSignOff | null {
  const tail = withoutClosingWords(line.slice(-120));
  const m = TAIL_SIGN_OFF.exec(tail);
  if (m) {
    const name = m[1] ?? "";
    // "… then! - Marcus (Apex Plumbing)": a trading name in parentheses is the company; a relation is dropped
    // ("Sam (Zara's dad)", round 11)
    const inParens = (m[3] ?? "").trim();
    const parenCompany =
      inParens && titleCasePiece(inParens) && !/['’]s\b/.test(inParens) && !isTitle(inParens) ? inParens : null;
    // (round 59: a desk or team after the name is no company, "… Regards, Wanjiru Kamau, Export Desk": blind145)
    const desk = m[2] !== undefined && (DEPARTMENT.test(m[2]) || /\s(?:desk|team|department|dept\.?)$/i.test(m[2]));
    const company = desk ? null : (m[2] ?? parenCompany);
    const first = name.split(/\s/)[0] ?? "";
    const bad = (w: string) =>
      NOT_A_BARE_NAME.test(w) || THANKS_WORD.test(w) || NON_NAME.test(w) || TITLE_WORDS.test(w);
    // "… from Leanne. Cheers, Dom": a closing word, then the name (round 9)
    if (company && matchSignOff(name) === "" && !/\s/.test(company) && personName(company) && !isCompanyLike(company))
      return { name: company, company: parenCompany, raw: tail.slice(tail.indexOf(name)).trim() };
    if (!company && isCompanyLike(name)) return { name: null, company: name, raw: name };
    // (round 56: nor a closing read as the name, "… Saludos, Refacciones Mineras del Norte": blind36)
    if (!bad(first) && !bad(name) && !isCompanyLike(name) && matchSignOff(name) !== "") {
      const raw = tail.slice(tail.indexOf(name)).trim();
      if (!company || !TITLE_WORDS.test(company)) return { name, company, raw };
      // round 61: "… went through.\n– Doug, Treasurer": a title alone after the name (blind171)
      if (m[2] !== undefined && isTitle(company) && !isCompanyLike(company))
        return { name, company: null, title: company, raw };
    }
  }
  // "… Thursday. Cheers, Liam from Harbour Electrical": a closing word, a first name, "from" and the company (round 11)
  const f = TAIL_FROM.exec(tail);
  if (f && (!f[1] || matchSignOff(f[1]) === "") && personName(f[2] ?? "") && !NOT_A_BARE_NAME.test(f[2] ?? ""))
    return { name: f[2] ?? null, company: f[3] ?? null, raw: tail.slice(tail.lastIndexOf(f[2] ?? "")).trim() };
  const c = TAIL_COMPANY.exec(tail);
  if (c && isCompanyLike(c[1] ?? "")) return { name: null, company: (c[1] ?? "").trim(), raw: (c[1] ?? "").trim() };
  return null;
}

/** "Mon–Fri 9am–5pm CET", "Office hours: 9:00-17:00" */
const OFFICE_HOURS =
  /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*[-–—to]+\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:office|opening|working|business) hours\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm)?\s*[-–—]\s*\d{1,2}(?::\d{2})?\s*(?:am|pm)\b/i;
/** "(she/her)", "Pronouns: they/them" */
const PRONOUNS = /^\(?(?:pronouns:?\s*)?(?:she|he|they|ze|xe)\s*\/\s*(?:her|him|them|hir|xem)(?:\s*\/\s*\w+)?\)?$/i;

/** Splits a line on the usual separators: "|", "·", "•", " - ", ",", " at ", " @ ". */
const TRAILING_PRONOUNS =
  /(?<=\S)\s*[([](?:pronouns:?\s*)?(?:she|he|they|ze|xe)\s*\/\s*(?:her|him|them|hir|xem)(?:\s*\/\s*\w+)?[)\]]$/i;

/**
 * A branch after a company: "Kazemachi Railways Co., Ltd. (Osaka Office)", "Atlas Freight (Casablanca office)"; and
 * a former name or a parent (round 8): "NileConnect S.A.E. (formerly Nile Contact Center)", "(a Meridian Data company)".
 */
const BRANCH =
  /(?<=\S)\s*\((?:(?:[\p{L}' -]{1,40}\s)?(?:office|branch|site|hq|headquarters|campus|plant|store|location|subsidiary)|(?:formerly|previously|part of|now part of|a subsidiary of|an? [\p{L}& -]{1,40} company)\b[^()]{0,60})\)$/iu;

/** "(from October)", "(until 31 March)", "(ab 1. Mai)": a date note after a title (round 13). */
const DATE_NOTE =
  /\s*\((?:from|until|till|since|as of|starting|effective|ab|bis|seit|dès|à partir d[eu]|jusqu'au|desde|hasta|dal|fino al)\s[^()]{1,30}\)(?=\s*(?:,|$))/iu;
/**
 * The person's name in a signature piece, or null: honorifics, degrees, credentials written without a comma
 * ("Marcus Lee PMP") and a parenthesised alias in another script are removed first.
 */
function personName(piece: string): string | null {
  const cleaned = withoutHonorifics(piece);
  // "Jr." is a title word ("Jr. Buyer") but not after a name
  const bare = cleaned.replace(/,?\s+(?:jr|sr|ii|iii|iv)\.?$/i, "");
  return NAME.test(cleaned) && !NON_NAME.test(bare) && !TITLE_WORDS.test(bare) && !ORGANISATION_NAME.test(bare)
    ? cleaned
    : null;
}
/**
 * Mixed-case degrees before upper-case post-nominals ("Peter Grant BSc MRICS", "Ana Ruiz, MSc, CEng"), at most four:
 * the run is dropped only when every word of it is a credential (round 9).
 */
const TRAILING_CREDENTIALS = /(?:,?\s+\p{Lu}[\p{L}.]{1,6}){1,4}$/u;
/** The credentials at the end of a tail ("Grant BSc MRICS" keeps "Grant"): words are dropped from the end. */
function trailingCredentials(tail: string): string {
  const words = tail.split(/(?=,?\s+\p{Lu})/u);
  while (words.length && cappedCredential((words[words.length - 1] ?? "").replace(/^,?\s+/, ""))) words.pop();
  return words.join("");
}
/** A credential with two capitals at least ("BSc", "CEng", "MRICS"): a surname such as "Ma" or "Ca" is never one. */
function cappedCredential(word: string): boolean {
  return CREDENTIAL.test(word) && (word.match(/\p{Lu}/gu) ?? []).length >= 2;
}

/**
 * Round 60: an Austrian engineer's "DI" (Diplom-Ingenieur) before a name of two words ("DI Florian Eberhardt": blind168),
 * in capitals only: a capitalised "Di" opens Italian surnames.
 */
const DIPLOM_INGENIEUR = /^DI\s+(?=\p{Lu}[\p{L}'’-]+\s+\p{Lu})/u;

function withoutHonorifics(piece: string): string {
  return piece
    .replace(NAME_PREFIX, "")
    .replace(DIPLOM_INGENIEUR, "")
    .replace(SCRIPT_ALIAS, "")
    .replace(/(?:,?\s+(?:[A-Z]{2,5}|P\.?Eng|Ph\.?D)\.?)+$/u, (tail) =>
      tail
        .split(/[,\s]+/)
        .filter(Boolean)
        .every((w) => CREDENTIAL.test(w))
        ? ""
        : tail,
    )
    .trim()
    .replace(TRAILING_CREDENTIALS, trailingCredentials);
}

/** A short piece in title case: "Moreau Markets", "Coordinador de Soporte", "Estudio Gómez & Asociados". */
function titleCasePiece(piece: string): boolean {
  const words = piece.trim().split(/\s+/);
  return (
    words.length <= 5 &&
    !/\d/.test(piece) &&
    (!/[.!?:;]$/.test(piece) || LEGAL_SUFFIX.test(piece)) &&
    words.every(
      (w, i) =>
        /^[\p{Lu}&]/u.test(w) ||
        // function words inside a trading name in several languages ("Apotheke zum Löwen", "Tierarztpraxis am
        // Auensee", "Café au Lait")
        /^(?:de|del|da|do|dos|das|di|du|la|le|van|von|der|den|des|of|and|y|e|für|zum|zur|am|im|an|bei|und|au|aux|sur|en|et)$/.test(
          w,
        ) ||
        // a legal form written in lower case ends it ("Jadran Trgovina d.o.o.")
        (i === words.length - 1 && LEGAL_SUFFIX.test(piece)),
    )
  );
}

function pieces(text: string): string[] {
  // "Nikos Papadakis / Finance Officer / Aegean Olive Co.": two or more spaced slashes separate like "|"
  // (one may sit inside a title: "Owner / Operator")
  const line = (text.match(/\s\/\s/g) ?? []).length >= 2 ? text.replace(/\s\/\s/g, " | ") : oneSlash(text);
  const out: string[] = [];
  // separators are kept (odd indexes) so a region or function after a dash can rejoin its title
  const parts = line.split(/(\s*[|·•]\s*|\s+[-–—]\s+|\s+at\s+|\s+@\s+)/u);
  for (let j = 0; j < parts.length; j += 2) {
    const piece = parts[j] ?? "";
    const sep = parts[j - 1] ?? "";
    const last = out[out.length - 1];
    // "The Foundry at Pier 9": "at" separates a title or a name from the company, not two halves of a name (round 11)
    if (/^\s+at\s+$/.test(sep) && last && !isTitle(last) && !personName(last)) {
      out[out.length - 1] = `${last}${sep}${piece.trim()}`;
      continue;
    }
    const afterTitle = !!last && TITLE_WORDS.test(last) && !LEGAL_SUFFIX.test(last);
    const afterAnyTitle = !!last && isTitle(last) && !LEGAL_SUFFIX.test(last);
    // "Marketing Coordinator - LATAM", "Associate Director – Operations": one title
    if (/[-–—]/.test(sep) && afterTitle && isQualifier(piece)) {
      out[out.length - 1] = `${last}${sep}${piece.trim()}`;
      continue;
    }
    let commaParts = piece.split(/,\s+/);
    // round 13: "Director – Business Development, Kaveri Clinical Research", "Key Account Manager – Mining | Westrac
    // Heavy Equipment": the piece after the dash qualifies the title when a company follows it
    if (/[-–—]/.test(sep) && afterAnyTitle && qualifierBefore(commaParts[0] ?? "", commaParts[1] ?? parts[j + 2])) {
      out[out.length - 1] = `${last}${sep}${(commaParts[0] ?? "").trim()}`;
      commaParts = commaParts.slice(1);
    }
    for (let i = 0; i < commaParts.length; i++) {
      const p = (commaParts[i] ?? "").trim();
      if (!p) continue;
      const prev = out[out.length - 1];
      const following = i + 1 < commaParts.length ? commaParts[i + 1] : parts[j + 2];
      if ((SUFFIX_PIECE.test(p) || GENERATION.test(p)) && out.length) out[out.length - 1] += `, ${p}`;
      else if (CREDENTIAL.test(p) && out.length) continue;
      // "Regional Sales Manager, APAC" and "Head, Customer Experience" are one title; round 13: so is "Partner,
      // Employment | Halden Rook LLP", a function after the comma with the company after it
      else if (
        i > 0 &&
        prev &&
        !LEGAL_SUFFIX.test(prev) &&
        ((TITLE_WORDS.test(prev) && isQualifier(p)) ||
          (isTitle(prev) && qualifierBefore(p, following)) ||
          // round 20: "Lecturer, Faculty of Education" ending the line: a unit headed by its noun narrows the title
          (isTitle(prev) && !following && ACADEMIC_UNIT.test(p)))
      )
        out[out.length - 1] = `${prev}, ${p}`;
      else out.push(p);
    }
  }
  return out;
}

/**
 * A piece between a title and the company ("Director – Business Development, Kaveri Clinical Research", "Partner,
 * Employment | Halden Rook LLP", "GM - IT, Saraswati Textiles Ltd"): the qualifier of the title, by its place rather
 * than by a list of functions, when a company follows it (round 13). A signature has one company, so a short piece
 * that is no company itself and sits before one narrows the title (a sector, a function, a region).
 */
function qualifierBefore(piece: string, following: string | undefined): boolean {
  const p = piece.trim();
  const next = (following ?? "").trim();
  return (
    p.length > 0 &&
    // a unit headed by its noun may be longer ("Graduate School of Engineering", "Department of Earth Sciences")
    (p.split(/\s+/).length <= 3 || ACADEMIC_UNIT.test(p)) &&
    !/\d/.test(p) &&
    // a sector may be a business noun too ("Senior Consultant – Construction, Brookfield Recruitment"): one word
    // before a company is still the qualifier
    (!isCompanyLike(p) || (!/\s/.test(p) && !LEGAL_SUFFIX.test(p))) &&
    !isContactLine(p) &&
    next.length > 0 &&
    !isContactLine(next) &&
    !TITLE_WORDS.test(next) &&
    (isCompanyLike(next) || (/^\p{Lu}/u.test(next) && next.split(/\s+/).length >= 2 && !/[.!?]$/.test(next)))
  );
}

/**
 * "Owner / Bluenose Commercial Cleaning": one spaced slash between a title and a name in title case that holds no
 * title word separates like "|" (round 9). A bilingual title ("Office Manager / Kantoormanager", "Associée /
 * Partner", "Logistics Manager / 物流经理") and "Owner / Operator" stay one piece.
 */
function oneSlash(text: string): string {
  const m = /^([^/]{2,60}?)\s\/\s([^/]{2,60})$/.exec(text);
  if (!m) return text;
  const [left, right] = [m[1]!.trim(), m[2]!.trim()];
  return TITLE_WORDS.test(left) &&
    !TITLE_WORDS.test(right) &&
    /^\p{Script=Latin}/u.test(right) &&
    titleCasePiece(right) &&
    !DEPARTMENT.test(right) &&
    !isQualifier(right)
    ? `${left} | ${right}`
    : text;
}

function isContactLine(line: string): boolean {
  const stripped = line.replace(LABEL, "");
  if (findEmails(stripped).length > 0) return true;
  if (/^[+()\d\s.\-ext]{7,}$/i.test(stripped)) return true;
  LINK.lastIndex = 0;
  const link = LINK.exec(stripped);
  LINK.lastIndex = 0;
  if (link && link[0].length >= stripped.trim().length - 2) return true;
  // "lea-martin.example": a bare domain in lower case with a top-level domain the link list does not know (round 11)
  if (/^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*)?$/.test(stripped.trim())) return true;
  if (
    /^(?:tel|mob|mobile|cell|phone|office|direct|fax|email|e-mail|web|website|whatsapp|signal|viber|telegram)\s*[.:]/i.test(
      line,
    ) ||
    // a one-letter label is followed by a number or an address ("P. Raghavan" is a name, "P. 020 …" a phone)
    /^[mtpfowdc]\s*[.:]\s*(?:[+(\d]|\S+@|www\.|https?:)/i.test(line) ||
    /^[mtpfowdc]\s*:/i.test(line) ||
    // "M +61 491 570 157", "T (617) 555-0122": a one-letter label and a space before a number (round 9)
    /^[mtpfowdc]\s+[+(]?\d[\d\s().-]{5,}\d$/i.test(line)
  )
    return true;
  return false;
}

/** Country-code domains and legal forms that name a country, for numbers written without "+". */
const DOMAIN_REGION: Record<string, CountryCode> = {
  uk: "GB",
  de: "DE",
  fr: "FR",
  es: "ES",
  it: "IT",
  nl: "NL",
  be: "BE",
  ch: "CH",
  at: "AT",
  se: "SE",
  no: "NO",
  dk: "DK",
  fi: "FI",
  pl: "PL",
  pt: "PT",
  ie: "IE",
  cz: "CZ",
  au: "AU",
  nz: "NZ",
  in: "IN",
  jp: "JP",
  sg: "SG",
  za: "ZA",
  br: "BR",
  mx: "MX",
  ca: "CA",
};
const LEGAL_REGION: Array<[RegExp, CountryCode]> = [
  [/\bgmbh\b/i, "DE"],
  [/\b(?:sas|sarl)\b/i, "FR"],
  [/\bs\.l\.?(?:u\.?)?$|\bs\.l\.\s/im, "ES"],
  [/\bs\.?r\.?l\.?|\bs\.?p\.?a\.?(?:\s|$)/i, "IT"],
  [/\bb\.?v\.?(?:\s|$)/i, "NL"],
  [/\bsp\. z o\.o\./i, "PL"],
  [/\blda\.?(?:\s|$)/i, "PT"],
  [/\b(?:pty)\.? ltd\b/i, "AU"],
  [/\b(?:pvt)\.? ltd\b/i, "IN"],
];
function domainRegion(block: string): CountryCode | null {
  for (const m of block.matchAll(/[\w-]\.(?:co\.)?([a-z]{2})\b(?![.@\w])/gi)) {
    const region = DOMAIN_REGION[(m[1] ?? "").toLowerCase()];
    if (region) return region;
  }
  return null;
}
function legalRegion(block: string): CountryCode | null {
  for (const [re, region] of LEGAL_REGION) if (re.test(block)) return region;
  return null;
}

/** Regions whose national numbers open with a trunk 0, tried in turn for a number no region is known for. */
const TRUNK_REGIONS: CountryCode[] = ["GB", "AU", "NZ", "IE", "ZA", "IN", "DE", "FR"];
/**
 * "020 7946 0312", "0491 570 157" signed with no region to read them in (no domain, no caller's region, no legal form,
 * round 20): the US reading drops a number with a trunk 0, so each is kept in the first of the trunk-0 regions where
 * its digits make a valid number (an 11-digit UK number is no valid Australian one, a 10-digit Australian mobile no
 * valid UK one). Only when no region is known, and only numbers the US reading did not find.
 */
function trunkNumbers(
  block: string,
  known: CountryCode | null,
  found: ReturnType<typeof findPhoneNumbersInText>,
): string[] {
  if (known) return [];
  const out: string[] = [];
  const claimed = (start: number, end: number) => found.some((p) => p.startsAt < end && start < p.endsAt);
  for (const m of block.matchAll(/(?<![\d+])0\d[\d ().-]{7,14}\d(?!\d)/g)) {
    const start = m.index ?? 0;
    if (claimed(start, start + m[0].length)) continue;
    for (const region of TRUNK_REGIONS) {
      const hit = findPhoneNumbersInText(m[0], { defaultCountry: region }).find((p) => p.number.isValid());
      if (hit) {
        out.push(hit.number.number as string);
        break;
      }
    }
  }
  return out;
}

function cleanLink(l: string): string {
  return l.replace(/[.,;:!?)\]]+$/, "");
}

/** An Outlook separator written in words between dashes: "-----Mensaje original-----", "----- Weitergeleitete Nachricht -----". */
const FOREIGN_SEPARATOR = /^[^\S\n]*-{3,}[^\S\n]*\p{L}[\p{L}'’ ]{2,40}[^\S\n]*-{3,}[^\S\n]*$/mu;

/**
 * A closing the lists do not know, found by its shape (round 9): a line of at most five words, no digits and no
 * sentence inside, ending in "," or in a word ("Com os melhores cumprimentos,", "Avec mes salutations
 * distinguées,", "With sincere regards,", "Freundliche Grüsse aus Zürich"), above a line that opens with a
 * person's name (an honorific allowed: "Dr. Amaka Eze"; a one-line "Name | Title | Company" too). Only the
 * first line of a trailing block is tried, so a body line is never read as one: the block is what follows a
 * blank line at the end of the message.
 */
function closingByShape(block: string[]): boolean {
  const [line = "", next = ""] = block;
  const words = line.replace(/[,!]$/, "").trim().split(/\s+/);
  // round 13: a closing in two languages of which one is known ("S pozdravem / Best regards"); text.ts knows the
  // pairs whose both halves it knows
  const halves = line.split(/\s+\/\s+/);
  const bilingual =
    halves.length === 2 &&
    halves.some((h) => matchSignOff(h) === "") &&
    halves.every((h) => /^\p{Lu}[\p{L}'’ ]+[,!]?$/u.test(h) && h.split(/\s+/).length <= 4);
  const known = matchSignOff(line) === "" || bilingual;
  return (
    block.length >= 2 &&
    block.length <= 9 &&
    // one known word ("Cordialement,") above a one-line signature long enough for text.ts to read it as prose
    // round 11: one word too when the name below it is over a title ("Namaste\nRavi Kumar\nSales Manager")
    // and one word with a comma above a name ("Blessings,\nRev. Daniel Okoro")
    (words.length >= 2 || (known && /\s[|·•—–]\s/.test(next)) || /,$/.test(line) || closingAboveName(block)) &&
    (words.length <= 5 || bilingual) &&
    (bilingual || /^\p{Lu}[\p{L}'’ ]+[,!]?$/u.test(line)) &&
    !/^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings from|re|fwd)\b/i.test(line) &&
    !TITLE_WORDS.test(line) &&
    !isCompanyLike(line) &&
    !DEPARTMENT.test(line) &&
    // round 13: a unit is no closing ("AOG Desk\nHeartland Rotables" signs for a desk)
    !UNIT_WORD.test(line) &&
    !FUNCTION_WORD.test(line) &&
    // "Marisol Vega" over "Plinth Analytics" is a name over a company, not a closing; "Beste Grüsse" over "Urs
    // Baumann" over "Leiter Technik" is a closing (round 11)
    (known ||
      (words.length === 1 && /,$/.test(line)) ||
      personName(line.replace(/[,!]$/, "")) === null ||
      closingAboveName(block)) &&
    personName(pieces(next)[0] ?? "") !== null &&
    // the name line opens the signature: the lines below it are short and not sentences
    block.slice(2).every((l) => !/[.!?]$/.test(l) || LEGAL_SUFFIX.test(l) || /\S+@\S+/.test(l))
  );
}

/** Nouns that end a closing in the languages whose closings are capitalised or name-shaped ("Beste Grüsse"). */
const CLOSING_NOUN =
  /(?:^|\s)(?:grü(?:ß|ss)e\p{L}*|gru(?:ß|ss)|groet(?:en)?|hilsen|hälsning(?:ar)?|terveisin|saluti|salutations|saludos|cumprimentos|pozdrav\p{L}*|pozdrowienia|regards|wishes|greetings)$/iu;
/**
 * A name-shaped line that is a closing (round 11): it ends in a closing noun, or it sits above a full name that is
 * itself above a title, sharing no word with that name ("Hartelijke Groet\nWillemijn de Boer\nProjectleider", not
 * "Jess Moreau\nMoreau Markets\nCEO").
 */
function closingAboveName(block: string[]): boolean {
  const [line = "", next = "", third = ""] = block;
  if (CLOSING_NOUN.test(line.replace(/[,!]$/, ""))) return true;
  const nameWords = new Set(next.toLowerCase().split(/\s+/));
  return (
    /\s/.test(personName(next) ?? "") &&
    !isCompanyLike(next) &&
    !!third &&
    isTitle(pieces(third)[0] ?? "") &&
    !isCompanyLike(third) &&
    line
      .toLowerCase()
      .split(/\s+/)
      .every((w) => !nameWords.has(w))
  );
}

/**
 * Round 56: a short line in sentence case with no English word of a sentence in it: a title or a company as many
 * languages write them ("Pārdošanas vadītāja", "Referentka veřejných zakázek", "Muzeum historických vozidel Praha":
 * blind134, blind140), where an English line under a name is a sentence ("See you soon").
 */
const SENTENCE_WORD =
  /\b(?:the|a|an|you|your|we|our|i|me|my|to|for|of|and|or|in|on|at|with|is|are|be|will|please|thanks|thank|see|soon|it|this|that|hope|have|has|let|know|all|best|regards|cheers|love|from|sent)\b/i;
function sentenceCaseLine(line: string): boolean {
  return (
    /^\p{Lu}/u.test(line) &&
    !/[.!?:,;)]$/.test(line) &&
    !/[\d@|·•]/.test(line) &&
    line.split(/\s+/).length <= 6 &&
    !SENTENCE_WORD.test(line)
  );
}

/** A town, or a town and its region's code ("Whanganui", "Lower Harnham", "Gidgegannup WA", "Co. Tipperary"). */
const TOWN = /^(?:Co\.\s+)?\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+)?(?:,?\s+\p{Lu}{2,3})?$/u;
/** Round 58: a town and a US state's or Canadian province's code ("Naperville, IL", "Conception Bay South, NL"). */
const STATE_TOWN =
  /^\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}[\p{L}'’.-]+){0,3},\s(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)$/u;
/** A trade's name ends a business's ("… Aviaries", "… Woodturning", "… Imports", "… Pet Center"). */
const TRADE_NOUN = /(?:\p{L}(?:ies|ing|ports)|\bcent(?:er|re))$/iu;
/**
 * Round 56: the last of three or more lines is a town under a line that names an organisation in capitalised words
 * (a business word, a possessive or a trade's name), alone or after a title and a comma; no title, department or
 * business word in the town.
 */
function townUnderCompany(lines: readonly string[]): boolean {
  const town = lines[lines.length - 1] ?? "";
  const above = lines[lines.length - 2] ?? "";
  const comma = /,\s/.test(above);
  const org = comma ? (above.split(/,\s+/).pop() ?? "") : above;
  return (
    lines.length >= 3 &&
    TOWN.test(town) &&
    // (after "title, department" a two-word line is the company: "Assistant Director, Digital Services\nMeridian
    // Polyclinic", blind4)
    (!comma || !/\s\p{Lu}\p{Ll}/u.test(town)) &&
    !isTitle(town) &&
    !isDepartment(town) &&
    !isCompanyLike(town) &&
    !ORGANISATION_WORD.test(town) &&
    !/[|·•]/.test(above) &&
    /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:&\s+)?\p{Lu}[\p{L}'’.-]*){1,5}$/u.test(org) &&
    (isCompanyLike(org) || ORGANISATION_WORD.test(org) || /['’]s\s/u.test(org) || TRADE_NOUN.test(org)) &&
    !isTitle(org) &&
    !isDepartment(org)
  );
}

/** A line that is only a company name: one title-case piece, no title word, no unit, two words or a business noun. */
function plainCompanyLine(line: string | undefined): boolean {
  if (!line || /[|·•]/.test(line) || (/,/.test(line) && !LEGAL_SUFFIX.test(line))) return false;
  return (
    !TITLE_WORDS.test(line) &&
    titleCasePiece(line) &&
    !DEPARTMENT.test(line) &&
    !UNIT.test(line) &&
    !isQualifier(line) &&
    (line.trim().split(/\s+/).length >= 2 || isCompanyLike(line))
  );
}

/**
 * A one-word line that is a first name ("Conor", "Niamh"): no closing any list knows, no thanks or bare word, and not
 * the first name of the line after it again ("Gordon\nGordon Fairweather").
 */
function loneFirstName(word: string, next: string): boolean {
  return (
    /^\p{Lu}[\p{Ll}'’-]+$/u.test(word) &&
    matchSignOff(word) === null &&
    personName(word) !== null &&
    !NOT_A_BARE_NAME.test(word) &&
    !THANKS_WORD.test(word) &&
    !sameFirstName(next, word)
  );
}

/**
 * Round 60: a first name alone over a trading name of three words or more, or of two joined by "&", under the last
 * sentence ("Niamh\nKinloch & Vair", "Wanjiru\nMara Dusk Camps": blind169, blind157; every such pair of the read
 * authors is labelled a name and a company). Two title-case words may be a full name, so they stay unread.
 */
function firstNameOverCompany(block: readonly string[]): boolean {
  const [first = "", company = ""] = block;
  return (
    block.length === 2 &&
    loneFirstName(first, company) &&
    !isTitle(company) &&
    plainCompanyLine(company) &&
    (/\s&\s/.test(company) || company.trim().split(/\s+/).length >= 3)
  );
}

/** "Roll No. 23BCE1147", "Student ID 2219-884", "Membership no: 44107": a reference under a name, neither title nor company. */
const ID_LINE =
  /^(?:[\p{L}.]+\s){0,3}(?:no\.?|nr\.?|number|id|ref\.?|reference)\s*[:.#]?\s*#?[\p{L}\d/-]*\d[\p{L}\d/-]*$/iu;
/**
 * A line that names an organisation rather than a person: a business noun or legal form, an organisation noun (not
 * "Church", "Trust" or "Union", surnames too), a possessive ("St Brendan's PTA") or an acronym that is no credential
 * ("Oakfield PTA", not "Peter Grant MRICS").
 */
function organisation(line: string): boolean {
  const last = line.split(/\s+/).pop() ?? "";
  return (
    isCompanyLike(line) ||
    ORGANISATION_WORD.test(line) ||
    /\p{L}['’]s(?:\s|$)/u.test(line) ||
    (/^\p{Lu}{2,5}$/u.test(last) && !CREDENTIAL.test(last) && !/^(?:II|III|IV)$/.test(last))
  );
}

/**
 * One line of two or three pieces under the body, with no closing (round 11): "Marta Zielińska | Wydawnictwo Pod
 * Wiatr", "Inês Carvalho · Palácio do Rio Events", "Chinedu Okafor, Features Editor", "Leah Goldberg, Paralegal at
 * Stern & Wolfe LLP". The first piece is a full name;
 * after "|", "·", "•" or a dash the second is any title-case piece, after a comma or "at" only a title or a legal
 * company ("Paris, France" under a text is no signature).
 */
function twoPieceSignature(line: string, firstNameOk = false, titledOnly = false): string[] | null {
  if (/[.!?]$/.test(line) && !LEGAL_SUFFIX.test(line)) return null;
  const ps = pieces(line);
  if (ps.length < 2 || ps.length > 3) return null;
  const [who = "", ...rest] = ps;
  // "Crestmark Commercial — Accounts": a department after a trading name signs for the company
  // a first name alone only after a closing on the same line ("Kind regards, Nadia – Bloom Florists")
  const person = personName(who) ?? "";
  if (
    !(firstNameOk ? person : /\s/.test(person)) ||
    isCompanyLike(who) ||
    rest.some((p) => DEPARTMENT.test(p) || UNIT.test(p))
  )
    return null;
  const separated = /[|·•]|\s[/–—-]\s/.test(line);
  const fits = (what: string) =>
    separated ? titleCasePiece(what) || isTitle(what) || isContactLine(what) : isTitle(what) || LEGAL_SUFFIX.test(what);
  // round 57: after a name and a title, a comma's third piece is the company in any title case ("Li Wei, Purchasing
  // Manager, Helan Shan Estate": blind159, blind158); a title must stand between them, so "Paris, France" stays none
  const [title = "", company] = rest;
  if (!separated && company !== undefined && isTitle(title) && titleCasePiece(company) && !isTitle(company)) return ps;
  return !titledOnly && rest.every(fits) ? ps : null;
}

/**
 * Round 62: a name and a trading name on one line under the message after a blank line ("Sipho Ndlovu, Jozi Jukebox
 * Hire", "Zanele, Hatch & Veil Millinery", "Élodie, Abysse Privé": blind173, blind165; all three such lines of the read
 * authors). The trading name has two words at least, so a town after a name ("Kate, Paris") is none.
 */
function nameCommaCompany(line: string): string[] | null {
  const m = /^([^,]{2,40}),\s+([^,]{3,60})$/.exec(line);
  const [who = "", company = ""] = m ? [m[1] ?? "", m[2] ?? ""] : [];
  return m &&
    personName(who) !== null &&
    !isCompanyLike(who) &&
    company.trim().split(/\s+/).length >= 2 &&
    titleCasePiece(company) &&
    !isTitle(company) &&
    !DEPARTMENT.test(company) &&
    !UNIT.test(company) &&
    who !== company
    ? [who, company]
    : null;
}

/** A full name followed by a comma and credentials only ("Jordan Pike, AIA", "Anil Patel, MD"). */
function credentialedName(line: string): boolean {
  const [who = "", ...after] = line.trim().split(/,\s+/);
  return after.length >= 1 && after.every(cappedCredential) && /\s/.test(personName(who) ?? "");
}

function sameFirstName(full: string, short: string): boolean {
  const a = (full.split(/\s+/)[0] ?? "").toLowerCase();
  const b = (short.split(/\s+/)[0] ?? "").toLowerCase();
  return a === b || (b.length >= 3 && a.startsWith(b));
}

/** Parses the signature block of a message; null when the message has no recognisable signature. */
export function parseSignature(fullText: string, opts: SignatureOptions = {}): Signature | null {
  // "-----Ursprüngliche Nachricht-----", "-----Message d'origine-----": an Outlook separator in any language ends
  // the author's text (text.ts knows the English ones); what follows is a quoted message and its signature.
  // Cut here rather than in text.ts, whose output the learned models read. A prefix keeps every span offset.
  const cut = fullText.slice(0, 20_000).search(FOREIGN_SEPARATOR);
  const text = cut > 0 ? fullText.slice(0, cut) : fullText;
  // round 34: a block in Japanese, Chinese or Korean under the closing (signatureCjk.ts), which nothing below reads
  const cjk = cjkSignature(text);
  if (cjk && !(opts.firstNameAlone === false && !cjk.title && !cjk.company))
    return { ...cjk, phones: [], emails: [], links: [], mobileFooter: null };
  // a rule of "=", "─", "━" or "-" drawn around the block ("Best regards,\n─────\nTakahashi Kenji") is layout,
  // not a line of the signature (two dashes stay: "--" is the signature delimiter)
  const split = splitMessage(stripQuoted(text).replace(/^[^\S\n]*[-=_~*#─━═—–]{3,}[^\S\n]*$/gmu, ""));
  let lines = split.signatureLines;
  let raw = split.signOff ? [split.signOff, ...lines].join("\n") : lines.join("\n");
  // "Conor\nPeakpoint Leadership", "Shreya\nCodeKaro Learning Pvt. Ltd.": a one-word line read by its position as a
  // closing no list knows is the signer's first name when what follows is a company, not a name over a title
  // (round 11; "Ngā mihi\nAroha Te Rangi" keeps its closing)
  if (
    split.signOff &&
    !split.inlineName &&
    lines.length >= 1 &&
    lines.length <= 2 &&
    loneFirstName(split.signOff, lines[0] ?? "") &&
    (isCompanyLike(lines[0] ?? "") || !isTitle(pieces(lines[1] ?? "")[0] ?? "")) &&
    !isTitle(lines[0] ?? "")
  ) {
    split.inlineName = split.signOff;
  }
  // round 63: a full name with its credential after a blank line ("Rachel Stein, DDS\nParkside Dental Group", "Elena
  // Alvarez, MD\nMedical Director": blind34, blind82, blind176) is the name line, not a closing of the shape "Word, Word"
  if (split.signOff && !split.inlineName && credentialedName(split.signOff)) {
    lines = [split.signOff, ...lines];
    raw = lines.join("\n");
  }
  let bare: TailSignOff | null = null;
  if (!split.signOff) {
    // No sign-off: accept a trailing block of short lines that contains contact details.
    const all = split.body.split("\n");
    let i = all.length - 1;
    const block: string[] = [];
    const fits = (l: string) =>
      l.length <= 70 ||
      ((/[|·•]/.test(l) || /\s\/\s.*\s\/\s/.test(l) || /\s[—–]\s.*\s[—–]\s/.test(l)) && l.length <= 160);
    // a blank line between the name block and its contact lines does not end the block
    for (; i >= 0 && block.length < 12; i--) {
      const line = (all[i] ?? "").trim();
      if (!line) {
        if (block.length && block.every(isContactLine) && (all[i - 1] ?? "").trim()) continue;
        break;
      }
      if (!fits(line)) break;
      block.unshift(line);
    }
    const first = pieces(block[0] ?? "")[0] ?? "";
    const looksLikeName = personName(first) !== null;
    const labelled = block.filter((l) => LABELLED.test(l)).length;
    // short last sentences of the body may sit right above the block ("… match.\nTeodor Ilić\nVoditelj Nabave"; round
    // 13: several, "… on the portal.\nLars Nilsson\nVästerby kommun")
    let top = 0;
    while (block.length - top > 2 && /[.!?]$/.test(block[top] ?? "")) top++;
    const shaped = block.slice(top);
    const byShape =
      shaped.length >= 2 &&
      shaped.length <= 3 &&
      /\s/.test(personName(pieces(shaped[0] ?? "")[0] ?? "") ?? "") &&
      shaped.slice(1).every((l) => pieces(l).every(titleCasePiece) || PUBLIC_BODY.test(l) || sentenceCaseLine(l))
        ? shaped
        : null;
    // one line split by "|", "·", spaced slashes or a dash and "@"/"at": "Maya Lindqvist | Head of Partnerships |
    // Fjordline AB | +46 70 123 45 67", "Park Ji-hoon / Manager / Daesung Electronics Co., Ltd.", "Chidi Okeke —
    // Partner @ Greenfield Ventures"
    const oneLine =
      block.length === 1 && /[|·•]|\s[/–—-]\s/.test(block[0] ?? "")
        ? /[|·•]/.test(block[0] ?? "")
          ? (block[0] ?? "").split(/\s*[|·•]\s*/).filter(Boolean)
          : pieces(block[0] ?? "")
        : null;
    const belowBody = i > 0 && !(all[i] ?? "").trim() && all.slice(0, i).some((l) => l.trim());
    // "/Erik": a slash before the name is a Scandinavian sign-off (round 11)
    // and kisses after a name are no part of it ("Jo x")
    const lastLine = (block[block.length - 1] ?? "").replace(/^\/\s?(?=\p{Lu})/u, "").replace(/\s+x{1,3}$/i, "");
    // round 57: right under the last sentence, with no blank line, only a name, a title and a company ("… in future.\nLi
    // Wei, Purchasing Manager, Helan Shan Estate": blind159, blind158)
    const last = block[block.length - 1] ?? "";
    const above = block.length >= 2 ? (block[block.length - 2] ?? "") : i >= 0 ? (all[i] ?? "") : "";
    const underSentence =
      !(belowBody && block.length === 1) && SENTENCE_END.test(above) && pieces(last).length === 3
        ? twoPieceSignature(last, false, true)
        : null;
    const pair =
      (belowBody && block.length === 1 ? (twoPieceSignature(last) ?? nameCommaCompany(last)) : null) ?? underSentence;
    const idBlock =
      block.length >= 2 &&
      block.length <= 3 &&
      /\s/.test(personName(block[0] ?? "") ?? "") &&
      block.slice(1).every((l) => ID_LINE.test(l))
        ? block
        : null;
    if (belowBody && closingByShape(block)) {
      lines = block.slice(1);
      raw = block.join("\n");
    } else if (labelled >= 2) {
      lines = block;
      raw = block.join("\n");
    } else if (
      oneLine &&
      oneLine.length >= 3 &&
      looksLikeName &&
      // round 11: a company with a legal form also marks it ("Emre Yilmaz | Flottenverkauf | Autohaus Spreetal GmbH")
      oneLine.slice(1).some((p) => isTitle(p) || isContactLine(p) || LEGAL_SUFFIX.test(p))
    ) {
      lines = oneLine;
      raw = block[0] ?? "";
    } else if (
      block.length >= 2 &&
      block.length <= 10 &&
      looksLikeName &&
      // (round 59: or a piece of a line, "Imogen\nSwaybrook Hammocks Ltd | +44 20 7946 0312": blind164)
      (block.some((l) => isContactLine(l) || (/[|·•]/.test(l) && pieces(l).some(isContactLine))) ||
        pieces(block[1] ?? "").some(isTitle) ||
        // "Marisol Vega\nPlinth Analytics", "Gordon\nGordon Fairweather\nCFO, Brisk Mobility": a short name
        // block closed by a title or a company line
        (block.length <= 3 &&
          block.every((l) => pieces(l).every((p) => p.split(/\s+/).length <= 6) && !/[!?]$/.test(l)) &&
          (block.slice(1).some((l) => isTitle(l) || isCompanyLike(l) || PUBLIC_BODY.test(l)) ||
            firstNameOverCompany(block))))
    ) {
      // unsigned block: a name line followed by contact details, or by a title line ("VP Engineering, NimbusFit")
      lines = block;
      raw = block.join("\n");
    } else if (byShape) {
      // round 8: the shape alone, under a full name: short title-case lines ("Jess Moreau\nMoreau Markets",
      // "Andrés Castaño\nCoordinador de Soporte\nFríoSeguro IoT"), read by position below
      lines = byShape;
      raw = byShape.join("\n");
    } else if (pair) {
      lines = pair;
      raw = last;
    } else if (idBlock) {
      // "Rahul Menon\nRoll No. 23BCE1147": a full name over reference numbers (round 11)
      lines = [block[0] ?? ""];
      raw = block.join("\n");
    } else if (
      block.length <= 2 &&
      all.filter((l) => l.trim()).length > 1 &&
      // "R. Achterberg": an initial with a surname is a name too (round 9); round 60: so is the Irish "Ó" before a
      // surname ("Ciarán Ó Murchú": blind169)
      /^(?:(?:\p{Lu}\.\s?){1,2}\p{Lu}[\p{L}'’-]+|\p{Lu}[\p{L}'’-]+(?: (?:Ó )?\p{Lu}[\p{L}'’-]+){0,3})$/u.test(
        lastLine,
      ) &&
      !NOT_A_BARE_NAME.test(lastLine) &&
      !THANKS_WORD.test(lastLine) &&
      !NON_NAME.test(lastLine) &&
      !TITLE_WORDS.test(lastLine) &&
      ((prev) => SENTENCE_END.test(prev) || CLOSING_SHAPE.test(prev))(
        (block.length === 2
          ? block[0]
          : all
              .slice(0, i + 1)
              .filter((l) => l.trim())
              .pop()) ?? "",
      )
    ) {
      // a bare name under the message ("Sure thing!\nJosh", "Teşekkürler,\nEmre"): the name only;
      // a bare trading name ("Kestrel Electrical") is the company
      lines = [];
      raw = lastLine;
      // an organisation alone under the text, after a blank line ("Oakfield PTA", "Northgrid Energy Business
      // Services"), signs a notice, not a person's mail: no signature (round 11: the convention of blind8 and train8;
      // blind5 labelled it the company, but its two such lines close SMS texts without a blank line, still read so)
      if (block.length === 1 && belowBody && organisation(raw)) return footerOnly(split.mobileFooter);
      if (isCompanyLike(raw)) bare = { name: null, company: raw, raw };
      else split.inlineName = raw;
    } else {
      lines = [];
      // "… if you're happy. Tane": a sign-off at the end of the last line; round 11: or on its own line under the
      // last sentence ("… by 6pm.\nSteve @ Brook Lane Motors", "… Thursday.\nCiara, Brightwater Kombucha")
      const last = all[all.length - 1] ?? "";
      const closed = /^([\p{L}' ]{2,30}),\s+(\S.{0,150})$/u.exec(last);
      const signedLine =
        closed && matchSignOff(closed[1] ?? "") === "" ? twoPieceSignature(closed[2] ?? "", true) : null;
      const tail =
        tailSignOff(last) ??
        (all.length > 1 && SENTENCE_END.test(all[all.length - 2] ?? "") ? tailSignOff(`. ${last}`) : null);
      if (signedLine) {
        // "Regards, Anand Kulkarni, Shree Ganesh Packaging": a closing, then a one-line signature (round 11)
        lines = signedLine;
        raw = closed?.[2] ?? "";
      } else if (tail) {
        bare = tail;
        raw = tail.raw;
        split.inlineName = tail.name;
      }
    }
  }
  if (!lines.length && !split.inlineName && !bare?.company) {
    // round 13: labelled fields written above the message ("Name: Omar Farouk\nPosition: …\nCompany: …\nEmail: …\nDear
    // sir, …"), a header some traders use instead of a signature
    const head = text.split("\n", 10).map((l) => l.trim());
    let k = 0;
    while (k < head.length && (LABELLED.test(head[k] ?? "") || (k > 0 && isContactLine(head[k] ?? "")))) k++;
    const header = head.slice(0, k);
    if (header.filter((l) => LABELLED.test(l)).length >= 2 && /^(?:full )?name\s*:/i.test(header[0] ?? "")) {
      lines = header;
      raw = header.join("\n");
    } else return footerOnly(split.mobileFooter);
  }
  // a sign-off followed by a paragraph is not a signature
  // (a one-line signature split by "|" or "·" may be longer: name, title, company and a link)
  lines = lines.filter((l) => l.length <= 90 || (/[|·•]/.test(l) && l.length <= 200));

  // "0044 20 …": the "00" international prefix most of the world dials is "+"
  const blockText = lines
    .join("\n")
    .replace(
      /(^[^\S\n]{0,3}|[:|·•][^\S\n]{0,3}|\b(?:tel|phone|mobile|mob|cell|office|direct|m|t|p|o|d)\.?[^\S\n]{1,3})00(?=[1-9]\d{0,2}[ (.-]{0,3}\d)/gim,
      "$1+",
    );
  // a number written nationally ("020 7946 0958") belongs to the signer's country: the one their own email or
  // web domain names (a UK signer writing to a US organisation), else the caller's region, else the one the
  // company's legal form suggests, else the US
  const known = domainRegion(blockText) ?? opts.defaultRegion ?? legalRegion(blockText);
  const region = known ?? "US";
  // "extended" (possible-number) matching: signatures often carry numbers from ranges newer than the
  // bundled metadata; only the signature block is scanned, so the looser match stays precise.
  const found = findPhoneNumbersInText(blockText, { defaultCountry: region, extended: true }).filter(
    (p) =>
      p.number.isPossible() &&
      (p.number.number as string).replace(/\D/g, "").length >= 8 &&
      // "(03) 5550 4821" read in the US: a North American number never starts with 0 or 1 after "+1"; a number
      // written with a trunk 0 needs the signer's region, which the caller's defaultRegion gives (round 9)
      !(p.number.countryCallingCode === "1" && /^[01]/.test(p.number.nationalNumber as string)),
  );
  const phones = dedupe([...found.map((p) => p.number.number as string), ...trunkNumbers(blockText, known, found)]);
  const emails = findEmails(blockText);
  const links: string[] = [];
  for (const line of lines) {
    const withoutEmails = line.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, " ");
    for (const m of withoutEmails.matchAll(LINK)) links.push(cleanLink(m[0]));
  }

  let name: string | null = split.inlineName;
  let title: string | null = bare?.title ?? null;
  let company: string | null = bare?.company ?? null;
  // labelled fields ("Name:", "Position:", "Company:") are read as written
  for (const line of lines) {
    const lm = LABELLED.exec(line);
    if (!lm) continue;
    const label = (lm[1] ?? "").toLowerCase();
    const value = (lm[2] ?? "").trim();
    if (/name|contact/.test(label)) name = name && name.length > value.length ? name : value;
    else if (/company|organi|employer|firm/.test(label)) company ??= value;
    else title ??= value;
  }
  if (name || title || company) lines = lines.filter((l) => !LABELLED.test(l));
  const textual = lines
    // "Nadia Cortés | Account Manager | Lanternway K.K. | nadia@…": drop the contact pieces, keep the rest
    .map((l) =>
      // and its address pieces ("Acme Corp | 123 Main St, Springfield, IL 62701", round 11)
      /[|·•]/.test(l) &&
      (isContactLine(l) || l.split(/\s*[|·•]\s*/).some((p) => p && (isContactLine(p) || ADDRESS.test(p))))
        ? l
            .split(/\s*[|·•]\s*/)
            .filter((p) => p && !isContactLine(p) && !ADDRESS.test(p))
            .join(" | ")
        : l,
    )
    // "Ravi Menon (he/him)": pronouns after a name are not part of it
    // "Rob (Head Chef)": a title in parentheses after a name is the title line
    .map((l) => {
      const m = /^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})\s*\(([^()]{2,60})\)$/u.exec(l);
      return m && TITLE_WORDS.test(m[2] ?? "") ? `${m[1]} | ${m[2]}` : l;
    })
    // "i. A. Sabine Müller" (German "on behalf of"), "pp. John Smith": the signer is the name
    .map((l) =>
      l
        .replace(TRAILING_PRONOUNS, "")
        .replace(BRANCH, "")
        // round 13: "Assistant Professor (from October)": a date note is no part of the title
        .replace(DATE_NOTE, "")
        .replace(/^(?:i\.\s?A\.|i\.\s?V\.|ppa\.|p\.\s?p\.|pp\.)\s+(?=\p{Lu})/u, "")
        // "Grace Okonkwo (Mrs)": an honorific in parentheses is not part of the name
        .replace(/\s*\((?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\)$/, "")
        // round 11: "for and on behalf of Acme Corp Ltd" signs for the company; 'Robert "Bob" Smith' keeps the name
        .replace(/^(?:for\s+and\s+)?on\s+behalf\s+of\s+(?=\p{Lu})/iu, "")
        .replace(/^(\p{Lu}[\p{L}'’-]+)\s+["“'‘][\p{L}'’-]{1,20}["”'’]\s+(?=\p{Lu})/u, "$1 "),
    )
    .filter(
      (l) =>
        !isContactLine(l) &&
        !ADDRESS.test(l) &&
        !/^[\d\s+().-]+$/.test(l) &&
        !OFFICE_HOURS.test(l) &&
        !PRONOUNS.test(l) &&
        !ID_LINE.test(l),
    );
  // round 56: the town under a company line is where it is, not the company ("Hemi Walker\nKākāriki Cove
  // Aviaries\nWhanganui", "Owner, Papadakis Pet Center\nThessaloniki", "Low Garth Farm Partnership\nAskrigg": blind156,
  // blind50; the read authors label none as a company)
  if (townUnderCompany(textual)) textual.pop();
  // round 58: a US or Canadian town with its state's or province's code under the name is where the signer lives
  // ("Greg Novak\nNaperville, IL", "Linda Park\nScottsdale, AZ", "Bernadette Walsh\nConception Bay South, NL":
  // blind162, blind163), no company
  for (let k = textual.length - 1; k >= 1; k--) if (STATE_TOWN.test(textual[k] ?? "")) textual.splice(k, 1);
  // "Mahalo,\nWaikiki Paddle Club": an organisation alone after a closing is no person and no company (round 11, as
  // above; a business's name, "Kind regards,\nVerity Energy", is still its company)
  if (
    !name &&
    !title &&
    !company &&
    textual.length === 1 &&
    lines.length === 1 &&
    pieces(textual[0] ?? "").length === 1 &&
    organisation(textual[0] ?? "") &&
    !isCompanyLike(textual[0] ?? "")
  )
    return footerOnly(split.mobileFooter);
  let idx = 0;
  // "Marco Rossi - Titolare - Trattoria da Marco": the two pieces after a name on its line are title, then company
  let namedLine = false;
  // round 13: "Thanks,\nNiamh from Trade Sales", "Cheers,\nLiam from Harbour Electrical": a name, then the company it
  // works for, or a department that is no company
  const from = /^(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){0,2})\s+from\s+(\p{Lu}[^,;:!?]{1,60})$/u.exec(
    textual[0] ?? "",
  );
  const fromName = !name && from && split.signOff ? personName(from[1] ?? "") : null;
  if (from && fromName) {
    name = fromName;
    const where = (from[2] ?? "").trim();
    if (isDepartment(where) || UNIT_WORD.test(where) || FUNCTION_WORD.test(where)) idx = 1;
    else textual[0] = where;
  }
  if (!name && textual[0]) {
    const first = pieces(textual[0]);
    // "NetService Belgium — Customer Administration": a name-shaped piece before a department is the company (round 11)
    const person = first.length === 2 && isDepartment(first[1] ?? "") ? null : personName(first[0] ?? "");
    if (person) {
      name = person;
      const rest = first.slice(1);
      namedLine = rest.length === 2;
      if (rest.length) textual[0] = rest.join(" | ");
      else idx = 1;
    }
  }
  // "regards\nsam": a lower-case first name alone under a closing is the name, not a company (round 11)
  if (
    !name &&
    split.signOff &&
    textual.length === 1 &&
    /^\p{Ll}[\p{Ll}'’-]{1,20}$/u.test(textual[0] ?? "") &&
    !NOT_A_BARE_NAME.test(textual[0] ?? "") &&
    !THANKS_WORD.test(textual[0] ?? "") &&
    !NON_NAME.test(textual[0] ?? "") &&
    !isTitle(textual[0] ?? "")
  ) {
    name = textual[0] ?? null;
    idx = 1;
  }
  let companyLine = -1;
  for (; idx < textual.length && (!title || !company || (companyLine === idx - 1 && !title)); idx++) {
    const line = textual[idx] ?? "";
    // "株式会社ミナト印刷 / Minato Printing Co., Ltd.\nKenji Watanabe": the name under the company line (round 11)
    // (round 13: not under a unit, "AOG Desk\nHeartland Rotables" is a desk of the company)
    const below =
      !name && company && !UNIT_WORD.test(company) && !FUNCTION_WORD.test(company) && pieces(line).length === 1
        ? personName(line)
        : null;
    if (below && /\s/.test(below)) {
      name = below;
      continue;
    }
    // "Best, Daniel" followed by a full-name line "Daniel Reyes": upgrade the name
    const first = personName(pieces(line)[0] ?? "") ?? "";
    if (
      name &&
      !title &&
      !company &&
      first &&
      // "Matt" over "Matthew Hughes": the same first name, or a short form of it; round 13: any first name over a
      // signature line that opens with the full name ("Ollie\nDr Oliver Grant | Senior Research Fellow | …")
      (sameFirstName(first, name) ||
        (!/\s/.test(name) && /\s/.test(first) && pieces(line).length >= 2 && pieces(line).slice(1).some(isTitle))) &&
      first.length > name.length
    ) {
      name = first;
      const rest = pieces(line).slice(1);
      if (!rest.length) continue;
      textual[idx] = rest.join(" | ");
      idx--;
      continue;
    }
    const atSplit = /^(.*?)\s+(?:at|@)\s+(.+)$/i.exec(line);
    const commaParts = line.split(/,\s+/);
    // "VP, Customer Operations" or "Sr. Manager, IT Infrastructure" followed by a company line is one
    // title, not "title, company": the company has its own line below
    const nextLine = textual[idx + 1];
    if (
      !title &&
      commaParts.length === 2 &&
      (/^(?:[A-Z]{2,4}|director|head|manager|lead|partner|president)$/i.test(commaParts[0]!.trim()) ||
        (TITLE_WORDS.test(commaParts[0]!) &&
          !!nextLine &&
          !TITLE_WORDS.test(nextLine) &&
          (!/[|·•,]/.test(nextLine) || (LEGAL_SUFFIX.test(nextLine) && !/[|·•]/.test(nextLine))))) &&
      nextLine &&
      !LEGAL_SUFFIX.test(line)
    ) {
      title = line;
      continue;
    }
    // round 9: "Account Manager – Pacific Northwest" or "Category Management, Beverages" right under the name and
    // over a company line is one title: the company has its own line. Without a company line below, the piece
    // after the separator stays the company ("Leasing Executive, Crestmark Commercial").
    // round 13: "Producer / Localization" over "Kitsune Forge Co., Ltd." is one title as well
    const qualified = /^(.+?)(?:,\s+|\s+[-–—]\s+|\s+\/\s+(?=[^/]+$))(.+)$/.exec(line);
    if (
      !title &&
      !company &&
      name &&
      qualified &&
      (!/\s\/\s/.test(line) || TITLE_WORDS.test(qualified[1] ?? "")) &&
      !LEGAL_SUFFIX.test(line) &&
      !/[|·•]/.test(line) &&
      // (round 58: a short qualifier may hold a business word when an organisation has the line below, "Asset Manager –
      // Building Safety\nRiverside Housing Association", "Procurement Lead – F&B\nPearl Coast Hotels W.L.L.": blind161,
      // blind162)
      (!isCompanyLike(qualified[2] ?? "") ||
        (!LEGAL_SUFFIX.test(qualified[2] ?? "") &&
          (qualified[2] ?? "").split(/\s+/).length <= 2 &&
          organisation(nextLine ?? ""))) &&
      // round 13: or any company line the qualifier sits above ("Key Account Manager – Mining\nWestrac Heavy Equipment (WA)")
      (plainCompanyLine(nextLine) || (isTitle(qualified[1] ?? "") && qualifierBefore(qualified[2] ?? "", nextLine)))
    ) {
      title = line;
      continue;
    }
    // (round 38: not across a "|": "Head Chef | The Larder at Kew" is a title and a company named with "at": blind98)
    const parts =
      atSplit && !/[|·•]/.test(atSplit[1] ?? "") && TITLE_WORDS.test(atSplit[1] ?? "")
        ? [atSplit[1]!, atSplit[2]!]
        : pieces(line);
    for (const part of parts) {
      // round 13: a firm named after its partners ("Weber & Partner") is a company like one with a legal form
      const legal = LEGAL_SUFFIX.test(part) || FIRM_NAME.test(part.trim());
      // round 13: a title with its qualifier ("Lecturer, Department of Earth Sciences") is read by its head
      const titled =
        isTitle(part) || (/,\s|\s[-–—/]\s/.test(part) && isTitle(part.split(/,\s+|\s+[-–—/]\s+/)[0] ?? ""));
      if (!title && titled && !legal) title = part;
      else if (!title && name && isDepartment(part) && !legal)
        title = part; // a person in "Legal", "IT Support"
      // "Claims Division", "Maintenance Section" under a name and above the company: the unit is the role (round 9)
      else if (!title && name && !company && (UNIT.test(part) || UNIT_ROLE.test(part)) && !legal) title = part;
      else if (
        !company &&
        // "Regards,\nB.": an initial is no company; nor is a word in lower case only ("sam", round 11)
        /\p{L}{2}/u.test(part) &&
        /[\p{Lu}\d]/u.test(part) &&
        part !== title &&
        !DEPARTMENT.test(part) &&
        (legal || !UNIT.test(part)) &&
        (legal ||
          !isTitle(part) ||
          // the line below the title line is the company even when its name holds a function word
          // ("Birchfield Talent", "Harbor People", "Summit Sales Partners"); a role word still makes it a title
          (title !== null && parts.length === 1 && !ROLE_WORDS.test(part)))
      ) {
        company = part;
        companyLine = idx;
      } else if (
        !title &&
        company &&
        companyLine === idx - 1 &&
        parts.length === 1 &&
        !LEGAL_SUFFIX.test(company) &&
        // a legal company below ("Nordhafen Logistik GmbH") also makes the unknown line above it the title
        (legal || !TITLE_WORDS.test(part))
      ) {
        // name / title / company on their own lines: a title line the title words do not know
        // ("Partnerships", "Barista") is followed by the company
        title = company;
        company = part;
      } else if (
        !title &&
        company &&
        companyLine === idx &&
        (legal ||
          isCompanyLike(part) ||
          (parts.length === 2 &&
            titleCasePiece(part) &&
            !isDepartment(part) &&
            ((namedLine && idx === 0) ||
              // round 38: one word before a name of two or more ("Obmann, SV Gmunden", "Rúnaí, CLG Chluain Mhór": blind97)
              (!/\s/.test(company) && /\s/.test(part.trim()))))) &&
        !isCompanyLike(company)
      ) {
        // "Inkoper | Van Dijk Transportbanden B.V.": an unknown piece before a legal company on the same line, or
        // before a trading name ("Gestor | Solar Hotels", round 11): the title comes first
        title = company;
        company = part;
      }
    }
  }
  if (name) name = withoutHonorifics(name.replace(/\s+/g, " ").trim()) || name;
  // round 13: a signature names a person. A team or a department ("Reservations Team\nLoch Fyne Lodges", "Finance –
  // Red Gum Resources", "Service comptabilité"), initials alone ("– JM") or an organisation ("Yours faithfully\nPemberton
  // Gale LLP") sign for nobody the CRM can store: no signature (the owner's round-13 convention; blind8-10 and train8-9
  // label them so). blind5's trading name closing an SMS ("… Reply Y to confirm.\nKestrel Electrical") is still read
  // as the company (`bare`, round 11).
  if (!bare && (!name || !namesPerson(name))) return footerOnly(split.mobileFooter);
  // "Thanks,\nHelen": a first name alone is no signature under `firstNameAlone: false` (round 8: the convention of
  // the three latest independent authors, blind6, train7a and train7b; blind2-5 and the asserted floors read it as
  // a name, the default). Anything else signed keeps the name either way.
  if (
    opts.firstNameAlone === false &&
    name &&
    !/\s/.test(name) &&
    !title &&
    !company &&
    !phones.length &&
    !emails.length &&
    !dedupe(links).length
  ) {
    return footerOnly(split.mobileFooter);
  }
  return {
    span: blockSpan(text, raw),
    name,
    title,
    company: company ? company.replace(/\s+/g, " ").trim() : null,
    phones,
    emails,
    links: dedupe(links),
    raw,
    mobileFooter: split.mobileFooter,
  };
}
