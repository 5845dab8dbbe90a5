import { describe, expect, it } from "vitest";
import { parseSignature } from "./signature";

describe("parseSignature", () => {
  it("parses a classic block after a sign-off", () => {
    const s = parseSignature(`Hi Tom,

Sounds good.

Best regards,
Jane Smith
VP of Sales | Acme Corp.
M: (415) 555-0132
jane@acme.com | www.acme.com`);
    expect(s).toMatchObject({
      name: "Jane Smith",
      title: "VP of Sales",
      company: "Acme Corp.",
      phones: ["+14155550132"],
      emails: ["jane@acme.com"],
      links: ["www.acme.com"],
      mobileFooter: null,
    });
    expect(s!.raw.startsWith("Best regards,")).toBe(true);
  });

  it("handles '--' delimiters, 'Title at Company' and a default region", () => {
    const s = parseSignature(
      "Let's go.\n\n--\nMarc Dubois\nHead of Procurement at Dupont SA\n01 42 68 53 00\nlinkedin.com/in/marcdubois",
      {
        defaultRegion: "FR",
      },
    );
    expect(s).toMatchObject({
      name: "Marc Dubois",
      title: "Head of Procurement",
      company: "Dupont SA",
      phones: ["+33142685300"],
      links: ["linkedin.com/in/marcdubois"],
    });
  });

  it("strips quoted replies before looking for the signature", () => {
    const s = parseSignature(`Sounds good, talk then.

On Mon, Mar 9, 2026 at 4:12 PM Daniel Reyes <daniel@x.dev> wrote:
> Best regards,
> Daniel Reyes
> Account Executive | Switchboard`);
    expect(s).toBeNull();
  });

  it("reports mobile footers without inventing fields", () => {
    expect(parseSignature("On my way\n\nSent from my iPhone")).toEqual({
      name: null,
      title: null,
      company: null,
      phones: [],
      emails: [],
      links: [],
      raw: "",
      mobileFooter: "Sent from my iPhone",
    });
  });

  it("upgrades a first-name sign-off with the full-name line that follows", () => {
    const s = parseSignature(
      "Here you go.\n\nBest,\nDaniel\n\nDaniel Reyes\nAccount Executive | Switchboard\n+1 (415) 555-0198",
    );
    expect(s).toMatchObject({ name: "Daniel Reyes", title: "Account Executive", company: "Switchboard" });
  });

  it("keeps a title containing a comma together and prefers legal suffixes for companies", () => {
    expect(parseSignature("Ok\n\nThanks,\nPriya Natarajan\nVP, Customer Operations\nLumen Health Inc.")).toMatchObject({
      title: "VP, Customer Operations",
      company: "Lumen Health Inc.",
    });
    expect(parseSignature("Ok\n\nRegards,\nNadia Petrova\nChief Technology Officer\nQuillstack")).toMatchObject({
      title: "Chief Technology Officer",
      company: "Quillstack",
    });
  });

  it("round 25: never reads a business signing by its trade (a rink, a gym, a repair shop) as a person", () => {
    for (const business of [
      "Lakeside Community Rink",
      "Harbourside Fitness",
      "Quick Phone Repairs",
      "Ridgeway Tool Hire",
    ]) {
      const s = parseSignature(
        `Your season pass renews on 1 October. To cancel, log in before 30 September.\n\n${business}`,
      );
      expect(s?.name ?? null).toBeNull();
    }
    // a first name that is also a word of trade stays a name
    expect(parseSignature("Thanks for the update.\n\nBest,\nMarina Solís\nBusiness Development")?.name).toBe(
      "Marina Solís",
    );
  });

  it("ignores disclaimers and returns null without a signature", () => {
    expect(parseSignature("Can you call me back?")).toBeNull();
    const s = parseSignature(
      "Fine.\n\nBest,\nBen\n\nThis email and any attachments are confidential. Call +1 415 555 0100.",
    );
    expect(s).toMatchObject({ name: "Ben", phones: [] });
  });

  it("skips office hours and pronoun lines", () => {
    const s = parseSignature(
      "Noted.\n\nBest,\nAlex Kim\n(they/them)\nCustomer Success Manager\nOrbital Labs\nMon–Fri 9 am – 5 pm PT",
    );
    expect(s).toMatchObject({ name: "Alex Kim", title: "Customer Success Manager", company: "Orbital Labs" });
  });

  it("accepts an unsigned trailing contact block", () => {
    const s = parseSignature(
      "Will confirm shortly.\n\nLena Fischer\nOperations Manager, Kiel Freight GmbH\n+49 431 5602 1234",
    );
    expect(s).toMatchObject({ name: "Lena Fischer", title: "Operations Manager", company: "Kiel Freight GmbH" });
  });
});

describe("parseSignature: issue-13 layouts", () => {
  it("reads one line split by '|', labels, a reply below the quote and a sign-off without comma", () => {
    expect(
      parseSignature("Looks right.\n\nMaya Lindqvist | Head of Partnerships | Fjordline AB | +46 70 123 45 67", {
        defaultRegion: "SE",
      }),
    ).toMatchObject({
      name: "Maya Lindqvist",
      title: "Head of Partnerships",
      company: "Fjordline AB",
      phones: ["+46701234567"],
    });
    expect(
      parseSignature(
        "Please update the address.\n\nName: Tom Walsh\nPosition: Procurement Manager\nCompany: Ardent Foods",
      ),
    ).toMatchObject({
      name: "Tom Walsh",
      title: "Procurement Manager",
      company: "Ardent Foods",
    });
    expect(
      parseSignature(
        "On Mon, 9 Mar 2026 at 09:12, Sam <sam@x.dev> wrote:\n> Can you confirm?\n\nConfirmed.\n\nBest regards\nDaniela Ruiz\nOperations Lead\nMeridian Cargo",
      ),
    ).toMatchObject({
      name: "Daniela Ruiz",
      title: "Operations Lead",
      company: "Meridian Cargo",
    });
  });

  it("keeps 'Co., Ltd.' whole, reads a bare name, and ignores departments", () => {
    expect(
      parseSignature("Hi,\n\nThanks,\nJoon-ho Park\nLogistics Coordinator\nHanbit Trading Co., Ltd.")?.company,
    ).toBe("Hanbit Trading Co., Ltd.");
    expect(parseSignature("Sure thing!\nJosh")?.name).toBe("Josh");
    // round 13: a department names no person, so there is no signature at all (was: name and company null)
    expect(parseSignature("Noted, thanks.\n\nKind regards,\nAccounts Payable")).toBeNull();
  });

  it("reads a title the title words do not know from its position between name and company", () => {
    for (const title of ["Partnerships", "Barista", "Customer Experience", "Legal", "IT Support"]) {
      expect(parseSignature(`Ok.\n\nBest,\nJane Doe\n${title}\nNorthwind Traders`), title).toMatchObject({
        title,
        company: "Northwind Traders",
      });
    }
  });

  it("reads separators, dotted legal suffixes and qualified titles without a comma after the sign-off", () => {
    // a line split by "|" that ends in "s.r.o." is a signature line, not prose
    expect(parseSignature("Fine.\n\nThanks\nPetra Dvorak | Head of Sales | Orbis Data s.r.o.")).toMatchObject({
      name: "Petra Dvorak",
      title: "Head of Sales",
      company: "Orbis Data s.r.o.",
    });
    // a region after a dash or a comma stays in the title
    expect(parseSignature("Ok.\n\nBest\nIvo Horvat\nPartner Manager - DACH\nTeleno GmbH")).toMatchObject({
      name: "Ivo Horvat",
      title: "Partner Manager - DACH",
      company: "Teleno GmbH",
    });
    expect(parseSignature("Ok.\n\nBest\nIvo Horvat\nPartner Manager, Eastern Europe\nTeleno GmbH")).toMatchObject({
      title: "Partner Manager, Eastern Europe",
      company: "Teleno GmbH",
    });
    // "Title, Department" above a company line is one title
    expect(parseSignature("Ok.\n\nRegards,\nAda Lin\nLead Engineer, Payments Platform\nCorvid Labs")).toMatchObject({
      title: "Lead Engineer, Payments Platform",
      company: "Corvid Labs",
    });
  });

  it("reads the 00 international prefix and numbers written nationally in the signer's country", () => {
    const sig = (block: string) => parseSignature(`Thanks.\n\nBest,\nJane Doe\nHead of Sales\n${block}`)?.phones;
    expect(sig("Acme\nTel: 0044 20 7946 0958")).toEqual(["+442079460958"]);
    // "0011" inside a number is not a prefix
    expect(sig("Acme\n+44 117 496 0011")).toEqual(["+441174960011"]);
    // the email's country-code domain, or the company's legal form, names the country
    expect(sig("Acme\njane@acme.co.uk\n020 7946 0958")).toEqual(["+442079460958"]);
    expect(sig("Acme GmbH\n030 1234567")).toEqual(["+49301234567"]);
    // without either, the default region (US)
    expect(sig("Acme Ltd\n(312) 555-0166")).toEqual(["+13125550166"]);
    // the caller's region beats a legal form, the signer's own domain beats the caller's region
    const withRegion = (block: string) =>
      parseSignature(`Ok.\n\nBest,\nJane Doe\n${block}`, { defaultRegion: "US" })?.phones;
    expect(withRegion("Acme GmbH\n(312) 555-0166")).toEqual(["+13125550166"]);
    expect(withRegion("Acme\njane@acme.co.uk\n020 7946 0958")).toEqual(["+442079460958"]);
  });

  it("keeps a signature with a tagline, a long corporate block, a blank line, a dashed sign-off or an initial", () => {
    const want = { name: "Rita Gomes", title: "Operations Manager", company: "Tejo Freight Lda" };
    const block = "Rita Gomes\nOperations Manager\nTejo Freight Lda";
    // a short sentence under the block is a tagline, not body text
    expect(parseSignature(`Fine.\n\nRegards,\n${block}\nMoving Lisbon since 1987.`)).toMatchObject(want);
    // a P.S. after the closing is body text: no signature
    expect(parseSignature("Fine.\n\nRegards,\nRita\nP.S. I will send the manifest by Friday.")).toBeNull();
    // a full corporate block (address, four contact lines) after the closing
    expect(
      parseSignature(
        `Fine.\n\nRegards,\n${block}\nRua Augusta 100\n1100-053 Lisboa\nPortugal\nT: +351 21 555 0100\nM: +351 91 555 0123\nE: rita@tejofreight.pt\nW: tejofreight.pt\nLinkedIn: linkedin.com/company/tejo`,
      ),
    ).toMatchObject({ ...want, phones: ["+351215550100", "+351915550123"] });
    // no closing: a seven-line block, and a blank line before the contact lines
    expect(
      parseSignature(
        `Fine.\n\n${block}\nRua Augusta 100\nT: +351 21 555 0100\nM: +351 91 555 0123\nE: rita@tejofreight.pt`,
      ),
    ).toMatchObject(want);
    expect(parseSignature(`Fine.\n\n${block}\n\nT: +351 21 555 0100`)).toMatchObject({
      ...want,
      phones: ["+351215550100"],
    });
    // "— Name, Title, Company" and an initial under the closing
    expect(parseSignature("Fine.\n\n— Rita Gomes, Operations Manager, Tejo Freight Lda")).toMatchObject(want);
    expect(parseSignature(`Fine.\n\nBest,\nR.\n\n${block}`)).toMatchObject(want);
  });
});

describe("round 4 layouts", () => {
  it("finds a closing it does not know by its position above a name", () => {
    expect(
      parseSignature("Thanks for the update.\n\nSlán,\nCiarán Ó Briain\nDirector of Sales\nCliffside Tours"),
    ).toMatchObject({
      name: "Ciarán Ó Briain",
      title: "Director of Sales",
      company: "Cliffside Tours",
    });
    expect(parseSignature("All good.\n\nNgā mihi\nAroha Te Rangi\nGeneral Manager | Kōwhai Outdoor Co.")).toMatchObject(
      {
        name: "Aroha Te Rangi",
        company: "Kōwhai Outdoor Co.",
      },
    );
    // a one-word greeting over the message is not a closing; a name over a full name is not one either
    expect(parseSignature("Ok\n\nJohn Smith")?.name ?? null).not.toBe("Ok");
  });

  it("reads long one-line signatures, department qualifiers and branches", () => {
    expect(
      parseSignature(
        "Thanks.\n\nKind regards,\nNadia Cortés | Senior Account Manager, Japan | Lanternway K.K. | nadia.cortes@lanternway.example",
      ),
    ).toMatchObject({
      name: "Nadia Cortés",
      title: "Senior Account Manager, Japan",
      company: "Lanternway K.K.",
      emails: ["nadia.cortes@lanternway.example"],
    });
    expect(parseSignature("Thx\nKyle Hendricks\nDirector, IT & Facilities | Pine Hollow Schools")).toMatchObject({
      title: "Director, IT & Facilities",
      company: "Pine Hollow Schools",
    });
    expect(
      parseSignature(
        "See below.\n\nBest regards,\nHaruto Sato\nGeneral Manager, Customer Support Division\nKazemachi Railways Co., Ltd. (Osaka Office)",
      ),
    ).toMatchObject({ title: "General Manager, Customer Support Division", company: "Kazemachi Railways Co., Ltd." });
    expect(
      parseSignature("Received.\n\nRegards,\nOmar Farouk\nCustomer Support Mgr\nDunmore Retail Inc."),
    ).toMatchObject({
      title: "Customer Support Mgr",
      company: "Dunmore Retail Inc.",
    });
  });
});

describe("parseSignature: SMS and WhatsApp sign-offs (round 7)", () => {
  const sig = (text: string) => {
    const s = parseSignature(text);
    return s && { name: s.name, title: s.title, company: s.company };
  };
  it("reads a name and a company written after the last sentence", () => {
    expect(sig("Hi Dan, the tiler can start Wednesday 8am. Cheers. - Mel, Harbourside Tiling")).toEqual({
      name: "Mel",
      title: null,
      company: "Harbourside Tiling",
    });
    expect(sig("Your van is booked for Sat morning 👍 Rangi | Southern Cross Removals")).toEqual({
      name: "Rangi",
      title: null,
      company: "Southern Cross Removals",
    });
    expect(sig("Running 10 min late, sorry! Bev @ Greenleaf")).toEqual({
      name: "Bev",
      title: null,
      company: "Greenleaf",
    });
    expect(sig("Parts arrived, we can fit them Thursday. Hemi")).toEqual({ name: "Hemi", title: null, company: null });
  });
  it("reads a dashed trading name and a bare trading name as the company", () => {
    expect(sig("Water will be off Tuesday 10-2 for the valve swap. - Northgate Plumbing Services")?.company).toBe(
      "Northgate Plumbing Services",
    );
    const bare = sig("Your technician is on the way and will arrive within the hour.\nBrightwire Electrical");
    expect(bare).toEqual({ name: null, title: null, company: "Brightwire Electrical" });
  });
  it("does not read a closing word, an initial or a plain ending as a name", () => {
    expect(parseSignature("Ok see you at 5. Thanks")).toBeNull();
    expect(parseSignature("Thanks for nothing, really helpful.\n\nJ. Marsh")?.name ?? null).not.toBe("Marsh");
    expect(parseSignature("Can you come on Friday? Monday is no good")).toBeNull();
    expect(parseSignature("The invoice is paid. Reply YES to confirm")).toBeNull();
  });
  it("takes a bare name under an emoji line or an unknown one-word closing", () => {
    expect(sig("We are happy to go ahead with the order! 🎉\nSe-yeon")?.name).toBe("Se-yeon");
    expect(sig("The samples arrived and look good.\nTerima kasih,\nBudi")?.name).toBe("Budi");
  });
  it("reads a short name block closed by a company or a title line, and spaced slashes", () => {
    expect(
      sig(
        "Attached is the revised plan for the three depots, as discussed on the call.\nTeodora Ilic\nBlueharbor Logistics",
      ),
    ).toEqual({
      name: "Teodora Ilic",
      title: null,
      company: "Blueharbor Logistics",
    });
    expect(
      sig("Thanks for the quick fix, all working now.\nRegards,\nAmara Obi / Head of Procurement / Lagos Agro Ltd."),
    ).toEqual({ name: "Amara Obi", title: "Head of Procurement", company: "Lagos Agro Ltd." });
    expect(sig("Best regards,\nKaito Mori\nGestor de Compras\nNorte Foods, Lda.")).toMatchObject({
      title: "Gestor de Compras",
      company: "Norte Foods, Lda.",
    });
  });

  // round 8: causes of blind6's misses, each in wording of its own
  it("drops honorifics, degrees and credentials from the name, keeping Jr.", () => {
    expect(sig("See the drawing.\n\nRegards,\nIng. Paula Ríos\nJefa de Planta\nAceros del Bajío S.A. de C.V.")).toEqual(
      {
        name: "Paula Ríos",
        title: "Jefa de Planta",
        company: "Aceros del Bajío S.A. de C.V.",
      },
    );
    expect(sig("Noted.\n\nBest,\nNiamh Walsh, P.Eng.\nStructural Lead\nCorrib Design Inc.")).toEqual({
      name: "Niamh Walsh",
      title: "Structural Lead",
      company: "Corrib Design Inc.",
    });
    expect(sig("Thanks.\n\nBest,\nDr. Omar Haddad\nHead of Research")?.name).toBe("Omar Haddad");
    expect(sig("Thanks.\n\nBest,\nRay Hill, Jr.\nOwner")?.name).toBe("Ray Hill, Jr.");
    // "Eng" without a period is a name (a common Chinese given name), not the Spanish/Arabic "Eng." prefix
    expect(sig("Thanks.\n\nRegards,\nEng Wei Ming\nBuyer\nLion City Parts Pte Ltd")?.name).toBe("Eng Wei Ming");
  });
  it("reads initials before a family name, a name in two scripts and a family name in capitals", () => {
    expect(sig("Please confirm.\n\nRegards,\nP. Raghavan\nAGM - Purchase\nKaveri Motors Pvt. Ltd.")).toEqual({
      name: "P. Raghavan",
      title: "AGM - Purchase",
      company: "Kaveri Motors Pvt. Ltd.",
    });
    expect(sig("Please confirm.\n\nBest Regards,\nAmy Chen 陳美玲\nSales Manager\nFormosa Cable Co., Ltd.")?.name).toBe(
      "Amy Chen 陳美玲",
    );
    expect(sig("Please confirm.\n\nBest regards,\nLee Ha-eun (이하은)\nBuyer\nSeoul Valve Co., Ltd.")?.name).toBe(
      "Lee Ha-eun",
    );
    // "TA…" is not the closing "ta" followed by a name
    expect(sig("Please confirm.\n\nSincerely,\nTAKEDA Ren\nManager\nOsaka Gear Co., Ltd.")?.name).toBe("TAKEDA Ren");
    expect(sig("The cartons arrived wet.\n\nPham Thi Lan Anh")?.name).toBe("Pham Thi Lan Anh");
  });
  it("skips rules drawn around the block and reads one-line slash and dash signatures without a closing", () => {
    expect(
      sig(
        "Closed on Monday.\n\nBest regards,\n~~~~~~~~~~~~\nIto Yui\nManager, Export Section\nNagoya Bolt Co., Ltd.\n~~~~~~~~~~~~",
      ),
    ).toEqual({
      name: "Ito Yui",
      title: "Manager, Export Section",
      company: "Nagoya Bolt Co., Ltd.",
    });
    expect(
      sig("The quotation is attached.\n\nLim Jae-won / Sourcing Manager / Procurement Team / Busan Steel Co., Ltd."),
    ).toEqual({
      name: "Lim Jae-won",
      title: "Sourcing Manager",
      company: "Busan Steel Co., Ltd.",
    });
    expect(sig("Coffee next week?\n\nZara Ali — Associate @ Mosaic Ventures")).toEqual({
      name: "Zara Ali",
      title: "Associate",
      company: "Mosaic Ventures",
    });
  });
  it("reads 'title | legal company' under a bare name, abbreviated closings and a company named with a function word", () => {
    expect(sig("Wrong pallets again.\n\nSanne Visser\nHoofd Logistiek | De Wit Transport B.V.")).toEqual({
      name: "Sanne Visser",
      title: "Hoofd Logistiek",
      company: "De Wit Transport B.V.",
    });
    expect(sig("Segue o pedido.\n\nAtt.,\nCarla Souza\nAnalista de Compras\nAço Forte Ltda.")).toEqual({
      name: "Carla Souza",
      title: "Analista de Compras",
      company: "Aço Forte Ltda.",
    });
    expect(sig("Kindly confirm.\n\nThx & Rgds,\nAsif Khan\nStore Keeper\nDesert Pumps FZE")?.name).toBe("Asif Khan");
    expect(sig("I'll review them today.\n\nMaya Cohen\nTalent Partner\nNorthstar Talent")).toEqual({
      name: "Maya Cohen",
      title: "Talent Partner",
      company: "Northstar Talent",
    });
  });
});

describe("parseSignature: a first name alone (round 8)", () => {
  it("reads it as a name by default and as no signature with firstNameAlone: false", () => {
    const text = "The room block works for us.\n\nThanks,\nPilar";
    expect(parseSignature(text)?.name).toBe("Pilar");
    expect(parseSignature(text, { firstNameAlone: false })).toBeNull();
    // a full name, or a first name with anything else signed, is still a signature
    expect(parseSignature("Works for us.\n\nThanks,\nPilar Ortiz", { firstNameAlone: false })?.name).toBe(
      "Pilar Ortiz",
    );
    expect(parseSignature("Booked for Friday. - Mel, Harbourside Tiling", { firstNameAlone: false })?.company).toBe(
      "Harbourside Tiling",
    );
  });
});

describe("parseSignature: an unsigned block read by its shape (round 8)", () => {
  it("reads short title-case lines under a full name, and not under a first name or prose", () => {
    expect(
      sig3("The report is attached and the figures match.\nTeodor Ilić\nVoditelj Nabave\nJadran Trgovina d.o.o."),
    ).toEqual({
      name: "Teodor Ilić",
      title: "Voditelj Nabave",
      company: "Jadran Trgovina d.o.o.",
    });
    expect(sig3("Payment goes out on Friday as agreed with your team.\nRosa Delgado\nDelgado Textiles")).toEqual({
      name: "Rosa Delgado",
      title: null,
      company: "Delgado Textiles",
    });
    expect(sig3("We loved the venue and the staff were great.\nMany Thanks\nSee You Soon")?.name ?? null).toBeNull();
  });
});
function sig3(text: string) {
  const s = parseSignature(text);
  return s && { name: s.name, title: s.title, company: s.company };
}

// round 9: causes of blind7's misses, each in wording of its own (the holdout is test/fixtures/tuning9-sig-holdout.ts)
describe("parseSignature: round 9 (blind7's causes)", () => {
  it("reads a one-letter contact label followed by a space and the number", () => {
    const s = parseSignature(
      "The survey is booked.\n\nRegards,\nPia Holm\nLead Surveyor, Fjell Survey\nM +1 206 555 0177",
    );
    expect(s && { ...sig3text(s), phones: s.phones }).toEqual({
      name: "Pia Holm",
      title: "Lead Surveyor",
      company: "Fjell Survey",
      phones: ["+12065550177"],
    });
  });
  it("keeps a qualifier in the title when a company line follows, and splits it off when none does", () => {
    expect(
      sig3("Quote attached.\n\nKind regards,\nAli Reza\nSales Engineer – Gulf Region South\nDunmore Pumps"),
    ).toEqual({
      name: "Ali Reza",
      title: "Sales Engineer – Gulf Region South",
      company: "Dunmore Pumps",
    });
    expect(sig3("Noted.\n\nBest,\nMia Sand\nTreasury Services, Fixed Income\nNordbank Capital")).toEqual({
      name: "Mia Sand",
      title: "Treasury Services, Fixed Income",
      company: "Nordbank Capital",
    });
    expect(sig3("See you then.\n\nBest,\nLeon Vogt\nBranch Manager, Vogt Haulage")).toEqual({
      name: "Leon Vogt",
      title: "Branch Manager",
      company: "Vogt Haulage",
    });
  });
  it("splits one spaced slash between a title and a company, not inside a bilingual title", () => {
    expect(sig3("Done.\n\nThanks,\nRui Costa\nDirector / Costa Glazing")).toEqual({
      name: "Rui Costa",
      title: "Director",
      company: "Costa Glazing",
    });
    expect(sig3("Done.\n\nThanks,\nAnke Vos\nInkoper / Purchasing Manager\nVos Metaal B.V.")?.title).toBe(
      "Inkoper / Purchasing Manager",
    );
  });
  it("finds a closing the lists do not know by its shape, above a name with an honorific", () => {
    expect(
      sig3("Bien reçu, je regarde le dossier.\n\nAvec toute ma considération,\nClaire Roux\nAvocate\nCabinet Roux")
        ?.name,
    ).toBe("Claire Roux");
    expect(
      sig3("Thanks for the samples.\n\nWith warm regards,\nDr. Nia Owusu\nClinical Lead\nAccra Vision Centre"),
    ).toEqual({ name: "Nia Owusu", title: "Clinical Lead", company: "Accra Vision Centre" });
    // a name over a company is no closing
    expect(sig3("The proposal is attached.\n\nTara Quinn\nQuinn Analytics")).toEqual({
      name: "Tara Quinn",
      title: null,
      company: "Quinn Analytics",
    });
  });
  it("reads an initial with a surname and an honorific block without a closing", () => {
    expect(sig3("I need the figures by Friday.\n\nK. Mensah")?.name).toBe("K. Mensah");
    expect(sig3("Wir bleiben beim alten Anbieter.\n\nDr. Jonas Weil\nPraxis am Marktplatz")).toEqual({
      name: "Jonas Weil",
      title: null,
      company: "Praxis am Marktplatz",
    });
  });
  it("reads a unit under the name as the title, a legal form after a comma as part of the company", () => {
    expect(sig3("Shipped.\n\nRegards,\nAiko Ueda\nExport Section\nKumo Valves Co., Ltd.")?.title).toBe(
      "Export Section",
    );
    expect(sig3("Signed.\n\nRegards,\nDan Pike\nLoan Officer\nRiverbend Bank, N.A.")?.company).toBe(
      "Riverbend Bank, N.A.",
    );
  });
  it("stops at an Outlook separator in another language and keeps the span in the reply", () => {
    const text =
      "Ok.\n\nLuca Bini\nResponsabile Acquisti\nBini Tessuti S.r.l.\n\n-----Messaggio originale-----\nDa: Luca Bini\n\nLuca Bini\nBuyer\nTessiture Po S.p.A.";
    const s = parseSignature(text);
    expect(s && sig3text(s)).toEqual({
      name: "Luca Bini",
      title: "Responsabile Acquisti",
      company: "Bini Tessuti S.r.l.",
    });
    expect(s?.span?.quote).toBe(text.slice(s!.span!.start, s!.span!.end));
    expect(s!.span!.end).toBeLessThan(text.indexOf("-----Messaggio"));
  });
  it("does not read a thanks word or an initial as a name or a company", () => {
    expect(parseSignature("Please send the new contract. Thnks")).toBeNull();
    expect(parseSignature("Both invoices are paid now. Shukriya")).toBeNull();
    // round 13: an initial names no person, so there is no signature at all (was: every field null)
    expect(sig3("Fine by me.\n\nRegards,\nK.")).toBeNull();
  });
});
function sig3text(s: { name: string | null; title: string | null; company: string | null }) {
  return { name: s.name, title: s.title, company: s.company };
}

// round 9: causes read in train8 (training data) in wording of their own
describe("parseSignature: round 9 (train8's causes)", () => {
  it("drops post-nominals of professional bodies and reads compound titles in Dutch and Swedish", () => {
    expect(sig3("Valuation attached.\n\nBest,\nAmy Croft FRICS\nDirector\nCroft Surveyors LLP")?.name).toBe(
      "Amy Croft",
    );
    expect(sig3("Zie bijlage.\n\nGroet,\nBram Smit\nMede-eigenaar | Bakkerij De Molen")).toEqual({
      name: "Bram Smit",
      title: "Mede-eigenaar",
      company: "Bakkerij De Molen",
    });
    expect(sig3("Tack!\n\nHälsningar\nEva Lind\nKassaansvarig, Solna Bollklubb")?.title).toBe("Kassaansvarig");
  });
  it("reads a closing word before the name at the end of a text, and a long one-line signature under a closing", () => {
    expect(parseSignature("Could you quote for a new fence? Number from Priya. Thanks, Raj")?.name).toBe("Raj");
    expect(
      sig3(
        "Voici notre offre.\n\nCordialement,\nLéa Morel — Responsable Grands Comptes — Transports Morel et Fils SARL",
      ),
    ).toEqual({ name: "Léa Morel", title: "Responsable Grands Comptes", company: "Transports Morel et Fils SARL" });
  });
  it("does not read a number with a trunk 0 as North American", () => {
    // round 20: with no region known it is read where its digits are valid (Australia), never as "+1 085…"
    const s = parseSignature("Thanks.\n\nRegards,\nTom Hale\nSales Manager\nHale Timber\n(08) 5550 1234");
    expect(s?.phones).toEqual(["+61855501234"]);
    expect(
      parseSignature("Thanks.\n\nRegards,\nTom Hale\nSales Manager\nHale Timber\n(08) 5550 1234", {
        defaultRegion: "AU",
      })?.phones,
    ).toEqual(["+61855501234"]);
  });
});

describe("parseSignature: round 9 (holdout B's causes)", () => {
  it("drops mixed-case degrees before post-nominals but never a short surname", () => {
    expect(sig3("Report attached.\n\nBest,\nRuth Ellis MSc CEng\nPrincipal Engineer\nEllis Structures")?.name).toBe(
      "Ruth Ellis",
    );
    expect(sig3("Report attached.\n\nBest,\nJack Ma\nFounder\nMa Trading")?.name).toBe("Jack Ma");
  });
});

// round 11: causes of blind8's misses, each in wording of its own (holdouts: test/fixtures/tuning11-sig-holdout*.ts)
describe("parseSignature: round 11 (blind8's causes)", () => {
  const body = "The quote is attached for your review.\n\n";
  it("reads accented letters as letters: no title word inside 'Inácio' or 'Palácio', no 'my' inside 'Rémy'", () => {
    expect(sig3(`${body}Best,\nInácio Duarte\nSales Lead\nHotel Palácio Verde`)).toEqual({
      name: "Inácio Duarte",
      title: "Sales Lead",
      company: "Hotel Palácio Verde",
    });
    expect(sig3(`${body}Rémy Lefort\nMenuisier`)).toEqual({ name: "Rémy Lefort", title: "Menuisier", company: null });
  });
  it("reads a title no list knows by its agent-noun ending or by its place before the company", () => {
    expect(sig3(`${body}Mads Kjær\nFotograf`)?.title).toBe("Fotograf");
    expect(sig3(`${body}Herzliche Grüße\nAnna Becker\nLektorin, Falkenberg Verlag`)).toEqual({
      name: "Anna Becker",
      title: "Lektorin",
      company: "Falkenberg Verlag",
    });
    expect(sig3(`${body}Emre Yilmaz | Flottenverkauf | Autohaus Spreetal GmbH`)?.title).toBe("Flottenverkauf");
    // a one-word trading name under a name stays the company
    expect(sig3(`${body}Marisol Vega\nPlinth Analytics`)?.company).toBe("Plinth Analytics");
  });
  it("reads closings that look like a name, honorifics and abbreviated given names", () => {
    expect(sig3(`${body}Freundliche Grüsse\nDr. Martina Steiner\nHead of Procurement\nAlpenwerk Pharma AG`)?.name).toBe(
      "Martina Steiner",
    );
    expect(sig3(`${body}Namaste\nRavi Kumar\nSales Manager`)?.name).toBe("Ravi Kumar");
    expect(sig3(`${body}Jess Moreau\nMoreau Markets\nCEO`)?.name).toBe("Jess Moreau");
    expect(sig3(`${body}Cordiali saluti,\nDott.ssa Giulia Ferraro\nUniversità di Montecastello`)?.name).toBe(
      "Giulia Ferraro",
    );
    expect(sig3(`${body}Ma. Cristina Reyes\nTravel Consultant · Island Hopper Tours Inc.`)?.name).toBe(
      "Ma. Cristina Reyes",
    );
  });
  it("reads one-line signatures, '/Name', a first name over a company and a relation after an SMS name", () => {
    expect(sig3(`${body}Marta Zielińska | Wydawnictwo Pod Wiatr`)).toEqual({
      name: "Marta Zielińska",
      title: null,
      company: "Wydawnictwo Pod Wiatr",
    });
    expect(sig3(`${body}Chinedu Okafor, Features Editor`)?.title).toBe("Features Editor");
    expect(parseSignature(`${body}See you there.\n\nParis, France`)).toBeNull();
    expect(sig3(`${body}/Erik`)?.name).toBe("Erik");
    expect(sig3(`${body}Conor\nPeakpoint Leadership`)).toEqual({
      name: "Conor",
      title: null,
      company: "Peakpoint Leadership",
    });
    expect(sig3("Zara has a temperature so she'll stay home today. Sam (Zara's dad)")?.name).toBe("Sam");
    expect(sig3(`${body}Rahul Menon\nRoll No. 23BCE1147`)).toEqual({ name: "Rahul Menon", title: null, company: null });
    expect(sig3(`${body}Carla Ruiz | Sales Manager | The Foundry at Pier 9`)?.company).toBe("The Foundry at Pier 9");
    expect(sig3(`${body}Best,\nJane Doe | CFO\nAcme Corp | 123 Main St, Springfield, IL 62701`)?.company).toBe(
      "Acme Corp",
    );
    expect(sig3(`${body}Best,\nJane Doe\nfor and on behalf of Acme Corp Ltd`)?.company).toBe("Acme Corp Ltd");
    expect(sig3(`${body}Best,\nRobert "Bob" Smith\nSite Foreman\nSmith Builders`)?.name).toBe("Robert Smith");
  });
  it("reads more honorifics, a one-word closing with a comma, a lower-case name and 'Name - Title - Company'", () => {
    expect(sig3(`${body}Regards,\nCllr Jane Whitby\nNorth Dales District Council`)?.name).toBe("Jane Whitby");
    expect(sig3(`${body}Kind regards,\nCapt. Ahmed Rahman\nMarine Superintendent`)?.name).toBe("Ahmed Rahman");
    expect(sig3(`${body}Blessings,\nRev. Daniel Okoro\nSt Luke's Parish`)).toEqual({
      name: "Daniel Okoro",
      title: null,
      company: "St Luke's Parish",
    });
    expect(sig3(`${body}regards\nsam`)).toEqual({ name: "sam", title: null, company: null });
    expect(sig3(`${body}Thanks\nMarco Rossi - Titolare - Trattoria da Marco`)).toEqual({
      name: "Marco Rossi",
      title: "Titolare",
      company: "Trattoria da Marco",
    });
  });
  it("reads SMS sign-offs: a trading name in parentheses or after 'from', kisses, a closing with a first name", () => {
    expect(sig3("Booked in for Tuesday at 8. See you then! - Marcus (Apex Plumbing)")).toEqual({
      name: "Marcus",
      title: null,
      company: "Apex Plumbing",
    });
    expect(sig3("Parts came in, we can fit them Thursday. Cheers, Liam from Harbour Electrical")).toEqual({
      name: "Liam",
      title: null,
      company: "Harbour Electrical",
    });
    expect(sig3("Running 10 mins late sorry!\nJo x")?.name).toBe("Jo");
    expect(sig3("Can't wait to see you all on Saturday!! xx Gemma")?.name).toBe("Gemma");
    expect(sig3(`${body}Kind regards, Nadia – Bloom Florists`)).toEqual({
      name: "Nadia",
      title: null,
      company: "Bloom Florists",
    });
  });
  it("reads an organisation alone under a text as no signature, but keeps a surname like 'Church'", () => {
    expect(parseSignature(`${body}Oakfield PTA`)).toBeNull();
    expect(parseSignature(`${body}Northgrid Energy Business Services`)).toBeNull();
    expect(parseSignature(`${body}Mahalo,\nWaikiki Paddle Club`)).toBeNull();
    expect(sig3(`${body}Alonzo Church`)?.name).toBe("Alonzo Church");
    expect(parseSignature(`${body}Peter Grant MRICS`)?.name).toBe("Peter Grant");
  });
});

// round 13: causes of blind10's misses (and blind9's, train9's), in wording of my own
describe("parseSignature: round 13 (a signature names a person; a title's qualifier before the company)", () => {
  it("reads a team, a department, initials or an organisation signing as no signature", () => {
    expect(parseSignature("Your order has shipped.\n\nBest,\nDispatch Team\nHollowell Timber Ltd")).toBeNull();
    expect(parseSignature("Statement attached.\n\nRegards,\nCredit Control – Fenwick Supplies")).toBeNull();
    expect(parseSignature("Keys are at the desk.\n\n– TW")).toBeNull();
    expect(parseSignature("We await your response.\n\nYours faithfully\nBramwell Shaw LLP")).toBeNull();
    expect(parseSignature("Su pedido está listo.\n\nSaludos,\nDepartamento Comercial\nVinos Ribera S.L.")).toBeNull();
    // a person in a department keeps every field
    expect(sig3("Statement attached.\n\nRegards,\nNia Shaw\nCredit Control\nFenwick Supplies")).toEqual({
      name: "Nia Shaw",
      title: "Credit Control",
      company: "Fenwick Supplies",
    });
  });

  it("keeps a function, a sector or a region after a dash, a comma or a slash in the title before the company", () => {
    expect(sig3("Ok.\n\nBest,\nIra Kohn\nDirector – Clinical Affairs, Norvale Devices")).toEqual({
      name: "Ira Kohn",
      title: "Director – Clinical Affairs",
      company: "Norvale Devices",
    });
    expect(sig3("Ok.\n\nBest,\nIra Kohn | Buyer, Garden Furniture | Norvale Retail Ltd")?.title).toBe(
      "Buyer, Garden Furniture",
    );
    expect(sig3("Ok.\n\nBest,\nIra Kohn\nProducer / Audio\nNorvale Studios Ltd")).toEqual({
      name: "Ira Kohn",
      title: "Producer / Audio",
      company: "Norvale Studios Ltd",
    });
    // without a company after it, the piece after the comma stays the company (round 9)
    expect(sig3("Ok.\n\nBest,\nIra Kohn\nLeasing Executive, Norvale Commercial")?.company).toBe("Norvale Commercial");
  });

  it("reads firms named after partners, head-first titles, a half-known bilingual closing and a public body", () => {
    expect(sig3("Anbei.\n\nGrüße\nEva Roth\nSteuerberaterin\nRoth & Partner")).toEqual({
      name: "Eva Roth",
      title: "Steuerberaterin",
      company: "Roth & Partner",
    });
    expect(sig3("Merci.\n\nCordialement,\nLéa Morel\nChargée de mission, Abbaye de Valmagne")?.title).toBe(
      "Chargée de mission",
    );
    expect(sig3("Attached.\n\nS úctou / Kind regards\nJan Král\nProject Manager\nKrál Stavby s.r.o.")).toEqual({
      name: "Jan Král",
      title: "Project Manager",
      company: "Král Stavby s.r.o.",
    });
    expect(sig3("The tender closes on 2 March.\nQuestions via the portal.\nOla Berg\nNordvik kommune")).toEqual({
      name: "Ola Berg",
      title: null,
      company: "Nordvik kommune",
    });
    // a unit in one compound word signs for nobody
    expect(parseSignature("The tender closes on 2 March.\n\nInköpsavdelningen\nNordvik kommune")).toBeNull();
  });

  it("train11's causes in wording of my own: academic units, date notes, nicknames, desks and a labelled header", () => {
    expect(sig3("Thanks.\n\nBest,\nLena Vogel\nLecturer, Department of Earth Sciences, Northgate University")).toEqual({
      name: "Lena Vogel",
      title: "Lecturer, Department of Earth Sciences",
      company: "Northgate University",
    });
    expect(sig3("Thanks.\n\nBest,\nLena Vogel\nHead of Research (from May), Northgate University")?.title).toBe(
      "Head of Research",
    );
    expect(sig3("Thanks.\n\nCheers,\nBill\nWilliam Hart | Senior Analyst | Northgate Capital")?.name).toBe(
      "William Hart",
    );
    expect(parseSignature("Unit is in stock.\n\nParts Desk\nNorthgate Avionics")).toBeNull();
    // a name from a department is the person; a name from a company keeps the company
    expect(sig3("Booked.\n\nThanks,\nRosa from Accounts")).toEqual({ name: "Rosa", title: null, company: null });
    expect(sig3("Booked.\n\nThanks,\nRosa from Northgate Avionics")?.company).toBe("Northgate Avionics");
    expect(
      sig3("Name: Sara Lind\nPosition: Export Manager\nCompany: Lind Marine AB\nDear sir, our offer is below."),
    ).toEqual({ name: "Sara Lind", title: "Export Manager", company: "Lind Marine AB" });
  });
});

// round 20: causes of blind27-30's misses, in wording of my own
describe("parseSignature: round 20 (trunk-0 numbers with no region, clergy, departments abroad)", () => {
  const three = (text: string) => {
    const s = parseSignature(text);
    return s && { name: s.name, title: s.title, company: s.company };
  };

  it("reads a national number with no region in the one trunk-0 region where it is valid", () => {
    const uk = parseSignature(
      "Fitted on Friday.\n\nKind regards,\nMaya Dunn\nOffice Manager\nDunn Roofing\n0161 496 0555",
    );
    expect(uk?.phones).toEqual(["+441614960555"]);
    const au = parseSignature("Boards are ready.\n\nCheers,\nLiam Ward\nWard Shapes\n0491 570 110");
    expect(au?.phones).toEqual(["+61491570110"]);
    // a region the block names still reads the number, and a US number stays a US one
    const us = parseSignature("Done.\n\nBest,\nAmy Cole\nCole Supply Inc.\n(415) 555-0199");
    expect(us?.phones).toEqual(["+14155550199"]);
    // digits valid nowhere are no phone
    const none = parseSignature("Done.\n\nBest,\nAmy Cole\nCole Supply Inc.\n0000 111 22");
    expect(none?.phones).toEqual([]);
  });

  it("drops a clergy honorific and reads church and community roles as titles", () => {
    expect(
      three("See you at evensong.\n\nWith every blessing,\nCanon Ruth Ellery\nVicar, St Anne's Church, Ludlow"),
    ).toEqual({ name: "Ruth Ellery", title: "Vicar", company: "St Anne's Church" });
    expect(three("Grazie.\n\nCordiali saluti,\nDon Paolo Bressan\nParroco, Parrocchia di San Vito")).toEqual({
      name: "Paolo Bressan",
      title: "Parroco",
      company: "Parrocchia di San Vito",
    });
    expect(three("Merci.\n\nPère Jean Lamy")?.name).toBe("Jean Lamy");
    // "Don" before a first name and a surname only: "Don Keller" is a person called Don
    expect(three("Thanks.\n\nRegards,\nDon Keller\nFleet Manager\nKeller Freight Ltd")?.name).toBe("Don Keller");
    expect(three("Thanks.\n\nCheers,\nAroha Ngata\nConvenor, Riverside Pottery Group")?.title).toBe("Convenor");
  });

  it("keeps a faculty after a title ending the line as the title's qualifier", () => {
    expect(three("Could you quote for 40 copies?\n\nTom Reyes\nLecturer, Faculty of Law")).toEqual({
      name: "Tom Reyes",
      title: "Lecturer, Faculty of Law",
      company: null,
    });
  });

  it("signs for nobody when a department or a family signs in another language", () => {
    expect(parseSignature("Segue a fatura em anexo.\n\nContabilidade\nVinhos do Douro Lda.")).toBeNull();
    expect(parseSignature("Segue a nota fiscal.\n\nFinanceiro\nTendas Norte Ltda.")).toBeNull();
    expect(parseSignature("Dziękujemy.\n\nPozdrawiamy,\nObsługa Klienta\nCiepłoDom Sp. z o.o.")).toBeNull();
    expect(parseSignature("Die Preise steigen ab Mai.\n\nIhr Kundenteam\nBuchhaus Verlag GmbH")).toBeNull();
    expect(parseSignature("Merci de corriger la facture.\n\nCordialement,\nFamille Duboscq")).toBeNull();
    expect(parseSignature("Your trailer ships on Tuesday.\n\nNorthfell Haulage")?.name ?? null).toBeNull();
  });
});

describe("parseSignature: round 29, more credentials and titles", () => {
  it("drops a therapist's, planner's or tax agent's credentials after the name, and reads the company below", () => {
    const s = parseSignature(
      "Yes, we bring our own tables.\n\nThanks,\nMarisol Vega, LMT\nOwner | Eastside Sports Massage LLC",
    );
    expect([s?.name, s?.title, s?.company]).toEqual(["Marisol Vega", "Owner", "Eastside Sports Massage LLC"]);
    const t = parseSignature(
      "Can you send a proposal?\n\nThanks,\nCody Hargrove, DPT\nClinic Director\nFlatirons Sports Rehab",
    );
    expect([t?.name, t?.title, t?.company]).toEqual(["Cody Hargrove", "Clinic Director", "Flatirons Sports Rehab"]);
  });

  it("drops a coach's 'Coach' and a closing abbreviated on the name's line", () => {
    expect(parseSignature("See you at the meet.\n\nCoach Dana Pruitt\nRidgeview Swim Club")?.name).toBe("Dana Pruitt");
    expect(parseSignature("Takk for sist.\n\nMvh Ingrid")?.name).toBe("Ingrid");
    expect(parseSignature("Bis bald.\n\nLG Magdalena Huber")?.name).toBe("Magdalena Huber");
  });

  it("reads 'Chairperson' and the Nordic compounds of chief and manager as titles", () => {
    const s = parseSignature(
      "Please quote.\n\nRegards\nThandi Mokoena\nChairperson, Linden Heights Homeowners Association",
    );
    expect([s?.title, s?.company]).toEqual(["Chairperson", "Linden Heights Homeowners Association"]);
    const t = parseSignature("Venlig hilsen\n\nLars Holm\nIndkøbschef\nHolm Byg A/S");
    expect([t?.name, t?.title, t?.company]).toEqual(["Lars Holm", "Indkøbschef", "Holm Byg A/S"]);
  });
});

describe("parseSignature: round 33, a business signing with a trade word, a possessive or a Nordic legal form", () => {
  it("reads no person's name in a business that signs", () => {
    expect(parseSignature("Your frames are ready.\n\nThanks,\nHarbour Vision Opticians")?.name ?? null).toBeNull();
    expect(parseSignature("Heels done by 2.\n\nCheers,\nMick's Cobblers")?.name ?? null).toBeNull();
    expect(parseSignature("Kiitos tilauksesta.\n\nTerveisin,\nSuutari Mäkelä Oy")?.name ?? null).toBeNull();
    expect(parseSignature("See you Saturday.\n\nThanks,\nBlue Ridge Balloon Rides")?.name ?? null).toBeNull();
  });

  it("still reads a person whose surname is two letters or ends in s", () => {
    expect(parseSignature("Talk soon.\n\nBest,\nAna Sa")?.name).toBe("Ana Sa");
    expect(parseSignature("Talk soon.\n\nBest,\nOwen Rhodes")?.name).toBe("Owen Rhodes");
  });
});

describe("parseSignature: round 34, trade titles no agent-noun ending gives", () => {
  it("reads a smith or a bowyer before the company as the title, and 'Smith' as a surname", () => {
    expect(sig3("The blanks ship Friday.\n\nCheers,\nMarta Quill\nBladesmith, Quill Forge")).toEqual({
      name: "Marta Quill",
      title: "Bladesmith",
      company: "Quill Forge",
    });
    expect(sig3("Thanks,\nTomas Reed\nBowyer, Reed Longbows")?.title).toBe("Bowyer");
    expect(sig3("Thanks,\nJanet Smith\nOffice Manager, Harbour Dental")?.name).toBe("Janet Smith");
  });
});

describe("parseSignature: round 38, more closings, legal forms, a word before a name, and 'at' after a '|'", () => {
  it("reads the Swiss 'Gruss', Finnish, Hungarian, Czech, Slovene, Croatian, Turkish and Irish closings", () => {
    expect(sig3("Bitte um Rückmeldung.\n\nFreundliche Grüsse\nReto Meier")?.name).toBe("Reto Meier");
    expect(sig3("Kiitos.\n\nTerveisin\nMikko Laine")?.name).toBe("Mikko Laine");
    expect(sig3("Köszönöm.\n\nÜdvözlettel,\nNagy Eszter")?.name).toBe("Nagy Eszter");
    expect(sig3("Děkuji.\n\nS pozdravem\nJana Dvořáková")?.name).toBe("Jana Dvořáková");
    expect(sig3("Hvala.\n\nLijep pozdrav,\nIvan Horvat")?.name).toBe("Ivan Horvat");
    expect(sig3("Teşekkürler.\n\nSaygılarımla,\nEmre Kaya")?.name).toBe("Emre Kaya");
    expect(sig3("Thanks a million.\n\nGo raibh maith agat,\nNiamh Walsh")?.name).toBe("Niamh Walsh");
  });

  it("reads a one-word title before a club or a firm the title words do not know", () => {
    expect(sig3("Danke.\n\nGruss\nBeat Keller\nPräsident, FC Seeblick")).toEqual({
      name: "Beat Keller",
      title: "Präsident",
      company: "FC Seeblick",
    });
    expect(sig3("Kiitos.\n\nTerveisin\nMikko Laine\nSihteeri, Oulun Soutuseura ry")).toEqual({
      name: "Mikko Laine",
      title: "Sihteeri",
      company: "Oulun Soutuseura ry",
    });
  });

  it("keeps 'at' inside a company named after a '|'", () => {
    expect(sig3("Thanks,\nTom Hale\nHead Brewer | The Tap at Dockside")).toEqual({
      name: "Tom Hale",
      title: "Head Brewer",
      company: "The Tap at Dockside",
    });
    // without a "|", "<title> at <company>" still splits
    expect(sig3("Thanks,\nTom Hale\nHead Brewer at Dockside Ales")?.company).toBe("Dockside Ales");
  });
});

describe("parseSignature: round 42, a closing in another language with the name on its line", () => {
  it("reads the name after 'Saludos,' or 'Groet,' and no company from it", () => {
    expect(parseSignature("Los alevinos salen el jueves.\nSaludos, Luz Marina")).toMatchObject({
      name: "Luz Marina",
      company: null,
    });
    expect(parseSignature("Kunnen jullie de levering verzetten?\nGroet, Joost")).toMatchObject({
      name: "Joost",
      company: null,
    });
    // a closing word before a sentence is no signature
    expect(parseSignature("Gracias, Pedro. Llego a las cinco.")?.name ?? null).toBeNull();
  });
});

describe("parseSignature: round 43, a priest's or sister's prefix, a conservator's post-nominal, church and firm titles", () => {
  it("drops 'ks.', 'Pe.' and 'Hna.' before a name and 'ACR' after it", () => {
    expect(
      parseSignature("Prosimy o ofertę.\n\nZ poważaniem\nks. Jan Nowicki\nProboszcz\nParafia Ducha Świętego"),
    ).toMatchObject({ name: "Jan Nowicki", title: "Proboszcz", company: "Parafia Ducha Świętego" });
    expect(parseSignature("Aguardamos o orçamento.\n\nAtenciosamente,\nPe. Carlos Mendes\nPároco")).toMatchObject({
      name: "Carlos Mendes",
      title: "Pároco",
    });
    expect(parseSignature("Gracias.\n\nHna. Lucía Gómez\nDirectora")).toMatchObject({ name: "Lucía Gómez" });
    expect(
      parseSignature("See you Tuesday.\n\nKind regards,\nMaria Lund ACR\nConservator\nNorth Light Studio Ltd"),
    ).toMatchObject({
      name: "Maria Lund",
    });
  });

  it("reads a carillonneur, a tower captain and a managing director in Czech or Flemish as titles, not companies", () => {
    expect(parseSignature("Thanks!\n\nAnn Reyes\nCity Carillonneur, Kingsford Town Hall")).toMatchObject({
      title: "City Carillonneur",
      company: "Kingsford Town Hall",
    });
    expect(parseSignature("The clapper is fixed.\n\nTed Barnes\nTower Captain")).toMatchObject({
      title: "Tower Captain",
      company: null,
    });
    expect(parseSignature("Díky.\n\nS pozdravem\nKarel Svoboda\njednatel\nSvoboda Kola s.r.o.")).toMatchObject({
      title: "jednatel",
    });
    expect(parseSignature("Bedankt.\n\nPieter Claes\nzaakvoerder\nClaes Glas bv")).toMatchObject({
      title: "zaakvoerder",
    });
  });
});

describe("parseSignature: round 56, a town under the company, more honorifics, titles in sentence case", () => {
  it("reads a town under a company line as where it is, not as the company", () => {
    expect(
      parseSignature("There's no pressure either way.\n\nNgā mihi,\nHemi Walker\nKākāriki Cove Aviaries\nWhanganui"),
    ).toMatchObject({ name: "Hemi Walker", title: null, company: "Kākāriki Cove Aviaries" });
    expect(
      parseSignature("I am very disappointed.\n\nDimitris Papadakis\nOwner, Papadakis Pet Center\nThessaloniki"),
    ).toMatchObject({ title: "Owner", company: "Papadakis Pet Center" });
    // a title over a one-word company, and a department over a two-word one, keep the company
    expect(parseSignature("Thanks.\n\nBest,\nJoan Reyes\nHead Chef\nLanternway")).toMatchObject({
      company: "Lanternway",
    });
    expect(
      parseSignature("Thanks.\n\nBest regards,\nAnna Berg\nAssistant Director, Digital Services\nMeridian Polyclinic"),
    ).toMatchObject({ company: "Meridian Polyclinic" });
  });

  it("reads a Mexican 'Mtra.' or 'MVZ', a Malaysian 'Mdm' and a friar's 'Fra' as no part of the name", () => {
    expect(parseSignature("Gracias.\n\nSaludos,\nMVZ Alejandro Ibarra Solís\nMédico Veterinario")).toMatchObject({
      name: "Alejandro Ibarra Solís",
    });
    expect(parseSignature("Thank you.\n\nRegards,\nMdm Siti Rahman\nPurchasing")).toMatchObject({
      name: "Siti Rahman",
    });
    expect(parseSignature("Hvala.\n\nFra Ivan")).toMatchObject({ name: "Ivan" });
  });

  it("reads a title and a company in sentence case under a full name with no closing", () => {
    expect(
      parseSignature(
        "Orders confirmed before 30 April are delivered at the current price list.\nThank you for your understanding.\nIlze Kalniņa\nPārdošanas vadītāja\nSIA Baltijas Apse",
      ),
    ).toMatchObject({ name: "Ilze Kalniņa", title: "Pārdošanas vadītāja", company: "SIA Baltijas Apse" });
    // an English sentence under a name is no title
    expect(parseSignature("The boxes are packed and ready.\nTom Baker\nSee you soon")?.title ?? null).toBeNull();
  });

  it("reads a sign-off at the end of a text after a closing of words, before a phone or with a company's particles", () => {
    expect(parseSignature("The lime is already in Jujuy. Un abrazo, Gustavo")).toMatchObject({ name: "Gustavo" });
    expect(
      parseSignature("Your farm tour is booked for Saturday at 10. Lupe, Saguaro Goat Farm 602-555-0131", {
        defaultRegion: "US",
      }),
    ).toMatchObject({ name: "Lupe", company: "Saguaro Goat Farm" });
    expect(parseSignature("Danke trotzdem. Resi Hofbauer, Ziegenhof am Wechsel")).toMatchObject({
      name: "Resi Hofbauer",
      company: "Ziegenhof am Wechsel",
    });
    // a closing is no name
    expect(parseSignature("Llegamos el lunes. Saludos, Refacciones Mineras del Norte")?.name ?? null).toBeNull();
  });
});

describe("parseSignature: round 57, a name, title and company on the last line, sign-offs after '/' or '·', more honorifics", () => {
  it("reads a name, a title and a company on one line right under the last sentence", () => {
    expect(
      parseSignature(
        "Our board decided to buy from a supplier in Yinchuan. Hope we can cooperate in other project in future.\nLi Wei, Purchasing Manager, Helan Shan Estate",
      ),
    ).toMatchObject({ name: "Li Wei", title: "Purchasing Manager", company: "Helan Shan Estate" });
    // a place in three pieces is no signature
    expect(parseSignature("We met in Paris.\nParis, France, Europe")).toBeNull();
  });

  it("reads a sign-off after '/' or '·' at the end of a text, and 'Unsubscribe' as no name", () => {
    expect(
      parseSignature("I'll send the tour conditions PDF by 6pm today.\n– Yuki / Niseko Backcountry Guides"),
    ).toMatchObject({ name: "Yuki", company: "Niseko Backcountry Guides" });
    expect(
      parseSignature("Your order leaves this morning, tracking to follow. Ingrid / Linspinneriet i Vadstena"),
    ).toMatchObject({ name: "Ingrid", company: "Linspinneriet i Vadstena" });
    expect(parseSignature("Bring water and sunscreen!\nRosa · Huascarán Glacier Treks")).toMatchObject({
      name: "Rosa",
      company: "Huascarán Glacier Treks",
    });
    expect(
      parseSignature("You receive this email because you subscribed to our newsletter. Unsubscribe")?.name ?? null,
    ).toBeNull();
  });

  it("reads the Catalan 'i' inside a name", () => {
    expect(
      parseSignature("We refund the full €640 today.\n\nMontse Vidal i Puig\nDirectora\nPirineu Guies SL"),
    ).toMatchObject({ name: "Montse Vidal i Puig", title: "Directora", company: "Pirineu Guies SL" });
  });

  it("reads 'Mgr.', 'Rag.', 'Er.', 'Daw' and 'ACII' as no part of the name, and 'S pozdravom' as a closing", () => {
    expect(
      parseSignature("Thank you.\n\nS pozdravom,\nMgr. Zuzana Kováčová\nkurátorka\nSlovenské múzeum čipky"),
    ).toMatchObject({ name: "Zuzana Kováčová", company: "Slovenské múzeum čipky" });
    expect(parseSignature("Grazie.\n\nCordiali saluti,\nRag. Silvia Zanon")).toMatchObject({ name: "Silvia Zanon" });
    expect(parseSignature("Thanks.\n\nRegards,\nEr. Rajesh Negi")).toMatchObject({ name: "Rajesh Negi" });
    expect(parseSignature("Thanks.\n\nRegards,\nDaw Nwe Nwe Aye\nManager")).toMatchObject({ name: "Nwe Nwe Aye" });
    expect(parseSignature("Thanks.\n\nKind regards,\nHarriet Pell ACII\nAccount Handler")).toMatchObject({
      name: "Harriet Pell",
      title: "Account Handler",
    });
  });
});

describe("parseSignature: round 58, a town with its state, offices in CJK scripts, departments, a title's qualifier, W.L.L.", () => {
  it("reads a US or Canadian town with its state's or province's code as no company", () => {
    expect(parseSignature("Do we lose the nights?\n\nLinda Park\nScottsdale, AZ")).toMatchObject({
      name: "Linda Park",
      company: null,
    });
    expect(parseSignature("What would it cost?\nThanks!\nGreg Novak\nNaperville, IL\n(630) 555-0184")).toMatchObject({
      name: "Greg Novak",
      company: null,
      phones: ["+16305550184"],
    });
  });

  it("reads an office in Japanese, Chinese or Korean under a name in Latin letters as the title", () => {
    expect(parseSignature("Can you match?\nBest regards,\nKen Sato\n代表取締役\nSora Dining K.K.")).toMatchObject({
      name: "Ken Sato",
      title: "代表取締役",
      company: "Sora Dining K.K.",
    });
    expect(parseSignature("Thank you.\nPark Ji-hoon\n총무\nSeoul Hanbit Walking Club")).toMatchObject({
      title: "총무",
    });
    expect(parseSignature("Thank you.\nKazuko Yamamoto\n女将\nMinshuku Chikatsuyu")).toMatchObject({
      name: "Kazuko Yamamoto",
      title: "女将",
    });
  });

  it("reads an Italian or Spanish department signing for a company as no name", () => {
    expect(
      parseSignature(
        "The vouchers follow the payment.\nCordiali saluti,\nAmministrazione\nVia Francigena Slow Travel S.r.l.",
      ),
    ).toBeNull();
    expect(
      parseSignature("Orders confirmed before 15 December keep 2026 prices.\n\nCordalta S.r.l. – Ufficio Commerciale"),
    ).toBeNull();
  });

  it("keeps a short qualifier with a business word in the title when an organisation has the next line", () => {
    expect(
      parseSignature(
        "Could you send a fee proposal?\nRegards,\nSamuel Osei\nAsset Manager – Building Safety\nRiverside Housing Association",
      ),
    ).toMatchObject({ title: "Asset Manager – Building Safety", company: "Riverside Housing Association" });
    expect(
      parseSignature(
        "We are ready to sign.\nKind regards,\nRania Haddad\nProcurement Lead – F&B\nPearl Coast Hotels W.L.L.",
      ),
    ).toMatchObject({ title: "Procurement Lead – F&B", company: "Pearl Coast Hotels W.L.L." });
  });

  it("reads W.L.L. as a legal form and 'A hui hou' as a closing", () => {
    expect(
      parseSignature(
        "We will keep Skyline on our list for future projects.\nKarim Mansour\nAl Dafna Contracting W.L.L.",
      ),
    ).toMatchObject({ name: "Karim Mansour", company: "Al Dafna Contracting W.L.L." });
    expect(
      parseSignature(
        "I'll mail you our plan book on Monday.\nA hui hou,\nKainoa Akana\nOwner / Builder\nHale Ohe Bamboo LLC",
      ),
    ).toMatchObject({ name: "Kainoa Akana", company: "Hale Ohe Bamboo LLC" });
  });
});
describe("parseSignature: round 59, Icelandic and Welsh closings, 'ap', a company after a closing and name, a phone piece", () => {
  it("reads 'Kveðja' and 'Diolch' as closings and 'ap' as part of a Welsh name", () => {
    expect(parseSignature("Orders before then are at the old price.\nKveðja,\nJón\nHekla Ull ehf.")).toMatchObject({
      name: "Jón",
      company: "Hekla Ull ehf.",
    });
    expect(
      parseSignature("Could you do £3,600?\nDiolch,\nCerys ap Rhys\nArtistic Director\nGlannau Arts Centre Ltd"),
    ).toMatchObject({ name: "Cerys ap Rhys", title: "Artistic Director", company: "Glannau Arts Centre Ltd" });
  });

  it("reads a company after a closing and a name on the last line, and one joined by 'de los'", () => {
    expect(parseSignature("So $705 in total.\nCheers, Brooke, Swan River Craft Supplies")).toMatchObject({
      name: "Brooke",
      company: "Swan River Craft Supplies",
    });
    expect(parseSignature("Sorry. Ngā mihi, Ngaire, Ōtara Community Trust")).toMatchObject({
      name: "Ngaire",
      company: "Ōtara Community Trust",
    });
    expect(parseSignature("We have space Saturday at 9 or 11.\nXimena, Ruta de los Cenotes")).toMatchObject({
      name: "Ximena",
      company: "Ruta de los Cenotes",
    });
  });

  it("reads a desk after the name as no company, and a committee as no name", () => {
    expect(
      parseSignature("We courier it on Wednesday 15th July from JKIA. Regards, Wanjiru Kamau, Export Desk"),
    ).toMatchObject({ name: "Wanjiru Kamau", company: null });
    expect(
      parseSignature(
        "The tender has been awarded to another supplier.\nComité de Adquisiciones\nConstructora Pacífico Sur S.A.",
      ),
    ).toBeNull();
  });

  it("reads an initial and a surname at the end of a text, but not the Finnish closing 'T.'", () => {
    expect(parseSignature("My lowest is 4.250 per carriage, delivery to Vienna included. M. Reinholt")?.name).toBe(
      "M. Reinholt",
    );
    expect(parseSignature("If you can do €275 per person we sign for both weekends.\nBest, M. Kühn")?.name).toBe(
      "M. Kühn",
    );
    expect(parseSignature("Rehu tulee torstaina klo 12–14 välillä, 40 säkkiä. T. Pekka / Lapin Rehu")?.name).not.toBe(
      "T. Pekka",
    );
  });

  it("ends the signature at a German disclaimer or a company's registration", () => {
    expect(
      parseSignature(
        "Thanks.\nBest regards,\nMatthias Oberhollenzer\nLeiter Technik\nAlpwerk Seilbahnservice GmbH\nDiese E-Mail kann vertrauliche Informationen enthalten. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte den Absender.",
      ),
    ).toMatchObject({
      name: "Matthias Oberhollenzer",
      title: "Leiter Technik",
      company: "Alpwerk Seilbahnservice GmbH",
    });
    expect(
      parseSignature(
        "Thanks.\nGemma Price\nContracts Manager\nHighLine Access Ltd\n+44 20 7946 0571\nHighLine Access Ltd is registered in England and Wales. This email and any attachments are confidential and intended solely for the addressee.",
      ),
    ).toMatchObject({
      name: "Gemma Price",
      title: "Contracts Manager",
      company: "HighLine Access Ltd",
      phones: ["+442079460571"],
    });
  });

  it("reads a company line with a phone piece under a bare first name", () => {
    expect(
      parseSignature(
        "Dear Wanjiru,\nThank you so much, a tented camp in Laikipia sounds wonderful for our canvas range! I'll send you a proposal early next week.\nImogen\nSwaybrook Hammocks Ltd | +44 20 7946 0312",
      ),
    ).toMatchObject({ name: "Imogen", company: "Swaybrook Hammocks Ltd", phones: ["+442079460312"] });
  });
});

describe("parseSignature: round 60, the Irish 'Ó' and 'Teo.', a sentence-case title, an Austrian 'DI', a first name over a trading name", () => {
  it("reads 'Ó' before a surname as part of a bare name, and a 'Teo.' company", () => {
    expect(parseSignature("Is the cask still for sale, or only to the trade?\nNiall Ó Briain")?.name).toBe(
      "Niall Ó Briain",
    );
    expect(
      parseSignature(
        "The twelve frames go out on Thursday by courier, and I'll cover the postage.\nSiobhán Ó Dónaill\nCeardlann Adhmaid Teo.",
      ),
    ).toMatchObject({ name: "Siobhán Ó Dónaill", company: "Ceardlann Adhmaid Teo." });
    // without its period "Teo" is a surname, not a legal form
    expect(
      parseSignature(
        "Thanks, the order is confirmed.\nBest regards,\nJasmine Teo\nKey Accounts Manager\nSakura Crumb Pte Ltd",
      ),
    ).toMatchObject({ name: "Jasmine Teo", title: "Key Accounts Manager", company: "Sakura Crumb Pte Ltd" });
  });

  it("reads a sentence-case line ending in an agent noun as a title", () => {
    expect(
      parseSignature("Is that doable, and what would it run?\nThanks,\nMarcus Bell\nSession & touring bassist"),
    ).toMatchObject({ name: "Marcus Bell", title: "Session & touring bassist", company: null });
    expect(
      parseSignature("Is that doable, and what would it run?\nThanks,\nMarcus Bell\nBluenose Cork & Floor"),
    ).toMatchObject({ name: "Marcus Bell", title: null, company: "Bluenose Cork & Floor" });
  });

  it("drops an Austrian engineer's 'DI' before a name", () => {
    expect(
      parseSignature(
        "I will send the static report tomorrow.\nMit freundlichen Grüßen\nDI Katrin Hofbauer\nStatik Hofbauer e.U.",
      ),
    ).toMatchObject({ name: "Katrin Hofbauer", company: "Statik Hofbauer e.U." });
  });

  it("reads a first name over a trading name of three words or with '&' under the last sentence", () => {
    expect(
      parseSignature(
        "Hi Tiago, before we pay anything to the new account I'll ring you at 3pm to confirm the details. Just a fraud check!\nSorcha\nBallin & Reid",
      ),
    ).toMatchObject({ name: "Sorcha", company: "Ballin & Reid" });
    expect(
      parseSignature(
        "We have a family of four who want two nights of stargazing after the safari. Can you send your net rate?\nWambui\nSavanna Dusk Camps",
      ),
    ).toMatchObject({ name: "Wambui", company: "Savanna Dusk Camps" });
    // two title-case words may be a full name: no reading
    expect(
      parseSignature(
        "We have a family of four who want two nights of stargazing after the safari. Can you send it?\nWambui\nSavanna Dusk",
      ),
    ).toBeNull();
  });
});

describe("parseSignature: round 61, a Nordic chair, a title after a dashed first name, 'Thanks heaps,'", () => {
  it("reads 'Formand' alone under a name as the title, not the company", () => {
    expect(
      parseSignature("Thank you for the offer and the visit.\nMed venlig hilsen\nRasmus Kjærgaard\nFormand"),
    ).toMatchObject({ name: "Rasmus Kjærgaard", title: "Formand", company: null });
  });

  it("reads a title after a dashed first name under the last sentence", () => {
    expect(
      parseSignature("I've just approved the refund. I'll call you this afternoon.\n– Doug, Treasurer"),
    ).toMatchObject({ name: "Doug", title: "Treasurer", company: null });
    expect(parseSignature("I'll swing by Monday at 4.\n- Travis, Sunbelt Court Resurfacing")).toMatchObject({
      name: "Travis",
      title: null,
      company: "Sunbelt Court Resurfacing",
    });
  });

  it("reads 'Thanks heaps,' and 'Thanks a lot,' as closings above the name", () => {
    expect(parseSignature("Go on then, do it! Mum will be so pleased.\nThanks heaps,\nBev")?.name).toBe("Bev");
    expect(parseSignature("Great, see you then.\nThanks a lot,\nBev")?.name).toBe("Bev");
  });

  it("reads a president, a Czech owner and a Norwegian managing director alone under a name as the title", () => {
    expect(
      parseSignature(
        "Merci pour votre patience.\nCordialement,\nAwa Diop\nPrésidente\nGIE des Récoltantes du Lac Rose",
      ),
    ).toMatchObject({ name: "Awa Diop", title: "Présidente", company: "GIE des Récoltantes du Lac Rose" });
    expect(parseSignature("Děkuji za nabídku.\nS pozdravem\nJan Novák\nmajitel")).toMatchObject({
      name: "Jan Novák",
      title: "majitel",
    });
    expect(parseSignature("Takk for tilbudet.\nMed vennlig hilsen\nKari Nilsen\nDaglig leder")).toMatchObject({
      name: "Kari Nilsen",
      title: "Daglig leder",
      company: null,
    });
  });
});

describe("parseSignature: round 62, a name and a trading name under the message, 'e.V.', a trustee, a sergeant, a captain, a maker", () => {
  it("reads 'Name, Trading Name' alone under the message after a blank line", () => {
    expect(
      parseSignature("Dear Thandi,\n\nI'll issue a credit note by Friday. Apologies.\n\nSipho Dube, Soweto Sound Hire"),
    ).toMatchObject({ name: "Sipho Dube", company: "Soweto Sound Hire" });
    expect(parseSignature("So sorry, it goes out today.\n\nZanele, Hatch & Veil Millinery")).toMatchObject({
      name: "Zanele",
      company: "Hatch & Veil Millinery",
    });
    // a town after a name is no trading name
    expect(parseSignature("See you on Friday.\n\nKate, Paris")?.company ?? null).toBeNull();
  });

  it("reads a German association's 'e.V.' as part of the company after a name under the last sentence", () => {
    expect(
      parseSignature(
        "If you can do €11 a test, we will sign for 200 samples.\nLotte Brandt, Saatgutbibliothek Mitte e.V.",
      ),
    ).toMatchObject({ name: "Lotte Brandt", company: "Saatgutbibliothek Mitte e.V." });
  });

  it("reads a managing trustee, a drum sergeant and a kaitiaki as titles, not companies", () => {
    expect(
      parseSignature("Please send the contract.\n\nRamesh Iyer\nManaging Trustee, Annapurna Seed Trust"),
    ).toMatchObject({ name: "Ramesh Iyer", title: "Managing Trustee", company: "Annapurna Seed Trust" });
    expect(parseSignature("Could you check our sett?\nThanks,\nNoel Brennan\nDrum Sergeant")).toMatchObject({
      name: "Noel Brennan",
      title: "Drum Sergeant",
      company: null,
    });
    expect(parseSignature("Ngā mihi,\nHemi Walker\nKaitiaki Kākano\nTe Whenua Seed Trust")).toMatchObject({
      title: "Kaitiaki Kākano",
      company: "Te Whenua Seed Trust",
    });
  });

  it("reads a club captain, a cue maker, a tea educator and an owner in Polish as titles", () => {
    expect(
      parseSignature("See you at the green.\nCheers,\nBev Hollis\nClub Captain\nSwan Lake Bowls Club"),
    ).toMatchObject({
      title: "Club Captain",
      company: "Swan Lake Bowls Club",
    });
    expect(
      parseSignature("Thanks for the ferrules.\nRegards,\nDan Reyes\nCue Maker\nIronwood Cue Works"),
    ).toMatchObject({
      title: "Cue Maker",
      company: "Ironwood Cue Works",
    });
    expect(parseSignature("Dziękuję.\nPozdrawiam,\nAnna Nowak\nWłaściciel\nFerma Zielony Gaj Sp. j.")).toMatchObject({
      title: "Właściciel",
    });
  });
});

describe("parseSignature: round 63, a full name with its credential after a blank line", () => {
  it("reads 'Name, DDS' over a company or a title as the name line, not a closing", () => {
    expect(
      parseSignature(
        "Hi Marcus,\nWe've decided to hire our own float assistant instead of using an agency. Thank you.\n\nRachel Stein, DDS\nParkside Dental Group",
      ),
    ).toMatchObject({ name: "Rachel Stein", company: "Parkside Dental Group" });
    expect(
      parseSignature(
        "Great news: the owner signed the agreement.\n\nJordan Pike, AIA\nProject Architect\nPike Halvorsen Architects LLC\n(312) 555-0182",
      ),
    ).toMatchObject({
      name: "Jordan Pike",
      title: "Project Architect",
      company: "Pike Halvorsen Architects LLC",
      phones: ["+13125550182"],
    });
    // a closing with a word after its comma stays a closing
    expect(parseSignature("Thanks so much.\n\nKind regards, Team\nAcme Ltd")?.name ?? null).not.toBe("Kind regards");
  });
});

describe("parseSignature: round 64, a Filipino name particle, a department in Polish, titles in French, Catalan, Hungarian", () => {
  it("reads 'dela' and 'delos' inside a name", () => {
    expect(
      parseSignature(
        "We are interested in your spiced cane vinegar. Please send FOB Manila prices.\n\nRegards,\nRamon dela Cruz\nProcurement Head\nKabayan Mart LLC",
      ),
    ).toMatchObject({ name: "Ramon dela Cruz", title: "Procurement Head", company: "Kabayan Mart LLC" });
    expect(
      parseSignature(
        "Thanks for the quick reply, see you on Monday.\n\nRegards,\nMaria delos Santos\nLuzon Fleet Solutions Inc.",
      )?.name,
    ).toBe("Maria delos Santos");
  });

  it("reads a Polish 'Dział …' signing for its company as no person", () => {
    const sig = parseSignature(
      "Dear Customers,\nOur prices for granite blocks will increase by 6% from 1 January 2027. The price list is attached.\n\nZ poważaniem,\nDział Sprzedaży\nGranit Strzegom Sp. z o.o.",
    );
    expect(sig?.name ?? null).toBeNull();
  });

  it("reads 'Architecte du patrimoine', 'Secretari Tècnic' and 'kőfaragó mester' as titles", () => {
    expect(
      parseSignature(
        "The carved capitals are magnificent. I'll send you the inspection report on Monday.\n\nAmicalement,\nClaire Fontanel\nArchitecte du patrimoine",
      ),
    ).toMatchObject({ name: "Claire Fontanel", title: "Architecte du patrimoine", company: null });
    expect(
      parseSignature(
        "The ceremony is on Thursday 24 September at 19:00 at the Llotja de Mar. We would be delighted if you could say a few words.\n\nCordialment,\nJordi Puig\nSecretari Tècnic\nFòrum de Turisme Responsable de Catalunya",
      ),
    ).toMatchObject({
      name: "Jordi Puig",
      title: "Secretari Tècnic",
      company: "Fòrum de Turisme Responsable de Catalunya",
    });
    expect(
      parseSignature(
        "The cemetery issued the permit today. We will set the stone on Wednesday 7 October between 8 and 11.\n\nTisztelettel,\nKovács Bence\nkőfaragó mester\nKovács Kőfaragó Kft.",
      ),
    ).toMatchObject({ name: "Kovács Bence", title: "kőfaragó mester", company: "Kovács Kőfaragó Kft." });
    // a company named for its technical service keeps its name
    expect(
      parseSignature(
        "Segue o orçamento para a troca de tela, pronto na sexta.\n\nAbraço,\nBruno Tavares\nDiretor Comercial | CelFix Assistência Técnica",
      )?.company,
    ).toBe("CelFix Assistência Técnica");
  });
});

describe("parseSignature: round 65, a Spanish priest's 'Pbro.'", () => {
  it("reads the name after 'Pbro.' without it", () => {
    expect(
      parseSignature(
        "Could you send us a proposal?\n\nGod bless,\nPbro. Arturo Méndez Lara\nPárroco\nParroquia de San Miguel Arcángel",
      ),
    ).toMatchObject({ name: "Arturo Méndez Lara", title: "Párroco", company: "Parroquia de San Miguel Arcángel" });
  });
});
