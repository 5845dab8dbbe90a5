/**
 * Routing every event of a delivery by its own endpoint (issue 15, defect 1).
 * Payload shape: WhatsApp Cloud API webhooks, "messages" field
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples): each
 * entry[].changes[].value names its business number in value.metadata.phone_number_id, and one
 * POST can carry several entries/changes.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type DeliveryLookup, getDescriptor, MAX_ENDPOINTS_PER_DELIVERY, planDelivery } from "../src/index";
import { webhook } from "./helpers";

const URL_ = "https://hooks.switchboard.dev/webhooks/whatsapp";
const APP_SECRET_1 = "6f1e3b0a9c8d7e6f5a4b3c2d1e0f9a8b";
const APP_SECRET_2 = "0a0b0c0d0e0f10111213141516171819";

interface FakeChannel {
  id: string;
  organizationId: string;
  enabled: boolean;
  credentials: Record<string, string>;
}

/** Channel configs by receiving endpoint, as the channelEndpoints index would return them. */
function lookupOf(byEndpoint: Record<string, FakeChannel>) {
  const decrypted: string[] = [];
  const lookup: DeliveryLookup<FakeChannel> = {
    find: async (endpoint) => byEndpoint[endpoint] ?? null,
    id: (c) => c.id,
    enabled: (c) => c.enabled,
    hasCredential: (c, field) => Boolean(c.credentials[field]),
    secrets: async (c) => {
      decrypted.push(c.id);
      return c.credentials;
    },
  };
  return { lookup, decrypted };
}

const value = (phoneNumberId: string, wamid: string, statusOf?: string) => ({
  messaging_product: "whatsapp",
  metadata: { display_phone_number: "15550783881", phone_number_id: phoneNumberId },
  contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
  messages: [
    { from: "16505551234", id: wamid, timestamp: "1749416383", type: "text", text: { body: `to ${phoneNumberId}` } },
  ],
  ...(statusOf
    ? { statuses: [{ id: statusOf, status: "delivered", timestamp: "1750263773", recipient_id: "16505551234" }] }
    : {}),
});

function delivery(values: unknown[], secret = APP_SECRET_1) {
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: values.map((v, i) => ({ id: `10229012934039${i}`, changes: [{ value: v, field: "messages" }] })),
  });
  const sig = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  return webhook(URL_, body, { "content-type": "application/json", "x-hub-signature-256": sig });
}

const meta = getDescriptor("meta");
const channelA: FakeChannel = {
  id: "cfgA",
  organizationId: "org1",
  enabled: true,
  credentials: { appSecret: APP_SECRET_1, accessToken: "t" },
};
const channelB: FakeChannel = {
  id: "cfgB",
  organizationId: "org1",
  enabled: true,
  credentials: { appSecret: APP_SECRET_1, accessToken: "t" },
};
const channelOther: FakeChannel = {
  id: "cfgC",
  organizationId: "org2",
  enabled: true,
  credentials: { appSecret: APP_SECRET_2, accessToken: "t" },
};

describe("planDelivery: a Meta batch spanning several phone numbers", () => {
  it("routes each event by its own phone_number_id: same channel, another channel, unknown number", async () => {
    const { lookup } = lookupOf({ "111": channelA, "112": channelA, "222": channelB });
    const req = delivery([
      value("111", "wamid.1", "wamid.out1"),
      value("222", "wamid.2", "wamid.out2"),
      value("112", "wamid.3"),
      value("999", "wamid.4"),
    ]);
    expect(meta.routing.keys(req)).toEqual(["111", "222", "112", "999"]);
    const plan = await planDelivery(meta, req, lookup);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.routed.map((r) => [r.channel.id, r.endpoints, r.events.map((e) => e.externalMessageId)])).toEqual([
      ["cfgA", ["111", "112"], ["wamid.1", "wamid.out1", "wamid.3"]],
      ["cfgB", ["222"], ["wamid.2", "wamid.out2"]],
    ]);
    // Messages keep their own receiving endpoint; status events travel with their number's part.
    expect(plan.routed[1]!.events[0]).toMatchObject({ kind: "message", to: "222", text: "to 222" });
    expect(plan.routed[1]!.events[1]).toMatchObject({ kind: "status", status: "delivered" });
    // The unknown number's event is handed back to be logged, not dropped.
    expect(plan.unroutable).toEqual([
      {
        endpoint: "999",
        reason: "unknown_endpoint",
        events: [expect.objectContaining({ externalMessageId: "wamid.4" })],
      },
    ]);
    const total =
      plan.routed.reduce((n, r) => n + r.events.length, 0) + plan.unroutable.reduce((n, u) => n + u.events.length, 0);
    expect(total).toBe(meta.adapter.parseInbound(req).length);
  });

  it("never gives an organization events its secret did not verify (another account's number)", async () => {
    const { lookup, decrypted } = lookupOf({ "111": channelA, "333": channelOther });
    const plan = await planDelivery(meta, delivery([value("111", "wamid.1"), value("333", "wamid.3")]), lookup);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.routed.map((r) => [r.channel.id, r.events.map((e) => e.externalMessageId)])).toEqual([
      ["cfgA", ["wamid.1"]],
    ]);
    expect(plan.unroutable).toEqual([
      {
        endpoint: "333",
        reason: "signature_mismatch",
        events: [expect.objectContaining({ externalMessageId: "wamid.3" })],
      },
    ]);
    expect(decrypted.sort()).toEqual(["cfgA", "cfgC"]);
  });

  it("rejects, with nothing routed, when no addressed channel can take the delivery", async () => {
    const forged = delivery([value("111", "wamid.1")], APP_SECRET_2);
    expect(await planDelivery(meta, forged, lookupOf({ "111": channelA }).lookup)).toMatchObject({
      ok: false,
      status: 403,
      code: "invalid_signature",
    });
    const unsigned = { ...forged, headers: { "content-type": "application/json" } };
    expect(await planDelivery(meta, unsigned, lookupOf({ "111": channelA }).lookup)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(await planDelivery(meta, delivery([value("999", "w")]), lookupOf({}).lookup)).toMatchObject({
      ok: false,
      status: 404,
      code: "unknown_endpoint",
    });
    const disabled = { ...channelA, enabled: false };
    const { lookup, decrypted } = lookupOf({ "111": disabled });
    expect(await planDelivery(meta, delivery([value("111", "w")]), lookup)).toMatchObject({
      ok: false,
      status: 403,
      code: "channel_disabled",
    });
    const unconfigured = { ...channelA, credentials: { accessToken: "t" } };
    expect(
      await planDelivery(meta, delivery([value("111", "w")]), lookupOf({ "111": unconfigured }).lookup),
    ).toMatchObject({ ok: false, status: 503, code: "not_configured" });
    // Nothing is decrypted for a disabled channel.
    expect(decrypted).toEqual([]);
  });

  it("a disabled channel in a batch gives its events back as unroutable while the others are routed", async () => {
    const { lookup } = lookupOf({ "111": channelA, "222": { ...channelB, enabled: false } });
    const plan = await planDelivery(meta, delivery([value("111", "wamid.1"), value("222", "wamid.2")]), lookup);
    expect(plan).toMatchObject({ ok: true, unroutable: [{ endpoint: "222", reason: "channel_disabled" }] });
  });

  it("refuses malformed bodies and batches naming too many numbers (400)", async () => {
    const { lookup } = lookupOf({ "111": channelA });
    const noKey = webhook(URL_, "{", { "x-hub-signature-256": "sha256=00" });
    expect(await planDelivery(meta, noKey, lookup)).toMatchObject({ ok: false, status: 400, code: "unroutable" });
    const many = delivery(
      Array.from({ length: MAX_ENDPOINTS_PER_DELIVERY + 1 }, (_, i) => value(String(1000 + i), `w${i}`)),
    );
    expect(await planDelivery(meta, many, lookup)).toMatchObject({
      ok: false,
      status: 400,
      code: "too_many_endpoints",
    });
    // Signed and routable, but a message without an id: 400 after verification.
    const bad = value("111", "x") as { messages: Array<Record<string, unknown>> };
    delete bad.messages[0]!.id;
    expect(await planDelivery(meta, delivery([bad]), lookup)).toMatchObject({
      ok: false,
      status: 400,
      code: "malformed_payload",
    });
  });
});

describe("planDelivery: single-endpoint providers", () => {
  it("routes a Twilio inbound SMS by its normalised To number", async () => {
    const twilio = getDescriptor("twilio");
    const channel: FakeChannel = {
      id: "sms",
      organizationId: "org1",
      enabled: true,
      credentials: { accountSid: "AC1", authToken: "tok" },
    };
    const { lookup } = lookupOf({ "+14155550100": channel });
    const params = new URLSearchParams({
      MessageSid: "SM1",
      AccountSid: "AC1",
      From: "+14155550199",
      To: "+1 415 555 0100",
      Body: "hi",
      NumMedia: "0",
    });
    const body = params.toString();
    // X-Twilio-Signature: base64 HMAC-SHA1(url + sorted key+value pairs) with the auth token
    // (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
    const url = "https://hooks.switchboard.dev/webhooks/sms/twilio";
    const signed =
      url +
      [...params.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => k + v)
        .join("");
    const sig = createHmac("sha1", "tok").update(signed).digest("base64");
    const req = webhook(url, body, { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": sig });
    const plan = await planDelivery(twilio, req, lookup);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.routed).toHaveLength(1);
    expect(plan.routed[0]).toMatchObject({
      endpoints: ["+14155550100"],
      events: [{ kind: "message", externalMessageId: "SM1", text: "hi" }],
    });
    expect(plan.unroutable).toEqual([]);
  });
});
