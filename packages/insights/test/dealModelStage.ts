/**
 * Round 8: training data and out-of-author evaluation of the learned deal-stage model
 * (src/dealStageModel.ts). Every deal-labelled set (test/training/labelledSets.ts) trains it; each
 * independent author's set (blind2–8, train*) is scored by a model trained without it. Shared by
 * test/dealModelStage.test.ts (which retrains the committed model and prints the curves).
 */
import type { DealCandidateInput } from "../src/dealConfidence";
import { DEAL_CLASSES, type DealModel } from "../src/dealModel";
import { DEAL_MODEL } from "../src/dealModelData";
import {
  candidateStands,
  type DealStage,
  decidedBeforeModels,
  detectDealCandidate,
  fullStageStands,
  modelStageBlock,
  NO_QUOTE,
  wordsStageStands,
} from "../src/dealStage";
import { dealStageFeatures, isTextFeature, strongestStageSentence, topDealStage } from "../src/dealStageModel";
import type { LinearModel, SparseFeatures } from "../src/linearModel";
import { messageBody } from "../src/text";
import { outOfFoldNaiveBayes } from "./dealCalibration";
import { CANONICAL_WORDINGS, type CanonicalWording } from "./dealCanonical";
import type { LabelledMessage } from "./fixtures/corpus";
import { type LabelledSet, leaveOneSetOut, loadLabelledSets, setsLabelling } from "./training/labelledSets";
import { trainSoftmax } from "./training/softmax";

/** Never trained on: round 6's holdout B stays a set nothing was fitted to (printed by the test). */
export const NOT_TRAINED = new Set(["tuning6-deal-holdout-b"]);

/** One labelled message as the stage model reads it. */
interface StageRow {
  set: string;
  msg: LabelledMessage["msg"];
  id: string;
  features: SparseFeatures;
  label: string;
  /** The rules' candidate stage (null without one), for the before/after comparison. */
  candidate: DealStage | null;
  /** Round 11: the candidate stands on its own (`DealCue.stands`). */
  stands: boolean;
}

export interface StageData {
  sets: LabelledSet[];
  rows: Map<string, StageRow[]>;
}

/** Features of every message of every deal-labelled set, the naive Bayes read out of fold. */
export async function buildStageData(): Promise<StageData> {
  const sets = setsLabelling(await loadLabelledSets(), "dealStage");
  const nbFor = outOfFoldNaiveBayes();
  const rows = new Map<string, StageRow[]>();
  for (const set of sets)
    rows.set(
      set.name,
      set.messages.map((l: LabelledMessage) => stageRow(set.name, l.msg, l.expect.dealStage ?? "none", nbFor(l))),
    );
  return { sets, rows };
}

/** One message's row: the rules' candidate read with the naive Bayes `nb`, and the stage model's features. */
function stageRow(set: string, msg: LabelledMessage["msg"], label: string, nb: DealModel = DEAL_MODEL): StageRow {
  const cand = detectDealCandidate(msg, nb);
  const input: DealCandidateInput | null = cand ? { ...cand, origin: cand.origin ?? "list" } : null;
  return {
    set,
    msg,
    id: msg.id,
    features: dealStageFeatures(msg, input, nb),
    label,
    candidate: cand?.stage ?? null,
    stands: cand?.stands === true,
  };
}

/** Training options (fixed: the committed models must be reproducible). */
const STAGE_TRAINING = { l2: 0.003, epochs: 150, minCount: 8, decimals: 3 } as const;

/**
 * Weight of the rules author's sets, relative to an independent set of the same total weight, in the
 * words-only model. Those sets are the rules' fit data, written in one voice; at full weight the words-only
 * model learns that voice. Leaving one independent set out (README.md, round 8), pooled over the seven
 * independent sets: the candidate-reading model alone gave P 0.890 / R 0.613 at 0.6; with this words-only
 * model at 0.1 the pair gives P 0.925 / R 0.714. The candidate-reading model keeps them at full weight: at 0.1
 * or 0.5 it broke up to thirteen fit-set assertions (its threshold was then picked higher and the words-only
 * model decided more).
 */
const RULES_WEIGHT_WORDS = 0.1;

/**
 * Trains on the rows of `sets`, each set weighing the same in total (in the words-only model the rules author's sets
 * {@link RULES_WEIGHT_WORDS} of that), so the large fit sets do not drown the independent authors' voices. `words` keeps only the text
 * features (the words-only model).
 */
function trainOn(data: StageData, sets: readonly LabelledSet[], words: boolean): LinearModel {
  const training = sets.filter((s) => !NOT_TRAINED.has(s.name));
  const rows = training.flatMap((s) => data.rows.get(s.name) ?? []);
  const mean = rows.length / Math.max(1, training.length);
  const weighted = training.flatMap((s) => {
    const own = data.rows.get(s.name) ?? [];
    const w = (mean / Math.max(1, own.length)) * (s.author === "rules" && words ? RULES_WEIGHT_WORDS : 1);
    return own.map((r) => ({
      features: words ? new Map([...r.features].filter(([name]) => isTextFeature(name))) : r.features,
      label: r.label,
      weight: w,
    }));
  });
  return trainSoftmax(weighted, DEAL_CLASSES, STAGE_TRAINING);
}

/** The two stage models: words and the rules' candidate (`model`), words only (`text`). */
export function trainStageModels(
  data: StageData,
  sets: readonly LabelledSet[],
): { model: LinearModel; text: LinearModel } {
  return { model: trainOn(data, sets, false), text: trainOn(data, sets, true) };
}

export interface StagePoint {
  threshold: number;
  textThreshold: number;
  /** The words-only probability at which its stage overrides the soft scope guards (above 1: never). */
  guardYield: number;
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

/** A held-out row with each model's top stage and whether that stage may stand (`readDealStage`'s guards). */
export interface ScoredRow {
  row: StageRow;
  full: { stage: DealStage; probability: number; block: string | null };
  words: { stage: DealStage; probability: number; block: string | null };
  /**
   * Round 44: the stage `readDealStage` gives before any model reads the message, whatever the thresholds (a form of
   * another language, or none for a bill or a notice to every customer); absent where the models decide.
   */
  fixed?: DealStage | null;
}

/** The stage emitted at the thresholds, by `readDealStage`'s own rules (null: none). */
function decide(s: ScoredRow, threshold: number, textThreshold: number, guardYield: number): string | null {
  if (s.fixed !== undefined) return s.fixed;
  const overrules = s.row.candidate !== null && s.row.candidate !== s.full.stage;
  const cand = s.row.candidate === null ? null : { stage: s.row.candidate, stands: s.row.stands };
  if (cand && candidateStands(cand, s.full, threshold)) return cand.stage;
  if (fullStageStands(s.full.probability, overrules, threshold)) return s.full.stage;
  return wordsStageStands(s.words.probability, s.words.block, textThreshold, guardYield) ? s.words.stage : null;
}

/**
 * A model's top stage for a row, and the guard that blocks it in `readDealStage` (null: none): never for the
 * candidate-reading model; for the words-only model unless it is the candidate's stage.
 */
function topOf(model: LinearModel, row: StageRow, guarded: boolean): ScoredRow["words"] {
  const top = topDealStage(model, row.features);
  if (!guarded || row.candidate === top.stage || top.probability < 0.25) return { ...top, block: null };
  const quote = strongestStageSentence(model, row.msg, top.stage);
  return { ...top, block: quote === null ? NO_QUOTE : modelStageBlock(row.msg, top.stage, quote, false) };
}

/**
 * Round 21: the canonical wordings (test/dealCanonical.ts) read by the models `trained` (those that would ship), as
 * `readDealStage` reads a message: the rules' candidate with the shipped naive Bayes, both models' top stages.
 */
export function scoreCanonical(trained: { model: LinearModel; text: LinearModel }): Array<{
  wording: CanonicalWording;
  scored: ScoredRow;
}> {
  return CANONICAL_WORDINGS.map((wording, i) => {
    const msg: LabelledMessage["msg"] = {
      id: `canonical-${i}`,
      channel: "email",
      direction: wording.direction,
      text: wording.text,
      sentAt: Date.UTC(2026, 2, 3, 15),
    };
    const row = stageRow("canonical", msg, wording.stage ?? "none");
    return { wording, scored: { row, full: topOf(trained.model, row, false), words: topOf(trained.text, row, true) } };
  });
}

/** The canonical wordings a triple of thresholds reads wrong (none: the guard holds at it). */
export function canonicalMisses(
  canonical: ReturnType<typeof scoreCanonical>,
  [threshold, textThreshold, guardYield]: readonly [number, number, number],
): CanonicalWording[] {
  return canonical
    .filter(({ wording, scored }) => decide(scored, threshold, textThreshold, guardYield) !== wording.stage)
    .map(({ wording }) => wording);
}

/** Precision/recall over scored rows at each pair of thresholds. */
export function stageCurve(
  scored: readonly ScoredRow[],
  pairs: ReadonlyArray<readonly [number, number] | readonly [number, number, number]>,
): StagePoint[] {
  const labelled = scored.filter((s) => s.row.label !== "none").length;
  return pairs.map(([threshold, textThreshold, guardYield = 2]) => {
    let tp = 0;
    let fp = 0;
    for (const s of scored) {
      const got = decide(s, threshold, textThreshold, guardYield);
      if (got === null) continue;
      if (got === s.row.label) tp++;
      else fp++;
    }
    return {
      threshold,
      textThreshold,
      guardYield,
      tp,
      fp,
      fn: labelled - tp,
      precision: tp + fp ? tp / (tp + fp) : 1,
      recall: labelled ? tp / labelled : 1,
    };
  });
}

/** Each independent set scored by models trained without it. */
export function outOfAuthor(data: StageData): Map<string, ScoredRow[]> {
  const out = new Map<string, ScoredRow[]>();
  for (const { set, score } of leaveOneSetOut(
    data.sets,
    (training) => trainStageModels(data, training),
    ({ model, text }, heldOut) =>
      (data.rows.get(heldOut.name) ?? []).map((row) => ({
        row,
        full: topOf(model, row, false),
        words: topOf(text, row, true),
      })),
  ))
    out.set(set, score);
  return out;
}

/**
 * Round 44: the independent sets that label deal stages but never train the stage models (blind27 on: they train the
 * promise reader only, test/training/labelledSets.ts), each read by the models `trained` on every deal-labelled set. They
 * are read sets (their misses shaped the rules), so they judge a threshold triple beside the out-of-author rows, never
 * in place of the unread blind sets.
 */
export async function readableRows(trained: {
  model: LinearModel;
  text: LinearModel;
}): Promise<Map<string, ScoredRow[]>> {
  const out = new Map<string, ScoredRow[]>();
  for (const set of await loadLabelledSets()) {
    if (set.author !== "independent" || set.labels.includes("dealStage")) continue;
    const labelled = set.messages.filter((l) => l.expect.dealStage !== undefined);
    if (labelled.length === 0) continue;
    out.set(
      set.name,
      labelled.map((l) => {
        const row = stageRow(set.name, l.msg, l.expect.dealStage ?? "none");
        return {
          row,
          full: topOf(trained.model, row, false),
          words: topOf(trained.text, row, true),
          ...fixedStage(l.msg),
        };
      }),
    );
  }
  return out;
}

/** What `readDealStage` decides before its models read `msg` (see {@link ScoredRow.fixed}); nothing where they read it. */
function fixedStage(msg: LabelledMessage["msg"]): { fixed?: DealStage | null } {
  const decided = decidedBeforeModels(messageBody(msg.text), msg.direction);
  if (decided === null) return {};
  return { fixed: decided === "no deal" ? null : decided.stage };
}
