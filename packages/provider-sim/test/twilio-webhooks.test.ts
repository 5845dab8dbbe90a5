/**
 * Twilio webhook signing variants, checked with the official SDK (twilio 6.3.1) validators.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security (JSON bodies with bodySHA256)
 * https://www.twilio.com/docs/usage/webhooks/webhook-rules (SharedKey, X-Twilio-Webhooks-Signature-Settings)
 * https://github.com/twilio/twilio-node/blob/main/examples/WebhookSignatureValidation.md
 */
import { createHash } from "node:crypto";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startProviderSim, twilioSignature } from "../src/index";
import { withDefaultPort } from "../src/providers/twilio";
import { type Harness, startHarness, testAccounts, waitFor } from "./helpers";

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
  h.sim.configure("twilio", h.acc.twilio);
  h.rx.hooks.length = 0;
});

describe("Twilio webhook variants", () => {
  it("JSON-bodied webhook: bodySHA256 in the URL, validated by validateRequestWithBody", async () => {
    h.sim.configure("twilio", { ...h.acc.twilio, webhooks: { body: "json" } });
    const r = await h.sim.sendInbound("twilio", { from: "+14155550123", text: "json body" });
    const hook = h.rx.hooks[0]!;
    expect(hook.headers["content-type"]).toBe("application/json");
    const url = new URL(hook.url);
    expect(url.pathname).toBe("/webhooks/sms/twilio");
    expect(url.searchParams.get("bodySHA256")).toBe(createHash("sha256").update(hook.body).digest("hex"));
    expect(JSON.parse(hook.body)).toMatchObject({
      MessageSid: r.externalMessageId,
      Body: "json body",
      From: "+14155550123",
    });
    const sig = hook.headers["x-twilio-signature"]!;
    expect(twilio.validateRequestWithBody(h.acc.twilio.authToken, sig, hook.url, hook.body)).toBe(true);
    // A modified body no longer matches its bodySHA256.
    expect(
      twilio.validateRequestWithBody(h.acc.twilio.authToken, sig, hook.url, hook.body.replace("json body", "evil")),
    ).toBe(false);
  });

  it("SharedKey HMAC-SHA256 with X-Twilio-Webhooks-Signature-Settings", async () => {
    const sharedKey = {
      keyId: "webhooks_sharedkey_01",
      secret: "shared-key-secret-0123456789",
      algorithm: "HMAC_SHA256" as const,
    };
    h.sim.configure("twilio", { ...h.acc.twilio, webhooks: { sharedKey } });
    await h.sim.sendInbound("twilio", { from: "+14155550123", text: "sha256 signed" });
    const hook = h.rx.hooks[0]!;
    const settings = hook.headers["x-twilio-webhooks-signature-settings"]!;
    expect(settings).toBe("key=webhooks_sharedkey_01,algorithm=HMAC_SHA256");
    const algorithm = twilio.getSignatureAlgorithm(settings);
    expect(algorithm).toBe("HMAC_SHA256");
    const params = Object.fromEntries(new URLSearchParams(hook.body));
    const sig = hook.headers["x-twilio-signature"]!;
    expect(twilio.validateRequest(sharedKey.secret, sig, hook.url, params, algorithm)).toBe(true);
    expect(twilio.validateRequest(h.acc.twilio.authToken, sig, hook.url, params)).toBe(false);
    expect(twilioSignature(sharedKey.secret, hook.url, params, "HMAC_SHA256")).toBe(sig);
  });

  it("JSON body and SharedKey together, for status callbacks too", async () => {
    const sharedKey = {
      keyId: "webhooks_sharedkey_02",
      secret: "another-shared-secret",
      algorithm: "HMAC_SHA256" as const,
    };
    h.sim.configure("twilio", { ...h.acc.twilio, webhooks: { body: "json", sharedKey } });
    const cb = `${h.rx.url}/webhooks/sms/twilio/status?channel=c1`;
    const res = await fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages.json`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${h.acc.twilio.accountSid}:${h.acc.twilio.authToken}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ To: "+14155550100", From: "+15005550006", Body: "x", StatusCallback: cb }).toString(),
    });
    expect(res.status).toBe(201);
    const hooks = await waitFor(() => (h.rx.hooks.length >= 2 ? h.rx.hooks : null), "status callbacks");
    for (const hook of hooks) {
      expect(hook.url).toMatch(/\/webhooks\/sms\/twilio\/status\?channel=c1&bodySHA256=[0-9a-f]{64}$/);
      const algorithm = twilio.getSignatureAlgorithm(hook.headers["x-twilio-webhooks-signature-settings"]);
      expect(
        twilio.validateRequestWithBody(
          sharedKey.secret,
          hook.headers["x-twilio-signature"]!,
          hook.url,
          hook.body,
          algorithm,
        ),
      ).toBe(true);
    }
    expect(hooks.map((x) => JSON.parse(x.body).MessageStatus)).toEqual(["sent", "delivered"]);
  });
});

describe("URL with and without the default port", () => {
  it("withDefaultPort writes the scheme's port only when there is none", () => {
    expect(withDefaultPort("https://api.example.com/webhooks/sms/twilio?x=1")).toBe(
      "https://api.example.com:443/webhooks/sms/twilio?x=1",
    );
    expect(withDefaultPort("http://api.example.com/hook")).toBe("http://api.example.com:80/hook");
    expect(withDefaultPort("http://127.0.0.1:3211/hook")).toBe("http://127.0.0.1:3211/hook");
  });

  it("signWithDefaultPort: signed over http://host:80/..., which the official validator accepts for the URL without port", async () => {
    const acc = testAccounts();
    acc.twilio.webhooks = { signWithDefaultPort: true };
    // Nothing listens there: the POST fails, but the recorded delivery shows what was signed.
    const sim = await startProviderSim({ webhookBaseUrl: "http://127.0.0.1", accounts: acc });
    try {
      await sim.sendInbound("twilio", { from: "+14155550123", text: "port" });
      const d = sim.deliveries("twilio")[0]!;
      expect(d.url).toBe("http://127.0.0.1/webhooks/sms/twilio");
      const params = Object.fromEntries(new URLSearchParams(d.body));
      const sig = d.headers["x-twilio-signature"]!;
      expect(sig).toBe(twilioSignature(acc.twilio.authToken, "http://127.0.0.1:80/webhooks/sms/twilio", params));
      expect(sig).not.toBe(twilioSignature(acc.twilio.authToken, d.url, params));
      expect(twilio.validateRequest(acc.twilio.authToken, sig, d.url, params)).toBe(true);
    } finally {
      await sim.stop();
    }
  });
});
