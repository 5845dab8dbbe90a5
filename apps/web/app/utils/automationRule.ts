import type { Doc, Id } from "@switchboard/api/convex/_generated/dataModel";

/**
 * The Settings → Automation form and the stored rule, both ways: a new rule is built from the
 * form; editing loads a rule into it. The form edits one of each common condition and action;
 * what it cannot show (several channels, a label/contact/sentiment/deal condition, a snooze, a
 * second condition of one kind) is carried through unchanged so saving never drops it.
 */
type Rule = Doc<"automationRules">;
export type RuleCondition = Rule["conditions"][number];
export type RuleAction = Rule["actions"][number];
export type RuleTrigger = Rule["trigger"];
type Priority = Extract<RuleAction, { kind: "setPriority" }>["priority"];
type Channel = Extract<RuleCondition, { kind: "channel" }>["channels"][number];

export interface RuleForm {
  name: string;
  trigger: RuleTrigger;
  channel: string;
  contains: string;
  matches: string;
  labelId: string;
  savedReplyId: string;
  memberId: string;
  teamId: string;
  endpointId: string;
  priority: string;
  ai: "" | "draft" | "summary";
  /** Conditions and actions of the rule the form does not edit, kept as they are. */
  kept: { conditions: RuleCondition[]; actions: RuleAction[] };
}

export const emptyRuleForm = (): RuleForm => ({
  name: "",
  trigger: "message.received",
  channel: "",
  contains: "",
  matches: "",
  labelId: "",
  savedReplyId: "",
  memberId: "",
  teamId: "",
  endpointId: "",
  priority: "",
  ai: "",
  kept: { conditions: [], actions: [] },
});

/** Loads a stored rule into the form. */
export function ruleFormOf(rule: Pick<Rule, "name" | "trigger" | "conditions" | "actions">): RuleForm {
  const form = emptyRuleForm();
  form.name = rule.name;
  form.trigger = rule.trigger;
  for (const c of rule.conditions) {
    if (c.kind === "channel" && c.channels.length === 1 && !form.channel) form.channel = c.channels[0]!;
    else if (c.kind === "textContains" && !form.contains) form.contains = c.value;
    else if (c.kind === "textMatches" && !form.matches) form.matches = c.pattern;
    else form.kept.conditions.push(c);
  }
  for (const a of rule.actions) {
    if (a.kind === "addLabel" && !form.labelId) form.labelId = a.labelId;
    else if (a.kind === "assign" && !form.memberId) form.memberId = a.memberId;
    else if (a.kind === "assignTeam" && !form.teamId) form.teamId = a.teamId;
    else if (a.kind === "reply" && !form.savedReplyId) form.savedReplyId = a.savedReplyId;
    else if (a.kind === "setPriority" && !form.priority) form.priority = a.priority;
    else if (a.kind === "aiStep" && !form.ai)
      form.ai = a.mode ?? "draft"; // the backend's default mode
    else if (a.kind === "webhook" && !form.endpointId) form.endpointId = a.endpointId;
    else form.kept.actions.push(a);
  }
  return form;
}

/** The rule the form describes (the backend validates it again: bounds, regex guard, ownership). */
export function ruleOfForm(form: RuleForm): {
  name: string;
  trigger: RuleTrigger;
  conditions: RuleCondition[];
  actions: RuleAction[];
} {
  const conditions: RuleCondition[] = [
    ...(form.channel ? [{ kind: "channel" as const, channels: [form.channel as Channel] }] : []),
    ...(form.contains.trim() ? [{ kind: "textContains" as const, value: form.contains }] : []),
    ...(form.matches.trim() ? [{ kind: "textMatches" as const, pattern: form.matches }] : []),
    ...form.kept.conditions,
  ];
  const actions: RuleAction[] = [
    ...(form.labelId ? [{ kind: "addLabel" as const, labelId: form.labelId as Id<"labels"> }] : []),
    ...(form.teamId ? [{ kind: "assignTeam" as const, teamId: form.teamId as Id<"teams"> }] : []),
    ...(form.memberId ? [{ kind: "assign" as const, memberId: form.memberId as Id<"members"> }] : []),
    ...(form.savedReplyId ? [{ kind: "reply" as const, savedReplyId: form.savedReplyId as Id<"savedReplies"> }] : []),
    ...(form.priority ? [{ kind: "setPriority" as const, priority: form.priority as Priority }] : []),
    ...(form.ai ? [{ kind: "aiStep" as const, mode: form.ai }] : []),
    ...(form.endpointId ? [{ kind: "webhook" as const, endpointId: form.endpointId as Id<"webhookEndpoints"> }] : []),
    ...form.kept.actions,
  ];
  return { name: form.name, trigger: form.trigger, conditions, actions };
}
