/**
 * General features of a deal-stage candidate and its message (who speaks and about whose deal, tense and
 * mood, negation, whether the object is a purchase from us or an existing plan's billing, strength and
 * agreement of the cues, channel, the scope guards' verdicts). The rules, frames and the naive-Bayes fallback
 * propose one candidate per message (`detectDealCandidate`); these features describe it.
 *
 * Rounds 6–7 scored them with a logistic regression into P(the candidate's stage is right) and emitted the
 * candidate above a threshold (its training and leave-one-set-out curve remain in test/dealCalibration.ts as
 * the baseline). Round 8: they are inputs of the learned stage model (`dealStageModel.ts`), which reads the
 * message's words as well and decides the stage itself.
 */

import { isServiceSentence, isThirdPartySubject } from "./dealFrames";
import { DEAL_CLASSES, type DealClass, type DealModel, dealModelText, dealPosteriors } from "./dealModel";
import { isConsumerSupport, isNotOurDecision, isOutOfDealScope } from "./dealScope";
import { lemmatise } from "./lemma";

type Stage = Exclude<DealClass, "none">;
/** Where a candidate came from in `detectDealCandidate`. */
export type DealCueOrigin = "list" | "frame" | "fallback" | "model" | "reopen";

export interface DealCandidateInput {
  stage: Stage;
  /** The rule's own confidence (0.6–0.95). */
  confidence: number;
  cue: string;
  origin: DealCueOrigin;
  reopen: boolean;
}

export interface DealMessageInput {
  text: string;
  subject?: string;
  direction: "inbound" | "outbound";
  channel?: string;
}

const STAGES: readonly Stage[] = ["interest", "proposal", "negotiation", "won", "lost"];
const ORIGINS: readonly DealCueOrigin[] = ["list", "frame", "fallback", "model", "reopen"];

/** Feature names, fixed order (the bias is implicit as weight 0). */
export const DEAL_FEATURE_NAMES: readonly string[] = [
  ...STAGES.map((s) => `stage=${s}`),
  ...ORIGINS.map((o) => `origin=${o}`),
  "rule confidence",
  "outbound",
  "outbound×interest",
  "short channel",
  "cue only in subject",
  "question in cue sentence",
  "hypothetical or condition",
  "hedge",
  "negation in cue sentence",
  "past recounting",
  "reported speech",
  "third party named",
  "forwarded or FYI",
  "we/our in cue sentence",
  "you/your in cue sentence",
  "I/my in cue sentence",
  "billing of a running plan",
  "consumer words",
  "future promise (I'll/we'll)",
  "model posterior of stage",
  "model agrees",
  "model says none",
  "commercial words (count, capped 4)",
  "long message",
  "reopen",
  "out of deal scope (guard)",
  "support or billing sentence (guard)",
  "consumer register (guard)",
  "not our decision (guard)",
  "third party as subject (guard)",
  "complaint words",
  "question elsewhere in message",
  "won/lost with a question in message",
  "model origin × posterior",
  "fallback origin × posterior",
  "won/lost from a weak reader (confidence < 0.8)",
  "won/lost under a condition or hedge",
  "won on a budget only (no purchase object)",
  "interest/proposal with price pushback in message",
  "deal word inside a complaint (interest/proposal/negotiation)",
  "won/lost with a third party named",
  "won/lost in a forwarded or FYI message",
];

const HYPOTHETICAL =
  /\b(?:if|unless|whether|in case|hypothetically|suppose|supposing|assuming|were (?:we|i) to|would (?:it|that|you|we)|in theory|ever)\b/;
const HEDGE = /\b(?:might|may|maybe|perhaps|probably|possibly|hopefully|likely|could|not sure|thinking about)\b/;
const NEGATION =
  /\b(?:not|no|never|don't|didn't|doesn't|won't|isn't|aren't|wasn't|haven't|hasn't|can't|cannot|nothing)\b/;
/** Something told about the past rather than done now: a year, "back in", "when we bought", "used to". */
const PAST =
  /\b(?:back in|years? ago|last (?:year|spring|summer|autumn|fall|winter)|in (?:19|20)\d\d|when (?:we|i|they) (?:first )?(?:bought|signed|started|chose|joined|moved)|used to|originally|previously|at the time|the first time|our then|former)\b/;
/** Someone else's words: reported, asked, heard. */
const REPORTED =
  /\b(?:said|says|told|tells|mentioned|asked|asks|heard|according to|apparently|was asking|were asking|wants to know|wanted to know|reports?|reported)\b/;
/** A party with deals of its own, named in the cue sentence. */
const THIRD_PARTY =
  /\b(?:whoever|someone|somebody|he|she|they|their|his|her|client|customer|sister company|parent company|subsidiary|partner|friend|brother|sister|cousin|wife|husband|board member|landlord|supplier|vendor|competitor|auditors?|bank|consultant|investor)s?\b/;
const FORWARDED =
  /\b(?:fyi|forwarded message|forwarding (?:this|below)|begin forwarded|for (?:your|the) (?:records|notes|info|information)|just to recap|no action needed|for context)\b/;
const BILLING =
  /\b(?:invoice|invoices|billing|billed|direct debit|card|charge|charged|receipt|statement|existing (?:account|plan|subscription)|our (?:account|plan)|my (?:account|plan)|the plan we|already pay|same as last month|payment method|auditors?)\b/;
const CONSUMER =
  /\b(?:order #?\d+|my order|parcel|delivery|refund|return|coupon|promo|sale|gift|size [a-z0-9]+|in stock|replacement|tracking)\b/;
const FUTURE_PROMISE = /\b(?:i'll|we'll|i will|we will|going to|shall)\b/;
const COMMERCIAL =
  /\b(?:price|pricing|cost|quote|proposal|offer|contract|agreement|plan|seat|seats|licen[cs]es?|budget|vendor|supplier|subscription|renewal|trial|demo|purchase|order|po|discount|deal|sign|signed|procurement|terms|rate|fee)\b|[$€£]|\d+ ?%/g;

/** The author complains: a deal word inside a complaint is rarely a deal move. */
const COMPLAINT =
  /\b(?:disappointed|embarrass\w*|tired of|frustrat\w*|unacceptable|again|missed|overdue|still (?:waiting|not|no)|ugh|annoy\w*|third time|complain\w*)\b|🙄|😡|😤/u;

/** What a purchase from us acts on (a budget alone is money set aside, not a purchase). */
const PURCHASE_OBJECT =
  /\b(?:contract|agreement|order|po|purchase|proposal|quote|offer|plan|tier|package|subscription|licen[cs]es?|seats?|sow|renewal|you|your)\b/;
/** Price pushback: a later stage than a proposal or a lead's question. */
const PUSHBACK =
  /\b(?:too (?:high|much|expensive|steep)|higher than|above what|over (?:our|the) budget|more than we|cheaper|match|discount|lower (?:the )?price|\d+ ?% (?:higher|more|less|cheaper|off))\b/;

/** The sentence of `text` that holds `cue` (both lower case), or the cue itself. */
function sentenceOf(text: string, cue: string): string {
  const i = text.indexOf(cue);
  if (i < 0) return cue;
  const before = text.slice(Math.max(0, i - 300), i);
  const start = Math.max(
    before.lastIndexOf(". "),
    before.lastIndexOf("! "),
    before.lastIndexOf("? "),
    before.lastIndexOf("\n"),
  );
  const after = text.slice(i + cue.length, i + cue.length + 300);
  const endRel = after.search(/[.!?\n]/);
  return `${before.slice(start + 1)}${cue}${endRel < 0 ? after : after.slice(0, endRel + 1)}`;
}

/** The feature vector of a candidate (without the bias), in {@link DEAL_FEATURE_NAMES} order. */
export function dealCueFeatures(msg: DealMessageInput, cand: DealCandidateInput, nb: DealModel): number[] {
  const modelText = dealModelText(msg);
  const body = modelText.toLowerCase().replace(/[’‘]/g, "'");
  const cue = cand.cue.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim();
  const flat = body.replace(/[^\S\n]+/g, " ");
  const sentence = sentenceOf(flat, cue);
  const subject = (msg.subject ?? "").toLowerCase();
  const inSubjectOnly = cue.length > 0 && subject.includes(cue) && !flat.slice(subject.length).includes(cue);
  const post = dealPosteriors(nb, modelText, msg.direction);
  const posterior = post[DEAL_CLASSES.indexOf(cand.stage)] ?? 0;
  let top = 0;
  for (let c = 1; c < post.length; c++) if ((post[c] ?? 0) > (post[top] ?? 0)) top = c;
  const lemmas = lemmatise(sentence);
  const commercial = Math.min(4, (flat.match(COMMERCIAL) ?? []).length);
  const f: number[] = [
    ...STAGES.map((s) => (cand.stage === s ? 1 : 0)),
    ...ORIGINS.map((o) => (cand.origin === o ? 1 : 0)),
    cand.confidence,
    msg.direction === "outbound" ? 1 : 0,
    msg.direction === "outbound" && cand.stage === "interest" ? 1 : 0,
    msg.channel === "sms" || msg.channel === "whatsapp" || msg.channel === "chat" ? 1 : 0,
    inSubjectOnly ? 1 : 0,
    /\?/.test(sentence) ? 1 : 0,
    HYPOTHETICAL.test(sentence) ? 1 : 0,
    HEDGE.test(sentence) ? 1 : 0,
    NEGATION.test(sentence) ? 1 : 0,
    PAST.test(sentence) ? 1 : 0,
    REPORTED.test(sentence) ? 1 : 0,
    THIRD_PARTY.test(sentence) ? 1 : 0,
    FORWARDED.test(body) || /^(?:fwd?|fw)\s*:/.test(subject) ? 1 : 0,
    /\b(?:we|our|us|we're|we've|we'd|we'll)\b/.test(sentence) ? 1 : 0,
    /\b(?:you|your|you're|you've|yours)\b/.test(sentence) ? 1 : 0,
    /\b(?:i|my|me|i'm|i've|i'd|i'll)\b/.test(sentence) ? 1 : 0,
    BILLING.test(body) ? 1 : 0,
    CONSUMER.test(body) ? 1 : 0,
    FUTURE_PROMISE.test(lemmas) || FUTURE_PROMISE.test(sentence) ? 1 : 0,
    posterior,
    DEAL_CLASSES[top] === cand.stage ? 1 : 0,
    top === 0 ? 1 : 0,
    commercial / 4,
    flat.length > 600 ? 1 : 0,
    cand.reopen ? 1 : 0,
    isOutOfDealScope(sentence) ? 1 : 0,
    isServiceSentence(sentence) ? 1 : 0,
    isConsumerSupport(flat, msg.direction) ? 1 : 0,
    isNotOurDecision(sentence) ? 1 : 0,
    isThirdPartySubject(sentence.split(" ").slice(0, 5).join(" ")) ? 1 : 0,
    COMPLAINT.test(body) ? 1 : 0,
    /\?/.test(flat) && !/\?/.test(sentence) ? 1 : 0,
    (cand.stage === "won" || cand.stage === "lost") && /\?/.test(flat) ? 1 : 0,
    cand.origin === "model" ? posterior : 0,
    cand.origin === "fallback" ? posterior : 0,
    (cand.stage === "won" || cand.stage === "lost") && cand.confidence < 0.8 ? 1 : 0,
    (cand.stage === "won" || cand.stage === "lost") && (HYPOTHETICAL.test(sentence) || HEDGE.test(sentence)) ? 1 : 0,
    cand.stage === "won" && /\bbudget\b/.test(sentence) && !PURCHASE_OBJECT.test(sentence) ? 1 : 0,
    (cand.stage === "interest" || cand.stage === "proposal") && PUSHBACK.test(flat) ? 1 : 0,
    cand.stage !== "won" && cand.stage !== "lost" && COMPLAINT.test(body) ? 1 : 0,
    (cand.stage === "won" || cand.stage === "lost") && THIRD_PARTY.test(sentence) ? 1 : 0,
    (cand.stage === "won" || cand.stage === "lost") && (FORWARDED.test(body) || /^(?:fwd?|fw)\s*:/.test(subject))
      ? 1
      : 0,
  ];
  return f;
}
