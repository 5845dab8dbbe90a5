import { describe, expect, it } from "vitest";
import { linearProbabilities, type SparseFeatures, twoClassModel } from "../../src/linearModel";
import { halveTwoClass, type TrainingRow, trainSoftmax } from "./softmax";

const f = (...names: string[]): SparseFeatures => new Map(names.map((n) => [n, 1]));
const argmax = (p: number[]) => p.indexOf(Math.max(...p));
const CLASSES = ["neg", "neu", "pos"] as const;

/** Three classes told apart by one cue word each, with a shared noise word and one rare word. */
const ROWS: TrainingRow[] = [];
for (let i = 0; i < 20; i++) {
  ROWS.push({ features: f("bad", i % 2 ? "the" : "a"), label: "neg" });
  ROWS.push({ features: f("ok", i % 3 ? "the" : "a"), label: "neu" });
  ROWS.push({ features: f("good", "the"), label: "pos" });
}
ROWS.push({ features: f("rare", "good"), label: "neg" });

const OPTIONS = { l2: 0.001, epochs: 300, minCount: 2 };

describe("trainSoftmax", () => {
  it("learns the class of each cue word", () => {
    const model = trainSoftmax(ROWS, CLASSES, OPTIONS);
    expect(model.classes).toEqual(CLASSES);
    for (const [word, label] of [
      ["bad", "neg"],
      ["ok", "neu"],
      ["good", "pos"],
    ] as const)
      expect(model.classes[argmax(linearProbabilities(model, f(word, "the")))]).toBe(label);
    expect(model.weights.good![2]).toBeGreaterThan(model.weights.good![0]!);
  });

  it("is deterministic: the same rows give the same weights", () => {
    expect(trainSoftmax(ROWS, CLASSES, OPTIONS)).toEqual(trainSoftmax(ROWS, CLASSES, OPTIONS));
  });

  it("prunes features seen in fewer than minCount rows", () => {
    expect(trainSoftmax(ROWS, CLASSES, OPTIONS).weights.rare).toBeUndefined();
    expect(trainSoftmax(ROWS, CLASSES, { ...OPTIONS, minCount: 1 }).weights.rare).toBeDefined();
  });

  it("shrinks weights as L2 grows", () => {
    const norm = (l2: number) =>
      Object.values(trainSoftmax(ROWS, CLASSES, { ...OPTIONS, l2 }).weights)
        .flat()
        .reduce((a, w) => a + w * w, 0);
    expect(norm(0.1)).toBeLessThan(norm(0.001) / 4);
  });

  it("weights rows: a heavy row outvotes a light one with the same features", () => {
    const rows: TrainingRow[] = [
      { features: f("x"), label: "pos", weight: 5 },
      { features: f("x"), label: "neg", weight: 1 },
    ];
    const model = trainSoftmax(rows, CLASSES, { ...OPTIONS, minCount: 1 });
    expect(argmax(linearProbabilities(model, f("x")))).toBe(2);
  });

  it("refuses a label outside the classes", () => {
    expect(() => trainSoftmax([{ features: f("x"), label: "angry" }], CLASSES, OPTIONS)).toThrow(/angry/);
  });

  it("halves a two-class model trained from zero, and twoClassModel rebuilds exactly what was trained", () => {
    const rows: TrainingRow[] = [
      { features: f("x"), label: "yes" },
      { features: f("y"), label: "no" },
      { features: f("x", "y"), label: "yes" },
    ];
    const model = trainSoftmax(rows, ["no", "yes"], { ...OPTIONS, minCount: 1 });
    const half = halveTwoClass(model);
    expect(half.classes).toEqual(["no", "yes"]);
    expect(half.weights.x).toBeLessThan(0);
    expect(twoClassModel(half)).toEqual(model);
  });

  it("refuses to halve a model whose classes' numbers are not opposite", () => {
    expect(() => halveTwoClass({ classes: ["a", "b"], bias: [0, 0], weights: { x: [0.5, -0.4] } })).toThrow(/x weighs/);
    expect(() => halveTwoClass({ classes: ["a", "b", "c"], bias: [0, 0, 0], weights: {} })).toThrow(/3 classes/);
  });
});
