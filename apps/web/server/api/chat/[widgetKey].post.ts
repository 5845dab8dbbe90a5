/**
 * Same-origin relay for the visitor widget: forwards a visitor message to the backend's
 * /webhooks/chat/<widgetKey> route with the visitor's session token. The backend verifies the
 * token (HMAC) and the body; this relay adds nothing and stores nothing. It exists because the
 * webhook route answers no CORS preflight.
 */
const MAX_BYTES = 64 * 1024;

export default defineEventHandler(async (event) => {
  const widgetKey = getRouterParam(event, "widgetKey") ?? "";
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(widgetKey))
    throw createError({ statusCode: 400, statusMessage: "Invalid widget key" });
  const token = getHeader(event, "authorization");
  if (!token) throw createError({ statusCode: 401, statusMessage: "Missing visitor session token" });
  const body = await readRawBody(event, "utf8");
  if (!body || body.length > MAX_BYTES) throw createError({ statusCode: 400, statusMessage: "Invalid message" });
  const site = String(useRuntimeConfig().public.convexSiteUrl).replace(/\/$/, "");
  const res = await fetch(`${site}/webhooks/chat/${encodeURIComponent(widgetKey)}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: token },
    body,
  });
  setResponseStatus(event, res.status);
  setHeader(event, "content-type", res.headers.get("content-type") ?? "application/json");
  return await res.text();
});
