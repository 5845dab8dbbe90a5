/**
 * The AI extractor as a peer: crm/insights.ts queues a review when the rules are unsure about an
 * inbound message (packages/insights `uncertainty`); this action sends the message and the
 * deterministic candidates to the organization's endpoint, validates the answer with zod (the
 * flat answer schema below, then packages/insights `llmReviewSchema`; every quote must be found in
 * the message), stores it with its token usage, and merges it into the stored facts. Anything
 * invalid is recorded as rejected and the deterministic result stands.
 */
import {
  DEAL_STAGES,
  type DealStage,
  extractDeterministic,
  type LlmReview,
  llmReviewSchema,
  mergeReview,
  parseJsonReply,
  uncertainDealCandidate,
} from "@switchboard/insights";
import { v } from "convex/values";
import { z } from "zod";
import { internal } from "../_generated/api";
import { internalAction, internalMutation, internalQuery } from "../_generated/server";
import { toMessageInput } from "../crm/insights";
import { applyDealCue } from "../crm/insights/dealStage";
import { factKeys } from "../crm/insights/facts";
import { decryptString } from "../lib/crypto";
import { authorTimeZone, readerTimeZone } from "../lib/timezone";
import { chatCompletion } from "./endpoint";
import { aiKeyAad } from "./settings";
import { addUsage, overCapMessage } from "./usage";

/** What the model answers: flat, every field present (strict JSON-schema mode needs that). */
export const aiAnswerSchema = z
  .object({
    sentiment: z.enum(["positive", "neutral", "negative"]).nullable(),
    confidence: z.number().min(0).max(1),
    dealStage: z.enum(DEAL_STAGES as [DealStage, ...DealStage[]]).nullable(),
    dealQuote: z.string().min(1).max(300).nullable(),
    commitments: z
      .array(
        z
          .object({ quote: z.string().min(3).max(500), dueAt: z.string().datetime({ offset: true }).nullable() })
          .strict(),
      )
      .max(25),
  })
  .strict();
export type AiAnswer = z.infer<typeof aiAnswerSchema>;

const ANSWER_JSON_SCHEMA = z.toJSONSchema(aiAnswerSchema);

/** The answer as a review of the candidates: null/empty fields keep what the rules found. */
export function toReview(a: AiAnswer): LlmReview {
  const sign = a.sentiment === "positive" ? 1 : a.sentiment === "negative" ? -1 : 0;
  return llmReviewSchema.parse({
    ...(a.sentiment
      ? { sentiment: { label: a.sentiment, score: Math.round(sign * Math.max(0.2, a.confidence * 0.6) * 100) / 100 } }
      : {}),
    ...(a.dealStage && a.dealQuote ? { dealStage: { stage: a.dealStage, quote: a.dealQuote } } : {}),
    ...(a.commitments.length ? { commitments: a.commitments } : {}),
  });
}

export const load = internalQuery({
  args: { reviewId: v.id("aiReviews") },
  handler: async (ctx, { reviewId }) => {
    const review = await ctx.db.get(reviewId);
    if (review?.status !== "pending") return null;
    const [msg, org, contact] = await Promise.all([
      ctx.db.get(review.messageId),
      ctx.db.get(review.organizationId),
      ctx.db.get(review.contactId),
    ]);
    if (!msg || !org) return null;
    return {
      review,
      msg,
      timezone: authorTimeZone(msg.direction, contact?.timezone, org.timezone),
      readerTimezone: readerTimeZone(msg.direction, contact?.timezone, org.timezone),
      defaultRegion: org.defaultRegion,
    };
  },
});

export const run = internalAction({
  args: { reviewId: v.id("aiReviews") },
  handler: async (ctx, { reviewId }) => {
    const loaded = await ctx.runQuery(internal.ai.reviews.load, { reviewId });
    if (!loaded) return null;
    const { review, msg, timezone, readerTimezone } = loaded;
    const settings = await ctx.runQuery(internal.ai.usage.allowance, { organizationId: review.organizationId });
    if (settings.status !== "ok") {
      await ctx.runMutation(internal.ai.reviews.finish, {
        reviewId,
        status: "failed",
        error: settings.status === "over_cap" ? overCapMessage(settings.used, settings.cap) : "AI step not configured",
      });
      return null;
    }
    const input = toMessageInput(msg);
    const ext = extractDeterministic(input, { timezone, readerTimezone });
    const deal = ext.dealCue ?? uncertainDealCandidate(input, ext);
    const candidates = {
      sentiment: ext.sentiment.label,
      // a stage the calibrated threshold held back (the uncertain band) is still the rules' candidate to review
      dealStage: deal ? { stage: deal.stage, quote: deal.cue } : null,
      commitments: ext.commitments.map((c) => ({
        quote: c.text,
        dueAt: c.dueAt === null ? null : new Date(c.dueAt).toISOString(),
      })),
    };
    let usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    try {
      const result = await chatCompletion({
        baseUrl: settings.baseUrl,
        apiKey: await decryptString(settings.apiKey, aiKeyAad(review.organizationId)),
        model: settings.model,
        maxTokens: settings.maxTokens,
        schema: { name: "crm_review", schema: ANSWER_JSON_SCHEMA },
        messages: [
          {
            role: "system",
            content: [
              "You review facts a rule-based extractor found in one customer message (the user message) for a CRM.",
              "Answer with the JSON object of the schema. sentiment: the author's tone (sarcasm is negative, politeness alone is neutral), null to keep the candidate;",
              "confidence 0..1; dealStage + dealQuote (exact text from the message) when the message moves a sales deal, else null;",
              "commitments: promises by the author's side, each quote copied exactly from the message, dueAt ISO-8601 with offset or null; [] keeps the candidates.",
              `Why you are asked: ${review.reasons.join("; ")}. Time zone: ${timezone}.${readerTimezone ? ` The reader's time zone ("your time"): ${readerTimezone}.` : ""} Sent at: ${new Date(msg.sentAt).toISOString()}.`,
              `Candidates: ${JSON.stringify(candidates)}`,
            ].join("\n"),
          },
          { role: "user", content: input.text },
        ],
      });
      usage = result.usage;
      if (result.finishReason === "length") throw new Error("answer cut at max tokens");
      const answer = aiAnswerSchema.safeParse(parseJsonReply(result.content));
      if (!answer.success)
        throw new Error(
          `answer failed validation: ${answer.error.issues
            .map((i) => `${i.path.join(".")}: ${i.message}`)
            .join("; ")
            .slice(0, 300)}`,
        );
      const merged = mergeReview(input, ext, toReview(answer.data));
      if (merged.dropped.length)
        throw new Error(`quotes not in the message: ${merged.dropped.join("; ").slice(0, 300)}`);
      await ctx.runMutation(internal.ai.reviews.finish, {
        reviewId,
        status: "applied",
        review: toReview(answer.data),
        model: settings.model,
        ...usage,
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await ctx.runMutation(internal.ai.reviews.finish, {
        reviewId,
        status: usage.totalTokens ? "rejected" : "failed",
        error: error.slice(0, 500),
        model: settings.model,
        ...usage,
      });
    }
    return null;
  },
});

export const finish = internalMutation({
  args: {
    reviewId: v.id("aiReviews"),
    status: v.union(v.literal("applied"), v.literal("rejected"), v.literal("failed")),
    review: v.optional(v.any()),
    error: v.optional(v.string()),
    model: v.optional(v.string()),
    promptTokens: v.optional(v.number()),
    completionTokens: v.optional(v.number()),
    totalTokens: v.optional(v.number()),
  },
  handler: async (ctx, { reviewId, ...result }) => {
    const row = await ctx.db.get(reviewId);
    if (row?.status !== "pending") return;
    const review = result.review === undefined ? undefined : llmReviewSchema.parse(result.review);
    await ctx.db.patch(reviewId, { ...result, review, finishedAt: Date.now() });
    if (result.totalTokens)
      await addUsage(ctx, row.organizationId, {
        promptTokens: result.promptTokens ?? 0,
        completionTokens: result.completionTokens ?? 0,
        totalTokens: result.totalTokens,
      });
    if (result.status !== "applied" || !review) return;
    const { organizationId, messageId, contactId } = row;
    const msg = await ctx.db.get(messageId);
    const insight = await ctx.db
      .query("messageInsights")
      .withIndex("by_message", (q) => q.eq("organizationId", organizationId).eq("messageId", messageId))
      .first();
    if (!msg || !insight) return;
    // An agent's verdict outranks the model: corrected facts are left alone.
    const verdicts = new Set(
      (
        await ctx.db
          .query("factCorrections")
          .withIndex("by_message", (q) => q.eq("organizationId", organizationId).eq("messageId", messageId))
          .take(100)
      ).map((c) => c.factKey),
    );
    const input = toMessageInput(msg);
    const merged = mergeReview(input, extractDeterministic(input), review).extraction;
    const now = Date.now();
    const patch: Record<string, unknown> = { source: "ai" };
    if (review.sentiment && !verdicts.has(factKeys.sentiment()))
      Object.assign(patch, { sentiment: merged.sentiment.score, sentimentLabel: merged.sentiment.label });
    if (review.dealStage && merged.dealCue && !verdicts.has(factKeys.dealStage())) {
      const cue = merged.dealCue;
      const where = cue.span && msg.text.slice(cue.span.start, cue.span.end) === cue.span.quote ? cue.span : undefined;
      patch.dealCue = { stage: cue.stage, confidence: cue.confidence, cue: cue.cue, reopen: cue.reopen, span: where };
      const stage = await applyDealCue(ctx, {
        organizationId,
        contactId,
        cue,
        messageId,
        sentAt: msg.sentAt,
        span: where,
        source: "ai",
        note: " (AI review)",
        now,
      });
      if (stage) await ctx.db.patch(contactId, { dealStage: stage, updatedAt: now });
    }
    await ctx.db.patch(insight._id, patch);
    if (review.commitments) {
      const stored = await ctx.db
        .query("commitments")
        .withIndex("by_message", (q) => q.eq("organizationId", organizationId).eq("sourceMessageId", messageId))
        .take(50);
      const have = new Set(stored.map((c) => c.factKey ?? factKeys.commitment(c.text)));
      for (const c of merged.commitments.slice(0, 20)) {
        const factKey = factKeys.commitment(c.text);
        if (have.has(factKey) || verdicts.has(factKey)) continue;
        const where = c.span && msg.text.slice(c.span.start, c.span.end) === c.span.quote ? c.span : undefined;
        await ctx.db.insert("commitments", {
          organizationId,
          contactId,
          sourceMessageId: messageId,
          text: c.text,
          action: c.action,
          kind: c.kind,
          actor: c.actor,
          status: "open",
          dueAt: c.dueAt ?? undefined,
          createdAt: c.createdAt,
          span: where,
          factKey,
          source: "ai",
        });
      }
    }
  },
});
