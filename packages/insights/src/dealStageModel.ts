/**
 * Round 8: a learned deal-stage model that reads every message, not only the rules' candidate. Rounds 2–7
 * proposed stages with rules and a naive-Bayes fallback trained on the rules author's sets, then calibrated
 * that one candidate; each new author's set then showed wording with no candidate at all (blind6: 26 of 75
 * labelled stages) that no threshold can recover. This multinomial logistic regression (six classes: no
 * stage and the five stages) is trained on every deal-labelled set, independent authors included, and reads
 *
 * - the message's vocabulary: lemma unigrams and bigrams with negation marks and the direction (the same
 *   features the naive Bayes reads, `dealFeatures`), plus the channel, whether a price is named and whom a
 *   choice picks (`dealChoice.ts`, round 11);
 * - the rules' candidate, when there is one: its stage, its reader (cue list, frame, fallback pattern, model)
 *   and every general feature the calibration reads (`dealCueFeatures`: who speaks, mood and tense, scope
 *   guards, billing, complaint, …),
 *
 * so it can propose a stage the rules missed and veto a candidate the features speak against. The stage is
 * the most probable class other than "none" when its probability reaches the threshold picked out of author
 * (leave one independent set out, `test/dealModelStage.ts`); the weights are generated into
 * `dealStageModelData.ts` by `pnpm --filter @switchboard/insights train:deal-stage`.
 */
import { messageChoice } from "./dealChoice";
import { DEAL_FEATURE_NAMES, type DealCandidateInput, type DealMessageInput, dealCueFeatures } from "./dealConfidence";
import { type DealClass, type DealModel, dealFeatures, dealModelText } from "./dealModel";
import { type LinearModel, linearLogits, linearProbabilities, type SparseFeatures } from "./linearModel";
import { splitAtStops } from "./text";

type Stage = Exclude<DealClass, "none">;

/** The learned models and their operating point. */
export interface DealStageModel {
  /** Reads the words and the rules' candidate. */
  model: LinearModel;
  /** Reads the words only (no rules' candidate): the proposer when the rules miss or misread new wording. */
  text: LinearModel;
  /** Emit `model`'s top stage at or above this probability (picked leaving one independent set out). */
  threshold: number;
  /** Otherwise emit `text`'s top stage at or above this probability (picked with `threshold`). */
  textThreshold: number;
  /**
   * Round 10: at or above this probability the words-only model's stage stands against the soft scope guards
   * (`isHardBlock` in dealStage.ts lists the ones it never overrides); picked with the thresholds.
   */
  guardYield: number;
  /** A held-back `model` stage at or above this probability is the uncertain band the AI peer reviews (hybrid.ts). */
  askBelow: number;
}

/**
 * A named price: a currency with an amount, either order ("€150", "USD 0.05", "4,400 AED", "£47 per head"; round
 * 14: "41.800 €", "KSh 3,450"; round 64: the other currencies of the read authors' quotations, "₩18,500 per set",
 * "Tk 6,500 per panel", "NOK 2,450 per m²", "₱1,200": blind179, blind181; the short codes before the amount
 * only).
 * The amount starts only where a number starts (the lookbehind), so a long run of digits is read once.
 */
const MONEY =
  /(?:[$€£¥₹₩₱₦₺₪฿₫₴₽]|\b(?:usd|eur|gbp|aed|cad|aud|nzd|sgd|hkd|jpy|krw|cny|rmb|twd|inr|pkr|lkr|npr|bdt|tk|rs|chf|sek|nok|dkk|isk|pln|czk|huf|ron|try|brl|mxn|clp|cop|ars|pen|uyu|kes|ksh|ngn|ghs|zar|egp|sar|qar|omr|ils|nis|thb|vnd|idr|rp|myr|rm|php)\b)\s?\d|(?<![\d,.])\d[\d,.]*(?:\s?(?:usd|eur|gbp|aed|cad|aud|nzd|sgd|hkd|jpy|krw|cny|rmb|inr|bdt|chf|sek|nok|dkk|pln|czk|huf|try|brl|mxn|clp|cop|kes|ksh|ngn|zar|thb|vnd|idr|myr|php|k|pp|per (?:head|person|night|room|unit|pc|user|seat|month|year))\b|\s?[€$£₩₱₺₪฿₫₴₽])/i;

/** The text features of a message: lemma unigrams and bigrams with negation marks and the direction, the channel, a named price. */
function dealTextFeatures(msg: DealMessageInput): Map<string, number> {
  const f = new Map<string, number>();
  const text = dealModelText(msg);
  for (const w of dealFeatures(text, msg.direction)) f.set(`w:${w}`, 1);
  f.set(`ch:${msg.channel ?? "email"}`, 1);
  if (MONEY.test(text)) f.set("x:money", 1);
  // round 11: whom a choice picks (us or another party), which the words "go with" cannot tell
  const choice = messageChoice(text, msg.direction);
  if (choice) f.set(`x:choice_${choice.party}`, 1);
  return f;
}

/**
 * The sparse features of a message and its rules candidate (or null): the text features plus the candidate's
 * stage, reader and general features (their values kept: probabilities and counts in [0, 1]).
 */
export function dealStageFeatures(
  msg: DealMessageInput,
  cand: DealCandidateInput | null,
  /** The naive-Bayes model the candidate's posterior features read (out of fold when training). */
  nb: DealModel,
): SparseFeatures {
  const f = dealTextFeatures(msg);
  if (!cand) {
    f.set("cand:none", 1);
    return f;
  }
  f.set(`cand:${cand.stage}`, 1);
  f.set(`cand:${cand.stage}:${cand.origin}`, 1);
  const values = dealCueFeatures(msg, cand, nb);
  DEAL_FEATURE_NAMES.forEach((name, i) => {
    const v = values[i] ?? 0;
    // the stage is encoded above; the rest are the calibration's general features
    if (v !== 0 && !name.startsWith("stage=")) f.set(`cf:${name}`, v);
  });
  return f;
}

/** Whether a feature is one of the text features (the text model reads only these). */
export const isTextFeature = (name: string): boolean => !name.startsWith("cand:") && !name.startsWith("cf:");

/** The most probable stage (not "none") and its probability. */
export function topDealStage(model: LinearModel, features: SparseFeatures): { stage: Stage; probability: number } {
  const probs = linearProbabilities(model, features);
  let best = -1;
  for (let c = 0; c < model.classes.length; c++) {
    if (model.classes[c] === "none") continue;
    if (best < 0 || (probs[c] ?? 0) > (probs[best] ?? 0)) best = c;
  }
  return { stage: (model.classes[best] ?? "interest") as Stage, probability: probs[best] ?? 0 };
}

/** The model's probability of one stage (round 11: a standing candidate's, `readDealStage`). */
export function stageProbability(model: LinearModel, features: SparseFeatures, stage: Stage): number {
  return linearProbabilities(model, features)[model.classes.indexOf(stage)] ?? 0;
}

/**
 * The sentence of a message with the most evidence for `stage` against "none" under the model's text
 * weights: the quote of a stage the model proposed without a rules candidate.
 */
export function strongestStageSentence(
  model: LinearModel,
  msg: Pick<DealMessageInput, "text" | "subject" | "direction">,
  stage: Stage,
): string | null {
  const c = model.classes.indexOf(stage);
  const none = model.classes.indexOf("none");
  let best: string | null = null;
  let bestScore = 0;
  for (const sentence of splitAtStops(dealModelText(msg))) {
    if (sentence.trim().length < 3) continue;
    const words = new Map<string, number>();
    for (const w of dealFeatures(sentence, msg.direction)) if (!w.startsWith("DIR_")) words.set(`w:${w}`, 1);
    const logits = linearLogits({ ...model, bias: model.bias.map(() => 0) }, words);
    const score = (logits[c] ?? 0) - (logits[none] ?? 0);
    if (score > bestScore) {
      bestScore = score;
      best = sentence.trim().replace(/[.!?]+$/, "");
    }
  }
  return best;
}
