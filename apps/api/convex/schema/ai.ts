import { defineTable } from "convex/server";
import { v } from "convex/values";
import { channelId } from "./validators";

/** An encrypted secret (lib/crypto.ts Envelope). */
const envelope = v.object({ kid: v.string(), iv: v.string(), ct: v.string() });

/** What an AI thread summary stores (ai/assist.ts writes it with these as its arguments). */
export const threadSummaryFields = {
  organizationId: v.id("organizations"),
  threadId: v.id("conversationThreads"),
  summary: v.string(),
  /** How many messages (the newest ones) it was made from, and the newest one's time. */
  messageCount: v.number(),
  lastMessageAt: v.number(),
  model: v.string(),
  promptTokens: v.number(),
  completionTokens: v.number(),
  totalTokens: v.number(),
  /** The member who asked, absent when an automation rule did. */
  requestedBy: v.optional(v.id("members")),
};

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
    /** Tokens the organization may spend per calendar month (UTC); calls over it are refused. Unset = no cap. */
    monthlyTokenCap: v.optional(v.number()),
    apiKey: envelope,
    /** Absent when an operator seeded it (the `pnpm dev` demo). */
    updatedBy: v.optional(v.id("members")),
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

  /**
   * Token usage per organization and UTC day: one counter row per (organization, day), incremented
   * after every call (reviews, summaries, drafts). The monthly cap reads at most 31 of them; a
   * per-call row would grow without bound and make the cap check a scan.
   */
  aiUsageDays: defineTable({
    organizationId: v.id("organizations"),
    /** "YYYY-MM-DD" (UTC). */
    day: v.string(),
    requests: v.number(),
    promptTokens: v.number(),
    completionTokens: v.number(),
    totalTokens: v.number(),
  }).index("by_org_day", ["organizationId", "day"]),

  /** The latest AI summary of a thread (one row per thread, replaced on refresh). */
  threadSummaries: defineTable({ ...threadSummaryFields, createdAt: v.number() }).index("by_thread", [
    "organizationId",
    "threadId",
  ]),

  /**
   * Reply drafts an automation rule's AI step left for the agent (never sent by themselves): the
   * thread view offers the newest one to the composer. Drafts an agent asks for go straight to the
   * composer and are not stored.
   */
  aiDrafts: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    text: v.string(),
    channel: channelId,
    model: v.string(),
    totalTokens: v.number(),
    ruleId: v.optional(v.id("automationRules")),
    createdAt: v.number(),
  }).index("by_thread", ["organizationId", "threadId", "createdAt"]),
};
