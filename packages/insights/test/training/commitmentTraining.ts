/**
 * Round 17 (cm17): training data and out-of-author evaluation of the learned promise reader (src/commitmentModel.ts).
 *
 * Rows are the clauses `extractCommitments` asks its `PromiseReader` about: the clause units (`clauseUnits`) in which
 * no rule matcher read a promise, of every message of every set that labels commitments. A clause is a promise when a
 * labelled commitment's `includes` (lower-cased) is inside it. An `includes` no single clause holds (it spans a clause
 * break, or the rules' splitting cut it) says that its sentence holds a promise without saying which clause: the
 * clauses of that sentence are left out of training (neither promise nor non-promise), and at evaluation such a label
 * can only be found by the rules, as before.
 */

import { ContextTracker, EXTRA_FAMILIES, promiseFeatures } from "../../src/commitmentModel";
import {
  type ClauseUnit,
  clauseUnits,
  extractCommitments,
  type PromiseReader,
  readClause,
} from "../../src/commitments";
import type { LinearModel, SparseFeatures } from "../../src/linearModel";
import { linearProbabilities } from "../../src/linearModel";
import { messageBody } from "../../src/text";
import { evalCommitments } from "../evaluate";
import type { LabelledMessage } from "../fixtures/corpus";
import { PR } from "../metrics";
import { type LabelledSet, leaveGroupsOut, setsLabelling } from "./labelledSets";
import { type TrainingRow, trainSoftmax } from "./softmax";

const PROMISE_CLASSES = ["other", "promise"] as const;

interface ReadClause {
  clause: string;
  unit: ClauseUnit;
  features: SparseFeatures;
  /** true a promise, false none, null left out (a label of its sentence spans clauses). */
  label: boolean | null;
}

interface ReadMessage {
  /** The clauses the reader is asked about (no rule matcher read a promise in them). */
  asked: ReadClause[];
  /** Every clause of the message, asked or not (the rows of a model trained on all clauses). */
  all: ReadClause[];
}

const cache = new WeakMap<LabelledMessage, ReadMessage>();

/** The clauses of a labelled message with their features and labels (read once). */
export function readMessage(m: LabelledMessage): ReadMessage {
  const hit = cache.get(m);
  if (hit) return hit;
  // round 19 (cm20): which clauses the rules read (the extractor tells its reader, in order) and which it asks about
  const reads: boolean[] = [];
  const askedAt: number[] = [];
  let at = -1;
  const ask = () => {
    askedAt.push(at);
    return false;
  };
  const recorder = Object.assign(ask, {
    observe: (_unit: ClauseUnit, read: boolean, _msg: unknown, index: number) => {
      reads[index] = read;
      at = index;
    },
  });
  extractCommitments(m.msg, { timezone: m.timezone }, recorder);
  const includes = m.expect.commitments.map((c) => c.includes.toLowerCase());
  const units = clauseUnits(messageBody(m.msg.text)).map((unit) => ({ clause: readClause(unit), unit }));
  const tracker = new ContextTracker();
  const contexts = units.map(({ unit }, i) => tracker.observe(unit, reads[i] ?? false, i));
  const spanning = includes.filter((inc) => !units.some((u) => u.clause.toLowerCase().includes(inc)));
  const read = ({ clause, unit }: { clause: string; unit: ClauseUnit }, i: number): ReadClause => {
    const lower = clause.toLowerCase();
    const positive = includes.some((inc) => lower.includes(inc));
    const spans = spanning.some((inc) => unit.sentence.toLowerCase().includes(inc));
    const f = promiseFeatures(clause, unit, m.msg.direction, m.msg.sentAt, contexts[i], true, m.timezone);
    return { clause, unit, features: f, label: positive ? true : spans ? null : false };
  };
  const all = units.map(read);
  const result = { asked: askedAt.map((i) => all[i]!), all };
  cache.set(m, result);
  return result;
}

export interface PromiseConfig {
  l2: number;
  epochs: number;
  minCount: number;
  /** A feature must be written by at least this many authors (the rules' developer is one author). */
  minAuthors: number;
  /** Weight of a rules-author row relative to an independent author's. */
  rulesWeight: number;
  /** Weight of a promise row relative to a non-promise row (promises are rare among the clauses asked). */
  positiveWeight: number;
  /** Train on the clauses the reader is asked about, or on every clause (the promises the rules read too). */
  rows: "asked" | "all";
  /** Decimals the weights are rounded to (trainSoftmax's default 4). */
  decimals?: number;
  /** Round 19 (cm20): keep the context features (`c:…`, what the rules read before the clause). */
  context?: boolean;
  /** Round 21 (cm22): the extra feature families kept (`EXTRA_FAMILIES`: none unless named). */
  extra?: readonly string[];
}

const authorOf = (s: LabelledSet) => (s.author === "rules" ? "rules" : s.name);

function promiseRows(sets: readonly LabelledSet[], config: PromiseConfig): TrainingRow[] {
  const labelled = setsLabelling(sets, "commitments");
  const authors = new Map<string, Set<string>>();
  for (const s of labelled)
    for (const m of s.messages)
      for (const a of readMessage(m)[config.rows])
        for (const name of a.features.keys()) {
          const seen = authors.get(name) ?? new Set<string>();
          seen.add(authorOf(s));
          authors.set(name, seen);
        }
  const family = (name: string) => name.slice(0, name.indexOf(":"));
  const kept = (name: string) =>
    (authors.get(name)?.size ?? 0) >= config.minAuthors &&
    (config.context === true || !name.startsWith("c:")) &&
    (!(EXTRA_FAMILIES as readonly string[]).includes(family(name)) || (config.extra ?? []).includes(family(name)));
  return labelled.flatMap((s) =>
    s.messages.flatMap((m) =>
      readMessage(m)
        [config.rows].filter((a) => a.label !== null)
        .map((a) => ({
          features: new Map([...a.features].filter(([name]) => kept(name))),
          label: a.label ? "promise" : "other",
          weight: (s.author === "rules" ? config.rulesWeight : 1) * (a.label ? config.positiveWeight : 1),
        })),
    ),
  );
}

export const trainPromiseModel = (sets: readonly LabelledSet[], config: PromiseConfig): LinearModel =>
  trainSoftmax(promiseRows(sets, config), PROMISE_CLASSES, config);

/** P(promise) of one clause. */
export function promiseProbability(model: LinearModel, features: SparseFeatures): number {
  return linearProbabilities(model, features)[model.classes.indexOf("promise")]!;
}

/**
 * A reader that says yes at `threshold` and vetoes a matcher's read below `veto` (0: none), reading the cached features
 * of the labelled message's clauses.
 */
function modelReader(model: LinearModel, threshold: number, m: LabelledMessage, veto = 0): PromiseReader {
  // the extractor observes clause `at` before asking about it: its features, context included, are read once
  const { all } = readMessage(m);
  let at = 0;
  const p = () => promiseProbability(model, all[at]!.features);
  const observe = (_unit: ClauseUnit, _read: boolean, _msg: unknown, index: number) => {
    at = index;
  };
  const accept = Object.assign(() => p() >= threshold, { observe });
  return veto > 0 ? Object.assign(accept, { veto: () => p() < veto }) : accept;
}

export interface CommitmentScores {
  text: PR;
  withDue: PR;
}

/** Text and +due counts of a set, by the rules alone (model null) or with the reader at `threshold`. */
function scoreSet(
  set: readonly LabelledMessage[],
  model: LinearModel | null,
  threshold: number,
  veto = 0,
): CommitmentScores {
  const text = new PR();
  const withDue = new PR();
  for (const m of set) {
    const r = evalCommitments([m], model === null ? null : modelReader(model, threshold, m, veto));
    text.add(r.pr);
    withDue.add(r.withDue);
  }
  return { text, withDue };
}

export interface PromiseOutOfAuthor {
  set: string;
  rules: CommitmentScores;
  model: CommitmentScores;
}

/**
 * Each independent author's set scored by the rules alone and by the rules plus a reader trained without that author
 * (the rules' own sets always train), at one threshold (and round 19's veto of the rules' reads below `veto`). With
 * `groups`, the independent authors are left out that many groups at a time (`leaveGroupsOut`) instead of one by one.
 */
export function promiseOutOfAuthor(
  sets: readonly LabelledSet[],
  config: PromiseConfig,
  threshold: number,
  veto = 0,
  groups = Number.POSITIVE_INFINITY,
): PromiseOutOfAuthor[] {
  return leaveGroupsOut(
    setsLabelling(sets, "commitments"),
    groups,
    (training) => trainPromiseModel(training, config),
    (model, held) => ({
      rules: scoreSet(held.messages, null, 1),
      model: scoreSet(held.messages, model, threshold, veto),
    }),
  ).map(({ set, score }) => ({ set, ...score }));
}

/** Counts summed over sets. */
export function pooledScores(scores: readonly CommitmentScores[]): CommitmentScores {
  const text = new PR();
  const withDue = new PR();
  for (const s of scores) {
    text.add(s.text);
    withDue.add(s.withDue);
  }
  return { text, withDue };
}
