/**
 * Round 43: a seller's price stated as its offer, read on the sentence (lower case, `normalise`d): "Our offer for both
 * caves, installed and commissioned: DKK 214,000", "Our quotation for the full IR inspection … is R 86,400", "We are
 * pleased to offer 12 t copper cathode … US$ 210/t", "We are offering 300 kg at USD 36/kg", "We offer you Rize organic
 * black tea … 9.80 USD/kg". blind115–118's authors wrote these as `proposal` from either side of the thread (the seller
 * writes to us, or we write to a buyer); the stage models, which read the candidate as one feature among the words,
 * held them back or read them as a haggle (the words of a price). The form names whose price it is (our, my, we) and
 * the amount, so it stands on its own as dealBargain.ts's limits do.
 *
 * Linear: each pattern scans a bounded sentence once, with no nested unbounded repetition.
 */

/**
 * Money: a currency with an amount, or an amount with a unit rate or an all-in price (moved here from dealStage.ts in
 * round 43; also "R 486 000", "P480,000", "480,000 won" and "5 lakh": blind116–118).
 */
export const AMOUNT =
  /\br\d[\d,.]*(?:k\b|\d{2})|\b(?:p|rs\.?|rp|kr)\s?\d{1,3}(?:[,.]\d{3})+\b|\b\d{1,3}(?:,\d{3})+ (?:won|yen|baht|rupees|ringgit|rupiah|dirhams?)\b|\b\d+(?:\.\d+)? (?:lakhs?|crores?)\b|\br \d{1,3}(?:[ ,]\d{3})+\b|(?<![\d,.])\d[\d,.]*\d each\b|(?:[$€£¥₹₩₦₱₺₫]|\br\$|\bgh₵|\b(?:usd|eur|gbp|aed|cad|aud|sek|nok|dkk|chf|ghs|inr|mxn|sgd|nzd|pkr|lkr|krw|cop|kes|ksh|brl|php|ngn|zar|jpy|cny|rmb|idr|myr|thb|vnd|try|pln|czk|huf|egp|sar|qar|clp|pen|ars|hkd)\b) ?\d|(?<![\d,.])\d[\d,.]*(?: ?(?:usd|eur|euros?|gbp|pounds|dollars|pesos|rand|kr|sek|aed|cad|aud|ksh|kes|baht)\b| ?[€$£]| (?:a|an|per|each) (?:hour|month|year|week|day|night|session|class|seat|user|person|head|box|crate|kg|unit|visit|room|piece|student|licen[cs]e|set)\b| pp\b| all in\b| inc(?:l|luding)?\.? (?:gst|vat|hst|tax|iva|mwst|tva|btw|moms)\b| (?:\+|plus) (?:vat|gst|tax|iva|mwst|tva|btw|moms)\b)/;

/**
 * The seller's own price named as such ("our offer for …:", "my rate is", "our revised quotation for the 6 windows
 * is") or offered in the first person ("we are pleased to offer", "we are offering", "we offer you", "we can offer
 * the … at"). "our final / last / best offer" is a side's limit (dealBargain.ts), not a first price.
 */
const SELLER_OFFER =
  /\b(?:our|my) (?:(?:revised|new|updated|current|standard|special|introductory|usual|total|full|official|formal|indicative) )?(?:offer|price|prices|pricing|quote|quotation|estimate|rate|rates|tariff)\b(?! (?:was|were|had|seems?|looks?)\b)[^.!?;]{0,120}?(?:\b(?:is|are|would be|will be|comes? to|stands at)\b|:)|\b(?:we|i) (?:are |am |'re |'m )?(?:(?:pleased|happy|glad|delighted) to )?(?:offer|offering|quote|quoting) (?:you |for )?|\b(?:we|i) (?:can|could) offer (?:you )?(?:the |our |a |an |\d)|(?:^|[,:!]\s*)(?:(?:the )?(?:price|prices|rate|rates|cost|fee|total|pricing)|(?:our|my) (?!budget|bill|invoice|current|old|last|previous|supplier|vendor|provider)[a-z0-9][^.!?;,]{0,60}?) (?:is|are|would be|will be|comes to|costs?) (?=[$€£¥₹₩₦₱]|[a-z]{1,3}\$|\d|(?:usd|eur|gbp|aud|cad|zar|inr|dkk|sek|nok|chf|thb|hkd|sgd)\b)/;
/** Not a first price: a haggle (a floor, a discount, a rival's price), a bill, a budget, a condition or a question. */
const NOT_A_FIRST_PRICE =
  /\b(?:if|unless|final|last|best|lowest|discount|off|reduce|reduced|reduction|lower|cheaper|match|budget|too|high|expensive|steep|invoice|invoiced|paid|payment received|refund|overdue|balance|outstanding|instead|told|said|heard|(?:offering|offers?|offered|quoted?) us)\b|\d ?%|\?/;

/** The first sentence of `sentences` that states the seller's own price as its offer, or null. */
export function offerSentence(sentences: readonly string[]): string | null {
  for (const s of sentences) {
    if (s.length > 400 || !SELLER_OFFER.test(s) || NOT_A_FIRST_PRICE.test(s)) continue;
    if (AMOUNT.test(s)) return s;
  }
  return null;
}
