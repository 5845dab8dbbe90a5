/**
 * Vonage inbound shapes beyond plain SMS, and the SMS API's `sig` verification mode.
 *
 * Messages API inbound message (one content object per message_type):
 *   https://developer.vonage.com/en/api/messages#inbound-message
 * SMS API inbound SMS and delivery receipts (flat parameters, GET or POST):
 *   https://developer.vonage.com/en/messaging/sms/guides/inbound-sms
 *   https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts
 * Signed SMS API webhooks (`sig`: md5hash, or HMAC MD5/SHA1/SHA256/SHA512):
 *   https://developer.vonage.com/en/getting-started/concepts/signing-messages
 * The official @vonage/sms SDK's verifySignature is the oracle for every signature below.
 */
import { createHash, createHmac } from "node:crypto";
import { SMS } from "@vonage/sms";
import { describe, expect, it } from "vitest";
import { vonageAdapter } from "../src/adapters/vonage";
import { smsApiSignature, VONAGE_SIGNATURE_METHODS, type VonageSignatureMethod } from "../src/adapters/vonageSmsApi";
import { planDelivery } from "../src/delivery";
import { vonageDescriptor } from "../src/descriptors/vonage";
import type { WebhookRequest } from "../src/types";
import { webhook } from "./helpers";

const SECRET = "vonage-signature-secret-0123456789abcdef";
const URL_ = "https://hooks.switchboard.dev/webhooks/sms/vonage";
const NOW = Date.parse("2025-02-03T12:14:30Z");
const sdk = new SMS({ apiKey: "abcd1234", apiSecret: "not-used-for-verification" });
const SDK_ALGORITHM: Record<VonageSignatureMethod, string> = {
  md5hash: "MD5HASH",
  md5: "MD5HMAC",
  sha1: "SHA1HMAC",
  sha256: "SHA256HMAC",
  sha512: "SHA512HMAC",
};

/** Signs independently of the adapter (node:crypto), as the account's setting says. */
function sign(params: Record<string, string>, method: VonageSignatureMethod, secret = SECRET): string {
  const joined = Object.keys(params)
    .filter((k) => k !== "sig")
    .sort()
    .map((k) => `&${k}=${params[k]!.replace(/[&=]/g, "_")}`)
    .join("");
  if (method === "md5hash")
    return createHash("md5")
      .update(joined + secret)
      .digest("hex");
  return createHmac(method, secret).update(joined).digest("hex");
}

const smsApiInbound = (extra: Record<string, string> = {}) => ({
  msisdn: "447700900001",
  to: "447700900000",
  messageId: "0A0000000123ABCD1",
  text: "Hello & welcome = yes",
  type: "text",
  keyword: "HELLO",
  "api-key": "abcd1234",
  "message-timestamp": "2025-02-03 12:14:25",
  timestamp: String(Math.floor(NOW / 1000)),
  nonce: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
  ...extra,
});

describe("Vonage SMS API signed webhooks (sig)", () => {
  it.each(VONAGE_SIGNATURE_METHODS)("%s: verifies what Vonage signs, as the official SDK does", async (method) => {
    const params = smsApiInbound();
    const sig = sign(params, method);
    expect(sdk.verifySignature(sig, params, SECRET, SDK_ALGORITHM[method] as never)).toBe(true);
    expect(await smsApiSignature(params, SECRET, method)).toBe(sig);

    const settings = method === "md5hash" ? {} : { signatureMethod: method };
    const json = webhook(URL_, JSON.stringify({ ...params, sig }), { "content-type": "application/json" });
    expect(await vonageAdapter.validateSignature(json, { signatureSecret: SECRET }, { now: NOW, settings })).toEqual({
      ok: true,
    });
    // The account's other method does not verify it.
    const other: VonageSignatureMethod = method === "sha256" ? "sha512" : "sha256";
    expect(
      await vonageAdapter.validateSignature(
        json,
        { signatureSecret: SECRET },
        { now: NOW, settings: { signatureMethod: other } },
      ),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it("accepts GET query, POST form and POST JSON; rejects tampering, staleness and another api-key", async () => {
    const params = smsApiInbound();
    const sig = sign(params, "sha256");
    const opts = { now: NOW, settings: { signatureMethod: "sha256" } };
    const secrets = { signatureSecret: SECRET, apiKey: "abcd1234" };
    const query = new URLSearchParams({ ...params, sig }).toString();
    const get: WebhookRequest = { method: "GET", url: `${URL_}?${query}`, headers: {}, rawBody: "" };
    const form = webhook(URL_, query, { "content-type": "application/x-www-form-urlencoded" });
    for (const req of [get, form])
      expect(await vonageAdapter.validateSignature(req, secrets, opts)).toEqual({ ok: true });

    const tampered = { ...params, text: "Wire me money", sig };
    expect(sdk.verifySignature(sig, tampered, SECRET, "SHA256HMAC" as never)).toBe(false);
    const tamperedReq = webhook(URL_, JSON.stringify(tampered), { "content-type": "application/json" });
    expect(await vonageAdapter.validateSignature(tamperedReq, secrets, opts)).toMatchObject({ ok: false, status: 403 });

    const stale = smsApiInbound({ timestamp: String(Math.floor(NOW / 1000) - 3600) });
    const staleReq = webhook(URL_, JSON.stringify({ ...stale, sig: sign(stale, "sha256") }), {
      "content-type": "application/json",
    });
    expect(await vonageAdapter.validateSignature(staleReq, secrets, opts)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/replay window/),
    });

    const foreign = smsApiInbound({ "api-key": "other-account" });
    const foreignReq = webhook(URL_, JSON.stringify({ ...foreign, sig: sign(foreign, "sha256") }), {
      "content-type": "application/json",
    });
    expect(await vonageAdapter.validateSignature(foreignReq, secrets, opts)).toMatchObject({ ok: false, status: 403 });
  });

  it("an unsigned callback (neither JWT nor sig) is a 503 so Vonage retries it", async () => {
    const unsigned = webhook(URL_, JSON.stringify(smsApiInbound()), { "content-type": "application/json" });
    expect(await vonageAdapter.validateSignature(unsigned, { signatureSecret: SECRET }, { now: NOW })).toMatchObject({
      ok: false,
      status: 503,
    });
  });

  it("parses an SMS API inbound message and delivery receipts", () => {
    const params = smsApiInbound();
    const req = webhook(URL_, new URLSearchParams({ ...params, sig: sign(params, "md5hash") }).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(vonageAdapter.routingKey(req)).toBe("447700900000");
    expect(vonageAdapter.parseInbound(req)).toEqual([
      {
        kind: "message",
        channel: "sms",
        provider: "vonage",
        externalMessageId: "0A0000000123ABCD1",
        from: { identifier: "447700900001" },
        to: "447700900000",
        text: "Hello & welcome = yes",
        attachments: [],
        sentAt: Date.parse("2025-02-03T12:14:25Z"),
        contentType: "text",
        providerChannel: "sms",
      },
    ]);
    const dlr = {
      msisdn: "447700900001",
      to: "447700900000",
      "network-code": "23410",
      messageId: "0A0000000123ABCD2",
      status: "failed",
      "err-code": "6",
      "message-timestamp": "2025-02-03 12:14:25",
      timestamp: String(Math.floor(NOW / 1000)),
    };
    const dlrReq = webhook(URL_, JSON.stringify({ ...dlr, sig: sign(dlr, "md5hash") }), {
      "content-type": "application/json",
    });
    expect(vonageAdapter.routingKey(dlrReq)).toBe("447700900000");
    expect(vonageAdapter.parseInbound(dlrReq)).toEqual([
      expect.objectContaining({
        kind: "status",
        externalMessageId: "0A0000000123ABCD2",
        status: "failed",
        error: { code: "6", message: "Message failed" },
      }),
    ]);
  });
});

describe("Vonage Messages API inbound shapes", () => {
  const base = {
    message_uuid: "aaaaaaaa-bbbb-4ccc-8ddd-000000000001",
    to: "447700900000",
    from: "447700900001",
    timestamp: "2025-02-03T12:14:25Z",
    context_status: "none",
  };
  const parse = (payload: object) =>
    vonageAdapter.parseInbound(webhook(URL_, JSON.stringify(payload), { "content-type": "application/json" }));

  it.each([
    [
      "image",
      { image: { url: "https://api-eu.nexmo.com/v3/media/img-1", caption: "The dent" } },
      { url: "https://api-eu.nexmo.com/v3/media/img-1", caption: "The dent" },
      "The dent",
    ],
    [
      "video",
      { video: { url: "https://api-eu.nexmo.com/v3/media/vid-1" } },
      { url: "https://api-eu.nexmo.com/v3/media/vid-1" },
      "",
    ],
    [
      "audio",
      { audio: { url: "https://api-eu.nexmo.com/v3/media/aud-1" } },
      { url: "https://api-eu.nexmo.com/v3/media/aud-1" },
      "",
    ],
    [
      "file",
      { file: { url: "https://api-eu.nexmo.com/v3/media/f-1", name: "invoice.pdf", caption: "Invoice" } },
      { url: "https://api-eu.nexmo.com/v3/media/f-1", filename: "invoice.pdf", caption: "Invoice" },
      "Invoice",
    ],
    [
      "vcard",
      { vcard: { url: "https://api-eu.nexmo.com/v3/media/vc-1" } },
      { url: "https://api-eu.nexmo.com/v3/media/vc-1", contentType: "text/vcard" },
      "",
    ],
  ])("MMS %s becomes a message with the media as an attachment", (type, content, attachment, text) => {
    const [event] = parse({ ...base, channel: "mms", message_type: type, ...content });
    expect(event).toMatchObject({
      kind: "message",
      channel: "sms",
      providerChannel: "mms",
      contentType: type,
      text,
      attachments: [attachment],
    });
  });

  it("WhatsApp, Viber and Messenger map to our channels and carry their provider channel", () => {
    expect(
      parse({ ...base, channel: "whatsapp", message_type: "text", text: "hola", profile: { name: "Dana" } })[0],
    ).toMatchObject({
      channel: "whatsapp",
      providerChannel: "whatsapp",
      from: { identifier: "447700900001", displayName: "Dana" },
      text: "hola",
    });
    expect(parse({ ...base, channel: "viber_service", message_type: "text", text: "hi" })[0]).toMatchObject({
      channel: "sms",
      providerChannel: "viber_service",
    });
    expect(
      parse({
        ...base,
        channel: "messenger",
        from: "5123456789",
        to: "9876543210",
        message_type: "text",
        text: "hey",
      })[0],
    ).toMatchObject({
      channel: "webhook",
      providerChannel: "messenger",
    });
  });

  it("a channel config takes WhatsApp/Viber/Messenger only when its settings enable them", async () => {
    const body = JSON.stringify({ ...base, channel: "whatsapp", message_type: "text", text: "hola" });
    const req = webhook(URL_, body, { "content-type": "application/json", authorization: "Bearer x" });
    const plan = (settings: Record<string, string>) =>
      planDelivery(
        {
          ...vonageDescriptor,
          adapter: { ...vonageDescriptor.adapter, validateSignature: async () => ({ ok: true }) },
        },
        req,
        {
          find: async (endpoint) => (endpoint === "+447700900000" ? "cfg" : null),
          id: (c) => c,
          enabled: () => true,
          hasCredential: () => true,
          secrets: async () => ({ signatureSecret: SECRET }),
          settings: () => settings,
        },
      );
    const off = await plan({});
    expect(off).toMatchObject({
      ok: true,
      routed: [],
      unroutable: [{ endpoint: "+447700900000", reason: "channel_not_enabled" }],
    });
    const on = await plan({ inboundChannels: "viber_service, whatsapp" });
    expect(on).toMatchObject({ ok: true, unroutable: [] });
    expect(on.ok && on.routed[0]!.events).toHaveLength(1);
    // An SMS is always taken.
    expect(vonageDescriptor.accepts!(parse({ ...base, channel: "sms", message_type: "text", text: "x" })[0]!, {})).toBe(
      true,
    );
  });
});
