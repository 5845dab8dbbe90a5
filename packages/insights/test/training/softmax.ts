/**
 * Round 8: the trainer of every learned linear model in this package (src/linearModel.ts): multinomial
 * logistic regression (softmax) with L2, fitted by full-batch gradient descent with Adam steps.
 *
 * Hand-written rather than taken from a library: it is deterministic (no random initialisation or
 * shuffling: every sum runs in row order, so the generated weights file is byte-identical on every run
 * and a test can compare it with a fresh training), the result is plain JSON in source scored by
 * `linearProbabilities` in Convex's V8 runtime (no model download, no dependency), and it is about a
 * hundred lines. Features seen in fewer than `minCount` rows are pruned before training so the weights
 * file stays small and a rare phrasing cannot carry a class.
 */
import type { LinearModel, SparseFeatures, TwoClassWeights } from "../../src/linearModel";
import { softmax } from "../../src/linearModel";

export interface TrainingRow {
  features: SparseFeatures;
  label: string;
  /** Importance of the row in the loss (default 1), e.g. to balance sets of different sizes. */
  weight?: number;
}

export interface SoftmaxOptions {
  /** L2 penalty on the feature weights (not the bias), per unit of total row weight. */
  l2: number;
  /** Full-batch iterations. */
  epochs: number;
  /** A feature must occur (non-zero) in at least this many rows to be kept. */
  minCount: number;
  /** Adam step size (default 0.05). */
  learningRate?: number;
  /** Weights are rounded to this many decimals; features whose weights all round to 0 are dropped (default 4). */
  decimals?: number;
}

/** Feature names kept by `minCount`, sorted so that indices (and so the float sums) never depend on row order of a Map. */
function keptFeatures(rows: readonly TrainingRow[], minCount: number): string[] {
  const seen = new Map<string, number>();
  for (const row of rows)
    for (const [name, value] of row.features) if (value !== 0) seen.set(name, (seen.get(name) ?? 0) + 1);
  return [...seen]
    .filter(([, n]) => n >= minCount)
    .map(([name]) => name)
    .sort();
}

export function trainSoftmax(
  rows: readonly TrainingRow[],
  classes: readonly string[],
  options: SoftmaxOptions,
): LinearModel {
  const { l2, epochs, minCount, learningRate = 0.05, decimals = 4 } = options;
  const C = classes.length;
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const names = keptFeatures(rows, minCount);
  const featureIndex = new Map(names.map((n, i) => [n, i]));
  const data = rows.map((row) => {
    const y = classIndex.get(row.label);
    if (y === undefined) throw new Error(`trainSoftmax: label "${row.label}" is not one of ${classes.join(", ")}`);
    const idx: number[] = [];
    const val: number[] = [];
    for (const [name, value] of row.features) {
      const i = featureIndex.get(name);
      if (i !== undefined && value !== 0) {
        idx.push(i);
        val.push(value);
      }
    }
    return { y, idx, val, weight: row.weight ?? 1 };
  });
  const total = data.reduce((a, r) => a + r.weight, 0);
  if (total <= 0) throw new Error("trainSoftmax: no training weight");

  const F = names.length;
  // parameters: F*C weights then C biases; Adam moments alongside
  const theta = new Float64Array(F * C + C);
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  const grad = new Float64Array(theta.length);
  const logits = new Array<number>(C);
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let t = 1; t <= epochs; t++) {
    grad.fill(0);
    for (const r of data) {
      for (let c = 0; c < C; c++) logits[c] = theta[F * C + c]!;
      for (let k = 0; k < r.idx.length; k++) {
        const base = r.idx[k]! * C;
        for (let c = 0; c < C; c++) logits[c]! += theta[base + c]! * r.val[k]!;
      }
      const p = softmax(logits);
      const s = r.weight / total;
      for (let c = 0; c < C; c++) {
        const d = s * (p[c]! - (c === r.y ? 1 : 0));
        grad[F * C + c]! += d;
        for (let k = 0; k < r.idx.length; k++) grad[r.idx[k]! * C + c]! += d * r.val[k]!;
      }
    }
    for (let i = 0; i < F * C; i++) grad[i]! += l2 * theta[i]!;
    const lr = (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    for (let i = 0; i < theta.length; i++) {
      m[i] = beta1 * m[i]! + (1 - beta1) * grad[i]!;
      v[i] = beta2 * v[i]! + (1 - beta2) * grad[i]! ** 2;
      theta[i]! -= (lr * m[i]!) / (Math.sqrt(v[i]!) + 1e-8);
    }
  }

  const scale = 10 ** decimals;
  const round = (x: number) => Math.round(x * scale) / scale || 0; // `|| 0` turns -0 into 0
  const weights: Record<string, number[]> = {};
  for (const [f, name] of names.entries()) {
    const w = Array.from({ length: C }, (_, c) => round(theta[f * C + c]!));
    if (w.some((x) => x !== 0)) weights[name] = w;
  }
  return { classes: [...classes], bias: Array.from({ length: C }, (_, c) => round(theta[F * C + c]!)), weights };
}

/**
 * The two-class `model` as source writes it (`twoClassModel` rebuilds it): the first class's numbers. Throws when the
 * second class's are not their exact negation, which would make the shipped model differ from the trained one.
 */
export function halveTwoClass(model: LinearModel): TwoClassWeights {
  const [first, second] = model.classes;
  if (model.classes.length !== 2 || first === undefined || second === undefined)
    throw new Error(`halveTwoClass: ${model.classes.length} classes`);
  const opposite = ([a, b]: readonly number[]) => a !== undefined && b !== undefined && a + b === 0;
  if (!opposite(model.bias)) throw new Error("halveTwoClass: the bias is not (b, −b)");
  const weights: Record<string, number> = {};
  for (const [name, w] of Object.entries(model.weights)) {
    if (!opposite(w)) throw new Error(`halveTwoClass: ${name} weighs ${w.join(", ")}, not (w, −w)`);
    weights[name] = w[0]!;
  }
  return { classes: [first, second], bias: model.bias[0]!, weights };
}
