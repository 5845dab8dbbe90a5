/**
 * Thread summaries and reply drafts from the organization's AI endpoint (issue 12 item 4), for
 * agents (the thread view's Summarise and the composer's Draft reply) and for the automation
 * rule action "run AI step". Nothing is called unless the organization has enabled an endpoint
 * and is under its monthly token cap; every call's tokens go to the daily counter (ai/usage.ts).
 * Drafts are text for an agent to edit: nothing here sends a message.
 */

import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import type { ChannelId } from "@switchboard/channels";
import { ConvexError, type Infer, type ObjectType, v } from "convex/values";
import { components, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import {
  type ActionCtx,
  internalAction,
  internalMutation,
  internalQuery,
  type MutationCtx,
} from "../_generated/server";
import { findOwned, getOwned } from "../lib/auth";
import { decryptString } from "../lib/crypto";
import { memberAction, memberQuery } from "../lib/functions";
import type { threadSummaryFields } from "../schema/ai";
import { channelId } from "../schema/validators";
import { chatCompletion } from "./endpoint";
import {
  type AiTask,
  ANSWER_MAX_TOKENS,
  draftRequest,
  MAX_MESSAGES,
  parseAnswer,
  summaryRequest,
  transcriptOf,
} from "./prompts";
import { aiKeyAad } from "./settings";
import { addUsage, allowanceOf, overCapMessage } from "./usage";

/** Drafts an automation left on one thread that the thread view reads (newest first). */
const DRAFTS_SHOWN = 3;

/**
 * Agents' Summarise / Draft reply clicks: the monthly cap bounds the cost, these bound the rate (a
 * stuck key or a script cannot burn the month in a minute). Token buckets of the rate-limiter
 * component; automation steps are bounded by the rules' own once-per-event guarantee instead.
 */
const aiRateLimiter = new RateLimiter(components.rateLimiter, {
  aiPerMember: { kind: "token bucket", rate: 20, period: MINUTE, capacity: 10 },
  aiPerOrg: { kind: "token bucket", rate: 120, period: MINUTE, capacity: 60 },
});

async function limitAgentCall(ctx: ActionCtx, organizationId: Id<"organizations">, memberId: Id<"members">) {
  for (const [name, key] of [
    ["aiPerMember", memberId],
    ["aiPerOrg", organizationId],
  ] as const) {
    const status = await aiRateLimiter.limit(ctx, name, { key });
    if (!status.ok)
      throw new AiRefusal({
        code: "rate_limited",
        message: `Too many AI requests; try again in ${Math.max(1, Math.ceil((status.retryAfter ?? 1000) / 1000))} s`,
      });
  }
}

/** Everything one call needs, read in one transaction: the allowance, the thread's channel and newest messages. */
export const prepare = internalQuery({
  args: { organizationId: v.id("organizations"), threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    const thread = await findOwned(ctx, organizationId, threadId);
    if (!thread) return null;
    const allowance = await allowanceOf(ctx, organizationId);
    if (allowance.status !== "ok") return { allowance, channel: thread.lastChannel, messages: [] };
    const newest = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_thread_sent", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
      .order("desc")
      .take(MAX_MESSAGES);
    return {
      allowance,
      channel: thread.lastChannel,
      messages: newest.map((m) => ({
        direction: m.direction,
        channel: m.channel,
        sentAt: m.sentAt,
        text: m.text,
        subject: m.subject,
      })),
    };
  },
});

/** One usable answer: its text, what it was made from and the tokens it cost. */
const generatedFields = {
  text: v.string(),
  model: v.string(),
  channel: channelId,
  messageCount: v.number(),
  lastMessageAt: v.number(),
  promptTokens: v.number(),
  completionTokens: v.number(),
  totalTokens: v.number(),
};
type Generated = ObjectType<typeof generatedFields>;

class AiRefusal extends ConvexError<{ code: string; message: string }> {}

/** One summary or draft; throws AiRefusal (not configured, over cap, no messages, bad answer). */
async function generate(
  ctx: ActionCtx,
  organizationId: Id<"organizations">,
  threadId: Id<"conversationThreads">,
  task: AiTask,
  replyChannel?: ChannelId,
): Promise<Generated> {
  const prep = await ctx.runQuery(internal.ai.assist.prepare, { organizationId, threadId });
  if (!prep) throw new AiRefusal({ code: "not_found", message: "Not found" });
  const { allowance } = prep;
  const channel = replyChannel ?? prep.channel;
  if (allowance.status === "not_configured")
    throw new AiRefusal({ code: "ai_not_configured", message: "AI is not configured for this organization" });
  if (allowance.status === "over_cap")
    throw new AiRefusal({ code: "ai_over_cap", message: overCapMessage(allowance.used, allowance.cap) });
  const transcript = transcriptOf(prep.messages);
  if (transcript.messages.length === 0)
    throw new AiRefusal({ code: "invalid_argument", message: "The conversation has no text to work from" });
  const request = task === "summary" ? summaryRequest(transcript) : draftRequest(transcript, channel);
  let result: Awaited<ReturnType<typeof chatCompletion>>;
  try {
    result = await chatCompletion({
      baseUrl: allowance.baseUrl,
      apiKey: await decryptString(allowance.apiKey, aiKeyAad(organizationId)),
      model: allowance.model,
      maxTokens: Math.min(allowance.maxTokens ?? ANSWER_MAX_TOKENS, ANSWER_MAX_TOKENS),
      ...request,
    });
  } catch (err) {
    throw new AiRefusal({ code: "ai_failed", message: `AI ${task} failed: ${(err as Error).message}`.slice(0, 300) });
  }
  const parsed =
    result.finishReason === "length"
      ? ({ ok: false, error: "the answer was cut at the token limit" } as const)
      : parseAnswer(task, result.content, channel);
  if (!parsed.ok) {
    // The tokens were spent even though the answer is unusable.
    await ctx.runMutation(internal.ai.usage.record, { organizationId, ...result.usage });
    throw new AiRefusal({ code: "ai_failed", message: `AI ${task} failed: ${parsed.error}` });
  }
  return {
    text: parsed.text,
    model: allowance.model,
    channel,
    messageCount: transcript.messages.length,
    lastMessageAt: transcript.lastMessageAt,
    ...result.usage,
  };
}

/** Which answer is asked for (prompts.ts AiTask). */
const aiTask = v.union(v.literal("draft"), v.literal("summary"));
/** Who asked: an agent (their summary names them) or an automation rule (its draft is stored). */
const requester = v.union(v.object({ memberId: v.id("members") }), v.object({ ruleId: v.id("automationRules") }));

/**
 * What every answer leaves, whoever asked: its tokens on the daily counter, and the thread's
 * summary (replacing the previous one) or, when a rule asked, a draft for the thread view (an
 * agent's draft goes to their composer and is not stored).
 */
async function keep(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  threadId: Id<"conversationThreads">,
  task: AiTask,
  { text, channel, model, messageCount, lastMessageAt, ...usage }: Generated,
  by: Infer<typeof requester>,
) {
  await addUsage(ctx, organizationId, usage);
  const createdAt = Date.now();
  if (task === "summary") {
    const summary: ObjectType<typeof threadSummaryFields> = {
      organizationId,
      threadId,
      summary: text,
      messageCount,
      lastMessageAt,
      model,
      ...usage,
      ...("memberId" in by ? { requestedBy: by.memberId } : {}),
    };
    const row = await ctx.db
      .query("threadSummaries")
      .withIndex("by_thread", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
      .first();
    if (row) await ctx.db.replace(row._id, { ...summary, createdAt });
    else await ctx.db.insert("threadSummaries", { ...summary, createdAt });
  } else if ("ruleId" in by) {
    const { totalTokens } = usage;
    await ctx.db.insert("aiDrafts", {
      organizationId,
      threadId,
      text,
      channel,
      model,
      totalTokens,
      ruleId: by.ruleId,
      createdAt,
    });
  }
}

export const store = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    task: aiTask,
    generated: v.object(generatedFields),
    by: requester,
  },
  handler: async (ctx, { organizationId, threadId, task, generated, by }) =>
    keep(ctx, organizationId, threadId, task, generated, by),
});

/** An agent's Summarise or Draft reply: rate-limited, generated, then kept (keep). */
async function assistAgent(
  ctx: ActionCtx & { member: { _id: Id<"members"> } },
  organizationId: Id<"organizations">,
  threadId: Id<"conversationThreads">,
  task: AiTask,
  channel?: ChannelId,
): Promise<Generated> {
  await limitAgentCall(ctx, organizationId, ctx.member._id);
  const generated = await generate(ctx, organizationId, threadId, task, channel);
  await ctx.runMutation(internal.ai.assist.store, {
    organizationId,
    threadId,
    task,
    generated,
    by: { memberId: ctx.member._id },
  });
  return generated;
}

/** Whether Summarise / Draft reply can be offered (any member; says nothing about the endpoint). */
export const availability = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const allowance = await allowanceOf(ctx, organizationId);
    return { status: allowance.status };
  },
});

/** The stored summary of a thread (or null). */
export const summary = memberQuery({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    await getOwned(ctx, organizationId, threadId);
    const row = await ctx.db
      .query("threadSummaries")
      .withIndex("by_thread", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
      .first();
    return row
      ? {
          summary: row.summary,
          model: row.model,
          messageCount: row.messageCount,
          lastMessageAt: row.lastMessageAt,
          totalTokens: row.totalTokens,
          createdAt: row.createdAt,
        }
      : null;
  },
});

/** Summarises the thread's newest messages and stores the summary (replacing the previous one). */
export const summarize = memberAction({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }): Promise<{ summary: string; totalTokens: number }> => {
    const g = await assistAgent(ctx, organizationId, threadId, "summary");
    return { summary: g.text, totalTokens: g.totalTokens };
  },
});

/**
 * A reply draft for the composer: returned to the agent to edit, never sent or stored. `channel`
 * is the composer's channel (its length hint), else the thread's last one.
 */
export const draftReply = memberAction({
  args: { threadId: v.id("conversationThreads"), channel: v.optional(channelId) },
  handler: async (
    ctx,
    { organizationId, threadId, channel },
  ): Promise<{ text: string; channel: ChannelId; model: string }> => {
    const g = await assistAgent(ctx, organizationId, threadId, "draft", channel);
    return { text: g.text, channel: g.channel, model: g.model };
  },
});

/** Drafts automation rules left on the thread, newest first. */
export const drafts = memberQuery({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    await getOwned(ctx, organizationId, threadId);
    const rows = await ctx.db
      .query("aiDrafts")
      .withIndex("by_thread", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
      .order("desc")
      .take(DRAFTS_SHOWN);
    return rows.map((d) => ({ _id: d._id, text: d.text, channel: d.channel, model: d.model, createdAt: d.createdAt }));
  },
});

// ---------------------------------------------------------------- the automation rule action

const stepResult = v.union(
  v.object({ ok: v.literal(true), ...generatedFields }),
  v.object({ ok: v.literal(false), error: v.string() }),
);

/** Writes the step's result: the summary or the draft, its usage, and the outcome in the rule's run log. */
export const finishStep = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    ruleId: v.id("automationRules"),
    eventId: v.string(),
    mode: aiTask,
    result: stepResult,
  },
  handler: async (ctx, { organizationId, threadId, ruleId, eventId, mode, result }) => {
    let detail: string;
    if (result.ok) {
      const { ok: _ok, ...generated } = result;
      await keep(ctx, organizationId, threadId, mode, generated, { ruleId });
      detail = `${mode} stored (${generated.totalTokens} tokens)`;
    } else detail = result.error.slice(0, 200);
    const run = await ctx.db
      .query("automationRuns")
      .withIndex("by_rule_event", (q) =>
        q.eq("organizationId", organizationId).eq("ruleId", ruleId).eq("eventId", eventId),
      )
      .first();
    if (!run) return;
    const i = run.actions.findIndex((a) => a.kind === "aiStep" && a.detail?.startsWith("queued"));
    if (i < 0) return;
    const actions = run.actions.slice();
    actions[i] = { kind: "aiStep", status: result.ok ? "done" : "failed", detail };
    await ctx.db.patch(run._id, {
      actions,
      errors: result.ok ? run.errors : [...new Set([...run.errors, `aiStep: ${detail}`])],
    });
  },
});

/** Scheduled by automation/triggers.ts when a rule's "run AI step" action matched. */
export const runStep = internalAction({
  args: {
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    ruleId: v.id("automationRules"),
    eventId: v.string(),
    mode: aiTask,
  },
  handler: async (ctx, args) => {
    let result: Infer<typeof stepResult>;
    try {
      result = { ok: true, ...(await generate(ctx, args.organizationId, args.threadId, args.mode)) };
    } catch (err) {
      const message = err instanceof ConvexError ? (err.data as { message: string }).message : (err as Error).message;
      result = { ok: false, error: message };
    }
    await ctx.runMutation(internal.ai.assist.finishStep, { ...args, result });
  },
});
