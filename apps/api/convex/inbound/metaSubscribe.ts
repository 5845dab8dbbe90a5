import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { metaVerifyTokenEndpoint } from "../channels/endpoints";
import { jsonError } from "../lib/http";

/**
 * Meta's webhook subscription handshake: GET ?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..
 * Answer the challenge verbatim only when the token belongs to a configured WhatsApp channel.
 */
export async function handleMetaSubscribe(ctx: ActionCtx, request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const mode = params.get("hub.mode");
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (mode !== "subscribe" || !token || !challenge) {
    return jsonError(
      400,
      "bad_subscription_request",
      "Expected hub.mode=subscribe, hub.verify_token and hub.challenge",
    );
  }
  const route = await ctx.runQuery(internal.inbound.routing.findEndpoint, {
    provider: "meta",
    identifier: await metaVerifyTokenEndpoint(token),
  });
  if (!route?.enabled) return jsonError(403, "invalid_verify_token", "Unknown verify token");
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain" } });
}
