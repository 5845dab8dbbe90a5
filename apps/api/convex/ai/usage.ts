/**
 * Token usage per organization: one counter row per UTC day (aiUsageDays), added to after every
 * call to the endpoint, and the monthly cap checked before every call. The cap is checked, not
 * reserved: calls running at the same moment can each pass the check, so a month may end at most
 * a few answers (each bounded by maxTokens) over it.
 */
import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type MutationCtx, type QueryCtx } from "../_generated/server";
import { adminQuery } from "../lib/functions";

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** "YYYY-MM-DD" of a time, UTC. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** "YYYY-MM" of a time, UTC. */
export const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** The day rows of the month containing `now` (at most 31: the index range bounds the read). */
function monthRows(ctx: QueryCtx, organizationId: Id<"organizations">, now: number) {
  const month = monthOf(now);
  return ctx.db
    .query("aiUsageDays")
    .withIndex("by_org_day", (q) =>
      q.eq("organizationId", organizationId).gte("day", `${month}-01`).lte("day", `${month}-31`),
    )
    .take(31);
}

export async function monthTokens(ctx: QueryCtx, organizationId: Id<"organizations">, now = Date.now()) {
  return (await monthRows(ctx, organizationId, now)).reduce((sum, d) => sum + d.totalTokens, 0);
}

/** Adds one call's usage to today's counter of the organization. */
export async function addUsage(ctx: MutationCtx, organizationId: Id<"organizations">, usage: TokenUsage) {
  const day = dayOf(Date.now());
  const row = await ctx.db
    .query("aiUsageDays")
    .withIndex("by_org_day", (q) => q.eq("organizationId", organizationId).eq("day", day))
    .first();
  if (row)
    await ctx.db.patch(row._id, {
      requests: row.requests + 1,
      promptTokens: row.promptTokens + usage.promptTokens,
      completionTokens: row.completionTokens + usage.completionTokens,
      totalTokens: row.totalTokens + usage.totalTokens,
    });
  else await ctx.db.insert("aiUsageDays", { organizationId, day, requests: 1, ...usage });
}

export const record = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    promptTokens: v.number(),
    completionTokens: v.number(),
    totalTokens: v.number(),
  },
  handler: async (ctx, { organizationId, ...usage }) => addUsage(ctx, organizationId, usage),
});

export type Allowance =
  | { status: "not_configured" }
  | { status: "over_cap"; used: number; cap: number }
  | {
      status: "ok";
      baseUrl: string;
      model: string;
      maxTokens?: number;
      apiKey: { kid: string; iv: string; ct: string };
    };

/** Whether the organization may call its endpoint now, with what (the sealed key included). */
export async function allowanceOf(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<Allowance> {
  const row = await ctx.db
    .query("aiSettings")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .first();
  if (!row?.enabled) return { status: "not_configured" };
  if (row.monthlyTokenCap !== undefined) {
    const used = await monthTokens(ctx, organizationId);
    if (used >= row.monthlyTokenCap) return { status: "over_cap", used, cap: row.monthlyTokenCap };
  }
  return { status: "ok", baseUrl: row.baseUrl, model: row.model, maxTokens: row.maxTokens, apiKey: row.apiKey };
}

export const allowance = internalQuery({
  args: { organizationId: v.id("organizations") },
  handler: (ctx, { organizationId }) => allowanceOf(ctx, organizationId),
});

/** The refusal shown to the agent when the month's tokens are spent. */
export const overCapMessage = (used: number, cap: number) =>
  `The organization's monthly AI token cap is reached (${used.toLocaleString("en-US")} of ${cap.toLocaleString("en-US")} tokens); an admin can raise it in Settings → AI.`;

/** This month's usage by day and the cap (settings/ai). */
export const month = adminQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const now = Date.now();
    const days = await monthRows(ctx, organizationId, now);
    const settings = await ctx.db
      .query("aiSettings")
      .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
      .first();
    const total = { requests: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    for (const d of days) {
      total.requests += d.requests;
      total.promptTokens += d.promptTokens;
      total.completionTokens += d.completionTokens;
      total.totalTokens += d.totalTokens;
    }
    return {
      month: monthOf(now),
      ...total,
      cap: settings?.monthlyTokenCap ?? null,
      days: days.map((d) => ({ day: d.day, requests: d.requests, totalTokens: d.totalTokens })),
    };
  },
});
