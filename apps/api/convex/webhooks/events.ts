/**
 * The one way an event webhook is emitted: `emitEvent(ctx, organizationId, type, data)` from the
 * module that owns the change (inbound/ingest, messages/status, threads/model, contacts/resolve,
 * contacts/merges; sla.breached from the SLA work). In the same transaction as the change, it
 * stores one delivery per subscribed, enabled endpoint and enqueues it, so an event is delivered
 * at least once exactly when its change commits.
 */
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { WebhookEventType } from "../schema/webhooks";
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
  // Standard Webhooks' recommended body: type, timestamp, data.
  const payload = JSON.stringify({ type, timestamp: new Date(now).toISOString(), data });
  for (const endpoint of targets) {
    const deliveryId = await ctx.db.insert("webhookDeliveries", {
      organizationId,
      endpointId: endpoint._id,
      eventId,
      eventType: type,
      payload,
      status: "pending",
      attempts: 0,
      attemptLog: [],
      createdAt: now,
      expiresAt: now + DELIVERY_RETENTION_MS,
    });
    await enqueueDelivery(ctx, deliveryId);
  }
  return targets.length;
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
