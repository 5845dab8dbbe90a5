import { describe, expect, it } from "vitest";
import {
  adapters,
  CHANNEL_OF_PROVIDER,
  credentialSchemas,
  getAdapter,
  PROVIDER_IDS,
  redactCredentials,
  secretFieldsOf,
  settingSchemas,
  validateChannelConfig,
  WEBHOOK_SECRET_KEYS,
} from "../src/index";

describe("registry", () => {
  it("has one adapter per provider with the right id and channel", () => {
    for (const p of PROVIDER_IDS) {
      const a = getAdapter(p);
      expect(a).toBe(adapters[p]);
      expect(a.id).toBe(p);
      expect(a.channel).toBe(CHANNEL_OF_PROVIDER[p]);
      for (const fn of [
        "routingKey",
        "validateSignature",
        "parseInbound",
        "send",
        "getDeliveryStatus",
        "healthCheck",
      ] as const) {
        expect(typeof a[fn], `${p}.${fn}`).toBe("function");
      }
    }
    expect(() => getAdapter("carrier-pigeon")).toThrow(/Unknown provider/);
  });

  it("secret fields and webhook secret keys are credential fields of each provider", () => {
    for (const p of PROVIDER_IDS) {
      const shape = Object.keys(credentialSchemas[p].shape);
      for (const f of secretFieldsOf(p)) expect(shape, `${p}.${f}`).toContain(f);
      // The first webhook key is always a credential, so `credentials` can be passed as `secrets`.
      expect(shape).toContain(WEBHOOK_SECRET_KEYS[p][0]);
    }
    expect(secretFieldsOf("twilio")).toEqual(["authToken", "webhookSharedKeySecret"]);
  });

  it("validates channel configs with field-level errors", () => {
    expect(
      validateChannelConfig(
        "twilio",
        { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "x" },
        { apiBaseUrl: "http://127.0.0.1:4010" },
      ),
    ).toMatchObject({ ok: true });
    const bad = validateChannelConfig("resend", { apiKey: "" }, { apiBaseUrl: "not a url" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.map((e) => e.field).sort()).toEqual([
        "credentials.apiKey",
        "credentials.webhookSecret",
        "settings.apiBaseUrl",
      ]);
    }
    expect(settingSchemas.generic.safeParse({ outboundUrl: "https://acme.dev/hook" }).success).toBe(true);
  });

  it("redacts secrets for clients", () => {
    expect(redactCredentials("twilio", { accountSid: "AC1", authToken: "secret" })).toEqual({
      visible: { accountSid: "AC1" },
      secretsSet: { authToken: true, webhookSharedKeySecret: false },
    });
    expect(redactCredentials("meta", { accessToken: "x" }).secretsSet).toEqual({
      accessToken: true,
      appSecret: false,
      verifyToken: false,
    });
  });
});
