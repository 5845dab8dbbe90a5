/**
 * Deal stage by meaning: each frame reads one sentence as lemmas (`lemma.ts`) and asks who does what to
 * which deal object, instead of listing phrasings. A frame is an action (lemma alternatives) plus a deal
 * object, in either order (active "the committee approved the purchase", passive "the PO has been issued").
 * Negation turns a buyer's continuation ("will not renew", "not going ahead with the purchase") into
 * `lost`; conditions, hedges and questions keep a sentence from deciding `won` or `lost`.
 */
import type { DealStage } from "./dealStage";
import { lemmatise } from "./lemma";

export interface FrameCue {
  stage: DealStage;
  confidence: number;
  /** The sentence (as written, trimmed) that carried the meaning. */
  sentence: string;
}

interface Frame {
  stage: DealStage;
  confidence: number;
  direction?: "inbound" | "outbound";
  /** Tested on the lemma string of one sentence. */
  re: RegExp;
}

/** Objects a purchase decision acts on. */
const DEAL_OBJECT = `(?:purchase order|purchase|spend|contract|agreement|order form|order|po|offer|proposal|quote|quotation|renewal|deal|plan|tier|package|subscription|paperwork|msa|sow|licen[cs]e|seat)s?`;
/** Documents that carry a price: the proposal stage. */
const PRICE_DOC = `(?:proposal|quote|quotation|estimate|statement of work|sow|offer|pricing (?:document|proposal|sheet|breakdown)|cost breakdown)s?(?! (?:to [a-z]+|widget|code|from (?:our|my|the)|in (?:your|the|our) newsletter|for existing))`;
/** What the buyer stops doing when a deal is lost. */
const CONTINUE = `(?:renew|continue|proceed|go ahead|go forward|move forward|buy|purchase|extend|pursue|sign|go with (?:you|your)|take (?:it|this) further)`;
const VENDOR = `(?:supplier|vendor|provider|partner|competitor|tool|solution|platform|agency|system|product|company|option)s?`;
const PRICE_WORD = `(?:price|pricing|fee|rate|cost|number|figure|quote|licen[cs]e fee|seat price|per seat|per user)s?`;

const FRAMES: Frame[] = [
  // ── won: the buyer decides, approves, signs or orders ──
  {
    stage: "won",
    confidence: 0.85,
    direction: "inbound",
    re: new RegExp(
      String.raw`(?<!\b(?:the|a|an|your|our|my|their) )\b(?:approve|sign off on|countersign|accept|finalise|finalize|execute|sign)\b (?:(?:the|our|your|this|a|an|revise|final|update|new) )*(?:[\w-]+ ){0,2}?${DEAL_OBJECT}\b(?! (?:we|you|they) )|\b(?:the |our |your |a )?${DEAL_OBJECT}(?: number \d+)?(?: for [\w ]{1,30}?)? (?:be |have be |have |get )(?:now |just |finally )?(?:approve|sign|countersign|execute|issue|raise|green-light)\b|\bsign (?:and (?:return|send)|[\w-]+ )?(?:${DEAL_OBJECT}|copy)\b[^.?!]{0,30}?\b(?:attach|enclose|return|send back|send over|here)\b|\bsign and (?:send|return)(?: it)? back\b`,
    ),
  },
  {
    stage: "won",
    confidence: 0.85,
    direction: "inbound",
    re: /\b(?:decide|choose|agree|vote|ready|happy|want|would like|be go) to (?:move forward|go ahead|proceed|sign|buy|purchase|start) with\b|\b(?:decide|agree|vote) to (?:move forward|go ahead|proceed|buy|sign)\b|\b(?:move forward|go ahead|proceed) with (?:you|your|the (?:[\w-]+ ){0,2}(?:plan|tier|package|option|offer|proposal|quote|purchase|rollout|order))\b|\b(?:choose|select|pick|go with|opt for|settle on) (?:you|your (?:[\w-]+ )?(?:platform|product|tool|solution|team|company|service|offer|proposal|quote|plan|software))\b|\byour (?:[\w-]+ )?(?:team|platform|product|tool|solution|company|offer|proposal) be (?:our|the) (?:choice|pick|winner|preferred)|\bwin (?:us|me) over\b|\bsay yes\b|\bwe (?:will )?take (?:it|them|the [\w-]+ (?:one|plan|package|tier|option))\b|\b(?:we|i) be good to go\b|(?:^|\b(?:please|so|and|now|then|just) |, )send (?:me |us )?(?:the )?contract\b(?! (?:we|you|from|for (?:our|the) (?:audit|record)))|\b(?:we|i) be in\b(?= [.!]|$)|\bsend (?:me |us )?(?:the )?(?:payment link|contract for signature|contract to sign|contract and we will sign)\b|\b(?:extend|renew) (?:our|the) (?:contract|subscription|plan|licen[cs]e|agreement)\b/,
  },
  {
    stage: "won",
    confidence: 0.85,
    direction: "outbound",
    re: /\bthank(?:s| you) for (?:sign|choose|select|your (?:order|purchase|po|signature))\b|\bwelcome (?:aboard|on board)\b|\b(?:receive|get) your (?:po|purchase order|sign (?:contract|agreement|order form))\b/,
  },
  {
    stage: "lost",
    confidence: 0.85,
    direction: "outbound",
    re: /\b(?:sorry|sad|shame|disappoint) to (?:hear|see|learn) (?:that )?(?:you (?:have |be )?(?:decide|choose|go|move|leave|cancel|not renew)|you go\b)|\b(?:we|i) have cancel (?:the|your) (?:subscription|account|contract|plan|order)\b/,
  },
  // ── lost: another vendor, stopping, not continuing ──
  {
    stage: "lost",
    confidence: 0.85,
    direction: "inbound",
    re: new RegExp(
      String.raw`(?<!\b(?:can|could|have) )\b(?:not|never|no longer)\b (?:be )?(?:[\w-]+ ){0,1}?${CONTINUE}\b(?! (?:yet|until|before)\b)(?! with (?:the|our|this|that) (?!(?:[\w-]+ )?(?:purchase|deal|contract|order|plan|project|proposal|quote|offer|subscription|renewal|evaluation|rollout|licen[cs]e)s?\b))|\b(?:cancel|terminate|close|end)\b (?:our|my|the) (?:[\w-]+ )?(?:subscription|account|contract|plan|order|trial|evaluation|project|licen[cs]e|renewal)s?\b(?! with (?:our|a|an|the|another|their) )|\b(?:put|place) (?:[\w-]+ ){0,3}?on (?:ice|hold)\b|\b(?:kill|scrap|cancel|shelve|pause|freeze|postpone|stop) (?:the|this|our) (?:project|initiative|evaluation|purchase|rollout)\b|\bwe be out\b(?= [.!]|$)|\b(?:project|initiative|evaluation|purchase|rollout|search|programme|program) (?:be |have be |get )(?:pause|postpone|shelve|freeze|frozen|cancel|cut|scrap|drop|put on hold)\b|\b(?:funding|budget)(?: for (?:this|it|the project))? (?:be |have be |get )(?:cut|pull|freeze|frozen|withdraw|cancel|slash)\b|\b(?:stop|end|drop|close) (?:the|our|this) (?:evaluation|trial|project|search|process)\b|\bdrop (?:it|this) for now\b|\b(?:stay|stick|remain|keep work|continue) (?:on|with) (?:our|the) (?:current|existing|old|incumbent|present) (?:[\w-]+ )?(?:system|vendor|provider|supplier|tool|platform|solution|setup|partner|software)\b|\bbuild (?:it |this |something |our own )?(?:in-house|internally|ourselves)\b|\bin-house instead\b|\b(?:choose|select|pick|go with|opt for|prefer|sign with|settle on|end up with|end up pick|end up go with|award (?:it|the contract) to)\b (?:a |an |the )?(?:different|other|another|competitor|cheaper|local|alternative|rival)\b(?: [\w-]+){0,2}? ?${VENDOR}?`,
    ),
  },
  // ── negotiation: price, terms, discounts, redlines, competitor prices ──
  {
    stage: "negotiation",
    confidence: 0.8,
    re: new RegExp(
      String.raw`\b${PRICE_WORD}(?: per (?:user|seat|month|licen[cs]e|person))? (?:be|seem|look|come in|feel) (?:(?:a bit|a little|bit|quite|too|rather|way|much|still|slightly) )*(?:high|higher than|much|steep|expensive|big|over|above|more than)\b|\b(?:make|get) (?:it|this|that|the price) (?:cheaper|lower|less)\b|\bspecial (?:price|pricing|offer|discount|rate|deal)\b|\b(?:\d+|one|two|three|a) (?:free )?months? free\b|\b(?:any|some) (?:chance|flexibility|room|wiggle room)\b[^.?!]{0,40}\b(?:price|deal|rate|fee|cost|discount|seat|term)|\bbetter (?:deal|price|rate|offer|terms)\b|\btake \d+ ?% off\b|\b(?:waive|drop|remove|reduce|lower|cut) (?:the |half of the |half |your )?(?:[\w-]+ )?(?:fee|price|cost|rate)s?\b|\b(?:fee|price|cost|rate)s? (?:be |get )(?:drop|waive|remove|reduce|lower)\b|\b(?:get|come|go) closer to\b|\bmatch (?:what [\w-]+ (?:quote|offer)|(?:their|the) (?:[\w-]+ ){0,2}?(?:quote|price|offer|rate))\b|\b(?:another|other|competing) (?:[\w-]+ )?(?:provider|vendor|supplier|company)s? (?:offer|quote)\b|\b[a-z]+ quote us (?:[$€£]|\d)|\bnet ?\d{2}\b|\b(?:payment|contract) terms?\b|\b(?:mark up|markup|redline|comment on|change to|edit to|comments on) (?:the |our |your )?(?:msa|agreement|contract|dpa|terms|order form)\b|\b(?:liability|termination|indemnity|indemnification|auto-renewal|price increase|renewal notice|payment|sla|warranty) (?:clause|cap|period|section|term|language|wording)s?\b|\blegal (?:team )?(?:be )?(?:still )?(?:review|look at|go through) (?:the|our|your) (?:contract|agreement|msa|terms|order form)\b|\bcap (?:it |the [\w-]+ )?at \d|\bwe can (?:go to|offer|do|give you) (?:you )?(?:a )?(?:\d+ ?%|[$€£] ?\d)|\bbest (?:we can do|i can do|price we can)\b`,
    ),
  },
  // ── proposal: a priced document sent, received, read or asked for ──
  {
    stage: "proposal",
    confidence: 0.8,
    re: new RegExp(
      String.raw`\b(?:send|attach|enclose|prepare|draft|put together|put|share|email|forward|receive|get|see|find|review|go through|look at|have a look at|have a first look at|pass|circulate|provide|need|want|would like|draw up|write up|make (?:me|us))\b(?: (?!(?:not|no)\b)[\w$%-]+){0,4}? ${PRICE_DOC}|\b${PRICE_DOC}\b(?: [\w-]+){0,6}? (?:be in the attachment|be attach|attach|enclose|arrive|come through|land|be ready|below|you send)\b`,
    ),
  },
  // ── interest: pricing, demo or trial asked for, tools being evaluated ──
  {
    stage: "interest",
    confidence: 0.65,
    direction: "inbound",
    re: /\b(?:how much|what do you charge|rough idea of (?:the )?cost|price list|pricing for (?:about |around )?\d|cost for (?:about |around )?\d|charge for (?:the|a|your))\b|\b(?:a |free |the )?(?:trial account|free trial|demo)\b|\b(?:would like to|want to|wish to|can we|could we|possible to|chance to) (?:try|test) (?:it|your [\w-]+|the [\w-]+|it out)\b|\bsee (?:it|how)\b[^.?!]{0,30}\b(?:in action|work)\b|\bshow (?:us|me)\b|\bwalk (?:us|me) through\b|\b(?:compare|evaluate|review|look into|explore|research|assess|shortlist) (?:a few |several |some |three |two |\d+ )?(?:[\w-]+ )?(?:tool|vendor|platform|option|solution|provider|crm|system|software|product)s?\b|\b(?:platform|tool|product|solution)s like yours\b|\bon (?:the|our) (?:short)?list\b|\brecommend your\b|\bneed (?:a|something) (?:better |new )?(?:way|tool|solution|system|platform) to\b|\binterest(?:ed)? in (?:the|your|a)\b|\bexplain (?:me |us )?(?:the )?(?:price|pricing|cost)s?\b|\bwant to know (?:more )?about your\b/,
  },
];

/** Sentences whose deal words are about support, billing or an existing account, not a sale. */
const SERVICE_CONTEXT =
  /\b(?:discount|promo|coupon) code\b|\bcheckout\b|\b(?:existing|current) (?:account|plan|subscription)\b|\bour (?:account|subscription)\b|\bon our (?:plan|tier|package)\b|\bbe apply to\b|\b(?:on|in) (?:the|our|my|this) invoice\b|\bextra (?:phone )?number\b/;
const HEDGE = /\b(?:might|may|maybe|perhaps|probably|possibly|hopefully|likely|consider whether|think about)\b/;
const CONDITION = /\b(?:if|unless|whether|once|as soon as|in case)\b/;

const RIVAL =
  /\b(?:(?:[Ss]igned|[Ww]ent|[Gg]one|[Gg]oing|decided to go|ended up going) with|ended up (?:picking|choosing|with)|picked|chose|chosen|selected|opted for|awarded (?:it|the contract) to)\s+([A-Z][\w-]+)\b(?!\s+(?:plan|tier|package|edition|option|bundle)\b)/;

/** "not related to you": the sentence is about someone else's deal. */
const THIRD_PARTY = /\b(?:not related to|unrelated to|nothing to do with) (?:you|your)\b/;

/** Deal words about a third party's business ("we cancelled the order with our printer, not related to you"). */
export function isAboutThirdParty(sentence: string): boolean {
  return THIRD_PARTY.test(lemmatise(sentence));
}

/** Deal words about support, billing or an existing account ("discount code", "our existing plan"). */
export function isServiceSentence(sentence: string): boolean {
  return SERVICE_CONTEXT.test(lemmatise(sentence));
}

/** The strongest frame in the text (already stripped of quotes and signature), or null. */
export function frameCue(body: string, direction: "inbound" | "outbound"): FrameCue | null {
  let best: FrameCue | null = null;
  // paragraphs split on blank lines; a single newline inside one is a hard wrap, not a sentence end
  // (plain "\n" → " ": a `\s*\n\s*` would rescan every run of spaces from each of its positions)
  const paragraphs = body.split(/\n[^\S\n]*\n/).map((p) => p.replace(/\n/g, " "));
  for (const raw of paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+/))) {
    const sentence = raw.trim();
    if (!sentence || sentence.length > 400) continue;
    const lemmas = lemmatise(sentence);
    const question = /\?\s*$/.test(sentence);
    // another vendor by name ("we signed with Pipewell", "ended up picking Corvo"): needs the original case
    const rival = RIVAL.exec(sentence);
    if (
      direction === "inbound" &&
      rival &&
      !question &&
      !/^(?:You|Your|The|A|An|Our|It|This|That|Us)$/.test(rival[1] ?? "") &&
      !HEDGE.test(sentence.slice(0, rival.index).toLowerCase()) &&
      !CONDITION.test(sentence.slice(0, rival.index).toLowerCase()) &&
      (!best || best.confidence < 0.85)
    ) {
      best = { stage: "lost", confidence: 0.85, sentence: sentence.replace(/[.!?]+$/, "") };
    }
    for (const frame of FRAMES) {
      if (frame.direction && frame.direction !== direction) continue;
      const m = frame.re.exec(lemmas);
      if (!m) continue;
      const before = lemmas.slice(0, m.index).trimEnd();
      if (frame.stage === "interest" || frame.stage === "negotiation") {
        if (SERVICE_CONTEXT.test(lemmas)) continue;
      }
      if (frame.stage === "won" || frame.stage === "lost") {
        if (THIRD_PARTY.test(lemmas)) continue;
        if (question || HEDGE.test(before) || CONDITION.test(before)) continue;
        // "we will not sign" is the lost frame's; a negated won is not a decision
        if (frame.stage === "won" && /\b(?:not|never|no)\b(?: [\w-]+){0,3}$/.test(before)) continue;
      } else if (
        frame.stage === "proposal" &&
        /\b(?:i|we) (?:will|shall|be go to|plan to|would)\b(?: [\w-]+){0,3}$/.test(before)
      ) {
        continue;
      } else if (frame.stage !== "negotiation" && /\b(?:not|never)\b(?: [\w-]+){0,2}$/.test(before)) continue;
      // "management is finalising the agreement": in progress, not decided; it may advance, never close
      const confidence = frame.stage === "won" && /\bbe$/.test(before) ? 0.7 : frame.confidence;
      if (!best || confidence > best.confidence) {
        best = { stage: frame.stage, confidence, sentence: sentence.replace(/[.!?]+$/, "") };
      }
    }
  }
  return best;
}
