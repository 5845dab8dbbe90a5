import { isCustomerServiceWindowOpen } from "@switchboard/channels";
import { renderReply } from "@switchboard/channels/replyTemplate";
import {
  evaluateConditions,
  MAX_ACTIONS,
  MAX_RULES_PER_ORG,
  type RuleCondition,
  type RuleFacts,
  type RuleTrigger,
  scoreSentiment,
} from "@switchboard/insights";
import { ConvexError, type Infer, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { timeZoneOr } from "../lib/timezone";
import { queueReply } from "../outbound/replies";
import type { actionOutcome, ruleAction } from "../schema/automation";
import { ruleTrigger } from "../schema/automation";
import { burstHookArgs } from "../schema/validators";
import { assignToTeam } from "../threads/autoAssign";
import { attachLabel, labelsOfThread } from "../threads/labels";
import { setAssignee } from "../threads/workload";
import { sendToEndpoint, truncateText } from "../webhooks/events";

/**
 * The agent pipeline: evaluates an organization's enabled rules for one event and performs the
 * actions of those that match. Exactly once per (rule, event): the run row keyed by_rule_event
 * is checked and written in the same transaction as the actions. Loops are impossible: what an
 * action writes carries origin "automation" (messages, labels) or is patched directly (status,
 * assignee, priority) without raising events, and inbound bursts skip automation messages.
 */

/** How much of a burst's text conditions read (textMatches reads less, see packages/insights rules). */
const MAX_FACT_TEXT = 10_000;
const INPUT_SUMMARY = 300;

type Outcome = Infer<typeof actionOutcome>;
type Action = Infer<typeof ruleAction>;

interface EventContext {
  organizationId: Id<"organizations">;
  trigger: RuleTrigger;
  eventId: string;
  thread: Doc<"conversationThreads"> | null;
  contact: Doc<"contacts"> | null;
  channel?: Doc<"unifiedMessages">["channel"];
  text: string;
}

async function currentThreadOf(ctx: MutationCtx, organizationId: Id<"organizations">, contactId: Id<"contacts">) {
  for (const status of ["open", "pending", "snoozed"] as const) {
    const thread = await ctx.db
      .query("conversationThreads")
      .withIndex("by_contact_status", (q) =>
        q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", status),
      )
      .order("desc")
      .first();
    if (thread) return thread;
  }
  return null;
}

async function factsOf(ctx: MutationCtx, event: EventContext, org: Doc<"organizations">): Promise<RuleFacts> {
  const labels = event.thread ? await labelsOfThread(ctx, event.organizationId, event.thread._id) : [];
  const c = event.contact;
  return {
    channel: event.channel ?? event.thread?.lastChannel,
    text: event.text,
    labelIds: labels.map((l) => l._id),
    contact: c
      ? {
          displayName: c.displayName,
          company: c.company,
          title: c.title,
          primaryEmail: c.primaryEmail,
          primaryPhone: c.primaryPhone,
          timezone: c.timezone,
        }
      : {},
    sentiment: event.text ? scoreSentiment(event.text).label : undefined,
    dealStage: c?.dealStage,
    now: Date.now(),
    timeZone: timeZoneOr(org.timezone),
  };
}

function summarize(facts: RuleFacts): string {
  const parts = [
    facts.channel && `channel=${facts.channel}`,
    facts.sentiment && `sentiment=${facts.sentiment}`,
    facts.dealStage && `dealStage=${facts.dealStage}`,
    facts.labelIds.length ? `labels=${facts.labelIds.length}` : undefined,
    facts.text && `text="${facts.text.slice(0, 120)}"`,
  ].filter(Boolean);
  return parts.join(" ").slice(0, INPUT_SUMMARY);
}

const messageOf = (e: unknown) =>
  e instanceof ConvexError
    ? String((e.data as { message?: string })?.message ?? e.data)
    : e instanceof Error
      ? e.message
      : String(e);

async function perform(
  ctx: MutationCtx,
  event: EventContext,
  rule: Doc<"automationRules">,
  action: Action,
): Promise<Outcome> {
  const { organizationId } = event;
  // Re-read: an earlier action of this run may have changed the thread.
  const thread = event.thread ? await ctx.db.get(event.thread._id) : null;
  if (!thread) return { kind: action.kind, status: "skipped", detail: "no_thread: the event has no open thread" };
  switch (action.kind) {
    case "assign": {
      const member = await ctx.db.get(action.memberId);
      if (!member || member.organizationId !== organizationId)
        return { kind: action.kind, status: "failed", detail: "the member is gone" };
      // setAssignee keeps the members' open-thread counters (workload) true.
      await setAssignee(ctx, thread, member._id);
      return { kind: action.kind, status: "done", detail: member.name ?? member.email };
    }
    case "assignTeam": {
      const team = await ctx.db.get(action.teamId);
      if (!team || team.organizationId !== organizationId)
        return { kind: action.kind, status: "failed", detail: "the team is gone" };
      const agentId = await assignToTeam(ctx, thread, team);
      const agent = agentId ? await ctx.db.get(agentId) : null;
      return {
        kind: action.kind,
        status: "done",
        detail: agent ? `${team.name} -> ${agent.name ?? agent.email}` : `${team.name} (unassigned)`,
      };
    }
    case "webhook": {
      const endpoint = await ctx.db.get(action.endpointId);
      if (!endpoint || endpoint.organizationId !== organizationId)
        return { kind: action.kind, status: "failed", detail: "the webhook endpoint is gone" };
      const deliveryId = await sendToEndpoint(ctx, endpoint, {
        ruleId: rule._id,
        ruleName: rule.name,
        trigger: event.trigger,
        threadId: thread._id,
        contactId: event.contact?._id ?? thread.contactId,
        channel: event.channel ?? thread.lastChannel,
        text: truncateText(event.text),
      });
      if (!deliveryId)
        return { kind: action.kind, status: "skipped", detail: "endpoint_disabled: the webhook endpoint is off" };
      return { kind: action.kind, status: "done", detail: `delivery ${deliveryId}` };
    }
    case "addLabel": {
      const label = await ctx.db.get(action.labelId);
      if (!label || label.organizationId !== organizationId)
        return { kind: action.kind, status: "failed", detail: "the label is gone" };
      await attachLabel(ctx, thread, label, "automation");
      return { kind: action.kind, status: "done", detail: label.name };
    }
    case "setPriority":
      await ctx.db.patch(thread._id, { priority: action.priority });
      return { kind: action.kind, status: "done", detail: action.priority };
    case "snooze": {
      const until = Date.now() + action.minutes * 60_000;
      await ctx.db.patch(thread._id, { status: "snoozed", snoozedUntil: until });
      await ctx.scheduler.runAt(until, internal.threads.threads.wake, { threadId: thread._id, until });
      return { kind: action.kind, status: "done", detail: new Date(until).toISOString() };
    }
    case "reply": {
      const saved = await ctx.db.get(action.savedReplyId);
      if (!saved || saved.organizationId !== organizationId || saved.owner !== "organization")
        return { kind: action.kind, status: "failed", detail: "the saved reply is gone" };
      const channel = event.channel ?? thread.lastChannel;
      // Meta refuses free-form messages outside the 24-hour customer service window
      // (developers.facebook.com/docs/whatsapp/cloud-api/guides/send-messages#customer-service-windows).
      if (channel === "whatsapp" && !isCustomerServiceWindowOpen(thread.whatsappWindow?.lastInboundAt, Date.now()))
        return {
          kind: action.kind,
          status: "skipped",
          detail: "whatsapp_window_closed: the 24-hour window is closed; only a template may be sent",
        };
      const org = await ctx.db.get(organizationId);
      const c = event.contact;
      const rendered = renderReply(saved.body, {
        contact: c ? { name: c.displayName, company: c.company, email: c.primaryEmail, phone: c.primaryPhone } : {},
        agent: { name: org?.name ?? "" },
        organization: { name: org?.name ?? "" },
      });
      try {
        await queueReply(
          ctx,
          { organizationId, threadId: thread._id, channel, text: rendered.text },
          { name: `Automation: ${rule.name}`, origin: "automation" },
        );
      } catch (e) {
        return { kind: action.kind, status: "failed", detail: messageOf(e).slice(0, 200) };
      }
      return { kind: action.kind, status: "done", detail: `/${saved.shortcut}` };
    }
    case "aiStep": {
      const ai = await ctx.db
        .query("aiSettings")
        .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
        .first();
      if (!ai?.enabled) return { kind: action.kind, status: "skipped", detail: "ai_not_configured" };
      // The call happens in an action after this transaction (mutations cannot fetch); ai/assist.ts
      // stores the draft or summary and rewrites this outcome in the run log with the result.
      const mode = action.mode ?? "draft";
      await ctx.scheduler.runAfter(0, internal.ai.assist.runStep, {
        organizationId,
        threadId: thread._id,
        ruleId: rule._id,
        eventId: event.eventId,
        mode,
      });
      return { kind: action.kind, status: "done", detail: `queued: ${mode}` };
    }
  }
}

/** Runs the organization's enabled rules for one event; returns how many rules ran. */
export async function runRules(ctx: MutationCtx, event: EventContext): Promise<number> {
  const org = await ctx.db.get(event.organizationId);
  if (!org) return 0;
  const rules = await ctx.db
    .query("automationRules")
    .withIndex("by_trigger", (q) =>
      q.eq("organizationId", event.organizationId).eq("trigger", event.trigger).eq("enabled", true),
    )
    .take(MAX_RULES_PER_ORG);
  if (rules.length === 0) return 0;
  const facts = await factsOf(ctx, event, org);
  let ran = 0;
  for (const rule of rules) {
    if (!evaluateConditions(rule.conditions as RuleCondition[], facts).matched) continue;
    const already = await ctx.db
      .query("automationRuns")
      .withIndex("by_rule_event", (q) =>
        q.eq("organizationId", event.organizationId).eq("ruleId", rule._id).eq("eventId", event.eventId),
      )
      .first();
    if (already) continue;
    const outcomes: Outcome[] = [];
    const errors: string[] = [];
    for (const action of rule.actions.slice(0, MAX_ACTIONS)) {
      try {
        outcomes.push(await perform(ctx, event, rule, action));
      } catch (e) {
        const detail = messageOf(e).slice(0, 200);
        outcomes.push({ kind: action.kind, status: "failed", detail });
        errors.push(`${action.kind}: ${detail}`);
      }
    }
    for (const o of outcomes) if (o.status === "failed" && o.detail) errors.push(`${o.kind}: ${o.detail}`);
    await ctx.db.insert("automationRuns", {
      organizationId: event.organizationId,
      ruleId: rule._id,
      ruleName: rule.name,
      trigger: event.trigger,
      eventId: event.eventId,
      threadId: event.thread?._id,
      contactId: event.contact?._id,
      inputs: summarize(facts),
      actions: outcomes,
      errors: [...new Set(errors)],
      ranAt: Date.now(),
    });
    ran++;
  }
  return ran;
}

/** Downstream hook of a coalesced inbound burst (inbound/hooks.ts): trigger "message.received". */
export const onBurst = internalMutation({
  args: burstHookArgs,
  handler: async (ctx, { organizationId, threadId, hookRunId, messageIds }) => {
    const thread = await ctx.db.get(threadId);
    if (!thread || thread.organizationId !== organizationId) return 0;
    const messages: Doc<"unifiedMessages">[] = [];
    for (const id of messageIds) {
      const m = await ctx.db.get(id);
      // An automation's own message never triggers rules.
      if (m && m.organizationId === organizationId && m.direction === "inbound" && m.origin !== "automation")
        messages.push(m);
    }
    if (messages.length === 0) return 0;
    return runRules(ctx, {
      organizationId,
      trigger: "message.received",
      eventId: `message.received:${hookRunId}`,
      thread,
      contact: await ctx.db.get(thread.contactId),
      channel: messages[messages.length - 1]!.channel,
      text: messages
        .map((m) => m.text)
        .join("\n")
        .slice(0, MAX_FACT_TEXT),
    });
  },
});

/** Events raised through automation/events.ts (thread created, status changed, contact updated, SLA breached). */
export const evaluate = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    eventId: v.string(),
    trigger: ruleTrigger,
    threadId: v.optional(v.id("conversationThreads")),
    contactId: v.optional(v.id("contacts")),
  },
  handler: async (ctx, { organizationId, eventId, trigger, threadId, contactId }) => {
    let thread = threadId ? await ctx.db.get(threadId) : null;
    if (thread && thread.organizationId !== organizationId) return 0;
    const someContactId = contactId ?? thread?.contactId;
    const contact = someContactId ? await ctx.db.get(someContactId) : null;
    if (contact && contact.organizationId !== organizationId) return 0;
    if (!thread && contact) thread = await currentThreadOf(ctx, organizationId, contact._id);
    return runRules(ctx, { organizationId, trigger, eventId, thread, contact, text: "" });
  },
});
