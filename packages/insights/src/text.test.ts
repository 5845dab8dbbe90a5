import { describe, expect, it } from "vitest";
import { emailDomain, findEmails, matchSignOff, messageBody, splitMessage, splitSentences, stripQuoted } from "./text";

describe("stripQuoted", () => {
  it("cuts Gmail-style reply headers, including wrapped ones", () => {
    expect(stripQuoted("Sounds good.\n\nOn Mon, Mar 9, 2026 at 4:12 PM Dan <d@x.com> wrote:\n> I'll call you")).toBe(
      "Sounds good.",
    );
    expect(stripQuoted("Yes.\nOn Mon, 9 Mar 2026 at 16:12, Dan <d@x.com>\nwrote:\n> hi")).toBe("Yes.");
  });
  it("cuts Outlook headers and original-message separators", () => {
    expect(stripQuoted("Ok\n\nFrom: Sara <s@x.com>\nSent: Monday\nTo: Tom\nSubject: x\nWe will deploy")).toBe("Ok");
    expect(stripQuoted("Ok\n-----Original Message-----\nWe will deploy")).toBe("Ok");
  });
  it("drops '>' lines but keeps text after them", () => {
    expect(stripQuoted("Great!\n> I'll send it\n> tomorrow\nThanks,\nAnna")).toBe("Great!\nThanks,\nAnna");
  });
  it("keeps a 'From:' line that is not a header block", () => {
    expect(stripQuoted("From: the team, with love")).toBe("From: the team, with love");
  });
});

describe("splitMessage", () => {
  it("splits body, sign-off, signature, footer and disclaimer", () => {
    const s = splitMessage(
      "Hi,\n\nSee attached.\n\nBest regards,\nJane Doe\nCEO\n\nSent from my iPhone\n\nThis email is confidential.",
    );
    expect(s.body).toBe("Hi,\n\nSee attached.");
    expect(s.signOff).toBe("Best regards,");
    expect(s.signatureLines).toEqual(["Jane Doe", "CEO"]);
    expect(s.mobileFooter).toBe("Sent from my iPhone");
    expect(s.disclaimer).toBe("This email is confidential.");
  });
  it("reads inline names and bilingual closings", () => {
    expect(matchSignOff("Best, Sam")).toBe("Sam");
    expect(matchSignOff("Thanks again for everything")).toBeNull();
    expect(matchSignOff("Mit freundlichen Grüßen / Best regards,")).toBe("");
    expect(matchSignOff("Cordialement,")).toBe("");
  });
  it("does not treat a message that is only 'Thanks!' as a sign-off", () => {
    expect(splitMessage("Thanks!").body).toBe("Thanks!");
  });
  it("does not treat prose after a closing word as a signature", () => {
    const s = splitMessage("Thanks!\nI'll send the report by Friday once finance signs off.");
    expect(s.signOff).toBeNull();
    expect(s.body).toContain("I'll send the report");
    expect(splitMessage("Ok\n\nBest,\nAnna Lee\nHarbor & Vine Co.").signatureLines).toEqual([
      "Anna Lee",
      "Harbor & Vine Co.",
    ]);
  });
  it("messageBody removes quotes and signatures", () => {
    expect(messageBody("Will do.\n\nCheers,\nBo\n\n> old text")).toBe("Will do.");
  });
});

describe("helpers", () => {
  it("splits sentences without breaking abbreviations", () => {
    expect(splitSentences("Hi Dr. Smith. I'll call at 5 p.m. tomorrow! Ok?")).toEqual([
      "Hi Dr. Smith.",
      "I'll call at 5 p.m. tomorrow!",
      "Ok?",
    ]);
  });
  it("finds emails and domains", () => {
    expect(findEmails("a: Jane.Doe@Acme.com, b@x.io.")).toEqual(["jane.doe@acme.com", "b@x.io"]);
    expect(emailDomain("Jane <jane@Acme.COM>")).toBe("acme.com");
    expect(emailDomain("+14155550100")).toBeNull();
  });
});

describe("splitSentences: round 54, the rupee's 'Rs.' before an amount", () => {
  it("keeps the amount in its sentence", () => {
    expect(splitSentences("We will issue the credit note for Rs. 45,000 by Friday. Thanks.")).toEqual([
      "We will issue the credit note for Rs. 45,000 by Friday.",
      "Thanks.",
    ]);
  });
});

describe("splitSentences: round 53, a sentence that starts with a number and ends on a day", () => {
  it("ends the sentence after the day, and keeps a list number with its item", () => {
    expect(splitSentences("2 coats, finished by June 12. I'll send the invoice.")).toEqual([
      "2 coats, finished by June 12.",
      "I'll send the invoice.",
    ]);
    expect(splitSentences("1. Mix the paint. 2. Apply it.")).toEqual(["1. Mix the paint.", "2. Apply it."]);
  });
});

describe("splitSentences: round 32, a dotted day before an Estonian, Latvian, Icelandic or Czech month", () => {
  it("keeps the date in its sentence, and still ends a sentence at an hour before a name", () => {
    expect(splitSentences("Tuleme reedel, 6. novembril kell 9.")).toEqual(["Tuleme reedel, 6. novembril kell 9."]);
    expect(splitSentences("Atbrauksim otrdien, 20. oktobrī, plkst. 10.")).toEqual([
      "Atbrauksim otrdien, 20. oktobrī, plkst. 10.",
    ]);
    expect(splitSentences("Fakturu pošlu do 30. září, děkuji.")).toEqual(["Fakturu pošlu do 30. září, děkuji."]);
    expect(splitSentences("I'll be there by 4. Martin brings the rest.")).toEqual([
      "I'll be there by 4.",
      "Martin brings the rest.",
    ]);
  });
});

describe("splitSentences: round 37, titles before a name", () => {
  it("keeps a French, Spanish or Italian title with the name after it", () => {
    expect(splitSentences("Notre chef d'équipe, M. Girard, passe jeudi. Merci.")).toEqual([
      "Notre chef d'équipe, M. Girard, passe jeudi.",
      "Merci.",
    ]);
    expect(splitSentences("La Sra. Vidal le llama mañana.")).toEqual(["La Sra. Vidal le llama mañana."]);
    expect(splitSentences("Il Dott. Ricci passa lunedì.")).toEqual(["Il Dott. Ricci passa lunedì."]);
  });

  it("still ends a sentence at metres and at an hour's abbreviation", () => {
    expect(splitSentences("The run is 200 m. We start at 9.")).toEqual(["The run is 200 m.", "We start at 9."]);
    expect(splitSentences("It costs $60/hr. If you confirm we book it.")).toHaveLength(2);
  });
});

describe("splitSentences: round 38, a hard-wrapped email", () => {
  it("joins a long line with the next when it goes on in lower case, a digit or after a word no sentence ends with", () => {
    expect(
      splitSentences(
        "Thanks for the drawings, we are happy with the revised layout and we will wire the balance on\n3 March as agreed.",
      ),
    ).toEqual([
      "Thanks for the drawings, we are happy with the revised layout and we will wire the balance on 3 March as agreed.",
    ]);
    expect(
      splitSentences(
        "Our fitter brings the spare hinges and the new seals for the cold room\nthe morning after the inspection.",
      ),
    ).toEqual([
      "Our fitter brings the spare hinges and the new seals for the cold room the morning after the inspection.",
    ]);
    expect(
      splitSentences("The crates for the second batch of glazed tiles leave the yard by\nRoadline Freight on Friday."),
    ).toHaveLength(1);
  });

  it("still breaks after a short line, punctuation, a capital that opens a sentence and a blank line", () => {
    expect(splitSentences("Hi Dale\nwe can do it")).toEqual(["Hi Dale", "we can do it"]);
    expect(
      splitSentences("The glazed tiles for the second order are boxed and labelled,\nthe crates go out Friday."),
    ).toHaveLength(2);
    expect(
      splitSentences("The glazed tiles for the second order are boxed and labelled\nRoadline collects them on Friday."),
    ).toHaveLength(2);
    expect(
      splitSentences("The glazed tiles for the second order are boxed and labelled on\n\nfriday they go."),
    ).toHaveLength(2);
  });
});

describe("splitSentences: round 57, a line that goes on after a colon", () => {
  it("joins a line ending in a colon with the next when that opens in lower case, and keeps a list apart", () => {
    expect(splitSentences("Your walk is booked for Monday 26 October:\nyour guide will meet you at 7:45.")).toEqual([
      "Your walk is booked for Monday 26 October: your guide will meet you at 7:45.",
    ]);
    expect(splitSentences("Here is our offer:\n- 30 pillows: € 145 each\nTotal: € 4.350")).toHaveLength(3);
  });
});

describe("splitSentences: round 58, a number after 'No.' ends its sentence", () => {
  it("ends a sentence on 'No. 8.' and keeps a dotted date and 'No.' before a number inside one", () => {
    expect(
      splitSentences("The day was cancelled under typhoon signal No. 8. We will rebook the east elevation."),
    ).toEqual(["The day was cancelled under typhoon signal No. 8.", "We will rebook the east elevation."]);
    expect(splitSentences("Your stand is no. 14 at the gate.")).toHaveLength(1);
  });
});

describe("stripQuoted: round 58, an Outlook header in other languages", () => {
  it("cuts at a French or German 'From' header with its date line, and keeps a line that opens with 'De :' alone", () => {
    expect(
      stripQuoted(
        "I will call you on Friday.\nÉlodie\nDe : Camille Rousseau <c@x.example>\nEnvoyé : lundi 2 février 2026 08:45\nObjet : Collier",
      ).trim(),
    ).toBe("I will call you on Friday.\nÉlodie");
    expect(
      stripQuoted("Danke.\nVon: Jan Berg <j@x.example>\nGesendet: Montag, 2. März 2026\nBetreff: Angebot").trim(),
    ).toBe("Danke.");
    expect(stripQuoted("De : la part de Marie, merci pour tout.\nÀ bientôt").trim()).toBe(
      "De : la part de Marie, merci pour tout.\nÀ bientôt",
    );
  });
});
