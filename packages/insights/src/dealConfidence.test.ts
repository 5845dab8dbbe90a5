import { describe, expect, it } from "vitest";
import { DEAL_FEATURE_NAMES, dealCueFeatures } from "./dealConfidence";
import { DEAL_MODEL } from "./dealModelData";
import { detectDealCandidate, detectDealCue, readDealStage } from "./dealStage";
import { DEAL_STAGE_MODEL } from "./dealStageModelData";
import { uncertainDealCandidate } from "./hybrid";
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
// a message the rules miss and the naive-Bayes fallback reads as won: the stage model is unsure (below its threshold)
const PURSE = "Finance finally loosened the purse strings on the budget line for your platform. Paperwork follows.";

describe("deal-stage candidate features and the learned stage model's decision", () => {
  it("emits a clear decision with the stage model's probability and the rules' quote", () => {
    const m = msg("Hi Sam,\n\nWe've signed the order form, it's attached.\n\nBest,\nChris");
    const cue = detectDealCue(m);
    expect(cue?.stage).toBe("won");
    expect(cue?.origin).toBe(detectDealCandidate(m)?.origin);
    expect(cue?.probability).toBeGreaterThanOrEqual(DEAL_STAGE_MODEL.threshold);
    expect(cue?.probability).toBeLessThan(1);
    expect(cue?.span?.quote).toBe(detectDealCandidate(m)?.span?.quote);
  });

  it("holds back a stage below the threshold (the AI peer's uncertain band)", () => {
    const cand = detectDealCandidate(msg(PURSE));
    expect(cand?.origin).toBe("model");
    const { cue, probability } = readDealStage(msg(PURSE));
    expect(cue?.stage).toBe("won");
    expect(probability).toBeLessThan(DEAL_STAGE_MODEL.threshold);
    expect(probability).toBeGreaterThanOrEqual(DEAL_STAGE_MODEL.askBelow);
    expect(detectDealCue(msg(PURSE))).toBeNull();
    expect(uncertainDealCandidate({ ...msg(PURSE), sentAt: 0 }, { dealCue: null })?.stage).toBe("won");
  });

  it("vetoes a rules candidate the message's features speak against", () => {
    // a landlord's lease: no candidate; a third party's signing stays out too
    expect(detectDealCue(msg("Our landlord signed the new lease today."))).toBeNull();
    const fwd = msg("FYI, no action needed: our sister company signed with a new payroll vendor.");
    expect(detectDealCue(fwd)).toBeNull();
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
  });

  it("lets an organisation's learned phrase confirm a held-back candidate, keeping its quote and span", () => {
    const model: CorrectionModel = {
      version: 2,
      sentiment: { examples: 0, band: null, phrases: {} },
      dealStage: { examples: 4, phrases: { "purse strings": "won" }, suppressed: [] },
    };
    const cand = readDealStage(msg(PURSE)).cue!;
    const got = correctedDealCue(msg(PURSE), model);
    expect(got?.stage).toBe("won");
    expect(got?.stage).toBe(cand.stage);
    expect(got?.span?.quote).toBe(cand.span?.quote);
    expect(got?.span).not.toBeNull();
    // without the organisation's model the threshold holds it back
    expect(correctedDealCue(msg(PURSE), null)).toBeNull();
  });
});
