import { boundText } from "./limits";
import { rememberLast } from "./memo";

/**
 * Text hygiene shared by the extractors: quoted-reply stripping, sign-off / signature splitting,
 * mobile footers, disclaimers and sentence splitting. Pure string functions.
 */

const QUOTE_HEADER_PATTERNS: RegExp[] = [
  /^\s*On\b.{0,200}\bwrote:\s*$/i,
  /^\s*Le\b.{0,200}\ba écrit\s*:\s*$/i,
  /^\s*Am\b.{0,200}\bschrieb\b.*:\s*$/i,
  /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^\s*-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^\s*Begin forwarded message:\s*$/i,
  /^\s*_{10,}\s*$/,
];

/** Mobile-client footers ("Sent from my iPhone", "Get Outlook for Android", ...). */
export const MOBILE_FOOTER =
  /^\s*(?:sent from my\s+[\w\s.-]{2,40}|sent from (?:outlook|mail|yahoo mail|gmail)(?: for [\w\s]+)?|get outlook for (?:ios|android)|sent via [\w\s.-]{2,30}|sent from my mobile(?: device)?)\s*\.?\s*$/i;

// round 59: also in German, French and Spanish, and a company's registration before the notice ("Diese E-Mail kann
// vertrauliche Informationen enthalten", "HighLine Access Ltd is registered in England and Wales. This email…": blind149,
// blind152, blind161)
const DISCLAIMER_START =
  /^\s*(?:confidentiality(?: notice)?|disclaimer|this (?:e-?mail|message|communication)(?: and any (?:files|attachments)[\w\s]*)? (?:is|are|may|contains?|and)|if you (?:are not|have received this)|the information (?:contained )?in this|please consider the environment|notice:\s*this|diese (?:e-?mail|nachricht) (?:kann|enthält|ist)|ce (?:message|courriel|e-?mail) (?:et|est|peut|contient)|este (?:mensaje|correo)(?: electrónico)? (?:y|es|puede|contiene)|[\w&.,' -]{2,60} is registered in (?:england|scotland|wales|northern ireland|ireland)\b)/i;

const OUTLOOK_FROM = /^\s*\*?(?:From|De|Von|Da|Van)\s?:\*?\s+\S/i;
const OUTLOOK_SENT = /^\s*\*?(?:Sent|Date|Envoyé|Gesendet|Enviado|Enviada|Inviato|Verzonden|Data|Fecha|Datum)\s?:/im;

/**
 * Removes quoted replies: everything from the first reply header ("On ... wrote:", "-----Original
 * Message-----", an Outlook "From:/Sent:" header block) onwards, and every line starting with ">".
 */
export function stripQuoted(text: string): string {
  const lines = boundText(text).replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const header = QUOTE_HEADER_PATTERNS.some((re) => re.test(line));
    // "On Mon, 3 Mar 2026 at 10:00, Jane <jane@x.com>" + "wrote:" on the next line (wrapped header)
    const wrapped =
      !header && /^\s*On\b.{0,200}$/i.test(line) && /^\s*wrote:\s*$/i.test(lines[i + 1] ?? "") && /\d|@/.test(line);
    if (header || wrapped) {
      // bottom-posting / inline reply: the quote is ">" lines and the reply (with its signature) follows
      let j = i + (wrapped ? 2 : 1);
      let quoted = 0;
      while (j < lines.length && (/^\s*>/.test(lines[j] ?? "") || !(lines[j] ?? "").trim())) {
        if (/^\s*>/.test(lines[j] ?? "")) quoted++;
        j++;
      }
      if (quoted > 0 && j < lines.length) {
        i = j - 1;
        continue;
      }
      break;
    }
    // Outlook header block: "From: ..." followed within 3 lines by "Sent:"/"Date:" and "To:"/"Subject:"; round 58: in
    // French, German, Spanish, Portuguese, Italian and Dutch too ("De : Camille Rousseau …\nEnvoyé : lundi 2 février":
    // blind161)
    if (OUTLOOK_FROM.test(line)) {
      const next = lines.slice(i + 1, i + 4).join("\n");
      if (OUTLOOK_SENT.test(next)) break;
    }
    if (/^\s*>/.test(line)) continue;
    out.push(line);
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Closing lines that introduce a signature ("Best,", "Kind regards", "--", "Thanks, Sam"). Round 61: "Thanks heaps,"
 * and its kin, whose second word was read as a name after "Thanks" (blind172).
 */
const CLOSING =
  /^\s*((?:many )?thanks in advance|thank you in advance|thanks for your (?:help|time|patience|support)|thank you for your (?:help|time|patience|support)|(?:i )?look(?:ing)? forward to (?:hearing from you|your reply|your response|working with you|speaking (?:with|to) you)|(?:thanks|thx|tks|many thanks)\s*(?:and|&|n)\s*(?:best\s+)?(?:regards|rgds)|thanks and regards|thanks & regards|with best regards|with kind regards|best wishes|warm wishes|all best|be well|take care|stay safe|warmly|cordially|respectfully yours|greetings|thank you so much|with appreciation|with (?:deep |sincere |many )?(?:gratitude|thanks(?: and (?:best wishes|regards))?|respect|love)|warm greetings|warmest regards|yours sincerely|yours faithfully|faithfully yours|sincerely yours|thanks so much|thanks (?:heaps|a lot|a million|a bunch|loads)|cheers heaps|best regards|kind regards|warm regards|thanks again|all the best|respectfully|best wishes|many thanks|yours truly|with thanks|speak soon|thank you|sincerely|talk soon|regards|thanks|cheers|yours|best|(?:best |kind |warm )?rgds|b?rgds|thx|tks|ta|--|br|kr|—|–)(?:(?<!\p{L})|(?!\p{L}))\s*[,.!]?\s*(.*)$/iu;
const INLINE_NAME = /^\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}$/u;

/**
 * Non-English closings that stand alone on a line: German (round 38: also the Swiss "Gruss"), French, Spanish,
 * Portuguese, Italian, Dutch, Scandinavian, Polish, Māori, Tagalog, Malay/Indonesian, Hindi/Nepali, Hawaiian, Japanese
 * (romanised); round 38: Finnish, Hungarian, Czech, Slovene, Croatian, Turkish and Irish (blind96-98); round 57: Slovak
 * and Catalan ("S pozdravom", "Salutacions": blind159, blind157, blind138); round 59: Icelandic and Welsh ("Kveðja",
 * "Diolch": blind166).
 */
const FOREIGN_CLOSING_WORDS = `(?:mit freundlichen grüßen|mit freundlichen gruessen|freundliche grüße|viele grüße|beste grüße|liebe grüße|herzliche grüße|schöne grüße|gruß|grüße|(?:freundliche |beste |liebe |herzliche )?(?:gruss|grüsse)|lg|mfg|vielen dank|danke(?: schön)?|cordialement|salutacions|bien cordialement|bien à vous|salutations|amitiés|bonne journée|merci(?: beaucoup)?|saludos(?: cordiales)?|un (?:cordial )?saludo|un abrazo|atentamente|att|atte|atenc|(?:muchas )?gracias|abraços|abraço|um abraço|atenciosamente|cumprimentos|saudações|obrigad[oa]|muito obrigad[oa]|cordiali saluti|distinti saluti|un caro saluto|saluti|cordialmente|grazie(?: mille)?|buona giornata|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|hartelijke groet(?:en)?|groeten|groetjes|groet|med vänliga hälsningar|vänliga hälsningar|hälsningar|ha det bra|med venlig hilsen|med vennlig hilsen|venlig hilsen|vennlig hilsen|hilsen|mvh|pozdrawiam|serdecznie pozdrawiam|z poważaniem|pozdrowienia|dziękuję|(?:ystävällisin )?terveisin|üdvözlettel|s pozdravem|s pozdravom|(?:lep|lijep|srdačan) pozdrav|saygılarımla|go raibh maith agat|ngā mihi(?: nui)?|nga mihi(?: nui)?|mauri ora|kia ora|(?:maraming )?salamat(?: po)?|terima kasih|salam|dhanyabad|dhanyavaad|dhanyavad|dhanyawad|shukriya|mahalo(?: nui loa)?|a hui hou|(?:bestu |góðar )?kveðj(?:a|ur)|með kveðju|diolch(?: yn fawr)?|cofion(?: gorau)?|arigato(?: gozaimasu)?|yoroshiku(?: onegaishimasu)?)`;
const FOREIGN_CLOSING = new RegExp(String.raw`^\s*${FOREIGN_CLOSING_WORDS}\s*[,.!]{0,2}\s*$`, "i");
/**
 * Round 42: a foreign closing with the name on its line ("Saludos, Luz Marina", "Groet, Joost": blind111–113), read on
 * the trimmed line (a lazy name before trailing spaces would rescan them at every step).
 */
const FOREIGN_CLOSING_INLINE = new RegExp(String.raw`^${FOREIGN_CLOSING_WORDS}\s*,\s*(.+)$`, "i");

/** "— Jane Doe, Head of Sales, Acme Ltd": a dashed name followed by more signature text. */
const DASHED_WITH_REST =
  /^\s*(?:-{1,2}|~|—|–)\s*([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’.-]+){1,2}),\s*([^\s.?!].{0,120}?)\s*$/u;
const PROSE_WORD =
  /\b(?:will|to|please|can|could|should|would|is|are|was|were|be|we|i|you|our|your|my|need|has|have|then|the team|team|support)\b/i;
/** "— Jane Doe, Head of Sales, Acme Ltd" → [name, rest]; not a bullet point ("- Alice, to review the draft"). */
function dashedSignOff(line: string): [string, string] | null {
  const m = DASHED_WITH_REST.exec(line);
  if (!m || PROSE_WORD.test(m[2] ?? "") || PROSE_WORD.test(m[1] ?? "")) return null;
  return [m[1] ?? "", m[2] ?? ""];
}

/** Matches a sign-off line; returns the inline name ("Best, Sam" -> "Sam"), "" when none, or null when not a sign-off. */
export function matchSignOff(line: string): string | null {
  if (FOREIGN_CLOSING.test(line)) return "";
  const foreignInline = FOREIGN_CLOSING_INLINE.exec(line.trim())?.[1];
  if (foreignInline && INLINE_NAME.test(foreignInline)) return foreignInline;
  // "- Rahul", "~Sam", "-- Jo": a dash and a bare name
  const dashed = /^\s*(?:-{1,2}|~|—|–)\s*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,2})\s*$/u.exec(line);
  if (dashed && !/\b(?:The|Team|Support|Group|Inc|Ltd|Customer|Service|Sales|Billing)\b/.test(dashed[1]!))
    return dashed[1]!;
  if (dashed) return "";
  const dashedRest = dashedSignOff(line);
  if (dashedRest) return dashedRest[0];
  // bilingual closings: "Mit freundlichen Grüßen / Best regards,"
  if (line.includes("/") && !/:\/\//.test(line)) {
    const parts = line.split("/").map((p) => p.trim());
    if (
      parts.length === 2 &&
      parts.every((p) => FOREIGN_CLOSING.test(p) || (CLOSING.test(p) && matchSignOff(p) === ""))
    )
      return "";
  }
  const m = CLOSING.exec(line);
  if (!m) return null;
  const rest = (m[2] ?? "").trim();
  if (!rest) return "";
  return INLINE_NAME.test(rest) ? rest : null;
}

export interface SplitMessage {
  /** Message body with quotes, signature, footer and disclaimer removed. */
  body: string;
  /** The closing line itself ("Best,") if one was found. */
  signOff: string | null;
  /** Name written on the sign-off line itself ("Best, Sam" -> "Sam"). */
  inlineName: string | null;
  /** Lines after the sign-off / "--" delimiter, footer and disclaimer removed. */
  signatureLines: string[];
  mobileFooter: string | null;
  disclaimer: string | null;
}

/**
 * Splits an (already quote-stripped) text into body, signature block, mobile footer and disclaimer.
 * The signature starts at the LAST sign-off line that is followed by at most 15 non-empty lines (a full
 * corporate block: name, title, company, address, four contact lines, social links).
 */
export function splitMessage(text: string): SplitMessage {
  let lines = boundText(text).replace(/\r\n?/g, "\n").split("\n");
  let disclaimer: string | null = null;
  const dIdx = lines.findIndex((l) => DISCLAIMER_START.test(l));
  if (dIdx > 0) {
    disclaimer = lines.slice(dIdx).join("\n").trim();
    lines = lines.slice(0, dIdx);
  }
  let mobileFooter: string | null = null;
  const fIdx = lines.findIndex((l) => MOBILE_FOOTER.test(l));
  if (fIdx >= 0) {
    mobileFooter = (lines[fIdx] ?? "").trim();
    lines = lines.filter((_, i) => i !== fIdx);
  }
  while (lines.length && !(lines[lines.length - 1] ?? "").trim()) lines.pop();

  let sigIdx = -1;
  let inlineName: string | null = null;
  // `after` is counted incrementally: re-counting the tail on every line is quadratic in blank lines
  let after = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    if (i + 1 < lines.length && (lines[i + 1] ?? "").trim()) after++;
    if (after > 15) break;
    const name = matchSignOff(line);
    if (name !== null) {
      // a lone "Thanks!" that is the whole message is body text, not a sign-off
      if (i === 0 && after === 0 && !name) continue;
      sigIdx = i;
      inlineName = name || null;
      break;
    }
  }
  // A closing this module does not know ("Ngā mihi", "Ciao ciao"): a short line after a blank line, below some
  // body text, followed by a name line and at most 6 more lines, is read as a sign-off by its position.
  if (sigIdx < 0) sigIdx = closingByPosition(lines);
  // "Thanks!\nI'll send the report by Friday." – prose after a closing word is body, not a signature
  // A short sentence further down the block is a tagline ("Making logistics simple since 1998."), dropped;
  // a sentence right after the closing, a long one, or a P.S. is body text, so there is no signature.
  let tagline = false;
  if (sigIdx >= 0) {
    const after = lines.slice(sigIdx + 1).filter((l) => l.trim());
    const prose = after.map((l, i) => ({ l: l.trim(), i })).filter(({ l }) => looksLikeSentence(l));
    if (prose.some(({ l, i }) => i === 0 || l.split(/\s+/).length > 8 || /^p\.?\s?s\b/i.test(l))) sigIdx = -1;
    else tagline = prose.length > 0;
  }
  if (sigIdx < 0) {
    return {
      body: lines.join("\n").trim(),
      signOff: null,
      inlineName: null,
      signatureLines: [],
      mobileFooter,
      disclaimer,
    };
  }
  let signOff = (lines[sigIdx] ?? "").trim();
  const signatureLines = lines
    .slice(sigIdx + 1)
    .map((l) => l.trim())
    .filter((l) => l && !(tagline && looksLikeSentence(l)));
  // "— Jane Doe, Head of Sales, Acme Ltd": the rest of a dashed sign-off is the first signature line
  const dashed = dashedSignOff(signOff);
  if (dashed) {
    inlineName = dashed[0];
    signatureLines.unshift(dashed[1]);
    signOff = signOff.slice(0, signOff.length - dashed[1].length).replace(/[,\s]+$/, "");
  }
  // "Best,\nJ.\n\nJane Doe": an initial under the closing is a sign-off, the next line the name
  if (!inlineName && /^[A-Z]\.?(?:\s?[A-Z]\.?)?$/.test(signatureLines[0] ?? "") && signatureLines.length > 1)
    signatureLines.shift();
  return {
    body: lines.slice(0, sigIdx).join("\n").trim(),
    signOff,
    inlineName,
    signatureLines,
    mobileFooter,
    disclaimer,
  };
}

/**
 * The lower-case particles inside a person's name ("Sanne de Vries", "Ahmad bin Ismail", round 59: "Cerys ap Rhys";
 * round 64: the Filipino "dela", "delos", "de los", "Ramon dela Cruz": blind179), shared with signature.ts's NAME.
 */
export const NAME_PARTICLES =
  "van|von|de|den|der|da|del|dela|delos|delas|los|las|di|du|la|le|ter|ten|zu|bin|binti|al|dos|das|y|ap|ab|ferch";
/** A person's name on its own line: "Aroha Te Rangi", "Sanne de Vries", "Óscar Ibáñez". */
const NAME_LINE = new RegExp(String.raw`^\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]*|${NAME_PARTICLES})){0,4}$`, "u");
/** Words that make a short line a greeting or a title rather than a closing. */
const NOT_CLOSING =
  /^(?:hi|hello|hey|dear|re|fwd|attached|regarding|subject|manager|director|team|sales|support|ok|okay|yes|no|sure|done|noted)\b/i;

/**
 * A capitalised word above a full name is a closing ("Grazie" over "Giulia Marchesi") unless it could be
 * the signer's own name: several capitalised words, the same first name, or a full name below it missing.
 */
function looksLikeOwnName(line: string, next: string): boolean {
  if (!NAME_LINE.test(line)) return false;
  const words = line.split(/\s+/);
  const nextWords = next.split(/\s+/);
  return words.length > 1 || nextWords.length < 2 || words[0] === nextWords[0];
}

/** Index of a sign-off line found by its position (see splitMessage), or -1. */
function closingByPosition(lines: string[]): number {
  let end = lines.length;
  let seen = 0;
  for (let i = lines.length - 1; i >= 1 && seen <= 7; i--) {
    const line = (lines[i] ?? "").trim();
    if (!line) {
      end = i;
      continue;
    }
    seen++;
    // the name may follow after one blank line ("Ngā mihi,\n\nAroha Te Rangi")
    const next = ((lines[i + 1] ?? "").trim() || (lines[i + 2] ?? "").trim()).trim();
    const blankBefore = !(lines[i - 1] ?? "").trim();
    const bodyBefore = lines.slice(0, i - 1).some((l) => l.trim());
    if (
      i + 1 < end &&
      blankBefore &&
      bodyBefore &&
      line.length <= 25 &&
      line.split(/\s+/).length <= 3 &&
      !/[\d.?:;@|]/.test(line) &&
      !NOT_CLOSING.test(line) &&
      NAME_LINE.test(next) &&
      !looksLikeOwnName(line.replace(/[,!]$/, ""), next)
    )
      return i;
  }
  return -1;
}

/** A line of prose (ends like a sentence, several words) rather than a signature line. */
function looksLikeSentence(line: string): boolean {
  const t = line.trim();
  const words = t.split(/\s+/).filter(Boolean).length;
  // a line split by separators ("Name | Title | Company") or carrying contact details is a signature line
  if (/[|·•]/.test(t) || /@|\+?\d[\d ().-]{6,}\d/.test(t)) return false;
  if (words >= 12) return true;
  if (words < 4 || !/[.?!]$/.test(t)) return false;
  // a legal suffix or any dotted abbreviation at the end ("Co., Ltd.", "s.r.o.", "S.A.", "Pvt. Ltd.")
  if (
    /\b(?:inc|ltd|ltda|lda|co|corp|llc|jr|sr|plc|pvt|bhd|sdn|dept|jsc|sac|tbk)\.$|(?:^|[\s,])(?:\p{L}{1,3}\.){2,}$/iu.test(
      t,
    )
  )
    return false;
  // a short line of capitalised words is a name line ("Indústria Serra Azul Ltda."), not a sentence
  return !(
    words <= 6 &&
    t
      .split(/\s+/)
      .every((w) => /^[\p{Lu}\d&(]/u.test(w) || /^(?:de|do|da|dos|das|del|di|du|van|von|and|of|the|y|e)$/.test(w))
  );
}

/**
 * The part of a message that carries its meaning: quotes, signature, footer and disclaimer removed. The last body is
 * remembered: every extractor of a message asks for it.
 */
export const messageBody: (text: string) => string = rememberLast((text) => splitMessage(stripQuoted(text)).body);

/**
 * Splits at sentence stops (. ! ? then a space) and line breaks: the unit the deal, choice and job-change readers and
 * the deal-stage model's sentence search read. Only a title before a name is joined (round 65: "Dear Ms. Chen,
 * Accepted at US$4,600…" read as the sentence "Chen, accepted at…", the acceptance lost: blind182); `splitSentences`
 * joins every abbreviation, which would change the models' features more widely.
 */
export function splitAtStops(text: string): string[] {
  return text.split(/(?<=[.!?])(?<!\b(?:mr|mrs|ms|dr|prof)\.)\s+|\n+/i);
}

// round 26: "kl." is the Scandinavian clock ("torsdag kl. 18") and Danish "d." the date's "den" ("fredag d. 11. december");
// round 32: "plkst." the Latvian ("otrdien plkst. 10")
// round 37: and the titles before a name in French, Spanish, Italian and German ("Notre artificier, M. Roussel, passera…",
// "Sra. Díaz", "Dott. Greco": blind89); a capital "M." only before a capitalised word ("200 m." is metres)
// round 54: and the rupee's and rupiah's "Rs." and "Rp." before an amount ("the credit note for Rs. 45,000 by Friday":
// blind149), and "Nr."
const ABBREVIATIONS =
  /\b(?:mr|mrs|ms|dr|prof|sr|jr|inc|ltd|co|corp|vs|etc|e\.g|i\.e|approx|no|nr|st|ave|a\.m|p\.m|kl|plkst|d|mme|mlle|sra|srta|dra|lic|dott|sig|geom|avv|rs|rp)\.$/i;
const MONSIEUR = /(?:^|\s)M\.$/;

/**
 * A day written with its dot goes on in the same sentence (round 24, German and Nordic dates): before a month ("am
 * Montag, 26. Oktober um 7:30 Uhr", "mandag 12. januar") or, after a day and month ("26.10."), before a word in lower
 * case ("kommt Montag 26.10. um 8 Uhr"). A lower-case word after "till 4." is texting's next sentence.
 */
const DOTTED_DAY = /\b\d{1,2}\.$/;
/**
 * Round 58: a number after "No." or "Nr." ("signal No. 8."), no day. Round 64: nor an hour after the Nordic "kl."
 * ("…i dag före kl. 12. Från måndag…", "…kl. 16.30. Adressen er…": blind180).
 */
const NUMBERED = /\b(?:no|nr|nos|kl|klo|plkst)\.\s\d{1,2}(?:[.:]\d{2})?\.$/i;
const DOTTED_DATE = /\b\d{1,2}\.\d{1,2}\.$/;
// (round 32: also the Estonian, Latvian, Icelandic and Czech months, with their case endings: "pirmdien, 21. decembrī",
// "reede, 4. detsember", "4. prosince": blind75, blind76)
const MONTH_AFTER_DAY =
  /^(?:(?:januar|jänner|januari|februar|februari|märz|mars|maart|april|mai|mei|juni|juli|august|augustus|september|oktober|october|november|dezember|desember|december|október|nóvember|märts|mart[sā]|ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince)(?!\p{L})|(?:jaanuar|janvār|veebruar|februār|aprill|aprīl|maij|juuni|jūnij|juuli|jūlij|septembr|oktoober|oktobr|novembr|detsember|decembr)\p{L}*(?!\p{L}))/iu;
function dateGoesOn(end: string, next: string): boolean {
  return DOTTED_DAY.test(end) && (MONTH_AFTER_DAY.test(next) || (DOTTED_DATE.test(end) && /^\p{Ll}/u.test(next)));
}

// round 38: a word that cannot end a sentence ("…will be transferred on\n25 September": blind97)
const WRAPPED_WORD =
  /(?:^|\s)(?:on|by|to|at|for|of|with|from|in|into|the|a|an|and|or|before|until|till|within|between|after|per|your|our|their|its|this|that)$/i;
/**
 * Joins the lines of a hard-wrapped email (round 38): a long line (40+ characters) ending in a letter or digit goes
 * on in the next one when the next opens in lower case or with a digit ("…label artwork steps\nand MOQ by Wednesday
 * 14 October"), or after a word no sentence ends with. A short line ("Hi Dale"), a line ending in punctuation and a
 * blank line still break. Round 57: a line ending in a colon goes on in a next one opened in lower case too.
 */
function joinHardWraps(text: string): string {
  const lines = text.split("\n");
  let out = lines[0] ?? "";
  for (let i = 1; i < lines.length; i++) {
    const prev = (lines[i - 1] ?? "").trimEnd();
    const line = lines[i] ?? "";
    const wrapped =
      (prev.length >= 40 &&
        /[\p{L}\d]$/u.test(prev) &&
        (/^[\p{Ll}\d]/u.test(line) || (/^\p{L}/u.test(line) && WRAPPED_WORD.test(prev.slice(-12))))) ||
      // round 57: a line that ends in a colon goes on in a next line opened in lower case ("…is booked for Monday 26
      // October:\nyour guide Étienne will meet you … at 7:45": blind160)
      (/:$/.test(prev) && /^\p{Ll}/u.test(line));
    out += wrapped ? ` ${line}` : `\n${line}`;
  }
  return out;
}

/** Splits text into sentences (on . ! ? and newlines, a hard wrap aside), keeping the terminal punctuation. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of joinHardWraps(text).split(/\n+/)) {
    let buf = "";
    const parts = para.split(/(?<=[.!?])\s+/);
    for (const [i, part] of parts.entries()) {
      buf = buf ? `${buf} ${part}` : part;
      const next = parts[i + 1];
      // the patterns are anchored at the end: testing only it keeps a long run of joined parts linear
      const end = buf.slice(-16);
      // (a list number or a dotted date alone, "1.", "26.10.": not a sentence of its own that ends on one, "…delivered to
      // Portland by June 12.": blind146)
      // (round 58: a number after "No." ends its sentence, "…under typhoon signal No. 8. We will rebook…": blind161)
      if (ABBREVIATIONS.test(end) || (DOTTED_DAY.test(end) && /^\d\S*$/.test(part) && !NUMBERED.test(end))) continue;
      if (next !== undefined && MONSIEUR.test(end) && /^\p{Lu}/u.test(next)) continue;
      if (next !== undefined && dateGoesOn(end, next)) continue;
      if (buf.trim()) out.push(buf.trim());
      buf = "";
    }
    if (buf.trim()) out.push(buf.trim());
  }
  return out;
}

/** Lowercase, collapse whitespace, normalise curly apostrophes. */
export function normalise(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim().toLowerCase();
}

/** Extracts email addresses (lowercased, deduplicated, in order). */
export function findEmails(text: string): string[] {
  const re = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
  return dedupe((text.match(re) ?? []).map((e) => e.toLowerCase().replace(/\.$/, "")));
}

export function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Domain part of an email address, lowercased, or null. */
export function emailDomain(identifier: string | undefined): string | null {
  if (!identifier) return null;
  const m = /@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\s*>?\s*$/.exec(identifier.trim());
  return m?.[1] ? m[1].toLowerCase() : null;
}
