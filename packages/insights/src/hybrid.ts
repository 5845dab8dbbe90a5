/**
 * The AI extractor as a peer (issue 13.4, pure part): the deterministic extraction runs first; when it
 * is uncertain, the message and the deterministic candidates go to a model through the injected
 * `generate`, and the model's review is validated with zod before anything of it is used. Every quote
 * the model returns must be found in the message text (it gets a span), so an invented commitment or
 * cue is dropped rather than stored. Any failure keeps the deterministic result, with `fallbackReason`.
 */
import { z } from "zod";
import { actorOf, type Commitment, classifyCommitment } from "./commitments";
import { DEAL_STAGES, type DealCue, type DealStage, readDealStage } from "./dealStage";
import { DEAL_STAGE_MODEL } from "./dealStageModelData";
import {
  type Extraction,
  type ExtractionContext,
  type Extractor,
  extractDeterministic,
  parseJsonReply,
} from "./extractor";
import type { SentimentResult } from "./sentiment";
import { createLocator } from "./span";
import { messageBody } from "./text";
import type { MessageInput } from "./types";

/** What the model must answer: a review of the candidates (every field optional = "keep"). */
export const llmReviewSchema = z
  .object({
    sentiment: z
      .object({ label: z.enum(["positive", "neutral", "negative"]), score: z.number().min(-1).max(1) })
      .optional(),
    dealStage: z
      .object({
        stage: z.enum(DEAL_STAGES as [DealStage, ...DealStage[]]).nullable(),
        quote: z.string().min(1).max(300).nullable(),
      })
      .optional(),
    commitments: z
      .array(z.object({ quote: z.string().min(3).max(500), dueAt: z.string().datetime({ offset: true }).nullable() }))
      .max(25)
      .optional(),
  })
  .strict();
export type LlmReview = z.infer<typeof llmReviewSchema>;

/** Words that suggest a deal conversation even when no cue matched. */
const DEAL_WORDS =
  /\b(?:quote|quotation|proposal|price|pricing|contract|sign(?:ed)?|budget|vendor|renew\w*|discount|purchase|po|trial|demo|licen[cs]es?|seats?|invoice|procurement|go ahead|competitor)\b/i;
const DEADLINE_WORDS =
  /\b(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|end of|by \d|at \d|eod|asap|q[1-4])\b/i;

/**
 * The deal stage the learned models' thresholds held back (round 8; the calibrated candidate in rounds 6–7)
 * when its probability is at least `DEAL_STAGE_MODEL.askBelow`, or null. The AI peer reviews these.
 */
export function uncertainDealCandidate(msg: MessageInput, ext: Pick<Extraction, "dealCue">): DealCue | null {
  if (ext.dealCue) return null;
  const { cue, emitted, probability } = readDealStage(msg);
  return cue && !emitted && probability >= DEAL_STAGE_MODEL.askBelow ? cue : null;
}

/**
 * Round 9: the learned sentiment model's top class probability below which the AI peer reviews the tone.
 * Rounds 1–8 asked on |score| < 0.2 with evaluative words, a rule-era test. Measured out of author (each
 * independent set scored by a model trained without it; 2,300 messages of blind2–7, train7a/b, train8):
 * the old test routed 11.9% of messages, 43 of the model's 266 errors among them; a top probability below
 * 0.675 routes 11.8%, 129 of the 266 errors among them. Printed and asserted by `test/hybridSentiment.test.ts`.
 * Round 13: re-picked the same way after the retrain with every set up to train11 (3,975 messages, 409 errors):
 * the rule-era test routes 12.8% (55 errors); the trained models are more confident, so 0.675 routed only
 * 10.3%; 0.72 routes 12.8% again, 220 of the 409 errors among them.
 */
export const SENTIMENT_ASK_BELOW = 0.72;

/** The sentiment deserves a second opinion: the model's top class is below {@link SENTIMENT_ASK_BELOW}. */
export function uncertainSentiment(s: SentimentResult): boolean {
  const p = s.probabilities;
  // the rule scorer alone (`rulesOnly`) has no probabilities: its old near-neutral test
  if (!p) return Math.abs(s.score) < 0.2 && (s.positive.length > 0 || s.negative.length > 0);
  return Math.max(p.negative, p.neutral, p.positive) < SENTIMENT_ASK_BELOW;
}

/** Why the deterministic result deserves a second opinion, or null when it is confident. */
export function uncertainty(msg: MessageInput, ext: Extraction): string[] {
  const body = messageBody(msg.text);
  const reasons: string[] = [];
  const held = uncertainDealCandidate(msg, ext);
  if (held) reasons.push(`deal stage ${held.stage} below the confidence threshold`);
  if (uncertainSentiment(ext.sentiment))
    reasons.push(`sentiment model unsure (top class probability below ${SENTIMENT_ASK_BELOW})`);
  if (!ext.dealCue && !held && DEAL_WORDS.test(body)) reasons.push("deal words without a deal cue");
  if (ext.dealCue?.via === "model") reasons.push("deal stage read by the statistical model only");
  if (ext.dealCue && ext.dealCue.confidence < 0.8) reasons.push("weak deal cue");
  if (
    ext.commitments.length === 0 &&
    /\b(?:will|'ll|gonna|going to|promise)\b/i.test(body) &&
    DEADLINE_WORDS.test(body)
  )
    reasons.push("future and deadline words without a commitment");
  return reasons;
}

/** Prompt for the review: the message, the candidates, and the JSON answer shape. */
export function buildReviewPrompt(msg: MessageInput, ext: Extraction, ctx: ExtractionContext = {}): string {
  // a stage held back by the threshold is still the rules' candidate: the model confirms or rejects it
  const deal = ext.dealCue ?? uncertainDealCandidate(msg, ext);
  const candidates = {
    sentiment: { label: ext.sentiment.label, score: ext.sentiment.score },
    dealStage: deal ? { stage: deal.stage, quote: deal.cue } : null,
    commitments: ext.commitments.map((c) => ({
      quote: c.text,
      dueAt: c.dueAt === null ? null : new Date(c.dueAt).toISOString(),
    })),
  };
  return [
    "You review facts a rule-based extractor found in one message for a CRM. Reply with ONE JSON object only:",
    `{"sentiment"?:{"label":"positive"|"neutral"|"negative","score":-1..1},"dealStage"?:{"stage":${DEAL_STAGES.map((s) => `"${s}"`).join("|")}|null,"quote":exact text from the message|null},"commitments"?:[{"quote":exact text of the promise from the message,"dueAt":ISO-8601 with offset|null}]}`,
    "Omit a field to keep the candidate. Quotes must be copied exactly from the message. Sarcasm counts as negative;",
    "politeness alone is neutral. A commitment is a promise by the author's side (including a named colleague).",
    `Resolve deadlines against sentAt in time zone ${ctx.timezone ?? "UTC"}; a date without a time means 17:00.`,
    ...(ctx.readerTimezone ? [`A time "your time" is in the reader's time zone ${ctx.readerTimezone}.`] : []),
    `direction: ${msg.direction}; channel: ${msg.channel}; sentAt: ${new Date(msg.sentAt).toISOString()}`,
    `candidates: ${JSON.stringify(candidates)}`,
    "message:",
    '"""',
    msg.text,
    '"""',
  ].join("\n");
}

/** Applies a validated review; quotes not found in the message are dropped (never stored). */
export function mergeReview(
  msg: MessageInput,
  ext: Extraction,
  review: LlmReview,
): { extraction: Extraction; dropped: string[] } {
  const locator = createLocator(msg.text);
  const dropped: string[] = [];
  let { sentiment, dealCue, commitments } = ext;
  if (review.sentiment) sentiment = { ...sentiment, label: review.sentiment.label, score: review.sentiment.score };
  if (review.dealStage) {
    const d = review.dealStage;
    if (d.stage === null) dealCue = null;
    else {
      const span = d.quote ? locator.find(d.quote) : null;
      if (!span) dropped.push(`deal cue quote not in message: ${d.quote ?? "(none)"}`);
      else
        dealCue = {
          stage: d.stage,
          confidence: 0.8,
          cue: span.quote,
          reopen: ext.dealCue?.reopen ?? false,
          sourceMessageId: msg.id,
          span,
        };
    }
  }
  if (review.commitments) {
    const next: Commitment[] = [];
    let invented = false;
    for (const c of review.commitments) {
      const span = locator.find(c.quote);
      if (!span) {
        dropped.push(`commitment quote not in message: ${c.quote}`);
        invented = true;
        continue;
      }
      const due = c.dueAt ? Date.parse(c.dueAt) : NaN;
      next.push({
        text: span.quote,
        action: span.quote,
        kind: classifyCommitment(span.quote),
        actor: actorOf(msg.direction),
        who: msg.senderName ?? null,
        dueAt: Number.isFinite(due) ? due : null,
        duePhrase: null,
        sourceMessageId: msg.id,
        createdAt: msg.sentAt,
        span,
      });
    }
    // A list with an invented quote is not a review to trust: the rules' commitments stand
    // (replacing them with the remainder lost real promises; measured in test/hybridEval.test.ts).
    if (!invented) commitments = next;
  }
  return { extraction: { ...ext, sentiment, dealCue, commitments, source: "llm" }, dropped };
}

export interface HybridExtractorOptions {
  /** Sends a prompt to the organisation's model and resolves with its raw text reply. */
  generate: (prompt: string) => Promise<string>;
  /** Which messages go to the model. Default: {@link uncertainty} finds a reason. */
  shouldAsk?: (msg: MessageInput, ext: Extraction) => boolean;
}

/**
 * Deterministic first, the model for uncertain cases. The result's `source` is "llm" when a valid
 * review was merged; otherwise the deterministic extraction, with `fallbackReason` when the model failed.
 */
export function createHybridExtractor(opts: HybridExtractorOptions): Extractor {
  const ask = opts.shouldAsk ?? ((m, e) => uncertainty(m, e).length > 0);
  return {
    async extract(msg, ctx = {}) {
      const ext = extractDeterministic(msg, ctx);
      if (!ask(msg, ext)) return ext;
      try {
        const parsed = llmReviewSchema.safeParse(parseJsonReply(await opts.generate(buildReviewPrompt(msg, ext, ctx))));
        if (!parsed.success) {
          return {
            ...ext,
            fallbackReason: `invalid review: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
          };
        }
        const { extraction, dropped } = mergeReview(msg, ext, parsed.data);
        return dropped.length ? { ...extraction, fallbackReason: `dropped: ${dropped.join("; ")}` } : extraction;
      } catch (err) {
        return { ...ext, fallbackReason: `generate/parse failed: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
  };
}
