import { v } from "convex/values";
import { getOwned } from "../lib/auth";
import { adminQuery } from "../lib/functions";

/** The automation run log (admins): newest first, bounded; optionally one rule's runs. */
const MAX_RUNS = 100;

export const list = adminQuery({
  args: { ruleId: v.optional(v.id("automationRules")), limit: v.optional(v.number()) },
  handler: async (ctx, { organizationId, ruleId, limit }) => {
    const take = Math.max(1, Math.min(MAX_RUNS, Math.floor(limit ?? 50)));
    if (ruleId) {
      await getOwned(ctx, organizationId, ruleId);
      return ctx.db
        .query("automationRuns")
        .withIndex("by_rule_ran", (q) => q.eq("organizationId", organizationId).eq("ruleId", ruleId))
        .order("desc")
        .take(take);
    }
    return ctx.db
      .query("automationRuns")
      .withIndex("by_ran", (q) => q.eq("organizationId", organizationId))
      .order("desc")
      .take(take);
  },
});
