import { describe, expect, it } from "vitest";
import { choiceOf, messageChoice, toldWithRegret } from "./dealChoice";

const inb = (s: string) => choiceOf(s, "inbound");

describe("choiceOf: whom a buyer's choice picks", () => {
  it("reads us as the object of a choice verb", () => {
    expect(inb("We've decided to go with you guys.")).toBe("us");
    expect(inb("after the tasting the committee chose your team for the spring gala")).toBe("us");
    expect(inb("We're going to pick you for the garden redesign")).toBe("us");
    expect(inb("the partners have selected your firm to handle the lease review")).toBe("us");
    expect(inb("The contract has been awarded to you.")).toBe("us");
    expect(choiceOf("Great news team: the trust picked us for the rollout!", "outbound")).toBe("us");
  });

  it("reads another party, named or described, as the object", () => {
    expect(inb("Eh, I'll go with Joliet. Thanks anyway")).toBe("other");
    expect(inb("In the end we went with a translator based in Lyon.")).toBe("other");
    expect(inb("the tender has been awarded to a different joinery")).toBe("other");
    expect(inb("We have awarded the PPA to another generator.")).toBe("other");
    expect(inb("This time we booked directly with the shipping line, their rate was lower.")).toBe("other");
    expect(inb("We'll book the boat with Captain Ortega's outfit this year")).toBe("other");
    expect(inb("Sorry khun, client take other airline")).toBe("other");
    expect(inb("decided to go with the other studio")).toBe("other");
  });

  it("decides nothing for questions, conditions, hedges, negations, past choices and non-parties", () => {
    expect(inb("Are you going with another vendor?")).toBeNull();
    expect(inb("If the price stays, we might go with another supplier.")).toBeNull();
    expect(inb("We are not going with anyone else, don't worry.")).toBeNull();
    expect(inb("Last year we went with a cheaper agency and regretted it.")).toBeNull();
    // round 11: a choice made long ago or by a former party is history, not this deal's outcome
    expect(inb("My previous employer signed with you years ago and loved it.")).toBeNull();
    expect(inb("We chose a local courier two years ago and never looked back.")).toBeNull();
    expect(inb("Our former landlord went with your firm for the refit.")).toBeNull();
    expect(inb("So happy we signed with you last year, best decision ever")).toBeNull();
    expect(inb("wow, only took you guys 9 days to answer my ticket")).toBeNull();
    expect(inb("I'd honestly rather stay with you, but I need something closer")).toBeNull();
    expect(inb("We really want to go with you if the price moves")).toBeNull();
    expect(inb("I have been appointed Chief Customer Officer at Kobo Ledger")).toBeNull();
    // round 13: a condition after the choice binds it too (a term asked for, not a decision)
    expect(inb("We'll stay with you only if we can exit with 30 days' notice in year one.")).toBeNull();
    expect(inb("the trust will go with your crew provided the scaffold is up by March")).toBeNull();
    expect(inb("We'll sign with another carrier as long as they can do Tuesdays.")).toBeNull();
    expect(inb("We've decided to go with you, and if anything changes I'll tell you.")).toBe("us");
    expect(inb("the partners started asking why we hired you")).toBeNull();
    expect(inb("Let's pick another date for the call.")).toBeNull();
    expect(inb("We'll go with the other option, the 3-year plan.")).toBeNull();
    expect(inb("I'll take it from here.")).toBeNull();
    expect(inb("We took another look at the numbers.")).toBeNull();
    expect(inb("I've signed with DocuSign just now.")).toBeNull();
    expect(inb("We'll go with Premium for the first year.")).toBeNull();
  });

  it("finds the deciding sentence of a message", () => {
    expect(messageChoice("Thanks for the quote. In the end we went with another supplier.", "inbound")).toEqual({
      party: "other",
      sentence: "In the end we went with another supplier.",
      chooser: "In the end we",
      named: false,
    });
    expect(messageChoice("Thanks for the quote, we'll think about it.", "inbound")).toBeNull();
  });
});

describe("choiceOf: round 35, an order placed or bought elsewhere", () => {
  it("reads an order placed with or bought from another party as lost, never as us", () => {
    expect(inb("No answer for a week, so we ordered from Harlow Supplies instead.")).toBe("other");
    expect(inb("Thanks, but we have placed the order with Brightwater Ltd.")).toBe("other");
    expect(inb("we signed with the Fremantle mob in the end")).toBe("other");
    expect(inb("We've gone with a bodega in Jerez this year.")).toBe("other");
    // an order from us is history, not a choice
    expect(inb("We ordered from you in the spring and loved it.")).toBeNull();
  });
});

describe("choiceOf: round 42, a party named with a possessive, an order being placed elsewhere, a consolation", () => {
  it("reads 'gone with his cousin's firm' and 'ended up buying … from the outfit' as another party", () => {
    expect(inb("The owner has gone with his nephew's company for the roof.")).toBe("other");
    expect(inb("We ended up buying the pumps from the outfit in Leeds.")).toBe("other");
    // bought from us is no choice of another
    expect(inb("We're buying the pumps from you again this spring.")).toBeNull();
  });

  it("reads a buyer's appreciation of our time or effort as regret", () => {
    expect(toldWithRegret("We appreciated your time on the site visit.", "inbound")).toBe(true);
    expect(toldWithRegret("Thank you for all the effort, Jo.", "inbound")).toBe(true);
    expect(toldWithRegret("Thanks for trying, really.", "inbound")).toBe(true);
    expect(toldWithRegret("We appreciated your time on the site visit.", "outbound")).toBe(false);
  });

  it("reads work awarded to another after a long object, and a choice told after a courtesy (round 43)", () => {
    expect(inb("We have awarded the roofing works at the north school to another contractor.")).toBe("other");
    expect(inb("We would like to inform you that the board decided to award the tender to a local firm.")).toBe(
      "other",
    );
    // a long object before a named party may name us: no choice is read
    expect(
      inb("The council has decided to award the contract for spring road repairs to Kettle Paving Ltd."),
    ).toBeNull();
    // wanting to choose is still undecided
    expect(inb("We would like to go with another supplier next year.")).toBeNull();
  });

  it("reads an order placed from them or with a named trade, and staying with a named incumbent, as another party (round 44)", () => {
    expect(inb("Our foreman liked their sample better, so we've ordered our 300 m² from them.")).toBe("other");
    expect(inb("We've ordered the club's jerseys from a company in Porto.")).toBe("other");
    expect(inb("We have placed the spring lamb order with a Yorkshire producer.")).toBe("other");
    expect(inb("We'll stick with Harrow Mills this season.")).toBe("other");
    // ordered from us, or staying with us, is no choice of another
    expect(inb("We've ordered the jerseys from you again.")).toBeNull();
    expect(inb("We'll stick with you for the next season.")).not.toBe("other");
    // we write of our own supplier: "them" is no other bidder
    expect(choiceOf("We've ordered our 300 m² from them.", "outbound")).toBeNull();
  });
});

describe("round 62: the work given to another by what it is, a deal closed with another", () => {
  it("reads the refit or the work given to a yard or a laboratory, and a deal closed with an operator, as another party's", () => {
    expect(inb("Nothing came, so we gave the refit to the yard in Bozburun.")).toBe("other");
    expect(inb("The council decided yesterday to give the work to the laboratory of Bologna.")).toBe("other");
    expect(inb("Unfortunately the group closed with a Spanish operator they already know.")).toBe("other");
    // keys handed over are no work given
    expect(inb("I gave the keys to the builder on Monday.")).toBeNull();
  });
});
