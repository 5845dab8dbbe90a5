import { getDescriptor } from "@switchboard/channels";
import type { ProviderId } from "@switchboard/channels/ids";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { jsonError } from "../lib/http";

/**
 * A provider's GET subscription challenge (Meta: ?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..).
 * The descriptor parses it and names the endpoint (the verify token's hash); the challenge is
 * echoed only when that endpoint belongs to an enabled channel.
 */
export async function handleHandshake(ctx: ActionCtx, request: Request, provider: ProviderId): Promise<Response> {
  const descriptor = getDescriptor(provider);
  if (!descriptor.handshake) return jsonError(405, "method_not_allowed", "This endpoint takes POST deliveries only");
  const result = await descriptor.handshake(new URL(request.url).searchParams);
  if (!result.ok) return jsonError(result.status, "bad_subscription_request", result.reason);
  const route = await ctx.runQuery(internal.inbound.routing.findEndpoint, {
    provider,
    kind: result.endpoint.kind,
    identifier: result.endpoint.identifier,
  });
  if (!route?.enabled) return jsonError(403, "invalid_verify_token", "Unknown verify token");
  return new Response(result.reply.body, { status: result.reply.status, headers: result.reply.headers });
}
