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

describe("round 32: deal stages in Polish and Indonesian", () => {
  it("reads each stage, and a bill or a quotation promised for later as no stage (sentences written here)", () => {
    expect(stageOf("Dzień dobry, proszę o wycenę malowania klatki schodowej w bloku.")).toBe("interest");
    expect(stageOf("Selamat siang, berapa harga sewa tenda untuk 200 orang?")).toBe("interest");
    expect(stageOf("W załączeniu przesyłam ofertę na 40 krzeseł: 6 400 zł netto.", "outbound")).toBe("proposal");
    expect(stageOf("Terlampir penawaran kami untuk pengecatan gudang: Rp 45.000.000.", "outbound")).toBe("proposal");
    expect(stageOf("Jeśli zejdą Państwo do 5 000 zł, podpiszemy umowę jeszcze dziś.")).toBe("negotiation");
    expect(stageOf("Pak, terlalu mahal. Toko sebelah kasih harga lebih murah.")).toBe("negotiation");
    expect(stageOf("Dzień dobry, akceptujemy ofertę i prosimy o fakturę zaliczkową.")).not.toBe("interest");
    expect(stageOf("Dzień dobry, akceptujemy Państwa ofertę na remont dachu.")).toBe("won");
    expect(stageOf("Oke Pak, kami setuju dengan harga itu, DP sudah kami transfer.")).toBe("won");
    expect(stageOf("Dziękujemy, ale wybraliśmy innego wykonawcę.")).toBe("lost");
    expect(stageOf("Maaf Bu, kami sudah pilih vendor lain untuk acara ini.")).toBe("lost");
    expect(stageOf("Ofertę prześlę jutro rano.", "outbound")).toBeNull();
    expect(stageOf("Dzień dobry, w załączniku faktura za październik: 1 200 zł.", "outbound")).toBe("no deal");
    expect(stageOf("Od 1 stycznia 2027 cena przeglądu wynosi 300 zł.", "outbound")).toBe("no deal");
  });
});

describe("round 32: deal stages in languages without a grammar here (worldDeals)", () => {
  it("reads a quotation asked or a price asked as interest", () => {
    expect(stageOf("お世話になっております。会議室の改装について見積をお願いできますか。")).toBe("interest");
    expect(stageOf("Добрый день! Сколько стоит аренда сцены на два дня?")).toBe("interest");
    expect(stageOf("Merhaba, depo rafları için fiyat teklifi alabilir miyiz?")).toBe("interest");
  });

  it("reads our quotation sent or priced as a proposal, and one promised for tomorrow as none", () => {
    expect(stageOf("您好，附上展台搭建的报价，共 68,000 元。", "outbound")).toBe("proposal");
    expect(stageOf("Kính gửi anh Minh, chúng tôi xin gửi báo giá lắp đặt: 12.000.000 đồng.", "outbound")).toBe(
      "proposal",
    );
    expect(stageOf("見積書は明日お送りいたします。", "outbound")).toBeNull();
  });

  it("reads a supplier's quotation sent to the reader with its price as a proposal, and a request for one as interest", () => {
    expect(stageOf("舞台装置の見積書を添付いたします。総額は税込420万円です。")).toBe("proposal");
    expect(stageOf("Jó napot! Kérem, küldjenek árajánlatot 30 asztalra.")).toBe("interest");
  });

  it("reads a discount asked as negotiation, an acceptance or order as won and another supplier as lost", () => {
    expect(stageOf("Можно ли получить скидку 10%, если закажем сразу 50 штук?")).toBe("negotiation");
    expect(stageOf("好的，我们接受这个价格，今天下单。")).toBe("won");
    expect(stageOf("Αποδεχόμαστε την προσφορά σας για τα 20 τραπέζια.")).toBe("won");
    expect(stageOf("Ευχαριστούμε, αλλά επιλέξαμε άλλη εταιρεία.")).toBe("lost");
    expect(stageOf("検討の結果、今回は他社にお願いすることになりました。")).toBe("lost");
  });

  it("reads a discount a seller announces, or a question about another supplier, as no stage", () => {
    expect(stageOf("Sezon fiyat listemiz ektedir, erken rezervasyona %5 indirim.", "outbound")).toBeNull();
    expect(stageOf("Если мы выберем другую компанию, вы вернёте залог?")).not.toBe("lost");
  });
});

describe("round 39: a last offer, a choice told in other words, an order approved or signed", () => {
  it("reads 'mi última oferta', 'a nossa última proposta' and 'o melhor preço' as negotiation", () => {
    expect(stageOf("Lucía, 4.100 con el montaje es mi última oferta, más no puedo bajar.", "outbound")).toBe(
      "negotiation",
    );
    expect(stageOf("Conseguimos chegar a R$ 3.900 com instalação, é a nossa última proposta.", "outbound")).toBe(
      "negotiation",
    );
  });

  it("reads a purchase made elsewhere in the end, or a choice to stay with another, as lost", () => {
    expect(stageOf("Al final compramos las sillas en Valencia, llegaban antes.")).toBe("lost");
    expect(stageOf("La junta ha decidido quedarse con Talleres Ruiz para la obra.")).toBe("lost");
    expect(stageOf("We gaan toch voor Bakker Installatie, die zijn goedkoper.")).toBe("lost");
  });

  it("reads an Italian 'we take', a Spanish order approved, a Polish signed order and a Swedish approval as won", () => {
    expect(stageOf("Perfetto, prendiamo le 40 sedie al prezzo del preventivo.")).toBe("won");
    expect(stageOf("Aprobado el pedido de las 12 mesas, gracias.")).toBe("won");
    expect(stageOf("W załączniku podpisane zamówienie na 20 regałów.")).toBe("won");
    expect(stageOf("Styrelsen godkände er offert i går och avtalet är nu undertecknat.")).toBe("won");
  });
});

describe("round 40: a cheaper party chosen, a follow-up declined, a price too high, an order confirmed", () => {
  it("reads another party chosen for being cheaper, 'pas donner suite' and 'decidió no' as lost", () => {
    expect(stageOf("Merci, mais le comité a retenu un atelier de Lyon, moins cher de 400 €.")).toBe("lost");
    expect(stageOf("Wir haben uns leider für eine Druckerei aus Graz entschieden, die günstiger war.")).toBe("lost");
    expect(stageOf("Merci pour l'offre. Nous n'allons pas y donner suite cette année, le budget est coupé.")).toBe(
      "lost",
    );
    expect(stageOf("La cooperativa decidió no renovar las cajas este año.")).toBe("lost");
    expect(stageOf("Servus, leider keinen Auftrag diesmal, wir bleiben beim alten Lieferanten.")).toBe("lost");
  });

  it("reads a price too high, a step toward the buyer and a percentage less asked for as negotiation", () => {
    expect(stageOf("Danke. 92 € pro Stück ist uns zu hoch, bei 80 € bestellen wir.")).toBe("negotiation");
    expect(stageOf("€5,10 per doos is te hoog voor ons.")).toBe("negotiation");
    expect(stageOf("Podemos bajar un 6% si el pago es a 30 días.", "outbound")).toBe("negotiation");
    expect(stageOf("Wir können Ihnen beim Preis entgegenkommen: 41 € statt 45 €.", "outbound")).toBe("negotiation");
    expect(stageOf("Nos gusta, pero necesitamos un 10% menos para firmar.")).toBe("negotiation");
  });

  it("reads 'le confermo l'ordine' and 'akkoord op' a price as won", () => {
    expect(stageOf("Buongiorno, le confermo l'ordine di 12 sedie in rovere.", "outbound")).toBe("won");
    expect(stageOf("Hoi Bas, akkoord op €4,80 per stuk bij 500 stuks.", "outbound")).toBe("won");
  });
});

describe("round 41: work awarded to another, a sealed deal, a confirmed order, the sender's own quotation", () => {
  it("reads work awarded or assigned to another party, and another's offer retained, as lost", () => {
    expect(stageOf("La comisión ha adjudicado la obra del tejado a Reformas Ibáñez.")).toBe("lost");
    expect(stageOf("Na overleg is de opdracht gegund aan Bouwbedrijf Mol uit Tilburg.")).toBe("lost");
    expect(stageOf("El presupuesto de este año se asignó a un proveedor de Monterrey.")).toBe("lost");
    expect(stageOf("Nous avons retenu l'offre d'un imprimeur de Lille pour le catalogue.")).toBe("lost");
    expect(stageOf("Vamos ficar com o fornecedor atual por mais um ano.")).toBe("lost");
    // awarded to the reader is no loss
    expect(stageOf("Le comunicamos que hemos adjudicado la obra a ustedes, enhorabuena.")).not.toBe("lost");
  });

  it("reads a sealed deal, a price agreed to and an order or booking confirmed by the buyer as won", () => {
    expect(stageOf("Va bene, 40 pezzi a 12 euro l'uno, affare fatto.")).toBe("won");
    expect(stageOf("D'accord pour 2 400 € HT, livraison le 4 mai.")).toBe("won");
    expect(stageOf("Super, vi tar det! Vi ses på lördag.")).toBe("won");
    expect(stageOf("Vi bekræfter hermed ordren på 12 paller, som aftalt.")).toBe("won");
    expect(stageOf("Dzień dobry, potwierdzam zamówienie 40 sztuk w cenie 55 zł.")).toBe("won");
    expect(stageOf("Hyvä, vahvistan tilauksen: 30 kpl hintaan 12 €.")).toBe("won");
    expect(stageOf("Top, akkoord met jullie offerte voor de 300 dozen.")).toBe("won");
    expect(stageOf("Passt alles, wir buchen den Termin im Mai.")).toBe("won");
    // a wish to book again is no booking
    expect(stageOf("Danke für die tolle Woche, wir buchen sehr gerne wieder!")).not.toBe("won");
    // a seller acknowledging an order is not the buyer's confirmation
    expect(stageOf("Potwierdzamy zamówienie. Wyślemy paczkę w poniedziałek.")).not.toBe("won");
  });

  it("reads the sender's own quotation or price as a proposal whichever way the message goes", () => {
    expect(stageOf("Sehr geehrter Herr Vogt, anbei unser Angebot Nr. 77 für die Dachrinnen.")).toBe("proposal");
    expect(stageOf("Per 20 casse il prezzo è di 14 euro a cassa, trasporto incluso.")).toBe("proposal");
    expect(stageOf("Notre tarif pour la location est de 650 € HT par jour.")).toBe("proposal");
  });

  it("reads a competitor's offer, a price over budget and a close on a price as negotiation", () => {
    expect(stageOf("Ein Mitbewerber aus Linz bietet dasselbe um 310 € an.")).toBe("negotiation");
    expect(stageOf("Der Preis liegt deutlich über unserem Budget von 9.000 €.")).toBe("negotiation");
    expect(stageOf("À 3,80 € la bouteille, on signe pour un an.")).toBe("negotiation");
  });
});

describe("round 42: staying with another, an order confirmed or a quantity taken, a price held, an offer with its price", () => {
  it("reads staying with them, buying elsewhere, something else instead and another supplier to try as lost", () => {
    expect(stageOf("Merci beaucoup, mais nous restons avec eux pour la saison prochaine.")).toBe("lost");
    expect(stageOf("Sorry, we hebben de tegels toch bij een bouwmarkt gekocht.")).toBe("lost");
    expect(stageOf("Al final el comité eligió una excursión en barco en lugar de la cena.")).toBe("lost");
    expect(stageOf("Obrigado, mas vamos testar outro fornecedor a partir de março.")).toBe("lost");
    expect(stageOf("Danke, wir werden diesmal aber nicht bei Ihnen bestellen.")).toBe("lost");
    expect(stageOf("Dziękuję, niestety zdecydowaliśmy się na firmę z Poznania.")).toBe("lost");
    expect(stageOf("Agradecemos su cotización, pero la gerencia decidió comprar a un taller de Lima.")).toBe("lost");
    expect(stageOf("Vielen Dank für Ihr Angebot. Die Kollegen haben sich für ein Hotel in Bonn entschieden.")).toBe(
      "lost",
    );
    // ordered with you after all is no loss
    expect(stageOf("Ik heb ze toch bij jullie besteld, tot dinsdag!")).not.toBe("lost");
  });

  it("reads the buyer confirming the order or taking a quantity as won, an invoice address beside it too", () => {
    expect(stageOf("Nous confirmons la commande des 30 chaises au prix indiqué.")).toBe("won");
    expect(stageOf("Hiermit bestätigen wir Ihnen den Auftrag gemäß Angebot vom 3. Mai.")).toBe("won");
    expect(
      stageOf("Perfecto, les confirmamos el pedido de 80 cajas. La factura a nombre de la empresa, por favor."),
    ).toBe("won");
    expect(stageOf("Goed, we nemen 20 dozen per maand. Factuur graag naar ons kantoor.")).toBe("won");
    expect(stageOf("Gut, wir nehmen 6 Rollen zum genannten Preis.")).toBe("won");
    expect(stageOf("Härligt, jag tar dem! Betalar i morgon.")).toBe("won");
    // a bill alone is still no stage
    expect(stageOf("Anbei die Rechnung Nr. 4471 über 380 €, zahlbar in 14 Tagen.")).toBe("no deal");
  });

  it("reads a price held, a buyer's order on its own price and a last price in Polish as negotiation", () => {
    expect(stageOf("Possiamo mantenere il prezzo di listino fino a giugno, non oltre.")).toBe("negotiation");
    expect(stageOf("Bei 11 € pro Stück würden wir gleich 50 Stück abnehmen.")).toBe("negotiation");
    expect(stageOf("12 € pro Kilo ist uns zu viel.")).toBe("negotiation");
    expect(stageOf("Dobrze, 4,10 za sztukę, to nasza ostatnia cena.", "outbound")).toBe("negotiation");
    expect(stageOf("Een zaak in Delft levert hetzelfde model voor € 640.")).toBe("negotiation");
  });

  it("reads the sender's offer or prices with an amount as a proposal, also answering the buyer's request", () => {
    expect(stageOf("Come richiesto, ecco la nostra offerta per le 12 porte: 4.380,00 € + IVA.")).toBe("proposal");
    expect(
      stageOf("Merci pour votre demande. Nos tarifs : croissants 0,85 € HT pièce, livraison incluse.", "outbound"),
    ).toBe("proposal");
    expect(stageOf("Madame, Monsieur, suite à votre demande, notre offre : 40 sacs de 25 kg à 18 € HT le sac.")).toBe(
      "proposal",
    );
    // a price list for every customer is still no stage
    expect(
      stageOf(
        "Chers clients, à partir du 1er mars nos tarifs changent : le pain de campagne passe à 1,40 €. Merci de votre fidélité.",
        "outbound",
      ),
    ).toBe("no deal");
  });

  it("reads the forms of round 43: work given to another, a quote gone ahead with, our offer retained, a last word", () => {
    // lost: awarded or given to another, going ahead with a named party, staying with the firm they have
    expect(stageOf("Oppdraget er tildelt en annen entreprenør etter anbudsrunden.")).toBe("lost");
    expect(stageOf("Bestyrelsen har besluttet at give ordren til et svensk firma.")).toBe("lost");
    expect(stageOf("Vi går videre med Fjordbygg AS denne gangen.")).toBe("lost");
    expect(stageOf("De directie heeft besloten de opdracht te gunnen aan een bureau uit Gent.")).toBe("lost");
    expect(stageOf("Optámos por outro fornecedor, mais perto de Braga.")).toBe("lost");
    expect(stageOf("Zarząd postanowił pozostać przy obecnym dostawcy.")).toBe("lost");
    // but given to you is no loss
    expect(stageOf("Styret har besluttet å gi oppdraget til dere.")).not.toBe("lost");
    // won: going ahead with the quote, the deposit or advance sent, our offer retained or approved, a price sealed
    expect(stageOf("Vi kör på offerten, tack!")).toBe("won");
    expect(stageOf("Vi betaler forskuddet i morgen.")).toBe("won");
    expect(stageOf("Nous avons le plaisir de vous annoncer que votre devis a été retenu.")).toBe("won");
    expect(stageOf("Het bestuur heeft uw voorstel voor de gevel goedgekeurd.")).toBe("won");
    expect(stageOf("Vale, 12,50 hecho. Mañana te giro el anticipo.")).toBe("won");
    // a signed copy asked back is the seller's proposal, not a signature
    expect(
      stageOf("Voici notre offre : 2 300 € HT. Le devis signé est à nous retourner avant vendredi.", "outbound"),
    ).toBe("proposal");
    // negotiation: a last word, a price above our means, another's offer, a concession asked, an order on a condition
    expect(stageOf("18 € le kilo, c'est notre dernier mot.", "outbound")).toBe("negotiation");
    expect(stageOf("Das ist unser letztes Wort, darunter geht es nicht.", "outbound")).toBe("negotiation");
    expect(stageOf("Kwota przekracza nasze możliwości finansowe.")).toBe("negotiation");
    expect(stageOf("Uw prijs ligt ruim boven ons budget.")).toBe("negotiation");
    expect(stageOf("Une autre entreprise nous a proposé 9 800 € pour ce chantier.")).toBe("negotiation");
    expect(stageOf("Pouvez-vous faire un geste sur la livraison ?")).toBe("negotiation");
    expect(stageOf("Könnten Sie beim Preis noch etwas nachlassen?")).toBe("negotiation");
    expect(stageOf("Als u naar € 4,20 kunt gaan, plaatsen we de order.")).toBe("negotiation");
    // interest: what it would cost, in Swedish, Polish and Spanish
    expect(stageOf("Vad skulle det kosta att bygga en altan hos er?")).toBe("interest");
    expect(stageOf("Ile mniej więcej kosztuje taki regał?")).toBe("interest");
    expect(stageOf("¿Cuánto nos cobrarían por el montaje?")).toBe("interest");
  });

  it("reads staying with the incumbent, work given elsewhere, more negotiation, order and question forms, and a misread Czech message (round 44)", () => {
    // lost: staying with ours or the one we had, the work given to a workshop elsewhere, a choice "however" in Polish
    expect(stageOf("Gracias por el presupuesto, pero vamos a seguir con el cerrajero de siempre.")).toBe("lost");
    expect(stageOf("Seguiremos con nuestro proveedor actual este invierno.")).toBe("lost");
    expect(stageOf("Abbiamo deciso di restare con il nostro vetraio di Lodi.")).toBe("lost");
    expect(stageOf("Vamos a seguir con la imprenta que teníamos el año pasado.")).toBe("lost");
    expect(stageOf("La junta decidió encargar la reforma a una constructora de Vigo.")).toBe("lost");
    expect(stageOf("Zarząd wybrał jednak firmę z Opola.")).toBe("lost");
    // negotiation: another's offer with its price, a price to review, a price asked down, a price matched
    expect(stageOf("Uns liegt ein Angebot eines Betriebs aus Linz über 4.100 Euro vor.")).toBe("negotiation");
    expect(stageOf("Un autre traiteur propose 38 € par couvert.")).toBe("negotiation");
    expect(stageOf("Pourriez-vous revoir votre prix pour la toiture ?")).toBe("negotiation");
    expect(stageOf("¿Nos pueden dejar el mantenimiento en 900 euros al año?")).toBe("negotiation");
    expect(stageOf("Kan I gøre det til 240 kr. pr. kasse?")).toBe("negotiation");
    expect(stageOf("Podemos igualar el precio si el pedido llega esta semana.", "outbound")).toBe("negotiation");
    // won: an order with its quantity, a price taken, a purchase order sent or coming, a contract signed on a day
    expect(stageOf("Wir bestellen gerne 60 Kisten zum gleichen Preis.")).toBe("won");
    expect(stageOf("Va pour 1 850 € livraison comprise.")).toBe("won");
    expect(stageOf("Doe maar alle 25, graag.")).toBe("won");
    expect(stageOf("Listo, 780 entonces.")).toBe("won");
    expect(stageOf("Te adjunto la OC 7710 con las cantidades.")).toBe("won");
    expect(stageOf("Le bon de commande suit demain matin.")).toBe("won");
    expect(stageOf("Vi antar er offert på 42 000 kr.")).toBe("won");
    expect(stageOf("Vi tar 40 kasser hver fredag.")).toBe("won");
    // a complaint that something is not what was agreed closes nothing
    expect(stageOf("Dit is niet wat we hadden afgesproken.")).not.toBe("won");
    // interest: a quote asked in Polish, a price asked with a support question beside it, the value asked in Spanish
    expect(stageOf("Prosimy o wycenę wymiany okien w sali.")).toBe("interest");
    expect(stageOf("Können Sie mir sagen, was das etwa kostet und wie lange es dauert?")).toBe("interest");
    expect(stageOf("¿Cuál sería el precio del mantenimiento anual?")).toBe("interest");
    // a Czech message whose "o", "na" and "do" read as Portuguese is read by the world lexicon
    expect(stageOf("Prosíme o cenovou nabídku na opravu střechy do konce května.")).toBe("interest");
    expect(stageOf("Cena je pro nás nad rozpočtem.")).toBe("negotiation");
    expect(stageOf("Zakázka byla přidělena jinému uchazeči.")).toBe("lost");
  });
});

describe("round 60: the best a seller can offer", () => {
  it("reads 'lo mejor que puedo ofrecer' and its Portuguese and French kin as negotiation", () => {
    expect(
      stageOf("Podemos hacer 88.000 si confirman antes del 15 de abril. Es lo mejor que puedo ofrecer.", "outbound"),
    ).toBe("negotiation");
    expect(stageOf("Fico em R$ 4.200, é o melhor que posso fazer.", "outbound")).toBe("negotiation");
    expect(stageOf("1 450 € la pièce, c'est le mieux que je peux faire.", "outbound")).toBe("negotiation");
  });
});

describe("round 61: a price too low, a counter-offer named, a letter received", () => {
  it("reads 'trop bas' and 'votre contre-proposition' as negotiation, and 'bien reçu' as no receipt", () => {
    expect(stageOf("Bonjour Monsieur Caradec, 150 FCFA le kilo c'est trop bas. Les femmes récoltent à la main.")).toBe(
      "negotiation",
    );
    expect(
      stageOf(
        "Madame Ferrand-Lebrun, Nous avons bien reçu votre contre-proposition à 195 €/kg. Ce prix est trop bas pour nos producteurs cette année. Nous proposons 205 €/kg FOB Moroni pour les 800 kg.",
      ),
    ).toBe("negotiation");
    // a receipt is still a receipt
    expect(
      readForeignDealStage("Bonjour, veuillez trouver ci-joint votre reçu pour le paiement de 250 €.", "inbound"),
    ).toBe("no deal");
  });
});

describe("round 64: the work awarded to another, with the German verb last and the Dutch 'toe te kennen aan'", () => {
  it("reads the award to another party as lost, and the award to the reader as no loss", () => {
    expect(
      stageOf(
        "Leider müssen wir Ihnen mitteilen, dass der Zuschlag an die Firma Alpenräumung Gisler AG erteilt wurde.",
      ),
    ).toBe("lost");
    expect(stageOf("Sehr geehrte Frau Schulz, wir haben den Auftrag an ein anderes Büro vergeben.")).toBe("lost");
    expect(
      stageOf(
        "Na overleg met de directie hebben we besloten de bestelling voor 2027 toe te kennen aan Naipes Levante SL.",
      ),
    ).toBe("lost");
    expect(stageOf("Wir freuen uns, Ihnen mitzuteilen, dass der Zuschlag an Sie erteilt wurde.")).not.toBe("lost");
  });
});
