import { describe, expect, it } from "vitest";
import { type LinearModel, linearLogits, linearProbabilities, softmax, twoClassModel } from "./linearModel";

const model: LinearModel = {
  classes: ["a", "b", "c"],
  bias: [0.5, 0, -0.5],
  weights: { x: [1, -1, 0], y: [0, 2, 1] },
};

describe("linear model", () => {
  it("adds the bias and each known feature's weights times its value", () => {
    expect(linearLogits(model, new Map([["x", 2]]))).toEqual([2.5, -2, -0.5]);
    expect(
      linearLogits(
        model,
        new Map([
          ["x", 1],
          ["y", 0.5],
        ]),
      ),
    ).toEqual([1.5, 0, 0]);
  });

  it("ignores features the model does not know, including inherited object keys", () => {
    expect(
      linearLogits(
        model,
        new Map([
          ["unknown", 5],
          ["constructor", 1],
          ["toString", 1],
        ]),
      ),
    ).toEqual([0.5, 0, -0.5]);
  });

  it("gives probabilities that sum to one, ordered like the logits", () => {
    // logits [1.5, 1, 0.5]
    const p = linearProbabilities(
      model,
      new Map([
        ["x", 1],
        ["y", 1],
      ]),
    );
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(p[1]!);
    expect(p[1]).toBeGreaterThan(p[2]!);
    expect(p[0]! / p[1]!).toBeCloseTo(Math.exp(0.5), 9);
  });

  it("does not overflow on large logits", () => {
    const p = softmax([1000, 999, -1000]);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[0]! / p[1]!).toBeCloseTo(Math.E, 9);
  });

  it("rebuilds a two-class model from its first class's numbers", () => {
    const model = twoClassModel({ classes: ["other", "promise"], bias: 0.25, weights: { x: 0.5, y: -1 } });
    expect(model).toEqual({
      classes: ["other", "promise"],
      bias: [0.25, -0.25],
      weights: { x: [0.5, -0.5], y: [-1, 1] },
    });
    expect(linearLogits(model, new Map([["x", 1]]))).toEqual([0.75, -0.75]);
    expect(Object.is(twoClassModel({ classes: ["a", "b"], bias: 0, weights: {} }).bias[1], 0)).toBe(true);
  });
});
