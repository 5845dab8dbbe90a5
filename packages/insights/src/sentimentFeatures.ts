/**
 * Round 8: the features of the learned sentiment model (sentiment.ts): the rule scorer's own reading of a
 * message (its score and score parts, irony, complaint, courtesy, politeness, apology and negation cues,
 * sentence forms, length) and the message's words: lemma unigrams and bigrams within a clause, marked
 * `NOT_` inside a negation's scope, and emoji. One pass over the rule scorer's clauses: linear in the text.
 */
import { lemma } from "./lemma";
import type { SparseFeatures } from "./linearModel";
import {
  ABSENCE_IS_COMPLAINT,
  afinnScore,
  intensifiesApology,
  NEGATION_WINDOW,
  NEGATORS,
  QUOTED_LABEL,
  type RuleSignals,
} from "./sentimentRules";

/** Words too common to tell a class apart; dropping them keeps the weights file small. */
const STOP = new Set([
  "the",
  "a",
  "an",
  "to",
  "of",
  "and",
  "in",
  "on",
  "for",
  "at",
  "is",
  "be",
  "it",
  "this",
  "that",
  "with",
  "we",
  "i",
  "you",
  "our",
  "your",
  "my",
  "me",
  "us",
  "are",
  "was",
  "as",
  "from",
  "by",
  "or",
  "_name_",
]);

const NUMBER = /^\d[\d.,:-]*$/;
const EMOJI = /\p{Extended_Pictographic}/u;

/**
 * Inflections pooled into one feature ("disappointed", "disappointing", non-native "very disappoint"). A
 * crude suffix stripper rather than a Porter stemmer library: it only has to map a word to the same
 * feature at training and at run time, and the lemma map already handles the irregular verbs.
 */
function stem(word: string): string {
  if (word.length <= 5) return word;
  return word.replace(/(?:ments?|ness|ingly|edly|ing|ed|ly|es|s)$/, "");
}

/** A token as a word feature: stem of its lemma, digits as `#`, stripped of stray punctuation. */
function wordOf(token: string): string | null {
  if (EMOJI.test(token)) return token;
  if (NUMBER.test(token)) return "#";
  const w = token.replace(/^['-]+|['-]+$/g, "");
  if (!w || !/\p{L}/u.test(w)) return null;
  return stem(lemma(w));
}

/** Sentences of the scored text, as written. */
const sentencesOf = (body: string) =>
  body
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((x) => x.trim())
    .filter(Boolean);

const words = (sentence: string) => sentence.toLowerCase().match(/[\p{L}']+/gu) ?? [];

/**
 * Sentence forms that carry tone without a lexicon entry: a short flat sentence of praise ("Lovely.",
 * "Cute.", "Romantic indeed."), most often sarcasm after a complaint; a short question ("Seriously?", "For
 * the price we paid?"); a closing "really." ("Thanks a lot guys, really."); scare quotes around a name
 * ("the 'VIP fast-track' entrance").
 */
function formFeatures(s: RuleSignals, out: Map<string, number>): void {
  const sentences = sentencesOf(s.cleaned);
  const complaint = s.negativeWords < 0 || s.complaints > 0 || s.negativeEvent || s.negativePhrases > 0;
  sentences.forEach((sentence, i) => {
    const w = words(sentence);
    if (w.length === 0) return;
    const praise = w.some((x) => afinnScore(x) > 0);
    if (w.length <= 3 && praise && /\.$/.test(sentence) && !/\.\.$/.test(sentence)) {
      out.set("f:flatPraise", 1);
      if (i === sentences.length - 1 && sentences.length > 1) out.set("f:flatPraiseLast", 1);
      if (complaint) out.set("f:flatPraise&complaint", 1);
    }
    if (w.length <= 5 && /\?$/.test(sentence)) out.set("f:shortQuestion", 1);
    if (/\breally\.$/i.test(sentence)) out.set("f:reallyTail", 1);
  });
  const exclaims = (s.cleaned.match(/!/g) ?? []).length;
  if (exclaims) out.set("f:exclaims", Math.min(exclaims, 3) / 3);
  const unlabelled = s.cleaned.replace(/[’‘]/g, "'").toLowerCase().replace(QUOTED_LABEL, " ");
  if (/(?:^|[\s(])['"“‘][\p{L}][\p{L} -]{1,30}['"”’](?=[\s.,!?)]|$)/u.test(unlabelled)) {
    out.set("f:scareQuote", 1);
    if (complaint) out.set("f:scareQuote&complaint", 1);
  }
}

/** Cue counts are capped so one long rant does not weigh more than a clear sentence. */
const cap = (n: number, max = 2) => Math.min(n, max) / max;

/** The rule scorer's reading of the message as features (names prefixed `r:`). */
function ruleFeatures(s: RuleSignals, text: string, out: Map<string, number>): void {
  const set = (name: string, value: number) => {
    if (value !== 0) out.set(name, value);
  };
  set("r:score", s.score);
  set(s.score >= 0.1 ? "r:label+" : s.score <= -0.1 ? "r:label-" : "r:label0", 1);
  const norm = Math.sqrt(Math.max(s.tokens, 1));
  set("r:pos", Math.min(s.positiveWords / norm, 2));
  set("r:neg", Math.max(s.negativeWords / norm, -2));
  set("r:irony.emoji", +s.irony.emoji);
  set("r:irony.strong", +s.irony.strong);
  set("r:irony.weak", +s.irony.weak);
  set("r:irony.mock", +s.irony.mock);
  set("r:event", +s.negativeEvent);
  set("r:problemTopic", +s.problemIsTopic);
  set("r:request", +s.requests);
  set("r:exclaimed", +s.exclaimed);
  set("r:repeated", +s.repeated);
  set("r:apologyAuthor", +s.apologyByAuthor);
  set("r:remedy", +s.remedy);
  set("r:complaint", cap(s.complaints));
  set("r:phrase-", cap(s.negativePhrases));
  set("r:phrase+", cap(s.positivePhrases));
  set("r:thanksWarm", cap(s.warmThanks));
  set("r:thanks", cap(s.politeness));
  set("r:apology", cap(s.apologies));
  set("r:negated", cap(s.negated));
  // round 14: what was negated, so a denied problem ("not a problem at all") is not read like negated praise
  set("r:negatedPraise", cap(s.negatedPraise));
  set("r:denied", cap(s.denied));
  set("r:denied.stressed", cap(s.deniedStressed));
  set("r:conditional", cap(s.conditional));
  set("r:courtesy", cap(s.courtesy));
  set("r:hypothetical", cap(s.hypotheticalQuestions));
  const body = s.cleaned;
  set("r:question", +body.includes("?"));
  set("r:doubleMark", +/[?!]{2,}/.test(body));
  set("r:ellipsis", +/\.\.\.|…/.test(body));
  set("r:shout", +/\b[A-Z]{4,}\b/.test(body.replace(/\b(?:ASAP|FYI|PDF|URGENT|NOTE)\b/g, "")));
  const len = s.tokens;
  set(len <= 6 ? "r:len.xs" : len <= 20 ? "r:len.s" : len <= 60 ? "r:len.m" : "r:len.l", 1);
  set("r:lines", +(body.split("\n").filter((l) => l.trim()).length >= 4));
  set("r:quoted", +(text.length > body.length * 2 + 200));
}

/**
 * Round 14: a negator's word feature says what it negates. "not" alone leaned negative (most negations in the
 * training text are complaints: "not working", "not happy"), so a denied problem ("not a problem at all", "no
 * issues", "never a bad loaf") was read as a complaint. The negator's unigram is split by the valence of the next
 * words it reaches (the rules' negation window): `not>-` before a negative word, `not>+` before a positive one.
 */
function negatorWord(w: string, clause: ReadonlyArray<{ token: string }>, i: number): string {
  if (!NEGATORS.has(clause[i]?.token ?? "")) return w;
  let polarity = "";
  for (let k = i + 1; k <= i + NEGATION_WINDOW && k < clause.length && !polarity; k++) {
    const t = clause[k]!.token;
    const v = ABSENCE_IS_COMPLAINT.has(t) ? 0 : afinnScore(t);
    if (v < 0) polarity = ">-";
    else if (v > 0) polarity = ">+";
  }
  return w + polarity;
}

/** Words, bigrams and emoji of the scored clauses (names prefixed `w:`, `b:`). */
function wordFeatures(s: RuleSignals, out: Map<string, number>): void {
  for (const clause of s.clauses) {
    let prev: string | null = null;
    for (const [i, { token, negated }] of clause.entries()) {
      // part of the apology formula: no feature of its own, and the bigram joins its neighbours
      if (intensifiesApology(token, clause[i + 1]?.token)) continue;
      const w = wordOf(token);
      if (w === null) {
        prev = null;
        continue;
      }
      const mark = negated ? "NOT_" : "";
      if (!STOP.has(w)) out.set(`w:${mark}${negatorWord(w, clause, i)}`, 1);
      if (prev !== null) out.set(`b:${mark}${prev}_${w}`, 1);
      prev = w;
    }
  }
}

export type SentimentFeatureGroup = "rules" | "words";

/** The model's features of a message, from the rule scorer's signals and the original text. */
export function sentimentFeatures(
  s: RuleSignals,
  text: string,
  groups: readonly SentimentFeatureGroup[] = ["rules", "words"],
): SparseFeatures {
  const out = new Map<string, number>();
  if (groups.includes("rules")) {
    ruleFeatures(s, text, out);
    formFeatures(s, out);
  }
  if (groups.includes("words")) wordFeatures(s, out);
  return out;
}
