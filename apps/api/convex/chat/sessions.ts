import {
  createVisitorToken,
  decodeVisitorToken,
  getDescriptor,
  type VisitorClaims,
  verifyUserHash,
  verifyVisitorToken,
  visitorIdForUser,
} from "@switchboard/channels";
import { compactVerify } from "jose";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { cachedCredentials } from "../channels/runtime";
import { clientIpOf, jsonError } from "../lib/http";
import { allowedOriginsOf, corsHeadersFor, isOriginAllowed } from "./origins";
import { limitChat } from "./rateLimits";

/**
 * Visitor sessions of the chat widget: `POST /chat/sessions/<widgetKey>` (an HTTP route rather
 * than a Convex action because only an HTTP action sees the caller's `Origin` and IP).
 * Body: `{ token?, userId?, userHash?, email?, name? }`: the token the widget kept from an
 * earlier session, and the embedding site's signed-in user (verified when userHash is
 * hex(HMAC-SHA256(identitySecret, userId))). Answers
 * `{ token, visitorId, expiresAt, verified, organizationId, channelConfigId }`.
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
export async function genuineVisitorOf(
  secret: string,
  token: string,
): Promise<{ visitorId: string; claims: VisitorClaims } | null> {
  try {
    const { protectedHeader } = await compactVerify(token.trim(), new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
    });
    if (protectedHeader.alg !== "HS256") return null;
    // The signature holds, so the decoded claims are ours (decodeVisitorToken ignores expiry).
    const decoded = decodeVisitorToken(token);
    return decoded && VISITOR_ID_RE.test(decoded.visitorId)
      ? { visitorId: decoded.visitorId, claims: decoded.claims }
      : null;
  } catch {
    return null;
  }
}

export function widgetKeyOfSessionPath(pathname: string): string | null {
  const m = /^\/chat\/sessions\/([A-Za-z0-9_-]{1,128})\/?$/.exec(pathname);
  return m ? m[1]! : null;
}

interface SessionBody {
  token?: string;
  /** The embedding site's signed-in user: all optional, verified only with a matching userHash. */
  userId?: string;
  userHash?: string;
  email?: string;
  name?: string;
}

const sessionFields: Record<keyof SessionBody, number> = {
  token: 4096,
  userId: 256,
  userHash: 128,
  email: 254,
  name: 200,
};

async function readSessionBody(request: Request): Promise<SessionBody | Response> {
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > MAX_SESSION_BODY_BYTES) return jsonError(413, "payload_too_large", "Body is too large");
  if (buffer.byteLength === 0) return {};
  try {
    const body: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(buffer));
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("not an object");
    const out: SessionBody = {};
    for (const [field, max] of Object.entries(sessionFields) as [keyof SessionBody, number][]) {
      const value = (body as Record<string, unknown>)[field];
      if (value === undefined || value === null || value === "") continue;
      if (typeof value !== "string" || value.length > max) throw new Error(`bad ${field}`);
      out[field] = value.trim();
    }
    if (out.email !== undefined && !EMAIL_RE.test(out.email)) throw new Error("bad email");
    if (out.userHash !== undefined && out.userId === undefined) throw new Error("userHash without userId");
    return out;
  } catch {
    return jsonError(
      400,
      "invalid_request",
      "The body must be a JSON object with optional strings token, userId, userHash, email and name",
    );
  }
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Identity =
  | { kind: "verified"; visitorId: string; claims: VisitorClaims }
  | { kind: "claimed"; claims: VisitorClaims }
  | { kind: "anonymous" };

/**
 * Who the site says the visitor is. A userHash must verify against the widget's identity secret
 * (401 otherwise, nothing issued); a user id without a hash proves nothing, so it is ignored and
 * only the email and name are kept, as unverified claims.
 */
async function identityOf(body: SessionBody, identitySecret: string | undefined): Promise<Identity | Response> {
  const claims = {
    ...(body.email ? { email: body.email.toLowerCase() } : {}),
    ...(body.name ? { name: body.name } : {}),
  };
  if (body.userHash !== undefined) {
    if (!identitySecret || !(await verifyUserHash(identitySecret, body.userId!, body.userHash))) {
      return jsonError(401, "invalid_user_hash", "The user could not be verified");
    }
    return {
      kind: "verified",
      visitorId: await visitorIdForUser(identitySecret, body.userId!),
      claims: { verified: true, ...claims },
    };
  }
  return Object.keys(claims).length > 0 ? { kind: "claimed", claims } : { kind: "anonymous" };
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
  const ip = clientIpOf(request);
  const limited = await limitChat(ctx, [
    { name: "sessionPerIp", key: ip && `${route.channelConfigId}|${ip}` },
    { name: "sessionPerWidget", key: route.channelConfigId },
  ]);
  if (limited) return withHeaders(limited, cors);
  const body = await readSessionBody(request);
  if (body instanceof Response) return withHeaders(body, cors);

  const secrets = await cachedCredentials(route.organizationId, route.channelConfigId, route.credentials);
  const secret = secrets.sessionSecret!;
  const identity = await identityOf(body, secrets.identitySecret);
  if (identity instanceof Response) return withHeaders(identity, cors);
  const requireVerification = route.settings.requireVerification === "true";
  const base = { organizationId: route.organizationId, channelConfigId: route.channelConfigId };
  const ttl = route.settings.tokenTtlSeconds ? Number(route.settings.tokenTtlSeconds) : undefined;
  const issue = async (visitorId: string, claims: VisitorClaims) => {
    const issued = await createVisitorToken(secret, visitorId, { ...(ttl ? { ttlSeconds: ttl } : {}), claims });
    return Response.json(
      { token: issued.token, visitorId, expiresAt: issued.expiresAt, verified: claims.verified === true, ...base },
      { headers: cors },
    );
  };

  // A verified user always gets their own visitor id, whatever token the browser kept.
  if (identity.kind === "verified") return issue(identity.visitorId, identity.claims);

  const verdict = body.token ? await verifyVisitorToken(secret, body.token) : null;
  if (requireVerification) {
    // Only a live token that was itself issued to a verified user resumes.
    if (verdict?.ok && verdict.claims.verified && identity.kind === "anonymous") {
      return verdict.expiresAt - Date.now() > REISSUE_WITHIN_MS
        ? Response.json(
            {
              token: body.token!.trim(),
              visitorId: verdict.visitorId,
              expiresAt: verdict.expiresAt,
              verified: true,
              ...base,
            },
            { headers: cors },
          )
        : issue(verdict.visitorId, verdict.claims);
    }
    return withHeaders(jsonError(401, "verification_required", "This chat is for signed-in users only"), cors);
  }
  if (identity.kind === "anonymous" && verdict?.ok && verdict.expiresAt - Date.now() > REISSUE_WITHIN_MS) {
    return Response.json(
      {
        token: body.token!.trim(),
        visitorId: verdict.visitorId,
        expiresAt: verdict.expiresAt,
        verified: verdict.claims.verified === true,
        ...base,
      },
      { headers: cors },
    );
  }
  let visitorId: string | null = null;
  let claims: VisitorClaims = identity.kind === "claimed" ? identity.claims : {};
  if (body.token) {
    const carried = verdict?.ok
      ? { visitorId: verdict.visitorId, claims: verdict.claims }
      : await genuineVisitorOf(secret, body.token);
    // A verified user's id is never carried into an unverified session (someone else may be
    // typing a claim on that browser now): unverified claims start a visitor of their own.
    if (carried && !(carried.claims.verified && identity.kind === "claimed")) {
      visitorId = carried.visitorId;
      if (identity.kind === "anonymous") claims = carried.claims;
    }
  }
  return issue(visitorId ?? newVisitorId(), claims);
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
