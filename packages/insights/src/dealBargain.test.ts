import { describe, expect, it } from "vitest";
import {
  acceptanceSentence,
  haggleSentence,
  promisesPriceLater,
  purchaseSentence,
  withoutSalutation,
} from "./dealBargain";
import { detectDealCandidate } from "./dealStage";
import { normalise } from "./text";

const sentencesOf = (text: string) => normalise(text).split(/(?<=[.!?])\s+/);
const haggle = (text: string) => haggleSentence(sentencesOf(text), normalise(text));
const accepted = (text: string, money = false) => acceptanceSentence(sentencesOf(text), normalise(text), money);
const purchase = (text: string) => purchaseSentence(sentencesOf(text));
const candidate = (text: string, direction: "inbound" | "outbound") =>
  detectDealCandidate({ id: "m", text, direction })?.stage ?? null;

describe("bargains in a few words (round 11)", () => {
  it("reads a last price, a floor or a counter with a price in the message as a haggle", () => {
    expect(haggle("Lowest we could go is 3,150 for both rooms.")).not.toBeNull();
    expect(haggle("Two hundred and ten per month is our final price, 210.")).not.toBeNull();
    expect(haggle("I can do €960 if you collect.")).not.toBeNull();
    expect(haggle("That's as far as we can go on 1,200 units.")).not.toBeNull();
    // no price anywhere: small talk, not a haggle
    expect(haggle("That's my last word on the schedule, see you Monday.")).toBeNull();
    expect(candidate("Best we can do is 14,900, that's the floor for June.", "outbound")).toBe("negotiation");
  });

  it("reads a side's limit as a haggle that stands, and a seller's first price as a counter that does not (round 14)", () => {
    const limit = (text: string, direction: "inbound" | "outbound") =>
      detectDealCandidate({ id: "m", text, direction });
    expect(limit("Sven, 4,200 for the loft conversion drawings is where we can land.", "outbound")).toMatchObject({
      stage: "negotiation",
      stands: true,
    });
    expect(limit("honestly 52 a head is the most we can stretch to for the canapés", "inbound")).toMatchObject({
      stage: "negotiation",
      stands: true,
    });
    expect(limit("Pricey. The yard across the river charges 900. Meet us at 950?", "inbound")).toMatchObject({
      stage: "negotiation",
      stands: true,
    });
    // "meet you at" a place is no price; a seller's first price "I can do" is a counter the models decide
    expect(haggle("Lovely, I'll meet you at the station at 15:00 on 30 June.")).toBeNull();
    expect(haggle("Normally $900, but with the club rate I can do $780 for you.")).toMatchObject({ limit: false });
  });

  it("reads a price accepted, or the thing taken with a payment, as an acceptance", () => {
    expect(accepted("Sold. 2,400. I'll transfer it tonight.")).not.toBeNull();
    expect(accepted("Right, 60 an hour suits me, see you Thursday.")).not.toBeNull();
    expect(accepted("£75 with the delivery is fine by us.", true)).not.toBeNull();
    expect(accepted("I'll take both, paying cash when I collect.")).not.toBeNull();
    // a time, not a price; a bare "done" after a support task; a question
    expect(accepted("10 works for the call.")).toBeNull();
    expect(accepted("Done. I've reset the password for the 3 users.")).toBeNull();
    expect(accepted("Would 2,400 work?")).toBeNull();
    expect(accepted("I'll take it from here, thanks.")).toBeNull();
    // round 14: a number of the thing offered, with a payment; never a span of time
    expect(accepted("OK I take 6 crates. I will pay on delivery.")).not.toBeNull();
    expect(accepted("We'll take 2 weeks to decide, delivery is not urgent.")).toBeNull();
    // round 26: a price accepted in the words that seal it, which stands; a time is no price
    expect(accepted("Deal at $450. The tech is booked for Thursday.")).toMatchObject({ sealed: true });
    expect(accepted("Go on then, 18% it is.")).toMatchObject({ sealed: true });
    expect(accepted("Ok 13.6 it is, deposit tonight.")).toMatchObject({ sealed: true });
    expect(accepted("Ok, 10 it is? Or later?")).toBeNull();
  });

  it("round 26: reads a last price, a floor, splitting the difference and a price to get near as a limit", () => {
    expect(haggle("Maria, 22 is my final, the owner will not go lower.")).toMatchObject({ limit: true });
    expect(haggle("€82 is really our floor, but the winter check is included.")).toMatchObject({ limit: true });
    expect(haggle("Best and final: 389k with the lounge tent.")).toMatchObject({ limit: true });
    expect(haggle("Split the difference at 762 and we sign today.")).toMatchObject({ limit: true });
    expect(haggle("The other lot came in at 5.9. Get near that and it's yours.")).toMatchObject({ limit: true });
    // no price in the message: small talk
    expect(haggle("That is my final answer on the colours.")).toBeNull();
  });

  it("reads a booking, a deposit, a PO sent, a go-ahead and an engagement kept on as a purchase", () => {
    expect(purchase("All booked! Sent you the 50% deposit just now.")).not.toBeNull();
    expect(purchase("Please put us down for the March intake.")).not.toBeNull();
    expect(purchase("Our purchase order 7731 is attached.")).not.toBeNull();
    expect(purchase("Looks right, go ahead with the print run.")).not.toBeNull();
    expect(purchase("We'll extend the maintenance contract for another two years.")).not.toBeNull();
    // money back, a condition, a request for a quote, a renewal notice
    expect(purchase("Your deposit has been refunded to the card.")).toBeNull();
    expect(purchase("Once the board agrees we'll pay the deposit.")).toBeNull();
    expect(purchase("Go ahead and send me the quote for 40 units.")).toBeNull();
    expect(purchase("Reminder: your plan auto-renews for another year on 1 May.")).toBeNull();
  });

  it("tells a price promised for later from one sent", () => {
    expect(promisesPriceLater(normalise("I'll work up the numbers tonight and send them first thing."))).toBe(true);
    expect(promisesPriceLater(normalise("The brochure is attached, and I'm sending the full quote by Monday."))).toBe(
      true,
    );
    expect(promisesPriceLater(normalise("Once I've seen the site we can prepare a quote."))).toBe(true);
    expect(promisesPriceLater(normalise("The quote is attached; I'll call you tomorrow to go through it."))).toBe(
      false,
    );
    expect(promisesPriceLater(normalise("Thanks, I'll be in touch next week."))).toBe(false);
    expect(
      candidate("Thanks for the call! I'll put a proposal together and send it over on Friday.", "outbound"),
    ).toBeNull();
  });
});

describe("round 39: a side's limit without 'can', where the reader can land, and 'that's final'", () => {
  it("reads them as a haggle when a price is in the message", () => {
    expect(haggle("Honestly, 4,200 is as low as I go on the pair.")).not.toBeNull();
    expect(haggle("Two nights at 380 is the lowest we go in August.")).not.toBeNull();
    expect(haggle("Our client's ceiling is 61k. Where can you land?")).not.toBeNull();
    expect(haggle("1,950 with the fitting included. That's final from us.")).not.toBeNull();
    expect(candidate("Kai, $2,400 is as low as we go, and we'll add the spare blade.", "outbound")).toBe("negotiation");
  });
});

describe("round 42: another's price, an order on the buyer's price, a price to match sealed, a price approved", () => {
  it("reads them as a haggle that stands when a price is in the message", () => {
    expect(haggle("The garage on Elm Street said 1,150 for the same job.")).toMatchObject({ limit: true });
    expect(haggle("Another nursery in town gave us 2.40 a tray.")).toMatchObject({ limit: true });
    expect(haggle("Hartley's are offering us the same boards at £31 each.")).toMatchObject({ limit: true });
    expect(haggle("That's well above what we pay our usual mill, 640 a tonne.")).toMatchObject({ limit: true });
    expect(haggle("If you can get it to $5,200 we'll sign on Friday.")).toMatchObject({ limit: true });
    expect(haggle("At EUR 9.10 we'd place an order for 300.")).toMatchObject({ limit: true });
    expect(haggle("You do 450, I confirm now.")).toMatchObject({ limit: true });
    expect(haggle("Bramley's do them at 14.50. Match that and you're hired.")).toMatchObject({ limit: true });
    expect(haggle("Is there any room on that? We were thinking 2,900.")).toMatchObject({ limit: true });
    expect(candidate("The other yard quoted us 3,100 for the same work. Beat that?", "inbound")).toBe("negotiation");
    // a price alone, or too much with no counter, is no haggle
    expect(haggle("The same panels are 640 each this year.")).toBeNull();
    expect(haggle("Thanks, 2,400 is too much for us right now.")).toBeNull();
  });

  it("reads a price approved or a booking made without a subject as won", () => {
    expect(accepted("Approved: $12,400 including the install.")).toMatchObject({ sealed: true });
    expect(accepted("Hi Tom, approved: 7,800 for both units.")).toMatchObject({ sealed: true });
    expect(purchase("Just booked the team day for 22 of us on the 14th.")).not.toBeNull();
    expect(purchase("Deposit's gone through this morning, see you Friday.")).not.toBeNull();
    expect(purchase("Please book 300 units at the quoted rate.")).not.toBeNull();
    expect(candidate("We accept the price of $940 for the pair.", "inbound")).toBe("won");
    // a question is no approval
    expect(accepted("Approved: $12,400 or do you need the board first?")).toBeNull();
  });

  it("reads another's price for the same job, a price above our means and what the buyer can manage as a limit (round 43)", () => {
    expect(haggle("A firm from Graz quoted 8 400 euros for same work. Can you come nearer?")).toMatchObject({
      limit: true,
    });
    expect(haggle("A mill in Porto offers us the same yarn at 6.90.")).toBeNull();
    expect(haggle("Another mill offers us the same yarn at 6.90.")).toMatchObject({ limit: true });
    expect(haggle("Your estimate of $14,000 is above our grant this year.")).toMatchObject({ limit: true });
    expect(haggle("We could only manage $9,500 for the whole fence.")).toMatchObject({ limit: true });
    expect(haggle("If it comes in under £7,000 the board will sign it off.")).toMatchObject({ limit: true });
    // our own figures or a price we can afford in general are no limit
    expect(haggle("We could manage the install on the 14th, it's 2 days.")).toBeNull();
  });

  it("reads a price sealed after a salutation, a quick close, an order accepted and a deposit on its way as won (round 43)", () => {
    expect(withoutSalutation("dear lena, 38 it is.")).toBe("38 it is.");
    expect(withoutSalutation("hello team!  done, 12 per crate.")).toBe("done, 12 per crate.");
    expect(candidate("Dear Lena,\n\n38 it is. I pay on delivery.", "outbound")).toBe("won");
    expect(accepted("Done, 12 per crate for the season.")).toMatchObject({ sealed: true });
    expect(accepted("ok for the 18k SEK, send the contract.")).toMatchObject({ sealed: true });
    expect(accepted("After the tasting we accept: 4 150 NOK a month, delivery included.")).toMatchObject({
      sealed: true,
    });
    expect(accepted("Gladly, we accept your order for 30 cases.")).toMatchObject({ sealed: true });
    expect(accepted("Great, R$2,300 fine.", true)).not.toBeNull();
    expect(purchase("Let's go for both rooms. Deposit coming Monday by bank transfer.")).not.toBeNull();
    expect(purchase("Herewith we order 40 rolls at the agreed price.")).not.toBeNull();
    expect(purchase("PO 7781 for all 60 chairs is attached.")).not.toBeNull();
    // a shipment booked is logistics, not a sale; an acceptance we cannot give is none
    expect(purchase("We have booked the 40ft container on the Friday sailing.")).toBeNull();
    expect(accepted("Sadly we cannot accept your order at that price.")).toBeNull();
    expect(accepted("Done, 3 of the 5 rooms are painted.")).toBeNull();
  });

  it("reads a price to meet sealed by a yes, a price too high for the buyer and another's offer with its price as a limit (round 44)", () => {
    expect(haggle("Make it 2,150 with delivery and you've got an order.")).toMatchObject({ limit: true });
    expect(haggle("Do 310 a tonne and we're in.")).toMatchObject({ limit: true });
    expect(haggle("Lovely samples, but 14.20 is high for us.")).toMatchObject({ limit: true });
    expect(haggle("USD 7,400 is a stretch for the season.")).toMatchObject({ limit: true });
    expect(haggle("Another mill offered us their 40/2 cotton at 5.10 a kilo.")).toMatchObject({ limit: true });
    expect(haggle("Can you give us a lower price on 600 metres?")).toMatchObject({ limit: true });
    expect(candidate("Do 38 and free delivery and I'm in", "inbound")).toBe("negotiation");
    // no price in the message, or a price that is ours
    expect(haggle("The deadline is a stretch for us, honestly.")).toBeNull();
    expect(haggle("Our rate is 95 an hour for the survey.")).toBeNull();
  });

  it("reads a price accepted after a dash or with pleasure, an order accepted and a price stated now as won or sent (round 44)", () => {
    expect(accepted("Fine – 2,800 it is.")).toMatchObject({ sealed: true });
    expect(accepted("We are happy to accept EUR 3,950 for the pair.")).toMatchObject({ sealed: true });
    expect(accepted("The committee is fine with the full refit at your price.")).toMatchObject({ sealed: true });
    expect(purchase("Please accept our order for 12 drums of the blue dye.")).not.toBeNull();
    expect(
      promisesPriceLater(
        normalise("The refit of both hulls comes to NZD 24,600 + GST. I'll send the written quote Monday."),
      ),
    ).toBe(false);
    expect(promisesPriceLater(normalise("I'll send the written quote for both hulls on Monday."))).toBe(true);
    // an acceptance of something that is not a price, and an order we were asked to accept that we cannot
    expect(accepted("We are happy to accept the delivery window.")).toBeNull();
    expect(purchase("If you can, please accept our order once the samples pass.")).toBeNull();
  });
});
describe("round 59: a price sealed after 'va:' or with its quantity", () => {
  it("reads 'Va: 85,000 it is' and '12 bales at your $4.80 it is' as sealed", () => {
    expect(accepted("Va: 85,000 it is, if we use the tissue from Puebla.")).toMatchObject({ sealed: true });
    expect(accepted("12 bales at your $4.80 it is.")).toMatchObject({ sealed: true });
    expect(accepted("12 bales at your $4.80 it is?")).toBeNull();
  });
});
describe("round 61: a price sealed after a name or a word or two, a sealing word before a currency, a price too low", () => {
  it("reads 'Ok Roberto, 4,850 it is.' and its kin as sealed, but not a price that is too high", () => {
    expect(accepted("Ok Roberto, 4,850 it is.")).toMatchObject({ sealed: true });
    expect(accepted("Harriet - £3,300 it is, glad we could make it work.")).toMatchObject({ sealed: true });
    expect(accepted("Yeah ok 7,500 it is 👍")).toMatchObject({ sealed: true });
    expect(accepted("Fine, fine, 2,450 it is. You drive a hard bargain")).toMatchObject({ sealed: true });
    expect(accepted("Ok Roberto, 4,850 it is too much for the seats alone.")).toBeNull();
  });

  it("reads 'Done, $1,000.', 'Agreed: € 6,300 …', 'Abgemacht: CHF 3,500 …' and '…: agreed, and …' as sealed", () => {
    expect(accepted("Done, $1,000. I'll start shaping Monday.")).toMatchObject({ sealed: true });
    expect(accepted("Agreed: € 6,300 for the restoration, with transport by the museum.")).toMatchObject({
      sealed: true,
    });
    expect(accepted("Abgemacht: CHF 3,500 for Friday 19 June, apéro included.")).toMatchObject({ sealed: true });
    expect(
      accepted("€3,500 including one re-inspection visit within three months: agreed, and thank you for the words."),
    ).toMatchObject({ sealed: true });
    // a sealing word before a number with no currency is not enough, nor "done" of work
    expect(accepted("Done, 3 of the 5 rooms are painted.")).toBeNull();
  });

  it("reads a price too low for the seller and 'our final position is' as a limit, not a stock too low", () => {
    expect(haggle("Pieter-Jan, 172 is too low for us. Our farmers were paid more.")).toMatchObject({ limit: true });
    expect(haggle("Hello Marco, 2.10 euro for kg olives is too low. Other mill pay 2.40.")).toMatchObject({
      limit: true,
    });
    expect(haggle("Our final position is AED 2.78m including the lighting.")).toMatchObject({ limit: true });
    expect(haggle("Our stock of 40 is too low for an order of 60 at 12.50.")).toBeNull();
  });
});

describe("round 62: an amount alone after 'OK', 'Fine' or 'Agreed'", () => {
  it("reads 'OK, 5,900.' and 'Fine, €2,750.' as sealed, not a count or a question", () => {
    expect(accepted("OK, 5,900. I come to the stand after lunch with the cash.")).toMatchObject({ sealed: true });
    expect(accepted("Fine, €2,750. Transfer today.")).toMatchObject({ sealed: true });
    expect(accepted("Ok 25,50. Thursday good, gate open from 7.")).toMatchObject({ sealed: true });
    expect(accepted("OK, 5,900? That is more than the list.")).toBeNull();
    expect(accepted("Ok, 3. See you then.")).toBeNull();
  });
});

describe("round 62: 'is last price' with no 'my'", () => {
  it("reads 'OK 33 is last price' and '4,400 is the last price' as a limit", () => {
    expect(haggle("OK 33 is last price, the road to Bosaso is very expensive now.")).toMatchObject({ limit: true });
    expect(haggle("4,100 is not possible, sorry. 4,400 is the last price, hotel nights included.")).toMatchObject({
      limit: true,
    });
  });
});

describe("round 63: all of a number, a number to start or at a price, taken with a collection or a cheque", () => {
  it("reads 'We'll take all 40 m.' with a collection, 'to start' and 'at a price' as accepted", () => {
    expect(
      accepted("Kiitos Sanna, that's perfect! We'll take all 40 m. I'll come for them on Saturday at 11."),
    ).not.toBeNull();
    expect(accepted("June we'll take 6 cases to start!! can u bring them friday")).not.toBeNull();
    expect(accepted("Guides loved the demo. We'll take 15 at $2,300. I'll mail the check Friday.")).not.toBeNull();
    // with no purchase act, taking is no sale
    expect(accepted("We'll take 15 at $2,300 if the colours match.")).toBeNull();
    // a check of the stock is no cheque
    expect(accepted("We'll take all 40 m. I'll check the stock first.")).toBeNull();
  });
});

describe("round 64: the Incoterm 'ex works'", () => {
  it("reads a price quoted 'ex works' as no acceptance, and a price that works as one", () => {
    expect(accepted("Our offer for 5 barrels: €3,850 ex works Thessaloniki.", true)).toBeNull();
    expect(accepted("10 Havana bridle butts are £312 each, £3,120 ex works, plus air freight.", true)).toBeNull();
    expect(accepted("OK, €3,850 for the five works for us.", true)).not.toBeNull();
    expect(candidate("Our offer for 5 barrels: €3,850 ex works Thessaloniki.", "inbound")).not.toBe("won");
  });
});

describe("round 65: bargains in a few more words", () => {
  it("reads the buyer's price to 'make it', and a price sealed as a deal to come, as a haggle", () => {
    expect(candidate("4,200 is high habibi. Make it 3,800 and I take all 12.", "inbound")).toBe("negotiation");
    expect(candidate("Abeg make it 35k na, na only one chair o", "inbound")).toBe("negotiation");
    expect(candidate("Thanks for the price. Make it $590 delivered and I'll take 8.", "inbound")).toBe("negotiation");
    expect(candidate("4.85 too much brother. Make it 4.40 and I confirm today.", "inbound")).toBe("negotiation");
    expect(candidate("Our producer says €7,900 and we have a deal.", "inbound")).toBe("negotiation");
    expect(candidate("1.10 for 3,000 pcs and you have a deal.", "inbound")).toBe("negotiation");
    // opened by its acceptance, the deal is made
    expect(candidate("OK Arben, 2.30 and it's a deal. We keep the press free for your olives.", "outbound")).toBe(
      "won",
    );
    // a head count, an hour and a date are no price
    expect(candidate("Booked for 2 at 8 under Patel, can we make it 4?", "inbound")).not.toBe("negotiation");
    expect(candidate("Can we make it 10am instead?", "inbound")).not.toBe("negotiation");
    expect(
      candidate("I've pencilled you in for 19-22 October; let me know by Friday week and it's yours.", "outbound"),
    ).not.toBe("negotiation");
  });

  it("reads an amount 'done' after an acceptance word, an amount then 'ok', and 'Accepted at' as a price accepted", () => {
    expect(accepted("Ok 4,000 done 👍 send the 8 now, I pay on delivery.")?.sealed).toBe(true);
    expect(accepted("Theek hai, 1,720 done. Continue the weekly order from this Thursday.")?.sealed).toBe(true);
    expect(accepted("OK Bashir ji, final ₹2,85,000 done. Advance 50% sent just now.")?.sealed).toBe(true);
    expect(accepted("2,900 ok, booked for 14 Nov.")?.sealed).toBe(true);
    expect(accepted("1.75 ok. Order confirmed 20 kg.")?.sealed).toBe(true);
    expect(accepted("Accepted at US$4,600 including air freight.")?.sealed).toBe(true);
    // a count done, a price fine "but", a question
    expect(accepted("Day 1 done: 62 scan stations.")).toBeNull();
    expect(accepted("Team: rooftop benches 9–12 done, 13 and 14 tomorrow.")).toBeNull();
    expect(accepted("12 is fine for us, but 95 000 is above our budget.")).toBeNull();
    expect(accepted("15,000 ok? We are a small studio.")).toBeNull();
  });
});
