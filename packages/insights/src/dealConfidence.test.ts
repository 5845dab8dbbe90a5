import { describe, expect, it } from "vitest";
import { DEAL_FEATURE_NAMES, dealCueFeatures, scoreDealFeatures } from "./dealConfidence";
import { DEAL_CONFIDENCE_MODEL } from "./dealConfidenceData";
import { DEAL_MODEL } from "./dealModelData";
import { dealCueProbability, detectDealCandidate, detectDealCue } from "./dealStage";
import { type CorrectionModel, correctedDealCue } from "./learner";
import type { MessageInput } from "./types";

const msg = (text: string, direction: MessageInput["direction"] = "inbound", subject?: string) => ({
  id: "m1",
  channel: "email" as const,
  direction,
  text,
  ...(subject ? { subject } : {}),
});
const feature = (m: ReturnType<typeof msg>, name: string) => {
  const cand = detectDealCandidate(m);
  if (!cand) throw new Error("no candidate");
  const f = dealCueFeatures(m, { ...cand, origin: cand.origin ?? "list" }, DEAL_MODEL);
  return f[DEAL_FEATURE_NAMES.indexOf(name)];
};
// a message the rules miss and the naive-Bayes fallback reads as won: a candidate below the threshold
const PURSE = "Finance finally loosened the purse strings on the budget line for your platform. Paperwork follows.";

describe("deal-stage confidence", () => {
  it("emits a clear decision with its calibrated probability", () => {
    const cue = detectDealCue(msg("Hi Sam,\n\nWe've signed the order form, it's attached.\n\nBest,\nChris"));
    expect(cue?.stage).toBe("won");
    expect(cue?.probability).toBeGreaterThanOrEqual(DEAL_CONFIDENCE_MODEL.threshold);
    expect(cue?.probability).toBeLessThan(1);
  });

  it("holds back a candidate below the threshold (the AI peer's uncertain band)", () => {
    const cand = detectDealCandidate(msg(PURSE));
    expect(cand?.origin).toBe("model");
    const p = dealCueProbability(msg(PURSE), cand!);
    expect(p).toBeLessThan(DEAL_CONFIDENCE_MODEL.threshold);
    expect(p).toBeGreaterThanOrEqual(DEAL_CONFIDENCE_MODEL.askBelow);
    expect(detectDealCue(msg(PURSE))).toBeNull();
  });

  it("reads general features of the candidate's sentence and message", () => {
    const billing = msg(
      "Hi Dana, invoice 2291 was paid today. The discount on the last sprint didn't show - can you check?",
    );
    expect(feature(billing, "billing of a running plan")).toBe(1);
    const hypothetical = msg("If you can get to £11 per seat, I think we have a deal.");
    expect(feature(hypothetical, "hypothetical or condition")).toBe(1);
    const fwd = msg(
      "FYI, forwarding this from our ops lead: we've signed the order form.",
      "inbound",
      "Fwd: order form",
    );
    expect(feature(fwd, "forwarded or FYI")).toBe(1);
    expect(feature(msg("We've signed the order form."), "forwarded or FYI")).toBe(0);
    // the score is the logistic of the weighted features: bias alone when every feature is 0
    const zeros = new Array(DEAL_FEATURE_NAMES.length).fill(0);
    const bias = DEAL_CONFIDENCE_MODEL.weights[0] ?? 0;
    expect(scoreDealFeatures(DEAL_CONFIDENCE_MODEL, zeros)).toBeCloseTo(1 / (1 + Math.exp(-bias)), 10);
    expect(DEAL_CONFIDENCE_MODEL.names).toEqual(["bias", ...DEAL_FEATURE_NAMES]);
  });

  it("lets an organisation's learned phrase confirm a held-back candidate, keeping its quote and span", () => {
    const model: CorrectionModel = {
      version: 2,
      sentiment: { examples: 0, band: null, phrases: {} },
      dealStage: { examples: 4, phrases: { "purse strings": "won" }, suppressed: [] },
    };
    const cand = detectDealCandidate(msg(PURSE))!;
    const got = correctedDealCue(msg(PURSE), model);
    expect(got?.stage).toBe("won");
    expect(got?.stage).toBe(cand.stage);
    expect(got?.span?.quote).toBe(cand.span?.quote);
    expect(got?.span).not.toBeNull();
    // without the organisation's model the threshold holds it back
    expect(correctedDealCue(msg(PURSE), null)).toBeNull();
  });
});
