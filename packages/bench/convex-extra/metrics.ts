/**
 * Benchmark probe, copied into the benchmark's private functions folder only (never deployed):
 * runs a real function as a nested call inside one transaction and reports the transaction
 * metrics (documents/bytes read and written) that call added.
 */
import { makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";

type Metrics = Record<string, { used: number; remaining: number }>;
const used = (m: Metrics) => Object.fromEntries(Object.entries(m).map(([k, x]) => [k, x.used]));
const diff = (a: Metrics, b: Metrics) =>
  Object.fromEntries(Object.keys(b).map((k) => [k, b[k]!.used - (a[k]?.used ?? 0)]));

export const measureQuery = internalQuery({
  args: { path: v.string(), args: v.any() },
  handler: async (ctx, { path, args }) => {
    const before = (await ctx.meta.getTransactionMetrics()) as unknown as Metrics;
    const result = await ctx.runQuery(makeFunctionReference<"query">(path) as never, args);
    const after = (await ctx.meta.getTransactionMetrics()) as unknown as Metrics;
    return { metrics: diff(before, after), total: used(after), resultSize: JSON.stringify(result ?? null).length };
  },
});

export const measureMutation = internalMutation({
  args: { path: v.string(), args: v.any() },
  handler: async (ctx, { path, args }) => {
    const before = (await ctx.meta.getTransactionMetrics()) as unknown as Metrics;
    const result = await ctx.runMutation(makeFunctionReference<"mutation">(path) as never, args);
    const after = (await ctx.meta.getTransactionMetrics()) as unknown as Metrics;
    return { metrics: diff(before, after), total: used(after), result: result ?? null };
  },
});
