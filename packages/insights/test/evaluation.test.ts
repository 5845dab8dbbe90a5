/**
 * Per-set evaluation report: precision / recall / F1 for every field on every labelled set, including
 * the independent blind sets in every fixtures/blind<N>/ directory (written by someone else, never used
 * for tuning).
 * Run alone with `pnpm --filter @switchboard/insights eval`. The table is printed; the asserted
 * regression thresholds live in corpus.test.ts. Blind-set figures are compared with the targets of
 * issue 13 and marked ok / MISS, but not asserted, so they stay honest estimates rather than fit.
 */
import { describe, expect, it } from "vitest";
import { type EvalSet, loadBlindDirs, TRAINING_DIRS } from "./blindSets";
import {
  evalCommitments,
  evalDealStage,
  evalJobChanges,
  evalRelationships,
  evalSentiment,
  evalSignatures,
} from "./evaluate";
import { BLIND, BLIND_JOB_CHANGES } from "./fixtures/blind";
import { CORPUS, JOB_CHANGES } from "./fixtures/corpus";
import { HOLDOUT } from "./fixtures/holdout";
import { HOLDOUT2_DEAL } from "./fixtures/holdout2";
import { HOLDOUT3_DEAL, HOLDOUT3_SIGNATURES } from "./fixtures/holdout3";
import { TUNING, TUNING_JOB_CHANGES } from "./fixtures/tuning";
import { TUNING_COMMIT4_ALL } from "./fixtures/tuning-commit4";
import { TUNING_DEAL } from "./fixtures/tuning-deal";
import { HOLDOUT_DEAL } from "./fixtures/tuning-deal-holdout";
import { TUNING_JOB4_ALL } from "./fixtures/tuning-job4";
import { TUNING_SENTIMENT } from "./fixtures/tuning-sentiment";
import { HOLDOUT_SENTIMENT } from "./fixtures/tuning-sentiment-holdout";
import { TUNING_SIG4_ALL } from "./fixtures/tuning-sig4";
import { TUNING2, TUNING2_DEAL } from "./fixtures/tuning2";
import { TUNING3_DEAL, TUNING3_SIGNATURES } from "./fixtures/tuning3";
import { TUNING_COMMIT5_ALL } from "./fixtures/tuning5-commit";
import { TUNING6_COMMIT } from "./fixtures/tuning6-commit";
import { TUNING6_COMMIT_HOLDOUT } from "./fixtures/tuning6-commit-holdout";
import { TUNING6_COMMIT_HOLDOUT2 } from "./fixtures/tuning6-commit-holdout2";
import { TUNING6_COMMIT_HOLDOUT3 } from "./fixtures/tuning6-commit-holdout3";
import { TUNING6_COMMIT_HOLDOUT4 } from "./fixtures/tuning6-commit-holdout4";
import { TUNING6_COMMIT_HOLDOUT5 } from "./fixtures/tuning6-commit-holdout5";
import { TUNING6_COMMIT_HOLDOUT6 } from "./fixtures/tuning6-commit-holdout6";
import { TUNING6_DEAL_HOLDOUT } from "./fixtures/tuning6-deal-holdout";
import { TUNING6_DEAL_HOLDOUT_B } from "./fixtures/tuning6-deal-holdout-b";
import { TUNING7_HOLDOUT } from "./fixtures/tuning7-holdout";
import { TUNING8_COMMIT_HOLDOUT } from "./fixtures/tuning8-commit-holdout";
import { TUNING8_JOB_HOLDOUT } from "./fixtures/tuning8-job-holdout";
import { TUNING8_SIG_HOLDOUT } from "./fixtures/tuning8-sig-holdout";
import { TUNING9_COMMIT_HOLDOUT } from "./fixtures/tuning9-commit-holdout";
import { TUNING9_JOB_HOLDOUT } from "./fixtures/tuning9-job-holdout";
import { TUNING9_JOB_HOLDOUT_B } from "./fixtures/tuning9-job-holdout-b";
import { TUNING9_SIG_HOLDOUT } from "./fixtures/tuning9-sig-holdout";
import { TUNING9_SIG_HOLDOUT_B } from "./fixtures/tuning9-sig-holdout-b";
import { UNTOUCHED } from "./fixtures/untouched";
import type { PR } from "./metrics";

/** Targets from issue 13 ("Must show"), checked on the blind sets. */
const TARGETS = {
  sentimentAccuracy: 0.8,
  commitmentsF1: 0.85,
  dealRecall: 0.75,
  dealPrecision: 0.9,
  jobChangeF1: 0.85,
  signaturesF1: 0.95,
} as const;

const f = (x: number) => x.toFixed(3);
const prCells = (pr: PR) => [f(pr.precision), f(pr.recall), f(pr.f1), `tp=${pr.tp} fp=${pr.fp} fn=${pr.fn}`];

interface SetScores {
  rows: string[][];
  checks: Array<[string, boolean]>;
}

function scoreSet(set: EvalSet): SetScores {
  const rows: string[][] = [];
  const checks: Array<[string, boolean]> = [];
  const msgs = set.messages;
  if (msgs.length && set.dealOnly) {
    rows.push(["deal stage", ...prCells(evalDealStage(msgs))]);
  } else if (msgs.length && set.commitmentsOnly) {
    const c = evalCommitments(msgs);
    rows.push(["commitments (text)", ...prCells(c.pr)]);
    rows.push(["commitments (+due ±1 day)", ...prCells(c.withDue)]);
  } else if (msgs.length && set.sentimentOnly) {
    const sent = evalSentiment(msgs);
    rows.push(["sentiment (macro)", f(sent.macroPrecision), f(sent.macroRecall), "", `accuracy=${f(sent.accuracy)}`]);
  } else if (msgs.length && set.signaturesOnly) {
    rows.push(["signatures (fields)", ...prCells(evalSignatures(msgs))]);
  } else if (msgs.length) {
    const sent = evalSentiment(msgs);
    const macroF1 = Object.values(sent.classes).reduce((a, p) => a + p.f1, 0) / 3;
    rows.push([
      "sentiment (macro)",
      f(sent.macroPrecision),
      f(sent.macroRecall),
      f(macroF1),
      `accuracy=${f(sent.accuracy)} n=${msgs.length}`,
    ]);
    checks.push([`sentiment accuracy >= ${TARGETS.sentimentAccuracy}`, sent.accuracy >= TARGETS.sentimentAccuracy]);
    const c = evalCommitments(msgs);
    rows.push(["commitments (text)", ...prCells(c.pr)]);
    rows.push(["commitments (+due ±1 day)", ...prCells(c.withDue)]);
    rows.push(["  due exact", "", "", "", `${c.dueOk}/${c.dueTotal} = ${f(c.dueAccuracy)}`]);
    checks.push([`commitments F1 (+due) >= ${TARGETS.commitmentsF1}`, c.withDue.f1 >= TARGETS.commitmentsF1]);
    const sig = evalSignatures(msgs);
    rows.push(["signatures (fields)", ...prCells(sig)]);
    // the convention blind6, blind7 and train7a/b were written in (a first name alone is no signature), before the
    // owner chose the other one in round 9 and their labels were changed (README.md, "Round 9 — signatures")
    rows.push(["  firstNameAlone: false", ...prCells(evalSignatures(msgs, { firstNameAlone: false }))]);
    checks.push([`signatures F1 >= ${TARGETS.signaturesF1}`, sig.f1 >= TARGETS.signaturesF1]);
    const deal = evalDealStage(msgs);
    rows.push(["deal stage", ...prCells(deal)]);
    checks.push([
      `deal stage R >= ${TARGETS.dealRecall} at P >= ${TARGETS.dealPrecision}`,
      deal.recall >= TARGETS.dealRecall && deal.precision >= TARGETS.dealPrecision,
    ]);
    rows.push(["relationships", ...prCells(evalRelationships(msgs))]);
  }
  if (set.pairs.length) {
    const jc = evalJobChanges(set.pairs);
    rows.push(["job change (pairs)", ...prCells(jc.pr), `kind=${f(jc.kindAccuracy)} pairs=${set.pairs.length}`]);
    checks.push([`job change F1 >= ${TARGETS.jobChangeF1}`, jc.pr.f1 >= TARGETS.jobChangeF1]);
  }
  return { rows, checks };
}

/**
 * Blind sets spent so far, dev data from then on (README.md): blind3 at the start of round 4, blind4 in round 6,
 * blind5 in round 7, blind6 in round 8, blind7 in round 9, blind8 in round 11, blind9 in round 12, blind10 in round 13,
 * blind11 and blind13 in round 14 (blind13 scored once, aggregates only, then read), blind14 in round 15 (scored with the
 * round-13 and round-14 code, aggregates only, then read), blind16 in round 16 (scored with the round-14 and round-15
 * code, aggregates only, then read), blind23–26 in round 19 (scored once with the round-18 code, aggregates only, then
 * read; they train the promise reader), blind27–30 in round 20 (scored once with the round-19 code, aggregates only,
 * then read), blind31–34 in round 21 (scored with the round-19 and round-20 code, aggregates only, then read),
 * blind35–38 in round 22 (scored with the round-20 and round-21 code, aggregates only, then read), blind39–42 in round 23
 * (scored with the code at the start and end of round 22, aggregates only, then read), blind43–46 in round 24 (scored
 * with the code at the start and end of round 23, aggregates only, then read), blind47–50 in round 25 (scored with the
 * code at the start and end of round 24, aggregates only, then read), blind51–54 in round 26 (scored with the code at
 * the start and end of round 25, aggregates only, then read), blind55–58 in round 27 (scored with the code at the start
 * and end of round 26, aggregates only, then read), blind59–62 in round 28 (scored with the code at the start and end of
 * round 27, aggregates only, then read), blind63–66 in round 29 (scored with the code at the start and end of round 28,
 * aggregates only, then read), blind67–70 in round 30 (scored with the code at the start and end of round 29,
 * aggregates only, then read), blind71–74 in round 31 (scored with the code at the start and end of round 30,
 * aggregates only, then read), blind75–78 in round 32 (scored with the code at the start and end of round 31,
 * aggregates only, then read), blind79–82 in round 33 (scored with the code at the start and end of round 32,
 * aggregates only, then read), blind83–86 in round 34 (scored with the code at the start and end of round 33,
 * aggregates only, then read), blind87–90 in round 35 (scored with the code at the start and end of round 34,
 * aggregates only, then read), blind91–94 in round 36 (scored with the code at the start and end of round 35,
 * aggregates only, then read), blind95–98 in round 38 (scored with the code at the start and end of round 37,
 * aggregates only, then read), blind99–102 in round 39 (scored with the code at the start and end of round 38,
 * aggregates only, then read), blind103–106 in round 40 (scored with the code at the start and end of round 39,
 * aggregates only, then read), blind107–110 in round 41 (scored with the code at the start and end of round 40,
 * aggregates only, then read), blind111–114 in round 42 (scored with the code at the start and end of round 41,
 * aggregates only, then read), blind115–118 in round 43 (scored with the code at the start and end of round 42,
 * aggregates only, then read), blind119–122 in round 44 (scored with the code at the start and end of round 43,
 * aggregates only, then read), blind124–126 in round 45 (scored with the code at the start and end of round 44,
 * aggregates only, then read), blind123 and blind128 in round 46 (scored with the code at the start and end of round 45,
 * aggregates only, then read), blind127, blind129 and blind131 in round 47 (scored with the code at the start and end of
 * round 46, aggregates only, then read), blind130, blind132 and blind133 in round 48 (scored with the code at the start
 * and end of round 47, aggregates only, then read), blind134–136 in round 49 (scored with the code at the start and end
 * of round 48, aggregates only, then read), blind137–139 in round 50 (scored with the code at the start and end of round
 * 49, aggregates only, then read), blind140–142 in round 51 (scored with the code at the start and end of round 50,
 * aggregates only, then read), blind143–145 in round 52 (scored with the code at the start and end of round 51,
 * aggregates only, then read), blind146–148 in round 53 (scored with the code at the start and end of round 52,
 * aggregates only, then read), blind149–151 in round 54 (scored with the code at the start and end of round 53,
 * aggregates only, then read), blind152–154 in round 55 (scored with the code at the start and end of round 54,
 * aggregates only, then read), blind155–157 in round 56 (scored with the code at the start and end of round 55,
 * aggregates only, then read), blind158–160 in round 57 (scored with the code at the start and end of round 56,
 * aggregates only, then read), blind161–163 in round 58 (scored with the code at the start and end of round 57,
 * aggregates only, then read), blind164–166 in round 59 (scored with the code at the start and end of round 58,
 * aggregates only, then read), blind167–169 in round 60 (scored with the code at the start and end of round 59,
 * aggregates only, then read), blind170–172 in round 61 (scored with the code at the start and end of round 60,
 * aggregates only, then read), blind173–175 in round 62 (scored with the code at the start and end of round 61,
 * aggregates only, then read), blind176–178 in round 63 (scored with the code at the start and end of round 62,
 * aggregates only, then read), blind179–181 in round 64 (scored with the code at the start and end of round 63,
 * aggregates only, then read), blind182–184 in round 65 (scored with the code at the start and end of round 64,
 * aggregates only, then read). Any other blind<N> (blind12, blind15, blind17, blind18, blind19 and
 * blind20 from round 17, blind21 and blind22 from round 18, blind185–187 from round 65) stays blind: it is marked ok / MISS
 * against the targets.
 */
const SPENT_BLIND =
  /^blind([3-9]|1[01346]|2[3-9]|3\d|4\d|5\d|6[0-9]|70|7[1-4]|7[5-8]|79|8[0-6]|8[7-9]|90|9[1-4]|9[5-8]|99|10[0-2]|10[3-6]|10[7-9]|110|11[1-4]|11[5-8]|119|12[0-2]|12[4-6]|123|128|127|129|131|130|132|133|134|135|136|137|138|139|140|141|142|143|144|145|146|147|148|149|150|151|152|153|154|155|156|157|158|159|160|161|162|163|164|165|166|167|168|169|170|171|172|173|174|175|176|177|178|179|180|181|182|183|184)\b/;
const asDevOrBlind = (set: EvalSet): EvalSet =>
  SPENT_BLIND.test(set.name) ? { ...set, blind: false, name: `dev, was ${set.name}` } : set;

function table(rows: string[][]): string {
  const head = ["field", "P", "R", "F1", "counts"];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return all
    .map((r) =>
      r
        .map((c, i) => (c ?? "").padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

describe("evaluation report", () => {
  it("scores blind2, blind12, blind15, blind17-22 and blind185-187 as blind sets and blind3-11, blind13, blind14, blind16 and blind23-184 as dev data", () => {
    const set = (name: string): EvalSet => ({ name, messages: [], pairs: [], blind: true });
    const names = [
      "blind2 (all)",
      "blind7/property",
      "blind8 (all)",
      "blind9/email",
      "blind10 (all)",
      "blind11/farms",
      "blind12/gardens",
      "blind13/bikes",
      "blind14/timber",
      "blind15/optics",
      "blind16 (all)",
      "blind17/bees",
      "blind19/roofing",
      "blind20 (all)",
      "blind21/vets",
      "blind22 (all)",
      "blind23/lifts",
      "blind26 (all)",
      "blind27/boilers",
      "blind30 (all)",
      "blind31/aquariums",
      "blind34 (all)",
      "blind35/x",
      "blind38 (all)",
      "blind39/x",
      "blind42 (all)",
      "blind43/x",
      "blind46 (all)",
      "blind47/x",
      "blind50 (all)",
      "blind51/x",
      "blind54 (all)",
      "blind55/x",
      "blind58 (all)",
      "blind59/x",
      "blind62 (all)",
      "blind63/x",
      "blind66 (all)",
      "blind67/x",
      "blind70 (all)",
      "blind71/x",
      "blind74 (all)",
      "blind75/x",
      "blind78 (all)",
      "blind79/x",
      "blind82 (all)",
      "blind83/x",
      "blind86 (all)",
      "blind87/x",
      "blind90 (all)",
      "blind91/x",
      "blind94 (all)",
      "blind95/x",
      "blind98 (all)",
      "blind99/x",
      "blind100 (all)",
      "blind102/x",
      "blind103/x",
      "blind106 (all)",
      "blind107/x",
      "blind110 (all)",
      "blind111/x",
      "blind114 (all)",
      "blind115/x",
      "blind118 (all)",
      "blind119/x",
      "blind122 (all)",
      "blind123/x",
      "blind124/x",
      "blind126 (all)",
      "blind127/x",
      "blind128/x",
      "blind129 (all)",
      "blind130/x",
      "blind131/x",
      "blind132 (all)",
      "blind133/x",
      "blind134 (all)",
      "blind135/x",
      "blind136/x",
      "blind137 (all)",
      "blind138/x",
      "blind139/x",
      "blind140 (all)",
      "blind141/x",
      "blind142/x",
      "blind143 (all)",
      "blind144/x",
      "blind145/x",
      "blind146 (all)",
      "blind147/x",
      "blind148/x",
      "blind149 (all)",
      "blind150/x",
      "blind151/x",
      "blind152 (all)",
      "blind153/x",
      "blind154/x",
      "blind155 (all)",
      "blind156/x",
      "blind157/x",
      "blind158 (all)",
      "blind159/x",
      "blind160/x",
      "blind161 (all)",
      "blind162/x",
      "blind163/x",
      "blind164 (all)",
      "blind165/x",
      "blind166/x",
      "blind167 (all)",
      "blind168/x",
      "blind169/x",
      "blind170 (all)",
      "blind171/x",
      "blind172/x",
      "blind173 (all)",
      "blind174/x",
      "blind175/x",
      "blind176 (all)",
      "blind177/x",
      "blind178/x",
      "blind179 (all)",
      "blind180/x",
      "blind181/x",
      "blind182 (all)",
      "blind183/x",
      "blind184/x",
      "blind185 (all)",
      "blind186/x",
      "blind187/x",
      "blind3 (all)",
    ];
    expect(names.map((n) => [asDevOrBlind(set(n)).name, asDevOrBlind(set(n)).blind])).toEqual([
      ["blind2 (all)", true],
      ["dev, was blind7/property", false],
      ["dev, was blind8 (all)", false],
      ["dev, was blind9/email", false],
      ["dev, was blind10 (all)", false],
      ["dev, was blind11/farms", false],
      ["blind12/gardens", true],
      ["dev, was blind13/bikes", false],
      ["dev, was blind14/timber", false],
      ["blind15/optics", true],
      ["dev, was blind16 (all)", false],
      ["blind17/bees", true],
      ["blind19/roofing", true],
      ["blind20 (all)", true],
      ["blind21/vets", true],
      ["blind22 (all)", true],
      ["dev, was blind23/lifts", false],
      ["dev, was blind26 (all)", false],
      ["dev, was blind27/boilers", false],
      ["dev, was blind30 (all)", false],
      ["dev, was blind31/aquariums", false],
      ["dev, was blind34 (all)", false],
      ["dev, was blind35/x", false],
      ["dev, was blind38 (all)", false],
      ["dev, was blind39/x", false],
      ["dev, was blind42 (all)", false],
      ["dev, was blind43/x", false],
      ["dev, was blind46 (all)", false],
      ["dev, was blind47/x", false],
      ["dev, was blind50 (all)", false],
      ["dev, was blind51/x", false],
      ["dev, was blind54 (all)", false],
      ["dev, was blind55/x", false],
      ["dev, was blind58 (all)", false],
      ["dev, was blind59/x", false],
      ["dev, was blind62 (all)", false],
      ["dev, was blind63/x", false],
      ["dev, was blind66 (all)", false],
      ["dev, was blind67/x", false],
      ["dev, was blind70 (all)", false],
      ["dev, was blind71/x", false],
      ["dev, was blind74 (all)", false],
      ["dev, was blind75/x", false],
      ["dev, was blind78 (all)", false],
      ["dev, was blind79/x", false],
      ["dev, was blind82 (all)", false],
      ["dev, was blind83/x", false],
      ["dev, was blind86 (all)", false],
      ["dev, was blind87/x", false],
      ["dev, was blind90 (all)", false],
      ["dev, was blind91/x", false],
      ["dev, was blind94 (all)", false],
      ["dev, was blind95/x", false],
      ["dev, was blind98 (all)", false],
      ["dev, was blind99/x", false],
      ["dev, was blind100 (all)", false],
      ["dev, was blind102/x", false],
      ["dev, was blind103/x", false],
      ["dev, was blind106 (all)", false],
      ["dev, was blind107/x", false],
      ["dev, was blind110 (all)", false],
      ["dev, was blind111/x", false],
      ["dev, was blind114 (all)", false],
      ["dev, was blind115/x", false],
      ["dev, was blind118 (all)", false],
      ["dev, was blind119/x", false],
      ["dev, was blind122 (all)", false],
      ["dev, was blind123/x", false],
      ["dev, was blind124/x", false],
      ["dev, was blind126 (all)", false],
      ["dev, was blind127/x", false],
      ["dev, was blind128/x", false],
      ["dev, was blind129 (all)", false],
      ["dev, was blind130/x", false],
      ["dev, was blind131/x", false],
      ["dev, was blind132 (all)", false],
      ["dev, was blind133/x", false],
      ["dev, was blind134 (all)", false],
      ["dev, was blind135/x", false],
      ["dev, was blind136/x", false],
      ["dev, was blind137 (all)", false],
      ["dev, was blind138/x", false],
      ["dev, was blind139/x", false],
      ["dev, was blind140 (all)", false],
      ["dev, was blind141/x", false],
      ["dev, was blind142/x", false],
      ["dev, was blind143 (all)", false],
      ["dev, was blind144/x", false],
      ["dev, was blind145/x", false],
      ["dev, was blind146 (all)", false],
      ["dev, was blind147/x", false],
      ["dev, was blind148/x", false],
      ["dev, was blind149 (all)", false],
      ["dev, was blind150/x", false],
      ["dev, was blind151/x", false],
      ["dev, was blind152 (all)", false],
      ["dev, was blind153/x", false],
      ["dev, was blind154/x", false],
      ["dev, was blind155 (all)", false],
      ["dev, was blind156/x", false],
      ["dev, was blind157/x", false],
      ["dev, was blind158 (all)", false],
      ["dev, was blind159/x", false],
      ["dev, was blind160/x", false],
      ["dev, was blind161 (all)", false],
      ["dev, was blind162/x", false],
      ["dev, was blind163/x", false],
      ["dev, was blind164 (all)", false],
      ["dev, was blind165/x", false],
      ["dev, was blind166/x", false],
      ["dev, was blind167 (all)", false],
      ["dev, was blind168/x", false],
      ["dev, was blind169/x", false],
      ["dev, was blind170 (all)", false],
      ["dev, was blind171/x", false],
      ["dev, was blind172/x", false],
      ["dev, was blind173 (all)", false],
      ["dev, was blind174/x", false],
      ["dev, was blind175/x", false],
      ["dev, was blind176 (all)", false],
      ["dev, was blind177/x", false],
      ["dev, was blind178/x", false],
      ["dev, was blind179 (all)", false],
      ["dev, was blind180/x", false],
      ["dev, was blind181/x", false],
      ["dev, was blind182 (all)", false],
      ["dev, was blind183/x", false],
      ["dev, was blind184/x", false],
      ["blind185 (all)", true],
      ["blind186/x", true],
      ["blind187/x", true],
      ["dev, was blind3 (all)", false],
    ]);
  });

  // every set is scored (about 8,000 messages): 206 s once under a load of 4, past the 120 s bound it had; round 20
  // (about 9,000 messages with blind31-34) took 322 s under a load of 5, past the 300 s bound it had since; round 21
  // (about 10,000 with blind35-38) took 1,135 s under a load of 15 (four helpers and CI beside it). A hang guard only.
  it("prints P/R/F1 per field for every set", async () => {
    const sets: EvalSet[] = [
      { name: "dev (corpus.ts)", messages: CORPUS, pairs: JOB_CHANGES, blind: false },
      { name: "holdout", messages: HOLDOUT, pairs: [], blind: false },
      { name: "blind (blind.ts)", messages: BLIND, pairs: BLIND_JOB_CHANGES, blind: false },
      { name: "untouched", messages: UNTOUCHED, pairs: [], blind: false },
      { name: "tuning (tuning.ts)", messages: TUNING, pairs: TUNING_JOB_CHANGES, blind: false },
      { name: "tuning2 (signatures, commitments)", messages: TUNING2, pairs: [], blind: false },
      { name: "tuning2 (deal stage)", messages: TUNING2_DEAL, pairs: [], blind: false, dealOnly: true },
      { name: "holdout2 (deal stage, scored once)", messages: HOLDOUT2_DEAL, pairs: [], blind: false, dealOnly: true },
      { name: "tuning3 (deal stage)", messages: TUNING3_DEAL, pairs: [], blind: false, dealOnly: true },
      { name: "tuning3 (signatures)", messages: TUNING3_SIGNATURES, pairs: [], blind: false, signaturesOnly: true },
      { name: "holdout3 (deal stage, scored once)", messages: HOLDOUT3_DEAL, pairs: [], blind: false, dealOnly: true },
      {
        name: "holdout3 (signatures, scored once)",
        messages: HOLDOUT3_SIGNATURES,
        pairs: [],
        blind: false,
        signaturesOnly: true,
      },
      {
        name: "tuning-commit4 A–M (commitments)",
        messages: TUNING_COMMIT4_ALL,
        pairs: [],
        blind: false,
        commitmentsOnly: true,
      },
      {
        name: "tuning5-commit A–F (commitments, operations wording)",
        messages: TUNING_COMMIT5_ALL,
        pairs: [],
        blind: false,
        commitmentsOnly: true,
      },
      {
        name: "tuning6-commit A–C (commitments, round 6)",
        messages: TUNING6_COMMIT,
        pairs: [],
        blind: false,
        commitmentsOnly: true,
      },
      // round 6: holdouts A–E were read after their first runs (dev data since), F was not (README.md)
      ...(
        [
          ["A", TUNING6_COMMIT_HOLDOUT, "dev data after its second run"],
          ["B", TUNING6_COMMIT_HOLDOUT2, "dev data after its first run"],
          ["C", TUNING6_COMMIT_HOLDOUT3, "dev data after its first run"],
          ["D", TUNING6_COMMIT_HOLDOUT4, "dev data after its first run"],
          ["E", TUNING6_COMMIT_HOLDOUT5, "dev data after its first run"],
          ["F", TUNING6_COMMIT_HOLDOUT6, "misses not read"],
        ] as const
      ).map(([part, messages, status]) => ({
        name: `tuning6-commit-holdout ${part} (commitments, round 6: ${status})`,
        messages: [...messages],
        pairs: [],
        blind: false,
        commitmentsOnly: true,
      })),
      {
        name: "tuning-sig4 A–G, L, M (signatures)",
        messages: TUNING_SIG4_ALL,
        pairs: [],
        blind: false,
        signaturesOnly: true,
      },
      {
        name: "tuning-job4 A–M (job changes)",
        messages: [],
        pairs: TUNING_JOB4_ALL,
        blind: false,
      },
      {
        name: "tuning-sentiment-holdout (round 4, first run recorded)",
        messages: HOLDOUT_SENTIMENT,
        pairs: [],
        blind: false,
        sentimentOnly: true,
      },
      {
        name: "tuning7-holdout (round 7 sentiment, first run recorded)",
        messages: TUNING7_HOLDOUT,
        pairs: [],
        blind: false,
        sentimentOnly: true,
      },
      {
        name: "tuning7-holdout (round 7 signatures, first run recorded)",
        messages: TUNING7_HOLDOUT,
        pairs: [],
        blind: false,
        signaturesOnly: true,
      },
      {
        name: "tuning-deal-holdout (round 4, first run recorded)",
        messages: HOLDOUT_DEAL,
        pairs: [],
        blind: false,
        dealOnly: true,
      },
      { name: "tuning-deal (round 4)", messages: TUNING_DEAL, pairs: [], blind: false, dealOnly: true },
      {
        name: "tuning6-deal-holdout A (round 6, written before any change; read after its second run)",
        messages: TUNING6_DEAL_HOLDOUT,
        pairs: [],
        blind: false,
        dealOnly: true,
      },
      {
        // never trained on or read: scored before and after the changes holdout A prompted (README.md)
        name: "tuning6-deal-holdout B (round 6, misses never read)",
        messages: TUNING6_DEAL_HOLDOUT_B,
        pairs: [],
        blind: false,
        dealOnly: true,
      },
      // round 8: written after blind6's misses were grouped and before the fixes; scored before and after (README.md)
      {
        name: "tuning8-sig-holdout (round 8 signatures)",
        messages: TUNING8_SIG_HOLDOUT,
        pairs: [],
        blind: false,
        signaturesOnly: true,
      },
      {
        name: "tuning8-commit-holdout (round 8 commitments)",
        messages: TUNING8_COMMIT_HOLDOUT,
        pairs: [],
        blind: false,
        commitmentsOnly: true,
      },
      { name: "tuning8-job-holdout (round 8 job changes)", messages: [], pairs: TUNING8_JOB_HOLDOUT, blind: false },
      // round 9: written from blind7's miss causes before the fixes; scored before and after (README.md)
      {
        name: "tuning9-sig-holdout (round 9 signatures)",
        messages: TUNING9_SIG_HOLDOUT,
        pairs: [],
        blind: false,
        signaturesOnly: true,
      },
      { name: "tuning9-job-holdout (round 9 job changes)", messages: [], pairs: TUNING9_JOB_HOLDOUT, blind: false },
      // round 9, B: written after the fixes and scored once before its own fixes (README.md)
      {
        name: "tuning9-sig-holdout B (round 9 signatures)",
        messages: TUNING9_SIG_HOLDOUT_B,
        pairs: [],
        blind: false,
        signaturesOnly: true,
      },
      { name: "tuning9-job-holdout B (round 9 job changes)", messages: [], pairs: TUNING9_JOB_HOLDOUT_B, blind: false },
      // round 9: written from blind7's miss causes before any fix; first run recorded, fit since (README.md)
      {
        name: "tuning9-commit-holdout (round 9 commitments)",
        messages: TUNING9_COMMIT_HOLDOUT,
        pairs: [],
        blind: false,
        commitmentsOnly: true,
      },
      { name: "tuning-sentiment (round 4)", messages: TUNING_SENTIMENT, pairs: [], blind: false, sentimentOnly: true },
      ...(await loadBlindDirs(new URL("./fixtures/", import.meta.url))).map(asDevOrBlind),
      // independent training sets (round 8): another author each, scored like the blind sets but not marked
      ...(await loadBlindDirs(new URL("./fixtures/", import.meta.url), TRAINING_DIRS)).map((set) => ({
        ...set,
        blind: false,
        name: `training, ${set.name}`,
      })),
    ];
    const out: string[] = [];
    for (const set of sets) {
      const { rows, checks } = scoreSet(set);
      out.push(`\n== ${set.name} ==\n${table(rows)}`);
      if (set.blind) out.push(checks.map(([what, ok]) => `  ${ok ? "ok  " : "MISS"} ${what}`).join("\n"));
      expect(rows.length).toBeGreaterThan(0);
    }
    console.log(out.join("\n"));
  }, 1_800_000);
});
