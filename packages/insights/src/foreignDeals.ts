/**
 * Round 25: deal stages written in Spanish, Portuguese, French, Italian, German and Dutch ("Aceptamos la cotización",
 * "anbei unser Angebot", "Si lo dejas en 50/45 lo cerramos hoy", "Nous avons finalement choisi un fournisseur local").
 *
 * The rules' lists are English and the stage models learned English words: across the independent authors read so
 * far, 121 of the 136 deal stages labelled on a message written in one of these languages were missed, one missed
 * stage in eight. A message is read here when its function words say it is in one of them ({@link languageOf}). The
 * six languages' forms are read together: a short message in Spanish and one in Portuguese share most function words,
 * so the language found can be the neighbour's, while each form below is its own language's. A stage is a form that
 * holds across trades, read sentence by sentence in this order:
 * - lost: the buyer's choice of another party or of the one they have ("hemos elegido otro proveedor", "an einen
 *   anderen Bieter vergeben", "seguimos con nuestro proveedor actual");
 * - negotiation: a competitor's price, a close on a condition ("si llegan a 8.900.000 firmamos"), a price too high, a
 *   request to match, or the seller's last word ("je reste à 1 700", "último precio");
 * - won: an acceptance, a signed order or contract, a deposit paid, or "fechado"/"cerrado";
 * - proposal (ours only): a quotation sent now ("adjunto la cotización", "anbei unser Angebot", "segue a proposta"),
 *   or our price for the buyer;
 * - interest (theirs only): a price question, a request for a quotation, a budget of their own, or interest declared.
 *
 * A quotation promised for later ("te mando la cotización mañana"), an invoice, a price list for every customer, a
 * question about a stage ("¿firmaron?") and a conditional are no stage. The stage models still read every English
 * message; this reader decides only where a form in these languages is found.
 */
import type { DealStage } from "./dealStage";
import { englishWords, languageOf, unicode } from "./foreignPromises";
import { boundText } from "./limits";
import { splitSentences } from "./text";
import type { Direction } from "./types";

interface Form {
  stage: DealStage;
  re: RegExp;
  direction?: Direction;
  confidence: number;
}

/** Another party or the incumbent, as the object of a choice. */
const OTHER =
  "(?:otr[oa]s?|outr[oa]s?|autres?|l'autre|ander(?:e|en|er)?|altr[oa]|actual|atual|actuel|bisherigen?|huidige|attuale|lokal(?:en)?|local)";
/** A conditional or a question: the sentence decides nothing yet (a conditional close is read as negotiation first). */
const CONDITIONAL = unicode(/\b(?:si|se|wenn|falls|als|sofern|caso)\b|[¿?]/i);
/** Money written with a currency (the amount's own format differs by country, so any digits). */
const MONEY = unicode(
  /(?:[€$£₹¥₩₱]|\b(?:r\$|us\$|usd|eur|euros?|clp|mxn|ars|cop|pen|s\/|chf|gbp|brl|reais|pesos|dólares|dolares|rs|inr|thb|idr|rp|mad|dirhams?|fcfa|lei|kr|sek|nok|dkk|isk|pln|zł|czk|huf|aud|nzd|cad|zar|kes|ngn|php)\b)\s*\d|\d[\d.,' ]*\s*(?:€|\$|£|\b(?:eur|euros?|usd|clp|mxn|ars|chf|reais|pesos|dólares|dolares|dirhams?|fcfa|lei|kr|thb|mad|isk|nok|sek|dkk|pln|zł|czk|huf|millones|mil)\b)/iu,
);
/** A bill, a receipt or an automated notice: no stage of a deal (a pro-forma invoice is a quotation). */
const NOT_A_DEAL = unicode(
  /\b(?:(?:factura|facturas|fatura|faturas|facture|factures|rechnung|factuur|fattura)(?!\s*pr[oó][\s-]?forma)|nota fiscal|boleta|recibo|reçu|quittung|gutschrift|vencid[oa]|venció|vencimento|échéance|fällig|mahnung|automátic[oa]|automatique|automatisch|automatico)\b/i,
);
/** Ours only: a price list or a price change for every customer, or a charge for work done. */
const NOTICE = unicode(
  /\b(?:listino|lista de precios|tabela de preços|grille tarifaire|nos tarifs|nuestros precios|preisliste|prijslijst|reajustad[oa]s?|aumentan|augmenteront|erhöhen sich|passen wir|stijgen|aumentano|salgono|le cobramos|te cobramos|cobramos|on vous a facturé)\b/i,
);
/** A letter to every customer ("Estimadas familias", "Chers partenaires", "Gentili clienti"). */
const BROADCAST = unicode(
  /^\s*(?:estimad[oa]s (?:familias|clientes|socios|vecinos|padres)|querid[oa]s (?:clientes|familias)|prezad[oa]s (?:pais|clientes)|caros clientes|chers? (?:clients?|partenaires|parents|donat)|chères|gentili (?:clienti|famiglie)|liebe (?:kund|eltern)|sehr geehrte (?:kund|fachhändler|buchhändler)|beste (?:klant|klanten|ouders)|madame, monsieur)/iu,
);

const FORMS: Form[] = [
  // lost: the choice names another party, the incumbent, or a cheaper one found
  {
    stage: "lost",
    direction: "inbound",
    confidence: 0.85,
    re: unicode(
      new RegExp(
        String.raw`\b(?:(?:decidi|decidió|decidieron|decidimos|elegi|eligió|eligieron|elegimos|optamos|optaron|escolhemos|escolheu|decidimos|choisi|opté|optons|retenu|entschieden|gewählt|besloten|gekozen|scelto|deciso|cogido|tomado)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,80}\b${OTHER}\b|(?:adjudicad[oa]|adjudicó|adjudicaron|adjudicou|attribué|vergeben|gegund|aggiudicat[oa])\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,40}\b${OTHER}\b|(?:seguimos|continuamos|renovar|quedarnos|ficamos|continuamos|rester|restons|bleiben|blijven|restiamo)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,30}\b(?:con|com|chez|bei|bij) (?:nuestr[oa]|noss[oa]|notre|unserem|onze|il nostro|el|o|le)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,30}\b(?:actual|atual|actuel|bisherigen|huidige|attuale|de siempre)|al final\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,60}\bmás barat[oa]|achei\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,60}\bque faz por|vou fechar com|(?:j'ai|on a|nous avons) pris chez l'autre|finalmente vamos a|cancelamos (?:el pedido|la orden|el contrato)|\b${OTHER}\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,40}\b(?:vergeben|entschieden|gewählt|gekozen|gegund))\b|\b(?:haben uns|hat sich|habe mich) für (?!sie\b|ihr\b|ihre\b|ihren\b|euch\b|dich\b|dein)(?:[^.!?]|(?<=\d)\.(?=\d)){0,60}\bentschieden\b`,
        "i",
      ),
    ),
  },
  // negotiation: a competitor's price, a close on a condition, a price too high, a request to match, a last price
  {
    stage: "negotiation",
    confidence: 0.8,
    re: unicode(
      /\b(?:otro proveedor|otra empresa|la competencia|su competencia|el competidor|la otra \p{L}+|el otro \p{L}+|o concorrente|a concorrência|outr[oa] (?:fornecedor|empresa)|le concurrent|votre concurrent|un concurrent|chez le concurrent|die konkurrenz|ein anderer anbieter|ein wettbewerber|de concurrent|een andere leverancier|la concorrenza|un altro fornitore)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,60}(?:\d|ofrece|ofreció|oferece|mandou|propose|bietet|biedt|offre)|\b(?:biedt|bieden) ons\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,20}\d|\b(?:si|se|als|wenn|falls)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,90}\b(?:firmamos|cerramos|lo cerramos|compramos|fechamos|assinamos|nous signons|on signe|je signe|on valide|tekenen we|gaan we akkoord|bestellen wir|unterschreiben wir|firmiamo|chiudiamo|ordiniamo)\b|\bcon \d[\d.,]*\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,20}\b(?:cerramos|firmamos)\b|\b(?:muy|demasiado|muito|trop|zu|te|troppo) (?:car[oa]s?|cher|chère|teuer|duur)\b|\b(?:liegt|ist) (?:über|oberhalb) (?:unserem|unseres) budget|\berlaubt maximal\b|\bbei diesem preis würden wir\b|\bau-dessus de (?:celui|notre budget)|\b(?:pueden|puede|puedes|podéis|podem|pode|potete|può) igualar|\bigualar(?:lo|la)?\s*\?|\b(?:vous|nous) aligner\b|\btu peux faire \d|\b(?:lo|la) dejas en\b|\b(?:je reste à|on reste à|ich bleibe bei|mi último precio|último precio|nuestra última oferta|notre dernière offre|c'est notre dernière offre|unser letztes angebot|ons laatste bod|ultimo prezzo|último preço|c'est sous mon prix)\b/iu,
    ),
  },
  // won: an acceptance, a signed order or contract, the deposit paid, "closed"
  {
    stage: "won",
    confidence: 0.85,
    re: unicode(
      /\b(?:aceptamos|acepto|aceitamos|aceito|acceptons|accepte|accettiamo|accetto)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,30}\b(?:cotizaci[oó]n|propuesta|oferta|presupuesto|proposta|or[çc]amento|cota[çc][ãa]o|devis|offre|proposition|prix|preventivo|offerta|\d)|\b(?:aceptamos|aceitamos|fechamos|cerramos)\s+\d|\bconfirm(?:o|amos)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,10}\b(?:el|la|los|o|a) (?:pedido|paquete|orden|compra|encomenda)|\borden de compra (?:firmada|adjunta)|\b(?:adjunto|te mando|le env[ií]o|te env[ií]o|envío) (?:la )?orden de compra|\b(?:pedido|ordem) de compra assinad[oa]|\bnota de encomenda\b|\bcontrat[oe]? (?:de \p{L}+ )?(?:firmad[oa]|assinad[oa]|signé|firmato)|\b(?:aprob(?:ó|aron|amos)|aprovou|aprovaram|a accepté|hat .{0,20}angenommen)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,30}\b(?:cotizaci[oó]n|presupuesto|propuesta|proposta|or[çc]amento|votre prix|vos prix|angebot)|\bnos aprobaron el presupuesto\b|\bnos quedamos con (?:ustedes|usted|vos|vosotros)\b|\bc'est (?:bon|ok|d'accord) pour (?:nous|moi|les|le|la)\b|\bje passe signer\b|\bbon de commande (?:signé|ci-joint)|\b(?:nehmen|nimmt) (?:wir )?(?:ihr|das|dein) angebot an\b|\bwir nehmen ihr angebot an\b|\bbestellen wir \d|\bbestellung (?:als pdf )?anbei\b|\b(?:is|zijn) akkoord\b|\b(?:getekende?|ondertekende?) \p{L}*(?:contract|offerte|overeenkomst)|\bconfermiamo l'ordine\b|\bordine confermato\b|\b(?:te transfiero|le transfiero|te pago|pago) (?:la|el|o) (?:seña|señal|anticipo|sinal)|\b(?:on vous paie|nous payons|je paie) l'acompte\b|\b(?:cerrado|fechado|trato hecho|marché conclu|abgemacht)\s*[!.🤝🎉]|^\s*(?:cerrado|fechado)\b/iu,
    ),
  },
  // proposal: our quotation sent now, or our price for the buyer
  {
    stage: "proposal",
    direction: "outbound",
    confidence: 0.75,
    re: unicode(
      /\b(?:adjunto|adjuntamos|te env[ií]o|le env[ií]o|les env[ií]o|os env[ií]o|anexo|segue|seguem|anbei|beigefügt|bijgaand|hierbij|ci-joint|veuillez trouver|voici|in allegato|allego|come richiesto)\b[^.\n:]{0,40}\b(?:cotizaci[oó]n|propuesta|presupuesto|oferta|proposta|or[çc]amento|cota[çc][ãa]o|angebot|offerte|devis|proposition|offre|preventivo|offerta)\b|\b(?:cotizaci[oó]n|propuesta|presupuesto|oferta|proposta|angebot|offerte|devis|preventivo) (?:adjunt[oa]|anexa|anbei|in bijlage|ci-joint|in allegato)\b|\b(?:unsere|notre|nuestra|nossa|onze|la nostra) (?:offerte|offre|oferta|propuesta|proposta|angebot|proposition|cotizaci[oó]n)\s*[:\p{L}]|\bofferieren wir\b|\b(?:podemos|podríamos|podemos|pouvons|können|kunnen|possiamo) (?:os |les |le |vous |ihnen |u |vi )?(?:ofrecer|oferecer|offrir|proposer|anbieten|aanbieden|offrire)\b/iu,
    ),
  },
  // interest: a request for a quotation, interest declared
  {
    stage: "interest",
    direction: "inbound",
    confidence: 0.65,
    re: unicode(
      /\b(?:cotizar|cotícenos|cotizaci[oó]n|presupuesto|or[çc]amento|cota[çc][ãa]o|devis|kostenvoranschlag|preventivo|offerte|offerta)\b|\b(?:cu[aá]nto (?:cuesta|cuestan|cobr\p{L}*|vale|valen|sale|me sale|ser[ií]a)|quanto (?:custa|custam|fica|ficaria|cobr\p{L}*|costa|costano|viene)|combien (?:co[uû]t\p{L}*|ça co[uû]te|prenez)|was (?:kostet|kosten)|wat (?:kost|kosten)|hoeveel kost\p{L}*)\b|\b(?:un|una|uma|une|ein|eine|ihr|uw|een|un vostro|vuestra|su) (?:oferta|proposta|propuesta|offre|angebot|offerte|proposition)\b|\b(?:interesad[oa]s?|interessad[oa]s?|intéressée?s?|interessiert|geïnteresseerd|interessat[oi])\b/iu,
    ),
  },
];

/** A price question: a price word, or "how much", in a question. */
const PRICE_QUESTION = unicode(
  /\b(?:cu[aá]nto|cuanto|quanto|combien|was kostet|was kosten|wat kost|wat kosten|hoeveel|precios?|preços?|prix|preis(?:e)?|prijs|prijzen|prezz[oi]|tarifas?|tarifs?|tarif|condiciones|condições|conditions|konditionen|voorwaarden|costo|coste|custo)\b/i,
);
/** A budget of the buyer's own ("presupuesto unos 8 millones", "Budget ca. CHF 30", "le budget est de 15 millions"). */
const OWN_BUDGET = unicode(
  /\b(?:nuestro |mi |el |o |nosso |meu |notre |mon |le |unser |ons |il nostro |il mio )?(?:presupuesto|or[çc]amento|budget|budjet)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,30}\d/i,
);

/** A thank-you for our offer: a decision taken after it closes the deal ("Bedankt voor het voorstel. We hebben besloten…"). */
const THANKS_FOR_OFFER = unicode(
  /\b(?:gracias por|obrigad[oa] pel[oa]|merci pour|vielen dank für|danke für|bedankt voor|grazie per)\b(?:[^.!?]|(?<=\d)\.(?=\d)){0,30}\b(?:cotizaci[oó]n|propuesta|oferta|presupuesto|proposta|or[çc]amento|devis|proposition|offre|angebot|offerte|voorstel|preventivo|offerta)\b/i,
);
const DECIDED = unicode(
  /\b(?:hemos|han|ha|hebben|heeft|avons|a|haben|hat|abbiamo|temos|tem) (?:\p{L}+ )?(?:decidido|besloten|décidé|beschlossen|deciso|decidiu)\b/iu,
);
/** A time ahead: a quotation promised for later is not sent yet ("te envío la cotización mañana"). */
const LATER = unicode(
  /\b(?:mañana|amanhã|demain|morgen|domani|esta tarde|hoje à tarde|cet après-midi|plus tard|más tarde|mais tarde|später|straks|più tardi|pronto|em breve|bientôt|bald|binnenkort|presto|próxim[oa]|prochaine?|nächste[nr]?|volgende|prossim[oa])\b/i,
);
/** A cancellation: a quotation word in it asks for nothing. */
const CANCELLED = unicode(/\b(?:cancel\p{L}*|anul\p{L}*|annul\p{L}*|stornier\p{L}*|geannuleerd)\b/iu);

export interface ForeignDealCue {
  stage: DealStage;
  confidence: number;
  /** The sentence the stage was read from, as written. */
  sentence: string;
}

/**
 * The deal stage of a message written in Spanish, Portuguese, French, Italian, German or Dutch; "no deal" for a bill,
 * a receipt, an automated notice or a letter to every customer in those languages; null for English (or too little to
 * tell) and where no form is found.
 */
export function readForeignDealStage(body: string, direction: Direction): ForeignDealCue | "no deal" | null {
  const text = boundText(body).replace(/[’‘]/g, "'");
  // a short message ("Se fizerem por R$ 4.200 fechamos hoje") has too few function words to name its language; the
  // forms' own words are no English, so they are read wherever English is not; a bare amount or price word is read
  // only where the language is known
  const known = languageOf(text) !== null;
  if (!known && englishWords(text) >= 2) return null;
  if (known && (BROADCAST.test(text) || NOT_A_DEAL.test(text) || (direction === "outbound" && NOTICE.test(text))))
    return "no deal";
  const sentences = splitSentences(text);
  const found = (stage: DealStage, confidence: number, sentence: string): ForeignDealCue => ({
    stage,
    confidence,
    sentence: sentence.trim(),
  });
  for (const form of FORMS) {
    if (form.direction && form.direction !== direction) continue;
    for (const sentence of sentences) {
      if (!form.re.test(sentence)) continue;
      // "¿firmaron?", "si nos aprueban el presupuesto": a question or a condition closes nothing
      if ((form.stage === "won" || form.stage === "lost") && CONDITIONAL.test(sentence)) continue;
      if (form.stage === "interest" && CANCELLED.test(sentence)) continue;
      if (form.stage === "proposal" && LATER.test(sentence)) continue;
      return found(form.stage, form.confidence, sentence);
    }
    if (form.stage === "lost" && direction === "inbound" && THANKS_FOR_OFFER.test(text)) {
      const decided = sentences.find((sentence) => DECIDED.test(sentence) && !CONDITIONAL.test(sentence));
      if (decided) return found("lost", 0.8, decided);
    }
  }
  if (!known) return null;
  for (const sentence of sentences) {
    if (direction === "outbound" && MONEY.test(sentence) && !CONDITIONAL.test(sentence))
      return found("proposal", 0.7, sentence);
    if (
      direction === "inbound" &&
      ((/[?¿]/.test(sentence) && PRICE_QUESTION.test(sentence)) || OWN_BUDGET.test(sentence))
    )
      return found("interest", 0.65, sentence);
  }
  return null;
}
