import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/**
 * Raising an automation event from anywhere (a leaf module: it imports nothing but the generated
 * API, so threads/ and contacts/ can raise events without an import cycle). Rules run in their own
 * scheduled mutation, never inside the caller's transaction. Changes made BY rules never come
 * through here (automation/triggers.ts patches directly), which is why rules cannot loop.
 */
export type AutomationEvent =
  | { trigger: "thread.created"; threadId: Id<"conversationThreads"> }
  | { trigger: "thread.statusChanged"; threadId: Id<"conversationThreads"> }
  | { trigger: "contact.updated"; contactId: Id<"contacts"> }
  /** Raised by the SLA scheduler once it exists (issue 12 item 1). */
  | { trigger: "sla.breached"; threadId: Id<"conversationThreads"> };

export async function emitAutomationEvent(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  event: AutomationEvent,
): Promise<void> {
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
