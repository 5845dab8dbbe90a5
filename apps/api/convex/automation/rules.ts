import { MAX_RULES_PER_ORG, RuleError, type RuleInput, validateRule } from "@switchboard/insights";
import { type Infer, v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { adminMutation, memberQuery } from "../lib/functions";
import { ruleAction, ruleCondition, ruleTrigger } from "../schema/automation";

/**
 * Automation rules: owners and admins write them, every member sees them (what will happen to
 * a thread should not be a secret to the agent working it). Validation is packages/insights
 * `validateRule` (bounds, the regex guard); here every id a rule names is checked to belong to
 * the organization, so a rule can never reach another tenant's labels, replies or members.
 */

const ruleFields = {
  name: v.string(),
  trigger: ruleTrigger,
  conditions: v.array(ruleCondition),
  actions: v.array(ruleAction),
};
export type RuleFields = { name: string; trigger: Infer<typeof ruleTrigger> } & {
  conditions: Infer<typeof ruleCondition>[];
  actions: Infer<typeof ruleAction>[];
};

async function cleanRule(ctx: MutationCtx, organizationId: Id<"organizations">, input: RuleFields) {
  let clean: RuleInput;
  try {
    clean = validateRule(input as RuleInput);
  } catch (e) {
    if (e instanceof RuleError) fail("invalid_argument", e.message);
    throw e;
  }
  for (const c of input.conditions) if (c.kind === "label") await getOwned(ctx, organizationId, c.labelId);
  for (const a of input.actions) {
    if (a.kind === "addLabel") await getOwned(ctx, organizationId, a.labelId);
    if (a.kind === "assign") await getOwned(ctx, organizationId, a.memberId);
    if (a.kind === "assignTeam") await getOwned(ctx, organizationId, a.teamId);
    if (a.kind === "webhook") {
      const endpoint = await getOwned(ctx, organizationId, a.endpointId);
      // The endpoint's URL passed the outbound URL policy when it was saved (webhooks/endpoints.ts)
      // and is checked again before every attempt; a rule cannot name a URL of its own.
      if (!endpoint.enabled) fail("invalid_argument", "webhook: the endpoint is disabled; enable it first");
    }
    if (a.kind === "reply") {
      const reply = await getOwned(ctx, organizationId, a.savedReplyId);
      if (reply.owner !== "organization") fail("invalid_argument", "reply: use an organization-wide saved reply");
    }
  }
  // validateRule only trims and checks; the validated ids are the input's.
  return clean as unknown as RuleFields;
}

export const list = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const rules = await ctx.db
      .query("automationRules")
      .withIndex("by_trigger", (q) => q.eq("organizationId", organizationId))
      .take(MAX_RULES_PER_ORG);
    return rules.sort((a, b) => a.createdAt - b.createdAt);
  },
});

export const create = adminMutation({
  args: { ...ruleFields, enabled: v.optional(v.boolean()) },
  handler: async (ctx, { organizationId, enabled, ...input }) => insertRule(ctx, organizationId, input, enabled),
});

/** Validates and stores a rule (the settings page and the demo seed). */
export async function insertRule(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  input: RuleFields,
  enabled?: boolean,
): Promise<Id<"automationRules">> {
  const existing = await ctx.db
    .query("automationRules")
    .withIndex("by_trigger", (q) => q.eq("organizationId", organizationId))
    .take(MAX_RULES_PER_ORG);
  if (existing.length >= MAX_RULES_PER_ORG) fail("conflict", `At most ${MAX_RULES_PER_ORG} rules`);
  const clean = await cleanRule(ctx, organizationId, input);
  const now = Date.now();
  return ctx.db.insert("automationRules", {
    organizationId,
    ...clean,
    enabled: enabled ?? true,
    createdAt: now,
    updatedAt: now,
  });
}

export const update = adminMutation({
  args: { ruleId: v.id("automationRules"), ...ruleFields, enabled: v.boolean() },
  handler: async (ctx, { organizationId, ruleId, enabled, ...input }) => {
    const rule = await getOwned(ctx, organizationId, ruleId);
    const clean = await cleanRule(ctx, organizationId, input);
    await ctx.db.patch(rule._id, { ...clean, enabled, updatedAt: Date.now() });
    return null;
  },
});

export const setEnabled = adminMutation({
  args: { ruleId: v.id("automationRules"), enabled: v.boolean() },
  handler: async (ctx, { organizationId, ruleId, enabled }) => {
    const rule = await getOwned(ctx, organizationId, ruleId);
    await ctx.db.patch(rule._id, { enabled, updatedAt: Date.now() });
    return null;
  },
});

/** Deletes a rule; its runs stay in the log (they name the rule). */
export const remove = adminMutation({
  args: { ruleId: v.id("automationRules") },
  handler: async (ctx, { organizationId, ruleId }) => {
    const rule = await getOwned(ctx, organizationId, ruleId);
    await ctx.db.delete(rule._id);
    return null;
  },
});
