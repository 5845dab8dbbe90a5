import { describe, expect, it } from "vitest";
import { offerSentence } from "./dealOffer";
import { detectDealCandidate } from "./dealStage";
import { normalise, splitAtStops } from "./text";

const offer = (text: string) => offerSentence(splitAtStops(normalise(text)));
const candidate = (text: string, direction: "inbound" | "outbound") =>
  detectDealCandidate({ id: "m", text, direction });

describe("offerSentence: the seller's own price stated as its offer (round 43)", () => {
  it("reads our price, offer or quotation named with an amount, and an offer in the first person", () => {
    expect(offer("Thanks for the drawings. Our quotation for the two gates, fitted, is £8,450 + VAT.")).toContain(
      "our quotation for the two gates",
    );
    expect(offer("Our offer for the full reroof: NZD 31,200 including scaffold.")).not.toBeNull();
    expect(offer("My rate for the three-day shoot is $2,900.")).not.toBeNull();
    expect(offer("We are pleased to offer 40 t of rapeseed meal at EUR 312/t delivered Rotterdam.")).not.toBeNull();
    expect(offer("We are offering 2,000 bottles at USD 4.10 each, ex works.")).not.toBeNull();
    expect(offer("We can offer the 6 mm anchors at £0.42 each, boxed in 200s.")).not.toBeNull();
    expect(offer("Our cold-pressed walnut oil is EUR 14.80 per kg, minimum 50 kg.")).not.toBeNull();
  });

  it("reads no haggle, condition, discount, budget, bill, report, question or price without an amount as an offer", () => {
    expect(offer("€42,000 is our final offer, and our best price was already €43,500.")).toBeNull();
    expect(offer("We can offer 12% off if you order before May.")).toBeNull();
    expect(offer("We can offer £3,100 if you take both trailers.")).toBeNull();
    expect(offer("Our budget for the fit-out is $60,000.")).toBeNull();
    expect(offer("Our invoice for March is €1,240, payment due in 14 days.")).toBeNull();
    expect(offer("Our supplier is at $27.50 a unit for the same spec.")).toBeNull();
    expect(offer("Our manager was told your screens are $2k a month.")).toBeNull();
    expect(offer("Is our quote for the gates still $8,450?")).toBeNull();
    expect(offer("Our quotation for the gates follows next week.")).toBeNull();
  });

  it("makes the seller's offer a standing proposal candidate, either way the message goes", () => {
    expect(candidate("Hi Mara,\n\nOur price for the boiler swap is £3,950 all in.\n\nTom", "outbound")).toMatchObject({
      stage: "proposal",
      stands: true,
    });
    expect(
      candidate(
        "Dear Mr Ito,\n\nWe are pleased to offer 12 pallets of oak flooring at EUR 41/m2 FCA Gdansk.",
        "inbound",
      ),
    ).toMatchObject({ stage: "proposal", stands: true });
    // a stronger stage in the same message keeps its reading
    expect(
      candidate("Our offer was $5,200. We signed the contract with another installer yesterday.", "inbound")?.stage,
    ).not.toBe("proposal");
  });
});
