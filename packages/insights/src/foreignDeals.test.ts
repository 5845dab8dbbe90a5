import { describe, expect, it } from "vitest";
import { detectDealCue } from "./dealStage";
import { readForeignDealStage } from "./foreignDeals";

const stageOf = (body: string, direction: "inbound" | "outbound" = "inbound") => {
  const got = readForeignDealStage(body, direction);
  return got === null || got === "no deal" ? got : got.stage;
};

describe("deal stages in other languages", () => {
  it("reads a buyer's price question, quotation request, budget or declared interest as interest", () => {
    expect(stageOf("Buenos días, ¿cuánto cuesta el mantenimiento anual de la caldera?")).toBe("interest");
    expect(stageOf("Olá! Podem enviar um orçamento para pintar a fachada do prédio?")).toBe("interest");
    expect(stageOf("Bonjour, pourriez-vous nous faire un devis pour 40 chaises pliantes ?")).toBe("interest");
    expect(stageOf("Guten Tag, was kostet die Reinigung von zwei Lüftungsanlagen im Jahr?")).toBe("interest");
    expect(stageOf("Goedemiddag, kunt u ons een offerte sturen voor twaalf bureaustoelen?")).toBe("interest");
    expect(stageOf("Buongiorno, vorremmo un preventivo per la potatura di sei tigli nel cortile.")).toBe("interest");
    expect(stageOf("Hola, queremos renovar la cocina del bar. El presupuesto es de unos 12.000 euros.")).toBe(
      "interest",
    );
  });

  it("reads our quotation sent now, or our price, as a proposal, and a quotation promised for later as none", () => {
    expect(stageOf("Hola Inés, adjunto la cotización: 18 sillas de roble por 2.340 € más IVA.", "outbound")).toBe(
      "proposal",
    );
    expect(
      stageOf("Sehr geehrter Herr Lang, anbei unser Angebot über 4.850 € netto für die Dachrinnen.", "outbound"),
    ).toBe("proposal");
    expect(stageOf("Oi Paula! O pacote com 10 sessões fica R$ 950, pagamento em duas vezes.", "outbound")).toBe(
      "proposal",
    );
    expect(stageOf("Bonjour Luc, je vous envoie le devis demain matin.", "outbound")).toBeNull();
  });

  it("reads a competitor's price, a close on a condition, a price too high or our last price as negotiation", () => {
    expect(stageOf("Otro proveedor nos ofrece la misma bomba por 1.900 €. ¿Pueden igualar?")).toBe("negotiation");
    expect(stageOf("Se fizerem por R$ 4.200 fechamos ainda hoje.")).toBe("negotiation");
    expect(stageOf("Votre prix est trop cher pour notre association.")).toBe("negotiation");
    expect(stageOf("Désolée Karim, je reste à 2 400 €, c'est déjà un bon prix.", "outbound")).toBe("negotiation");
  });

  it("reads an acceptance, a signed order or a deposit as won, and a question or condition about one as none", () => {
    expect(stageOf("Perfecto, aceptamos la propuesta. Te mando la orden de compra firmada el lunes.")).toBe("won");
    expect(stageOf("Sehr geehrte Frau Roth, wir nehmen Ihr Angebot an.")).toBe("won");
    expect(stageOf("Top, de prijs is akkoord. Het getekende contract volgt vandaag.")).toBe("won");
    expect(stageOf("C'est bon pour nous, on vous paie l'acompte jeudi.")).toBe("won");
    expect(stageOf("¿Ya aceptaron la propuesta en la junta?")).toBeNull();
  });

  it("reads a choice of another party or the incumbent as lost", () => {
    expect(stageOf("Gracias por todo, pero al final elegimos otra empresa más cercana.")).toBe("lost");
    expect(stageOf("Vielen Dank für Ihr Angebot. Wir haben uns für einen regionalen Anbieter entschieden.")).toBe(
      "lost",
    );
    expect(stageOf("Merci pour votre proposition, nous restons chez notre fournisseur actuel.")).toBe("lost");
    expect(stageOf("Bedankt voor de offerte. We hebben besloten het project uit te stellen tot 2028.")).toBe("lost");
  });

  it("reads bills, price lists for every customer and English as no stage of its own", () => {
    expect(
      readForeignDealStage("Segue em anexo a fatura 2291 do mês de março, vencimento em 30 dias.", "outbound"),
    ).toBe("no deal");
    expect(
      readForeignDealStage(
        "Estimados clientes: a partir del 1 de marzo nuestros precios aumentan un 4 %. La lista de precios está en la web.",
        "outbound",
      ),
    ).toBe("no deal");
    expect(readForeignDealStage("Thanks for the quote, we accept it and will sign on Monday.", "inbound")).toBeNull();
  });

  it("decides the message's stage, with the sentence it was read from as the quote", () => {
    const text = "Hola Marcos,\n\nAceptamos la cotización de las 40 mesas. Te mando la orden de compra hoy.";
    const cue = detectDealCue({ text, direction: "inbound" });
    expect(cue?.stage).toBe("won");
    expect(cue?.cue).toBe("Aceptamos la cotización de las 40 mesas.");
    expect(cue?.span && text.slice(cue.span.start, cue.span.end)).toBe("Aceptamos la cotización de las 40 mesas.");
    expect(detectDealCue({ text: "Segue em anexo a fatura 2291 de março.", direction: "outbound" })).toBeNull();
  });
});

describe("round 26: deal stages in Swedish, Norwegian, Danish and Finnish", () => {
  it("reads each stage in the Nordic languages (written here, not the read authors' sentences)", () => {
    expect(stageOf("Hej! Kan ni skicka en offert på 30 kontorsstolar till vårt kontor i Malmö?")).toBe("interest");
    expect(stageOf("Hei, hva koster service på to varmepumper i året?")).toBe("interest");
    expect(stageOf("Hei, voisitteko lähettää tarjouksen kahdesta ilmalämpöpumpusta?")).toBe("interest");
    expect(stageOf("Hej Lars, offerten bifogas: 24 800 kr exkl. moms, leverans vecka 12.", "outbound")).toBe(
      "proposal",
    );
    expect(stageOf("Tarjous liitteenä: 3 400 € + alv, asennus sisältyy.", "outbound")).toBe("proposal");
    expect(stageOf("Vi har fått et tilbud fra en konkurrent på 41 000 kr. Kan dere matche det?")).toBe("negotiation");
    expect(stageOf("Hei, 2 900 € on viimeinen hintamme.", "outbound")).toBe("negotiation");
    expect(stageOf("Vi accepterar offerten, ordern bifogas.")).toBe("won");
    expect(stageOf("Hyväksymme tarjouksen, allekirjoitettu sopimus liitteenä.")).toBe("won");
    expect(stageOf("Tak for tilbuddet, men vi har valgt en anden leverandør i år.")).toBe("lost");
    expect(stageOf("Valitsimme toisen toimittajan, kiitos tarjouksesta.")).toBe("lost");
  });

  it("reads no stage where the Nordic forms are asked, conditioned or about your choice of us, nor in a bill", () => {
    expect(
      stageOf("Hej! Fakturan på 3 480 kr förföll den 31 december och vi har inte fått betalningen.", "outbound"),
    ).toBe("no deal");
    expect(stageOf("Hej alle kunder! Fra 1. januar hæver vi prisen på serviceaftalen.", "outbound")).toBe("no deal");
    expect(stageOf("Hej, hvad er jeres laveste pris på den brugte bil?")).not.toBe("negotiation");
    expect(stageOf("Hej, har ni skickat fakturan för mars?")).toBe("no deal");
    expect(stageOf("Vi valgte dere i fjor og er fornøyde.")).not.toBe("lost");
    expect(stageOf("Hvis dere kan levere før jul, accepterer vi tilbuddet.")).not.toBe("won");
  });
});
