/**
 * Round 17 (cm17): the learned promise reader at simulated first contact. Each of eight independent authors is scored
 * by the rules as they were when that author was first scored (its `src/` taken from git at the commit below, with the
 * `PromiseReader` hook patched in), alone and with a reader trained on every other labelled set (the shipped settings,
 * test/commitmentModel.test.ts). Today's rules have read every one of these authors, so leaving one out with today's
 * rules cannot show what the reader adds on an author nobody read; this can. Run from the repository root:
 * `pnpm exec tsx packages/insights/bench/promiseFirstContact.ts` (about 3 minutes; it writes old sources to a temporary
 * directory and deletes it).
 */
import { execSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promiseFeatures } from "../src/commitmentModel";
import { PROMISE_TRAINING } from "../src/commitmentModelData";
import { type PromiseReader, refusedByForm } from "../src/commitments";
import { type CommitmentExtractor, evalCommitments } from "../test/evaluate";
import { PR } from "../test/metrics";
import { promiseProbability, trainPromiseModel } from "../test/training/commitmentTraining";
import { loadLabelledSets, setsLabelling } from "../test/training/labelledSets";

/** Each author and the commit whose rules first scored it (README's first-contact sections). */
const FIRST_CONTACT: ReadonlyArray<[set: string, commit: string]> = [
  ["blind8", "2df2a97"],
  ["blind9", "06d9e79"],
  ["train10", "0abe94a"],
  ["blind10", "cf55297"],
  ["blind11", "fc3c5b7"],
  ["blind13", "636bad8"],
  ["blind14", "8941d0c"],
  ["blind16", "deca850"],
];

/** The hook of today's `extractCommitments`, written into an old copy: asked only where every matcher read nothing. */
function patch(source: string): string {
  const steps: Array<[string | RegExp, string]> = [
    [
      "export function extractCommitments(msg: MessageInput, opts: CommitmentOptions = {}): Commitment[] {",
      "export function extractCommitments(msg: MessageInput, opts: CommitmentOptions = {}, reader: any = null): Commitment[] {",
    ],
    [
      "for (const { clause, conditioned, sentence: whole, item } of clauses) {",
      "for (const unit of clauses) {\n    const { clause, conditioned, sentence: whole, item } = unit;",
    ],
    [/\n {4}const action =(\n| )/, "\n    let action =$1"],
    [
      /\n {4}if \(action === null\) continue;/,
      "\n    const learned = action === null && reader?.(sentence, unit, msg) ? sentence : null;\n    if (learned !== null) action = learned;\n    if (action === null) continue;",
    ],
    [
      /\n {4}const pieces = splitGapped\(/,
      "\n    const pieces = learned !== null ? [{ text: sentence, action }] : splitGapped(",
    ],
  ];
  return steps.reduce((s, [from, to]) => {
    const next = s.replace(from, to);
    if (next === s) throw new Error(`promiseFirstContact: cannot patch ${String(from)}`);
    return next;
  }, source);
}

const pkg = fileURLToPath(new URL("..", import.meta.url));
const sets = setsLabelling(await loadLabelledSets(), "commitments");
const { threshold, ...config } = PROMISE_TRAINING;
const dir = mkdtempSync(join(tmpdir(), "promise-first-contact-"));
const f = (x: number) => x.toFixed(3);
const pooled = { rules: { text: new PR(), due: new PR() }, reader: { text: new PR(), due: new PR() } };
const score = (...args: Parameters<typeof evalCommitments>) => {
  const r = evalCommitments(...args);
  return { text: r.pr, due: r.withDue };
};
try {
  symlinkSync(join(pkg, "node_modules"), join(dir, "node_modules"));
  for (const [name, commit] of FIRST_CONTACT) {
    const held = sets.find((s) => s.name === name);
    if (!held) throw new Error(`promiseFirstContact: no set ${name}`);
    const src = join(dir, commit);
    mkdirSync(src);
    execSync(`git archive ${commit} src | tar -x -C ${src} --strip-components=1`, { cwd: pkg });
    const file = join(src, "commitments.ts");
    writeFileSync(file, patch(readFileSync(file, "utf8")));
    const extract = (await import(pathToFileURL(file).href)).extractCommitments as CommitmentExtractor;
    const model = trainPromiseModel(
      sets.filter((s) => s !== held),
      { ...config },
    );
    const rules = score(held.messages, null, extract);
    // today's form refusals, as the hook asks them
    const learned: PromiseReader = (clause, unit, msg) =>
      !refusedByForm(clause) &&
      promiseProbability(model, promiseFeatures(clause, unit, msg.direction, msg.sentAt)) >= threshold;
    const reader = score(held.messages, learned, extract);
    for (const [into, from] of [
      [pooled.rules, rules],
      [pooled.reader, reader],
    ] as const) {
      into.text.add(from.text);
      into.due.add(from.due);
    }
    console.log(
      `${name.padEnd(8)} @${commit} rules ${f(rules.text.precision)}/${f(rules.text.recall)}/${f(rules.text.f1)} +due ${f(rules.due.f1)}` +
        ` | + reader ${f(reader.text.precision)}/${f(reader.text.recall)}/${f(reader.text.f1)} +due ${f(reader.due.f1)}`,
    );
  }
  const p = pooled;
  console.log(
    `pooled            rules ${f(p.rules.text.precision)}/${f(p.rules.text.recall)}/${f(p.rules.text.f1)} +due ${f(p.rules.due.f1)}` +
      ` | + reader ${f(p.reader.text.precision)}/${f(p.reader.text.recall)}/${f(p.reader.text.f1)} +due ${f(p.reader.due.f1)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
