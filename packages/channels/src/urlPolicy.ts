/**
 * Where the server may send a request on a tenant's behalf (provider base URLs, a generic
 * channel's outbound/health URL, any admin-entered URL): https to a public host, nothing else.
 * A loopback or private target is allowed only when its exact origin is on the instance's
 * allowlist (`pnpm dev` lists the provider simulator); the backend's own origins never are.
 *
 * Hand-written rather than a library: the address classification must run in Convex's V8 isolate
 * (no `node:net`, no DNS), and the npm packages that classify addresses (ipaddr.js, private-ip)
 * either need Node or miss forms this checks. The WHATWG URL parser does the hard part: it turns
 * every IPv4 spelling (`0x7f000001`, `2130706433`, `0177.0.0.1`, `127.1`) into dotted decimal and
 * every IPv6 spelling into its compressed form, so only canonical literals are classified here.
 *
 * What this cannot see: a public-looking DNS name that resolves to a private address (DNS
 * rebinding, wildcard services). Convex functions cannot resolve names, so names are judged by
 * their text (local suffixes and known loopback-wildcard services are refused); the residual
 * risk is documented in SECURITY.md.
 */

export type AddressClass =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "shared" // 100.64.0.0/10, carrier-grade NAT (cloud metadata lives here on some providers)
  | "link-local" // 169.254.0.0/16 (cloud metadata), fe80::/10
  | "unique-local" // fc00::/7
  | "multicast"
  | "reserved"; // documentation, benchmarking, future use, broadcast, translation prefixes

export interface UrlPolicy {
  /** Exact origins (`http://127.0.0.1:3220`) that may be loopback/private or plain http. */
  allowedPrivateOrigins: readonly string[];
  /** The backend's own origins: refused even when allowlisted (no request to ourselves). */
  ownOrigins: readonly string[];
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** The environment variable listing the allowlisted private origins (comma-separated). */
export const PRIVATE_ORIGIN_ALLOWLIST_ENV = "SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST";

/** The policy of a deployment: its allowlist, and its own cloud/site/webhook origins. */
export function urlPolicyFromEnv(env: Record<string, string | undefined>): UrlPolicy {
  const origins = (list: (string | undefined)[]) =>
    list
      .flatMap((v) => (v ?? "").split(","))
      .map((v) => originOf(v.trim()))
      .filter((v): v is string => v !== null);
  return {
    allowedPrivateOrigins: origins([env[PRIVATE_ORIGIN_ALLOWLIST_ENV]]),
    ownOrigins: origins([env.CONVEX_CLOUD_URL, env.CONVEX_SITE_URL, env.PUBLIC_WEBHOOK_BASE_URL]),
  };
}

function originOf(raw: string): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------- addresses

/** Dotted-decimal IPv4 (as the URL parser prints it) to four octets, or null. */
export function parseIPv4(text: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** An IPv6 literal (without brackets, optionally with an embedded IPv4 tail) to 8 groups, or null. */
export function parseIPv6(text: string): number[] | null {
  let s = text.toLowerCase();
  if (s.includes("%")) return null; // zone ids are never valid in a URL host
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (tail) {
    const v4 = parseIPv4(tail[1]!);
    if (!v4) return null;
    s = `${s.slice(0, -tail[1]!.length)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
}

const inV4 = (o: number[], base: [number, number, number, number], bits: number) => {
  const value = ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
  const net = ((base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (value & mask) === (net & mask);
};

/** IANA special-purpose IPv4 ranges (RFC 6890 and successors) that are not the public internet. */
const V4_RANGES: [[number, number, number, number], number, AddressClass][] = [
  [[0, 0, 0, 0], 8, "unspecified"],
  [[10, 0, 0, 0], 8, "private"],
  [[100, 64, 0, 0], 10, "shared"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local"],
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 0], 24, "reserved"],
  [[192, 0, 2, 0], 24, "reserved"],
  [[192, 88, 99, 0], 24, "reserved"],
  [[192, 168, 0, 0], 16, "private"],
  [[198, 18, 0, 0], 15, "reserved"],
  [[198, 51, 100, 0], 24, "reserved"],
  [[203, 0, 113, 0], 24, "reserved"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[240, 0, 0, 0], 4, "reserved"],
];

export function classifyIPv4(octets: number[]): AddressClass {
  for (const [base, bits, kind] of V4_RANGES) if (inV4(octets, base, bits)) return kind;
  return "public";
}

export function classifyIPv6(g: number[]): AddressClass {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embedded = () => [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff];
  if (zeroUpTo(8)) return "unspecified";
  if (zeroUpTo(7) && g[7] === 1) return "loopback";
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) reach the IPv4 address: judge that.
  if (zeroUpTo(5) && g[5] === 0xffff) return classifyIPv4(embedded());
  if (zeroUpTo(6)) {
    const kind = classifyIPv4(embedded());
    return kind === "public" ? "reserved" : kind; // deprecated form: never a public target
  }
  // 64:ff9b::/96 (NAT64) translates to the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyIPv4(embedded());
  if ((g[0]! & 0xfe00) === 0xfc00) return "unique-local";
  if ((g[0]! & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0]! & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((g[0]! & 0xff00) === 0xff00) return "multicast";
  // 6to4 (2002::/16) carries an IPv4 address in groups 1-2.
  if (g[0] === 0x2002) return classifyIPv4([g[1]! >> 8, g[1]! & 0xff, g[2]! >> 8, g[2]! & 0xff]);
  if (g[0] === 0x2001 && g[1]! < 0x200) return "reserved"; // 2001::/23: Teredo, benchmarking, ORCHID...
  if (g[0] === 0x2001 && g[1] === 0xdb8) return "reserved"; // documentation
  if ((g[0]! & 0xe000) !== 0x2000) return "reserved"; // only 2000::/3 is globally routed unicast
  return "public";
}

/** Class of a URL hostname that is an IP literal (`127.0.0.1`, `[::1]`), or null for a name. */
export function classifyHostLiteral(hostname: string): AddressClass | null {
  const v4 = parseIPv4(hostname);
  if (v4) return classifyIPv4(v4);
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    const v6 = parseIPv6(hostname.slice(1, -1));
    return v6 ? classifyIPv6(v6) : "reserved";
  }
  return null;
}

// ----------------------------------------------------------------------------------- names

/** Suffixes that only ever name machines on a local network (RFC 6761, 6762, 8375, common practice). */
const LOCAL_SUFFIXES = [
  "localhost",
  "local",
  "localdomain",
  "internal",
  "intranet",
  "lan",
  "home",
  "corp",
  "private",
  "home.arpa",
  "arpa",
  "test",
  "invalid",
];

/**
 * Public wildcard-DNS services whose names resolve to any address written into them
 * (`127.0.0.1.nip.io`) or always to loopback (`localtest.me`): the classic way around a text check.
 */
const LOOPBACK_WILDCARD_DOMAINS = [
  "nip.io",
  "sslip.io",
  "xip.io",
  "localtest.me",
  "lvh.me",
  "vcap.me",
  "lacolhost.com",
];

const endsWithDomain = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Why a DNS name is refused, or null when it looks like a public internet name. */
export function localNameReason(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (!host.includes(".")) return "a single-label host name only resolves on a local network";
  const local = LOCAL_SUFFIXES.find((s) => endsWithDomain(host, s));
  if (local) return `.${local} names are local`;
  const wildcard = LOOPBACK_WILDCARD_DOMAINS.find((d) => endsWithDomain(host, d));
  if (wildcard) return `${wildcard} names resolve to addresses written into them`;
  // Hex/decimal/octal spellings of addresses never reach here (the URL parser rewrote them);
  // a name made only of digits and dots is one the parser could not read as an address.
  if (/^[\d.]+$/.test(host)) return "not a valid address";
  return null;
}

// ------------------------------------------------------------------------------------ check

const isLocalHost = (hostname: string) => {
  const literal = classifyHostLiteral(hostname);
  return literal ? literal !== "public" : localNameReason(hostname) !== null;
};

function isOwnOrigin(url: URL, policy: UrlPolicy): boolean {
  return policy.ownOrigins.some((own) => {
    if (own === url.origin) return true;
    // 127.0.0.1:3210, localhost:3210 and [::1]:3210 are the same listener.
    const o = new URL(own);
    return o.port === url.port && isLocalHost(o.hostname) && isLocalHost(url.hostname);
  });
}

/**
 * Checks a URL the server is about to call (or store) against the policy. The reason names what
 * is wrong with the URL itself; it never includes anything fetched from it.
 */
export function checkOutboundUrl(raw: string, policy: UrlPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "not an absolute URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: `${url.protocol} URLs are not allowed (use https)` };
  }
  if (url.username || url.password) return { ok: false, reason: "credentials in the URL are not allowed" };
  if (isOwnOrigin(url, policy)) return { ok: false, reason: "this server's own address is not allowed" };
  if (policy.allowedPrivateOrigins.includes(url.origin)) return { ok: true, url };
  const literal = classifyHostLiteral(url.hostname);
  if (literal && literal !== "public") return { ok: false, reason: `${literal} addresses are not allowed` };
  if (!literal) {
    const local = localNameReason(url.hostname);
    if (local) return { ok: false, reason: `host not allowed: ${local}` };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "only https URLs are allowed" };
  return { ok: true, url };
}

/** Raised by a guarded fetch for a refused target; nothing was sent. */
export class OutboundUrlRefused extends Error {
  constructor(readonly reason: string) {
    super(`refused to contact this URL: ${reason}`);
    this.name = "OutboundUrlRefused";
  }
}

/**
 * A fetch that checks every target against the policy (read at call time, so environment
 * changes apply) and never follows redirects: a 3xx is returned as it is, so credentials sent
 * to a public host can never be replayed to wherever its Location points.
 */
export function guardFetch(inner: typeof fetch, policy: () => UrlPolicy): typeof fetch {
  return (input, init) => {
    const target = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const check = checkOutboundUrl(target, policy());
    if (!check.ok) return Promise.reject(new OutboundUrlRefused(check.reason));
    return inner(check.url.href, { ...init, redirect: "manual" });
  };
}
