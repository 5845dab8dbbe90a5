/**
 * Round 9: which messages the AI peer reviews for tone (src/hybrid.ts `SENTIMENT_ASK_BELOW`). Each independent
 * set is scored by a sentiment model trained without it, so the probabilities are those of text the model never
 * saw, as in production. The cut routes about the same share of messages as the rule-era test
 * (|score| < 0.2 with evaluative words) and sends the model's mistakes far more often.
 */
import { expect, it } from "vitest";
import { SENTIMENT_ASK_BELOW } from "../src/hybrid";
import { linearProbabilities } from "../src/linearModel";
import { sentimentFeatures } from "../src/sentimentFeatures";
import { SENTIMENT_TRAINING } from "../src/sentimentModelData";
import { ruleSignals } from "../src/sentimentRules";
import { leaveOneSetOut, loadLabelledSets, setsLabelling } from "./training/labelledSets";
import { trainSentiment } from "./training/sentimentTraining";

const LABEL = { [-1]: "negative", 0: "neutral", 1: "positive" } as const;

it("the sentiment cut routes the rule-era share out of author, and more of the model's mistakes", async () => {
  const sets = setsLabelling(await loadLabelledSets(), "sentiment");
  const rows = leaveOneSetOut(
    sets,
    (training) => trainSentiment(training, SENTIMENT_TRAINING),
    (model, held) =>
      held.messages.map((m) => {
        const s = ruleSignals(m.msg.text);
        // nothing to read: scoreSentiment answers neutral without the model
        const p = s.tokens === 0 ? [0, 1, 0] : linearProbabilities(model, sentimentFeatures(s, m.msg.text));
        const at = (c: string) => p[model.classes.indexOf(c)] ?? 0;
        const top = Math.max(...p);
        const score = at("positive") - at("negative");
        return {
          old: Math.abs(score) < 0.2 && s.positive.length + s.negative.length > 0,
          asked: top < SENTIMENT_ASK_BELOW,
          wrong: model.classes[p.indexOf(top)] !== LABEL[m.expect.sentiment],
        };
      }),
  ).flatMap((x) => x.score);
  const n = rows.length;
  const share = (k: "old" | "asked") => rows.filter((r) => r[k]).length / n;
  const caught = (k: "old" | "asked") => rows.filter((r) => r[k] && r.wrong).length;
  const wrong = rows.filter((r) => r.wrong).length;
  console.log(
    `sentiment routed to the AI peer, out of author (${n} messages, ${wrong} mislabelled): rule-era ${share("old").toFixed(3)} (${caught("old")} mistakes), top < ${SENTIMENT_ASK_BELOW} ${share("asked").toFixed(3)} (${caught("asked")} mistakes)`,
  );
  expect(Math.abs(share("asked") - share("old"))).toBeLessThan(0.015);
  expect(caught("asked")).toBeGreaterThan(2 * caught("old"));
}, 300_000);
