/**
 * Whether deal vocabulary is about a deal with us at all (round 4). blind3 showed that most false cues were
 * not wrong readings of a deal but deal words outside one: an article on pricing, a training on negotiation,
 * the author's own new job ("I've accepted an offer from Lakehead"), their new authority ("I now sign off on
 * vendor contracts"), a contract signed years ago, a deal between other parties ("still negotiating with the
 * landlord"), and messages that say so themselves ("not related to our account", "nothing changes for you").
 * These guards read the scope of a sentence or a message, so they hold for every cue source (cue lists,
 * frames, fallback patterns and the model). All inputs are lower-case text; every regex is linear.
 */

/** The author states that nothing commercial is at stake in this message. */
const NO_DEAL_STATEMENT = new RegExp(
  [
    String.raw`\b(?:not|nothing) (?:related to|to do with) (?:our|my|your) (?:account|contract|subscription|deal)`,
    String.raw`\bno action (?:needed|required)`,
    String.raw`\bnothing (?:needed|required) from\b`,
    String.raw`\bnot buying anything\b`,
    String.raw`\bfor (?:our|my) (?:internal |annual |quarterly )?(?:budget |finance |audit )?(?:forecast|records|report|reporting|planning|audit)(?: only)?\b`,
    String.raw`\b(?:doesn't|does not|won't|will not|didn't|did not) (?:change|affect) (?:anything (?:with|for|on) )?(?:our|my|your|the) (?:account|agreement|contract|subscription|plan)`,
    String.raw`\bnothing changes (?:with|for|on|about) (?:our|your|my|you|the)\b`,
    String.raw`\b(?:our|the|your) (?:agreement|contract|account|subscription) (?:is|stays|remains) (?:unaffected|unchanged|the same)\b`,
    String.raw`\bjust (?:thought of you|copied you|fyi|for your information)\b`,
  ].join("|"),
);

/** The message says itself that its deal words are not about a deal with us. */
export function statesNoDeal(text: string): boolean {
  return NO_DEAL_STATEMENT.test(text);
}

/**
 * Deal words as the topic of content: an article, a post, a webinar, slides or a training "on pricing",
 * "about discounts", "on negotiation tactics", or something "in your newsletter".
 */
const CONTENT_TOPIC =
  /\b(?:article|post|blog|webinar|newsletter|slides?|deck|training|course|podcast|case stud(?:y|ies)|white ?paper|e-?book|talk|presentation|recording|lecture|workshop|study group|class|podcast|episode|thread)s? (?:on|about|covering|explaining|regarding)\b|\b(?:from|in) (?:your|the|our|their) (?:[\w-]+ ){0,2}(?:webinar|newsletter|blog|article|post|talk|podcast|course|training)\b|\bquote (?:in|from) (?:your|the|my|a|an|his|her|their) (?:[\w-]+ )?(?:email|signature|book|movie|film|talk|speech|post|article|newsletter|poster)\b|\bhow (?:saas |software |b2b )?(?:vendors|companies|teams|startups|businesses) (?:price|structure|negotiate|discount)|\b(?:speaking|talking|presenting|a talk|a session|a panel) (?:at|on|about) (?:[\w-]+ ){0,6}?(?:about|on) how\b/;

/** The sentence talks about content on deal topics, not a deal. */
export function isContentTopic(sentence: string): boolean {
  return CONTENT_TOPIC.test(sentence);
}

/**
 * The author's own job news or authority: "I've accepted an offer from X" (a job offer), "my last day is the
 * 20th", "I've been promoted", "I joined X as …", "I now review every purchase", "I'll now sign off on vendor
 * contracts" (a habit with a generic object, not a decision about this deal).
 */
const PEOPLE_NEWS =
  /\b(?:accepted|taken|received) (?:an?|the|a new) (?:job )?(?:offer|position|role) (?:from|at|with)\b|\b(?:my|her|his) last day\b|\b(?:been|got|was) promoted\b|\bi(?:'ve| have)? (?:joined|moved (?:from|to|into)|started (?:at|as))\b|\b(?:new|next) (?:role|job|position|title)\b|\b(?:i|we)(?:'ll| will)? (?:now |also )?(?:review|approve|sign off on|sign|handle|own|manage|negotiate) (?:every|all|any|each|our|the company's) (?:vendor |supplier |software )?(?:purchase|contract|agreement|deal|renewal|order)s?\b|\bsign off on (?:vendor|supplier|software) (?:contract|agreement|purchase)s\b|\bmoving to (?:our |the )?[\w-]+ office\b|\bperson in charge\b|\b(?:your|the) new (?:contact|point of contact)\b/;

/** The sentence is the author's job news or standing authority, not a decision about a deal with us. */
export function isPeopleNews(sentence: string): boolean {
  return PEOPLE_NEWS.test(sentence);
}

/** A deal closed long ago ("signed back in 2023 by my predecessor", "our original contract"). */
const PAST_DEAL =
  /\bback in (?:19|20)\d\d\b|\b(?:signed|agreed|bought|purchased|renewed) (?:it |this |that |them )?in (?:19|20)\d\d\b|\b(?:\d+|two|three|four|five|several|many) years ago\b|\boriginal (?:contract|agreement|order|purchase|po)\b|\bby my predecessor\b|\bwhen we first signed\b/;

/** The sentence is about a deal closed long ago: paperwork for an audit, not a new decision. */
export function isPastDeal(sentence: string): boolean {
  return PAST_DEAL.test(sentence);
}

/**
 * Deals between other parties: negotiating "with the landlord", "our sales team closed a big deal", "our
 * parent company signed with Northwind", a contract that is "not yours".
 */
const OTHER_PARTIES_DEAL =
  /\bnegotiat\w* (?:(?:a|an|the|our|their|new|better|lower|cheaper|good|great|[\w-]+ (?:rate|price|deal|discount|terms))\b[^.!?]{0,30}? )?with (?:the|our|my|a|their) (?!(?:team|sales|account|legal|finance|procurement|board|management|cfo|ceo|lawyers?)\b)[\w-]+|\b(?:our|my|the) (?:sales )?(?:team|reps?|sales|parent company|sister company|holding|group|head office|client|customer)s? (?:just |finally |also )?(?:closed|won|landed|signed|lost) (?:a|an|the|another|\d+|its|their|our)\b|\(?not (?:yours|with you|your company)\b|^(?:[\w-]+ ){0,3}(?:supplier|vendor|carrier|haulier|courier|landlord|broker|printer|contractor|wholesaler|manufacturer|distributor)s?\b(?![^.!?]*\byour?\b)[^.!?]*\b(?:their|its) (?:own )?(?:rate|price|pricing|fee|charge|quote|offer)s?\b|\bwe (?:just |finally |have |'ve )?(?:won|lost|landed|closed) (?:the|a|an|another) (?:[\w-]+ )?(?:contract|deal|account|tender|bid|client)\b|\bnegotiat\w* (?:a|the|our|my|their) (?:new )?(?:lease|rent|mortgage|loan|salary|pay rise|raise|visa|tenancy|office space)\b/;

/** The sentence is about a deal between other parties. */
export function isOtherPartiesDeal(sentence: string): boolean {
  return OTHER_PARTIES_DEAL.test(sentence);
}

/**
 * Deal words on something that is not bought from us: a lease, a mortgage or an NDA signed, a hiring or
 * travel plan approved, a proposal for the team offsite, an expense policy; or records for auditors.
 */
const NON_DEAL_OBJECT =
  /\bsign(?:ed|ing|s)?(?: off(?: on)?)? (?:a |an |the |our |my |their )?(?:new |revised |updated )?(?:[\w-]+ )?(?:lease|tenancy|rental|mortgage|loan|nda|non-disclosure|petition|permit|card|waiver|consent form|visa)\b|\b(?:hiring|travel|project|marketing|floor|seating|holiday|training|staffing|headcount|office|moving|parking|rota|shift|media|content|lesson|meal|treatment|care|savings|pension|insurance|succession|development|action|recovery|study|exercise) plans?\b|\b(?:proposal|budget|quote|plan)s? for (?:the |our |a |my )?(?:team |company |office |annual |summer |christmas |holiday )?(?:offsite|off-site|party|event|trip|dinner|retreat|conference|wedding|lunch|celebration|outing|kitchen|renovation|move)\b|\b(?:travel|expense|holiday|leave|hiring|security|privacy|remote work|parental leave) polic(?:y|ies)\b|\bauditors?\b|\baudit (?:trail|records|request|team)\b|\b(?:overtime|travel|marketing|training|hiring|staffing|payroll|maintenance|fuel|repairs?|capex|opex|party|events?|holiday|bonus|headcount|fleet|facilities|it|office|stationery|uniform|safety) budget\b/;

/** The sentence's deal word acts on something that is not bought from us. */
export function isNonDealObject(sentence: string): boolean {
  return NON_DEAL_OBJECT.test(sentence);
}

/**
 * A shop order or a ticket by its number ("cancel my order #4412"): support, not a deal. Round 5: "order"
 * as a verb with a quantity ("if I order 500") is a volume, not an order number. Round 65: so is a minimum order
 * ("…45% off the recommended retail price, minimum order 300 puzzles": blind182).
 */
const NUMBERED_ORDER =
  /\b(?<!purchase |\bmin(?:imum|\.)? |\b(?:i|we|you|to|will|would|can|could|and|then|i'll|we'll) )(?:order|ticket|case|parcel|package|shipment|tracking|booking|reservation|return|rma)(?: no\.?| number| nr\.?| id)? ?:? ?#? ?\d{3,}/;

/** The sentence is about a numbered shop order or ticket. */
export function isNumberedOrder(sentence: string): boolean {
  return NUMBERED_ORDER.test(sentence);
}

/**
 * Round 5: the author's company buying from a third party, not from us: a PO "issued to Polyfilm", an order
 * "placed with the printer", a booking "with the crane hire", "the supplier accepted our purchase order". A
 * 3PL's or a shop's own supplies are operations; only the recipient ("to you", "with you") makes it our deal.
 */
const THIRD_PARTY_PURCHASE =
  /\b(?:signed|approved|accepted|countersigned|stamped) by (?:the |our |their |a )?(?:[\w-]+ )?(?:shipper|supplier|vendor|carrier|driver|haulier|courier|landlord|consignee|receiver|broker|contractor|port|customs)\b|\b(?:accept|accepted|approve|approved|took|take|book|booked) (?:the |their |a |an )?(?:[\w-]+ )?(?:quote|offer|proposal|quotation|estimate|bid)s? from (?!(?:you|your|u|us|another|a different|a competitor|other|a cheaper|a rival|a local)\b)|\b(?:contract|agreement|lease|booking)s? with (?!(?:you|your|yours|us|u)\b|(?:our |the |a |an )?(?:current|existing|incumbent|present|old|another|other|different|new|cheaper)\b)[\w&-]+|\b(?:carrier|haulage|haulier|courier|cleaning|security|landlord|insurance|insurer|printer|catering|subcontractor|crane|equipment hire|fuel card|broker)s? (?:contract|agreement|deal|po|order|quote|renewal)s?\b|\b(?:po|purchase order|order|booking|contract|agreement|deal)s?\b[^.!?]{0,60}?\b(?:issued|placed|sent|raised|booked|signed|renewed|agreed|made|cancelled|canceled) (?:to|with) (?!(?:you|your|yours|us|u|get|be|cover|arrive|start|have|make|keep|avoid|ensure|go|meet|reach|use|buy|order|pay|sign|secure|lock|hold|confirm)\b)(?:the |our |a |an |their )?(?!\d)[\w&-]+|\b(?:supplier|vendor|carrier|haulier|printer|manufacturer|distributor|broker|landlord|contractor|courier)s?\b(?: [\w-]+){0,2} (?:accepted|confirmed|approved|signed|rejected|declined|cancelled|canceled) (?:our|the|my) (?:po|purchase order|order|booking|contract|quote)\b|\b(?:issued|placed|sent|raised|booked|made|cancell?ed|canceled) (?:the |a |an |our |my )?(?:[\w-]+ )?(?:po|purchase order|order|booking)s?\b[^.!?]{0,40}?\b(?:to|with) (?!(?:you|your|yours|us|u|get|be|cover|arrive|start|have|make|keep|avoid|ensure|go|meet|reach|use|buy|order|pay|sign|secure|lock|hold|confirm)\b)(?:the |our |a |an |their )?(?!\d)[\w&-]+/;

/** The sentence is about the author's company buying from a third party (round 6: "raised to 2x" is an amount, not a party). */
export function isThirdPartyPurchase(sentence: string): boolean {
  return THIRD_PARTY_PURCHASE.test(sentence);
}

/**
 * Round 5: a choice that replaces something other than us ("go with Fleetio instead of the spreadsheets"):
 * what was dropped is named and it is not the recipient, so the choice is no loss for us.
 */
const REPLACES_OTHER =
  /\b(?:instead of|rather than|to replace|replacing) (?:the |our |my |using |a |an |all )?(?!you\b|your\b|yours\b|u\b|us\b)[\w-]+/;

/**
 * Round 65: what was chosen comes from another supplier ("decided to go with a printed decorative film from a local
 * installer instead of leaded glass", "…with the fixture manufacturer's standard glass range instead of custom pieces":
 * blind183, blind102): the thing dropped is ours, so the choice is a loss after all.
 */
const FROM_ANOTHER_SOURCE =
  /\b(?:from (?:a|an|the|another|their|one) (?:[\w-]+ ){0,3}(?:installer|supplier|vendor|company|firm|shop|maker|manufacturer|studio|provider|contractor|builder|workshop)s?|(?:installer|supplier|vendor|company|firm|shop|maker|manufacturer|studio|provider|contractor|builder|workshop)'s)\b/;

/** The sentence chooses something in place of a thing that is not us. */
export function replacesSomethingElse(sentence: string): boolean {
  const replaced = REPLACES_OTHER.exec(sentence);
  return replaced !== null && !FROM_ANOTHER_SOURCE.test(sentence.slice(0, replaced.index));
}

/** Round 5: a request that the recipient approve or sign ("pls approve the PO for the pallet jack"): the sender decides nothing. */
const APPROVAL_REQUEST =
  /(?:^|[,;:]\s*|\b(?:please|pls|plz|kindly|can you|could you|would you|need you to|remember to|don't forget to)\s+)(?:approve|authori[sz]e|sign off on)\b/;

/** The sentence asks the recipient to approve: the decision is the recipient's, not the sender's. */
export function isApprovalRequest(sentence: string): boolean {
  return APPROVAL_REQUEST.test(sentence.trim());
}

/**
 * Round 5: an invoice of a service already held being paid or queried ("we received your invoice 2291 for
 * February storage; payment has been made"). A running account's billing is not a new purchase.
 */
const INVOICE_BILLING =
  /\b(?:your|the|our|this|last month's|monthly) invoice\b|\binvoice (?:no\.?|number|nr\.?|#)? ?#? ?\d{2,}|\binvoice for (?:last|this|the) (?:month|quarter|week)|\binvoice for (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:'s)? (?:invoice|storage|bill)\b/;

/** The message pays or queries an invoice of an existing account. */
export function isInvoiceBilling(text: string): boolean {
  return INVOICE_BILLING.test(text);
}

/**
 * Round 5: consumer support. A shop's customers write about orders, deliveries, refunds, coupons, sales and
 * their own subscription with a lot of commerce words and no deal with us; a small business buying in volume
 * writes as an organisation ("we", "our café", "60 mugs every quarter", "trade pricing"). A message in the
 * consumer register (retail vocabulary, no organisation or volume marker) carries no deal stage except the
 * end of a subscription, which is lost business (blind4's convention).
 */
const RETAIL_CONTEXT =
  /\b(?:orders?(?! forms?\b)|ordered|ordering|deliver(?:y|ies|ed)|shipping|shipped|parcel|package|refund\w*|return(?:s|ed|ing)?|exchange|coupon|promo\w*|voucher|checkout|cart|basket|sale|in stock|out of stock|store credit|warranty|tracking|courier|dispatch\w*|receipt|charged|price match\w*|subscription|membership|replacement|damaged|goodwill|item|gift(?: card)?|birthday|dorm|furnish\w*|billed|overcharged|sold out|restock\w*|next (?:purchase|order)|percent off)\b|\b(?:discount|offer|deal|sale|promo\w*|code)s? (?:is |are )?still (?:on|valid|running|available|active|going)\b|\bbuy one get one\b|\b(?:student|senior|pensioner|military|nhs|newsletter|first[- ]order|welcome|bundle) (?:discount|offer|deal|code)\b/;
/**
 * An organisation buying: the author or recipient writes as a business, or buys in volume. Round 60: also one that names
 * its supplier ("a German supplier has quoted us €44,900 delivered": blind168, an outbound buyer read as a shop's
 * support). Round 61: also a tender, an RFQ or work awarded ("the lobby flooring package has been awarded to another
 * contractor": blind138, a works package read as a parcel).
 */
const BUSINESS_MARKER =
  /\b(?:trade|wholesale|bulk|volume|b2b|resale|resell\w*|business account|corporate|procurement|purchase order|po|sow|msa|contract|proposal|rfp|rfq|tender|awarded to|seats?|licen[cs]es?|order forms?|onboarding|roll-?out|kick-?off|colleagues?|vendors?|suppliers?|budget|pilot|demo|board|cfo|ceo|coo|legal|finance)\b|\bper (?:quarter|month|week|year|site|store|room|order|unit|pallet|item)\b|\bi (?:run|own|have|manage|operate|started) (?:a |an |my )(?:[\w-]+ ){0,2}(?:shop|store|business|company|caf[eé]|restaurant|salon|studio|brand|practice|clinic|agency|florist|bakery|deli|bar|hotel|b&b|gym|school)\b|\bevery (?:month|quarter|week)\b|\b(?:our|my|your) (?:company|business|shop|stores?|caf[eé]s?|restaurants?|studio|salon|clinic|practice|office|team|staff|agency|firm|hotel|b&b|guests|sites|branches|employees|clients|customers|venue|gym|school)\b|\b(?:\d{2,}|dozens? of|hundreds? of) (?!(?:business |working )?(?:days|hours|minutes|mins|hrs|weeks|months|years)\b)(?:[\w-]+ )?[\w-]+s\b/;
/**
 * "we", "our": an inbound author writing for an organisation (an outbound "we" is the shop itself). Round 14: an
 * author who answers to someone at work ("the boss went with…", "my manager signed off") writes for an employer.
 */
const ORGANISATION_VOICE =
  /\b(?:we|our|ours|let's|let us(?! know))\b|\b(?:the|my) (?:boss|manager|gaffer|head office|directors|partners)\b/;
/**
 * Round 14: a legal entity's suffix in an inbound message ("Vandermeer Family Farms LLC", "Keogh Agri Ltd"): the
 * author writes as a business, whatever retail words its message has ("the service package", "the deposit").
 */
const LEGAL_ENTITY = /\b(?:llc|ltd|gmbh|s\.r\.l|srl|pty|plc|llp|sarl)\b/;
/** "my partner and I", "our flat": a household writing, not an organisation. */
const HOUSEHOLD =
  /\bmy (?:partner|wife|husband|family|kids|son|daughter|mum|mom|dad|boyfriend|girlfriend|flatmate|roommate|sister|brother)\b|\b(?:my|our) (?:home|house|flat|apartment|kitchen|bedroom|living room|garden|dorm|kids)\b/;
/** The end of a subscription or membership: lost business even from a consumer. */
const SUBSCRIPTION_END =
  /\b(?:cancel\w*|terminat\w*|end|stop|unsubscrib\w*|not renew\w*|close)\b[^.!?]{0,40}\b(?:subscription|membership)\b/;

/** The message (lower-case) is consumer support: commerce words without a deal with us. */
export function isConsumerSupport(text: string, direction: "inbound" | "outbound"): boolean {
  if (!RETAIL_CONTEXT.test(text) || BUSINESS_MARKER.test(text)) return false;
  if (direction === "inbound" && LEGAL_ENTITY.test(text)) return false;
  return direction === "outbound" || !ORGANISATION_VOICE.test(text) || HOUSEHOLD.test(text);
}

/** A consumer ends a subscription or membership. */
export function endsSubscription(text: string): boolean {
  return SUBSCRIPTION_END.test(text);
}

/**
 * Round 28: a bill with no offer in it: an invoice or statement attached, a plan that renews, a card to be charged, a
 * balance past due (and a price change announced from a date, as `isPriceNotice` reads one sentence). The read authors
 * label 116 of 123 such bills no stage; each of the seven with one names an offer (a quote, a proposal, a statement of
 * work, an estimate, a pro-forma), which keeps the message readable.
 */
// (round 58: a credit note too, "Please find attached credit note CN-044 for US$ 1,260": blind161)
const BILL =
  /\b(?:invoice|statement|credit note)\b[^.!?\n]{0,60}\b(?:is |are )?attached\b|\battached (?:is |are )?(?:(?:your|our|the) )?(?:[\w-]+ ){0,2}(?:invoice|statement|credit note)\b|\bplease find attached (?:(?:our|your|the) )?(?:[\w-]+ ){0,2}(?:invoice|credit note)\b|\b(?:subscription|membership|plan|contract|policy) (?:auto-?|automatically )?renews\b|\bcard (?:on file |ending \d+ )?will be charged\b|\bpast due\b/;
const OFFER =
  /\b(?:quotes?|quotation|proposals?|propose|offers?|statement of work|sow|estimates?|pro-?forma|tender|bid|market it|go back to market)\b/;

/** A price change announced from a date ("from 1 May our daily fee increases by 3.9%", "Effective January 1, …"). */
const PRICE_CHANGE =
  /\b(?:our|the) (?:[\w-]+ ){0,2}(?:price list|prices|rates?|tariffs?|fees?)\b[^.!?]{0,80}\b(?:rises?|increases?|goes up|go up|changes?)\b/;
const FROM_DATE = /\b(?:from|effective|as of|starting)\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/;

/** The message (lower case) bills, renews, charges or announces a price change, and offers nothing: no deal stage. */
export function billsOnly(text: string): boolean {
  return (
    (BILL.test(text) || (PRICE_CHANGE.test(text) && FROM_DATE.test(text))) &&
    !OFFER.test(text.replace(OFFER_BILLED, " "))
  );
}
/**
 * Round 58: the offer a bill is raised under is no offer in it ("our invoice … as per our quotation YQ-26-031":
 * blind162).
 */
const OFFER_BILLED =
  /\b(?:as per|per|according to|in line with|under) (?:our|your|the) (?:quote|quotation|offer|estimate|proposal)\b(?: (?:no\.? |nr\.? |#)?[\w/-]*\d[\w/-]*)?/g;

/**
 * Round 28: a notice to every customer at once ("Dear customers,", "Dear partners,", "Hi all,", "Dear valued customer,")
 * from our side that offers nothing: no deal stage. The read authors label all 233 such outbound messages none; the
 * stage models read a proposal in the prices of some (price lists, fee changes). Round 60: also to every stockist, agent,
 * guest or diver, and after "Hey", "Aloha" or "G'day" ("Dear stockists, our AW26 wholesale price list is attached", "Hi
 * divers! Our winter packages are live": blind82, blind84; the read authors label none of their 391 such outbound
 * messages a stage).
 */
const TO_EVERYONE =
  /^\s*(?:dear|hi|hello|hey|aloha|g'day|good morning|morning)\s+(?:all|everyone|friends|folks|legends|ladies|(?:valued |our )?(?:customers?|clients?|partners?|dealers?|retailers?|members?|parents|residents|subscribers?|tour operator partners|travel partners|berth holders|stockists|agents|roasters|guests|divers|putters|policyholders?|wholesalers|growers|buyers))\b/;

/**
 * Round 57: a supplier's notice to every partner or customer, received ("Dear partners, we are delighted to present our
 * dealer price list", "Dear partners, we're thrilled to introduce the ReefArc Pro 2": blind158; the read authors label
 * none of their 8 such inbound messages a stage but one that asks for a quote). "Hi all" and "Hi folks" received ask
 * every supplier for a price, and stay.
 */
const TO_EVERY_PARTNER = /^\s*(?:dear|hi|hello)\s+(?:valued\s+|our\s+)?(?:partners|dealers|retailers|customers?)\b/;

/** A message (lower case) that writes to every customer or partner and offers nothing: no deal stage. */
export function noticeToEveryone(text: string, direction: "inbound" | "outbound" = "outbound"): boolean {
  return (direction === "outbound" ? TO_EVERYONE : TO_EVERY_PARTNER).test(text) && !OFFER.test(text);
}

/** Won or lost decided by someone else or about something else: an approval asked of us, a non-us thing replaced. */
export function isNotOurDecision(sentence: string): boolean {
  const s = sentence.toLowerCase();
  return isApprovalRequest(s) || replacesSomethingElse(s);
}

/**
 * Round 5: a price notice ("please find our updated price list, effective 1 May", "our fuel surcharge rises
 * from April"): the sender announces its own prices to everyone; blind4's convention reads it as no stage.
 */
const PRICE_NOTICE =
  /\b(?:our|my) (?:new |updated |revised |current |latest |20\d\d )?(?:price list|prices|pricing|rate card|rates|tariffs?|surcharges?)\b[^.!?]{0,60}\b(?:effective|as of|starting|valid from|apply from|applies from|rises?|increases?|changes?|go(?:es)? up)\b|\b(?:prices|rates|surcharges?|tariffs?) (?:will )?(?:increase|rise|change|go up)s? (?:from|on|as of|effective)\b/;

/** The sentence announces the sender's own price changes. */
export function isPriceNotice(sentence: string): boolean {
  return PRICE_NOTICE.test(sentence);
}

/** Any of the sentence-level scope guards: the deal words in `sentence` are not about a deal with us. */
export function isOutOfDealScope(sentence: string): boolean {
  const s = sentence.toLowerCase();
  return (
    isContentTopic(s) ||
    isPeopleNews(s) ||
    isPastDeal(s) ||
    isOtherPartiesDeal(s) ||
    isNumberedOrder(s) ||
    isNonDealObject(s) ||
    isThirdPartyPurchase(s) ||
    isPriceNotice(s)
  );
}
