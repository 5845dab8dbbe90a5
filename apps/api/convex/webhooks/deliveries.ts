/**
 * Delivering event webhooks: one signed POST per attempt (Standard Webhooks headers, the endpoint's
 * `whsec_` secret), a bounded timeout, redirects not followed, the answer's body never read; the
 * workpool (webhooks/pool.ts) retries a non-2xx or unreachable target with exponential backoff. The
 * delivery log keeps status, attempts, response code and latency; admins redeliver by hand. An
 * endpoint whose deliveries keep failing is disabled.
 */

import { NonRetryableError, vResult } from "@convex-dev/workpool";
import { standardWebhookHeaders } from "@switchboard/channels/standardWebhooks";
import { checkOutboundUrl, urlPolicyFromEnv } from "@switchboard/channels/urlPolicy";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { credentialAad, decryptString } from "../lib/crypto";
import { adminMutation, adminQuery } from "../lib/functions";
import { enqueueDelivery } from "./events";

/** One attempt's time budget (connect + answer headers). */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Attempts kept in a delivery's log (the newest). */
export const MAX_ATTEMPTS_LOGGED = 10;
/** An endpoint is disabled after this many deliveries in a row failed every retry... */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;
/** ...and its failures have lasted at least this long (a brief outage does not switch it off). */
export const DISABLE_AFTER_FAILING_MS = 60 * 60 * 1000;
/** Expired deliveries deleted per sweep run. */
const SWEEP_BATCH = 500;

/** AAD of an endpoint's sealed secret: a copied envelope does not open for another endpoint or org. */
export const endpointSecretAad = (organizationId: string, endpointId: string) =>
  credentialAad(organizationId, `webhook.${endpointId}`);

export const load = internalQuery({
  args: { deliveryId: v.id("webhookDeliveries") },
  handler: async (ctx, { deliveryId }) => {
    const delivery = await ctx.db.get(deliveryId);
    const endpoint = delivery ? await ctx.db.get(delivery.endpointId) : null;
    return delivery && endpoint ? { delivery, endpoint } : null;
  },
});

/** One attempt. Throws (so the workpool retries) unless the target answered 2xx. */
export const attempt = internalAction({
  args: { deliveryId: v.id("webhookDeliveries") },
  handler: async (ctx, { deliveryId }): Promise<{ statusCode: number }> => {
    const loaded = await ctx.runQuery(internal.webhooks.deliveries.load, { deliveryId });
    if (!loaded) throw new NonRetryableError("the endpoint was removed");
    const { delivery, endpoint } = loaded;
    if (!endpoint.enabled) throw new NonRetryableError("the endpoint is disabled");
    const checked = checkOutboundUrl(endpoint.url, urlPolicyFromEnv(process.env)); // again: the allowlist may have changed
    const started = Date.now();
    if (!checked.ok) {
      await ctx.runMutation(internal.webhooks.deliveries.recordAttempt, {
        deliveryId,
        at: started,
        error: `URL refused: ${checked.reason}`,
        latencyMs: 0,
      });
      throw new NonRetryableError(`URL refused: ${checked.reason}`);
    }
    const secret = await decryptString(endpoint.secret, endpointSecretAad(endpoint.organizationId, endpoint._id));
    const headers = await standardWebhookHeaders(secret, delivery.eventId, delivery.payload, started);
    let statusCode: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(checked.url.href, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        headers: { "content-type": "application/json", "user-agent": "Switchboard-Webhooks/1", ...headers },
        body: delivery.payload,
      });
      statusCode = res.status;
      // The answer's body is never read (a receiver could stream without end): only its status counts.
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      error =
        err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")
          ? "timed out"
          : `unreachable${cause?.code ? `: ${cause.code}` : ""}`;
    }
    await ctx.runMutation(internal.webhooks.deliveries.recordAttempt, {
      deliveryId,
      at: started,
      statusCode,
      error,
      latencyMs: Date.now() - started,
    });
    if (error) throw new Error(error);
    return { statusCode: statusCode! };
  },
});

export const recordAttempt = internalMutation({
  args: {
    deliveryId: v.id("webhookDeliveries"),
    at: v.number(),
    statusCode: v.optional(v.number()),
    error: v.optional(v.string()),
    latencyMs: v.number(),
  },
  handler: async (ctx, { deliveryId, ...entry }) => {
    const delivery = await ctx.db.get(deliveryId);
    if (!delivery) return null;
    await ctx.db.patch(deliveryId, {
      attempts: delivery.attempts + 1,
      attemptLog: [...delivery.attemptLog, entry].slice(-MAX_ATTEMPTS_LOGGED),
      lastStatusCode: entry.statusCode,
      lastError: entry.error,
      lastLatencyMs: entry.latencyMs,
    });
    return null;
  },
});

/** The workpool's completion callback: the delivery's final status and the endpoint's failure streak. */
export const finish = internalMutation({
  args: {
    workId: v.string(),
    context: v.object({ deliveryId: v.id("webhookDeliveries") }),
    result: vResult,
  },
  handler: async (ctx, { context, result }) => {
    const delivery = await ctx.db.get(context.deliveryId);
    if (!delivery) return null;
    const now = Date.now();
    const endpoint = await ctx.db.get(delivery.endpointId);
    if (result.kind === "success") {
      await ctx.db.patch(delivery._id, { status: "delivered", finishedAt: now });
      if (endpoint && (endpoint.consecutiveFailures > 0 || endpoint.failingSince !== undefined))
        await ctx.db.patch(endpoint._id, { consecutiveFailures: 0, failingSince: undefined });
      return null;
    }
    await ctx.db.patch(delivery._id, {
      status: "failed",
      finishedAt: now,
      lastError: delivery.lastError ?? (result.kind === "failed" ? result.error.slice(0, 200) : "canceled"),
    });
    if (!endpoint?.enabled) return null;
    const failingSince = endpoint.failingSince ?? delivery.createdAt;
    // Counted up to the threshold only: every emitted event reads the endpoint, so a failing one
    // is written a bounded number of times (not once per failed delivery).
    const consecutiveFailures = Math.min(endpoint.consecutiveFailures + 1, DISABLE_AFTER_FAILED_DELIVERIES);
    const sustained =
      consecutiveFailures >= DISABLE_AFTER_FAILED_DELIVERIES && now - failingSince >= DISABLE_AFTER_FAILING_MS;
    if (!sustained && consecutiveFailures === endpoint.consecutiveFailures && endpoint.failingSince !== undefined)
      return null;
    await ctx.db.patch(endpoint._id, {
      consecutiveFailures,
      failingSince,
      ...(sustained ? { enabled: false, disabledReason: "failing" as const, disabledAt: now } : {}),
    });
    return null;
  },
});

function deliveryView(d: Doc<"webhookDeliveries">) {
  return {
    _id: d._id,
    endpointId: d.endpointId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    attemptLog: d.attemptLog,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastLatencyMs: d.lastLatencyMs,
    createdAt: d.createdAt,
    finishedAt: d.finishedAt,
  };
}

/** An endpoint's delivery log, newest first. */
export const list = adminQuery({
  args: { endpointId: v.id("webhookEndpoints"), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { organizationId, endpointId, paginationOpts }) => {
    await getOwned(ctx, organizationId, endpointId);
    const page = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_endpoint_created", (q) => q.eq("organizationId", organizationId).eq("endpointId", endpointId))
      .order("desc")
      .paginate({ ...paginationOpts, numItems: Math.min(paginationOpts.numItems, 100) });
    return { ...page, page: page.page.map(deliveryView) };
  },
});

/** Sends a delivery again (same webhook-id, so receivers dedupe), to an enabled endpoint. */
export const redeliver = adminMutation({
  args: { deliveryId: v.id("webhookDeliveries") },
  handler: async (ctx, { organizationId, deliveryId }) => {
    const delivery = await getOwned(ctx, organizationId, deliveryId);
    const endpoint = await getOwned(ctx, organizationId, delivery.endpointId);
    if (!endpoint.enabled) fail("invalid_argument", "The endpoint is disabled: enable it first");
    if (delivery.status === "pending") fail("conflict", "This delivery is still being attempted");
    await ctx.db.patch(delivery._id, { status: "pending", finishedAt: undefined });
    await enqueueDelivery(ctx, delivery._id);
    return null;
  },
});

/** Retention: deletes deliveries past their window (internal cron), a bounded batch per run. */
export const sweep = internalMutation({
  args: {},
  handler: async (ctx) => {
    const expired = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_expiry", (q) => q.lt("expiresAt", Date.now()))
      .take(SWEEP_BATCH);
    for (const d of expired) await ctx.db.delete(d._id);
    if (expired.length === SWEEP_BATCH) await ctx.scheduler.runAfter(0, internal.webhooks.deliveries.sweep, {});
    return null;
  },
});
