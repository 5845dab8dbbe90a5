import type { Id } from "@switchboard/api/convex/_generated/dataModel";
import { describe, expect, test } from "vitest";
import { emptyRuleForm, type RuleAction, type RuleCondition, ruleFormOf, ruleOfForm } from "~/utils/automationRule";

const label = "label1" as Id<"labels">;
const team = "team1" as Id<"teams">;
const reply = "reply1" as Id<"savedReplies">;

describe("automation rule form (create and edit)", () => {
  test("editing loads every field of a rule into the form, and saving it unchanged gives the same rule", () => {
    const rule = {
      name: "WhatsApp refunds",
      trigger: "message.received" as const,
      conditions: [
        { kind: "channel", channels: ["whatsapp"] },
        { kind: "textContains", value: "refund" },
      ] satisfies RuleCondition[],
      actions: [
        { kind: "addLabel", labelId: label },
        { kind: "assignTeam", teamId: team },
        { kind: "reply", savedReplyId: reply },
        { kind: "setPriority", priority: "high" },
      ] satisfies RuleAction[],
    };
    const form = ruleFormOf(rule);
    expect(form).toMatchObject({
      name: "WhatsApp refunds",
      channel: "whatsapp",
      contains: "refund",
      labelId: label,
      teamId: team,
      savedReplyId: reply,
      priority: "high",
      kept: { conditions: [], actions: [] },
    });
    expect(ruleOfForm(form)).toEqual(rule);
  });

  test("an edit replaces what the form shows; what it cannot show is kept, not dropped", () => {
    const sentiment: RuleCondition = { kind: "sentiment", label: "negative" };
    const twoChannels: RuleCondition = { kind: "channel", channels: ["sms", "email"] };
    const snooze: RuleAction = { kind: "snooze", minutes: 60 };
    const form = ruleFormOf({
      name: "Angry",
      trigger: "message.received",
      conditions: [twoChannels, sentiment, { kind: "textMatches", pattern: "late|missing" }],
      actions: [snooze, { kind: "aiStep" }, { kind: "setPriority", priority: "low" }],
    });
    expect(form.channel).toBe("");
    expect(form.ai).toBe("draft"); // an aiStep without a mode is the backend's default, a draft
    form.priority = "urgent";
    form.matches = "";
    expect(ruleOfForm(form)).toEqual({
      name: "Angry",
      trigger: "message.received",
      conditions: [twoChannels, sentiment],
      actions: [{ kind: "setPriority", priority: "urgent" }, { kind: "aiStep", mode: "draft" }, snooze],
    });
  });

  test("a new rule starts empty and blank text fields add no condition", () => {
    const form = emptyRuleForm();
    form.name = "Everything urgent";
    form.contains = "   ";
    form.priority = "urgent";
    expect(ruleOfForm(form)).toEqual({
      name: "Everything urgent",
      trigger: "message.received",
      conditions: [],
      actions: [{ kind: "setPriority", priority: "urgent" }],
    });
  });
});
