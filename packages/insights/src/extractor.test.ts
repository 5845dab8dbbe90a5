import { describe, expect, it, vi } from "vitest";
import { readDealStage } from "./dealStage";
import { DEAL_STAGE_MODEL } from "./dealStageModelData";
import {
  buildExtractionPrompt,
  createLlmExtractor,
  deterministicExtractor,
  extractDeterministic,
  parseJsonReply,
} from "./extractor";
import { uncertainDealCandidate } from "./hybrid";
import type { MessageInput } from "./types";

const MSG: MessageInput = {
  id: "m1",
  channel: "email",
  direction: "inbound",
  text: `Hi Daniel,

We're very interested. I'll send the requirements by Friday. Cc'ing my colleague Anna Weber.

Best,
Marcus Hale
VP Operations @ BrightPath
+44 20 7946 0321`,
  sentAt: Date.parse("2026-03-10T14:00:00Z"),
  senderName: "Marcus Hale",
  senderIdentifier: "marcus@brightpath.io",
  cc: ["anna.weber@brightpath.io"],
};

const VALID = {
  sentiment: { score: 0.6, label: "positive" },
  commitments: [
    { text: "I'll send the requirements by Friday.", action: "send the requirements", dueAt: "2026-03-13T17:00:00Z" },
  ],
  signature: {
    name: "Marcus Hale",
    title: "VP Operations",
    company: "BrightPath",
    phones: ["+44 20 7946 0321", "not a phone"],
    emails: [],
    links: [],
  },
  dealCue: { stage: "interest", confidence: 0.7, cue: "very interested" },
  relationships: [
    {
      toName: "Anna Weber",
      toEmail: "Anna.Weber@brightpath.io",
      type: "colleague",
      confidence: 0.9,
      evidence: "Cc'ing my colleague Anna Weber",
    },
  ],
};

describe("deterministicExtractor", () => {
  it("bundles every extractor's output", async () => {
    const x = await deterministicExtractor.extract(MSG, { defaultRegion: "GB" });
    expect(x.source).toBe("deterministic");
    expect(x.messageId).toBe("m1");
    expect(x.sentiment.label).toBe("positive");
    expect(x.commitments).toHaveLength(1);
    expect(x.commitments[0]).toMatchObject({
      actor: "contact",
      who: "Marcus Hale",
      dueAt: Date.parse("2026-03-13T17:00:00Z"),
    });
    expect(x.signature).toMatchObject({ name: "Marcus Hale", company: "BrightPath", phones: ["+442079460321"] });
    // round 8: the learned deal-stage model is unsure of a bare "very interested" beside a promise, so the
    // stage is held back instead of emitted. Round 11: after the retrain with train9 and train10 it reads 0.28
    // (was 0.49), under `askBelow` (0.3): the rules' interest candidate is held back and the AI peer is not asked
    const held = readDealStage(MSG);
    expect(x.dealCue).toBeNull();
    expect(held).toMatchObject({ emitted: false, cue: { stage: "interest", cue: "we're very interested" } });
    expect(held.probability).toBeLessThan(DEAL_STAGE_MODEL.askBelow);
    expect(uncertainDealCandidate(MSG, x)).toBeNull();
    expect(x.relationships[0]).toMatchObject({
      type: "colleague",
      toRef: { name: "Anna Weber", email: "anna.weber@brightpath.io" },
    });
    expect(x).toEqual(extractDeterministic(MSG, { defaultRegion: "GB" }));
  });

  it("reports a job change against the stored profile", () => {
    const x = extractDeterministic(MSG, { previousProfile: { title: "VP Operations", company: "Acme Ltd" } });
    expect(x.jobChange).toMatchObject({ changed: true, kind: "company", to: { company: "BrightPath" } });
    expect(extractDeterministic(MSG).jobChange).toBeNull();
  });

  it("skips signature parsing for one-line chat messages", () => {
    expect(extractDeterministic({ ...MSG, channel: "sms", text: "Thanks, Bob" }).signature).toBeNull();
  });
});

describe("createLlmExtractor", () => {
  it("uses validated model output and normalises it", async () => {
    const generate = vi.fn(async (_prompt: string) => `\`\`\`json\n${JSON.stringify(VALID)}\n\`\`\``);
    const x = await createLlmExtractor({ generate }).extract(MSG, { defaultRegion: "GB", timezone: "Europe/London" });
    expect(generate).toHaveBeenCalledTimes(1);
    const prompt = generate.mock.calls[0]![0];
    expect(prompt).toContain("Europe/London");
    expect(prompt).toContain(MSG.text);
    expect(x.source).toBe("llm");
    expect(x.fallbackReason).toBeUndefined();
    expect(x.sentiment).toMatchObject({ score: 0.6, label: "positive" });
    expect(x.commitments[0]).toMatchObject({
      actor: "contact",
      kind: "deliver",
      dueAt: Date.parse("2026-03-13T17:00:00Z"),
      sourceMessageId: "m1",
    });
    expect(x.signature?.phones).toEqual(["+442079460321"]);
    expect(x.relationships[0]).toMatchObject({
      fromRef: { name: "Marcus Hale", email: "marcus@brightpath.io" },
      toRef: { name: "Anna Weber", email: "anna.weber@brightpath.io" },
    });
    expect(x.dealCue).toMatchObject({ stage: "interest", reopen: false });
  });

  it("falls back to the deterministic result on invalid JSON", async () => {
    const x = await createLlmExtractor({ generate: async () => "Sure! Here are the facts: none" }).extract(MSG);
    expect(x.source).toBe("deterministic");
    expect(x.fallbackReason).toMatch(/no JSON object/);
    const { fallbackReason: _, ...rest } = x;
    expect(rest).toEqual(extractDeterministic(MSG));
  });

  it("falls back when the JSON fails schema validation", async () => {
    const bad = { ...VALID, sentiment: { score: 3, label: "ecstatic" } };
    const x = await createLlmExtractor({ generate: async () => JSON.stringify(bad) }).extract(MSG);
    expect(x.source).toBe("deterministic");
    expect(x.fallbackReason).toMatch(/invalid output: sentiment\.score/);
  });

  it("falls back when generate throws, and supports a custom fallback", async () => {
    const fallback = { extract: vi.fn(async (m: MessageInput) => ({ ...extractDeterministic(m), commitments: [] })) };
    const x = await createLlmExtractor({
      generate: async () => {
        throw new Error("503 from model");
      },
      fallback,
    }).extract(MSG);
    expect(fallback.extract).toHaveBeenCalledOnce();
    expect(x.fallbackReason).toMatch(/503 from model/);
    expect(x.commitments).toEqual([]);
  });

  it("builds a prompt and parses fenced or chatty JSON", () => {
    expect(buildExtractionPrompt(MSG)).toContain("direction: inbound");
    expect(parseJsonReply('noise {"a":1} trailing')).toEqual({ a: 1 });
    expect(() => parseJsonReply("{not json}")).toThrow();
  });
});
