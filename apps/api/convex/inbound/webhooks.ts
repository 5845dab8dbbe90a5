import { type DeliveryLookup, getDescriptor, planDelivery, type WebhookRequest } from "@switchboard/channels";
import type { ProviderId } from "@switchboard/channels/ids";
import type { FunctionReturnType } from "convex/server";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { adapterContextFor, cachedCredentials } from "../channels/runtime";
import { encryptString, rawEventAad } from "../lib/crypto";
import { jsonError } from "../lib/http";
import { withoutUndefined } from "../lib/values";
import { hydrateBeforeStore } from "./hydrate";
import { ingestDelivery } from "./ingest";
import { unroutableGroups } from "./unroutable";

/** Larger bodies are refused before parsing (413); real provider payloads are far smaller. */
export const MAX_WEBHOOK_BYTES = 1_000_000;

/** Headers worth keeping in the audit log. Signatures and auth never are. */
const LOGGED_HEADERS = [
  "content-type",
  "user-agent",
  "content-length",
  "svix-id",
  "webhook-id",
  "i-twilio-idempotency-token",
];

/**
 * The URL the provider signed. Behind a proxy or tunnel the request URL differs from the public
 * one, so PUBLIC_WEBHOOK_BASE_URL (e.g. https://hooks.example.com) replaces the origin.
 */
export function publicUrl(request: Request): string {
  const base = process.env.PUBLIC_WEBHOOK_BASE_URL;
  if (!base) return request.url;
  const url = new URL(request.url);
  return base.replace(/\/$/, "") + url.pathname + url.search;
}

export async function readBody(request: Request): Promise<string | Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES)
    return jsonError(413, "payload_too_large", `Body exceeds ${MAX_WEBHOOK_BYTES} bytes`);
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > MAX_WEBHOOK_BYTES) {
    return jsonError(413, "payload_too_large", `Body exceeds ${MAX_WEBHOOK_BYTES} bytes`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    return jsonError(400, "invalid_encoding", "Body is not valid UTF-8");
  }
}

export function toWebhookRequest(request: Request, rawBody: string): WebhookRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return { method: request.method, url: publicUrl(request), headers, rawBody };
}

type Route = NonNullable<FunctionReturnType<typeof internal.inbound.routing.findEndpoint>>;

/** The Convex side of planDelivery's lookups: endpoint rows and sealed credentials. */
function deliveryLookup(ctx: ActionCtx, provider: ProviderId): DeliveryLookup<Route> {
  return {
    find: (identifier) => ctx.runQuery(internal.inbound.routing.findEndpoint, { provider, identifier }),
    id: (route) => route.channelConfigId,
    enabled: (route) => route.enabled,
    hasCredential: (route, field) => Boolean(route.credentials[field]),
    secrets: (route) => cachedCredentials(route.organizationId, route.channelConfigId, route.credentials),
    settings: (route) => route.settings,
  };
}

/**
 * The inbound pipeline's HTTP half, the same for every provider: the descriptor names every
 * endpoint a delivery addresses, planDelivery verifies the signature with each addressed
 * channel's own secret and groups the events by channel; each group is then stored in one
 * transactional mutation (dedupe -> identity -> thread -> store -> coalesce), and the events no
 * channel may take are logged as unroutable. The provider gets its 2xx only after all of that
 * committed; nothing is written before a signature verified.
 *
 * A delivery that no known channel verifies (every endpoint unknown, disabled, unconfigured or
 * signed with another secret) is refused with nothing logged: without a verified signature the
 * sender is anonymous, and logging its events would let anyone fill the log.
 */
export async function handleWebhook(ctx: ActionCtx, request: Request, provider: ProviderId): Promise<Response> {
  const body = await readBody(request);
  if (body instanceof Response) return body;
  const webhook = toWebhookRequest(request, body);
  const descriptor = getDescriptor(provider);

  const plan = await planDelivery(descriptor, webhook, deliveryLookup(ctx, provider));
  if (!plan.ok) return jsonError(plan.status, plan.code, plan.message);

  const headers: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) if (webhook.headers[name]) headers[name] = webhook.headers[name]!;
  const path = new URL(request.url).pathname;
  const bodyBytes = new TextEncoder().encode(body).length;
  let stored = 0;
  let duplicates = 0;
  for (const group of plan.routed) {
    const route = group.channel;
    const events = await hydrateBeforeStore(
      ctx,
      { _id: route.channelConfigId, provider },
      group.events,
      adapterContextFor(group.secrets, route.settings),
    );
    const result = await ingestDelivery(ctx, {
      organizationId: route.organizationId,
      channelConfigId: route.channelConfigId,
      provider,
      events: events.map(withoutUndefined),
      raw: {
        method: request.method,
        path,
        headers,
        // Each organization keeps its own sealed copy (the AAD binds it to the organization).
        body: await encryptString(body, rawEventAad(route.organizationId)),
        bodyBytes,
      },
    });
    stored += result.stored.length;
    duplicates += result.duplicates;
  }
  if (plan.unroutable.length > 0) {
    await ctx.runMutation(internal.inbound.unroutable.log, {
      provider,
      path,
      groups: unroutableGroups(plan.unroutable),
    });
  }
  const reply = descriptor.acknowledge({ stored, duplicates });
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
