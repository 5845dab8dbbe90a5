import { createVisitorToken, getDescriptor, verifyVisitorToken } from "@switchboard/channels";
import { compactVerify } from "jose";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { cachedCredentials } from "../channels/runtime";
import { jsonError } from "../lib/http";
import { allowedOriginsOf, corsHeadersFor, isOriginAllowed } from "./origins";
import { clientIpOf, limitChat } from "./rateLimits";

/**
 * Visitor sessions of the chat widget: `POST /chat/sessions/<widgetKey>` (an HTTP route rather
 * than a Convex action because only an HTTP action sees the caller's `Origin` and IP).
 * Body: `{ token? }`, the token the widget kept from an earlier session. Answers
 * `{ token, visitorId, expiresAt, organizationId, channelConfigId }`.
 *
 * A visitor id is carried forward only by a token whose signature verifies with this widget's
 * secret (expired is fine: a returning visitor keeps their conversation). Anything else (no
 * token, a forged or garbage token, a token of another widget) gets a freshly minted id, so
 * knowing someone's visitor id is worth nothing.
 */

const VISITOR_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_SESSION_BODY_BYTES = 8 * 1024;
/** A token with less than this left is re-issued (same visitor) instead of resumed. */
const REISSUE_WITHIN_MS = 24 * 60 * 60 * 1000;

function newVisitorId(): string {
  return `v_${crypto.randomUUID().replace(/-/g, "")}`;
}

/**
 * The visitor id of a token signed with `secret`, ignoring its expiry (jose's jwtVerify would
 * refuse an expired token outright; compactVerify checks only the HS256 signature).
 */
export async function genuineVisitorIdOf(secret: string, token: string): Promise<string | null> {
  try {
    const { payload, protectedHeader } = await compactVerify(token.trim(), new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
    });
    if (protectedHeader.alg !== "HS256") return null;
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    const sub = typeof claims === "object" && claims !== null ? (claims as { sub?: unknown }).sub : undefined;
    return typeof sub === "string" && VISITOR_ID_RE.test(sub) ? sub : null;
  } catch {
    return null;
  }
}

export function widgetKeyOfSessionPath(pathname: string): string | null {
  const m = /^\/chat\/sessions\/([A-Za-z0-9_-]{1,128})\/?$/.exec(pathname);
  return m ? m[1]! : null;
}

async function readSessionBody(request: Request): Promise<{ token?: string } | Response> {
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > MAX_SESSION_BODY_BYTES) return jsonError(413, "payload_too_large", "Body is too large");
  if (buffer.byteLength === 0) return {};
  try {
    const body: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(buffer));
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("not an object");
    const token = (body as { token?: unknown }).token;
    if (token !== undefined && (typeof token !== "string" || token.length > 4096)) throw new Error("bad token");
    return token ? { token } : {};
  } catch {
    return jsonError(400, "invalid_request", "The body must be a JSON object with an optional string token");
  }
}

export async function handleSessionStart(ctx: ActionCtx, request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  const widgetKey = widgetKeyOfSessionPath(new URL(request.url).pathname);
  if (!widgetKey) return jsonError(404, "not_found", "This chat is not available");
  const route = await ctx.runQuery(internal.inbound.routing.findEndpoint, {
    provider: "native",
    identifier: getDescriptor("native").endpoints.normalize(widgetKey),
  });
  // One answer for unknown, disabled and unconfigured widgets: nothing to learn by probing keys.
  if (!route?.enabled || !route.credentials.sessionSecret) {
    return jsonError(404, "not_found", "This chat is not available");
  }
  if (!isOriginAllowed(origin, route.settings)) {
    return jsonError(403, "origin_not_allowed", "This chat cannot be used from this site");
  }
  const cors = corsHeadersFor(origin);
  const limited = await limitChat(ctx, [
    { name: "sessionPerIp", key: clientIpOf(request) && `${route.channelConfigId}|${clientIpOf(request)}` },
    { name: "sessionPerWidget", key: route.channelConfigId },
  ]);
  if (limited) return withHeaders(limited, cors);
  const body = await readSessionBody(request);
  if (body instanceof Response) return withHeaders(body, cors);

  const secrets = await cachedCredentials(route.organizationId, route.channelConfigId, route.credentials);
  const secret = secrets.sessionSecret!;
  const base = { organizationId: route.organizationId, channelConfigId: route.channelConfigId };
  let visitorId: string | null = null;
  if (body.token) {
    const verdict = await verifyVisitorToken(secret, body.token);
    if (verdict.ok && verdict.expiresAt - Date.now() > REISSUE_WITHIN_MS) {
      return Response.json(
        { token: body.token.trim(), visitorId: verdict.visitorId, expiresAt: verdict.expiresAt, ...base },
        { headers: cors },
      );
    }
    visitorId = verdict.ok ? verdict.visitorId : await genuineVisitorIdOf(secret, body.token);
  }
  const id = visitorId ?? newVisitorId();
  const ttl = route.settings.tokenTtlSeconds ? Number(route.settings.tokenTtlSeconds) : undefined;
  const issued = await createVisitorToken(secret, id, ttl ? { ttlSeconds: ttl } : {});
  return Response.json({ token: issued.token, visitorId: id, expiresAt: issued.expiresAt, ...base }, { headers: cors });
}

/**
 * `GET /chat/widgets/<widgetKey>`: the widget's public embedding policy, `{ allowedOrigins }`,
 * which the dashboard turns into the hosted widget page's `frame-ancestors` header. Only what
 * that header discloses anyway; unknown and disabled widgets are one 404.
 */
export async function handleWidgetPolicy(ctx: ActionCtx, request: Request): Promise<Response> {
  const m = /^\/chat\/widgets\/([A-Za-z0-9_-]{1,128})\/?$/.exec(new URL(request.url).pathname);
  const route = m
    ? await ctx.runQuery(internal.inbound.routing.findEndpoint, {
        provider: "native",
        identifier: getDescriptor("native").endpoints.normalize(m[1]!),
      })
    : null;
  if (!route?.enabled) return jsonError(404, "not_found", "This chat is not available");
  return Response.json({ allowedOrigins: allowedOriginsOf(route.settings) });
}

/** CORS preflight of the chat routes: answered only for an origin the widget allows. */
export async function handleChatPreflight(ctx: ActionCtx, request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  const url = new URL(request.url);
  const widgetKey =
    widgetKeyOfSessionPath(url.pathname) ?? /^\/webhooks\/chat\/([A-Za-z0-9_-]{1,128})\/?$/.exec(url.pathname)?.[1];
  if (!widgetKey || !origin) return new Response(null, { status: 204 });
  const route = await ctx.runQuery(internal.inbound.routing.findEndpoint, {
    provider: "native",
    identifier: getDescriptor("native").endpoints.normalize(widgetKey),
  });
  if (!route?.enabled || !isOriginAllowed(origin, route.settings)) return new Response(null, { status: 204 });
  return new Response(null, { status: 204, headers: corsHeadersFor(origin) });
}

export function withHeaders(response: Response, headers: Record<string, string>): Response {
  if (Object.keys(headers).length === 0) return response;
  const merged = new Headers(response.headers);
  for (const [k, v] of Object.entries(headers)) merged.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}
