import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/**
 * The automation trigger path of a domain event. Change sites never call it directly: they call
 * `emitDomainEvent` (events/domain.ts), which fans out here and to the event webhooks. A leaf (it
 * imports nothing but the generated API). Rules run in their own scheduled mutation (scheduled
 * only when the organization has an enabled rule for the trigger), never inside the caller's
 * transaction. Changes made BY rules never come through here (automation/triggers.ts patches
 * directly), which is why rules cannot loop.
 */
export type AutomationEvent =
  | { trigger: "thread.created"; threadId: Id<"conversationThreads"> }
  | { trigger: "thread.statusChanged"; threadId: Id<"conversationThreads"> }
  | { trigger: "contact.updated"; contactId: Id<"contacts"> }
  /** Raised by the SLA breach check (threads/sla.ts). */
  | { trigger: "sla.breached"; threadId: Id<"conversationThreads"> };

export async function emitAutomationEvent(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  event: AutomationEvent,
): Promise<void> {
  // Most organizations have no rule for most triggers: then nothing is scheduled (one index read
  // here instead of a mutation per new thread or status change).
  const rule = await ctx.db
    .query("automationRules")
    .withIndex("by_trigger", (q) =>
      q.eq("organizationId", organizationId).eq("trigger", event.trigger).eq("enabled", true),
    )
    .first();
  if (!rule) return;
  // Unique per occurrence: the idempotency key of (rule, event) in automationRuns.
  const eventId = `${event.trigger}:${crypto.randomUUID()}`;
  await ctx.scheduler.runAfter(0, internal.automation.triggers.evaluate, {
    organizationId,
    eventId,
    trigger: event.trigger,
    threadId: "threadId" in event ? event.threadId : undefined,
    contactId: "contactId" in event ? event.contactId : undefined,
  });
}
