/** JSON error body shared by webhooks and the REST API: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

/**
 * The client's IP where the request says it: the first `x-forwarded-for` hop or `x-real-ip`
 * (set by the dashboard relay and by reverse proxies). Neither Convex nor the local backend
 * adds one, so a direct caller can omit or vary it: per-IP buckets slow honest-but-noisy
 * clients, and the per-widget, per-visitor and per-request buckets still bound a caller who rotates it.
 */
export function clientIpOf(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || request.headers.get("x-real-ip")?.trim();
  return ip && ip.length <= 64 && /^[0-9A-Fa-f.:]+$/.test(ip) ? ip : null;
}
