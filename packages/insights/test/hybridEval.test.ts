/**
 * Both paths of issue 13 item 4 on the same blind sets (fixtures/blind<N>/): the deterministic
 * extractor alone, and the hybrid extractor (src/hybrid.ts) with a model injected through `generate`.
 * No real model is called (none is bundled, nothing is downloaded); three deterministic stand-ins:
 *
 *   - keep:    answers `{}` (keep every candidate). The hybrid machinery must then score exactly as
 *              the deterministic path: routing, prompting, parsing and merging cost nothing.
 *   - oracle:  answers the gold labels of the message it is asked about. This is the CEILING of the
 *              hybrid design (which messages `uncertainty` routes, how a review merges), not the
 *              quality of any model: a real model scores between `keep` and `oracle`.
 *   - inventor: answers commitments and a deal quote that are not in the message, and a null
 *              sentiment change. Validation must drop all of it: scores equal the deterministic path.
 *
 * The table is printed with `pnpm --filter @switchboard/insights exec vitest run test/hybridEval.test.ts`;
 * the invariants above are asserted. Blind labels are read only by the oracle, inside this test.
 */
import { describe, expect, it } from "vitest";
import { type Extraction, extractDeterministic } from "../src/extractor";
import { createHybridExtractor, uncertainty } from "../src/hybrid";
import { type EvalSet, loadBlindDirs } from "./blindSets";
import type { LabelledMessage } from "./fixtures/corpus";
import { PR } from "./metrics";

const DAY_MS = 86_400_000;
const SIGN = { positive: 1, neutral: 0, negative: -1 } as const;

interface Scores {
  routed: number;
  sentimentCorrect: number;
  deal: PR;
  commitments: PR;
  n: number;
}

function score(set: LabelledMessage[], results: Extraction[], routed: number): Scores {
  const deal = new PR();
  const commitments = new PR();
  let sentimentCorrect = 0;
  set.forEach(({ expect: exp }, i) => {
    const got = results[i]!;
    if (SIGN[got.sentiment.label] === exp.sentiment) sentimentCorrect++;
    const stage = got.dealCue?.stage ?? null;
    if (stage !== null && stage === exp.dealStage) deal.tp++;
    else {
      if (stage !== null) deal.fp++;
      if (exp.dealStage !== null) deal.fn++;
    }
    // A hit: the text matches and the deadline is within a day (or both absent), as in evaluate.ts.
    const unmatched = [...got.commitments];
    for (const e of exp.commitments) {
      const j = unmatched.findIndex((g) => g.text.toLowerCase().includes(e.includes.toLowerCase()));
      if (j < 0) {
        commitments.fn++;
        continue;
      }
      const g = unmatched.splice(j, 1)[0]!;
      const want = e.dueAt === null ? null : Date.parse(e.dueAt);
      const close = want === null || g.dueAt === null ? want === g.dueAt : Math.abs(g.dueAt - want) <= DAY_MS;
      if (close) commitments.tp++;
      else {
        commitments.fp++;
        commitments.fn++;
      }
    }
    commitments.fp += unmatched.length;
  });
  return { routed, sentimentCorrect, deal, commitments, n: set.length };
}

type Model = (item: LabelledMessage) => string;

/** A short exact fragment of the message to quote (the first non-empty line, up to 60 characters). */
const someQuote = (text: string) =>
  (text.split("\n").find((l) => l.trim().length >= 3) ?? text).trim().slice(0, 60).trim();

const MODELS: Record<string, Model> = {
  keep: () => "{}",
  oracle: ({ msg, expect: exp }) =>
    JSON.stringify({
      sentiment: {
        label: exp.sentiment === 1 ? "positive" : exp.sentiment === -1 ? "negative" : "neutral",
        score: exp.sentiment * 0.6,
      },
      dealStage: exp.dealStage ? { stage: exp.dealStage, quote: someQuote(msg.text) } : { stage: null, quote: null },
      commitments: exp.commitments.map((c) => ({ quote: c.includes, dueAt: c.dueAt })),
    }),
  inventor: () =>
    JSON.stringify({
      dealStage: { stage: "won", quote: "We signed the contract for 500 seats today" },
      commitments: [{ quote: "I will refund everything by Friday", dueAt: "2026-01-09T17:00:00Z" }],
    }),
};

async function run(set: LabelledMessage[]) {
  const deterministic = set.map(({ msg, timezone }) => extractDeterministic(msg, { timezone }));
  const routed = set.filter(({ msg }, i) => uncertainty(msg, deterministic[i]!).length > 0).length;
  const out: Record<string, Scores> = { deterministic: score(set, deterministic, 0) };
  for (const [name, model] of Object.entries(MODELS)) {
    let current: LabelledMessage | null = null;
    let asked = 0;
    const hybrid = createHybridExtractor({
      generate: async () => {
        asked++;
        return model(current!);
      },
    });
    const results: Extraction[] = [];
    for (const item of set) {
      current = item;
      results.push(await hybrid.extract(item.msg, { timezone: item.timezone }));
    }
    expect(asked).toBe(routed);
    out[name] = score(set, results, asked);
  }
  return out;
}

const f = (x: number) => x.toFixed(3);
function row(name: string, s: Scores, dealOnly: boolean) {
  const cells = [
    name.padEnd(13),
    `routed ${String(s.routed).padStart(3)}/${s.n}`,
    `deal P ${f(s.deal.precision)} R ${f(s.deal.recall)} F1 ${f(s.deal.f1)}`,
  ];
  if (!dealOnly)
    cells.push(`sentiment acc ${f(s.sentimentCorrect / s.n)}`, `commitments(+due) F1 ${f(s.commitments.f1)}`);
  return cells.join(" | ");
}

describe("deterministic vs hybrid (model injected) on the blind sets", async () => {
  const sets: EvalSet[] = (await loadBlindDirs(new URL("./fixtures/", import.meta.url))).filter(
    (s) => s.messages.length > 0 && !s.signaturesOnly && s.name.endsWith("(all)"),
  );

  it("finds the blind sets", () => {
    expect(sets.length).toBeGreaterThan(0);
  });

  for (const set of sets) {
    // Three extractions of every message on 2 shared cores: give it time.
    it(`${set.name}: keep = deterministic, inventor = deterministic, oracle >= deterministic`, {
      timeout: 120_000,
    }, async () => {
      const s = await run(set.messages);
      const lines = [`\n${set.name} (${set.messages.length} messages)`];
      for (const [name, sc] of Object.entries(s)) lines.push(`  ${row(name, sc, Boolean(set.dealOnly))}`);
      console.log(lines.join("\n"));
      const d = s.deterministic!;
      for (const name of ["keep", "inventor"]) {
        const m = s[name]!;
        expect(m.deal.f1, `${name} deal`).toBeCloseTo(d.deal.f1, 10);
        expect(m.commitments.f1, `${name} commitments`).toBeCloseTo(d.commitments.f1, 10);
        expect(m.sentimentCorrect, `${name} sentiment`).toBe(d.sentimentCorrect);
      }
      const o = s.oracle!;
      expect(o.deal.f1).toBeGreaterThanOrEqual(d.deal.f1);
      if (!set.dealOnly) {
        expect(o.sentimentCorrect).toBeGreaterThanOrEqual(d.sentimentCorrect);
        expect(o.commitments.f1).toBeGreaterThanOrEqual(d.commitments.f1);
      }
    });
  }
});
