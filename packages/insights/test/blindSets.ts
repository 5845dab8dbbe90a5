/**
 * Loader for the independent blind sets (fixtures/blind2/, blind3/, …), shared by the evaluation report
 * and its own test. Kept apart from evaluation.test.ts so that loading can be checked without scoring.
 */
import { readdirSync } from "node:fs";
import type { JobChangeCase, LabelledMessage } from "./fixtures/corpus";

export interface EvalSet {
  name: string;
  messages: LabelledMessage[];
  pairs: JobChangeCase[];
  blind: boolean;
  /** Deal-stage labels only: every other field is left unscored. */
  dealOnly?: boolean;
  /** Signature labels only. */
  signaturesOnly?: boolean;
  /** Commitment labels only. */
  commitmentsOnly?: boolean;
  /** Sentiment labels only. */
  sentimentOnly?: boolean;
}

const isMessage = (x: unknown): x is LabelledMessage =>
  typeof x === "object" && x !== null && "msg" in x && "expect" in x;
const isPair = (x: unknown): x is JobChangeCase =>
  typeof x === "object" && x !== null && "previous" in x && "next" in x && "expected" in x;

/** An exported value that is a labelled-message array / a job-change pair array. */
const asMessages = (x: unknown): LabelledMessage[] | null =>
  Array.isArray(x) && x.length > 0 && x.every(isMessage) ? x : null;
const asPairs = (x: unknown): JobChangeCase[] | null =>
  Array.isArray(x) && x.length > 0 && x.every(isPair) ? x : null;

/** Directory names of the independent training sets (train7a/, train7b/, …): never a blind directory. */
export const TRAINING_DIRS = /^train\d+[a-z]?$/;

/**
 * Every independent blind set: each directory `blind<N>/` under `root` (normally test/fixtures/) (blind2, blind3, …) is loaded the same
 * way. Its `index.ts` exports `<PREFIX>_SETS` (style → messages), `<PREFIX>_ALL` and `<PREFIX>_JOB_CHANGES`
 * (optionally `<PREFIX>_<STYLE>_JOB_CHANGES` per style); each style is one set and the whole directory one
 * more, all marked against the issue-13 targets. A directory without `*_SETS` in its index is read file by
 * file instead: every exported array of labelled messages or job-change pairs. `dirPattern` picks other
 * directories in the same layout (the independent training sets train7a/, train7b/).
 */
export async function loadBlindDirs(root: URL, dirPattern: RegExp = /^blind\d*$/): Promise<EvalSet[]> {
  const dirs = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && dirPattern.test(e.name))
    .map((e) => e.name)
    .sort();
  const sets: EvalSet[] = [];
  for (const name of dirs) {
    const dir = new URL(`${name}/`, root);
    const files = readdirSync(dir).filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f));
    const styles: EvalSet[] = [];
    let all: EvalSet | null = null;
    if (files.includes("index.ts")) {
      const mod = (await import(new URL("index.ts", dir).href)) as Record<string, unknown>;
      const setsKey = Object.keys(mod).find((k) => /_SETS$/.test(k));
      const bySet = setsKey ? mod[setsKey] : undefined;
      if (setsKey && bySet && typeof bySet === "object") {
        const prefix = setsKey.replace(/_SETS$/, "");
        for (const [style, value] of Object.entries(bySet as Record<string, unknown>)) {
          const messages = asMessages(value);
          const pairs = asPairs(mod[`${prefix}_${style.toUpperCase()}_JOB_CHANGES`]) ?? [];
          if (messages) styles.push({ name: `${name}/${style}`, messages, pairs, blind: true });
        }
        const messages = asMessages(mod[`${prefix}_ALL`]) ?? styles.flatMap((x) => x.messages);
        const pairs = asPairs(mod[`${prefix}_JOB_CHANGES`]) ?? styles.flatMap((x) => x.pairs);
        all = { name: `${name} (all)`, messages, pairs, blind: true };
      }
    }
    if (!all) {
      // no index with *_SETS: every other module is one style (index.ts would re-export and double-count)
      for (const file of files.filter((f) => f !== "index.ts").sort()) {
        const mod = (await import(new URL(file, dir).href)) as Record<string, unknown>;
        const messages = Object.values(mod).flatMap((v) => asMessages(v) ?? []);
        const pairs = Object.values(mod).flatMap((v) => asPairs(v) ?? []);
        if (messages.length || pairs.length)
          styles.push({ name: `${name}/${file.replace(/\.ts$/, "")}`, messages, pairs, blind: true });
      }
      all = {
        name: `${name} (all)`,
        messages: styles.flatMap((x) => x.messages),
        pairs: styles.flatMap((x) => x.pairs),
        blind: true,
      };
    }
    sets.push(...styles);
    if (all.messages.length || all.pairs.length) sets.push(all);
  }
  return sets;
}
