import { siteUrls } from "../auth";

/**
 * Which web origins may talk to a widget's chat routes. A browser always sends `Origin` on a
 * POST, so for browsers this is enforced on every session start and every message:
 * - the dashboard's own origins (SITE_URL) are always allowed: the hosted widget page
 *   (/chat/<widgetKey>) lives there, and which sites may embed that page is enforced by the
 *   browser through its `frame-ancestors` policy (apps/web/server/middleware/chatFrame.ts);
 * - a widget's `allowedOrigins` setting (comma-separated) adds the sites whose own scripts may
 *   call the routes directly (answered with CORS for exactly those origins);
 * - an empty list means: the hosted widget may be embedded anywhere, and no other origin may
 *   call the routes from a browser.
 * A request without `Origin` is not from a web page (a server or a script); it cannot be told
 * apart from a forged one, so it is allowed and bounded by the rate limits instead.
 */

/** `allowedOrigins` as normalised origins (scheme://host[:port]); unparseable entries are dropped. */
export function allowedOriginsOf(settings: Record<string, string>): string[] {
  return (settings.allowedOrigins ?? "")
    .split(",")
    .map((s) => normalizeOrigin(s.trim()))
    .filter((o): o is string => o !== null);
}

export function normalizeOrigin(value: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** True when a request with this Origin header may use the widget. */
export function isOriginAllowed(origin: string | null, settings: Record<string, string>): boolean {
  if (origin === null) return true;
  const normalized = normalizeOrigin(origin);
  // "null" (sandboxed frames, file:) and anything unparseable is refused.
  if (!normalized) return false;
  return siteUrls().some((u) => normalizeOrigin(u) === normalized) || allowedOriginsOf(settings).includes(normalized);
}

/** CORS headers for an allowed browser origin (none when the request sent no Origin). */
export function corsHeadersFor(origin: string | null): Record<string, string> {
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": "authorization, content-type, x-visitor-token",
    "access-control-max-age": "600",
    vary: "Origin",
  };
}
