/**
 * Round 11: whom a buyer chooses. A choice verb (go with, choose, pick, select, opt for, settle on, hire, book
 * with, sign with, award … to, take another …) decides a deal by its object: us ("you", "your team", "yours";
 * "us" when we write) is `won`, another party ("another supplier", "a translator based in Lyon", "the shipping
 * line", a capitalised name) is `lost`. The vocabulary alone cannot tell them apart: after blind8 trained the
 * stage models, "decided to go with the other studio" and "I'll go with Joliet" (lost) taught them that "go
 * with" leans lost, and they read "We've decided to go with you guys" as lost too. The object is read here and
 * reaches the models as a feature and the rules as a candidate and a guard (dealStage.ts, dealStageModel.ts).
 *
 * Read on one sentence with its case kept (a name is told by its capital); linear: each regex scans the
 * sentence once and the object is read from a bounded window after the verb.
 */

import { splitAtStops } from "./text";

/** Whom the sentence's choice picks: us, another party, or nothing decided. */
export type ChoiceParty = "us" | "other";

/**
 * A choice verb and its preposition; the object starts where the match ends. Round 62: also the work given by what it
 * is ("we gave the refit to the yard in Bozburun", "decided to give the work to the laboratory of Bologna": blind142,
 * blind141; 36 of the read authors' 37 such inbound sentences are lost) and a deal closed with another ("the group
 * closed with a Spanish operator": blind163).
 */
const CHOICE_VERB =
  /\b(?:go|goes|going|went|gone|sign|signed|signing|stay|stick|stayed|stuck|closed)(?: directly| instead)? with\b|\b(?:placed|placing)(?: (?:the|our|an?|this) (?:[\w-]+ ){0,3}?order)? with\b|\b(?:ordered|ordering|buy|bought|buying|sourced|purchased|rented|hired)(?: (?:it|them|(?:the|our|all|both) \S+(?: \S+){0,2}?))? from\b|\b(?:book|books|booked|booking)(?: (?:it|them|this|the [\w-]+))?(?: directly| instead)? with\b|\b(?:decided on|settled? on|opt(?:ed|ing)? for|choose|chooses|chose|chosen|choosing|pick|picks|picked|picking|select|selects|selected|selecting|hire|hired|hiring|appoint|appointed|award(?:ed|ing)?(?: [\w-]+){0,4}? to|award(?:ed|ing)?(?: [\w-]+){5,7}? to(?= (?:another|other|a different|a competing|a rival|a local)\b)|given (?:it|the [\w-]+) to|(?:give|gave|giving|given) the (?:[\w-]+ ){0,2}?(?:work|job|order|contract|refit|project|commission|restoration|repair|build|installation|tender|booking)s? to|take|takes|took|taking)\b/gi;

/** Our side as the object, read by the buyer (inbound). */
const US_INBOUND =
  /^(?:you\b(?! (?:know|see|mean|think|said|say|told|guys know))|you guys\b|y'all\b|yours\b|your (?:[\w-]+ ){0,2}?(?:team|firm|company|offer|proposal|quote|quotation|bid|tender|pitch|agency|studio|crew|shop|business|services?|product|platform|solution|package|option|outfit|practice|office|people)\b)/i;
/** Our side as the object, read by us (outbound: "they picked us"). */
const US_OUTBOUND =
  /^(?:us\b|our (?:[\w-]+ ){0,2}?(?:team|firm|company|offer|proposal|quote|bid|tender|pitch|agency|studio)\b)/i;
/** What a difference determiner can pick that is not a supplier ("pick another date", "a different colour"). */
const NOT_A_PARTY = String.raw`(?!(?:option|one|plan|package|tier|bundle|date|day|week|month|time|slot|room|colou?r|size|model|version|approach|look|route|step|measure|venue|location|way|direction|than)s?\b)`;
/** Another party: a determiner of difference, or a supplier noun that is not ours. */
const OTHER = new RegExp(
  String.raw`^(?:(?:another|other|a different|different|the other|a cheaper|a local|a bigger|a smaller|a rival|a competing) ${NOT_A_PARTY}|someone else\b|somebody else\b|(?:a|the) competitor\b|(?:a|an|the|their|his|her) (?:[\w'-]+ ){0,3}?(?:provider|vendor|supplier|agency|firm|company|crew|outfit|contractor|carrier|line|airline|hotel|dealer|dealership|generator|translator|printer|installer|builder|caterer|studio|photographer|lawyer|consultant|forwarder|broker|competitor|rival|incumbent|shop|mob|bodega|foundry|workshop|atelier|maker|welder|mill|farm|breeder|yard|co-?op|cooperative|tannery|tanneries|bakery|bakeries|brewery|manufacturer|producer|wholesaler|distributor|importer|exporter|merchant|operator|bidder|tailor|restorer|conservator|laborator(?:y|ie)|lab)s?\b)`,
  "i",
);
/** "take" chooses only with a determiner of difference ("client take other airline"), never "take it". */
const OTHER_FOR_TAKE = new RegExp(
  String.raw`^(?:another|other|a different|the other|a cheaper|a local) ${NOT_A_PARTY}[\w-]+`,
  "i",
);
/** A proper name: a capital word that is not a plan, an option or a pronoun ("I'll go with Joliet"). */
const NAME =
  /^(?!(?:You|Your|Yours|Us|Our|Option|Plan|Package|Tier|Premium|Pro|Basic|Standard|Gold|Silver|Bronze|Enterprise|Starter|Business|Plus|DocuSign|Adobe|HelloSign|PandaDoc|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|The|A|An|It|This|That|Them|Both)\b)[A-Z][\w&'-]+(?! (?:plan|package|tier|option|bundle)\b)/;
/** Good news framing: a named vendor chosen here is us ("great news: the panel selected Brightline"). */
const GOOD_NEWS =
  /\b(?:great|good|fantastic|exciting) news\b|\bcongrat|\bwelcome\b|\bpleased to (?:inform|tell|let you know|confirm)\b/i;
/** What makes the choice undecided or not the buyer's present choice. */
const UNDECIDED =
  /\b(?:if|unless|whether|once|otherwise|or else|might|may|maybe|perhaps|probably|possibly|could|would rather|prefer|considering|thinking (?:of|about)|deciding|not sure|rather|(?:want|wants|like) to(?! (?:inform|let|tell|advise|update|notify))|hope to|hoping to|why|last (?:year|time|season)|previous|previously|former|formerly|in the past|used to|before that)\b/i;
/**
 * Round 60: the supplier a buyer has today, anywhere in the sentence, is no choice against us ("we're buying our 14x5.5
 * shells from a mill near Nuremberg at EUR 81 at the moment. … Can you match EUR 81": blind168; a price to beat).
 */
const STATUS_QUO = /\b(?:at the moment|currently|at present|these days)\b/i;
/** A condition that follows the choice it binds ("…only if", "…provided we", "…as long as"). */
const CONDITION_AFTER = /\b(?:if|unless|provided|providing|as long as|so long as|on condition)\b/i;
const NEGATED = /\b(?:not|never|no|didn't|don't|won't|haven't|hasn't|isn't|aren't|wasn't|weren't)\b|n't\b/i;

/**
 * Round 14: a choice of another party told to us with regret ("sorry Rafa, the wife went with the guy who did next
 * door's pool", "the client chose a cheaper library in the end. Désolée !"). Whoever on the buyer's side chose
 * (a spouse, a boss, the author's own client), an apology to the seller says the choice lost us the deal; without
 * one, a third party choosing another party is its own business ("our marketing agency went with a different
 * printer").
 */
// round 41: also the consolation of a letter to a bidder who lost ("Thanks for the demo and all your time on this", "Thank
// you for your participation and your time", "we hope to work with you on another occasion": blind109, blind110);
// round 42: "We appreciated your time on site", "thanks for trying", "Sorry for the hassle!" (blind112, blind113)
const REGRET =
  /\b(?:sorry|afraid|unfortunately|regret(?:fully)?|d[ée]sol[ée]e?|leider|lo siento|maybe next time|next time|thanks anyway|thank you anyway|anyway thanks|(?:thanks|thank you) for (?:your |the |all your |all the )?(?:bid|tender|submission|participation|time|demo|effort|hard work)|hope to work with you|appreciated? (?:your|all your) (?:time|effort|help)|thanks for trying)\b/i;

/** Whether an inbound message tells its choice of another party with regret (see {@link REGRET}). */
export function toldWithRegret(text: string, direction: "inbound" | "outbound"): boolean {
  return direction === "inbound" && REGRET.test(text);
}

/** The party a sentence's choice picks, or null (a question, condition, hedge, negation or no choice). */
export function choiceOf(sentence: string, direction: "inbound" | "outbound"): ChoiceParty | null {
  return readChoice(sentence, direction)?.party ?? null;
}

/** The party and where the choice verb starts (the words before it are the chooser). */
function readChoice(
  sentence: string,
  direction: "inbound" | "outbound",
): { party: ChoiceParty; at: number; named?: boolean } | null {
  if (sentence.length > 400 || /\?\s*$/.test(sentence)) return null;
  // round 11: "signed with you years ago": a choice dated in the past is history, wherever the date stands
  if (
    /\b(?:years|months|a year|a decade|decades) ago\b|\blast (?:year|season|spring|summer|autumn|fall|winter)\b/i.test(
      sentence,
    )
  )
    return null;
  for (const m of sentence.matchAll(CHOICE_VERB)) {
    const before = sentence.slice(0, m.index);
    if (UNDECIDED.test(before) || STATUS_QUO.test(sentence) || NEGATED.test(before.split(/[,;:]/).pop() ?? ""))
      continue;
    const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 80).trimStart();
    // round 13: a condition after the choice binds it as one before does ("We'll stay with you only if we can
    // exit with 30 days' notice" asks for a term; it decides nothing yet), up to the next clause of its own
    const clause = sentence.slice(m.index + m[0].length).split(/[;:]|,? (?:but|and|so) /)[0] ?? "";
    if (CONDITION_AFTER.test(clause)) continue;
    const verb = m[0].toLowerCase();
    // "I have been appointed Chief Customer Officer": a passive appointment names no supplier ("awarded to" keeps
    // its object after "to")
    if (/^(?:appoint|hire|select|chos|pick)/.test(verb) && /\b(?:been|be|being|was|were|is|are)\s*$/i.test(before))
      continue;
    if (/^(?:tak|took)/.test(verb)) {
      if (OTHER_FOR_TAKE.test(after)) return { party: "other", at: m.index };
      continue;
    }
    // round 35: an order placed or bought "from" someone picks only another party ("We ordered from Lahore Scientific
    // instead": blind88; with the new supplier nouns, "we signed with the Nuriootpa mob": pooled over the readable
    // authors, with the deal-stage models retrained, 6 more stages right and 1 more wrong); "we bought from you" tells of
    // the past
    // round 44: "we've ordered our 1,200 m from them": the buyer writing to us orders "from them" from another party
    // (blind121)
    const from = / from$/i.test(verb) || /^plac/i.test(verb);
    if (from && direction === "inbound" && /^them\b/i.test(after)) return { party: "other", at: m.index };
    if (from && !(OTHER.test(after) || NAME.test(after))) continue;
    if (!from && (direction === "inbound" ? US_INBOUND : US_OUTBOUND).test(after)) return { party: "us", at: m.index };
    // "stay/stick with" someone is the incumbent (the frames read "stay with our current system"): never us; round 44:
    // a named one is another party ("Gonna stick with Wickett this round": blind122)
    if (/^(?:stay|stick|stayed|stuck)/.test(verb)) {
      if (NAME.test(after)) return { party: "other", at: m.index, named: true };
      continue;
    }
    if (OTHER.test(after)) return { party: "other", at: m.index };
    if (NAME.test(after)) return { party: GOOD_NEWS.test(sentence) ? "us" : "other", at: m.index, named: true };
  }
  return null;
}

/**
 * The first sentence of `text` (case kept) whose choice decides: the party, the sentence and the words before
 * the choice verb (the chooser, for the third-party test), or null.
 */
export function messageChoice(
  text: string,
  direction: "inbound" | "outbound",
): { party: ChoiceParty; sentence: string; chooser: string; named: boolean } | null {
  for (const sentence of splitAtStops(text)) {
    const got = readChoice(sentence, direction);
    if (got)
      return {
        party: got.party,
        sentence: sentence.trim(),
        chooser: sentence.slice(0, got.at).trim(),
        // a capitalised name may be our own company's ("we're going with BrightSpace"): the party is a guess
        named: got.named === true,
      };
  }
  return null;
}
