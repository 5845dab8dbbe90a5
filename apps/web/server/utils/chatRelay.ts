/**
 * The same-origin relay between the hosted widget page and the backend's chat routes
 * (/chat/sessions/<key>, /webhooks/chat/<key>). It checks the shape of what it forwards and
 * adds nothing of its own: the backend does the origin check (with the browser's Origin, passed
 * through), the rate limits (with the visitor's IP, passed as x-forwarded-for) and the token
 * check. Its answers, including 429 with Retry-After, go back to the page unchanged.
 */
export const WIDGET_KEY_RE = /^[A-Za-z0-9_-]{1,128}$/;
export const MAX_RELAY_BYTES = 64 * 1024;

/** Headers forwarded to the backend: only these, so the browser's cookies never leave. */
export function relayHeaders(incoming: {
  authorization?: string | null;
  origin?: string | null;
  ip?: string | null;
}): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (incoming.authorization) headers.authorization = incoming.authorization;
  if (incoming.origin) headers.origin = incoming.origin;
  if (incoming.ip) headers["x-forwarded-for"] = incoming.ip;
  return headers;
}

/** Response headers copied back to the page. */
export const RELAYED_RESPONSE_HEADERS = ["content-type", "retry-after"] as const;

// createError, getHeader, ... are Nitro's auto-imports (h3); this file imports nothing so the
// pure helpers above can be unit-tested outside Nitro.
export async function relayChat(
  event: Parameters<typeof getHeader>[0],
  siteUrl: string,
  target: (widgetKey: string) => string,
  opts: { requireToken: boolean },
): Promise<string> {
  const widgetKey = getRouterParam(event, "widgetKey") ?? "";
  if (!WIDGET_KEY_RE.test(widgetKey)) throw createError({ statusCode: 400, statusMessage: "Invalid widget key" });
  const authorization = getHeader(event, "authorization");
  if (opts.requireToken && !authorization) {
    throw createError({ statusCode: 401, statusMessage: "Missing visitor session token" });
  }
  const body = (await readRawBody(event, "utf8")) ?? "";
  if (body.length > MAX_RELAY_BYTES || (opts.requireToken && !body)) {
    throw createError({ statusCode: 400, statusMessage: "Invalid message" });
  }
  const res = await fetch(`${siteUrl.replace(/\/$/, "")}${target(widgetKey)}`, {
    method: "POST",
    headers: relayHeaders({
      authorization,
      origin: getHeader(event, "origin"),
      ip: getRequestIP(event, { xForwardedFor: true }),
    }),
    body: body || "{}",
    redirect: "manual",
  });
  setResponseStatus(event, res.status);
  for (const name of RELAYED_RESPONSE_HEADERS) {
    const value = res.headers.get(name);
    if (value) setHeader(event, name, value);
  }
  return await res.text();
}

/**
 * The `frame-ancestors` directive for the hosted widget page: which sites may embed it. The
 * browser enforces it, which is the only place an embedding site's origin can be enforced (the
 * page's own requests carry the dashboard's origin, not the embedder's). An empty list leaves
 * the widget embeddable anywhere; an unknown widget or an unreachable backend gets 'self' only.
 */
export function frameAncestorsPolicy(allowedOrigins: string[] | null): string | null {
  if (allowedOrigins === null) return "frame-ancestors 'self'";
  const clean = allowedOrigins.filter((o) => /^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(o));
  if (clean.length === 0) return null;
  return `frame-ancestors 'self' ${clean.join(" ")}`;
}
