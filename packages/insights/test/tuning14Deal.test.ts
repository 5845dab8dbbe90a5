/**
 * Round 14 (deal stage): the floor of the round-14 holdout (`fixtures/tuning14-deal-holdout.ts`, written from the
 * causes of blind11's out-of-author errors before any round-14 change was scored on it, in other trades than
 * blind11's; first run with main's code: P 0.900 / R 0.429, 9/1/12; with the round-14 readers and main's models
 * P 0.933 / R 0.667, 14/1/7; after the retrain with train12 the same). Same author as the fixes, so a weak
 * estimate; the out-of-author figures are in README.md "Round 14 — deal stage". It never trains the models. Its
 * remaining misses: won bargains the stage model holds back under 0.70 ("fine, 2,650 works, shake on it", "lock it
 * in"), a condition for signing read as won ("drop it to 300 … and we'll sign"), a counter with "if you do 320",
 * a choice of "the guy who did next door's pool" (no supplier noun) and a ₱ price.
 */
import { describe, expect, it } from "vitest";
import { detectDealCandidate, detectDealCue } from "../src/dealStage";
import { evalDealStage } from "./evaluate";
import { TUNING14_DEAL_HOLDOUT } from "./fixtures/tuning14-deal-holdout";

const stage = (text: string, direction: "inbound" | "outbound" = "inbound") =>
  detectDealCue({ id: "m", text, direction })?.stage ?? null;
const candidate = (text: string, direction: "inbound" | "outbound" = "inbound") =>
  detectDealCandidate({ id: "m", text, direction });

describe("round-14 deal readings", () => {
  it("a side's limit is a negotiation that stands", () => {
    expect(
      stage(
        "Kofi, 3,300 for the six sash windows is the lowest we can go, that already includes the glazing.",
        "outbound",
      ),
    ).toBe("negotiation");
    expect(candidate("Bit rich for us. The firm in Leeds does it for 640, would you meet us at 660?")).toMatchObject({
      stage: "negotiation",
      stands: true,
    });
  });

  it("a seller's price in other currency forms is a proposal", () => {
    expect(
      candidate("Hello Amani, a 20 litre drum of hand wash is KSh 4,300, delivered on Thursdays.", "outbound")?.stage,
    ).toBe("proposal");
    expect(
      candidate("Buongiorno, per la revisione our price is 2.350 € + IVA, parts included.", "outbound")?.stage,
    ).toBe("proposal");
  });

  it("our own priced quote is no quote request", () => {
    // the subject and the body open on "Quote", which reads like the imperative "quote for…". Round 15: after the
    // retrain with blind13 and blind14 the models hold this proposal back (null), so the test keeps what the reading
    // guarantees: a seller's priced quote is never read as the buyer's request
    for (const text of [
      "Quote for the kitchen re-wire, parts and labour: $3,940 inc GST. Let us know by Friday and we'll book the sparky.",
      "Quote: supply and fit of the 14 roof windows, $11,200 + GST. Valid 30 days.",
    ])
      expect(stage(text, "outbound")).not.toBe("interest");
  });

  it("a choice of another told with regret is ours lost; without it a third party's choice is its own", () => {
    expect(
      candidate("so sorry Imre, the client went with another agency in the end. thank you for the pitch")?.stage,
    ).toBe("lost");
    expect(
      candidate("FYI our marketing agency decided to go with a different printer for the flyers.")?.stage ?? null,
    ).not.toBe("lost");
  });

  it("a legal entity or a boss writes for a business, not as a consumer", () => {
    expect(
      candidate(
        "Signed purchase agreement attached, and the deposit goes out Monday for the delivery.\n\nMarta Kowalczyk\nKowalczyk Orchards LLC",
      )?.stage,
    ).toBe("won");
  });

  it("round-14 holdout: P >= 0.90, R >= 0.65", () => {
    const r = evalDealStage(TUNING14_DEAL_HOLDOUT);
    console.log(
      `tuning14-deal-holdout P=${r.precision.toFixed(3)} R=${r.recall.toFixed(3)} tp=${r.tp} fp=${r.fp} fn=${r.fn}\n${r.misses.join("\n")}`,
    );
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.recall).toBeGreaterThanOrEqual(0.65);
  });
});
