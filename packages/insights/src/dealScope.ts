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
  /\b(?:article|post|blog|webinar|newsletter|slides?|deck|training|course|podcast|case stud(?:y|ies)|white ?paper|e-?book|talk|presentation|recording|lecture|workshop|study group|class|podcast|episode|thread)s? (?:on|about|covering|explaining|regarding)\b|\b(?:from|in) (?:your|the|our|their) (?:[\w-]+ ){0,2}(?:webinar|newsletter|blog|article|post|talk|podcast|course|training)\b|\bquote (?:in|from) (?:your|the|my|a|an|his|her|their) (?:[\w-]+ )?(?:email|signature|book|movie|film|talk|speech|post|article|newsletter|poster)\b|\bhow (?:saas |software |b2b )?(?:vendors|companies|teams|startups|businesses) (?:price|structure|negotiate|discount)/;

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
  /\bnegotiat\w* with (?:the|our|my|a|their) (?!(?:team|sales|account|legal|finance|procurement|board|management|cfo|ceo|lawyers?)\b)[\w-]+|\b(?:our|my|the) (?:sales )?(?:team|reps?|sales|parent company|sister company|holding|group|head office|client|customer)s? (?:just |finally |also )?(?:closed|won|landed|signed|lost) (?:a|an|the|another|\d+|its|their|our)\b|\(?not (?:yours|with you|your company)\b|\bnegotiat\w* (?:a|the|our|my|their) (?:new )?(?:lease|rent|mortgage|loan|salary|pay rise|raise|visa|tenancy|office space)\b/;

/** The sentence is about a deal between other parties. */
export function isOtherPartiesDeal(sentence: string): boolean {
  return OTHER_PARTIES_DEAL.test(sentence);
}

/**
 * Deal words on something that is not bought from us: a lease, a mortgage or an NDA signed, a hiring or
 * travel plan approved, a proposal for the team offsite, an expense policy; or records for auditors.
 */
const NON_DEAL_OBJECT =
  /\bsign(?:ed|ing|s)? (?:a |an |the |our |my |their )?(?:new |revised |updated )?(?:lease|tenancy|rental|mortgage|loan|nda|non-disclosure|petition|permit|card|waiver|consent form|visa)\b|\b(?:hiring|travel|project|marketing|floor|seating|holiday|training|staffing|headcount|office|moving|parking|rota|shift|media|content|lesson|meal|treatment|care|savings|pension|insurance|succession|development|action|recovery|study|exercise) plans?\b|\b(?:proposal|budget|quote|plan)s? for (?:the |our |a |my )?(?:team |company |office |annual |summer |christmas |holiday )?(?:offsite|off-site|party|event|trip|dinner|retreat|conference|wedding|lunch|celebration|outing|kitchen|renovation|move)\b|\b(?:travel|expense|holiday|leave|hiring|security|privacy|remote work|parental leave) polic(?:y|ies)\b|\bauditors?\b|\baudit (?:trail|records|request|team)\b/;

/** The sentence's deal word acts on something that is not bought from us. */
export function isNonDealObject(sentence: string): boolean {
  return NON_DEAL_OBJECT.test(sentence);
}

/** A shop order or a ticket by its number ("cancel my order #4412"): support, not a deal. */
const NUMBERED_ORDER =
  /\b(?<!purchase )(?:order|ticket|case|parcel|package|shipment|tracking|booking|reservation|return|rma)(?: no\.?| number| nr\.?| id)? ?:? ?#? ?\d{3,}/;

/** The sentence is about a numbered shop order or ticket. */
export function isNumberedOrder(sentence: string): boolean {
  return NUMBERED_ORDER.test(sentence);
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
    isNonDealObject(s)
  );
}
