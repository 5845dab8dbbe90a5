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
  canonicalMisses,
  NOT_TRAINED,
  outOfAuthor,
  readableRows,
  type ScoredRow,
  type StageData,
  type StagePoint,
  scoreCanonical,
  stageCurve,
  trainStageModels,
} from "./dealModelStage";

/**
 * Thresholds tried: the candidate-reading model's (0.5–0.9) by the words-only model's (0.25–0.6) by the
 * words-only probability that overrides the soft scope guards (round 10; 2 = never, the round-9 behaviour).
 * Round 14 tried a 0.05 grid (720 triples): judged leaving one author out twice (below), it was no better than
 * this 0.1 grid under either rule (14 and 13 of 17 authors at both targets on both grids): a finer pick fits noise.
 */
const PAIRS: Array<[number, number, number]> = [0.5, 0.6, 0.7, 0.8, 0.9].flatMap((t) =>
  [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6].flatMap((w) =>
    [0.5, 0.6, 0.7, 0.8, 0.9, 2].map((g): [number, number, number] => [t, w, g]),
  ),
);
/** Round 14's finer grid (0.05 on each threshold), printed and judged beside {@link PAIRS}. */
const step05 = (from: number, to: number) =>
  Array.from({ length: Math.round((to - from) / 0.05) + 1 }, (_, i) => Math.round((from + i * 0.05) * 100) / 100);
const FINE_PAIRS: Array<[number, number, number]> = step05(0.5, 0.9).flatMap((t) =>
  step05(0.25, 0.6).flatMap((w) => [...step05(0.5, 0.9), 2].map((g): [number, number, number] => [t, w, g])),
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
let readable: Map<string, ScoredRow[]>;
let canonical: ReturnType<typeof scoreCanonical>;
beforeAll(async () => {
  data = await buildStageData();
  scored = outOfAuthor(data);
  const trained = trainStageModels(data, data.sets);
  canonical = scoreCanonical(trained);
  readable = await readableRows(trained);
  // a hang guard only: each author left out in turn, this takes over ten minutes on two loaded cores
}, 1_800_000);

/**
 * Round 21: the triples of `pairs` at which the models trained on every set read each canonical wording of
 * test/dealCanonical.ts at its stage and each plain one at none. Every rule below picks among these only: round 20's
 * retrain picked 0.70 out of author, which dropped the demo seed's "We received your proposal and are reviewing it
 * with finance" and five rewordings of it; a threshold that drops the canonical wordings is no gain, however the
 * out-of-author figures move.
 */
const guarded = (pairs: ReadonlyArray<[number, number, number]>) =>
  pairs.filter((p) => canonicalMisses(canonical, p).length === 0);

const pooled = (names?: readonly string[]) =>
  [...scored].filter(([set]) => !names || names.includes(set)).flatMap(([, rows]) => rows);

/** A triple with the pool's figures and the worst independent author's margin to the targets. */
type AuthorPoint = StagePoint & { margin: number; onTarget: number };

/**
 * Each triple of `pairs` over the pool, with the worst author's margin: the smaller of its precision's distance to
 * {@link TARGET_PRECISION} and its recall's to {@link TARGET_RECALL}, each author read by models trained without it.
 */
function authorCurves(
  pairs: ReadonlyArray<[number, number, number]>,
  perSet: ReadonlyMap<string, StagePoint[]> = curvesBySet(pairs),
  sets: readonly string[] = [...perSet.keys()],
): AuthorPoint[] {
  return pairs.map((pair, i) => {
    const at = sets.map((set) => perSet.get(set)![i]!);
    const tp = at.reduce((n, a) => n + a.tp, 0);
    const fp = at.reduce((n, a) => n + a.fp, 0);
    const fn = at.reduce((n, a) => n + a.fn, 0);
    return {
      threshold: pair[0],
      textThreshold: pair[1],
      guardYield: pair[2],
      tp,
      fp,
      fn,
      precision: tp + fp ? tp / (tp + fp) : 1,
      recall: tp + fn ? tp / (tp + fn) : 1,
      margin: Math.min(...at.map((a) => Math.min(a.precision - TARGET_PRECISION, a.recall - TARGET_RECALL))),
      onTarget: at.filter((a) => a.precision >= TARGET_PRECISION && a.recall >= TARGET_RECALL).length,
    };
  });
}

/** Each independent author's out-of-author curve over `pairs`. */
const curvesBySet = (pairs: ReadonlyArray<[number, number, number]>): Map<string, StagePoint[]> =>
  new Map([...scored].map(([set, rows]) => [set, stageCurve(rows, pairs)]));

/**
 * A rule judged leaving one author out twice: each author is scored at the triple `rule` picks on the other
 * authors' out-of-author curves. The pooled figures and how many authors reach both targets that way.
 */
function nested(
  rule: (points: AuthorPoint[]) => AuthorPoint | undefined,
  pairs: ReadonlyArray<[number, number, number]>,
): { tp: number; fp: number; fn: number; onTarget: number } {
  const perSet = curvesBySet(pairs);
  const out = { tp: 0, fp: 0, fn: 0, onTarget: 0 };
  for (const set of perSet.keys()) {
    const pick = rule(
      authorCurves(
        pairs,
        perSet,
        [...perSet.keys()].filter((s) => s !== set),
      ),
    );
    const at = pick
      ? perSet.get(set)![
          pairs.findIndex((p) => p[0] === pick.threshold && p[1] === pick.textThreshold && p[2] === pick.guardYield)
        ]!
      : null;
    if (!at) continue;
    out.tp += at.tp;
    out.fp += at.fp;
    out.fn += at.fn;
    if (at.precision >= TARGET_PRECISION && at.recall >= TARGET_RECALL) out.onTarget++;
  }
  return out;
}

/** Ties: the higher thresholds (fewer stages emitted on the same recall). */
const byRecall = (a: StagePoint, b: StagePoint) =>
  b.recall - a.recall || b.threshold - a.threshold || b.textThreshold - a.textThreshold || b.guardYield - a.guardYield;

/** How many of the read sets the models never train on ({@link readableRows}) reach both targets at `triple`. */
const readableOnTarget = (triple: readonly [number, number, number]): number =>
  [...readable.values()].filter((rows) => {
    const at = stageCurve(rows, [triple])[0]!;
    return at.precision >= TARGET_PRECISION && at.recall >= TARGET_RECALL;
  }).length;
const tripleOf = (p: StagePoint): [number, number, number] => [p.threshold, p.textThreshold, p.guardYield];

/**
 * The triple `rule` picks among those that bring the most read sets the models never train on to both targets
 * ({@link readableOnTarget}); throws when no triple reaches {@link PRECISION_GOAL} out of author.
 *
 * Round 44: the rule alone is judged on the twenty-odd authors that train the models, and its pick moved with a few
 * candidates of the rules (round 43: 0.60/0.45/0.50 to 0.65/0.50/0.50; this round 0.60/0.60/0.70, which brought 83 of
 * the 96 read sets blind27–122 to both targets where 0.65/0.50/0.50 brought 89, pooled R 0.816 against 0.834). Those
 * sets never train the stage models, so they judge the triple first; the rule breaks the tie. They were read, so the
 * unread blind sets stay the measure of the pick.
 */
function pickThresholds(points: AuthorPoint[], rule: (points: AuthorPoint[]) => AuthorPoint | undefined): AuthorPoint {
  const eligible = points.filter((p) => p.precision >= PRECISION_GOAL);
  const counts = eligible.map((p) => readableOnTarget(tripleOf(p)));
  const most = Math.max(...counts);
  const best = rule(eligible.filter((_, i) => counts[i] === most));
  if (!best) throw new Error(`no threshold triple reaches precision ${PRECISION_GOAL} out of author`);
  return best;
}

/**
 * Round 17: the (rule, grid) the triple is picked with is itself chosen out of author: the one that brings the most
 * authors to both targets judged leaving one author out twice ({@link nested}); ties: the order listed (the coarser
 * grid, then the margin rule). Round 14 chose the margin rule on the 0.1 grid that way by hand (14 of 17 authors
 * against 13); with blind16 trained on (20 authors) the same judgement gave margin 0.1: 13, pooled 0.1: 15, margin
 * 0.05: 17, pooled 0.05: 14, so a choice fixed by hand had stopped being the best one. Picking it here keeps every
 * retrain honest about it.
 */
const ruleChoices = () =>
  [
    ["the worst author's margin", pickByMargin, guarded(PAIRS)],
    [`pooled P >= ${PRECISION_GOAL}`, pickPooled, guarded(PAIRS)],
    ["the worst author's margin, 0.05 grid", pickByMargin, guarded(FINE_PAIRS)],
    [`pooled P >= ${PRECISION_GOAL}, 0.05 grid`, pickPooled, guarded(FINE_PAIRS)],
  ] as const;
function chooseRule(): {
  name: string;
  rule: (points: AuthorPoint[]) => AuthorPoint | undefined;
  pairs: ReadonlyArray<[number, number, number]>;
  onTarget: number;
} {
  let best: ReturnType<typeof chooseRule> | null = null;
  for (const [name, rule, pairs] of ruleChoices()) {
    const onTarget = nested(rule, pairs).onTarget;
    if (!best || onTarget > best.onTarget) best = { name, rule, pairs, onTarget };
  }
  return best!;
}
/**
 * Round 14: the triple whose WORST independent author comes closest to both targets (the largest
 * {@link AuthorPoint.margin}), among those whose pooled precision reaches {@link PRECISION_GOAL}; ties: the most pooled
 * recall. Rounds 8–13 picked the most pooled recall at pooled precision 0.92, which left three or four authors under
 * P 0.90 (blind6, train7a, train11, train12). Each rule was judged leaving one author out twice: every author scored
 * at the triple the rule picks on the other sixteen authors' out-of-author rows (README.md, "Round 14 — deal stage").
 * With the round-14 readers (17 authors, printed below): this rule P 0.941 / R 0.814 with 14 of 17 authors at both
 * targets; the pooled rule P 0.920 / R 0.839 with 13; on the 0.05 grid 14 and 13. A constraint on the worst
 * author's precision alone (measured the same way outside this test) brought 9 (0.1 grid) or 13 (0.05 grid). With
 * main's readers the margin rule was no better (12 against 13): the readers, not the rule, gave most of the gain,
 * and the rule keeps it from turning into pooled recall alone.
 */
const pickByMargin = (points: AuthorPoint[]): AuthorPoint | undefined =>
  points.filter((p) => p.precision >= PRECISION_GOAL).sort((a, b) => b.margin - a.margin || byRecall(a, b))[0];

/** Rounds 8–13's rule, printed for comparison: the most recall at pooled precision {@link PRECISION_GOAL}. */
function pickPooled(points: AuthorPoint[]): AuthorPoint | undefined {
  return points.filter((p) => p.precision >= PRECISION_GOAL).sort(byRecall)[0];
}

describe("learned deal-stage model", () => {
  it("is the pair of models trained on every deal-labelled set, its thresholds picked out of author", () => {
    const chosen = chooseRule();
    const { threshold, textThreshold, guardYield } = pickThresholds(authorCurves(chosen.pairs), chosen.rule);
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
  }, 600_000);

  it("beats round 7's calibrated rules out of author, and meets P >= 0.90 at R >= 0.75 on blind2-4", () => {
    const independent = [...scored.keys()];
    const chosen = chooseRule();
    const curves = authorCurves(chosen.pairs);
    const picked = pickThresholds(curves, chosen.rule);
    // when retraining, the triple just picked (the imported module is the old one), so one run prints and checks it
    const t: [number, number, number] =
      process.env.UPDATE_DEAL_STAGE_MODEL === "1"
        ? [picked.threshold, picked.textThreshold, picked.guardYield]
        : [DEAL_STAGE_MODEL.threshold, DEAL_STAGE_MODEL.textThreshold, DEAL_STAGE_MODEL.guardYield];
    // round 7's method on the same sets: rules' candidate, calibrated confidence retrained without the set
    const dev = buildDevData();
    const probs = calibrationLoso(dev.rows);
    const calibrated = curve(dev.rows, probs, dev.positives, new Set(independent), [0.7, 0.75, 0.8, 0.82, 0.85, 0.9]);
    const old = pickPooled(curves);
    const margin = (p: AuthorPoint) =>
      `worst author's margin ${p.margin.toFixed(3)}, ${p.onTarget}/${scored.size} authors on target`;
    const out = [
      `canonical guard: ${guarded(PAIRS).length} of ${PAIRS.length} triples (0.1 grid) and ${guarded(FINE_PAIRS).length} of ${FINE_PAIRS.length} (0.05 grid) read every canonical wording right`,
      `stage models, leave one independent set out, pooled (${independent.join(", ")}), threshold/words-only threshold/guard yield:`,
      ...curves.map((p) => `  ${fmt(p)} ${margin(p)}`),
      `picked by rule "${chosen.name}" (the rule that brings the most authors to P ${TARGET_PRECISION} and R ${TARGET_RECALL}, judged leaving one author out twice): ${fmt(picked)} ${margin(picked)}`,
      `rounds 8-13's rule (the most recall at pooled P >= ${PRECISION_GOAL}): ${old ? `${fmt(old)} ${margin(old)}` : "none"}`,
      `read sets the models never train on (${readable.size}), at the picked triple: ${readableOnTarget(t)} at both targets, pooled ${fmt(stageCurve([...readable.values()].flat(), [t])[0]!)}`,
      ...(old
        ? [...scored].map(
            ([set, rows]) =>
              `  ${set} at the rounds 8-13 rule's triple: ${fmt(stageCurve(rows, [[old.threshold, old.textThreshold, old.guardYield]])[0]!)}`,
          )
        : []),
      ...ruleChoices().map(([name, rule, pairs]) => {
        const n = nested(rule, pairs);
        return `rule "${name}" judged leaving one author out twice: P=${(n.tp / (n.tp + n.fp)).toFixed(3)} R=${(n.tp / (n.tp + n.fn)).toFixed(3)} (tp=${n.tp} fp=${n.fp} fn=${n.fn}), ${n.onTarget}/${scored.size} authors at both targets`;
      }),
      "round 7 method (rules' candidate + calibrated confidence), same sets, out of set:",
      ...calibrated.map((p) => `  ${fmt(p)}`),
      ...[...scored].map(
        ([set, rows]) =>
          `${set} out of author: ${fmt(stageCurve(rows, [t])[0]!)}; round 7 method at 0.75: ${fmt(curve(dev.rows, probs, dev.positives, new Set([set]), [0.75])[0]!)}`,
      ),
    ];
    console.log(out.join("\n"));
    // round 21: the committed triple reads every canonical wording right (the guard above)
    expect(canonicalMisses(canonical, t).map((w) => w.text)).toEqual([]);
    const at = stageCurve(pooled(), [t])[0]!;
    expect(at.precision).toBeGreaterThanOrEqual(PRECISION_GOAL);
    // round 44 (was round 14's margin check against rounds 8–13's rule): the triple brings at least as many read sets the
    // models never train on to both targets as the chosen rule's own pick or rounds 8–13's would, and reads them at
    // precision 0.90 pooled
    const alone = chosen.rule(curves.filter((p) => p.precision >= PRECISION_GOAL));
    for (const other of [alone, old])
      if (other) expect(readableOnTarget(t)).toBeGreaterThanOrEqual(readableOnTarget(tripleOf(other)));
    expect(stageCurve([...readable.values()].flat(), [t])[0]!.precision).toBeGreaterThanOrEqual(TARGET_PRECISION);
    // round 17: the chosen rule, judged leaving one author out twice, brings three authors in four to both targets
    // (17 of 20 with blind16 trained on; round 14's choice brought 14 of 17)
    expect(chosen.onTarget / scored.size).toBeGreaterThanOrEqual(0.75);
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
