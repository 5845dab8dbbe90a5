/**
 * Round 9 (deal stage): the rules' readings added for blind7's and train8's out-of-author errors, and the
 * floor of the round-9 holdout (written before those fixes; first run P 1.000 / R 0.308, README.md
 * "Round 9 — deal stage"). The holdout never trains the models.
 */
import { describe, expect, it } from "vitest";
import { detectDealCandidate, isQuoteRequest } from "../src/dealStage";
import { evalDealStage } from "./evaluate";
import { TUNING9_DEAL_HOLDOUT } from "./fixtures/tuning9-deal-holdout";

const candidate = (text: string, direction: "inbound" | "outbound") =>
  detectDealCandidate({ id: "m", text, direction })?.stage ?? null;

describe("round-9 deal readings", () => {
  it("a buyer asking for a priced document is interest; one that has it is a proposal", () => {
    expect(isQuoteRequest("could you send over a written quote for the 14 vans?")).toBe(true);
    expect(isQuoteRequest("we need a formal proposal before the board meets")).toBe(true);
    expect(isQuoteRequest("got the quote, thanks, reading it tonight")).toBe(false);
    expect(isQuoteRequest("pls send the offer again, it went to spam")).toBe(false);
    expect(candidate("Could you send over a written quote for the 14 vans?", "inbound")).toBe("interest");
    expect(candidate("Got the quote, thanks. Reading it tonight.", "inbound")).toBe("proposal");
  });

  it("a proposal promised for later is no stage; a proposal attached is one", () => {
    expect(candidate("We'll send you the formal proposal on Friday after the site visit.", "outbound")).toBeNull();
    expect(candidate("As promised, the proposal is attached.", "outbound")).toBe("proposal");
  });

  it("reads a price stated by the seller and a price asked by the buyer, not billing or a third party's", () => {
    expect(candidate("Repainting the hallway comes to £620, paint included.", "outbound")).toBe("proposal");
    expect(candidate("Lessons are 30 EUR an hour, or 250 for ten.", "outbound")).toBe("proposal");
    expect(candidate("What would weekly window cleaning cost for our shop front?", "inbound")).toBe("interest");
    expect(candidate("What is your fee for a two-day workshop?", "inbound")).toBe("interest");
    expect(candidate("Your invoice of $240 is due on the 3rd.", "outbound")).toBeNull();
    expect(candidate("We refunded the $18 to your card today.", "outbound")).toBeNull();
    expect(candidate("Your price is too high, what is the best you can do?", "inbound")).toBe("negotiation");
  });

  it("round-9 holdout: P >= 0.95, R >= 0.75 (first run before the fixes: 1.000 / 0.308)", () => {
    const r = evalDealStage(TUNING9_DEAL_HOLDOUT);
    console.log(`tuning9-deal-holdout P=${r.precision.toFixed(3)} R=${r.recall.toFixed(3)}`, r.misses);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.recall).toBeGreaterThanOrEqual(0.75);
  });
});
