import { describe, expect, it } from "vitest";
import {
  isContentTopic,
  isOtherPartiesDeal,
  isOutOfDealScope,
  isPastDeal,
  isPeopleNews,
  statesNoDeal,
} from "./dealScope";
import { detectDealCue } from "./dealStage";

const inbound = (text: string, subject?: string) => ({ text, direction: "inbound" as const, subject });

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
    expect(detectDealCue(inbound("Your quote is high. Is there a nonprofit discount?"))?.stage).toBe("negotiation");
  });
});
