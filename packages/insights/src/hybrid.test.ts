import { describe, expect, it } from "vitest";
import { extractDeterministic } from "./extractor";
import { createHybridExtractor, llmReviewSchema, uncertainty } from "./hybrid";
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
});
