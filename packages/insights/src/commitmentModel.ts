/**
 * Round 17 (cm17): the features of one clause for a learned promise reader, a linear model (linearModel.ts) trained on
 * every labelled author's commitments (test/training/commitmentTraining.ts) and asked only about clauses in which no
 * rule matcher of `extractCommitments` read a promise (its `PromiseReader` hook).
 *
 * The features are meant to carry across trades and authors: who the subject is (I, we, a team of ours, a named person,
 * you, they, it, none), the verb group (will, 'll, shall, going to, present, progressive, gerund, modal, past, a
 * request), whether a time ahead is named, question, condition, negation, hedge, quotation, direction, the first
 * tokens, the lemma of the verb after the auxiliary, and lemma uni/bigrams (the trainer keeps only words written by
 * three or more authors, so a trade's nouns cannot carry the class). Each is a regular expression or a token pass over
 * one clause: linear in its length.
 */

import { PROMISE_MODEL, PROMISE_TRAINING } from "./commitmentModelData";
import {
  type ClauseUnit,
  CONDITIONAL,
  expandTexting,
  hasDeadlineWords,
  type PromiseReader,
  type ReaderOptions,
} from "./commitments";
import { resolveDueDate } from "./dueDate";
import { lemma, lemmatise } from "./lemma";
import { boundText, MAX_CLAUSE_CHARS } from "./limits";
import { linearProbabilities } from "./linearModel";
import type { Direction, MessageInput } from "./types";

/** Words before the subject that say nothing about it ("Ok so tomorrow I'll…"). */
const OPENER =
  /^(?:(?:ok(?:ay)?|so|and|but|then|also|yes|yeah|yep|sure|great|perfect|thanks|thank you|cheers|no problem|np|right|well|alright|noted|understood|absolutely|of course|hi|hello|hey|dear)\b[,!.:;-]*\s+)+/i;

/** Subject words by class; a capitalised word that is not sentence-initial-only filler is a named person or firm. */
const SUBJECT: ReadonlyArray<[string, RegExp]> = [
  ["I", /^(?:i|i'm|i'll|i've|i'd|im|ill|ive|me and|let me)$/],
  ["we", /^(?:we|we'll|we're|we've|we'd|us|let's|lets)$/],
  ["our", /^(?:our|my)$/],
  ["you", /^(?:you|you'll|you're|you've|your|u|ur)$/],
  ["they", /^(?:they|they'll|they're|he|he'll|he's|she|she'll|she's)$/],
  ["it", /^(?:it|it'll|it's|this|that|that'll|these|those|there|there's|everything|all)$/],
];

const TEAM =
  /^(?:team|department|dept|office|crew|staff|people|guys|lab|warehouse|workshop|driver|drivers|engineer|engineers|technician|tech|colleague|colleagues|manager|accountant|accounts|finance|support|legal|installer|installers|courier|partner)s?$/;

/** The subject's class from the first few tokens after openers and a leading time ("Tomorrow I'll…"). */
function subjectClass(tokens: readonly string[], raw: readonly string[]): string {
  for (let i = 0; i < Math.min(tokens.length, 6); i++) {
    const t = tokens[i]!;
    for (const [name, re] of SUBJECT)
      if (re.test(t)) {
        if (name === "our") return TEAM.test(tokens[i + 1] ?? "") || TEAM.test(tokens[i + 2] ?? "") ? "team" : "ours";
        return name;
      }
    if (i > 0 && /^\p{Lu}/u.test(raw[i] ?? "")) return "named";
    if (i === 0 && /^\p{Lu}[\p{Ll}]+$/u.test(raw[0] ?? "") && /^(?:will|'ll|is|has|can|should)$/.test(tokens[1] ?? ""))
      return "named";
    // a leading time or place phrase may precede the subject; anything else is the start of the predicate
    if (
      !/^(?:on|by|in|at|from|after|before|first|thing|next|this|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|week|the|\d.*|,)$/.test(
        t,
      )
    )
      break;
  }
  return "none";
}

const VERB_GROUPS: ReadonlyArray<[string, RegExp]> = [
  ["will", /\bwill\b/],
  ["ll", /\w'll\b/],
  ["shall", /\bshall\b/],
  ["goingto", /\b(?:going to|gonna)\b/],
  ["prog", /\b(?:am|are|is|'m|'re)\s+(?:\w+ly\s+)?\w{2,}ing\b/],
  ["gerund", /^\w{2,}ing\b/],
  ["modal", /\b(?:can|could|may|might|would|should|must)\b/],
  ["oblig", /\b(?:need to|have to|has to|got to|gotta)\b/],
  ["intent", /\b(?:plan to|planning to|intend to|aim to|want to|hope to|expect to|try to)\b/],
  ["letme", /\blet (?:me|us)\b|\blet's\b/],
  ["past", /\b(?:was|were|did|had|have (?:\w+ )?(?:been|\w+ed)|has (?:\w+ )?(?:been|\w+ed))\b|\b(?:i|we)\s+\w+ed\b/],
  ["please", /\b(?:please|pls|kindly)\b/],
  [
    "present",
    /\b(?:i|we)\s+(?!will\b|'ll\b|am\b|are\b|was\b|were\b|have\b|had\b|can\b|could\b|would\b|should\b|may\b|might\b|must\b|do\b|did\b)[a-z]{2,}(?<!ed)\b/,
  ],
  ["passive", /\b(?:will be|is being|are being|gets?|is|are)\s+\w+(?:ed|en)\b/],
];

/** The verb after an auxiliary of the future or the progressive, lemmatised ("will be sending" → send). */
const AFTER_AUX =
  /\b(?:will|'ll|shall|going to|gonna|am|are|is|'m|'re|can|could|would|should|must|to)\s+(?:(?:\w+ly|also|just|then|be|get|have|not|still|now|first|try to|try and)\s+)*([a-z]{2,})\b/;

const NEGATION =
  /\b(?:not|never|no|nothing|won't|can't|cannot|don't|doesn't|didn't|isn't|aren't|wasn't|shouldn't|wouldn't|couldn't)\b|n't\b/;
const HEDGE =
  /\b(?:might|maybe|perhaps|possibly|probably|hopefully|not sure|i think|i guess|should be|ideally|if possible)\b/;
const REPORTED = /\b(?:said|says|told|promised|mentioned|wrote|claimed|according to)\b/;

/**
 * Round 21 (cm22): feature families a reader keeps only when its training names them (`PromiseConfig.extra`), so a
 * model trained without them reads as before: `mv` the main verb's lemma without an auxiliary ("send you the copy
 * tomorrow", "we send it Friday"), `vst` the verb joined with the subject and time classes, `tc` a finer time class,
 * `obj` what follows the verb (you, a pronoun, "back to you"), `sk` lemma skip-bigrams.
 */
export const EXTRA_FAMILIES = ["mv", "vst", "tc", "obj", "sk"] as const;

/** Finer time classes a clause may name (several at once); each a regular expression over the lower-cased clause. */
const TIME_CLASSES: ReadonlyArray<[string, RegExp]> = [
  [
    "today",
    /\b(?:today|tonight|this (?:morning|afternoon|evening)|asap|right away|shortly|soon|in a (?:bit|moment|minute|few (?:mins?|minutes|hours)))\b|\beod\b|end of (?:the )?day/,
  ],
  ["tomorrow", /\b(?:tomorrow|tmrw|tmr)\b/],
  ["weekday", /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b/],
  [
    "date",
    /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}\b/,
  ],
  [
    "duration",
    /\b(?:in|within)\s+(?:\d+|a|an|one|two|three|few|couple of)\s+(?:\w+\s+)?(?:mins?|minutes|hours?|hrs?|days?|weeks?|business days)\b/,
  ],
  ["week", /\b(?:this|next|end of (?:the )?|by the end of (?:the )?)week\b|\bweekend\b|\beow\b/],
  ["clock", /\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidday\b/],
  ["part", /\b(?:morning|afternoon|evening|tonight|lunch(?:time)?)\b/],
];

const OBJECT_PRONOUN = /^(?:you|u|it|them|this|that|these|those|him|her|everything|all)$/;
const ADVERB = /^(?:\w+ly|also|just|then|still|now|first|definitely|certainly|quickly)$/;

/** The token index just after the subject (or after a leading time phrase when there is none), -1 when not found. */
function predicateStart(tokens: readonly string[]): number {
  for (let i = 0; i < Math.min(tokens.length, 6); i++) {
    const t = tokens[i]!;
    if (SUBJECT.some(([, re]) => re.test(t))) {
      // "our team", "my colleague": the subject runs on to the team word
      if (/^(?:our|my)$/.test(t))
        return TEAM.test(tokens[i + 1] ?? "") ? i + 2 : TEAM.test(tokens[i + 2] ?? "") ? i + 3 : -1;
      return i + 1;
    }
    if (
      !/^(?:on|by|in|at|from|after|before|first|thing|next|this|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|week|the|\d.*|,)$/.test(
        t,
      )
    )
      return i;
  }
  return -1;
}

/** Round 21 (cm22): the extra families (`EXTRA_FAMILIES`) of one clause, added to `f`. */
function extraFeatures(
  add: (name: string) => void,
  body: string,
  tokens: readonly string[],
  subject: string,
  time: string,
  auxVerb: string | null,
): void {
  const words = tokens.filter((t) => t !== ",");
  let verb = auxVerb;
  let at = -1;
  if (verb === null) {
    at = predicateStart(words);
    while (at >= 0 && at < words.length && ADVERB.test(words[at]!)) at++;
    const w = at >= 0 ? words[at] : undefined;
    if (w !== undefined && /^[a-z]{2,}$/.test(w)) {
      verb = lemma(w);
      add(`mv:${verb}`);
      add(`mv:${subject}|${verb}`);
    }
  } else {
    at = words.findIndex((w) => lemma(w) === verb);
  }
  const classes = TIME_CLASSES.filter(([, re]) => re.test(body)).map(([name]) => name);
  for (const c of classes) {
    add(`tc:${c}`);
    add(`tc:${subject}|${c}`);
  }
  if (classes.length === 0) add(`tc:none|${subject}`);
  if (verb !== null) {
    add(`vst:${verb}|${subject}|${time}`);
    add(`vst:${verb}|${time}`);
    if (at >= 0) {
      const next = words[at + 1] ?? "";
      const object = OBJECT_PRONOUN.test(next)
        ? next
        : /^(?:back|over|out|through|round|around)$/.test(next)
          ? "particle"
          : null;
      if (object !== null) {
        add(`obj:${object === "u" ? "you" : object}`);
        add(`obj:${verb}|${object === "u" ? "you" : object}`);
      }
      if (
        /^(?:back|over)$/.test(next) &&
        /^(?:to|with)$/.test(words[at + 2] ?? "") &&
        /^(?:you|u)$/.test(words[at + 3] ?? "")
      )
        add("obj:backtoyou");
    }
  }
}

/**
 * Round 19 (cm20): what the rules read before a clause in its message, as the extractor tells the reader
 * (`PromiseReader.observe`): a promise read earlier in the sentence or in the message, the clause before it in the
 * sentence (whose subject a clause without one carries on: "… and will send it Friday"), and whether the sentence is
 * the message's first.
 */
export interface ReadingContext {
  sentenceRead: boolean;
  messageRead: boolean;
  previous: string | null;
  first: boolean;
}

/** Follows the clauses the extractor observes and gives each one's context (O(1) a clause). */
export class ContextTracker {
  private sentence: string | null = null;
  private sentences = 0;
  private sentenceRead = false;
  private messageRead = false;
  private previous: string | null = null;
  /** The context of the clause observed last. */
  current: ReadingContext | null = null;

  observe(unit: Pick<ClauseUnit, "clause" | "sentence">, read: boolean, index: number): ReadingContext {
    if (index === 0) {
      this.sentence = null;
      this.sentences = 0;
      this.messageRead = false;
    }
    if (unit.sentence !== this.sentence) {
      this.sentence = unit.sentence;
      this.sentences++;
      this.sentenceRead = false;
      this.previous = null;
    }
    this.current = {
      sentenceRead: this.sentenceRead,
      messageRead: this.messageRead,
      previous: this.previous,
      first: this.sentences === 1,
    };
    if (read) this.sentenceRead = this.messageRead = true;
    this.previous = unit.clause;
    return this.current;
  }
}

/** The words of a clause after its openers, as written and lower-cased (commas kept: they end a leading phrase). */
function wordsOf(text: string): { raw: string[]; tokens: string[] } {
  const raw = text.replace(OPENER, "").match(/[\p{L}\d]+(?:['-][\p{L}]+)*|,/gu) ?? [];
  return { raw, tokens: raw.map((t) => t.toLowerCase()) };
}

/** The subject class of a clause as `promiseFeatures` reads it. */
function subjectOf(clause: string): string {
  const { raw, tokens } = wordsOf(expandTexting(boundText(clause, MAX_CLAUSE_CHARS)));
  return subjectClass(tokens, raw);
}

/**
 * Features of one clause (the text the extractor reads, a plan line without its bullet). `sentAt` dates "a time ahead"
 * (any date the due-date reader finds after the message, in UTC: only its being ahead is read). Round 19: `context`
 * adds what the rules read before it (features `c:…`). Round 21 (cm22): `extra` adds `EXTRA_FAMILIES` (the trainer and
 * the first-contact bench read them; the shipped model has none, so the shipped reader does not compute them).
 */
export function promiseFeatures(
  clause: string,
  unit: Pick<ClauseUnit, "sentence" | "conditioned" | "item">,
  direction: Direction,
  sentAt: number,
  context: ReadingContext | null = null,
  extra = false,
  timezone = "UTC",
): Map<string, number> {
  const f = new Map<string, number>();
  const add = (name: string) => f.set(name, 1);
  const text = expandTexting(clause).replace(/[“”]/g, '"');
  const lower = text.toLowerCase();
  const body = lower.replace(OPENER, "");
  const { raw, tokens } = wordsOf(text);
  const subject = subjectClass(tokens, raw);
  const groups = VERB_GROUPS.filter(([, re]) => re.test(body)).map(([name]) => name);
  const timeWords = hasDeadlineWords(text);
  // round 64: the time is read in the message's zone ("tonight" said at 16:10 in Denver is ahead, not past in UTC)
  const due = timeWords ? resolveDueDate(text, sentAt, { timezone }) : null;
  const time = due === null ? (timeWords ? "word" : "none") : due.dueAt > sentAt ? "ahead" : "past";
  add(`dir:${direction}`);
  add(`s:${subject}`);
  add(`t:${time}`);
  add(`sd:${subject}|${direction}`);
  add(`st:${subject}|${time}`);
  if (groups.length === 0) groups.push("none");
  for (const g of groups) {
    add(`v:${g}`);
    add(`sv:${subject}|${g}`);
    add(`vt:${g}|${time}`);
    add(`svt:${subject}|${g}|${time}`);
    add(`vd:${g}|${direction}`);
  }
  if (/\?\s*$/.test(unit.sentence) || /\?/.test(clause)) add("question");
  if (CONDITIONAL.test(text)) add("condition");
  if (unit.conditioned) add("conditioned");
  if (unit.item) add("item");
  if (NEGATION.test(body)) add("negation");
  if (HEDGE.test(body)) add("hedge");
  if (REPORTED.test(body)) add("reported");
  if (/"[^"]{1,200}"/.test(text)) add("quote");
  const aux = AFTER_AUX.exec(body);
  const auxVerb = aux ? lemma(aux[1]!) : null;
  if (auxVerb !== null) {
    add(`lv:${auxVerb}`);
    add(`slv:${subject}|${auxVerb}`);
  }
  if (extra) extraFeatures(add, body, tokens, subject, time, auxVerb);
  if (context !== null) {
    if (context.sentenceRead) {
      add("c:sread");
      add(`c:sread|${subject}`);
    }
    add(`c:m${context.messageRead ? "read" : "none"}|${direction}`);
    if (context.first) add("c:first");
    if (subject === "none" && context.previous !== null) {
      const carried = subjectOf(context.previous);
      add(`c:prev|${carried}`);
      for (const g of groups) add(`c:prev|${carried}|${g}`);
    }
  }
  const first = tokens.filter((t) => t !== ",");
  add(`f1:${first[0] ?? ""}`);
  add(`f2:${first[0] ?? ""} ${first[1] ?? ""}`);
  add(`len:${Math.min(4, Math.floor(first.length / 6))}`);
  const words = lemmatise(body)
    .split(" ")
    .filter((w) => w && !/^\d/.test(w));
  for (let i = 0; i < words.length; i++) {
    add(`w:${words[i]}`);
    if (i + 1 < words.length) add(`b:${words[i]} ${words[i + 1]}`);
    if (extra && i + 2 < words.length) add(`sk:${words[i]} ${words[i + 2]}`);
  }
  return f;
}

// round 23: the shipped reader computes the extra families only when it was trained with them (they cost a pass over
// the clause; a model trained without them has no weight for them)
const SHIPPED_EXTRA = "extra" in PROMISE_TRAINING;

/** P(promise) of a clause by the shipped reader. */
export function promiseProbability(
  clause: string,
  unit: Pick<ClauseUnit, "sentence" | "conditioned" | "item">,
  direction: Direction,
  sentAt: number,
  context: ReadingContext | null = null,
  timezone = "UTC",
): number {
  const p = linearProbabilities(
    PROMISE_MODEL,
    promiseFeatures(clause, unit, direction, sentAt, context, SHIPPED_EXTRA, timezone),
  );
  return p[PROMISE_MODEL.classes.indexOf("promise")] ?? 0;
}

/**
 * A reader for `extractCommitments`' third argument (`extractCommitments(msg, opts, learnedPromiseReader())`):
 * a clause in which no rule read a promise is one when P(promise) reaches `threshold`. `extractDeterministic` passes it
 * (README "Round 17 — a learned promise reader", and "the lead's decision" there: wired at 0.95; round 18 moved it to
 * 0.8 once the forms the rules reject were refused before the reader is asked: README "Round 18"). Round 19: a clause a
 * matcher read (of `VETO_MIN_WORDS` words or more) is dropped when P(promise) is below `veto` (README "Round 19").
 */
export function learnedPromiseReader(
  threshold: number = PROMISE_TRAINING.threshold,
  veto: number = PROMISE_TRAINING.veto,
): PromiseReader {
  // round 19 (cm20): the shipped model has no context features (they did not help, README "Round 19"), so this reader
  // does not observe the rules' reads
  const p = (clause: string, unit: ClauseUnit, msg: MessageInput, { timezone }: ReaderOptions = {}) =>
    promiseProbability(clause, unit, msg.direction, msg.sentAt, null, timezone);
  const accept = (clause: string, unit: ClauseUnit, msg: MessageInput, opts?: ReaderOptions) =>
    p(clause, unit, msg, opts) >= threshold;
  // round 19 (cm20): with `veto` > 0 a clause a matcher read is dropped when P(promise) falls below it
  if (veto <= 0) return accept;
  return Object.assign(accept, {
    veto: (clause: string, unit: ClauseUnit, msg: MessageInput, opts?: ReaderOptions) =>
      p(clause, unit, msg, opts) < veto,
  });
}

/** The reader the package ships at its trained threshold: `extractDeterministic` passes it, the evaluation scores it. */
export const readPromise: PromiseReader = learnedPromiseReader();
