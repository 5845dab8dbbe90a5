import { getDescriptor } from "@switchboard/channels";
import type { ProviderId } from "@switchboard/channels/ids";
import type { HttpRouter } from "convex/server";
import { type ActionCtx, httpAction } from "../_generated/server";
import { handleHandshake } from "./handshake";
import { handleWebhook } from "./webhooks";

/**
 * Registers every webhook route a provider's descriptor declares: `delivery` routes go to the
 * signed inbound pipeline, `handshake` routes to the subscription challenge. Nothing here knows
 * a provider by name. `front.delivery` replaces the delivery handler where a channel has a front
 * door of its own (the chat widget checks origins and rate limits, then calls handleWebhook).
 */
export function routeProvider(
  http: HttpRouter,
  provider: ProviderId,
  front: { delivery?: (ctx: ActionCtx, request: Request) => Promise<Response> } = {},
): void {
  const deliver = front.delivery ?? ((ctx: ActionCtx, request: Request) => handleWebhook(ctx, request, provider));
  const delivery = httpAction(deliver);
  const handshake = httpAction((ctx, request) => handleHandshake(ctx, request, provider));
  for (const route of getDescriptor(provider).webhooks) {
    const handler = route.handler === "handshake" ? handshake : delivery;
    if (route.match === "prefix") http.route({ pathPrefix: route.path, method: route.method, handler });
    else http.route({ path: route.path, method: route.method, handler });
  }
}
