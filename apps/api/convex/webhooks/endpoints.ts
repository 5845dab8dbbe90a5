/**
 * Admins' webhook endpoints: an https URL to a public host (the shared URL policy of
 * packages/channels; loopback/private only for SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST origins), the
 * events it gets, and a `whsec_` signing secret generated here, sealed at rest and shown once (on
 * create and on rotate).
 */
import { generateWebhookSecret } from "@switchboard/channels/standardWebhooks";
import { checkOutboundUrl, urlPolicyFromEnv } from "@switchboard/channels/urlPolicy";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { encryptString } from "../lib/crypto";
import { adminAction, adminMutation, adminQuery } from "../lib/functions";
import { encrypted } from "../schema/validators";
import { WEBHOOK_EVENT_TYPES, webhookEventType } from "../schema/webhooks";
import { endpointSecretAad } from "./deliveries";
import { MAX_ENDPOINTS } from "./events";

const MAX_URL_LENGTH = 2000;
const MAX_DESCRIPTION = 200;

/** The normalised URL, or a ConvexError naming the rule it breaks. */
function checkUrl(raw: string): string {
  if (raw.length > MAX_URL_LENGTH) fail("invalid_argument", `URL: at most ${MAX_URL_LENGTH} characters`);
  const checked = checkOutboundUrl(raw, urlPolicyFromEnv(process.env));
  if (!checked.ok) fail("invalid_argument", `URL refused: ${checked.reason}`);
  if (checked.url.hash) fail("invalid_argument", "URL: no #fragment");
  return checked.url.href;
}

function checkEvents(events: string[]) {
  const unique = [...new Set(events)];
  if (unique.length === 0) fail("invalid_argument", "Choose at least one event");
  return unique as (typeof WEBHOOK_EVENT_TYPES)[number][];
}

function checkDescription(description: string | undefined) {
  const d = description?.trim();
  if (d && d.length > MAX_DESCRIPTION) fail("invalid_argument", `Description: at most ${MAX_DESCRIPTION} characters`);
  return d || undefined;
}

function endpointView(e: Doc<"webhookEndpoints">) {
  return {
    _id: e._id,
    url: e.url,
    description: e.description,
    events: e.events,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    consecutiveFailures: e.consecutiveFailures,
    failingSince: e.failingSince,
    createdAt: e.createdAt,
  };
}

export const list = adminQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const rows = await ctx.db
      .query("webhookEndpoints")
      .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
      .take(MAX_ENDPOINTS);
    return { endpoints: rows.map(endpointView), eventTypes: [...WEBHOOK_EVENT_TYPES] };
  },
});

/** Creates an endpoint; the answer carries its signing secret, the only time it is shown. */
export const create = adminAction({
  args: { url: v.string(), events: v.array(webhookEventType), description: v.optional(v.string()) },
  handler: async (ctx, args): Promise<{ endpointId: Id<"webhookEndpoints">; secret: string }> => {
    const url = checkUrl(args.url);
    const events = checkEvents(args.events);
    const description = checkDescription(args.description);
    const secret = generateWebhookSecret();
    const endpointId: Id<"webhookEndpoints"> = await ctx.runMutation(internal.webhooks.endpoints.insert, {
      organizationId: args.organizationId,
      memberId: ctx.member._id,
      url,
      events,
      description,
    });
    // Sealed with the endpoint's own id in the AAD, so it is stored in a second write.
    const sealed = await encryptString(secret, endpointSecretAad(args.organizationId, endpointId));
    await ctx.runMutation(internal.webhooks.endpoints.storeSecret, { endpointId, secret: sealed });
    return { endpointId, secret };
  },
});

export const insert = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    memberId: v.id("members"),
    url: v.string(),
    events: v.array(webhookEventType),
    description: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const existing = await ctx.db
      .query("webhookEndpoints")
      .withIndex("by_org", (q) => q.eq("organizationId", args.organizationId))
      .take(MAX_ENDPOINTS);
    if (existing.length >= MAX_ENDPOINTS) fail("invalid_argument", `At most ${MAX_ENDPOINTS} webhook endpoints`);
    const now = Date.now();
    // Disabled until its secret is stored (the next write of `create`): nothing is sent unsigned.
    return ctx.db.insert("webhookEndpoints", {
      organizationId: args.organizationId,
      url: args.url,
      description: args.description,
      events: args.events,
      secret: { kid: "", iv: "", ct: "" },
      enabled: false,
      consecutiveFailures: 0,
      createdBy: args.memberId,
      createdAt: now,
      updatedAt: now,
    });
  },
});

export const storeSecret = internalMutation({
  args: { endpointId: v.id("webhookEndpoints"), secret: encrypted },
  handler: async (ctx, { endpointId, secret }) => {
    const endpoint = await ctx.db.get(endpointId);
    if (!endpoint) return null;
    const first = endpoint.secret.ct === "";
    await ctx.db.patch(endpointId, { secret, updatedAt: Date.now(), ...(first ? { enabled: true } : {}) });
    return null;
  },
});

/** A new signing secret (the old one stops working at once); shown once. */
export const rotateSecret = adminAction({
  args: { endpointId: v.id("webhookEndpoints") },
  handler: async (ctx, { organizationId, endpointId }): Promise<{ secret: string }> => {
    await ctx.runQuery(internal.webhooks.endpoints.requireOwned, { organizationId, endpointId });
    const secret = generateWebhookSecret();
    const sealed = await encryptString(secret, endpointSecretAad(organizationId, endpointId));
    await ctx.runMutation(internal.webhooks.endpoints.storeSecret, { endpointId, secret: sealed });
    return { secret };
  },
});

export const requireOwned = internalQuery({
  args: { organizationId: v.id("organizations"), endpointId: v.id("webhookEndpoints") },
  handler: async (ctx, { organizationId, endpointId }) => {
    await getOwned(ctx, organizationId, endpointId);
    return null;
  },
});

/** Changes the URL, events or description, or switches the endpoint on/off (on clears its failure streak). */
export const update = adminMutation({
  args: {
    endpointId: v.id("webhookEndpoints"),
    url: v.optional(v.string()),
    events: v.optional(v.array(webhookEventType)),
    description: v.optional(v.string()),
    enabled: v.optional(v.boolean()),
  },
  handler: async (ctx, { organizationId, endpointId, ...args }) => {
    const endpoint = await getOwned(ctx, organizationId, endpointId);
    if (endpoint.secret.ct === "") fail("conflict", "The endpoint is still being created");
    const now = Date.now();
    await ctx.db.patch(endpoint._id, {
      ...(args.url !== undefined ? { url: checkUrl(args.url) } : {}),
      ...(args.events !== undefined ? { events: checkEvents(args.events) } : {}),
      ...(args.description !== undefined ? { description: checkDescription(args.description) } : {}),
      ...(args.enabled === true
        ? {
            enabled: true,
            disabledReason: undefined,
            disabledAt: undefined,
            consecutiveFailures: 0,
            failingSince: undefined,
          }
        : {}),
      ...(args.enabled === false ? { enabled: false, disabledReason: "manual" as const, disabledAt: now } : {}),
      updatedAt: now,
    });
    return null;
  },
});

/** Removes the endpoint; queued deliveries stop (their attempts find no endpoint), the log expires. */
export const remove = adminMutation({
  args: { endpointId: v.id("webhookEndpoints") },
  handler: async (ctx, { organizationId, endpointId }) => {
    const endpoint = await getOwned(ctx, organizationId, endpointId);
    await ctx.db.delete(endpoint._id);
    return null;
  },
});
