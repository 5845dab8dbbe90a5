import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Webhook } from "svix";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNTS, routeProvider } from "../src/index";
import { basic, getJson, type Harness, startHarness, startReceiver, waitFor } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.sim.idle();
  h.sim.reset();
  h.rx.hooks.length = 0;
});

const admin = (path: string, body?: unknown) =>
  fetch(
    `${h.sim.url}/_sim${path}`,
    body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );

describe("recording", () => {
  it("records every provider request with method, path, lower-cased headers, parsed body and time", async () => {
    const before = Date.now();
    await fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages.json`, {
      method: "POST",
      headers: {
        Authorization: basic(h.acc.twilio.accountSid, h.acc.twilio.authToken),
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "To=%2B14155550100&From=%2B15005550006&Body=hi&MediaUrl=https%3A%2F%2Fa&MediaUrl=https%3A%2F%2Fb",
    });
    await fetch(`${h.sim.url}/emails`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.acc.resend.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ from: "a@acme.test", to: "b@example.com", subject: "s", text: "t" }),
    });
    const tw = h.sim.requests("twilio");
    expect(tw).toHaveLength(1);
    expect(tw[0]).toMatchObject({
      provider: "twilio",
      method: "POST",
      path: `/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages.json`,
      body: { To: "+14155550100", From: "+15005550006", Body: "hi", MediaUrl: ["https://a", "https://b"] },
      status: 201,
    });
    expect(tw[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(tw[0]!.headers.authorization).toMatch(/^Basic /);
    expect(tw[0]!.time).toBeGreaterThanOrEqual(before);
    const rs = h.sim.requests("resend");
    expect(rs).toHaveLength(1);
    expect(rs[0]!.body).toEqual({ from: "a@acme.test", to: "b@example.com", subject: "s", text: "t" });
    expect(h.sim.requests()).toHaveLength(2);
    expect(h.sim.requests("meta")).toHaveLength(0);
    h.sim.reset();
    expect(h.sim.requests()).toHaveLength(0);
  });

  it("routes provider-prefixed paths and records unknown routes", async () => {
    const res = await fetch(`${h.sim.url}/resend/domains`, {
      headers: { authorization: `Bearer ${h.acc.resend.apiKey}` },
    });
    expect(res.status).toBe(200);
    expect(h.sim.requests("resend")[0]!.path).toBe("/domains");
    const unknown = await fetch(`${h.sim.url}/nope`);
    expect(unknown.status).toBe(404);
    expect(h.sim.requests().at(-1)).toMatchObject({ provider: "unknown", status: 404 });
    expect(routeProvider("/2010-04-01/Accounts/AC1.json")?.provider).toBe("twilio");
    expect(routeProvider("/v1/messages")?.provider).toBe("vonage");
    expect(routeProvider("/v21.0/123/messages")?.provider).toBe("meta");
    expect(routeProvider("/emails/abc")?.provider).toBe("resend");
  });

  it("records the webhooks it posts", async () => {
    await h.sim.sendInbound("vonage", { from: "447700900555", text: "x" });
    const d = h.sim.deliveries("vonage");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ kind: "inbound", status: 200, url: `${h.rx.url}/webhooks/sms/vonage` });
    expect(h.sim.deliveries("twilio")).toHaveLength(0);
  });

  it("redelivers a webhook like a provider retry", async () => {
    await h.sim.sendInbound("resend", { from: "a@example.com", subject: "s", text: "t" });
    await h.sim.sendInbound("vonage", { from: "447700900555", text: "x" });
    const [rd, vd] = [h.sim.deliveries("resend")[0]!, h.sim.deliveries("vonage")[0]!];
    expect((await h.sim.redeliver(rd.seq)).status).toBe(200);
    expect((await h.sim.redeliver(vd.seq)).status).toBe(200);
    const resendHooks = h.rx.hooks.filter((x) => x.path === "/webhooks/email");
    expect(resendHooks).toHaveLength(2);
    expect(resendHooks[1]!.body).toBe(resendHooks[0]!.body);
    expect(resendHooks[1]!.headers["svix-id"]).toBe(resendHooks[0]!.headers["svix-id"]);
    for (const hook of resendHooks) {
      new Webhook(h.acc.resend.webhookSecret).verify(hook.body, {
        "svix-id": hook.headers["svix-id"]!,
        "svix-timestamp": hook.headers["svix-timestamp"]!,
        "svix-signature": hook.headers["svix-signature"]!,
      });
    }
    const vonageHooks = h.rx.hooks.filter((x) => x.path === "/webhooks/sms/vonage");
    expect(vonageHooks).toHaveLength(2);
    const jti = (hdr: string) => JSON.parse(Buffer.from(hdr.split(".")[1]!, "base64url").toString()).jti;
    expect(jti(vonageHooks[1]!.headers.authorization!)).not.toBe(jti(vonageHooks[0]!.headers.authorization!));
    expect(vonageHooks[1]!.body).toBe(vonageHooks[0]!.body);
  });

  it("reports unreachable webhook targets as status 0 with an error", async () => {
    const rx = await startReceiver();
    const url = rx.url;
    await rx.close();
    const { startProviderSim } = await import("../src/index");
    const sim = await startProviderSim({ webhookBaseUrl: url, accounts: h.acc });
    try {
      const r = await sim.sendInbound("meta", { from: "15550001111", text: "x" });
      expect(r.status).toBe(0);
      expect(sim.deliveries()[0]!.error).toBeTruthy();
    } finally {
      await sim.stop();
    }
  });
});

describe("admin HTTP API", () => {
  it("health, accounts, fail/heal, inbound, status, requests", async () => {
    expect(await getJson(await admin("/health"))).toMatchObject({ ok: true, url: h.sim.url });
    const accounts = await getJson(await admin("/accounts"));
    expect(accounts.twilio[0].accountSid).toBe(h.acc.twilio.accountSid);

    expect((await admin("/fail", { provider: "twilio", mode: "5xx", count: 1 })).status).toBe(200);
    expect(await getJson(await admin("/faults"))).toMatchObject({ twilio: { mode: "5xx", remaining: 1 } });
    const auth = { authorization: basic(h.acc.twilio.accountSid, h.acc.twilio.authToken) };
    expect(
      (await fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}.json`, { headers: auth })).status,
    ).toBe(503);
    await admin("/fail", { provider: "twilio", mode: "429" });
    await admin("/heal", {});
    expect(
      (await fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}.json`, { headers: auth })).status,
    ).toBe(200);

    const inbound = await getJson(
      await admin("/inbound", { provider: "twilio", from: "+14155550123", text: "via admin" }),
    );
    expect(inbound).toMatchObject({ status: 200, externalMessageId: expect.stringMatching(/^SM/) });
    const hook = h.rx.hooks.at(-1)!;
    const p = Object.fromEntries(new URLSearchParams(hook.body));
    expect(p.Body).toBe("via admin");
    expect(twilio.validateRequest(h.acc.twilio.authToken, hook.headers["x-twilio-signature"]!, hook.url, p)).toBe(true);

    const batch = await getJson(
      await admin("/inbound", {
        provider: "meta",
        messages: [
          { from: "15550001", text: "a" },
          { from: "15550002", text: "b" },
        ],
      }),
    );
    expect(batch.externalMessageIds).toHaveLength(2);

    const st = await getJson(
      await admin("/status", {
        provider: "resend",
        externalMessageId: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
        status: "delivered",
      }),
    );
    expect(st.status).toBe(200);
    expect(JSON.parse(h.rx.hooks.at(-1)!.body)).toMatchObject({
      type: "email.delivered",
      data: { email_id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" },
    });

    const reqs = await getJson(await admin("/requests?provider=twilio"));
    expect(reqs.map((r: { status: number }) => r.status)).toEqual([503, 200]);
    const bad = await admin("/fail", { provider: "nope", mode: "5xx" });
    expect(bad.status).toBe(400);
    expect((await admin("/reset", {})).status).toBe(200);
    expect(await getJson(await admin("/requests"))).toEqual([]);
  });
});

describe("admin routes for retries, webhook faults and the inbound log", () => {
  it("webhook-retry, webhook-fault and GET /_sim/inbound", async () => {
    expect((await admin("/webhook-retry", { provider: "vonage", policy: { delaysMs: [10] } })).status).toBe(200);
    expect((await admin("/webhook-fault", { provider: "vonage", mode: "unsigned", count: 1 })).status).toBe(200);
    h.rx.respond((hook, res) => {
      res.writeHead(hook.headers.authorization ? 200 : 500);
      res.end();
    });
    try {
      await admin("/inbound", { provider: "vonage", from: "447700900555", text: "via admin" });
      await h.sim.idle();
      const log = await getJson(await admin("/inbound?provider=vonage"));
      expect(log).toMatchObject([{ provider: "vonage", text: "via admin", attempts: 2, delivered: true }]);
      expect((await admin("/webhook-fault", { provider: "vonage", mode: "garbled" })).status).toBe(400);
      expect((await admin("/webhook-retry", { provider: "vonage", policy: { delaysMs: "soon" } })).status).toBe(400);
    } finally {
      await admin("/webhook-retry", { provider: "vonage", policy: "none" });
      h.rx.respond((_hook, res) => {
        res.writeHead(200);
        res.end("ok");
      });
    }
  });
});

describe("configure / defaults", () => {
  it("configure() adds accounts; inbound picks the account owning `to`", async () => {
    const second = { accountSid: `AC${"b".repeat(32)}`, authToken: "c".repeat(32), numbers: ["+15557770000"] };
    h.sim.configure("twilio", second);
    try {
      await h.sim.sendInbound("twilio", { from: "+14155550123", to: "+15005550006", text: "to first" });
      const hook1 = h.rx.hooks.at(-1)!;
      const p1 = Object.fromEntries(new URLSearchParams(hook1.body));
      expect(p1.AccountSid).toBe(h.acc.twilio.accountSid);
      expect(twilio.validateRequest(h.acc.twilio.authToken, hook1.headers["x-twilio-signature"]!, hook1.url, p1)).toBe(
        true,
      );
      // Without `to`, the most recently configured account is the default.
      await h.sim.sendInbound("twilio", { from: "+14155550123", text: "default" });
      const p2 = Object.fromEntries(new URLSearchParams(h.rx.hooks.at(-1)!.body));
      expect(p2).toMatchObject({ AccountSid: second.accountSid, To: "+15557770000" });
      const res = await fetch(`${h.sim.url}/2010-04-01/Accounts/${second.accountSid}/Messages.json`, {
        method: "POST",
        headers: {
          authorization: basic(second.accountSid, second.authToken),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ To: "+14155550100", From: "+15557770000", Body: "x" }).toString(),
      });
      expect(res.status).toBe(201);
    } finally {
      h.sim.configure("twilio", h.acc.twilio);
    }
  });

  it("ships realistic default accounts", () => {
    expect(DEFAULT_ACCOUNTS.twilio.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(DEFAULT_ACCOUNTS.resend.webhookSecret).toMatch(/^whsec_/);
    expect(DEFAULT_ACCOUNTS.resend.apiKey).toMatch(/^re_/);
  });
});

describe("cli", () => {
  it("starts the sim from the command line", async () => {
    const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", cli, "--port", "0", "--webhook-base", h.rx.url, "--quiet"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    try {
      const url = await waitFor(
        () => /listening on (http:\/\/\S+)/.exec(out)?.[1],
        `cli to listen (stderr: ${err})`,
        25_000,
      );
      const health = await getJson(await fetch(`${url}/_sim/health`));
      expect(health).toMatchObject({ ok: true, webhookBaseUrl: h.rx.url });
      const r = await getJson(
        await fetch(`${url}/_sim/inbound`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ provider: "resend", from: "x@example.com", subject: "cli", text: "hello" }),
        }),
      );
      expect(r.status).toBe(200);
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
