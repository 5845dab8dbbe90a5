import { defineTable } from "convex/server";
import { v } from "convex/values";
import { encrypted } from "./validators";

/** The events an organization can subscribe a webhook endpoint to (webhooks/events.ts emits them). */
export const WEBHOOK_EVENT_TYPES = [
  "message.received",
  "message.status",
  "thread.created",
  "thread.resolved",
  "contact.created",
  "contact.merged",
  "sla.breached",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const webhookEventType = v.union(...WEBHOOK_EVENT_TYPES.map((t) => v.literal(t)));
/**
 * The event an automation rule's "call a webhook" action sends (automation/triggers.ts). Not
 * subscribable: the rule names its endpoint, so it is delivered whatever the endpoint subscribes to.
 */
export const RULE_WEBHOOK_EVENT = "rule.triggered" as const;
export type DeliveryEventType = WebhookEventType | typeof RULE_WEBHOOK_EVENT;
export const deliveryEventType = v.union(webhookEventType, v.literal(RULE_WEBHOOK_EVENT));

export const deliveryStatus = v.union(v.literal("pending"), v.literal("delivered"), v.literal("failed"));

/** Event webhooks out (webhooks/): subscribed endpoints and the log of every delivery to them. */
export const webhooksTables = {
  webhookEndpoints: defineTable({
    organizationId: v.id("organizations"),
    /** https to a public host (packages/channels urlPolicy), checked on save and again on every call. */
    url: v.string(),
    description: v.optional(v.string()),
    events: v.array(webhookEventType),
    /** The `whsec_` signing secret, sealed like channel credentials (lib/crypto); shown once on create/rotate. */
    secret: encrypted,
    enabled: v.boolean(),
    /** Why it is off: "manual" or "failing" (auto-disabled after sustained failure). */
    disabledReason: v.optional(v.union(v.literal("manual"), v.literal("failing"))),
    disabledAt: v.optional(v.number()),
    /** Deliveries that failed after every retry, in a row (counted up to the disabling threshold); a success resets it. */
    consecutiveFailures: v.number(),
    /** When the current run of failed deliveries started. */
    failingSince: v.optional(v.number()),
    createdBy: v.id("members"),
    createdAt: v.number(),
    updatedAt: v.number(),
  }).index("by_org", ["organizationId"]),

  /**
   * One event for one endpoint: the signed body (same webhook-id on every retry and redelivery, so
   * receivers dedupe) and its attempts. Kept for DELIVERY_RETENTION_MS (webhooks/deliveries.ts).
   */
  webhookDeliveries: defineTable({
    organizationId: v.id("organizations"),
    endpointId: v.id("webhookEndpoints"),
    /** `msg_<random>`: the Standard Webhooks webhook-id. */
    eventId: v.string(),
    eventType: deliveryEventType,
    /** The JSON body exactly as signed. */
    payload: v.string(),
    status: deliveryStatus,
    attempts: v.number(),
    /** The newest attempts, bounded (MAX_ATTEMPTS_LOGGED). */
    attemptLog: v.array(
      v.object({
        at: v.number(),
        statusCode: v.optional(v.number()),
        error: v.optional(v.string()),
        latencyMs: v.number(),
      }),
    ),
    lastStatusCode: v.optional(v.number()),
    lastError: v.optional(v.string()),
    lastLatencyMs: v.optional(v.number()),
    createdAt: v.number(),
    finishedAt: v.optional(v.number()),
    expiresAt: v.number(),
  })
    .index("by_endpoint_created", ["organizationId", "endpointId", "createdAt"])
    // Retention sweep (internal cron) walks expired rows across organizations.
    .index("by_expiry", ["expiresAt"]),
};
