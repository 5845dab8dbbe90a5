import { frameAncestorsPolicy, WIDGET_KEY_RE } from "../utils/chatRelay";

/**
 * Sets the hosted widget page's `frame-ancestors` policy from the widget's allowedOrigins
 * (asked from the backend's GET /chat/widgets/<widgetKey>), so only those sites can embed it.
 */
const CHAT_PAGE_RE = /^\/chat\/([^/?#]+)\/?(?:[?#].*)?$/;
const POLICY_TIMEOUT_MS = 2_000;

export default defineEventHandler(async (event) => {
  if (event.method !== "GET") return;
  const match = CHAT_PAGE_RE.exec(event.path);
  if (!match) return;
  const widgetKey = decodeURIComponent(match[1]!);
  let allowed: string[] | null = null;
  if (WIDGET_KEY_RE.test(widgetKey)) {
    const site = String(useRuntimeConfig().public.convexSiteUrl).replace(/\/$/, "");
    try {
      const res = await fetch(`${site}/chat/widgets/${encodeURIComponent(widgetKey)}`, {
        signal: AbortSignal.timeout(POLICY_TIMEOUT_MS),
        redirect: "manual",
      });
      if (res.ok) {
        const body = (await res.json()) as { allowedOrigins?: unknown };
        if (Array.isArray(body.allowedOrigins)) allowed = body.allowedOrigins.filter((o) => typeof o === "string");
      }
    } catch {
      allowed = null;
    }
  }
  const policy = frameAncestorsPolicy(allowed);
  if (policy) setHeader(event, "content-security-policy", policy);
});
