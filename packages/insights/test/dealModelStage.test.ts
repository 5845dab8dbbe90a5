/**
 * Round 8: the learned deal-stage model (src/dealStageModelData.ts) is trained on every deal-labelled set
 * and committed; this test retrains it and fails when the committed data differs, picks its threshold by
 * leaving one independent author's set out at a time, and prints that out-of-author curve beside the one
 * of round 7's method (the rules' candidate and its calibrated confidence, also left out per set).
 * Regenerate with `pnpm --filter @switchboard/insights train:deal-stage`.
 */
import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEAL_STAGE_MODEL } from "../src/dealStageModelData";
import { buildDevData, leaveOneSetOut as calibrationLoso, curve } from "./dealCalibration";
import {
  buildStageData,
  NOT_TRAINED,
  outOfAuthor,
  type StageData,
  type StagePoint,
  stageCurve,
  trainStageModels,
} from "./dealModelStage";

/**
 * Thresholds tried: the candidate-reading model's (0.5–0.9) by the words-only model's (0.25–0.6) by the
 * words-only probability that overrides the soft scope guards (round 10; 2 = never, the round-9 behaviour).
 * Round 14 tried a 0.05 grid (720 triples): judged leaving one author out twice (below), it was no better than
 * this 0.1 grid under any rule (with train12: 13 of 17 authors on target against 15), a finer pick fitting noise.
 */
const PAIRS: Array<[number, number, number]> = [0.5, 0.6, 0.7, 0.8, 0.9].flatMap((t) =>
  [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6].flatMap((w) =>
    [0.5, 0.6, 0.7, 0.8, 0.9, 2].map((g): [number, number, number] => [t, w, g]),
  ),
);
/**
 * Out-of-author precision the pool must reach: the target (0.90) plus about one standard error. Rounds 8–13 picked
 * the most pooled recall at this precision; round 14 keeps it as a floor under the per-author rule below.
 */
const PRECISION_GOAL = 0.92;
/** Issue 13's targets, which each new author is judged on alone. */
const TARGET_PRECISION = 0.9;
const TARGET_RECALL = 0.75;

const fmt = (p: Omit<StagePoint, "textThreshold" | "guardYield"> & { textThreshold?: number; guardYield?: number }) =>
  `t=${p.threshold.toFixed(2)}${p.textThreshold === undefined ? "" : `/${p.textThreshold.toFixed(2)}`}${p.guardYield === undefined ? "" : `/g${p.guardYield.toFixed(2)}`} P=${p.precision.toFixed(3)} R=${p.recall.toFixed(3)} (tp=${p.tp} fp=${p.fp} fn=${p.fn})`;

let data: StageData;
let scored: ReturnType<typeof outOfAuthor>;
beforeAll(async () => {
  data = await buildStageData();
  scored = outOfAuthor(data);
}, 600_000);

const pooled = (names?: readonly string[]) =>
  [...scored].filter(([set]) => !names || names.includes(set)).flatMap(([, rows]) => rows);

/** A triple with the pool's figures and the worst independent author's margin to the targets. */
type AuthorPoint = StagePoint & { margin: number; onTarget: number };

/**
 * Each triple of `pairs` over the pool, with the worst author's margin: the smaller of its precision's distance to
 * {@link TARGET_PRECISION} and its recall's to {@link TARGET_RECALL}, each author read by models trained without it.
 */
function authorCurves(pairs: ReadonlyArray<[number, number, number]>): AuthorPoint[] {
  const perSet = [...scored.values()].map((rows) => stageCurve(rows, pairs));
  return stageCurve(pooled(), pairs).map((p, i) => {
    const at = perSet.map((curve) => curve[i]!);
    return {
      ...p,
      margin: Math.min(...at.map((a) => Math.min(a.precision - TARGET_PRECISION, a.recall - TARGET_RECALL))),
      onTarget: at.filter((a) => a.precision >= TARGET_PRECISION && a.recall >= TARGET_RECALL).length,
    };
  });
}

/** Ties: the higher thresholds (fewer stages emitted on the same recall). */
const byRecall = (a: StagePoint, b: StagePoint) =>
  b.recall - a.recall || b.threshold - a.threshold || b.textThreshold - a.textThreshold || b.guardYield - a.guardYield;

/**
 * Round 14: the triple whose WORST independent author comes closest to both targets (the largest
 * {@link AuthorPoint.margin}), among those whose pooled precision reaches {@link PRECISION_GOAL}; ties: the most pooled
 * recall. Rounds 8–13 picked the most pooled recall at pooled precision 0.92, which left three or four authors under
 * P 0.90 (blind6, train7a, train11, train12). Each rule was judged leaving one author out twice: every author scored
 * at the triple the rule picks on the other authors' out-of-author rows (README.md, "Round 14 — deal stage"). With
 * the round-14 readers, 17 authors: this rule P 0.941 / R 0.814 and 15 of 17 authors at both targets, the pooled rule
 * P 0.919 / R 0.837 and 13 of 17; worst author's precision >= 0.90 (0.1 grid) 8 of 17, (0.05 grid) 11 of 17.
 */
function pickThresholds(points: AuthorPoint[]): AuthorPoint {
  const ok = points.filter((p) => p.precision >= PRECISION_GOAL);
  const best = ok.sort((a, b) => b.margin - a.margin || byRecall(a, b))[0];
  if (!best) throw new Error(`no threshold triple reaches precision ${PRECISION_GOAL} out of author`);
  return best;
}

/** Rounds 8–13's rule, printed for comparison: the most recall at pooled precision {@link PRECISION_GOAL}. */
function pickPooled(points: AuthorPoint[]): AuthorPoint | undefined {
  return points.filter((p) => p.precision >= PRECISION_GOAL).sort(byRecall)[0];
}

describe("learned deal-stage model", () => {
  it("is the pair of models trained on every deal-labelled set, its thresholds picked out of author", () => {
    const { threshold, textThreshold, guardYield } = pickThresholds(authorCurves(PAIRS));
    const model = { ...trainStageModels(data, data.sets), threshold, textThreshold, guardYield, askBelow: 0.3 };
    if (process.env.UPDATE_DEAL_STAGE_MODEL === "1") {
      const rows = [...data.rows.values()].reduce((a, r) => a + r.length, 0);
      writeFileSync(
        new URL("../src/dealStageModelData.ts", import.meta.url),
        `// Generated by test/dealModelStage.test.ts (pnpm --filter @switchboard/insights train:deal-stage) from ${rows} labelled messages of ${data.sets.length - NOT_TRAINED.size} sets. Do not edit.\nimport type { DealStageModel } from "./dealStageModel";\n\nexport const DEAL_STAGE_MODEL: DealStageModel = ${JSON.stringify(model)};\n`,
      );
      return; // the module imported above is the old one
    }
    expect(DEAL_STAGE_MODEL).toEqual(model);
  }, 120_000);

  it("beats round 7's calibrated rules out of author, and meets P >= 0.90 at R >= 0.75 on blind2-4", () => {
    const independent = [...scored.keys()];
    const t: [number, number, number] = [
      DEAL_STAGE_MODEL.threshold,
      DEAL_STAGE_MODEL.textThreshold,
      DEAL_STAGE_MODEL.guardYield,
    ];
    // round 7's method on the same sets: rules' candidate, calibrated confidence retrained without the set
    const dev = buildDevData();
    const probs = calibrationLoso(dev.rows);
    const calibrated = curve(dev.rows, probs, dev.positives, new Set(independent), [0.7, 0.75, 0.8, 0.82, 0.85, 0.9]);
    const curves = authorCurves(PAIRS);
    const picked = pickThresholds(curves);
    const old = pickPooled(curves);
    const margin = (p: AuthorPoint) =>
      `worst author's margin ${p.margin.toFixed(3)}, ${p.onTarget}/${scored.size} authors on target`;
    const out = [
      `stage models, leave one independent set out, pooled (${independent.join(", ")}), threshold/words-only threshold/guard yield:`,
      ...curves.map((p) => `  ${fmt(p)} ${margin(p)}`),
      `picked (the worst author closest to P ${TARGET_PRECISION} and R ${TARGET_RECALL}): ${fmt(picked)} ${margin(picked)}`,
      `rounds 8-13's rule (the most recall at pooled P >= ${PRECISION_GOAL}): ${old ? `${fmt(old)} ${margin(old)}` : "none"}`,
      ...(old
        ? [...scored].map(
            ([set, rows]) =>
              `  ${set} at the rounds 8-13 rule's triple: ${fmt(stageCurve(rows, [[old.threshold, old.textThreshold, old.guardYield]])[0]!)}`,
          )
        : []),
      "round 7 method (rules' candidate + calibrated confidence), same sets, out of set:",
      ...calibrated.map((p) => `  ${fmt(p)}`),
      ...[...scored].map(
        ([set, rows]) =>
          `${set} out of author: ${fmt(stageCurve(rows, [t])[0]!)}; round 7 method at 0.75: ${fmt(curve(dev.rows, probs, dev.positives, new Set([set]), [0.75])[0]!)}`,
      ),
    ];
    console.log(out.join("\n"));
    const at = stageCurve(pooled(), [t])[0]!;
    expect(at.precision).toBeGreaterThanOrEqual(PRECISION_GOAL);
    // round 14: the committed triple serves the worst author at least as well as rounds 8–13's rule would
    if (old) expect(authorCurves([t])[0]!.margin).toBeGreaterThanOrEqual(old.margin);
    // more recall than round 7's method at a precision at least as high (its best point with P >= 0.90)
    const best = calibrated.filter((p) => p.precision >= 0.9).sort((a, b) => b.recall - a.recall)[0];
    expect(at.recall).toBeGreaterThan(best?.recall ?? 0);
    // the round-6 floor on the first three independent authors, now out of author for the whole model
    const first = stageCurve(pooled(["blind2", "blind3", "blind4"]), [t])[0]!;
    expect(first.precision).toBeGreaterThanOrEqual(0.9);
    expect(first.recall).toBeGreaterThanOrEqual(0.75);
  }, 300_000);

  it("learned weights point the expected way", () => {
    const { model, text } = DEAL_STAGE_MODEL;
    expect(Object.keys(text.weights).some((f) => f.startsWith("cand:") || f.startsWith("cf:"))).toBe(false);
    const w = (feature: string, cls: string) => model.weights[feature]?.[model.classes.indexOf(cls)] ?? 0;
    expect(w("cand:won", "won")).toBeGreaterThan(w("cand:won", "none"));
    expect(w("cand:none", "none")).toBeGreaterThan(w("cand:none", "won"));
    const v = (feature: string, cls: string) => text.weights[feature]?.[text.classes.indexOf(cls)] ?? 0;
    expect(v("w:NOT_renew", "lost")).toBeGreaterThan(v("w:NOT_renew", "won"));
  });
});
