import { describe, expect, it } from "vitest";
import { advanceDeal, type DealCue, detectDealCue } from "./dealStage";

const cue = (text: string, direction: "inbound" | "outbound" = "inbound") =>
  detectDealCue({ text, direction, id: "m1" });

describe("detectDealCue", () => {
  it("detects each stage with its matched cue", () => {
    expect(cue("We're very interested in a pilot.")).toMatchObject({ stage: "interest", cue: "we're very interested" });
    expect(cue("Attached is our proposal for the annual plan.", "outbound")).toMatchObject({ stage: "proposal" });
    expect(cue("Can you do a discount if we sign for two years?")).toMatchObject({
      stage: "negotiation",
      cue: "discount",
    });
    expect(cue("We've signed the contract!")).toMatchObject({ stage: "won", confidence: 0.95 });
    expect(cue("We decided to go with another vendor.")).toMatchObject({ stage: "lost" });
    expect(cue("Thanks, see you Thursday.")).toBeNull();
  });

  it("respects direction, negation, questions and quotes", () => {
    expect(cue("Are you interested in a demo?", "outbound")).toBeNull();
    expect(cue("We are not interested in a proposal right now.")?.stage).toBe("lost");
    expect(cue("Have you signed the contract yet?")).toBeNull();
    expect(cue("If the review goes well, we will sign next month.")).toBeNull();
    expect(cue("Ok.\n\n> We've signed the contract")).toBeNull();
  });

  it("flags explicit reopening", () => {
    expect(cue("Things have changed – we'd like to revisit your proposal.")).toMatchObject({
      stage: "proposal",
      reopen: true,
    });
  });
});

describe("advanceDeal", () => {
  const mk = (stage: DealCue["stage"], confidence: number, reopen = false): DealCue => ({
    stage,
    confidence,
    cue: "x",
    reopen,
  });

  it("moves forward on adequate cues and ignores missing ones", () => {
    expect(advanceDeal(null, mk("interest", 0.65))).toMatchObject({ stage: "interest", changed: true });
    expect(advanceDeal("interest", mk("negotiation", 0.8))).toMatchObject({ stage: "negotiation", changed: true });
    expect(advanceDeal("proposal", null)).toMatchObject({ stage: "proposal", changed: false });
    expect(advanceDeal("proposal", mk("proposal", 0.9)).changed).toBe(false);
    expect(advanceDeal("interest", mk("proposal", 0.4)).changed).toBe(false);
  });

  it("needs strong cues for regressions and closing", () => {
    expect(advanceDeal("negotiation", mk("interest", 0.65))).toMatchObject({ stage: "negotiation", changed: false });
    expect(advanceDeal("negotiation", mk("proposal", 0.85))).toMatchObject({ stage: "proposal", changed: true });
    expect(advanceDeal("negotiation", mk("lost", 0.6))).toMatchObject({ stage: "negotiation", changed: false });
    expect(advanceDeal("negotiation", mk("won", 0.9))).toMatchObject({ stage: "won", changed: true });
  });

  it("treats won and lost as terminal unless explicitly reopened", () => {
    expect(advanceDeal("won", mk("negotiation", 0.9))).toMatchObject({ stage: "won", changed: false });
    expect(advanceDeal("lost", mk("won", 0.95))).toMatchObject({ stage: "lost", changed: false });
    expect(advanceDeal("lost", mk("proposal", 0.75, true))).toMatchObject({ stage: "proposal", changed: true });
  });
});
