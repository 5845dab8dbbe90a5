/**
 * Round 8: training data and out-of-author evaluation of the learned sentiment model. Every message of
 * every set that labels sentiment is one row (test/training/labelledSets.ts); its features are read once.
 */
import type { LinearModel, SparseFeatures } from "../../src/linearModel";
import { linearProbabilities } from "../../src/linearModel";
import type { SentimentLabel } from "../../src/sentiment";
import { type SentimentFeatureGroup, sentimentFeatures } from "../../src/sentimentFeatures";
import { ruleSignals } from "../../src/sentimentRules";
import type { LabelledMessage } from "../fixtures/corpus";
import { type LabelledSet, leaveOneSetOut, setsLabelling } from "./labelledSets";
import { type SoftmaxOptions, type TrainingRow, trainSoftmax } from "./softmax";

export const SENTIMENT_CLASSES: readonly SentimentLabel[] = ["negative", "neutral", "positive"];
const LABEL: Record<-1 | 0 | 1, SentimentLabel> = { [-1]: "negative", 0: "neutral", 1: "positive" };

export const labelOf = (m: LabelledMessage): SentimentLabel => LABEL[m.expect.sentiment];

interface Cached {
  rule: SentimentLabel;
  features: Map<SentimentFeatureGroup | "all", SparseFeatures>;
}
const cache = new WeakMap<LabelledMessage, Cached>();

function read(m: LabelledMessage): Cached {
  let c = cache.get(m);
  if (!c) {
    const s = ruleSignals(m.msg.text);
    c = {
      rule: s.score >= 0.1 ? "positive" : s.score <= -0.1 ? "negative" : "neutral",
      features: new Map([
        ["rules", sentimentFeatures(s, m.msg.text, ["rules"])],
        ["words", sentimentFeatures(s, m.msg.text, ["words"])],
        ["all", sentimentFeatures(s, m.msg.text)],
      ]),
    };
    cache.set(m, c);
  }
  return c;
}

export type FeatureChoice = SentimentFeatureGroup | "all";

/** The rule scorer's label (rounds 1–7) of a labelled message. */
export const ruleLabel = (m: LabelledMessage): SentimentLabel => read(m).rule;

export function sentimentRows(sets: readonly LabelledSet[], choice: FeatureChoice): TrainingRow[] {
  return setsLabelling(sets, "sentiment").flatMap((s) =>
    s.messages.map((m) => ({ features: read(m).features.get(choice)!, label: labelOf(m) })),
  );
}

export interface SentimentConfig extends SoftmaxOptions {
  features: FeatureChoice;
}

export const trainSentiment = (sets: readonly LabelledSet[], config: SentimentConfig): LinearModel =>
  trainSoftmax(sentimentRows(sets, config.features), SENTIMENT_CLASSES, config);

/** The model's label: the most probable class. */
export function modelLabel(model: LinearModel, m: LabelledMessage, choice: FeatureChoice): SentimentLabel {
  const p = linearProbabilities(model, read(m).features.get(choice)!);
  return model.classes[p.indexOf(Math.max(...p))] as SentimentLabel;
}

export const accuracy = (messages: readonly LabelledMessage[], label: (m: LabelledMessage) => SentimentLabel) =>
  messages.filter((m) => label(m) === labelOf(m)).length / messages.length;

/** Accuracy on each independent set of a model trained without it (and of the rules, for comparison). */
export function sentimentOutOfSet(
  sets: readonly LabelledSet[],
  config: SentimentConfig,
): Array<{ set: string; rules: number; model: number }> {
  return leaveOneSetOut(
    setsLabelling(sets, "sentiment"),
    (training) => trainSentiment(training, config),
    (model, held) => ({
      rules: accuracy(held.messages, ruleLabel),
      model: accuracy(held.messages, (m) => modelLabel(model, m, config.features)),
    }),
  ).map(({ set, score }) => ({ set, ...score }));
}
