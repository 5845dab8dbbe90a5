import { describe, expect, it } from "vitest";
import {
  advanceDeal,
  type DealCue,
  detectDealCandidate,
  detectDealCue,
  isHardBlock,
  modelStageBlock,
  readDealStage,
} from "./dealStage";
import { DEAL_STAGE_MODEL } from "./dealStageModelData";

const cue = (text: string, direction: "inbound" | "outbound" = "inbound") =>
  detectDealCue({ text, direction, id: "m1" });
/**
 * Round 9: the stage models' reading of a short example they are unsure of. With blind7 and train8 in training
 * they trust a lone rules cue on one short sentence less (0.4–0.66 against the 0.70 threshold picked out of
 * author), so such an example is held back for the AI peer (probability >= askBelow) with the right stage.
 */
const heldBack = (text: string, direction: "inbound" | "outbound" = "inbound") => {
  const r = readDealStage({ text, direction, id: "m1" });
  expect(r.emitted, text).toBe(false);
  expect(r.probability, text).toBeGreaterThanOrEqual(DEAL_STAGE_MODEL.askBelow);
  return r.cue;
};

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

  it("reads a reused message object afresh: the last reading is remembered by the fields, not by the object", () => {
    const msg = { text: "We've signed the contract!", direction: "inbound" as const, id: "m1" };
    expect(detectDealCue(msg)).toMatchObject({ stage: "won" });
    msg.text = "We decided to go with another vendor.";
    expect(detectDealCue(msg)).toMatchObject({ stage: "lost" });
  });

  it("respects direction, negation, questions and quotes", () => {
    expect(cue("Are you interested in a demo?", "outbound")).toBeNull();
    expect(cue("We are not interested in a proposal right now.")?.stage).toBe("lost");
    expect(cue("Have you signed the contract yet?")).toBeNull();
    expect(cue("If the review goes well, we will sign next month.")).toBeNull();
    expect(cue("Ok.\n\n> We've signed the contract")).toBeNull();
  });

  it("flags explicit reopening", () => {
    // round 8: the learned stage models are unsure of this one (about 0.5): the stage is held back for the AI
    // peer, with its reopen flag
    const m = {
      id: "m1",
      channel: "email",
      direction: "inbound" as const,
      text: "Things have changed – we'd like to revisit your proposal.",
    };
    // round 9: a buyer asking to revisit a proposal is `interest` (corpus c038 relabelled by the owner's convention)
    expect(readDealStage(m)).toMatchObject({ emitted: false, cue: { stage: "interest", reopen: true } });
    expect(cue("Things have changed, we are back on the table: we'd like to sign the renewal.")).toMatchObject({
      stage: "won",
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

describe("deal cues by meaning (issue 13)", () => {
  it("reads won and proposal cues in new wording", () => {
    expect(cue("The board signed off on the budget, so consider us on board.")?.stage).toBe("won");
    expect(cue("We've decided to go with you guys.")?.stage).toBe("won");
    expect(cue("ok we're going ahead with the annual plan")?.stage).toBe("won");
    expect(cue("I've put together pricing for the 3-year term; the PDF is attached.", "outbound")?.stage).toBe(
      "proposal",
    );
    expect(heldBack("Got your offer, we are going through it with finance.")?.stage).toBe("proposal");
    // round 9, the owner's convention: a buyer asking for a quote is interest
    expect(cue("Could you put together a quote for 200 seats?")?.stage).toBe("interest");
    expect(cue("we went with a local provider in the end")?.stage).toBe("lost");
    expect(cue("Your number is about 20% above what we budgeted.")?.stage).toBe("negotiation");
  });

  it("round 36: reads the buyer walking away to do without us as lost, even after a price complaint", () => {
    expect(cue("Your quote is too expensive for us, we'll have the fence done elsewhere.")?.stage).toBe("lost");
    expect(cue("Too much for me right now, I'll leave it for another year. Thanks anyway.")?.stage).toBe("lost");
    expect(cue("Thanks for coming out. We talked it over and we're going to do it ourselves.")?.stage).toBe("lost");
    expect(cue("No need to hold the table, we bought one locally.")?.stage).toBe("lost");
    // our own side doing the work is no walk-away
    expect(cue("We'll do it ourselves on Monday and send photos.", "outbound")?.stage).not.toBe("lost");
  });

  it("does not read the words alone as a stage", () => {
    expect(cue("pls resend the signed contract pdf, cant find it")).toBeNull();
    expect(cue("We are pleased to confirm that your company has been approved as a supplier.")).toBeNull();
    expect(cue("Our contract renewal date is in the portal, correct?")).toBeNull();
  });

  it("falls back to a deal object with a stage intent, at a confidence that cannot close a deal", () => {
    // round 19: with blind23-26 in training the models trust this lone cue less still (P 0.351 -> 0.294, under
    // askBelow 0.3), so it is held back without asking the peer; "Got your offer, …" above is still asked (0.529)
    const r = readDealStage({
      text: "Finance is now reviewing the revised quote line by line.",
      direction: "inbound",
      id: "m1",
    });
    expect(r.emitted).toBe(false);
    expect(r.cue).toMatchObject({ stage: "proposal" });
    const won = cue("Management is finalising the agreement with us this week.")!;
    expect(won.stage).toBe("won");
    expect(won.confidence).toBeLessThan(0.8);
    expect(advanceDeal("proposal", won).changed).toBe(false);
  });
});

describe("round 10: a price agreed, and which guards a confident words-only stage may override", () => {
  const candidate = (text: string, direction: "inbound" | "outbound" = "inbound") =>
    detectDealCandidate({ text, direction, id: "m1" });

  it("reads a price agreed in the sentence as a won candidate, from either side", () => {
    expect(candidate("Deal. $1,065 it is. I'll send the artwork files by Monday.")?.stage).toBe("won");
    expect(candidate("ok fine, $60 works. lock it in")?.stage).toBe("won");
    expect(candidate("Ok, £40 is fine, it's yours! Collection only from Cardiff Bay.", "outbound")?.stage).toBe("won");
    expect(candidate("Done at ₹1,060 for 80 sets. Advance I will transfer by Friday.")?.stage).toBe("won");
  });

  it("does not read a question, a date or a time without money as a price agreed", () => {
    expect(candidate("Is $60 ok for you?")?.stage).not.toBe("won");
    expect(candidate("The 10th works for me, see you then.")).toBeNull();
    expect(candidate("3pm works, I'll bring the samples.")).toBeNull();
  });

  it("reads more currencies and unit rates as the seller's price", () => {
    expect(candidate("Our academy plan is KRW 1,900 per student per month.", "outbound")?.stage).toBe("proposal");
  });

  it("names the guard that holds; scope, support, hedges and 'no deal' are hard, third parties and service soft", () => {
    const msg = { text: "Our client cancelled the conveyor project.", direction: "inbound" as const };
    expect(modelStageBlock(msg, "lost", "Our client cancelled the conveyor project", false)).toBe(
      "third-party subject",
    );
    expect(isHardBlock("third-party subject")).toBe(false);
    expect(isHardBlock("service sentence")).toBe(false);
    // round 13: out of author (14 independent sets, leave one out) the out-of-scope guard held back 10 right
    // words-only stages at >= 0.35 and no wrong one (a lease or an office plan is what some trades sell; "our
    // marketing budget went to the streaming rights" is why a deal is lost): it is soft now
    expect(isHardBlock("out of deal scope")).toBe(false);
    for (const hard of [
      "consumer support",
      "not our decision",
      "question, condition or hedge",
      "states no deal",
      "interest outbound",
    ])
      expect(isHardBlock(hard), hard).toBe(true);
    const fleet = {
      text: "We've decided to go with Fleetio instead of the spreadsheets.",
      direction: "inbound" as const,
    };
    expect(modelStageBlock(fleet, "lost", "We've decided to go with Fleetio instead of the spreadsheets", false)).toBe(
      "not our decision",
    );
    expect(modelStageBlock(msg, "interest", "We need a partner", false)).toBeNull();
    // round 13: a quote is cut without its final stop; the message still asks it
    const asked = { text: "Have you signed the contract yet?", direction: "inbound" as const };
    expect(modelStageBlock(asked, "won", "Have you signed the contract yet", false)).toBe(
      "question, condition or hedge",
    );
    // a hard guard is named before a soft one found first
    const hedged = { text: "Our client might cancel the conveyor project.", direction: "inbound" as const };
    expect(modelStageBlock(hedged, "lost", "Our client might cancel the conveyor project", false)).toBe(
      "question, condition or hedge",
    );
  });
});

describe("round 39: the reader asked to match, come to or sharpen to a price", () => {
  const candidate = (text: string, direction: "inbound" | "outbound" = "inbound") =>
    detectDealCandidate({ text, direction, id: "m1" })?.stage;
  it("reads them as negotiation candidates", () => {
    expect(
      candidate("A firm in Leeds does the same panels at £38 each. You're at £44. Any chance you can match?"),
    ).toBe("negotiation");
    expect(candidate("Their studio quoted 2,700 a piece. Could you sharpen to 2,800?")).toBe("negotiation");
    expect(candidate("We'd need you at $940 per unit to move forward.")).toBe("negotiation");
    // a seller's total that comes to a price is no negotiation
    expect(candidate("The six frames plus fitting come to $2,180.", "outbound")).not.toBe("negotiation");
  });
});

describe("round 40: the buyer's board or boss said no, a quote in the reader's inbox", () => {
  const candidate = (text: string, direction: "inbound" | "outbound" = "inbound") =>
    detectDealCandidate({ text, direction, id: "m1" })?.stage;
  it("reads them as lost and proposal candidates", () => {
    expect(candidate("Sorry mate, the board said no, we're keeping the old vans another year.")).toBe("lost");
    expect(candidate("Hi Jo, the quote for the 6 awnings is in your inbox, valid to the 30th.", "outbound")).toBe(
      "proposal",
    );
    // a notice about a rule, not the buyer's decision
    expect(candidate("The council says no parking on the verge during works.")).toBeUndefined();
  });
});

describe("round 41: a price sealed in a word, the buyer's booking or order, a bidder told it lost", () => {
  const candidate = (text: string, direction: "inbound" | "outbound" = "inbound") =>
    detectDealCandidate({ text, direction, id: "m1" });
  it("reads a price closed by a sealing word, 'go on then' and an opening 'Deal' as a won bargain that stands", () => {
    for (const [text, direction] of [
      ["Alright, £6 a box with free delivery, deal.", "outbound"],
      ["Fine, $7.40 for 300 kg, we have a deal. Deposit on Friday.", "outbound"],
      ["Yep, 2,400 for the pair, done 👍 See you Tuesday.", "inbound"],
      ["Go on then, 17.50.", "inbound"],
      ["Go on then, £90 for all six.", "outbound"],
      ["Deal 🤝 Send the first crates next week.", "inbound"],
    ] as const)
      expect(candidate(text, direction), text).toMatchObject({ stage: "won", stands: true });
    // a counter with a sweetener, and a question, are not sealed
    expect(candidate("Go on then, £1,200 without the frames and I'll throw in the hooks", "outbound")?.stage).not.toBe(
      "won",
    );
    expect(candidate("40 on the jackets and 35 on the trousers, deal?")?.stage).not.toBe("won");
  });

  it("reads the buyer's imperative booking and an order placed as won, a conditional order as no close", () => {
    expect(candidate("Lovely, book it. The 14th if you can.")?.stage).toBe("won");
    expect(candidate("Thursday suits us, let's book it!")?.stage).toBe("won");
    expect(candidate("Book them in.")?.stage).toBe("won");
    expect(candidate("ok book the 9am sat 6 june pls")?.stage).toBe("won");
    expect(candidate("We place our first order of 200 trays on Monday.")?.stage).toBe("won");
    expect(candidate("If you can match 0.30 we'll place the order this week.")?.stage).not.toBe("won");
    expect(candidate("Can you book it for the 14th?")?.stage).not.toBe("won");
  });

  it("reads a tender awarded to another, told with the thanks of a letter to a bidder, and a thing found cheaper as lost", () => {
    expect(
      candidate("Hi Sam, Council has awarded the paving tender to Kerb & Co. Thanks for the demo and your time.")
        ?.stage,
    ).toBe("lost");
    expect(candidate("ta, found them cheaper at the market")?.stage).toBe("lost");
    expect(candidate("Thanks Jo, found a printer in Leeds who's doing them cheaper.")?.stage).toBe("lost");
    expect(candidate("If you find it cheaper anywhere, tell us and we'll match it.")?.stage).not.toBe("lost");
  });
});
describe("readDealStage: round 59, a price asked straight out", () => {
  it("emits a buyer's 'how much is it?' as interest over the models' doubt", () => {
    expect(
      readDealStage({
        id: "m1",
        direction: "inbound",
        text: "Hi! Can I still get into the wet felting weekend May 23-24? 2 spots if possible, me and my daughter (she's 15). How much is it?",
      }),
    ).toMatchObject({ emitted: true, cue: { stage: "interest" } });
  });
});

describe("round 61: an invitation to tender, whether we ship a thing", () => {
  it("reads 'You are invited to submit a tender' and 'do you ship … to Canada?' as interest", () => {
    expect(
      detectDealCandidate({
        text: "Dear Sirs, You are invited to submit a tender for the supply and installation of six tennis courts.",
        direction: "inbound",
      })?.stage,
    ).toBe("interest");
    expect(
      detectDealCandidate({
        text: "Hello, do you ship Lucas wiring looms to Canada? I need a main loom for a 1962 MGA.",
        direction: "inbound",
      })?.stage,
    ).toBe("interest");
    // an invitation to a call is no tender
    expect(
      detectDealCandidate({ text: "You are invited to a call on Monday about the roof.", direction: "inbound" })?.stage,
    ).not.toBe("interest");
  });
});

describe("round 62: a consumer lost or asking, a purchase order sent, 'I'll leave it this time'", () => {
  it("reads a consumer who bought or chose elsewhere as a lost candidate", () => {
    expect(
      detectDealCandidate({
        text: "The swatches you promised never arrived. I've ordered a hat from a milliner in Central instead.",
        direction: "inbound",
      })?.stage,
    ).toBe("lost");
    expect(
      detectDealCandidate({
        text: "Thanks for the quote and the shipping figures. In the end I've bought one from a collector in Napier, which saves the freight.",
        direction: "inbound",
      })?.stage,
    ).toBe("lost");
  });

  it("reads 'I'll leave it this time' after a rival find as a lost candidate", () => {
    expect(
      detectDealCandidate({
        text: "Thanks heaps for the quote, but I found a hat I love at a boutique so I'll leave it this time.",
        direction: "inbound",
      })?.stage,
    ).toBe("lost");
  });

  it("reads a consumer asking what we do or what it costs as interest, not a return's cost", () => {
    expect(
      detectDealCue({
        text: "hey do you guys do birthday parties? my daughter is obsessed with puppets",
        direction: "inbound",
      })?.stage,
    ).toBe("interest");
    expect(
      detectDealCue({
        text: "Saw your work on Instagram. Do you do hats to order, and roughly what do they cost?",
        direction: "inbound",
      })?.stage,
    ).toBe("interest");
    expect(
      detectDealCue({
        text: "Hi, i want to return the rug, it sheds everywhere. how much does the return cost?",
        direction: "inbound",
      })?.stage ?? null,
    ).toBeNull();
  });

  it("reads our purchase order sent as won over the models' doubt", () => {
    expect(
      detectDealCue({
        subject: "Re: Price adjustment from 1 April",
        text: "Dear Tereza,\n\nThank you for the notice. Please book 40 felt capelines at the current prices; our PO MW-0412 is attached. Payment on receipt of your invoice, as usual.\n\nPhilippa",
        direction: "outbound",
        channel: "email",
      })?.stage,
    ).toBe("won");
  });
});

describe("round 63: the price in the buyer's own words stands, a take with a collection is won", () => {
  it("reads 'What's the damage?' and 'what's the price on…' as interest over the models' doubt", () => {
    expect(
      cue(
        "G'day, after 30t of the 40mm river pebble for a resort job at Noosa, needed last week of May. What's the damage delivered? Cheers, Brodie",
      )?.stage,
    ).toBe("interest");
    expect(cue("hi what's the price on the unicorn castle")?.stage).toBe("interest");
  });

  it("reads 'We'll take all 40 m.' with a collection as won", () => {
    expect(cue("Kiitos Sanna, that's perfect! We'll take all 40 m. I'll come for them on Saturday at 11.")?.stage).toBe(
      "won",
    );
  });
});

describe("round 64: a price in any of the read authors' currencies", () => {
  it("reads a quotation priced in won, taka or kroner as a proposal, as one in dollars is", () => {
    const outbound = (text: string) => detectDealCue({ id: "m", channel: "email", direction: "outbound", text });
    expect(
      outbound(
        "Thank you for thinking of us! Persimmon vinegar 375 ml in a paulownia gift box: ₩18,500 per set at 3,000 sets, delivered to your Gimpo warehouse by 12 January.",
      )?.stage,
    ).toBe("proposal");
    expect(
      outbound(
        "Hi Dave, as promised: Blue Pearl GT larvikite, 3 cm polished slabs, NOK 2,450 per m² FOB Larvik. We have 400 m² from the same bench.",
      )?.stage,
    ).toBe("proposal");
    expect(
      outbound(
        "Takk for forespørselen. Vårt tilbud for sesongen 2026/27 er NOK 14 500 per måned fra november til april, eks. mva.",
      )?.stage,
    ).toBe("proposal");
  });
});

describe("round 65: 'Deal!' after an emoji, and a title before a name", () => {
  it("reads a one-word deal after an emoji, and an acceptance after 'Dear Ms. Chen,' as won", () => {
    expect(
      detectDealCandidate({
        text: "Kraft box is even better for our brand 😄 Deal! I'll send the files.",
        direction: "inbound",
      })?.stage,
    ).toBe("won");
    expect(
      detectDealCandidate({
        text: "Dear Ms. Chen,\nAccepted at US$4,600 including air freight. Our PO 2026/114 is attached.\nKind regards,\nMarta",
        direction: "outbound",
      })?.stage,
    ).toBe("won");
  });
});
