/**
 * Round 8: training data and out-of-author evaluation of the learned deal-stage model
 * (src/dealStageModel.ts). Every deal-labelled set (test/training/labelledSets.ts) trains it; each
 * independent author's set (blind2–6, train*) is scored by a model trained without it. Shared by
 * test/dealModelStage.test.ts (which retrains the committed model and prints the curves).
 */
import type { DealCandidateInput } from "../src/dealConfidence";
import { DEAL_CLASSES } from "../src/dealModel";
import { DEAL_MODEL } from "../src/dealModelData";
import { detectDealCandidate } from "../src/dealStage";
import { dealStageFeatures, topDealStage } from "../src/dealStageModel";
import type { LinearModel, SparseFeatures } from "../src/linearModel";
import { outOfFoldNaiveBayes } from "./dealCalibration";
import type { LabelledMessage } from "./fixtures/corpus";
import { type LabelledSet, leaveOneSetOut, loadLabelledSets, setsLabelling } from "./training/labelledSets";
import { trainSoftmax } from "./training/softmax";

/** Never trained on: round 6's holdout B stays a set nothing was fitted to (printed by the test). */
export const NOT_TRAINED = new Set(["tuning6-deal-holdout-b"]);

/** One labelled message as the stage model reads it. */
export interface StageRow {
  set: string;
  id: string;
  features: SparseFeatures;
  label: string;
  /** The rules' candidate stage (null without one), for the before/after comparison. */
  candidate: string | null;
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
      set.messages.map((l: LabelledMessage) => {
        const nb = nbFor(l);
        const cand = detectDealCandidate(l.msg, nb);
        const input: DealCandidateInput | null = cand ? { ...cand, origin: cand.origin ?? "list" } : null;
        return {
          set: set.name,
          id: l.msg.id,
          features: dealStageFeatures(l.msg, input, nb ?? DEAL_MODEL),
          label: l.expect.dealStage ?? "none",
          candidate: cand?.stage ?? null,
        };
      }),
    );
  return { sets, rows };
}

/** Training options (fixed: the committed model must be reproducible). */
const STAGE_TRAINING = { l2: 0.003, epochs: 150, minCount: 5 } as const;

/**
 * Trains on the rows of `sets`, each set weighing the same in total (capped at its size), so the large fit
 * sets of the rules' author do not drown the independent authors' voices.
 */
export function trainStageModel(
  data: StageData,
  sets: readonly LabelledSet[],
  options: { l2: number; epochs: number; minCount: number } = STAGE_TRAINING,
): LinearModel {
  const training = sets.filter((s) => !NOT_TRAINED.has(s.name));
  const rows = training.flatMap((s) => data.rows.get(s.name) ?? []);
  const mean = rows.length / Math.max(1, training.length);
  const weighted = training.flatMap((s) => {
    const own = data.rows.get(s.name) ?? [];
    const w = mean / Math.max(1, own.length);
    return own.map((r) => ({ features: r.features, label: r.label, weight: w }));
  });
  return trainSoftmax(weighted, DEAL_CLASSES, options);
}

export interface StagePoint {
  threshold: number;
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Precision/recall of the top stage per threshold over `rows` with their out-of-set probabilities. */
export function stageCurve(
  scored: Array<{ row: StageRow; stage: string; probability: number }>,
  thresholds: readonly number[],
): StagePoint[] {
  const labelled = scored.filter((s) => s.row.label !== "none").length;
  return thresholds.map((threshold) => {
    let tp = 0;
    let fp = 0;
    for (const s of scored) {
      if (s.probability < threshold) continue;
      if (s.stage === s.row.label) tp++;
      else fp++;
    }
    return {
      threshold,
      tp,
      fp,
      fn: labelled - tp,
      precision: tp + fp ? tp / (tp + fp) : 1,
      recall: labelled ? tp / labelled : 1,
    };
  });
}

/** Each independent set scored by a model trained without it: its rows with the top stage and probability. */
export function outOfAuthor(
  data: StageData,
  options: { l2: number; epochs: number; minCount: number } = STAGE_TRAINING,
): Map<string, Array<{ row: StageRow; stage: string; probability: number }>> {
  const out = new Map<string, Array<{ row: StageRow; stage: string; probability: number }>>();
  for (const { set, score } of leaveOneSetOut(
    data.sets,
    (training) => trainStageModel(data, training, options),
    (model, heldOut) =>
      (data.rows.get(heldOut.name) ?? []).map((row) => ({ row, ...topDealStage(model, row.features) })),
  ))
    out.set(set, score);
  return out;
}
