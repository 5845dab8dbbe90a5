import { describe, expect, it } from "vitest";
import { CORPUS, JOB_CHANGES } from "./fixtures/corpus";
import { PR, linkKey, textKey } from "./metrics";
import { extractCommitments } from "../src/commitments";
import { parseSignature } from "../src/signature";
import { scoreSentiment } from "../src/sentiment";
import { detectDealCue } from "../src/dealStage";
import { extractRelationships } from "../src/relationships";
import { detectJobChange } from "../src/jobChange";

/** Minimum figures; keep in sync with README.md "Evaluation". */
export const THRESHOLDS = {
  commitments: { precision: 0.9, recall: 0.9, dueDateAccuracy: 0.9 },
  signatures: { precision: 0.9, recall: 0.9 },
  sentiment: { accuracy: 0.8, precision: 0.75, recall: 0.75 },
  dealStage: { precision: 0.85, recall: 0.8 },
  relationships: { precision: 0.9, recall: 0.9 },
  jobChanges: { precision: 0.9, recall: 0.9, kindAccuracy: 0.9 },
} as const;

const report: string[] = [];
const log = (line: string) => {
  report.push(line);
  console.log(line);
};

describe("labelled corpus", () => {
  it("has at least 60 messages across all channels, with hard negatives", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    const channels = new Set(CORPUS.map((c) => c.msg.channel));
    for (const ch of ["email", "sms", "whatsapp", "chat"]) expect(channels.has(ch as never)).toBe(true);
    const ids = new Set(CORPUS.map((c) => c.msg.id));
    expect(ids.size).toBe(CORPUS.length);
    const questionsOrConditionals = CORPUS.filter(
      (c) => c.expect.commitments.length === 0 && /\?|\bif\b/i.test(c.msg.text),
    );
    expect(questionsOrConditionals.length).toBeGreaterThanOrEqual(10);
  });

  it("commitments: precision/recall and due dates", () => {
    const pr = new PR();
    let dueOk = 0;
    let dueTotal = 0;
    for (const { msg, expect: exp, timezone } of CORPUS) {
      const got = extractCommitments(msg, { timezone });
      const unmatched = [...got];
      for (const e of exp.commitments) {
        const i = unmatched.findIndex((g) => g.text.toLowerCase().includes(e.includes.toLowerCase()));
        if (i < 0) {
          pr.fn++;
          pr.misses.push(`${msg.id} FN "${e.includes}"`);
          continue;
        }
        const g = unmatched.splice(i, 1)[0]!;
        pr.tp++;
        dueTotal++;
        const want = e.dueAt === null ? null : Date.parse(e.dueAt);
        if (g.dueAt === want) dueOk++;
        else pr.misses.push(`${msg.id} DUE "${e.includes}" got ${g.dueAt === null ? null : new Date(g.dueAt).toISOString()} want ${e.dueAt}`);
      }
      for (const g of unmatched) {
        pr.fp++;
        pr.misses.push(`${msg.id} FP "${g.text}"`);
      }
    }
    const dueAcc = dueTotal ? dueOk / dueTotal : 1;
    log(`commitments   ${pr.summary()} dueDateAccuracy=${dueAcc.toFixed(3)} (${dueOk}/${dueTotal})`);
    for (const miss of pr.misses) log(`  - ${miss}`);
    expect(pr.precision).toBeGreaterThanOrEqual(THRESHOLDS.commitments.precision);
    expect(pr.recall).toBeGreaterThanOrEqual(THRESHOLDS.commitments.recall);
    expect(dueAcc).toBeGreaterThanOrEqual(THRESHOLDS.commitments.dueDateAccuracy);
  });

  it("signatures: field-level precision/recall", () => {
    const pr = new PR();
    for (const { msg, expect: exp, region } of CORPUS) {
      const got = parseSignature(msg.text, { defaultRegion: region });
      const want = exp.signature ?? {};
      const scalar = (field: "name" | "title" | "company") => {
        const w = want[field] ?? null;
        const g = got?.[field] ?? null;
        if (w !== null && g !== null && textKey(w) === textKey(g)) pr.tp++;
        else {
          if (g !== null) {
            pr.fp++;
            pr.misses.push(`${msg.id} FP ${field}="${g}"${w ? ` want "${w}"` : ""}`);
          }
          if (w !== null) {
            pr.fn++;
            pr.misses.push(`${msg.id} FN ${field}="${w}"`);
          }
        }
      };
      scalar("name");
      scalar("title");
      scalar("company");
      const list = (field: "phones" | "emails" | "links", key: (s: string) => string) => {
        const w = new Set((want[field] ?? []).map(key));
        const g = new Set((got?.[field] ?? []).map(key));
        // emails/links in a labelled signature that the label omits are not penalised when the label
        // does not mention the field at all; phones are always labelled exhaustively.
        const labelled = field === "phones" || want[field] !== undefined;
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
      };
      list("phones", (s) => s);
      list("emails", (s) => s.toLowerCase());
      list("links", linkKey);
    }
    log(`signatures    ${pr.summary()}`);
    for (const miss of pr.misses) log(`  - ${miss}`);
    expect(pr.precision).toBeGreaterThanOrEqual(THRESHOLDS.signatures.precision);
    expect(pr.recall).toBeGreaterThanOrEqual(THRESHOLDS.signatures.recall);
  });

  it("sentiment: sign accuracy and per-class precision/recall", () => {
    const classes = { positive: new PR(), neutral: new PR(), negative: new PR() };
    const sign = { positive: 1, neutral: 0, negative: -1 } as const;
    let correct = 0;
    const misses: string[] = [];
    for (const { msg, expect: exp } of CORPUS) {
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
    const acc = correct / CORPUS.length;
    const macroP = (classes.positive.precision + classes.neutral.precision + classes.negative.precision) / 3;
    const macroR = (classes.positive.recall + classes.neutral.recall + classes.negative.recall) / 3;
    log(`sentiment     accuracy=${acc.toFixed(3)} macroP=${macroP.toFixed(3)} macroR=${macroR.toFixed(3)}`);
    for (const [label, pr] of Object.entries(classes)) log(`  ${label.padEnd(9)} ${pr.summary()}`);
    for (const miss of misses) log(`  - ${miss}`);
    expect(acc).toBeGreaterThanOrEqual(THRESHOLDS.sentiment.accuracy);
    expect(macroP).toBeGreaterThanOrEqual(THRESHOLDS.sentiment.precision);
    expect(macroR).toBeGreaterThanOrEqual(THRESHOLDS.sentiment.recall);
  });

  it("deal stage cues: precision/recall", () => {
    const pr = new PR();
    for (const { msg, expect: exp } of CORPUS) {
      const got = detectDealCue(msg)?.stage ?? null;
      if (got !== null && got === exp.dealStage) pr.tp++;
      else {
        if (got !== null) {
          pr.fp++;
          pr.misses.push(`${msg.id} FP ${got}${exp.dealStage ? ` want ${exp.dealStage}` : ""}`);
        }
        if (exp.dealStage !== null) {
          pr.fn++;
          pr.misses.push(`${msg.id} FN ${exp.dealStage}`);
        }
      }
    }
    log(`dealStage     ${pr.summary()}`);
    for (const miss of pr.misses) log(`  - ${miss}`);
    expect(pr.precision).toBeGreaterThanOrEqual(THRESHOLDS.dealStage.precision);
    expect(pr.recall).toBeGreaterThanOrEqual(THRESHOLDS.dealStage.recall);
  });

  it("relationships: precision/recall", () => {
    const pr = new PR();
    for (const { msg, expect: exp, region } of CORPUS) {
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
    log(`relationships ${pr.summary()}`);
    for (const miss of pr.misses) log(`  - ${miss}`);
    expect(pr.precision).toBeGreaterThanOrEqual(THRESHOLDS.relationships.precision);
    expect(pr.recall).toBeGreaterThanOrEqual(THRESHOLDS.relationships.recall);
  });

  it("job changes from signature pairs: precision/recall", () => {
    const pr = new PR();
    let kindOk = 0;
    for (const [i, c] of JOB_CHANGES.entries()) {
      const a = parseSignature(c.previous);
      const b = parseSignature(c.next);
      const got = detectJobChange({ title: a?.title, company: a?.company }, { title: b?.title, company: b?.company });
      if (got.kind === c.expected.kind) kindOk++;
      if (got.changed && c.expected.changed) pr.tp++;
      else if (got.changed) {
        pr.fp++;
        pr.misses.push(`pair ${i} FP ${got.kind}: ${JSON.stringify(got.from)} -> ${JSON.stringify(got.to)}`);
      } else if (c.expected.changed) {
        pr.fn++;
        pr.misses.push(`pair ${i} FN ${c.expected.kind}: ${JSON.stringify(got.from)} -> ${JSON.stringify(got.to)}`);
      }
    }
    const kindAcc = kindOk / JOB_CHANGES.length;
    log(`jobChanges    ${pr.summary()} kindAccuracy=${kindAcc.toFixed(3)}`);
    for (const miss of pr.misses) log(`  - ${miss}`);
    expect(pr.precision).toBeGreaterThanOrEqual(THRESHOLDS.jobChanges.precision);
    expect(pr.recall).toBeGreaterThanOrEqual(THRESHOLDS.jobChanges.recall);
    expect(kindAcc).toBeGreaterThanOrEqual(THRESHOLDS.jobChanges.kindAccuracy);
  });
});
