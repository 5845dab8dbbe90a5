/**
 * The one way a change raises a domain event: `emitDomainEvent(ctx, organizationId, event)`, called
 * once per event by the module that owns the change, in the transaction of that change. It fans
 * the event out to both consumers, each keeping its own cheap "anyone subscribed?" index read:
 * - event webhooks out (`webhooks/events.ts` `emitEvent`: one delivery per subscribed endpoint);
 * - automation triggers (`automation/events.ts` `emitAutomationEvent`: one scheduled evaluation
 *   when an enabled rule listens).
 * Which domain event reaches which consumer, and with what payload, is decided here and nowhere
 * else (`webhookOf`, `automationOf`). It imports only those two leaves, so threads/, contacts/,
 * inbound/, messages/ and rest/ can all call it without an import cycle.
 */
import type { ChannelId } from "@switchboard/channels/ids";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { type AutomationEvent, emitAutomationEvent } from "../automation/events";
import type { WebhookEventType } from "../schema/webhooks";
import { type EventData, emitEvent, truncateText } from "../webhooks/events";

type ThreadId = Id<"conversationThreads">;
type ContactId = Id<"contacts">;
type ThreadStatus = Doc<"conversationThreads">["status"];

/** Every domain event a change site raises, with everything its consumers need. */
export type DomainEvent =
  | { type: "thread.created"; threadId: ThreadId; contactId: ContactId; channel: ChannelId }
  /** Any status change; a close (from another status) is also the `thread.resolved` webhook. */
  | {
      type: "thread.statusChanged";
      threadId: ThreadId;
      contactId: ContactId;
      assigneeId: Id<"members"> | null;
      from: ThreadStatus;
      to: ThreadStatus;
      at: number;
    }
  | {
      type: "sla.breached";
      threadId: ThreadId;
      target: "response" | "resolution";
      dueAt: number;
      breachedAt: number;
      assigneeId: Id<"members"> | null;
    }
  | {
      type: "message.received";
      messageId: Id<"unifiedMessages">;
      threadId: ThreadId;
      contactId: ContactId;
      channel: string;
      from: string;
      to: string;
      /** Full texts: the webhook payload truncates them (`MAX_EVENT_TEXT`). */
      subject: string | undefined;
      text: string;
      sentAt: number;
    }
  | {
      type: "message.status";
      messageId: Id<"unifiedMessages">;
      threadId: ThreadId;
      channel: string;
      status: Doc<"unifiedMessages">["status"];
      at: number;
    }
  | {
      type: "contact.created";
      contactId: ContactId;
      displayName: string;
      channel: string | undefined;
      identifier: string | undefined;
    }
  /** A member edited the contact's identities (contacts/identities.ts). */
  | { type: "contact.updated"; contactId: ContactId }
  | { type: "contact.merged"; mergeId: Id<"contactMerges">; survivorId: ContactId; mergedId: ContactId };

/** The event webhook a domain event is delivered as, or null when it has none. */
export function webhookOf(event: DomainEvent): { type: WebhookEventType; data: EventData } | null {
  switch (event.type) {
    case "thread.created":
      return {
        type: "thread.created",
        data: { threadId: event.threadId, contactId: event.contactId, channel: event.channel },
      };
    case "thread.statusChanged":
      if (event.to !== "closed" || event.from === "closed") return null;
      return {
        type: "thread.resolved",
        data: {
          threadId: event.threadId,
          contactId: event.contactId,
          assigneeId: event.assigneeId,
          resolvedAt: event.at,
        },
      };
    case "sla.breached":
      return {
        type: "sla.breached",
        data: {
          threadId: event.threadId,
          target: event.target,
          dueAt: event.dueAt,
          breachedAt: event.breachedAt,
          assigneeId: event.assigneeId,
        },
      };
    case "message.received":
      return {
        type: "message.received",
        data: {
          messageId: event.messageId,
          threadId: event.threadId,
          contactId: event.contactId,
          channel: event.channel,
          from: event.from,
          to: event.to,
          subject: event.subject === undefined ? undefined : truncateText(event.subject),
          text: truncateText(event.text),
          sentAt: event.sentAt,
        },
      };
    case "message.status":
      return {
        type: "message.status",
        data: {
          messageId: event.messageId,
          threadId: event.threadId,
          channel: event.channel,
          status: event.status,
          at: event.at,
        },
      };
    case "contact.created":
      return {
        type: "contact.created",
        data: {
          contactId: event.contactId,
          displayName: event.displayName,
          channel: event.channel,
          identifier: event.identifier,
        },
      };
    case "contact.updated":
      return null;
    case "contact.merged":
      return {
        type: "contact.merged",
        data: { mergeId: event.mergeId, survivorId: event.survivorId, mergedId: event.mergedId },
      };
  }
}

/** The automation trigger a domain event raises, or null when rules cannot listen to it. */
export function automationOf(event: DomainEvent): AutomationEvent | null {
  switch (event.type) {
    case "thread.created":
      return { trigger: "thread.created", threadId: event.threadId };
    case "thread.statusChanged":
      return event.from === event.to ? null : { trigger: "thread.statusChanged", threadId: event.threadId };
    case "sla.breached":
      return { trigger: "sla.breached", threadId: event.threadId };
    case "contact.updated":
      return { trigger: "contact.updated", contactId: event.contactId };
    // message.received reaches rules through the coalesced inbound hook (automation/triggers.ts).
    case "message.received":
    case "message.status":
    case "contact.created":
    case "contact.merged":
      return null;
  }
}

/**
 * Raises one domain event in the caller's transaction: the webhook deliveries are stored and the
 * rule evaluation scheduled only if the change commits.
 */
export async function emitDomainEvent(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  event: DomainEvent,
): Promise<void> {
  const webhook = webhookOf(event);
  if (webhook) await emitEvent(ctx, organizationId, webhook.type, webhook.data);
  const automation = automationOf(event);
  if (automation) await emitAutomationEvent(ctx, organizationId, automation);
}
