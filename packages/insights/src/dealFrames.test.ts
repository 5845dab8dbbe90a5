import { describe, expect, it } from "vitest";
import { frameCue } from "./dealFrames";

const stage = (text: string, direction: "inbound" | "outbound" = "inbound") => frameCue(text, direction)?.stage ?? null;

describe("deal frames (meaning, not phrasing)", () => {
  it("reads a decision verb with a deal object, active or passive", () => {
    expect(stage("The committee approved the purchase this morning.")).toBe("won");
    expect(stage("Our renewal has been approved by finance.")).toBe("won");
    expect(stage("PO number 44817 has been issued to you.")).toBe("won");
  });

  it("turns a negated continuation into lost, but not a negated unrelated plan", () => {
    expect(stage("We will not be going ahead with the purchase.")).toBe("lost");
    expect(stage("sorry but we dont continue with you after this month")).toBe("lost");
    expect(stage("Our team is not going ahead with the offsite.")).toBeNull();
    expect(stage("We haven't signed the contract yet.")).toBeNull();
  });

  it("round 13: a refusal by the buyer's side, a long-headed deal object, a signature reported by us", () => {
    // a decision body votes against or turns down; the buyer withdraws or pulls out
    expect(stage("The governors voted against the new minibus contract at Thursday's meeting.")).toBe("lost");
    expect(stage("sorry, the owners turned the kitchen refit down, too much this year")).toBe("lost");
    expect(stage("We are withdrawing from the exhibition stand booking, the fair moved to autumn.")).toBe("lost");
    expect(stage("We will not sponsor the under-12 tournament this season.")).toBe("lost");
    // what is refused is a service matter, not a deal
    expect(stage("We declined the delivery because two pallets were crushed.")).toBeNull();
    expect(stage("Has the committee voted against the roof repair?")).toBeNull();
    // the deal object with a reference and a long "for …" head
    expect(stage("PO 2291-QX for the two walk-in freezers is approved and on its way to you.")).toBe("won");
    expect(stage("The purchase order for the forty wall-mounted hand dryers has been signed.")).toBe("won");
    // our side reporting the signature (outbound)
    expect(stage("Contract's signed on both sides, welcome to the programme!", "outbound")).toBe("won");
    expect(stage("Thanks for countersigning, Jonas. The first site visit is on Monday.", "outbound")).toBe("won");
    expect(stage("Once it's signed by both parties we can book the crane.", "outbound")).toBeNull();
  });

  it("never closes a deal from a question, a condition or a hedge", () => {
    expect(stage("Have you approved the purchase?")).toBeNull();
    expect(stage("If the pilot works, we will approve the purchase.")).toBeNull();
    expect(stage("We will probably approve the purchase.")).toBeNull();
  });

  it("reads a rival vendor by name and ignores third-party deals", () => {
    expect(stage("We signed with Pipewell last week, thanks anyway.")).toBe("lost");
    expect(stage("We cancelled the order with our printer, not related to you.")).toBeNull();
  });

  it("reads a hard-wrapped sentence as one", () => {
    expect(stage("Hi Sam,\n\nafter looking at the usage we have decided not to\nrenew the licence in April.")).toBe(
      "lost",
    );
  });

  it("keeps support and billing sentences out of interest and negotiation", () => {
    expect(stage("The discount code did not apply at checkout.")).toBeNull();
    expect(stage("How much storage does each user get on our plan?")).toBeNull();
    expect(stage("How much would it be for 10 users?")).toBe("interest");
  });

  it("reads a priced document sent or received on either side", () => {
    expect(stage("As promised, the proposal for the rollout is in the attachment.", "outbound")).toBe("proposal");
    expect(stage("I have received the offer and I am checking it with my director.")).toBe("proposal");
    expect(stage("Your proposal to move the call to Thursday works for me.")).toBeNull();
  });

  it("reads who acts: a third party's signing or choosing is not our deal", () => {
    expect(stage("Our tenant signed the renewal of the lease yesterday.")).toBeNull();
    expect(stage("My brother just signed the contract for his flat.")).toBeNull();
    expect(stage("Legal signed off on the renewal this morning.")).toBe("won");
  });

  it("reads a decision without a deal object, and a question that presumes it", () => {
    expect(stage("Alright, we are moving ahead.")).toBe("won");
    expect(stage("Where should we send the purchase order?")).toBe("won");
    expect(stage("We'd like to add 5 more licences, same rate as before?")).toBe("won");
    // a whole-sentence question still decides nothing
    expect(stage("Have you picked a different provider, or is it still open?")).toBeNull();
    // "go ahead and <do something>" is not a purchase
    expect(stage("We will go ahead and rename the channels tonight.")).toBeNull();
  });

  it("tells good news from bad when a named vendor is chosen", () => {
    expect(stage("Great news: the panel selected Switchboard for the rollout.")).toBe("won");
    expect(stage("Unfortunately the panel selected Kestrel for the rollout.")).toBe("lost");
  });

  it("reads interest as a question about the price or about trying the product", () => {
    expect(stage("What would the licensing look like for 30 people?")).toBe("interest");
    expect(stage("Could we get a sandbox to try the routing rules?")).toBe("interest");
    expect(stage("Why was our card charged for the extra number?")).toBeNull();
    expect(stage("Is the demo still on for Thursday at 10?")).toBeNull();
  });

  it("reads negotiation against a budget, a floor or a payment schedule", () => {
    expect(stage("That total sits well above our budget for this year.")).toBe("negotiation");
    expect(stage("We can't go any lower than 21 per agent.", "outbound")).toBe("negotiation");
    expect(stage("Would monthly billing instead of the annual invoice be possible?")).toBe("negotiation");
  });

  it("reads lost as keeping the incumbent, building it ourselves or a frozen budget", () => {
    expect(stage("We'll keep working with our current provider for now.")).toBe("lost");
    expect(stage("IT wants to develop the routing in-house.")).toBe("lost");
    expect(stage("Finance froze all software spending until autumn.")).toBe("lost");
    expect(stage("We decided to renew with our existing vendor instead.")).toBe("lost");
  });

  // round 7 (blind5's misses, as general forms)
  it("reads a preference or a possibility as no choice, and a smaller start before committing as negotiation", () => {
    expect(stage("I'd rather go with you guys if you can get closer to the other quotes")).not.toBe("won");
    expect(stage("We could go with your platform next year.")).not.toBe("won");
    expect(stage("We decided to go with your platform.")).toBe("won");
    expect(stage("Our owners want to start with 5 clinics and a 90-day out clause before committing to all 14.")).toBe(
      "negotiation",
    );
    expect(stage("We want to start with the pro plan.")).toBe("won");
  });

  it("reads going with another party described by a relative clause as lost", () => {
    expect(stage("We've decided to go with the company that did next door, they can start sooner.")).toBe("lost");
    expect(stage("We decided to go with a contractor from Leeds.")).toBe("lost");
    expect(stage("We decided to go with the one that has more storage.")).not.toBe("lost");
  });
});

describe("frameCue: round 38, what the buyer did elsewhere in the end", () => {
  it("reads buying, choosing or going with another party in the end as lost", () => {
    expect(stage("Went with the Leeds lads for the fitting in the end, they're nearer.")).toBe("lost");
    expect(stage("We ended up buying two used presses from a mill in Jaén.")).toBe("lost");
    expect(stage("After the meeting we decided to buy locally from a joiner in Truro.")).toBe("lost");
    expect(stage("In the end the committee has chosen the printer from Porto.")).toBe("lost");
  });

  it("does not read buying from us, or a purchase with no choice, as lost", () => {
    expect(stage("In the end we went with your quote, please send the invoice.")).not.toBe("lost");
    expect(stage("We ended up buying twenty more from you.")).not.toBe("lost");
    expect(stage("We bought the new press last spring.")).toBeNull();
  });

  it("reads no choice made under a threat ('otherwise', 'or else') as lost (round 43)", () => {
    expect(stage("Otherwise we will go with the firm from Bristol.")).not.toBe("lost");
    expect(stage("Match it or else we sign with Hallam Glass.")).not.toBe("lost");
  });
});
describe("round 59: a supply moved elsewhere", () => {
  it("reads a supply or an order moved to another company as lost, and one moved to another day as none", () => {
    expect(stage("We've moved our felt supply to Bellweather Textiles starting in June.")).toBe("lost");
    expect(stage("We've moved our bulb and bedding order to Greenfield Wholesale this year.")).toBe("lost");
    expect(stage("We've moved our Friday order to Monday.")).toBeNull();
    expect(stage("We've moved our felt supply to you.")).not.toBe("lost");
  });
});
describe("round 60: a purchase made or chosen elsewhere, a rival's price, room asked for, whether we sell a thing", () => {
  it("reads an order, a choice or a vote for another party as lost", () => {
    expect(stage("We have decided to order the hinges from the Ohio supplier, mainly because they ship faster.")).toBe(
      "lost",
    );
    expect(stage("We're going with a builder out of Dayton for the Springfield job.")).toBe("lost");
    expect(stage("We have finally chosen the offer of another distillery for our own bottling.")).toBe("lost");
    expect(stage("In the meantime the board voted for a trip to Iceland with another operator.")).toBe("lost");
    expect(stage("Our committee voted to buy two used kilns from a college that is closing.")).toBe("lost");
    expect(stage("From July we're moving our resin and hardener orders to Coastline Composites.")).toBe("lost");
    expect(stage("We have decided to order the hinges from you.")).not.toBe("lost");
    expect(stage("The club voted for the walnut boards.")).not.toBe("lost");
  });

  it("reads a purchase already made from another party as lost, but not a thing bought with its features", () => {
    expect(stage("Sorry, we've ordered our Christmas cheeses from a French affineur our chef met in Lyon.")).toBe(
      "lost",
    );
    expect(stage("We have booked our October cargo from a Baltic supplier at a lower price.")).toBe("lost");
    expect(stage("We've booked the reef trip with another operator out of Cairns this time.")).toBe("lost");
    expect(stage("We've just bought a farmhouse with an old range cooker that smokes the kitchen out.")).not.toBe(
      "lost",
    );
    expect(stage("If we bought from a local dealer, would you still service it?")).not.toBe("lost");
  });

  it("reads a rival's price to us, a price to match, and room asked for as negotiation", () => {
    expect(stage("A supplier in Leeds has offered us the same chairs at £48. Is there any flexibility for 40?")).toBe(
      "negotiation",
    );
    expect(stage("Honestly, a Danish mill has quoted us €41,900 delivered for the same volumes.", "outbound")).toBe(
      "negotiation",
    );
    expect(stage("Can you match EUR 74 at that volume?", "outbound")).toBe("negotiation");
    expect(stage("Love the second board. Any wiggle on price if I skip the case?")).toBe("negotiation");
    expect(stage("You're at $70 a night. Any wiggle room?")).toBe("negotiation");
  });

  it("reads whether we sell, rent or make a thing as interest, not a customer's delivery question", () => {
    expect(stage("hi, do you guys rent out kayak trailers?")).toBe("interest");
    expect(stage("hey do y'all carry western show pads?")).toBe("interest");
    expect(stage("Everything OK with the order. Just one question, do you ship to Izmir also?")).toBeNull();
  });
});
describe("round 60: work awarded by what it is, a go-ahead in a word or two", () => {
  it("reads work awarded to another party by its name as lost", () => {
    expect(stage("The board awarded the refurbishment to Mile High Percussion Service, whose bid came in lower.")).toBe(
      "lost",
    );
    expect(stage("Council has awarded the organics contract to GreenLoop Services.")).toBe("lost");
    expect(stage("I am pleased to inform you that the trust has awarded the mowing contract to Fenwick Grounds.")).toBe(
      "won",
    );
  });

  it("reads a go-ahead with no price at the head of a sentence as won, not a counter or 'sold out'", () => {
    expect(stage("Go on then, 10am on the 28th please.")).toBe("won");
    expect(stage("Yeah go for it, chur")).toBe("won");
    expect(stage("sweet, do it. I'll drop it in at lunch")).toBe("won");
    expect(stage("Sold!! I'll come grab it tomorrow morning")).toBe("won");
    expect(stage("do it for £20 and ur on")).not.toBe("won");
    expect(stage("Sold out of the lilac leotards in two days!")).not.toBe("won");
    expect(stage("Did it as a steak and the table went quiet.")).not.toBe("won");
    expect(stage("Can you look at it? What does it cost roughly")).not.toBe("won");
  });
});

describe("round 61: goods sold to another buyer, work awarded with what it is for", () => {
  it("reads the seller's goods sold to another buyer as lost, never 'you sold'", () => {
    expect(stage("Daniel, I sold the 300kg to the Brisbane buyer. Maybe next harvest.")).toBe("lost");
    expect(stage("Sorry, my brother already sold the jade screen to a private collector.")).toBe("lost");
    expect(stage("Just found out you sold my pre-order to a walk-in customer??")).not.toBe("lost");
  });

  it("reads work awarded with what it is for between as lost", () => {
    expect(
      stage("The committee has awarded the transport contract for the Al Qudra ride to Sahara Horse Movers."),
    ).toBe("lost");
  });
});

describe("round 62: a maker chosen by what and where it is, buying on from the current supplier", () => {
  it("reads a maker or trader chosen by description as lost", () => {
    expect(
      frameCue("The production team has chosen a theatrical hatter in Berlin, who can also do the fittings.", "inbound")
        ?.stage,
    ).toBe("lost");
    expect(frameCue("We went with a sitter who lives on our street, easier for the key.", "inbound")?.stage).toBe(
      "lost",
    );
    // a thing chosen is no maker
    expect(frameCue("We went with a leather from Italy for the seats, as you suggested.", "inbound")?.stage).not.toBe(
      "lost",
    );
  });

  it("reads buying on from the current supplier as lost", () => {
    expect(
      frameCue("We will continue to buy from our current supplier in Minas Gerais, the duty is too high.", "inbound")
        ?.stage,
    ).toBe("lost");
  });

  it("reads whether we do a thing as interest, not what a customer already has", () => {
    expect(frameCue("hey do you guys do birthday parties?", "inbound")?.stage).toBe("interest");
    expect(frameCue("do you do piano removals too or just tuning?", "inbound")?.stage).not.toBe("interest");
    expect(frameCue("Do you do anything similar?", "inbound")?.stage).not.toBe("interest");
  });
});

describe("round 63: a rival's price, an account moved to another supplier, the price in the buyer's words", () => {
  it("reads another party's price put to us as negotiation", () => {
    expect(
      frameCue("But final rate from our side is ₹270 for Greek yoghurt, a local dairy is giving ₹255.", "inbound")
        ?.stage,
    ).toBe("negotiation");
    expect(frameCue("Another distributor is doing 17,000.", "inbound")?.stage).toBe("negotiation");
    // a rival with no price is no counter-offer
    expect(frameCue("Another distributor is doing the Lagos route now.", "inbound")?.stage).not.toBe("negotiation");
  });

  it("reads a line or an account moved to another supplier as lost, not to a day", () => {
    expect(
      frameCue(
        "From July we're moving our corn tortilla line to a national brand that can supply all 22 stores.",
        "inbound",
      )?.stage,
    ).toBe("lost");
    expect(frameCue("We're done, moving our account to another supplier.", "inbound")?.stage).toBe("lost");
    expect(frameCue("We're moving our account meeting to another day.", "inbound")?.stage).not.toBe("lost");
  });

  it("reads whether we fix, run or teach a thing as interest, not whether we still do what a customer knows", () => {
    expect(frameCue("do you guys fix cuckoo clocks?", "inbound")?.stage).toBe("interest");
    expect(frameCue("do u run kids classes?", "inbound")?.stage).toBe("interest");
    expect(frameCue("G'day, do you blokes do gutter cleaning on 3 storey townhouses?", "inbound")?.stage).toBe(
      "interest",
    );
    expect(
      frameCue("hi there, do you fellas still build Cape Islanders or is it all yachts now?", "inbound")?.stage,
    ).toBe("interest");
    expect(frameCue("Aloha! Do you still do walk-in battery replacements on Sundays?", "inbound")?.stage).not.toBe(
      "interest",
    );
  });

  it("reads the price asked in the buyer's own words as interest", () => {
    expect(frameCue("hi what's the price on the unicorn castle", "inbound")?.stage).toBe("interest");
    expect(frameCue("What's the damage?", "inbound")?.stage).toBe("interest");
    expect(frameCue("Script, two colors, both doors. What would that run me?", "inbound")?.stage).toBe("interest");
    expect(frameCue("you still selling the clown het pied males? How much are you asking?", "inbound")?.stage).toBe(
      "interest",
    );
    // a statement of the price is no question
    expect(frameCue("What's the price is the price, I paid it.", "inbound")?.stage).not.toBe("interest");
  });
});

describe("round 64: another firm appointed to the work", () => {
  it("reads another firm appointed, by name or as 'another …', as lost, even by the buyer's client or council", () => {
    expect(
      stage(
        "I wanted to tell you myself: the client has appointed Purbeck & Sons Masonry for the Portland stone package.",
      ),
    ).toBe("lost");
    expect(stage("After review the client has appointed another survey firm that already holds the framework.")).toBe(
      "lost",
    );
    expect(
      stage("For your information, the MCST council has appointed another contractor for the pump maintenance."),
    ).toBe("lost");
    // the writer's own appointment, and the reader's firm appointed, are no loss
    expect(stage("Good morning Efe, I have been appointed Chief Customer Officer at Kobo Ledger.")).not.toBe("lost");
    expect(stage("I am happy to confirm that the board has appointed your firm as administrator.")).not.toBe("lost");
  });
});

describe("round 64: the price to sharpen", () => {
  it("reads 'sharpen it', 'sharpen the pencil' as negotiation, and a service of sharpening as none of it", () => {
    expect(stage("Is there any room to sharpen it before the tender report goes in on Friday?")).toBe("negotiation");
    expect(stage("£2,900 a month is more than the landlord allowed for. Could you sharpen it a little?")).toBe(
      "negotiation",
    );
    expect(stage("Hi, how much to sharpen two pairs of hockey skates, 5/8 hollow?")).not.toBe("negotiation");
  });
});

describe("round 65: terms set out after a colon", () => {
  it("reads our or my terms with a figure as a proposal, above a trade discount's negotiation", () => {
    expect(
      stage("Our distributor terms: 45% off the recommended retail price, payment 50% with order.", "outbound"),
    ).toBe("proposal");
    expect(
      stage("My terms for a three-year licence, worldwide, puzzles only: 8% royalty on your wholesale price."),
    ).toBe("proposal");
    expect(stage("Our terms and conditions are on the website.", "outbound")).toBeNull();
  });
});
