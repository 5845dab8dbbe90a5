/**
 * The event webhook path of a domain event: `emitEvent(ctx, organizationId, type, data)`. Change
 * sites never call it directly: they call `emitDomainEvent` (events/domain.ts), which decides each
 * event's webhook type and payload and fans out here and to the automation triggers. In the same
 * transaction as the change, it stores one delivery per subscribed, enabled endpoint and enqueues
 * it, so an event is delivered at least once exactly when its change commits.
 */
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { type DeliveryEventType, RULE_WEBHOOK_EVENT, type WebhookEventType } from "../schema/webhooks";
import { webhookPool } from "./pool";

/** Endpoints per organization (also the bound on the read every emitted event does). */
export const MAX_ENDPOINTS = 10;
/** How long the delivery log keeps a delivery (webhooks/deliveries.ts sweep). */
export const DELIVERY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** Longest text field put into an event (message bodies): receivers fetch the rest through the API. */
export const MAX_EVENT_TEXT = 2000;

export type EventData = Record<string, string | number | boolean | null | undefined | string[]>;

/** `msg_` + 24 random base32 characters: the Standard Webhooks webhook-id, shared by every endpoint's copy. */
function newEventId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return `msg_${Array.from(bytes, (b) => alphabet[b % 32]).join("")}`;
}

export const truncateText = (text: string) => (text.length > MAX_EVENT_TEXT ? text.slice(0, MAX_EVENT_TEXT) : text);

export async function emitEvent(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  type: WebhookEventType,
  data: EventData,
): Promise<number> {
  const endpoints = await ctx.db
    .query("webhookEndpoints")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .take(MAX_ENDPOINTS);
  const targets = endpoints.filter((e) => e.enabled && e.events.includes(type));
  if (targets.length === 0) return 0;
  const now = Date.now();
  const eventId = newEventId();
  const payload = payloadOf(type, data, now);
  for (const endpoint of targets) await storeDelivery(ctx, endpoint, { eventId, type, payload, now });
  return targets.length;
}

/**
 * An automation rule's "call a webhook" action: one delivery of `rule.triggered` to the endpoint
 * the rule names (whatever events it subscribes to), through the same pool, signature, retries
 * and delivery log as every event. Returns the delivery, or null when the endpoint is off.
 */
export async function sendToEndpoint(
  ctx: MutationCtx,
  endpoint: Doc<"webhookEndpoints">,
  data: EventData,
): Promise<Id<"webhookDeliveries"> | null> {
  if (!endpoint.enabled) return null;
  const now = Date.now();
  return storeDelivery(ctx, endpoint, {
    eventId: newEventId(),
    type: RULE_WEBHOOK_EVENT,
    payload: payloadOf(RULE_WEBHOOK_EVENT, data, now),
    now,
  });
}

// Standard Webhooks' recommended body: type, timestamp, data.
const payloadOf = (type: DeliveryEventType, data: EventData, now: number) =>
  JSON.stringify({ type, timestamp: new Date(now).toISOString(), data });

async function storeDelivery(
  ctx: MutationCtx,
  endpoint: Doc<"webhookEndpoints">,
  event: { eventId: string; type: DeliveryEventType; payload: string; now: number },
) {
  const deliveryId = await ctx.db.insert("webhookDeliveries", {
    organizationId: endpoint.organizationId,
    endpointId: endpoint._id,
    eventId: event.eventId,
    eventType: event.type,
    payload: event.payload,
    status: "pending",
    attempts: 0,
    attemptLog: [],
    createdAt: event.now,
    expiresAt: event.now + DELIVERY_RETENTION_MS,
  });
  await enqueueDelivery(ctx, deliveryId);
  return deliveryId;
}

/** Queues one delivery (first run or a manual redelivery) with its completion handler. */
export async function enqueueDelivery(ctx: MutationCtx, deliveryId: Id<"webhookDeliveries">) {
  await webhookPool.enqueueAction(
    ctx,
    internal.webhooks.deliveries.attempt,
    { deliveryId },
    { onComplete: internal.webhooks.deliveries.finish, context: { deliveryId } },
  );
}
