import { getAdapter, type InboundEvent, InboundParseError, type WebhookRequest } from "@switchboard/channels";
import type { ProviderId } from "@switchboard/channels/ids";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { normalizeEndpoint } from "../channels/endpoints";
import { adapterContextFor, cachedCredentials } from "../channels/runtime";
import { encryptString, rawEventAad } from "../lib/crypto";
import { jsonError } from "../lib/http";
import { withoutUndefined } from "../lib/values";
import { ingestDelivery } from "./ingest";

/** Larger bodies are refused before parsing (413); real provider payloads are far smaller. */
export const MAX_WEBHOOK_BYTES = 1_000_000;

/** Credential field each provider's webhook signature is computed with. */
export const WEBHOOK_SECRET_FIELD: Record<ProviderId, string> = {
  twilio: "authToken",
  vonage: "signatureSecret",
  meta: "appSecret",
  resend: "webhookSecret",
  generic: "signingSecret",
  native: "sessionSecret",
};

/** How long the webhook waits for a metadata-only message's content before storing it pending. */
const HYDRATE_TIMEOUT_MS = 5_000;

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

function acknowledge(provider: ProviderId, result: { stored: number; duplicates: number }): Response {
  if (provider === "twilio") {
    // Twilio reads the reply as TwiML; an empty <Response/> means "no auto-reply".
    return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', {
      status: 200,
      headers: { "content-type": "text/xml" },
    });
  }
  return Response.json({ ok: true, ...result }, { status: 200 });
}

/**
 * The inbound pipeline's HTTP half: route -> endpoint -> signature (fail closed) -> parse, then
 * one transactional mutation for dedupe -> identity -> thread -> store -> coalesce.
 * Nothing is written before the signature has been verified.
 */
export async function handleWebhook(ctx: ActionCtx, request: Request, provider: ProviderId): Promise<Response> {
  const body = await readBody(request);
  if (body instanceof Response) return body;
  const webhook = toWebhookRequest(request, body);
  const adapter = getAdapter(provider);

  let routingKey: string | null;
  try {
    routingKey = adapter.routingKey(webhook);
  } catch (error) {
    return jsonError(400, "malformed_payload", errorMessage(error));
  }
  if (!routingKey) return jsonError(400, "unroutable", "The request names no receiving endpoint");

  const endpoint = normalizeEndpoint(provider, routingKey);
  const route = await ctx.runQuery(internal.inbound.routing.findEndpoint, { provider, identifier: endpoint });
  if (!route) return jsonError(404, "unknown_endpoint", `No ${provider} channel receives for this endpoint`);
  if (!route.enabled) return jsonError(403, "channel_disabled", "This channel is disabled");

  const secretField = WEBHOOK_SECRET_FIELD[provider];
  if (!route.credentials[secretField]) {
    return jsonError(503, "not_configured", `The channel has no ${secretField}; webhooks are refused until it is set`);
  }
  const secrets = await cachedCredentials(route.organizationId, route.channelConfigId, route.credentials);
  const verdict = await adapter.validateSignature(webhook, secrets);
  if (!verdict.ok) return jsonError(verdict.status, "invalid_signature", verdict.reason);

  let events: InboundEvent[];
  try {
    events = adapter.parseInbound(webhook);
  } catch (error) {
    if (error instanceof InboundParseError) return jsonError(400, "malformed_payload", error.message);
    throw error;
  }

  // Meta may batch several business numbers in one delivery; only this endpoint's messages
  // belong to the organization whose secret verified it.
  if (provider === "meta") {
    events = events.filter((e) => e.kind !== "message" || normalizeEndpoint(provider, e.to) === endpoint);
  }
  events = await hydrate(adapter, events, secrets, route.settings);

  const headers: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) if (webhook.headers[name]) headers[name] = webhook.headers[name]!;
  const url = new URL(request.url);
  const result = await ingestDelivery(ctx, {
    organizationId: route.organizationId,
    channelConfigId: route.channelConfigId,
    provider,
    events: events.map(withoutUndefined),
    raw: {
      method: request.method,
      path: url.pathname,
      headers,
      body: await encryptString(body, rawEventAad(route.organizationId)),
      bodyBytes: new TextEncoder().encode(body).length,
    },
  });
  return acknowledge(provider, { stored: result.stored.length, duplicates: result.duplicates });
}

/**
 * Providers that send metadata only (Resend's email.received) get their content fetched here,
 * bounded by a short timeout. If that fails the message is still stored, flagged
 * `contentPending`, so an acknowledged delivery is never lost for want of its body.
 */
async function hydrate(
  adapter: ReturnType<typeof getAdapter>,
  events: InboundEvent[],
  credentials: Record<string, string>,
  settings: Record<string, string>,
): Promise<InboundEvent[]> {
  if (!adapter.hydrateInbound) return events;
  const ctx = adapterContextFor(credentials, settings, { timeoutMs: HYDRATE_TIMEOUT_MS });
  return Promise.all(
    events.map(async (event) => {
      if (event.kind !== "message" || !event.contentPending) return event;
      try {
        return await adapter.hydrateInbound!(ctx, event);
      } catch {
        return event;
      }
    }),
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
