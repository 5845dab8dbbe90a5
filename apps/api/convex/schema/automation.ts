import { CONTACT_FIELDS, RULE_PRIORITIES, RULE_TRIGGERS } from "@switchboard/insights/rules";
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { dealStage } from "./crm";
import { channelId, literals } from "./validators";

/**
 * Automation rules (the agent pipeline after coalescing) and their run log. The shapes mirror
 * packages/insights/src/rules.ts, which validates and evaluates them.
 */

export const ruleTrigger = literals(RULE_TRIGGERS);
export const rulePriority = literals(RULE_PRIORITIES);

export const ruleCondition = v.union(
  v.object({ kind: v.literal("channel"), channels: v.array(channelId) }),
  v.object({ kind: v.literal("textContains"), value: v.string() }),
  v.object({ kind: v.literal("textMatches"), pattern: v.string() }),
  v.object({ kind: v.literal("label"), labelId: v.id("labels") }),
  v.object({
    kind: v.literal("contactField"),
    field: literals(CONTACT_FIELDS),
    op: v.union(v.literal("equals"), v.literal("contains"), v.literal("present")),
    value: v.optional(v.string()),
  }),
  v.object({
    kind: v.literal("businessHours"),
    inside: v.boolean(),
    days: v.array(v.number()),
    startHour: v.number(),
    endHour: v.number(),
  }),
  v.object({
    kind: v.literal("sentiment"),
    label: v.union(v.literal("positive"), v.literal("neutral"), v.literal("negative")),
  }),
  v.object({ kind: v.literal("dealStage"), stage: dealStage }),
);

export const ruleAction = v.union(
  v.object({ kind: v.literal("assign"), memberId: v.id("members") }),
  v.object({ kind: v.literal("assignTeam"), teamId: v.id("teams") }),
  v.object({ kind: v.literal("addLabel"), labelId: v.id("labels") }),
  v.object({ kind: v.literal("setPriority"), priority: rulePriority }),
  v.object({ kind: v.literal("reply"), savedReplyId: v.id("savedReplies") }),
  v.object({ kind: v.literal("snooze"), minutes: v.number() }),
  /** A reply draft left for the agent (default) or a thread summary, from the organization's AI endpoint. */
  v.object({ kind: v.literal("aiStep"), mode: v.optional(v.union(v.literal("draft"), v.literal("summary"))) }),
  v.object({ kind: v.literal("webhook"), endpointId: v.id("webhookEndpoints") }),
);

/** What one action of a run did. */
export const actionOutcome = v.object({
  kind: v.string(),
  status: v.union(v.literal("done"), v.literal("skipped"), v.literal("failed")),
  detail: v.optional(v.string()),
});

export const automationTables = {
  automationRules: defineTable({
    organizationId: v.id("organizations"),
    name: v.string(),
    enabled: v.boolean(),
    trigger: ruleTrigger,
    conditions: v.array(ruleCondition),
    actions: v.array(ruleAction),
    createdAt: v.number(),
    updatedAt: v.number(),
  }).index("by_trigger", ["organizationId", "trigger", "enabled"]),

  /**
   * One row per rule that matched an event: the run log admins read, and the idempotency key
   * (by_rule_event) that makes a rule run at most once per event however often it is delivered.
   */
  automationRuns: defineTable({
    organizationId: v.id("organizations"),
    ruleId: v.id("automationRules"),
    ruleName: v.string(),
    trigger: ruleTrigger,
    eventId: v.string(),
    threadId: v.optional(v.id("conversationThreads")),
    contactId: v.optional(v.id("contacts")),
    /** A short summary of the facts the conditions saw (channel, text excerpt, labels...). */
    inputs: v.string(),
    actions: v.array(actionOutcome),
    errors: v.array(v.string()),
    ranAt: v.number(),
  })
    .index("by_rule_event", ["organizationId", "ruleId", "eventId"])
    .index("by_rule_ran", ["organizationId", "ruleId", "ranAt"])
    .index("by_ran", ["organizationId", "ranAt"]),
};
