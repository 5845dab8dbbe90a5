// @vitest-environment node
// Issue 14 item 3 (SSRF): an owner must not be able to point the server, and the channel's
// credentials, at loopback or private addresses. Real loopback servers record what reaches them.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { type Backend, newBackend, ORG_A, type SeededOrg, seedOrg } from "../harness";

interface Recorder {
  url: string;
  origin: string;
  hits: { path: string; headers: IncomingHttpHeaders }[];
  server: Server;
}

async function recorder(answer: (path: string) => { status: number; headers?: Record<string, string>; body: string }) {
  const r: Recorder = { url: "", origin: "", hits: [], server: undefined as never };
  r.server = createServer((req, res) => {
    r.hits.push({ path: req.url ?? "", headers: req.headers });
    const a = answer(req.url ?? "");
    res.writeHead(a.status, a.headers).end(a.body);
  });
  await new Promise<void>((resolve) => r.server.listen(0, "127.0.0.1", resolve));
  r.origin = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}`;
  r.url = r.origin;
  return r;
}

let internalService: Recorder; // stands for anything on the host's network: it must never be reached
let redirector: Recorder; // an allowlisted origin that answers with a redirect into the internal service
let t: Backend;
let a: SeededOrg;

beforeAll(async () => {
  internalService = await recorder(() => ({ status: 200, body: '{"status":"active","message":"INTERNAL-SECRET"}' }));
  redirector = await recorder(() => ({
    status: 302,
    headers: { location: `${internalService.url}/steal`, "content-type": "text/plain" },
    body: "REDIRECT-PAGE-BODY",
  }));
});
afterAll(async () => {
  for (const r of [internalService, redirector]) await new Promise((done) => r.server.close(done));
});

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "ssrf", ORG_A);
  internalService.hits.length = 0;
  redirector.hits.length = 0;
  process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = redirector.origin;
});
afterEach(() => {
  delete process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST;
  delete process.env.CONVEX_SITE_URL;
});

const owner = () => t.withIdentity(a.identity);
const configCount = () =>
  t.run(
    async (ctx) =>
      (
        await ctx.db
          .query("channelConfigs")
          .withIndex("by_org_channel", (q) => q.eq("organizationId", a.organizationId))
          .collect()
      ).length,
  );
const saveGeneric = (settings: Record<string, string>, slug = "ssrf-hook") =>
  owner().action(api.channels.settings.save, {
    organizationId: a.organizationId,
    provider: "generic",
    endpoints: [slug],
    settings,
    credentials: { signingSecret: "whsec_c2VjcmV0LWZvci1nZW5lcmljLXdlYmhvb2tzLTAxMjM=" },
  });

const HOSTILE = [
  "http://127.0.0.1:3210/api/query",
  "https://localhost/",
  "https://0x7f000001/",
  "https://2130706433/",
  "https://0177.0.0.1/",
  "https://0.0.0.0/",
  "https://[::1]/",
  "https://[::ffff:127.0.0.1]/",
  "https://[fd00::1]/",
  "https://[fe80::1]/",
  "https://169.254.169.254/latest/meta-data/",
  "https://100.64.0.1/",
  "https://10.0.0.5/",
  "https://192.168.1.1/",
  "https://metadata.google.internal/",
  "https://127.0.0.1.nip.io/",
  "http://api.twilio.com/", // plain http to a public host: credentials in clear text
  "file:///etc/passwd",
];

describe("14.3 SSRF: provider URLs are https public hosts", () => {
  test("save refuses every loopback/private/local form in apiBaseUrl, outboundUrl and healthUrl; nothing stored", async () => {
    const before = await configCount();
    for (const url of HOSTILE) {
      await expect(
        owner().action(api.channels.settings.save, {
          organizationId: a.organizationId,
          provider: "twilio",
          endpoints: ["+14155550177"],
          settings: { apiBaseUrl: url },
          credentials: { accountSid: "AC00000000000000000000000000000009", authToken: "secret-token-123456" },
        }),
        url,
      ).rejects.toThrow(/settings\.apiBaseUrl/);
      await expect(saveGeneric({ outboundUrl: url }), url).rejects.toThrow(/settings\.outboundUrl/);
      await expect(saveGeneric({ healthUrl: url }), url).rejects.toThrow(/settings\.healthUrl/);
    }
    expect(await configCount()).toBe(before);
    expect(internalService.hits).toHaveLength(0);
  });

  test("a loopback origin is accepted only when allowlisted exactly; the backend's own origin never", async () => {
    await expect(saveGeneric({ outboundUrl: `${internalService.url}/in` })).rejects.toThrow(/loopback/);
    expect(await saveGeneric({ outboundUrl: `${redirector.url}/in` })).toEqual(expect.any(String));
    // The deployment's own site URL stays refused even if an operator allowlists it.
    process.env.CONVEX_SITE_URL = internalService.origin;
    process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = `${redirector.origin},${internalService.origin}`;
    await expect(saveGeneric({ outboundUrl: `${internalService.url}/webhooks/x` }, "own")).rejects.toThrow(
      /own address/,
    );
    await expect(
      saveGeneric({ outboundUrl: `http://localhost:${new URL(internalService.origin).port}/x` }, "own2"),
    ).rejects.toThrow(/own address/);
  });

  test("test connection re-checks a stored URL at fetch time: nothing is sent, the error says why", async () => {
    // A row written before the check existed (or by an operator): the fetch guard still refuses.
    await t.run((ctx) => ctx.db.patch(a.configs.twilio, { settings: { apiBaseUrl: internalService.url } }));
    const result = await owner().action(api.channels.settings.testConnection, {
      organizationId: a.organizationId,
      channelConfigId: a.configs.twilio,
    });
    expect(result.state).toBe("down");
    expect(result.error).toMatch(/refused to contact this URL: loopback addresses are not allowed/);
    expect(internalService.hits).toHaveLength(0);
    const stored = await t.run((ctx) => ctx.db.get(a.configs.twilio as Id<"channelConfigs">));
    expect(stored!.health.lastError).toMatch(/refused/);
  });

  test("redirects are never followed with the channel's credentials, and the target's body is not echoed", async () => {
    await t.run(async (ctx) => {
      await ctx.db.patch(a.configs.twilio, { settings: { apiBaseUrl: redirector.url } });
      await ctx.db.patch(a.configs.generic, { settings: { healthUrl: `${redirector.url}/health` } });
    });
    for (const channelConfigId of [a.configs.twilio, a.configs.generic]) {
      const result = await owner().action(api.channels.settings.testConnection, {
        organizationId: a.organizationId,
        channelConfigId,
      });
      expect(result.state).not.toBe("healthy");
      expect(result.error).toMatch(/302/);
      expect(result.error).not.toContain("REDIRECT-PAGE-BODY");
    }
    expect(redirector.hits).toHaveLength(2);
    // The Location (an internal service) was never requested, with or without credentials.
    expect(internalService.hits).toHaveLength(0);
  });
});
