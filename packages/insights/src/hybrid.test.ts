import { describe, expect, it } from "vitest";
import { extractDeterministic } from "./extractor";
import { createHybridExtractor, llmReviewSchema, SENTIMENT_ASK_BELOW, uncertainSentiment, uncertainty } from "./hybrid";
import { scoreSentiment } from "./sentiment";
import type { MessageInput } from "./types";

const msg = (text: string, direction: MessageInput["direction"] = "inbound"): MessageInput => ({
  id: "m1",
  channel: "email",
  direction,
  text,
  sentAt: Date.parse("2026-03-10T14:00:00Z"),
});

describe("hybrid extractor", () => {
  it("does not ask the model when the rules are confident", async () => {
    let calls = 0;
    const ex = createHybridExtractor({
      generate: async () => {
        calls++;
        return "{}";
      },
    });
    const got = await ex.extract(msg("I'll send the floor plan by Friday."));
    expect(calls).toBe(0);
    expect(got.source).toBe("deterministic");
    expect(got.commitments).toHaveLength(1);
  });

  it("sends uncertain messages with the candidates and merges a validated, grounded review", async () => {
    // an idiom the rules do not read (they do read "procurement finally gave us the green light")
    const text = "Finance finally loosened the purse strings on the budget line for your platform. Paperwork follows.";
    // the rules miss it; the naive-Bayes fallback reads a stage whose calibrated probability is in the
    // uncertain band (round 6): no stage is emitted, and the candidate goes to the model
    const ext = extractDeterministic(msg(text));
    expect(ext.dealCue).toBeNull();
    expect(uncertainty(msg(text), ext).join()).toMatch(/deal stage \w+ below the confidence threshold/);
    let prompt = "";
    const ex = createHybridExtractor({
      generate: async (p) => {
        prompt = p;
        return '```json\n{"dealStage":{"stage":"won","quote":"loosened the purse strings on the budget line"},"sentiment":{"label":"positive","score":0.5}}\n```';
      },
    });
    const got = await ex.extract(msg(text));
    expect(prompt).toMatch(/"dealStage":\{"stage":"\w+"/);
    expect(prompt).toContain(text);
    expect(got.source).toBe("llm");
    expect(got.dealCue).toMatchObject({ stage: "won", cue: "loosened the purse strings on the budget line" });
    expect(text.slice(got.dealCue!.span!.start, got.dealCue!.span!.end)).toBe(
      "loosened the purse strings on the budget line",
    );
    expect(got.sentiment.label).toBe("positive");
  });

  it("drops quotes the message does not contain and rejects answers that fail the schema", async () => {
    const text = "Happy to look at the pricing with you. Maybe we will renew next week.";
    const invented = createHybridExtractor({
      generate: async () =>
        JSON.stringify({
          commitments: [{ quote: "I will sign the renewal on Monday", dueAt: "2026-03-16T17:00:00Z" }],
        }),
    });
    const a = await invented.extract(msg(text));
    expect(a.commitments).toHaveLength(0);
    expect(a.fallbackReason).toMatch(/not in message/);
    const bad = createHybridExtractor({ generate: async () => '{"dealStage":{"stage":"closed","quote":"x"}}' });
    const b = await bad.extract(msg(text));
    expect(b.source).toBe("deterministic");
    expect(b.fallbackReason).toMatch(/invalid review/);
    const broken = createHybridExtractor({
      generate: async () => {
        throw new Error("HTTP 502");
      },
    });
    expect((await broken.extract(msg(text))).fallbackReason).toMatch(/HTTP 502/);
    expect(llmReviewSchema.safeParse({ extra: 1 }).success).toBe(false);
  });

  it("asks about the tone when the sentiment model's top probability is low, not when a score is near zero", () => {
    const top = (t: string) => Math.max(...Object.values(scoreSentiment(t).probabilities!));
    // split evidence: praise and a fault, the two classes about even (top ~0.45)
    const mixed = "The new dashboard is nice but the export still breaks sometimes.";
    expect(top(mixed)).toBeLessThan(SENTIMENT_ASK_BELOW);
    expect(uncertainty(msg(mixed), extractDeterministic(msg(mixed))).join()).toMatch(/sentiment model unsure/);
    // near-zero score with an evaluative word ("sick"), which the rule-era test sent; the model is sure it
    // is neutral (a rescheduling note), so it is not asked
    const flat = "Can't join the 10am today, my son is sick. Could we move it to tomorrow?";
    const ext = extractDeterministic(msg(flat));
    expect(Math.abs(ext.sentiment.score)).toBeLessThan(0.2);
    expect(ext.sentiment.positive.length + ext.sentiment.negative.length).toBeGreaterThan(0);
    expect(top(flat)).toBeGreaterThanOrEqual(SENTIMENT_ASK_BELOW);
    expect(uncertainty(msg(flat), ext).join()).not.toMatch(/sentiment/);
    // confident either way: not asked
    for (const t of [
      "Absolutely thrilled with the rollout, thank you all!",
      "Thanks for nothing, really helpful as always.",
    ])
      expect(uncertainSentiment(scoreSentiment(t)), t).toBe(false);
    // the rule scorer alone has no probabilities and keeps its near-neutral test
    expect(uncertainSentiment(scoreSentiment(mixed, { rulesOnly: true }))).toBe(
      Math.abs(scoreSentiment(mixed, { rulesOnly: true }).score) < 0.2,
    );
  });

  it("validates the peer's tone with zod: an out-of-range or unknown answer keeps the model's sentiment", async () => {
    const text = "The new dashboard is nice but the export still breaks sometimes.";
    const own = extractDeterministic(msg(text)).sentiment;
    for (const answer of [
      { sentiment: { label: "ecstatic", score: 0.9 } },
      { sentiment: { label: "positive", score: 3 } },
      { sentiment: { label: "negative" } },
    ]) {
      const ex = createHybridExtractor({ generate: async () => JSON.stringify(answer) });
      const got = await ex.extract(msg(text));
      expect(got.source, JSON.stringify(answer)).toBe("deterministic");
      expect(got.fallbackReason).toBeTruthy();
      expect(got.sentiment).toEqual(own);
    }
    const ok = createHybridExtractor({
      generate: async () => JSON.stringify({ sentiment: { label: "negative", score: -0.4 } }),
    });
    const got = await ok.extract(msg(text));
    expect(got.source).toBe("llm");
    expect(got.sentiment).toMatchObject({ label: "negative", score: -0.4 });
  });
});
