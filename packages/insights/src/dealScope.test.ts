import { describe, expect, it } from "vitest";
import {
  billsOnly,
  endsSubscription,
  isApprovalRequest,
  isConsumerSupport,
  isContentTopic,
  isInvoiceBilling,
  isOtherPartiesDeal,
  isOutOfDealScope,
  isPastDeal,
  isPeopleNews,
  isPriceNotice,
  isThirdPartyPurchase,
  noticeToEveryone,
  replacesSomethingElse,
  statesNoDeal,
} from "./dealScope";
import { detectDealCue, readDealStage } from "./dealStage";
import { DEAL_STAGE_MODEL } from "./dealStageModelData";

/** The stage a message received or sent reads as (rounds 57 and 58). */
const received = (text: string) => detectDealCue({ text, direction: "inbound" })?.stage ?? null;
const sent = (text: string) => detectDealCue({ text, direction: "outbound" })?.stage ?? null;

const inbound = (text: string, subject?: string) => ({ text, direction: "inbound" as const, subject });
/**
 * Round 9: a short example the stage models (trained with blind7 and train8) are unsure of, 0.5–0.6 against
 * the 0.70 picked out of author: held back for the AI peer (probability >= askBelow), with the right stage.
 */
const heldBackStage = (msg: { text: string; direction: "inbound" | "outbound" }) => {
  const r = readDealStage(msg);
  expect(r.emitted, msg.text).toBe(false);
  expect(r.probability, msg.text).toBeGreaterThanOrEqual(DEAL_STAGE_MODEL.askBelow);
  return r.cue?.stage;
};

describe("deal scope (round 4)", () => {
  it("finds content about deal topics", () => {
    expect(isContentTopic("great podcast episode on discount strategy")).toBe(true);
    expect(isContentTopic("the price list in your april newsletter")).toBe(true);
    expect(isContentTopic("please send the price list for 40 seats")).toBe(false);
  });
  it("finds job news and standing authority, not decisions", () => {
    expect(isPeopleNews("i've accepted an offer from northwind and leave in may")).toBe(true);
    expect(isPeopleNews("i now approve all vendor contracts in emea")).toBe(true);
    expect(isPeopleNews("we accept your offer for 30 seats")).toBe(false);
  });
  it("finds deals long past and deals between other parties", () => {
    expect(isPastDeal("the contract was signed back in 2022")).toBe(true);
    expect(isPastDeal("we signed the contract this morning")).toBe(false);
    expect(isOtherPartiesDeal("still negotiating with the council about parking")).toBe(true);
    expect(isOtherPartiesDeal("still negotiating with our legal team")).toBe(false);
    expect(isOutOfDealScope("Our customers closed 40 deals with your app")).toBe(true);
  });
  it("finds messages that say nothing commercial is at stake", () => {
    expect(statesNoDeal("fyi, nothing changes for you. not related to your account")).toBe(true);
    expect(statesNoDeal("we'd like to change our plan to 30 seats")).toBe(false);
  });
  it("keeps such messages out of the deal stage, and real cues in", () => {
    expect(detectDealCue(inbound("I've been promoted, so I'll now sign off on vendor contracts myself."))).toBeNull();
    expect(
      detectDealCue(inbound("Our contract was signed back in 2020; auditors need the countersigned PDF.")),
    ).toBeNull();
    expect(detectDealCue(inbound("Thanks for the quote. Can you hold that price if we sign for 3 years?"))?.stage).toBe(
      "negotiation",
    );
    expect(detectDealCue(inbound("Thank you for the offer. We regret that we cannot proceed."))?.stage).toBe("lost");
    expect(detectDealCue(inbound("We've signed with Orbitly, their price was lower."))?.stage).toBe("lost");
    expect(
      detectDealCue(inbound("Our budget is approved at $40k. Can we see a demo of the inbox next week?"))?.stage,
    ).toBe("interest");
  });
});

describe("deal scope: objects not bought from us (round 4)", () => {
  it("keeps leases, hiring plans, offsite proposals and audits out", () => {
    expect(detectDealCue(inbound("We just signed a lease for the new warehouse."))).toBeNull();
    expect(detectDealCue(inbound("Our COO approved the hiring plan for Q2."))).toBeNull();
    expect(detectDealCue(inbound("The budget for the summer party was approved!"))).toBeNull();
    expect(detectDealCue(inbound("Our auditors need a list of contracts signed this year."))).toBeNull();
    // our own tier stays a deal object
    expect(detectDealCue(inbound("Our CFO approved the Business plan for 20 seats."))?.stage).toBe("won");
  });
  it("reads a pricing programme asked about before any price as interest", () => {
    expect(detectDealCue(inbound("Do you have education pricing? We're a school of 40 teachers."))?.stage).toBe(
      "interest",
    );
    expect(heldBackStage(inbound("Your quote is high. Is there a nonprofit discount?"))).toBe("negotiation");
  });
});

const outbound = (text: string) => ({ text, direction: "outbound" as const });

describe("deal scope: consumer support and operations (round 5)", () => {
  it("tells the consumer register from an organisation buying in volume", () => {
    expect(isConsumerSupport("please cancel my order, i found it cheaper elsewhere", "inbound")).toBe(true);
    expect(isConsumerSupport("my partner and i bought two chairs, can we get the bundle discount?", "inbound")).toBe(
      true,
    );
    expect(isConsumerSupport("we run four cafés and want 60 mugs every quarter at trade prices", "inbound")).toBe(
      false,
    );
    // a shop agent's "we" is the shop; the recipient's business or a volume makes it a deal
    expect(isConsumerSupport("we can offer a partial refund or a replacement", "outbound")).toBe(true);
    expect(isConsumerSupport("attached is our trade quote for 60 mugs per quarter", "outbound")).toBe(false);
    expect(endsSubscription("please cancel my subscription, i don't need the box")).toBe(true);
    expect(endsSubscription("i'd like to pause my subscription for two months")).toBe(false);
  });
  it("finds the author's company buying from third parties, approvals asked and non-us things replaced", () => {
    expect(isThirdPartyPurchase("po 44120 for shrink wrap has been issued to polyfilm")).toBe(true);
    expect(isThirdPartyPurchase("the supplier accepted our purchase order for the batteries")).toBe(true);
    expect(isThirdPartyPurchase("carrier contract with redline haulage is signed")).toBe(true);
    expect(isThirdPartyPurchase("the po has been issued to you this morning")).toBe(false);
    expect(isThirdPartyPurchase("we're extending our contract with you for two years")).toBe(false);
    expect(isApprovalRequest("pls approve the po for the new pallet jack")).toBe(true);
    expect(isApprovalRequest("the board approved the purchase")).toBe(false);
    expect(replacesSomethingElse("we went with fleetio instead of the spreadsheets")).toBe(true);
    expect(replacesSomethingElse("we went with fleetio instead of you")).toBe(false);
  });
  it("finds billing of a running account and price notices", () => {
    expect(isInvoiceBilling("we received your invoice 2291 for february storage")).toBe(true);
    expect(isInvoiceBilling("payment for the first month is done")).toBe(false);
    expect(isPriceNotice("please find our updated price list, effective 1 may")).toBe(true);
    expect(isPriceNotice("could you send your price list for 300 pallets?")).toBe(false);
  });
  it("keeps such messages out of the deal stage, and real deal moves in", () => {
    expect(detectDealCue(inbound("Do you price match? Brightmart has the same kettle for $39"))).toBeNull();
    expect(detectDealCue(inbound("Cancel the order pls. too expensive with the shipping"))).toBeNull();
    expect(detectDealCue(outbound("I've applied a 15% goodwill discount to your next order."))).toBeNull();
    expect(detectDealCue(inbound("Carrier contract with Redline Haulage is signed, FYI"))).toBeNull();
    expect(detectDealCue(inbound("We approved the overtime budget for the weekend shift"))).toBeNull();
    expect(detectDealCue(inbound("Pls approve the PO for the new pallet jack, £640"))).toBeNull();
    expect(detectDealCue(inbound("We've decided to go with Fleetio instead of the spreadsheets."))).toBeNull();
    expect(detectDealCue(inbound("Your invoice 2291 is received. Payment has been made today."))).toBeNull();
    expect(detectDealCue(inbound("Please cancel my subscription, I don't need the monthly box anymore"))?.stage).toBe(
      "lost",
    );
    expect(
      detectDealCue(inbound("Confirmed, we'll take the 24 duvet sets at the wholesale price you sent"))?.stage,
    ).toBe("won");
    expect(detectDealCue(inbound("Good news: we're extending our warehousing contract with you."))?.stage).toBe("won");
    expect(detectDealCue(inbound("We've decided to go with Fleetio instead of you."))?.stage).toBe("lost");
    expect(
      detectDealCue(inbound("The bulk price for the takeaway boxes is a bit high, can u do 10% less if i order 500?"))
        ?.stage,
    ).toBe("negotiation");
    expect(
      detectDealCue(
        inbound("I have an online shop and need someone to ship my orders. How much do you charge per order?"),
      )?.stage,
    ).toBe("interest");
    expect(detectDealCue(outbound("Hi Bea, attached is the quote for the 6 chairs, shipping included."))?.stage).toBe(
      "proposal",
    );
    expect(detectDealCue(outbound("Thanks for your order! It ships tomorrow."))).toBeNull();
    // the word as a cue, not a name (held back for the AI peer until round 65's retrain, emitted since)
    expect(detectDealCue(inbound("Legal sent back the redlines on the MSA."))?.stage).toBe("negotiation");
  });
});

describe("round 28: a bill or a price change that offers nothing", () => {
  it("reads an invoice, statement, renewal, charge or dated price change with no offer as a bill", () => {
    expect(billsOnly("please find attached invoice inv-5521 for the lot 12 plan, $6,240 incl. gst.")).toBe(true);
    expect(billsOnly("your november statement is attached. invoices 4471 and 4476 are past due.")).toBe(true);
    expect(billsOnly("your pro subscription renews on 3 march 2027 at €29/month.")).toBe(true);
    expect(billsOnly("from 1 may our daily fee increases by 3.9%.")).toBe(true);
    // an offer in it keeps it readable
    expect(billsOnly("your contract renews on 1 january. the renewal quote is attached: inr 18,40,000.")).toBe(false);
    expect(billsOnly("after 9pm the rate changes tomorrow.")).toBe(false);
  });

  it("reads a notice to every customer that offers nothing as no deal", () => {
    expect(noticeToEveryone("dear partners,\n\nattached is our 2027 price list for green propolis extract.")).toBe(
      true,
    );
    expect(noticeToEveryone("hi all, our hire rates go up 3.5% on 1 january.")).toBe(true);
    expect(noticeToEveryone("dear customers, our offer for the spring season is attached.")).toBe(false);
    expect(noticeToEveryone("dear ms. hart, our 2027 price list is attached.")).toBe(false);
  });

  it("gives a bill no stage, and an attached quote still its proposal", () => {
    const msg = (text: string) => ({
      id: "b",
      channel: "email" as const,
      direction: "outbound" as const,
      text,
      sentAt: 0,
    });
    expect(
      readDealStage(
        msg("Hello,\n\nYour November statement is attached. Invoices 4471 and 4476 ($1,932.50) are past due."),
      ).emitted,
    ).toBe(false);
    expect(
      readDealStage(msg("Hi Bea, attached is the quote for the 6 chairs, $1,200 shipping included.")).cue?.stage,
    ).toBe("proposal");
  });
});

describe("round 57: a supplier's notice to every partner, too dear and found elsewhere, a price to reach, a vendor signed by name", () => {
  it("reads a supplier's notice to every partner, received, as no deal, and a request to all suppliers as interest", () => {
    expect(noticeToEveryone("dear partners, we are delighted to present our dealer price list.", "inbound")).toBe(true);
    expect(noticeToEveryone("hi all, could you quote 40 tonnes for march?", "inbound")).toBe(false);
    expect(
      received(
        "Dear partners,\n\nWe're thrilled to introduce the ReefArc Pro 2. Distributor pricing starts at USD 389 per fixture, with an early-order discount of 8% until 15 April.\n\nBest,\nNoa",
      ),
    ).toBeNull();
  });

  it("reads too dear and found elsewhere as lost, and found elsewhere alone as no loss", () => {
    expect(received("Thank you Nico but is too expensive for us, we found a guide in Farellones for USD 900.")).toBe(
      "lost",
    );
    expect(received("Honestly we found a place in Busan for about 60% of that.")).not.toBe("lost");
  });

  it("reads a price the buyer asks the seller to reach as negotiation, over a proforma in the subject", () => {
    expect(
      detectDealCue({
        text: "Our budget is USD 19 per shawl landed in Copenhagen. Could you reach USD 20 FOB if we take 200 shawls instead of 120?",
        direction: "outbound",
        subject: "SV: Proforma - eri silk shawls for Nord Væv",
      })?.stage,
    ).toBe("negotiation");
  });

  it("reads another vendor signed by name as lost, and a signed contract as won", () => {
    expect(
      received(
        "Hey Jess, heads up before you hear it elsewhere: we've signed Valdez Alpine Staffing for lead guides next season. Nothing personal, their day rate was lower.",
      ),
    ).toBe("lost");
    expect(received("Great news, we've signed the contract today.")).toBe("won");
  });
});

describe("round 58: a credit note, an invoice under a quotation, a price asked for, an advance sent", () => {
  it("reads a credit note and an invoice raised under our quotation as bills that offer nothing", () => {
    expect(billsOnly("please find attached credit note cn-044 for us$ 1,260, for the 3 damaged strands.")).toBe(true);
    expect(
      billsOnly(
        "please find attached our invoice ys-26-077 for the repair, as per our quotation yq-26-031: usd 18,400.",
      ),
    ).toBe(true);
    expect(billsOnly("please find attached our invoice and a quotation for the second boat.")).toBe(false);
    expect(
      sent(
        "Dear Vivian,\n\nPlease find attached credit note CN-044 for US$ 1,260, for the 3 golden strands that arrived with drilling damage. It will be deducted from your next statement.\n\nJoy",
      ),
    ).toBeNull();
  });

  it("reads 'could you give us a price?' as interest, and a better price asked for as negotiation", () => {
    expect(
      received(
        "Our steeple needs an inspection before the fall storms. Could you give us a price? The restoration fund has about $6,000 for this.",
      ),
    ).toBe("interest");
    expect(received("Could you give us a better price on the 40 units?")).toBe("negotiation");
  });

  it("reads an advance sent with its share as won", () => {
    expect(received("OK, final 2,85,000 done. Advance 50% sent just now, UTR in screenshot.")).toBe("won");
    expect(received("Advance sent just now, UTR in screenshot.")).toBe("won");
    expect(received("The advance payment of ₹40,000 is done.")).toBe("won");
  });
});

describe("round 60: a buyer naming its supplier writes as a business; the supplier it has today is a price to beat", () => {
  it("reads a supplier's quote against ours as negotiation, not consumer support", () => {
    expect(
      isConsumerSupport("a german supplier has quoted us €44,900 delivered for the same volumes.", "outbound"),
    ).toBe(false);
    expect(
      sent(
        "Thank you for the cutting list. Honestly, your price is hard to justify: a German supplier has quoted us €44,900 delivered for the same volumes. Can you get closer to that?",
      ),
    ).toBe("negotiation");
  });

  it("reads the supplier a buyer has at the moment as no choice against us", () => {
    expect(
      sent(
        "Straight to it: we're buying our 14x6 shells from a mill near Lyon at EUR 79 at the moment. We'd want 40 for the autumn run. Can you match EUR 79 at that volume?",
      ),
    ).toBe("negotiation");
  });
});

describe("round 60: a notice to every stockist, agent or guest", () => {
  it("reads a notice to every stockist, agent or guest that offers nothing as no deal", () => {
    expect(noticeToEveryone("dear stockists,\n\nour aw26 wholesale price list is attached.")).toBe(true);
    expect(noticeToEveryone("hello agents, our 2027 staging rates are attached.")).toBe(true);
    expect(noticeToEveryone("aloha dealers, attached is our 2027 dealer price list.")).toBe(true);
    expect(noticeToEveryone("hi divers! our winter packages are live: 10 boat dives for us$ 1,090.")).toBe(true);
    expect(noticeToEveryone("hi guests, archery afternoons run every wednesday at 2pm. $45 per person.")).toBe(true);
    expect(noticeToEveryone("dear stockists, our offer for the spring season is attached.")).toBe(false);
  });
});

describe("round 61: a tender, an RFQ or work awarded is a business's", () => {
  it("reads a works package awarded to another contractor as no consumer's parcel", () => {
    expect(isConsumerSupport("the lobby flooring package has been awarded to another contractor.", "inbound")).toBe(
      false,
    );
    expect(isConsumerSupport("where is my package? the tracking has not moved.", "inbound")).toBe(true);
  });
});

describe("round 65: a choice from another supplier in place of ours", () => {
  it("keeps a thing replaced that is not ours out, and reads a thing from another supplier as a loss", () => {
    expect(replacesSomethingElse("we've decided to go with fleetio instead of the spreadsheets")).toBe(true);
    expect(
      replacesSomethingElse(
        "the owners have decided to go with a printed decorative film from a local installer instead of leaded glass",
      ),
    ).toBe(false);
    expect(
      received(
        "Thank you for the quotation for the lobby windows. The owners have decided to go with a printed decorative film from a local installer instead of leaded glass, mainly because of cost.",
      ),
    ).toBe("lost");
  });

  it("reads a minimum order as a volume, not an order number", () => {
    expect(isOutOfDealScope("our distributor terms: 45% off the retail price, minimum order 300 puzzles.")).toBe(false);
    expect(isOutOfDealScope("where is my order 40012?")).toBe(true);
  });
});
