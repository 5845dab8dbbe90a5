import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CHANNEL_OF_PROVIDER,
  descriptors,
  getDescriptor,
  PROVIDER_IDS,
  PROVIDERS_BY_CHANNEL,
  settingsFormOf,
  statusCallbackUrlOf,
  webhookRoutes,
  webhookUrlsOf,
} from "../src/index";

describe("provider descriptors", () => {
  it("one descriptor per provider, agreeing with ids.ts", () => {
    expect(descriptors.map((d) => d.id).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const d of descriptors) {
      expect(getDescriptor(d.id)).toBe(d);
      expect(d.channel).toBe(CHANNEL_OF_PROVIDER[d.id]);
      expect(PROVIDERS_BY_CHANNEL[d.channel] as readonly string[]).toContain(d.id);
      expect(d.adapter.id).toBe(d.id);
      expect(d.adapter.channel).toBe(d.channel);
    }
    expect(() => getDescriptor("carrier-pigeon")).toThrow(/Unknown provider/);
  });

  it("labels every schema field, and the webhook secret is a secret credential", () => {
    for (const d of descriptors) {
      expect(Object.keys(d.credentials.text).sort(), d.id).toEqual(Object.keys(d.credentials.schema.shape).sort());
      expect(Object.keys(d.settings.text).sort(), d.id).toEqual(Object.keys(d.settings.schema.shape).sort());
      expect(d.credentials.secretFields, d.id).toContain(d.webhookSecretField);
      expect(d.webhookSecretKeys[0], d.id).toBe(d.webhookSecretField);
      if (d.endpoints.mirroredSetting)
        expect(Object.keys(d.settings.schema.shape)).toContain(d.endpoints.mirroredSetting);
    }
  });

  it("the route table is today's webhook routes, each path+method claimed once", () => {
    const table = webhookRoutes().map(
      (r) => `${r.method} ${r.match === "prefix" ? `${r.path}*` : r.path} -> ${r.provider}/${r.handler}`,
    );
    expect(table.sort()).toEqual(
      [
        "POST /webhooks/sms -> twilio/delivery",
        "POST /webhooks/sms/twilio -> twilio/delivery",
        "POST /webhooks/sms/twilio/status -> twilio/delivery",
        "POST /webhooks/sms/vonage -> vonage/delivery",
        "POST /webhooks/sms/vonage/status -> vonage/delivery",
        "GET /webhooks/sms/vonage -> vonage/delivery",
        "GET /webhooks/sms/vonage/status -> vonage/delivery",
        "GET /webhooks/whatsapp -> meta/handshake",
        "POST /webhooks/whatsapp -> meta/delivery",
        "POST /webhooks/email -> resend/delivery",
        "POST /webhooks/custom/* -> generic/delivery",
        "POST /webhooks/chat/* -> native/delivery",
      ].sort(),
    );
    // Only providers with a handshake route have a handshake.
    for (const d of descriptors)
      expect(Boolean(d.handshake), d.id).toBe(d.webhooks.some((r) => r.handler === "handshake"));
  });

  it("status callbacks go to one of the provider's own delivery routes", () => {
    for (const d of descriptors) {
      if (!d.statusCallbackPath) continue;
      expect(
        d.webhooks.some((r) => r.handler === "delivery" && r.path === d.statusCallbackPath),
        d.id,
      ).toBe(true);
    }
    expect(statusCallbackUrlOf(getDescriptor("twilio"), "https://hooks.example.com/")).toBe(
      "https://hooks.example.com/webhooks/sms/twilio/status",
    );
    expect(statusCallbackUrlOf(getDescriptor("vonage"), "https://h.example")).toBe(
      "https://h.example/webhooks/sms/vonage/status",
    );
    expect(statusCallbackUrlOf(getDescriptor("meta"), "https://h.example")).toBeUndefined();
    expect(statusCallbackUrlOf(getDescriptor("twilio"), undefined)).toBeUndefined();
  });

  it("acknowledges Twilio with empty TwiML and the others with JSON", () => {
    const twiml = getDescriptor("twilio").acknowledge({ stored: 1, duplicates: 0 });
    expect(twiml).toEqual({
      status: 200,
      headers: { "content-type": "text/xml" },
      body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
    });
    for (const p of ["vonage", "meta", "resend", "generic", "native"]) {
      const ack = getDescriptor(p).acknowledge({ stored: 2, duplicates: 1 });
      expect(ack.status).toBe(200);
      expect(ack.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(ack.body)).toEqual({ ok: true, stored: 2, duplicates: 1 });
    }
  });

  it("derives typed endpoints: normalised receiving ones, and Meta's verify token by hash", async () => {
    expect(await getDescriptor("twilio").endpoints.derive([" +1 (415) 555-0100 ", "+14155550100", ""], {})).toEqual([
      { kind: "receiving", identifier: "+14155550100" },
    ]);
    expect(await getDescriptor("resend").endpoints.derive(["Support@Example.COM"], {})).toEqual([
      { kind: "receiving", identifier: "support@example.com" },
    ]);
    expect(await getDescriptor("meta").endpoints.derive(["106540352242922"], { verifyToken: "tok-123" })).toEqual([
      { kind: "receiving", identifier: "106540352242922" },
      { kind: "verifyToken", identifier: createHash("sha256").update("tok-123").digest("hex") },
    ]);
    expect(await getDescriptor("generic").endpoints.derive(["my-crm"], { signingSecret: "whsec_x" })).toEqual([
      { kind: "receiving", identifier: "my-crm" },
    ]);
  });

  it("answers Meta's subscription handshake with the challenge and the verify token's endpoint", async () => {
    const meta = getDescriptor("meta");
    const ok = await meta.handshake!(
      new URLSearchParams("hub.mode=subscribe&hub.verify_token=tok-123&hub.challenge=1158201444"),
    );
    expect(ok).toEqual({
      ok: true,
      endpoint: { kind: "verifyToken", identifier: createHash("sha256").update("tok-123").digest("hex") },
      reply: { status: 200, headers: { "content-type": "text/plain" }, body: "1158201444" },
    });
    expect(
      await meta.handshake!(new URLSearchParams("hub.mode=unsubscribe&hub.verify_token=t&hub.challenge=1")),
    ).toMatchObject({ ok: false, status: 400 });
    expect(await meta.handshake!(new URLSearchParams("hub.mode=subscribe&hub.challenge=1"))).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it("derives the settings form: labels, help, required and secret from the descriptor and schemas", () => {
    const twilio = settingsFormOf(getDescriptor("twilio"));
    expect(twilio).toMatchObject({
      provider: "twilio",
      channel: "sms",
      label: "Twilio",
      endpoints: { label: "Phone numbers (E.164)" },
    });
    expect(twilio.credentials).toEqual([
      {
        key: "accountSid",
        label: "Account SID",
        placeholder: "AC…",
        help: "Twilio Console > Account info.",
        required: true,
        secret: false,
      },
      { key: "authToken", label: "Auth token", help: expect.any(String), required: true, secret: true },
      {
        key: "webhookSharedKeySecret",
        label: "Webhook SharedKey secret (optional)",
        help: expect.any(String),
        required: false,
        secret: true,
      },
      {
        key: "webhookSharedKeyId",
        label: "Webhook SharedKey id (optional)",
        placeholder: "KY…",
        required: false,
        secret: false,
      },
    ]);
    // Hidden settings (timeouts) are not shown; optional ones are not required.
    expect(twilio.settings.map((f) => [f.key, f.required])).toEqual([
      ["apiBaseUrl", false],
      ["messagingServiceSid", false],
    ]);
    const meta = settingsFormOf(getDescriptor("meta"));
    expect(meta.settings.map((f) => f.key)).toEqual(["apiBaseUrl", "apiVersion", "wabaId"]);
    expect(meta.credentials.every((f) => f.secret)).toBe(true);
    const generic = settingsFormOf(getDescriptor("generic"));
    expect(generic.credentials.map((f) => [f.key, f.required])).toEqual([
      ["signingSecret", true],
      ["outboundSigningSecret", false],
    ]);
  });

  it("lists the webhook URLs to copy, prefix routes once per endpoint", () => {
    expect(webhookUrlsOf(getDescriptor("twilio"), ["+14155550100"], "https://h.example/")).toEqual([
      {
        label: "Messaging webhook (A message comes in)",
        path: "/webhooks/sms/twilio",
        url: "https://h.example/webhooks/sms/twilio",
      },
      {
        label: "Status callback",
        path: "/webhooks/sms/twilio/status",
        url: "https://h.example/webhooks/sms/twilio/status",
      },
    ]);
    expect(webhookUrlsOf(getDescriptor("generic"), ["crm-a", "crm-b"])).toEqual([
      { label: "Inbound webhook", path: "/webhooks/custom/crm-a", url: "/webhooks/custom/crm-a" },
      { label: "Inbound webhook", path: "/webhooks/custom/crm-b", url: "/webhooks/custom/crm-b" },
    ]);
    expect(webhookUrlsOf(getDescriptor("meta"), ["1"]).map((w) => w.path)).toEqual(["/webhooks/whatsapp"]);
  });
});
