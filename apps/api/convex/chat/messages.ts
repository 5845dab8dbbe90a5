import { getAdapter, getDescriptor, verifyVisitorToken, visitorTokenOf } from "@switchboard/channels";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { cachedCredentials } from "../channels/runtime";
import { handleWebhook, readBody, toWebhookRequest } from "../inbound/webhooks";
import { clientIpOf, jsonError } from "../lib/http";
import { corsHeadersFor, isOriginAllowed } from "./origins";
import { limitChat } from "./rateLimits";
import { withHeaders } from "./sessions";

/**
 * `POST /webhooks/chat/<widgetKey>`: the widget's own checks in front of the shared inbound
 * pipeline (inbound/webhooks.ts, which then verifies the token, parses and stores):
 * the caller's Origin against the widget's allowed origins (chat/origins.ts), then the per-IP
 * and per-widget buckets, then, once the token verifies, the per-visitor bucket (a forged token
 * cannot drain a real visitor's bucket). A refused request stores nothing.
 */
export async function handleChatMessage(ctx: ActionCtx, request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  // The pipeline reads the body again; a clone keeps the original unread.
  const body = await readBody(request.clone());
  if (body instanceof Response) return body;
  const webhook = toWebhookRequest(request, body);
  let widgetKey: string | null;
  try {
    widgetKey = getAdapter("native").routingKey(webhook);
  } catch {
    widgetKey = null;
  }
  // Unroutable, unknown or disabled widgets: the pipeline gives its usual answers.
  if (!widgetKey) return handleWebhook(ctx, request, "native");
  const route = await ctx.runQuery(internal.inbound.routing.findEndpoint, {
    provider: "native",
    identifier: getDescriptor("native").endpoints.normalize(widgetKey),
  });
  if (!route?.enabled || !route.credentials.sessionSecret) return handleWebhook(ctx, request, "native");

  if (!isOriginAllowed(origin, route.settings)) {
    return jsonError(403, "origin_not_allowed", "This chat cannot be used from this site");
  }
  const cors = corsHeadersFor(origin);
  const ip = clientIpOf(request);
  const anonymous = await limitChat(ctx, [
    { name: "messagePerIp", key: ip && `${route.channelConfigId}|${ip}` },
    { name: "messagePerWidget", key: route.channelConfigId },
  ]);
  if (anonymous) return withHeaders(anonymous, cors);
  const token = visitorTokenOf(webhook);
  const secrets = token
    ? await cachedCredentials(route.organizationId, route.channelConfigId, route.credentials)
    : null;
  const verdict = token && secrets ? await verifyVisitorToken(secrets.sessionSecret!, token) : null;
  // A widget that requires verification takes messages only from tokens issued to a verified
  // user (a token minted before the setting was turned on does not qualify).
  if (route.settings.requireVerification === "true" && !(verdict?.ok && verdict.claims.verified)) {
    return withHeaders(jsonError(401, "verification_required", "This chat is for signed-in users only"), cors);
  }
  if (verdict?.ok) {
    const limited = await limitChat(ctx, [
      { name: "messagePerVisitor", key: `${route.channelConfigId}|${verdict.visitorId}` },
    ]);
    if (limited) return withHeaders(limited, cors);
  }
  return withHeaders(await handleWebhook(ctx, request, "native"), cors);
}
