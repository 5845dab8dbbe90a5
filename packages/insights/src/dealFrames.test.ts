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
});
