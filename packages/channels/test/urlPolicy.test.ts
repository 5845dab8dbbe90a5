import { describe, expect, it } from "vitest";
import { checkOutboundUrl, guardFetch, OutboundUrlRefused, type UrlPolicy, urlPolicyFromEnv } from "../src/urlPolicy";

const NONE: UrlPolicy = { allowedPrivateOrigins: [], ownOrigins: [] };
const refused = (url: string, policy = NONE) => {
  const r = checkOutboundUrl(url, policy);
  return r.ok ? null : r.reason;
};

describe("checkOutboundUrl: provider URLs are https public hosts", () => {
  it("accepts the real provider hosts", () => {
    for (const url of [
      "https://api.twilio.com",
      "https://graph.facebook.com/v22.0",
      "https://api.resend.com/",
      "https://8.8.8.8/x",
      "https://[2606:4700:4700::1111]/",
    ]) {
      expect(refused(url), url).toBeNull();
    }
  });

  it("refuses every spelling of loopback, private, link-local, shared and reserved addresses", () => {
    const cases: [string, RegExp][] = [
      ["https://127.0.0.1/", /loopback/],
      ["https://127.1/", /loopback/], // short form
      ["https://0x7f000001/", /loopback/], // hex
      ["https://2130706433/", /loopback/], // decimal
      ["https://0177.0.0.1/", /loopback/], // octal
      ["https://0x7f.0.0.1/", /loopback/],
      ["https://0.0.0.0/", /unspecified/],
      ["https://0/", /unspecified/],
      ["https://10.1.2.3/", /private/],
      ["https://172.16.0.1/", /private/],
      ["https://172.31.255.255/", /private/],
      ["https://192.168.1.1/", /private/],
      ["https://169.254.169.254/latest/meta-data/", /link-local/], // cloud metadata
      ["https://100.64.0.1/", /shared/],
      ["https://100.127.255.255/", /shared/],
      ["https://224.0.0.1/", /multicast/],
      ["https://255.255.255.255/", /reserved/],
      ["https://198.18.0.1/", /reserved/],
      ["https://[::1]/", /loopback/],
      ["https://[0:0:0:0:0:0:0:1]/", /loopback/],
      ["https://[::]/", /unspecified/],
      ["https://[::ffff:127.0.0.1]/", /loopback/], // IPv4-mapped
      ["https://[::ffff:7f00:1]/", /loopback/],
      ["https://[::ffff:a9fe:a9fe]/", /link-local/], // mapped 169.254.169.254
      ["https://[::127.0.0.1]/", /loopback/], // IPv4-compatible
      ["https://[64:ff9b::a00:1]/", /private/], // NAT64 of 10.0.0.1
      ["https://[2002:7f00:1::]/", /loopback/], // 6to4 of 127.0.0.1
      ["https://[fc00::1]/", /unique-local/],
      ["https://[fd12:3456::1]/", /unique-local/],
      ["https://[fe80::1]/", /link-local/],
      ["https://[febf::1]/", /link-local/],
      ["https://[ff02::1]/", /multicast/],
      ["https://[2001:db8::1]/", /reserved/],
      ["https://[2001::1]/", /reserved/], // Teredo
    ];
    for (const [url, reason] of cases) expect(refused(url), url).toMatch(reason);
  });

  it("refuses local names and the wildcard-DNS services that resolve to loopback", () => {
    for (const url of [
      "https://localhost/",
      "https://LOCALHOST./",
      "https://api.localhost/",
      "https://printer.local/",
      "https://metadata.google.internal/computeMetadata/v1/",
      "https://router.home.arpa/",
      "https://intranet/",
      "https://127.0.0.1.nip.io/",
      "https://app.localtest.me/",
      "https://10-0-0-1.sslip.io/",
    ]) {
      expect(refused(url), url).toMatch(/host not allowed/);
    }
  });

  it("refuses plain http, other schemes, credentials in the URL and non-URLs", () => {
    expect(refused("http://api.twilio.com/")).toMatch(/only https/);
    expect(refused("file:///etc/passwd")).toMatch(/file: URLs are not allowed/);
    expect(refused("gopher://example.com/")).toMatch(/not allowed/);
    expect(refused("https://user:pass@api.twilio.com/")).toMatch(/credentials/);
    expect(refused("/relative/path")).toMatch(/absolute/);
    expect(refused("not a url")).toMatch(/absolute/);
  });
});

describe("the instance allowlist", () => {
  const policy = urlPolicyFromEnv({
    SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST: "http://127.0.0.1:3220, http://localhost:3210 ,junk",
    CONVEX_CLOUD_URL: "http://127.0.0.1:3210",
    CONVEX_SITE_URL: "http://127.0.0.1:3211",
  });

  it("admits exactly the listed origin, http included", () => {
    expect(refused("http://127.0.0.1:3220/2010-04-01/Accounts", policy)).toBeNull();
    expect(refused("http://127.0.0.1:3221/", policy)).toMatch(/loopback/); // another port
    expect(refused("http://localhost:3220/", policy)).toMatch(/host not allowed/); // another origin text
    expect(refused("https://127.0.0.1:3220/", policy)).toMatch(/loopback/); // another scheme
  });

  it("never admits the backend's own ports, in any spelling, even when listed", () => {
    for (const url of [
      "http://127.0.0.1:3210/api/query",
      "http://localhost:3210/",
      "http://[::1]:3211/webhooks/sms",
      "http://0x7f000001:3211/",
    ]) {
      expect(refused(url, policy), url).toMatch(/own address/);
    }
  });

  it("reads nothing from an empty environment", () => {
    expect(urlPolicyFromEnv({})).toEqual({ allowedPrivateOrigins: [], ownOrigins: [] });
  });
});

describe("guardFetch", () => {
  it("refuses before sending and never follows redirects", async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const inner = (async (url: string, init?: RequestInit) => {
      seen.push({ url, init });
      return new Response(null, { status: 302, headers: { location: "http://169.254.169.254/" } });
    }) as unknown as typeof fetch;
    const guarded = guardFetch(inner, () => NONE);
    await expect(guarded("https://169.254.169.254/", { headers: { authorization: "Basic x" } })).rejects.toBeInstanceOf(
      OutboundUrlRefused,
    );
    expect(seen).toHaveLength(0);
    const res = await guarded("https://api.twilio.com/x", { method: "GET", redirect: "follow" });
    expect(res.status).toBe(302);
    expect(seen).toEqual([{ url: "https://api.twilio.com/x", init: { method: "GET", redirect: "manual" } }]);
  });
});
