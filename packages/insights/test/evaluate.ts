/** Corpus evaluators: each returns precision/recall figures plus the individual misses. */

import { readPromise } from "../src/commitmentModel";
import { type Commitment, type CommitmentOptions, extractCommitments, type PromiseReader } from "../src/commitments";
import { detectDealCue } from "../src/dealStage";
import { detectJobChange, detectJobChangeInMessage } from "../src/jobChange";
import { extractRelationships } from "../src/relationships";
import { scoreSentiment } from "../src/sentiment";
import { parseSignature } from "../src/signature";
import type { JobChangeCase, LabelledMessage } from "./fixtures/corpus";
import { linkKey, PR, textKey } from "./metrics";

const DAY_MS = 86_400_000;

/** What `evalCommitments` scores: today's `extractCommitments`, or an old copy of it (bench/promiseFirstContact.ts). */
export type CommitmentExtractor = (
  msg: LabelledMessage["msg"],
  opts: CommitmentOptions,
  reader: PromiseReader | null,
) => ReadonlyArray<Pick<Commitment, "text" | "dueAt">>;

/**
 * Round 17: `reader` is the learned promise reader asked where the rules read nothing; by default the one the extractor
 * ships (`extractDeterministic`), null for the rules alone.
 */
export function evalCommitments(
  set: readonly LabelledMessage[],
  reader: PromiseReader | null = readPromise,
  extract: CommitmentExtractor = extractCommitments,
): {
  pr: PR;
  /** A hit only when the text matches AND the deadline is within a day of the label (or both absent). */
  withDue: PR;
  dueAccuracy: number;
  dueOk: number;
  dueTotal: number;
} {
  const pr = new PR();
  const withDue = new PR();
  let dueOk = 0;
  let dueTotal = 0;
  for (const { msg, expect: exp, timezone, readerTimezone } of set) {
    const got = extract(msg, { timezone, ...(readerTimezone ? { readerTimezone } : {}) }, reader);
    const unmatched = [...got];
    for (const e of exp.commitments) {
      const i = unmatched.findIndex((g) => g.text.toLowerCase().includes(e.includes.toLowerCase()));
      if (i < 0) {
        pr.fn++;
        withDue.fn++;
        pr.misses.push(`${msg.id} FN "${e.includes}"`);
        continue;
      }
      const g = unmatched.splice(i, 1)[0]!;
      pr.tp++;
      dueTotal++;
      const want = e.dueAt === null ? null : Date.parse(e.dueAt);
      const close = want === null || g.dueAt === null ? want === g.dueAt : Math.abs(g.dueAt - want) <= DAY_MS;
      if (close) withDue.tp++;
      else {
        withDue.fn++;
        withDue.fp++;
      }
      if (g.dueAt === want) dueOk++;
      else {
        const gotIso = g.dueAt === null ? null : new Date(g.dueAt).toISOString();
        pr.misses.push(`${msg.id} DUE "${e.includes}" got ${gotIso} want ${e.dueAt}`);
      }
    }
    for (const g of unmatched) {
      pr.fp++;
      withDue.fp++;
      pr.misses.push(`${msg.id} FP "${g.text}"`);
    }
  }
  return { pr, withDue, dueAccuracy: dueTotal ? dueOk / dueTotal : 1, dueOk, dueTotal };
}

export function evalSignatures(set: LabelledMessage[], opts: { firstNameAlone?: boolean } = {}): PR {
  const pr = new PR();
  for (const { msg, expect: exp, region } of set) {
    const got = parseSignature(msg.text, { defaultRegion: region, ...opts });
    const want = exp.signature ?? {};
    for (const field of ["name", "title", "company"] as const) {
      const w = want[field] ?? null;
      const g = got?.[field] ?? null;
      if (w !== null && g !== null && textKey(w) === textKey(g)) {
        pr.tp++;
        continue;
      }
      if (g !== null) {
        pr.fp++;
        pr.misses.push(`${msg.id} FP ${field}="${g}"${w ? ` want "${w}"` : ""}`);
      }
      if (w !== null) {
        pr.fn++;
        pr.misses.push(`${msg.id} FN ${field}="${w}"`);
      }
    }
    const lists = [
      ["phones", (s: string) => s],
      ["emails", (s: string) => s.toLowerCase()],
      ["links", linkKey],
    ] as const;
    for (const [field, key] of lists) {
      const w = new Set((want[field] ?? []).map(key));
      const g = new Set((got?.[field] ?? []).map(key));
      // Phones are always labelled exhaustively. Emails/links are only scored for precision when the
      // label lists that field (a label may omit e.g. the sender's own address it already knows).
      const labelled = field === "phones" || want[field] !== undefined || exp.signature === undefined;
      for (const x of g) {
        if (w.has(x)) pr.tp++;
        else if (labelled) {
          pr.fp++;
          pr.misses.push(`${msg.id} FP ${field} ${x}`);
        }
      }
      for (const x of w) {
        if (!g.has(x)) {
          pr.fn++;
          pr.misses.push(`${msg.id} FN ${field} ${x}`);
        }
      }
    }
  }
  return pr;
}

export function evalSentiment(set: LabelledMessage[]) {
  const classes = { positive: new PR(), neutral: new PR(), negative: new PR() };
  const sign = { positive: 1, neutral: 0, negative: -1 } as const;
  let correct = 0;
  const misses: string[] = [];
  for (const { msg, expect: exp } of set) {
    const got = scoreSentiment(msg.text);
    const g = sign[got.label];
    if (g === exp.sentiment) correct++;
    else misses.push(`${msg.id} got ${got.label} (${got.score}) want ${exp.sentiment}`);
    for (const [label, pr] of Object.entries(classes) as Array<[keyof typeof sign, PR]>) {
      const isG = g === sign[label];
      const isW = exp.sentiment === sign[label];
      if (isG && isW) pr.tp++;
      else if (isG) pr.fp++;
      else if (isW) pr.fn++;
    }
  }
  const all = Object.values(classes);
  return {
    accuracy: correct / set.length,
    macroPrecision: all.reduce((a, p) => a + p.precision, 0) / all.length,
    macroRecall: all.reduce((a, p) => a + p.recall, 0) / all.length,
    classes,
    misses,
  };
}

export function evalDealStage(set: LabelledMessage[]): PR {
  const pr = new PR();
  for (const { msg, expect: exp } of set) {
    const got = detectDealCue(msg)?.stage ?? null;
    if (got !== null && got === exp.dealStage) {
      pr.tp++;
      continue;
    }
    if (got !== null) {
      pr.fp++;
      pr.misses.push(`${msg.id} FP ${got}${exp.dealStage ? ` want ${exp.dealStage}` : ""}`);
    }
    if (exp.dealStage !== null) {
      pr.fn++;
      pr.misses.push(`${msg.id} FN ${exp.dealStage}`);
    }
  }
  return pr;
}

export function evalRelationships(set: LabelledMessage[]): PR {
  const pr = new PR();
  for (const { msg, expect: exp, region } of set) {
    const signature = parseSignature(msg.text, { defaultRegion: region });
    const got = extractRelationships(msg, { signature, ownDomains: ["switchboard.dev"] });
    const want = [...(exp.relationships ?? [])];
    for (const g of got) {
      const i = want.findIndex(
        (w) =>
          w.type === g.type &&
          [g.toRef.email, g.toRef.name].some((r) => r !== undefined && textKey(r) === textKey(w.to)),
      );
      if (i >= 0) {
        want.splice(i, 1);
        pr.tp++;
      } else {
        pr.fp++;
        pr.misses.push(`${msg.id} FP ${g.type} ${g.toRef.name ?? ""} ${g.toRef.email ?? ""}`);
      }
    }
    for (const w of want) {
      pr.fn++;
      pr.misses.push(`${msg.id} FN ${w.type} ${w.to}`);
    }
  }
  return pr;
}

export function evalJobChanges(cases: JobChangeCase[]): { pr: PR; kindAccuracy: number } {
  const pr = new PR();
  let kindOk = 0;
  for (const [i, c] of cases.entries()) {
    const a = parseSignature(c.previous);
    // the next message may announce the change in its body or show it in its signature
    const got =
      detectJobChangeInMessage({ title: a?.title, company: a?.company }, { text: c.next }) ??
      detectJobChange({ title: a?.title, company: a?.company }, {});
    if (got.kind === c.expected.kind) kindOk++;
    const detail = `${JSON.stringify(got.from)} -> ${JSON.stringify(got.to)}`;
    if (got.changed && c.expected.changed) pr.tp++;
    else if (got.changed) {
      pr.fp++;
      pr.misses.push(`pair ${i} FP ${got.kind}: ${detail}`);
    } else if (c.expected.changed) {
      pr.fn++;
      pr.misses.push(`pair ${i} FN ${c.expected.kind}: ${detail}`);
    }
  }
  return { pr, kindAccuracy: kindOk / cases.length };
}
