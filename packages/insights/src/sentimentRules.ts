/**
 * The rule scorer of sentiment (rounds 1–7): an AFINN-165 lexicon with business overrides, negation,
 * intensity, contrast, courtesy formulas, irony and stated complaints. Since round 8 its score and the
 * cues behind it are features of the learned model (sentimentFeatures.ts) rather than the label itself;
 * sentiment.ts is the public API.
 */
import Sentiment from "sentiment";
import { languageOf } from "./foreignPromises";
import { boundText } from "./limits";
import { FOREIGN_COMPLAINT, foreignValence, isForeignToneWord } from "./sentimentForeign";
import { messageBody, stripQuoted } from "./text";

const analyzer = new Sentiment();
const wordCache = new Map<string, number>();

/**
 * Business-messaging overrides on top of AFINN-165. Words that are formulaic or domain-neutral in
 * CRM traffic ("support team", "would like", "feel free", "Dear", "hope you're well", "take care")
 * are zeroed; service-failure words AFINN lacks ("late", "overdue", "refund") get a negative valence.
 */
export const LEXICON_OVERRIDES: Readonly<Record<string, number>> = {
  support: 0,
  please: 0,
  like: 0,
  free: 0,
  interest: 0,
  share: 0,
  yes: 0,
  no: 0,
  pay: 0,
  dear: 0,
  pretty: 0,
  want: 0,
  matter: 0,
  care: 0,
  won: 0,
  true: 0,
  solution: 0,
  clear: 0,
  hope: 0,
  kind: 0,
  easy: 0,
  charge: 0,
  // "added users are charged pro rata": a fact; double charging is a COMPLAINT pattern
  charged: 0,
  resolve: 0,
  cheers: 0,
  welcome: 1,
  help: 1,
  lost: -1,
  win: 1,
  late: -2,
  overdue: -2,
  issue: -1,
  issues: -1,
  refund: -1,
  slow: -2,
  expensive: -1,
  bug: -1,
  bugs: -1,
  unacceptable: -3,
  unfortunately: -0.5,
  nightmare: -3,
  hassle: -2,
  disappointing: -3,
  smooth: 2,
  delay: -2,
  delayed: -2,
  delays: -2,
  outage: -2,
  downtime: -2,
  escalate: -1,
  worst: -4,
  cancel: -1,
  cancelling: -1,
  frustrating: -3,
  frustrated: -3,
  // business vocabulary that AFINN scores but that is neutral in CRM traffic
  legal: 0,
  drop: 0,
  commit: 0,
  committed: 0,
  promised: 0,
  promise: 0,
  chance: 0,
  urgent: 0,
  stop: 0,
  party: 0,
  // politeness and apology formulas are phatic: they open or close a message whatever its tone
  // ("Thanks, what is the file limit?", "Sorry, I was travelling"); see POLITENESS for when thanks count
  thanks: 0,
  thank: 0,
  thx: 0,
  ty: 0,
  appreciate: 0,
  appreciated: 0,
  sorry: 0,
  apologies: 0,
  apologise: 0,
  apologize: 0,
  agreed: 0,
  agree: 0,
  fine: 0,
  yeah: 0,
  acceptable: 2,
  shared: 0,
  ill: 0,
  reach: 0,
  promises: 0,
  increase: 0,
  fit: 0,
  "👍": 0,
  "🙏": 0,
  "👌": 0,
  // a decision or an approval is news, not a feeling: "Legal has approved the MSA", "Approved on my side"
  approved: 0,
  approve: 0,
  // "I wish to complain", "we wish to inform you": a formula
  wish: 0,
  // praise AFINN-165 lacks ("your dashboard is gorgeous", "you lot are legends 🙌🔥")
  gorgeous: 3,
  legend: 3,
  legends: 3,
  lifesaver: 3,
  lifesavers: 3,
  privilege: 2,
  stellar: 3,
  "🔥": 2,
  // sad and angry faces the emoji lexicon scores 0 or -1
  "😢": -2,
  "😭": -2,
  "😞": -2,
  "🙁": -2,
  "☹": -2,
  "😡": -3,
  "😩": -2,
  "😫": -2,
  // a stated complaint
  complaint: -2,
  // "this is a joke" is a NEGATIVE_PHRASES match; alone the word is not praise; "quality" is a topic
  joke: 0,
  quality: 0,
  limit: 0,
  limits: 0,
  // acknowledgements and scheduling are news ("that clarifies it", "we have to postpone the kickoff")
  clarifies: 0,
  clarified: 0,
  clarify: 0,
  postpone: 0,
  postponed: 0,
  painless: 2,
  seamless: 2,
  effortless: 2,
  "hassle-free": 2,
  // a contract term ("15% with a 2-year commitment") and a topic ("before flu season") carry no tone
  commitment: 0,
  flu: 0,
  // "my sincere apologies": part of the formula
  sincere: 0,
  sincerest: 0,
  // laughter is phatic, often at oneself ("Forgot my PIN again lol", "asking for a friend lol")
  lol: 0,
  lmao: 0,
  haha: 0,
  hahaha: 0,
  // round 7: business senses AFINN scores as feelings ("the tender deadline", "allow 2-3 business days",
  // "the port authority", "a calendar invite", "leading procurement", "customer success", "Respected Sir",
  // "Greetings from Dubai", "join the trial", "accept that structure", "save my number")
  tender: 0,
  allow: 0,
  allowed: 0,
  approval: 0,
  authority: 0,
  invite: 0,
  invited: 0,
  leading: 0,
  success: 0,
  respected: 0,
  greetings: 0,
  join: 0,
  joined: 0,
  interesting: 0,
  accept: 0,
  accepted: 0,
  committing: 0,
  save: 0,
  // damage words AFINN lacks, common in trades and facilities complaints
  leaking: -2,
  leaks: -2,
  flooded: -2,
  sagging: -1,
  gutted: -3,
  // round 14: a fault is a problem AFINN lacks ("the fault is back", "can't fault the cleaners")
  fault: -2,
  faults: -2,
};

/**
 * Words that name a service problem ("the delay", "a bug", "the link is broken", "the outage"). They are
 * the topic of a message rather than its tone: an author who apologises for them ("sorry for the delay",
 * "It was our outage after all, sorry") or reports them to have them fixed ("the PO number on your
 * invoice is wrong, could you reissue it?") is not complaining. They keep their valence only when the
 * message has no apology and no request; see {@link scoreSentiment}.
 */
const PROBLEM_TOPIC = new Set([
  "late",
  "delay",
  "delayed",
  "delays",
  "problem",
  "problems",
  "bug",
  "bugs",
  "issue",
  "issues",
  "outage",
  "downtime",
  "trouble",
  "wrong",
  "broken",
  "broke",
  "lost",
  "leak",
  "error",
  "errors",
  "charged",
  "refund",
  "overdue",
  "cut",
  "missed",
  "mistake",
  "regret",
  "cancel",
  "cancelling",
  "missing",
  "slow",
  "stuck",
  "damaged",
  "damage",
  "failed",
  "faulty",
  "fault",
  "faults",
  "forgot",
  "forgotten",
  "escalate",
  "unfortunately",
]);
/** The problem recurs or lasts: "again", "still", "keeps crashing", "for three days", "it's been a week". */
const REPEATED =
  /\b(?:again|still|yet another|every (?:time|single time|day)|keeps? [a-z]+ing|for (?:\d+|two|three|four|five|several|many) (?:days|weeks|hours|months)|it(?:'s| has) been (?:\d+|a|two|three|four|five|several) (?:days|weeks|hours|months|week|day|month))\b/;
/** The author's own slip: "forgot my PIN", "I lost my password", "I've misplaced my card". */
const SELF_INFLICTED =
  /(?:^|[.!?]\s*|\bi(?:'ve| have)? )(?:just |totally |completely )?(?:forgot|forgotten|lost|misplaced)\s+my\b/;
/** Approval words: neutral news unless the message exclaims. */
const APPROVAL = new Set(["approved", "approve"]);
/** The author apologises: the problems in the message are theirs to acknowledge, not a complaint. */
const AUTHOR_APOLOGY =
  /\b(?:sorry(?!,? but\b)|apolog(?:ies|ise|ize|ised|ized)|my bad|forgive|(?:i|we) regret (?:that|to))\b/;
/** The author reports the remedy ("We found the problem", "the fix is released", "the refund will be issued"). */
const REMEDY =
  /\b(?:(?:problem|issue|bug|error)s? (?:is |are |has been |have been |now |all )?(?:solved|resolved|fixed|sorted|gone)|(?:found|fixed|resolved|identified|traced|solved|sorted) (?:the|a|this|that|your) (?:problem|issue|bug|cause|error|fault)|the fix (?:is|was|will|has)|(?:refund|credit|replacement) (?:will be|is being|has been|was) (?:issued|processed|applied|sent|made)|(?:we|i)(?:'ll| will) refund)\b/;
/** The author asks for something ("could you reissue it?", "please can you help", "can u reset it"). */
const REQUEST =
  /\b(?:(?:can|could|would) (?:you|u|someone|somebody|we)\b[^.!?\n]{0,80}\?|(?:please|pls|plz) (?:can|could|would|reissue|resend|check|fix|reset|help|send|advise|let)|can (?:you|u|someone) (?:please )?\w+|how (?:can|do|should|could) (?:i|we)\b|what (?:should|can|do) (?:i|we) do\b)|\bthought you(?:'d| would) want to know\b/;

/** Thanks that carry real warmth: "thanks so much", "really appreciate it", "thanks a lot". */
const POLITENESS = new Set(["thanks", "thank", "thx", "appreciate", "appreciated"]);
const APOLOGY = new Set(["sorry", "apologies", "apologise", "apologize"]);
const WARMTH_AFTER = new Set(["so", "much", "lot", "million", "ever", "tons", "heaps", "loads"]);
const WARMTH_BEFORE = new Set(["really", "truly", "very", "much", "greatly", "hugely", "massively"]);

/**
 * Round 11: an intensifier directly before an apology ("really sorry", "so sorry", "truly sorry") belongs to the
 * formula, which stays phatic however intensified (every independent author labels it neutral), so the learned
 * model's word features read "I'm really sorry" as "I'm sorry" rather than counting "really" as a feeling.
 */
export const intensifiesApology = (token: string, next: string | undefined): boolean =>
  (WARMTH_BEFORE.has(token) || token === "so" || token === "deeply") && APOLOGY.has(next ?? "");

/**
 * Irony markers. Strong ones mark a message as ironic on their own ("love that for us", 🙄); weak
 * ones ("oh great", "brilliant timing", "as always", "great...") only together with a negative
 * event in the same message ("failed again", "still waiting", a negative word).
 */
const IRONY_EMOJI = /[\u{1F644}\u{1F612}\u{1F643}\u{1F611}\u{1F926}\u{1F937}]/u;
const POSITIVE_ADJ = `(?:great|wonderful|brilliant|perfect|fantastic|lovely|awesome|fabulous|marvell?ous|super|terrific|excellent|amazing|nice|splendid|impressive|incredible|outstanding|superb|stellar|classy)`;
const STRONG_IRONY = new RegExp(
  [
    String.raw`\blove (?:that|this|it) for (?:us|me)\b`,
    String.raw`\bthanks? (?:you )?(?:a lot |so much )?for nothing\b`,
    String.raw`\byeah,? (?:sure|right)\b`,
    String.raw`\b(?:sure|right),? because\b`,
    String.raw`\bexactly how (?:i|we) wanted to (?:spend|start|end|begin)\b`,
    String.raw`\b(${POSITIVE_ADJ})[\s,.!…]+just \1\b`,
    String.raw`\bwhat a (?:surprise|shock)\b`,
    // "Fantastic finishing touch, really." — praise closed by a flat ", really."
    String.raw`\b${POSITIVE_ADJ}\b[^.!?\n]{0,40}, really\.`,
  ].join("|"),
  "u",
);
const WEAK_IRONY = new RegExp(
  [
    String.raw`\b(?:oh|ah|wow|just|how),? (?:${POSITIVE_ADJ}|good)\b`,
    String.raw`\b${POSITIVE_ADJ} (?:timing|service|stuff|job|work|experience|use of|result|start|finishing touch)\b`,
    // "Great, another review cycle": a praise word opening a sentence, then the complaint
    String.raw`(?:^|[.!?\n]\s*)${POSITIVE_ADJ},\s`,
    String.raw`\b(?:exactly|just) what (?:i|we) (?:wanted|needed|was hoping for|were hoping for|had in mind)\b`,
    String.raw`\bas (?:always|usual)\b`,
    String.raw`\b${POSITIVE_ADJ}(?:\.\.\.|…)`,
    String.raw`\b(?:really|clearly|obviously),? (?:${POSITIVE_ADJ}|helpful)\b`,
    `['"‘“][a-z][a-z ]{2,30}['"’”]`,
  ].join("|"),
  "u",
);
/**
 * A bare praise word closed by a full stop ("Wonderful.", "Brilliant.", "great.") is flat, not glad: next
 * to a complaint it is sarcasm ("Just lost my whole draft when the page refreshed. Fantastic."). Genuine
 * praise is usually exclaimed or says what was good ("Great, thanks!", "Great job on the launch.").
 */
const FLAT_PRAISE = new RegExp(
  String.raw`(?:^|[.!?\n]\s*)(?:(?:oh |just |how |wow,? )?${POSITIVE_ADJ}|(?:i )?love (?:it|that|this))\.(?:\s|$)`,
  "u",
);
/** Clapping or a scare-quoted service word ("the "priority" support") next to a complaint mocks it. */
const MOCKING =
  /\u{1F44F}|['"‘“](?:priority|premium|support|service|help|fast|quick|express|urgent|24\/7|great|excellent|helpful|fix|update|upgrade|customer care)['"’”]/u;
/** Quoted text that names something ("the error says 'token expired'", "the button labelled 'Send'"), not a scare quote. */
export const QUOTED_LABEL =
  /\b(?:says?|said|shows?|showing|reads?|message|error|called|named|titled|labell?ed|status|button|field|option|menu|tab)\s*:?\s*['"‘“][^'"’”\n]{1,80}['"’”]/g;
/**
 * Events that make a positive word ironic and that are complaints by themselves. Round 14: a contracted negator
 * ("doesn't work", "don't fit", "hasn't loaded") is matched as a word (`\w*n't`: a bare `n't` after `\b` never
 * matched inside "doesn't"), and a device or part that does not do its job is a failure whatever the verb (fit,
 * load, sync, connect, boot, charge, print).
 */
const NEGATIVE_EVENT =
  /\b(?:again|another|still|failed|fails|failing|broke|broken|(?:is|was|went|goes|been|are|were) down(?! by| to| from)|down again|crash\w*|wrong|wait(?:ing|ed)|on hold|outage|error|missing|overcharged|twice|(?:not|\w*n't|never|stopped) (?:been )?(?:work|fit|load|sync|connect|boot|charg|print)\w*|lost|removed|deleted|wiped|no-show|without (?:a |any )?(?:reply|response|answer|word|update|call)|(?:days|weeks|hours|months) (?:for|to get) (?:a |an |my |our )?(?:reply|response|answer|refund|callback)|(?:nobody|no one|no-one) (?:answers|replies|responds|picks up|calls back|told|knows|informs|informed)|(?:nobody|no one|no-one)(?:'s| has| have)? (?:come|came|shown up|showed up|turned up)|instead of|for nothing|in circles|with no (?:notice|warning)|(?:exact |very )?same (?:\w+ )?(?:problem|issue|noise|error|fault|leak) (?:after|as|again))\b/;
/** Complaints stated as facts, without any evaluative word ("has not worked since Monday"). */
const COMPLAINT =
  /\b(?:(?:not|\w*n't|never|stopped) (?:been )?(?:work(?:ing|ed|s)?|load(?:ing|ed)?|sync(?:ing|ed)?)|(?:nobody|no one|no-one) (?:has |have )?(?:answered|replied|responded|called|got back|helped|answers|replies|responds|picks up|calls back|told (?:us|me))|(?:\d+|two|three|four|five|six|seven|several) (?:days|weeks|hours) without (?:a |any )?(?:reply|response|answer|update)|(?:i|we) (?:wish|want|would like) to complain|(?:has|have) been (?:a |an |so |really |totally )?(?:mess|broken|down|awful|terrible|nightmare|disaster|unusable|unreliable|flaky|patchy|chaos) for (?:\d+|two|three|four|five|six|several|many) (?:days|weeks|months)|still (?:waiting|no |not |nothing|haven't|hasn't|don't|doesn't|didn't|do not|does not|did not|has not|have not|broken|wrong|down|missing|failing|crashing)|(?:nobody|no one|no-one) (?:informs|informed|tells|told) (?:us|me)|(?:nobody|no one|no-one)(?:'s| has| have)? (?:come|came|shown up|showed up|turned up)|(?:calls|emails|messages|texts|tries),? (?:and )?no (?:answer|reply|response|callback)|(?:\d+|two|three|four|five|several|many|multiple) (?:emails|calls|messages|texts|tickets)\b[^.!?\n]{0,40}\bno (?:answer|reply|response|callback)|is (?:anybody|anyone|somebody|someone) (?:working|reading|listening)\b|(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time (?:since|this (?:week|month|year)|rescheduling|cancelling|canceling)|(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time (?:i|we)(?:'ve| have)? (?:write|wrote|written|ask|asked|call|called|email|emailed|report|reported|chase|chased|contact|contacted)|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) (?:time|invoice|outage|ticket|email|reminder|incident|failure|crash|delay|problem|complaint|call) (?:with|in a row|this)|below (?:what (?:we|i) (?:expect|expected)|(?:our|my) expectations|par)|(?:sit|sits|sat|sitting|stuck|left) (?:open |unanswered )?for (?:days|weeks|hours)|waiting (?:\d+|for (?:weeks|days|hours|ages))|(?:i|we) (?:expected|deserve|expect) (?:better|more)|(?:charged|billed|invoiced) twice|double[- ](?:charged|billed)|(?:open|pending|outstanding|unresolved|unanswered) for (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:days|weeks|months))/g;
/**
 * Feelings said in phrases whose words carry no (or the wrong) valence one by one: "couldn't be happier",
 * "you made my day", "would recommend"; "I want my money back", "this is a joke", "gone downhill".
 */
const POSITIVE_PHRASES =
  /\b(?:(?:couldn't|could not|can't|cannot) be (?:happier|better|more (?:pleased|satisfied|impressed|grateful|happy))|(?:you |that )?made my (?:day|week)|exactly what (?:i|we) (?:needed|wanted|was looking for|were looking for)(?!\.\.\.|…)|(?:would|highly|definitely|totally) recommend|10\/10|five stars|let's do (?:it|this)\b|5 stars|above and beyond|spot on|nailed it|(?:really|truly|hugely|massively) helped|helped (?:us|me) (?:a lot|so much|enormously|massively|hugely)|(?:you're|you are|you guys are|you all are) (?:a )?(?:star|stars|the best|amazing|legends?|heroes|a hero)|saved (?:me|us|the day|my bacon)|(?:you (?:were|are|'re|have been)|that's|that is|that was) (?:so |very |really |incredibly |super |extremely )?kind\b|such a kind)/g;
const NEGATIVE_PHRASES =
  /\b(?:(?:want|demand|need|would like) (?:my|our) money back|(?:the |this is the )?last time (?:i|we)(?:'ll| will)? (?:order|buy|use|book|shop|fly|stay)\w*|stop (?:sending|texting|calling|emailing|spamming) (?:me|us)|gone downhill|(?:this|it|that) is (?:a |an )?(?:joke|farce|scam|rip-off|ripoff|disgrace)|what a (?:joke|mess|farce|shambles)|(?:i've|i have|we've|we have|i|we) (?:called|emailed|written|asked|chased|rung) (?:you )?(?:\d+|two|three|four|five|six|several|many|multiple) times|never again\b|not (?:ok|okay|on|cool)[.!]|\d+ for nothing|paid (?:\w+ )?for nothing|(?:exact |very )?same (?:problem|issue|noise|error|fault|leak) (?:after|as before)|again and again|over and over(?: again)?|(?:why|how many times) do (?:i|we) (?:have|need) to|not the first time|(?:for )?the (?:second|third|fourth|fifth|sixth|\d+(?:nd|rd|th)) time (?:this|that|it|the|my|our|you|they|in)\b|(?:this|it) (?:keeps|kept) happening|happens every (?:single )?time|(?:nobody|no one|no-one) (?:is )?(?:answering|replying|responding|helping|picking up))/g;

/**
 * Courtesy formulas that contain evaluative words but carry no feeling about the business at hand:
 * "hope you had a great weekend", "it would be great if you could", "happy to jump on a call",
 * "no worries", "looking forward to", "feel free", "have a nice day". They are removed before scoring.
 */
const COURTESY =
  /\b(?:(?:i |we )?hope (?:you(?:'re| are)|you had|you have|you've had|this finds you|all is)[^.!?\n,]{0,40}|(?:it )?would be (?:great|nice|wonderful|helpful|fantastic|lovely|awesome|perfect|good) (?:if|to)|(?:i(?:'m| am|'d be| would be)|we(?:'re| are|'d be| would be)|more than|always) (?:happy|glad|pleased|delighted) to|(?:more than |always |very |really )?(?:happy|glad) to (?:help|jump|chat|discuss|answer|provide|assist|share|hop|talk|arrange|set|send|show|walk|go over|look|review|schedule|book|explain|clarify|take|give|meet|call|connect|support|make|put|run|do)\b|if (?:that|this|it) helps|running (?:a bit |a little |slightly )?late|glad to (?:help|assist)|no (?:worries|problem|problems|stress)|(?:i(?:'m| am)|we(?:'re| are))? ?looking forward to|look forward to|feel free|(?:have|enjoy) a (?:great|nice|good|lovely|wonderful) (?:day|weekend|week|evening|one)|good (?:morning|afternoon|evening|day)|(?:i'm|i am) afraid\b|(?:no thanks?,? )?(?:i'm |we're |i am |we are )?not interested\b|(?:great|nice|good|lovely|a pleasure) (?:to |meeting |seeing |speaking |talking |chatting )(?:meet |see |speak |talk |chat )?(?:with )?you\b|happy (?:new year|holidays|easter|friday|monday|diwali|eid|hanukkah|thanksgiving|birthday)|merry christmas|season's greetings|(?:excited|thrilled|proud) to (?:share|announce|let you know)|(?:sorry|apologies) (?:to|for) (?:bother|trouble|disturb|chase|chasing|pester)\w*(?: you)?|let (?:me|us) know when\b[^.!?\n]{0,40}|save (?:this|my|our)(?: new)? (?:one|number|contact|details)|all the best|(?:is|are|works?) best for (?:me|us)|sounds (?:good|fine|ok|okay)|all good|(?:we're |we are |i'm |i am )?good to go|looks? (?:good|fine|great) to (?:me|us)|running \d+ ?(?:min|mins|minutes) late|(?:your |the |our )?best (?:quotation|quote|offer|rate|price|prices|deal|terms)|happy to go through|(?:the |a )?(?:best|good) (?:time|way|day|date|number|person|contact|option|place) to|(?:good|great|nice) catch|(?:the )?best (?:you|we) can do|best price|(?:i |we )?hope (?:this|that|it) (?:helps|clarifies|makes sense|answers)|let (?:me|us) know if (?:anything|something|you have|there)[^.!?\n]{0,40}|missed (?:your|the|a) (?:call|message|email)|(?:best|warm|kind) wishes|you're welcome)\b/gi;
/** A question about a possibility ("Is there a risk that …?", "What if it fails?") states no feeling. */
const HYPOTHETICAL_QUESTION =
  /\b(?:is there|are there|will (?:it|this|that|there)|would (?:it|this|that|there)|could (?:it|this|that|there)|can (?:it|this|that|there)|what if|is it possible|do you (?:expect|foresee|anticipate))\b[^.!?\n]{0,200}\?/gi;
const CONDITIONAL_WORDS = new Set(["if", "unless", "whether"]);
/** Opinion verbs that raise a negation to their clause ("don't think it's fair" = "think it's not fair"). */
const OPINION_VERBS = new Set(["think", "believe", "feel", "find", "consider", "expect"]);

/**
 * Round 14: a safeguard or remedy whose absence is itself the complaint ("no warning", "nobody warned us", "no
 * apology", "still no refund", "we received NO alarm"). AFINN scores the word negative, so a negator used to flip it
 * into praise; it names what was owed, not a problem, so negated it keeps its valence and is no denied problem.
 */
export const ABSENCE_IS_COMPLAINT: ReadonlySet<string> = new Set([
  "warn",
  "warned",
  "warning",
  "warnings",
  "apology",
  "alarm",
  "refund",
]);
/**
 * A demonstrative determiner presupposes the problem it names: "never had this problem before", "not that issue
 * again" report a problem that exists now, where "never had a problem" denies one.
 */
const DEMONSTRATIVE = new Set(["this", "that", "these", "those", "such", "same"]);

/** Whether the word at `i` is under a negator: within NEGATION_WINDOW tokens, or after a negated opinion verb. */
function negation(clause: readonly string[], i: number, raisedNegationAt: number): boolean {
  const word = clause[i] ?? "";
  if (ABSENCE_IS_COMPLAINT.has(word) || (afinnScore(word) < 0 && DEMONSTRATIVE.has(clause[i - 1] ?? ""))) return false;
  for (let j = Math.max(0, i - NEGATION_WINDOW); j < i; j++) if (NEGATORS.has(clause[j] ?? "")) return true;
  // a negated opinion verb scopes over its whole clause: "I don't think this is fair"
  return raisedNegationAt >= 0 && i > raisedNegationAt;
}

/** Stress that makes a denial a track record ("not one", "not a single", "never a") or emphatic ("at all", "whatsoever", "since March"). */
const STRESS_BEFORE = new Set(["one", "single", "once", "never"]);
const STRESS_AFTER = new Set(["whatsoever", "since"]);

/**
 * A denied problem said with stress: the quantifier ("not one error", "not a single complaint", "never a bad loaf") or
 * what follows it in the clause ("no issues whatsoever", "no downtime at all", "no problems since the install") turns
 * the denial into relief or praise, where a plain one ("the survey found no damage") is information.
 */
function stressedDenial(clause: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - NEGATION_WINDOW); j--) if (STRESS_BEFORE.has(clause[j] ?? "")) return true;
  for (let k = i + 1; k < clause.length; k++) {
    const t = clause[k] ?? "";
    if (STRESS_AFTER.has(t) || (t === "at" && clause[k + 1] === "all")) return true;
  }
  return false;
}

/** Valence of a single token: {@link LEXICON_OVERRIDES}, else AFINN-165 (+ emoji) via the `sentiment` library. */
export function afinnScore(token: string): number {
  const o = LEXICON_OVERRIDES[token];
  if (o !== undefined) return o;
  let v = wordCache.get(token);
  if (v === undefined) {
    v = analyzer.analyze(token).score;
    if (v !== 0 && !/\p{L}/u.test(token)) v = emojiValence(token, v);
    wordCache.set(token, v);
  }
  return v;
}

/**
 * The emoji lexicon bundled with `sentiment` rates many object symbols (📄, 📎) at +5. Only faces,
 * hands and hearts carry sentiment here, capped at ±3; every other symbol is neutral.
 */
function emojiValence(token: string, v: number): number {
  const cp = token.codePointAt(0) ?? 0;
  const expressive =
    (cp >= 0x1f600 && cp <= 0x1f64f) || // emoticons
    (cp >= 0x1f910 && cp <= 0x1f92f) || // supplemental faces
    (cp >= 0x1f970 && cp <= 0x1f97a) ||
    (cp >= 0x1f440 && cp <= 0x1f450) || // hands
    (cp >= 0x1f493 && cp <= 0x1f49f) || // hearts
    cp === 0x2764 ||
    cp === 0x1f389; // ❤ 🎉
  return expressive ? Math.max(-3, Math.min(3, v)) : 0;
}

export const NEGATORS: ReadonlySet<string> = new Set([
  "not",
  "no",
  "never",
  "none",
  "nobody",
  "nothing",
  "neither",
  "nor",
  "cannot",
  "cant",
  "can't",
  "dont",
  "don't",
  "doesnt",
  "doesn't",
  "didnt",
  "didn't",
  "isnt",
  "isn't",
  "wasnt",
  "wasn't",
  "arent",
  "aren't",
  "werent",
  "weren't",
  "wont",
  "won't",
  "wouldnt",
  "wouldn't",
  "shouldnt",
  "shouldn't",
  "couldnt",
  "couldn't",
  "hardly",
  "barely",
  "without",
  "aint",
  "ain't",
  "havent",
  "haven't",
  "hasnt",
  "hasn't",
  "hadnt",
  "hadn't",
  "lack",
  "lacks",
  "lacking",
]);
const INTENSIFIERS: Record<string, number> = {
  very: 1.3,
  really: 1.3,
  extremely: 1.5,
  incredibly: 1.5,
  super: 1.3,
  so: 1.2,
  totally: 1.3,
  absolutely: 1.4,
  truly: 1.3,
  highly: 1.3,
  completely: 1.3,
  quite: 1.1,
  most: 1.2,
};
const DIMINISHERS: Record<string, number> = { slightly: 0.6, somewhat: 0.7, bit: 0.7, little: 0.7 };
/** Words after which the next clause carries more weight ("good, but ..."). */
const CONTRAST = new Set(["but", "however", "although", "though", "yet"]);
/** How far (in tokens) a negator reaches. */
export const NEGATION_WINDOW = 3;
/** Damping applied when flipping a negated word ("not great" is milder than "bad"). */
const NEGATION_FACTOR = -0.75;
/** Normalisation constant, see {@link scoreSentiment}. */
const ALPHA = 4;

/**
 * Tokeniser compatible with `sentiment` (lowercase, punctuation stripped) but clause-aware.
 * Capitalised words that do not start a clause are proper nouns ("Hi Grace", "Joy Tran") and are
 * replaced by a neutral placeholder so names never carry sentiment.
 */
function clauses(text: string): string[][] {
  return text
    .replace(/[’‘]/g, "'")
    .split(/[.,;:!?\n()[\]{}"“”]+|\s[-–—]\s/)
    .map((c) =>
      c
        .replace(/[/#$%^&*=_`~]/g, " ")
        // emoji written together ("🙌🔥", "great🙄") are one token each, so each is looked up
        .replace(/(\p{Extended_Pictographic})\uFE0F?/gu, " $1 ")
        .split(/\s+/)
        .filter(Boolean)
        // a capitalised German tone word ("Frechheit", "Katastrophe") is a noun, not a name
        .map((t, i) =>
          i > 0 && /^[A-Z][a-z]+$/.test(t) && !/^I$/.test(t) && !isForeignToneWord(t.toLowerCase())
            ? "_name_"
            : t.toLowerCase(),
        ),
    )
    .filter((c) => c.length > 0);
}

/** Everything the rule scorer read in a message: its score and the parts and cues behind it (features of the learned model). */
export interface RuleSignals {
  /** The scored text (body without quotes, signature, disclaimer or a closing name). */
  cleaned: string;
  /** Sum of the adjusted word valences, phrases and irony terms. */
  raw: number;
  tokens: number;
  /** The rules' normalised score in (-1, 1). */
  score: number;
  positive: string[];
  negative: string[];
  /** Sums of the adjusted positive / negative word valences (phrases and irony excluded). */
  positiveWords: number;
  negativeWords: number;
  irony: { emoji: boolean; strong: boolean; weak: boolean; mock: boolean };
  /** A failure event ("again", "still", "failed", "??") anywhere in the message. */
  negativeEvent: boolean;
  /** Problem words are the topic (apology, remedy or request), not the tone. */
  problemIsTopic: boolean;
  requests: boolean;
  exclaimed: boolean;
  repeated: boolean;
  complaints: number;
  negativePhrases: number;
  positivePhrases: number;
  /** Intensified thanks counted as warmth ("thanks so much"). */
  warmThanks: number;
  /** Phatic thanks and apologies (counted 0 by the rules). */
  politeness: number;
  apologies: number;
  /** Valenced words the rules negated. */
  negated: number;
  /** Round 14: positive words under a negator ("not impressed", "isn't great", "wasn't helpful at all"). */
  negatedPraise: number;
  /** Round 14: negative words under a negator: a denied problem ("not a problem", "no issues", "can't fault them"). */
  denied: number;
  /** Round 14: denied problems stressed as a track record or relief ("not one error", "no issues whatsoever", "never a bad loaf", "no downtime since March"). */
  deniedStressed: number;
  /** Valenced words dropped as hypothetical (after "if"). */
  conditional: number;
  courtesy: number;
  hypotheticalQuestions: number;
  /** The author apologises ("sorry", "my bad", "we regret that"). */
  apologyByAuthor: boolean;
  /** The author reports a remedy ("the fix is live", "the refund has been issued"). */
  remedy: boolean;
  /** Tokens per scored clause (courtesy formulas removed), lower case (names as `_name_`), each marked when a negator precedes it in its clause. */
  clauses: Array<Array<{ token: string; negated: boolean }>>;
}

/**
 * The rule scorer. Algorithm:
 * 1. Quoted replies, signature, mobile footer and disclaimer are removed (unless `raw`).
 * 2. Each token gets its AFINN-165 valence from the `sentiment` library.
 * 3. Negation: a negator ("not", "never", "don't", "without", ...) within the previous 3 tokens of the
 *    same clause flips and damps the valence (x -0.75). Intensifiers ("very") multiply by 1.1-1.5,
 *    diminishers ("slightly") by 0.6-0.7. Words after a contrast ("but", "however") weigh x1.5 and
 *    those before it x0.75.
 * 4. Courtesy formulas ("hope you had a great weekend", "happy to help", "sounds good"), hypothetical
 *    questions, words after "if" and labelled contact lines carry no tone; "thanks" / "sorry" count only
 *    when intensified ("thanks so much", "really sorry").
 * 5. Irony: an eye-roll emoji or a strong marker ("love that for us", "thanks for nothing"), or a weak
 *    marker ("oh great", "as always") in a sentence with a complaint, flips every positive word and adds -2.
 *    Complaints stated as facts ("has not worked since Monday", "still waiting") add -2 each.
 * 6. Length normalisation: d = raw / sqrt(tokens); score = d / sqrt(d^2 + 4), which lies in (-1, 1),
 *    so one mild word in a long email counts less than the same word in a one-liner.
 */
export function ruleSignals(text: string, opts: { raw?: boolean } = {}): RuleSignals {
  // a message that is only a closing ("Thanks, Bob") is scored as written
  const cleaned = dropTrailingName(opts.raw ? boundText(text) : messageBody(text) || stripQuoted(text));
  let courtesy = 0;
  let hypotheticalQuestions = 0;
  // labelled contact lines ("Company: Ardent Foods") are identity data, not tone
  const body = cleaned
    .replace(COURTESY, () => {
      courtesy++;
      return " , ";
    })
    .replace(HYPOTHETICAL_QUESTION, () => {
      hypotheticalQuestions++;
      return " , ";
    })
    .replace(
      /^[ \t]*(?:name|full name|position|title|job title|role|company|organi[sz]ation|tel|phone|mobile|email|e-mail|address|web|website)[ \t]*:.*$/gim,
      "",
    );
  let raw = 0;
  let tokens = 0;
  let positiveWords = 0;
  let negativeWords = 0;
  let warmThanks = 0;
  let politeness = 0;
  let apologies = 0;
  let negatedCount = 0;
  let negatedPraise = 0;
  let denied = 0;
  let deniedStressed = 0;
  let conditional = 0;
  const positive: string[] = [];
  const negative: string[] = [];
  const lower = body.replace(/[’‘]/g, "'").toLowerCase();
  // "… 7-9k?? For a 6 yr old system. Wow. Amazing.": doubled question marks are exasperation
  const negativeEvent = NEGATIVE_EVENT.test(lower) || /\?\?|\?!|!\?/.test(lower);
  const ironyEmoji = IRONY_EMOJI.test(body);
  const strongIrony = STRONG_IRONY.test(lower);
  // a weak marker needs the complaint in the same sentence ("Oh great, it's down again")
  const weakIrony =
    negativeEvent &&
    lower
      .replace(QUOTED_LABEL, " ")
      .split(/(?<=[.!?\n])\s+/)
      .some((sentence) => WEAK_IRONY.test(sentence) && NEGATIVE_EVENT.test(sentence));
  // flat praise and mocking marks read the whole message: the complaint is often the next sentence
  const mockIrony = negativeEvent && (FLAT_PRAISE.test(lower) || MOCKING.test(lower));
  const ironic = ironyEmoji || strongIrony || weakIrony || mockIrony;
  // an apology or a request makes problem words the topic, not the tone (unless the message mocks)
  // a request about a problem that keeps coming back ("late again, can you check?") still complains
  // unless the author caused it ("Lost my password again 😅 can u reset it")
  const repeated = REPEATED.test(lower) && !SELF_INFLICTED.test(lower);
  const problemIsTopic =
    !ironic && (AUTHOR_APOLOGY.test(lower) || REMEDY.test(lower) || (REQUEST.test(lower) && !repeated));
  // an approval is news; exclaimed ("Approved by our board, we're moving forward!") it is glad news
  const exclaimed = lower.includes("!");
  const requests = REQUEST.test(lower);
  const foreign = languageOf(body) !== null;
  for (const clause of clauses(body)) {
    const contrastAt = clause.findIndex((t) => CONTRAST.has(t));
    const conditionalAt = clause.findIndex((t) => CONDITIONAL_WORDS.has(t));
    const raisedNegationAt = clause.findIndex((t, k) => NEGATORS.has(t) && OPINION_VERBS.has(clause[k + 1] ?? ""));
    tokens += clause.length;
    clause.forEach((tok, i) => {
      // round 40: a message in another language is read with its own tone words (sentimentForeign.ts)
      let v = (foreign ? foreignValence(tok) : undefined) ?? afinnScore(tok);
      if (v === 0 && (POLITENESS.has(tok) || APOLOGY.has(tok))) {
        // only an intensified formula carries feeling: "thanks so much", "really sorry"
        const warm =
          WARMTH_AFTER.has(clause[i + 1] ?? "") || WARMTH_BEFORE.has(clause[i - 1] ?? "") || clause[i - 1] === "so";
        // an apology is phatic even when intensified ("so sorry!", "very sorry Mr. Iyer"), and thanks
        // for help that is still being asked for are a formula ("Thank you very much 🙏, can you help?")
        if (warm && POLITENESS.has(tok) && !requests) {
          v = 2;
          warmThanks++;
        } else if (POLITENESS.has(tok)) politeness++;
        else apologies++;
      }
      const negated = negation(clause, i, raisedNegationAt);
      // round 14: what the negator scopes over, read before any word is skipped as a topic ("if there's no
      // problem" is a hypothetical, not a denial)
      const hypothetical = conditionalAt >= 0 && i > conditionalAt;
      if (negated && !hypothetical && v > 0) negatedPraise++;
      if (negated && !hypothetical && v < 0) {
        denied++;
        if (stressedDenial(clause, i)) deniedStressed++;
      }
      if (v < 0 && problemIsTopic && PROBLEM_TOPIC.has(tok)) return;
      if (v === 0 && exclaimed && APPROVAL.has(tok)) v = 2;
      // "help" asked for ("Please can you help me?") is not help received
      if (tok === "help" && requests) return;
      if (v === 0) return;
      // a hypothetical ("if the quote is approved") states no feeling
      if (conditionalAt >= 0 && i > conditionalAt) {
        conditional++;
        return;
      }
      if (negated) {
        // "nothing wrong with the app", "is not problem": a denied problem is not praise, unless the
        // denial is stressed as reassurance ("not a problem at all", "not one error", "no issues since March")
        if (v < 0 && PROBLEM_TOPIC.has(tok) && !stressedDenial(clause, i)) return;
        v *= NEGATION_FACTOR;
        negatedCount++;
      }
      const prev = clause[i - 1] ?? "";
      v *= INTENSIFIERS[prev] ?? DIMINISHERS[prev] ?? 1;
      if (contrastAt >= 0) v *= i > contrastAt ? 1.5 : 0.75;
      // irony: praise next to a complaint or an eye-roll means the opposite ("Great, just great...")
      if (ironic && v > 0) v *= NEGATION_FACTOR;
      raw += v;
      if (v > 0) {
        positive.push(tok);
        positiveWords += v;
      }
      if (v < 0) {
        negative.push(tok);
        negativeWords += v;
      }
    });
  }
  let complaints = 0;
  let negativePhrases = 0;
  let positivePhrases = 0;
  // a message in another language states complaints in its own words too (sentimentForeign.ts)
  for (const re of foreign ? [COMPLAINT, FOREIGN_COMPLAINT] : [COMPLAINT])
    for (const m of lower.matchAll(re)) {
      complaints++;
      raw -= 2;
      negative.push(m[0]);
    }
  for (const m of lower.matchAll(NEGATIVE_PHRASES)) {
    negativePhrases++;
    raw -= 2;
    negative.push(m[0]);
  }
  for (const m of lower.matchAll(POSITIVE_PHRASES)) {
    positivePhrases++;
    // "Exactly what I needed. The app crashed again." reads as irony like any praise
    raw += ironic ? -1.5 : 2;
    (ironic ? negative : positive).push(m[0]);
  }
  if (ironyEmoji || strongIrony || mockIrony) {
    raw -= 2;
    negative.push("irony");
  }
  const d = tokens > 0 ? raw / Math.sqrt(tokens) : 0;
  return {
    cleaned,
    raw: round3(raw),
    tokens,
    score: round3(d / Math.sqrt(d * d + ALPHA)),
    positive,
    negative,
    positiveWords: round3(positiveWords),
    negativeWords: round3(negativeWords),
    irony: { emoji: ironyEmoji, strong: strongIrony, weak: weakIrony, mock: mockIrony },
    negativeEvent,
    problemIsTopic,
    requests,
    exclaimed,
    repeated,
    complaints,
    negativePhrases,
    positivePhrases,
    warmThanks,
    politeness,
    apologies,
    negated: negatedCount,
    negatedPraise,
    denied,
    deniedStressed,
    conditional,
    courtesy,
    hypotheticalQuestions,
    apologyByAuthor: AUTHOR_APOLOGY.test(lower),
    remedy: REMEDY.test(lower),
    // the words the rules score (courtesy formulas and hypothetical questions removed)
    clauses: clauses(body).map((clause) => {
      // lexical negation scope for the model: from a negator to the end of its clause
      const firstNegator = clause.findIndex((t) => NEGATORS.has(t));
      return clause.map((token, k) => ({ token, negated: firstNegator >= 0 && k > firstNegator }));
    }),
  };
}

/**
 * A closing the sign-off list does not know ("Salamat,\nJoy", "Abraços!\nLucas") leaves the author's name
 * in the body, and a name can be a word ("Joy", "Hope", "Bliss"). A last line of one to three capitalised
 * words under a short line ending in a comma or "!" is that closing and is not scored.
 */
function dropTrailingName(body: string): string {
  const lines = body.trimEnd().split("\n");
  const last = lines.at(-1)?.trim() ?? "";
  const before = lines.at(-2)?.trim() ?? "";
  if (
    lines.length >= 3 &&
    /^\p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*){0,2}$/u.test(last) &&
    /^[\p{L} ]{1,30}[,!]$/u.test(before)
  ) {
    return lines.slice(0, -2).join("\n");
  }
  return body;
}

export function round3(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return Object.is(r, -0) ? 0 : r;
}
