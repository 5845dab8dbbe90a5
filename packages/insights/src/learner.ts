/**
 * Learning from an organisation's corrections (issue 13.3, pure part). Agents confirm or correct
 * extracted facts; the labelled messages adjust the deterministic extractor for that organisation:
 *
 * - sentiment threshold: the neutral band is re-fitted to the organisation's corrections (some teams
 *   write flatly, some effusively), once there are enough of them;
 * - learned phrases: a 2–3 word phrase seen in at least two corrected messages with the same label, in
 *   none with another label, where the rules were wrong in at least half of them, decides that field
 *   when it appears again ("ticket reopened" = negative, "requisition released" = won);
 * - suppressed cues: a deal cue the organisation corrected away at least twice and never confirmed is
 *   ignored.
 *
 * The rules stay in charge everywhere else. A first version trained a naive Bayes model over all tokens
 * with the rule's answer as a feature; on held-out messages it lowered deal-stage F1 (0.94 -> 0.71 after
 * 80 corrections): with tens of examples its posteriors are overconfident. These precise, counted
 * adjustments replaced it. The model is a plain JSON object that a mutation can store per organisation.
 * Hand-written rather than taken from `natural` / wink: those pull in Node-only modules that do not run
 * in Convex's V8 runtime, and the whole learner is a few counting loops.
 */

import { type DealCue, type DealStage, detectDealCue, readDealStage } from "./dealStage";
import { boundText } from "./limits";
import { labelAtBand, type SentimentLabel, type SentimentResult, scoreSentiment } from "./sentiment";
import { messageBody } from "./text";
import type { MessageInput } from "./types";

export type Correction =
  | { field: "sentiment"; msg: Pick<MessageInput, "text">; label: SentimentLabel }
  | { field: "dealStage"; msg: Pick<MessageInput, "text" | "direction" | "subject">; label: DealStage | null };

export interface CorrectionModel {
  version: 2;
  sentiment: {
    examples: number;
    /** Re-fitted neutral band, or null (the default 0.1) below {@link MIN_BAND_EXAMPLES} corrections. */
    band: number | null;
    phrases: Record<string, SentimentLabel>;
  };
  dealStage: {
    examples: number;
    phrases: Record<string, DealStage | "none">;
    /** Cue texts (as the rules report them) the organisation keeps correcting away. */
    suppressed: string[];
  };
}

/** Sentiment corrections needed before the neutral band is re-fitted. */
export const MIN_BAND_EXAMPLES = 15;
/** Corrected messages a phrase must appear in (all with the same label). */
export const MIN_PHRASE_SUPPORT = 2;
const BANDS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4];
const STOP = new Set([
  "the",
  "a",
  "an",
  "to",
  "of",
  "and",
  "or",
  "in",
  "on",
  "at",
  "for",
  "is",
  "are",
  "was",
  "be",
  "it",
  "this",
  "that",
  "i",
  "we",
  "you",
  "me",
  "us",
  "my",
  "our",
  "your",
  "hi",
  "hello",
  "thanks",
  "thank",
  "please",
  "with",
  "from",
  "by",
]);

/** Lowercased words of the body (quotes and signature removed), apostrophes normalised. */
export function featureWords(text: string): string[] {
  return (
    boundText(messageBody(text) || text)
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[\p{L}\p{N}']+|\p{Extended_Pictographic}/gu) ?? []
  ).slice(0, 2000);
}

/** Distinct 2- and 3-word phrases with at least one content word. */
export function phrasesOf(text: string): Set<string> {
  const w = featureWords(text);
  const out = new Set<string>();
  for (let i = 0; i < w.length; i++) {
    for (const n of [2, 3]) {
      const gram = w.slice(i, i + n);
      if (gram.length === n && gram.some((x) => !STOP.has(x))) out.add(gram.join(" "));
    }
  }
  return out;
}

interface Tally<L extends string> {
  labels: Map<string, Map<L, number>>;
  ruleWrong: Map<string, number>;
}

function tally<L extends string>(t: Tally<L>, text: string, label: L, ruleWrong: boolean): void {
  for (const p of phrasesOf(text)) {
    const m = t.labels.get(p) ?? new Map<L, number>();
    m.set(label, (m.get(label) ?? 0) + 1);
    t.labels.set(p, m);
    if (ruleWrong) t.ruleWrong.set(p, (t.ruleWrong.get(p) ?? 0) + 1);
  }
}

function learnedPhrases<L extends string>(t: Tally<L>): Record<string, L> {
  const out: Record<string, L> = {};
  for (const [p, m] of t.labels) {
    if (m.size !== 1) continue;
    const [label, count] = [...m.entries()][0]!;
    // only where the rules are systematically wrong: in at least half of the phrase's corrections
    if (count >= MIN_PHRASE_SUPPORT && (t.ruleWrong.get(p) ?? 0) * 2 >= count) out[p] = label;
  }
  return out;
}

/** Builds the organisation's model from its corrections (confirmations count too). */
export function learnFromCorrections(examples: Correction[]): CorrectionModel {
  const sTally: Tally<SentimentLabel> = { labels: new Map(), ruleWrong: new Map() };
  const dTally: Tally<DealStage | "none"> = { labels: new Map(), ruleWrong: new Map() };
  const scored: Array<[SentimentResult, SentimentLabel]> = [];
  const cueVotes = new Map<string, { wrong: number; right: number }>();
  let sN = 0;
  let dN = 0;
  for (const ex of examples) {
    if (ex.field === "sentiment") {
      sN++;
      const r = scoreSentiment(ex.msg.text);
      scored.push([r, ex.label]);
      tally(sTally, ex.msg.text, ex.label, r.label !== ex.label);
    } else {
      dN++;
      const cue = detectDealCue(ex.msg);
      const label = ex.label ?? "none";
      tally(
        dTally,
        `${ex.msg.subject ?? ""}
${ex.msg.text}`,
        label,
        (cue?.stage ?? "none") !== label,
      );
      if (cue) {
        const v = cueVotes.get(cue.cue) ?? { wrong: 0, right: 0 };
        if (cue.stage === ex.label) v.right++;
        else v.wrong++;
        cueVotes.set(cue.cue, v);
      }
    }
  }
  let band: number | null = null;
  if (scored.length >= MIN_BAND_EXAMPLES) {
    const acc = (b: number) => scored.filter(([r, l]) => labelAtBand(r, b) === l).length;
    // the best band; ties keep the one nearest the default 0.1
    band = [...BANDS].sort((a, b) => acc(b) - acc(a) || Math.abs(a - 0.1) - Math.abs(b - 0.1))[0]!;
  }
  return {
    version: 2,
    sentiment: { examples: sN, band, phrases: learnedPhrases(sTally) },
    dealStage: {
      examples: dN,
      phrases: learnedPhrases(dTally),
      suppressed: [...cueVotes].filter(([, v]) => v.wrong >= MIN_PHRASE_SUPPORT && v.right === 0).map(([c]) => c),
    },
  };
}

/** The label all learned phrases in `text` agree on, or null (none found, or they disagree). */
function phraseVote<L extends string>(phrases: Record<string, L>, text: string): L | null {
  let vote: L | null = null;
  for (const p of phrasesOf(text)) {
    const l = phrases[p];
    if (l === undefined) continue;
    if (vote !== null && vote !== l) return null;
    vote = l;
  }
  return vote;
}

/** Sentiment label with the organisation's model applied. */
export function correctedSentiment(text: string, model: CorrectionModel | null): SentimentLabel {
  const rule = scoreSentiment(text, model?.sentiment.band != null ? { neutralBand: model.sentiment.band } : {}).label;
  if (!model) return rule;
  return phraseVote(model.sentiment.phrases, text) ?? rule;
}

/** Deal cue with the organisation's model applied: learned phrases add or change a stage, suppressed cues are dropped. */
export function correctedDealCue(
  msg: Pick<MessageInput, "text" | "direction" | "subject"> & { id?: string },
  model: CorrectionModel | null,
): DealCue | null {
  const rule = detectDealCue(msg);
  if (!model) return rule;
  const kept = rule && model.dealStage.suppressed.includes(rule.cue) ? null : rule;
  const vote = phraseVote(
    model.dealStage.phrases,
    `${msg.subject ?? ""}
${msg.text}`,
  );
  if (vote === null || vote === (kept?.stage ?? "none")) return kept;
  if (vote === "none") return null;
  // a stage the learned model's threshold held back (round 8; the calibrated candidate in round 6),
  // confirmed by the organisation's own phrase, keeps its quote and span (the fact stays traced to its text)
  const held = kept ? null : readDealStage(msg).cue;
  if (held && held.stage === vote) return { ...held, confidence: Math.max(held.confidence, 0.85) };
  return {
    stage: vote,
    confidence: 0.85,
    cue: "learned from corrections",
    reopen: rule?.reopen ?? false,
    sourceMessageId: msg.id,
    span: null,
  };
}
