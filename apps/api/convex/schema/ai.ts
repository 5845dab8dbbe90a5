import { defineTable } from "convex/server";
import { v } from "convex/values";

/** An encrypted secret (lib/crypto.ts Envelope). */
const envelope = v.object({ kid: v.string(), iv: v.string(), ct: v.string() });

/** The optional AI step (ai/): one OpenAI-compatible endpoint per organization and the calls made to it. */
export const aiTables = {
  /** Off unless a row exists and is enabled. The API key is sealed like channel credentials and never returned. */
  aiSettings: defineTable({
    organizationId: v.id("organizations"),
    enabled: v.boolean(),
    /** Origin + path prefix; requests go to `${baseUrl}/chat/completions` (OpenAI convention: base ends in /v1). */
    baseUrl: v.string(),
    model: v.string(),
    /** Cap on the answer's tokens (default ai/endpoint.ts DEFAULT_MAX_TOKENS). */
    maxTokens: v.optional(v.number()),
    apiKey: envelope,
    updatedBy: v.id("members"),
    updatedAt: v.number(),
  }).index("by_org", ["organizationId"]),

  /**
   * One review of an uncertain message by the organization's model: the validated answer (or why
   * none was used) and the token usage. A row per call, not a counter per organization, so no
   * document is written by every call (usage is summed over a bounded window at read time).
   */
  aiReviews: defineTable({
    organizationId: v.id("organizations"),
    messageId: v.id("unifiedMessages"),
    contactId: v.id("contacts"),
    status: v.union(v.literal("pending"), v.literal("applied"), v.literal("rejected"), v.literal("failed")),
    reasons: v.array(v.string()),
    model: v.optional(v.string()),
    /** The model's answer after zod validation (llmReviewSchema of packages/insights), only when valid. */
    review: v.optional(v.any()),
    error: v.optional(v.string()),
    promptTokens: v.optional(v.number()),
    completionTokens: v.optional(v.number()),
    totalTokens: v.optional(v.number()),
    createdAt: v.number(),
    finishedAt: v.optional(v.number()),
  })
    .index("by_message", ["organizationId", "messageId"])
    .index("by_org_created", ["organizationId", "createdAt"]),
};
