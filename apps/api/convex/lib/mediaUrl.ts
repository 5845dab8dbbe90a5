/**
 * Where the server may fetch a sender-supplied media URL from (SSRF rules for
 * messages/attachments.ts), on the shared URL policy (packages/channels urlPolicy): public hosts
 * only, loopback/private/link-local/reserved addresses in any spelling and local names refused,
 * an allowlisted private origin (SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST) excepted. Unlike provider
 * URLs a sender's media link may be plain http (it carries no credentials of ours). Residual
 * risk: the Convex runtime has no DNS lookup, so a public name that resolves to a private address
 * (or rebinds) is not caught here.
 */
import {
  classifyHostLiteral,
  localNameReason,
  PRIVATE_ORIGIN_ALLOWLIST_ENV,
  urlPolicyFromEnv,
} from "@switchboard/channels/urlPolicy";

export { PRIVATE_ORIGIN_ALLOWLIST_ENV };

export type MediaUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** True for a URL string a sender may give as an attachment link: http or https only. */
export function isHttpUrl(raw: string | undefined): raw is string {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Checks a URL before every request (and again for each redirect hop). */
export function checkMediaUrl(raw: string): MediaUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, reason: "only http(s) URLs are fetched" };
  if (url.username || url.password) return { ok: false, reason: "URLs with credentials are not fetched" };
  if (urlPolicyFromEnv(process.env).allowedPrivateOrigins.includes(url.origin)) return { ok: true, url };
  const literal = classifyHostLiteral(url.hostname);
  if (literal && literal !== "public") return { ok: false, reason: `${literal} addresses are not fetched` };
  const local = literal ? null : localNameReason(url.hostname);
  if (local) return { ok: false, reason: `host not fetched: ${local}` };
  return { ok: true, url };
}
