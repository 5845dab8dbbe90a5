/**
 * Where the server may fetch a sender-supplied media URL from (SSRF rules for
 * messages/attachments.ts). Written here because main had no URL guard yet; the REST/SSRF work
 * adds a general one (packages/channels urlPolicy) that this should be folded into.
 *
 * Allowed: http(s) URLs without credentials whose host is a public name or a public IP literal,
 * on any port. Refused: every other scheme; loopback, private, link-local, CGNAT, multicast,
 * unspecified and reserved addresses in any spelling (the WHATWG URL parser already turns
 * `0x7f000001`, `2130706433` and `0177.0.0.1` into `127.0.0.1`, and IPv6 into its compressed
 * form, so the checks below see canonical text); `localhost` and single-label or local-only
 * names (.local, .internal, .localhost, .home.arpa, .lan). A private origin is allowed only when
 * listed exactly in SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST (comma-separated origins; `pnpm dev`
 * lists the provider simulator's). Residual risk: the Convex runtime has no DNS lookup, so a
 * public name that resolves to a private address (or rebinds) is not caught here.
 */

export const PRIVATE_ORIGIN_ALLOWLIST_ENV = "SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST";

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

function ipv4Octets(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

function isPrivateIPv4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // CGNAT 100.64/10
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // 192.0.0/24 protocol assignments, 192.0.2/24 docs
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast and reserved
  );
}

/**
 * Expands an IPv6 literal (without brackets) to 8 groups, or null. Only the URL parser's
 * canonical form reaches here (hex groups, at most one "::"; an embedded dotted IPv4 such as
 * ::ffff:127.0.0.1 is already rewritten to ::ffff:7f00:1).
 */
function ipv6Groups(host: string): number[] | null {
  if (!/^[0-9a-f:]+$/i.test(host)) return null;
  const halves = host.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string | undefined) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(halves[0]);
  const right = parse(halves[1]);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function isPrivateIPv6(g: number[]): boolean {
  if (g.slice(0, 7).every((x) => x === 0) && g[7]! <= 1) return true; // :: and ::1
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible: judge the embedded IPv4 address.
    return isPrivateIPv4([g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff]);
  }
  if (g[0] === 0x64 && g[1] === 0xff9b) return isPrivateIPv4([g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff]);
  const first = g[0]!;
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x2001 && g[1] === 0x0db8) // documentation
  );
}

const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".lan", ".localdomain"];

/** Why a host is not a public fetch target, or null when it is. */
export function privateHostReason(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[")) {
    const groups = ipv6Groups(host.slice(1, -1));
    if (!groups) return "the IPv6 address is not valid";
    return isPrivateIPv6(groups) ? "the address is loopback, private or reserved" : null;
  }
  const octets = ipv4Octets(host);
  if (octets) return isPrivateIPv4(octets) ? "the address is loopback, private or reserved" : null;
  if (host === "localhost" || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return "the host name is local";
  if (!host.includes(".")) return "single-label host names are local";
  return null;
}

function allowlistedOrigins(): Set<string> {
  const raw = process.env[PRIVATE_ORIGIN_ALLOWLIST_ENV] ?? "";
  const origins = new Set<string>();
  for (const entry of raw.split(",")) {
    try {
      if (entry.trim()) origins.add(new URL(entry.trim()).origin);
    } catch {
      // an unparseable entry allows nothing
    }
  }
  return origins;
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
  const reason = privateHostReason(url.hostname);
  if (reason && !allowlistedOrigins().has(url.origin)) return { ok: false, reason };
  return { ok: true, url };
}
