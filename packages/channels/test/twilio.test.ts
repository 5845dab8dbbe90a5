import { createHash, createHmac } from "node:crypto";
import twilio from "twilio";
import { afterEach, describe, expect, it } from "vitest";
import { twilioAdapter } from "../src/adapters/twilio";
import { InboundParseError } from "../src/types";
import { basicOf, ctxFor, form, startServer, type TestServer, webhook } from "./helpers";

const AUTH_TOKEN = "12345678901234567890123456789012";
const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
const URL_ = "https://hooks.switchboard.dev/webhooks/twilio/sms?channel=abc";

// Realistic inbound SMS webhook (fields as documented by Twilio).
const inboundFields = {
  ToCountry: "US",
  ToState: "CA",
  SmsMessageSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
  NumMedia: "0",
  ToCity: "SAN FRANCISCO",
  FromZip: "94105",
  SmsSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
  FromState: "CA",
  SmsStatus: "received",
  FromCity: "SAN FRANCISCO",
  Body: "Hello! 👋 Is my order shipped?",
  FromCountry: "US",
  To: "+14155550100",
  ToZip: "94105",
  NumSegments: "1",
  MessageSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
  AccountSid: ACCOUNT_SID,
  From: "+14155550199",
  ApiVersion: "2010-04-01",
};

function signed(url: string, fields: Record<string, string | string[]>, token = AUTH_TOKEN) {
  const sig = twilio.getExpectedTwilioSignature(token, url, fields);
  return webhook(url, form(fields), {
    "content-type": "application/x-www-form-urlencoded",
    "X-Twilio-Signature": sig,
  });
}

describe("twilio validateSignature (twilio SDK as oracle)", () => {
  it("accepts exactly what the SDK signs", async () => {
    const req = signed(URL_, inboundFields);
    expect(twilio.validateRequest(AUTH_TOKEN, req.headers["x-twilio-signature"]!, URL_, inboundFields)).toBe(true);
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toEqual({ ok: true });
  });

  it("handles repeated keys (sorted, deduplicated values) like the SDK", async () => {
    const fields = { ...inboundFields, MediaUrl: ["https://b.example/2", "https://a.example/1"] };
    const req = signed(URL_, fields);
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toEqual({ ok: true });
  });

  it("accepts a signature made over the URL with the default port (SDK tolerance)", async () => {
    const withPort = "https://hooks.switchboard.dev:443/webhooks/twilio/sms?channel=abc";
    const sig = twilio.getExpectedTwilioSignature(AUTH_TOKEN, withPort, inboundFields);
    const req = webhook(URL_, form(inboundFields), { "x-twilio-signature": sig });
    expect(twilio.validateRequest(AUTH_TOKEN, sig, URL_, inboundFields)).toBe(true);
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toEqual({ ok: true });
  });

  it("rejects a tampered body", async () => {
    const req = signed(URL_, inboundFields);
    req.rawBody = form({ ...inboundFields, Body: "Send me a refund" });
    const r = await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN });
    expect(r).toMatchObject({ ok: false, status: 403 });
  });

  it("rejects a different URL (query param changed)", async () => {
    const req = signed(URL_, inboundFields);
    req.url = URL_.replace("channel=abc", "channel=xyz");
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("rejects the wrong auth token", async () => {
    const req = signed(URL_, inboundFields, "another-token-another-token-0000");
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("rejects a missing header or missing secret with 401", async () => {
    const req = webhook(URL_, form(inboundFields), {});
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringMatching(/X-Twilio-Signature/),
    });
    expect(await twilioAdapter.validateSignature(signed(URL_, inboundFields), {})).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it("validates JSON webhooks signed over the URL with bodySHA256", async () => {
    const body = JSON.stringify({ hello: "world" });
    const hash = createHash("sha256").update(body).digest("hex");
    const url = `https://hooks.switchboard.dev/webhooks/twilio/sms?bodySHA256=${hash}`;
    const sig = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, {});
    expect(twilio.validateRequestWithBody(AUTH_TOKEN, sig, url, body)).toBe(true);
    const req = webhook(url, body, { "content-type": "application/json", "x-twilio-signature": sig });
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toEqual({ ok: true });
    req.rawBody = JSON.stringify({ hello: "mars" });
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});

// https://www.twilio.com/docs/usage/webhooks/webhooks-security (bodySHA256 for JSON bodies, ports)
// https://www.twilio.com/docs/usage/webhooks/webhook-settings (SharedKey, X-Twilio-Webhooks-Signature-Settings)
describe("twilio JSON webhooks, ports and Webhook Settings signatures", () => {
  const jsonRequest = (fields: Record<string, string>, signUrl?: (url: string) => string) => {
    const body = JSON.stringify(fields);
    const url = `${URL_}&bodySHA256=${createHash("sha256").update(body).digest("hex")}`;
    const sig = twilio.getExpectedTwilioSignature(AUTH_TOKEN, signUrl ? signUrl(url) : url, {});
    return {
      body,
      url,
      sig,
      req: webhook(url, body, { "content-type": "application/json", "x-twilio-signature": sig }),
    };
  };

  it("a JSON-bodied inbound message is verified as validateRequestWithBody does, then parsed", async () => {
    const { body, url, sig, req } = jsonRequest(inboundFields);
    expect(twilio.validateRequestWithBody(AUTH_TOKEN, sig, url, body)).toBe(true);
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toEqual({ ok: true });
    expect(twilioAdapter.routingKey(req)).toBe("+14155550100");
    expect(twilioAdapter.parseInbound(req)).toEqual([
      expect.objectContaining({
        kind: "message",
        externalMessageId: inboundFields.MessageSid,
        text: inboundFields.Body,
      }),
    ]);
    const tampered = { ...req, rawBody: body.replace("shipped", "refunded") };
    expect(twilio.validateRequestWithBody(AUTH_TOKEN, sig, url, tampered.rawBody)).toBe(false);
    expect(await twilioAdapter.validateSignature(tampered, { authToken: AUTH_TOKEN })).toMatchObject({
      ok: false,
      status: 403,
      reason: expect.stringMatching(/bodySHA256/),
    });
  });

  it("a JSON webhook signed over the URL with the default port is accepted, as the SDK accepts it", async () => {
    const withPort = (u: string) => u.replace("hooks.switchboard.dev/", "hooks.switchboard.dev:443/");
    const { body, url, sig, req } = jsonRequest(inboundFields, withPort);
    expect(twilio.validateRequestWithBody(AUTH_TOKEN, sig, url, body)).toBe(true);
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toEqual({ ok: true });
    // And the reverse: received with the port, signed without it.
    const plain = jsonRequest(inboundFields);
    const received = { ...plain.req, url: withPort(plain.url) };
    expect(twilio.validateRequestWithBody(AUTH_TOKEN, plain.sig, received.url, plain.body)).toBe(true);
    expect(await twilioAdapter.validateSignature(received, { authToken: AUTH_TOKEN })).toEqual({ ok: true });
  });

  /** What Twilio sends when a Webhook Rule applies a Setting with a SharedKey (signed independently here). */
  const sharedKeyRequest = (algorithm: "HMAC_SHA1" | "HMAC_SHA256", secret: string, keyId = "KY0123") => {
    const payload = Object.keys(inboundFields)
      .sort()
      .reduce((acc, k) => acc + k + inboundFields[k as keyof typeof inboundFields], URL_);
    const sig = createHmac(algorithm === "HMAC_SHA256" ? "sha256" : "sha1", secret)
      .update(payload)
      .digest("base64");
    return webhook(URL_, form(inboundFields), {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": sig,
      "x-twilio-webhooks-signature-settings": `key=${keyId},algorithm=${algorithm}`,
    });
  };
  const SHARED = "shared-key-secret-0123456789abcdef";

  it.each(["HMAC_SHA1", "HMAC_SHA256"] as const)(
    "a SharedKey signature with %s verifies with the SharedKey",
    async (alg) => {
      const secrets = { authToken: AUTH_TOKEN, webhookSharedKeySecret: SHARED, webhookSharedKeyId: "KY0123" };
      expect(await twilioAdapter.validateSignature(sharedKeyRequest(alg, SHARED), secrets)).toEqual({ ok: true });
      // Signed with the auth token instead, another key, or naming another key id: refused.
      expect(await twilioAdapter.validateSignature(sharedKeyRequest(alg, AUTH_TOKEN), secrets)).toMatchObject({
        status: 403,
      });
      expect(await twilioAdapter.validateSignature(sharedKeyRequest(alg, SHARED, "KY9999"), secrets)).toMatchObject({
        status: 403,
      });
    },
  );

  it("a SharedKey header without a configured SharedKey is 401; an unknown algorithm is 403", async () => {
    const req = sharedKeyRequest("HMAC_SHA256", SHARED);
    expect(await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN })).toMatchObject({
      ok: false,
      status: 401,
    });
    req.headers["x-twilio-webhooks-signature-settings"] = "key=KY0123,algorithm=HMAC_MD5";
    expect(
      await twilioAdapter.validateSignature(req, { authToken: AUTH_TOKEN, webhookSharedKeySecret: SHARED }),
    ).toMatchObject({ ok: false, status: 403 });
  });
});

describe("twilio parseInbound", () => {
  it("parses an inbound SMS; routing key is To", () => {
    const req = signed(URL_, inboundFields);
    expect(twilioAdapter.routingKey(req)).toBe("+14155550100");
    expect(twilioAdapter.parseInbound(req)).toEqual([
      {
        kind: "message",
        channel: "sms",
        provider: "twilio",
        externalMessageId: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
        from: { identifier: "+14155550199" },
        to: "+14155550100",
        text: "Hello! 👋 Is my order shipped?",
        attachments: [],
        contentType: "sms",
      },
    ]);
  });

  it("accepts media-only MMS with every MediaUrlN", () => {
    const fields = {
      ...inboundFields,
      Body: "",
      NumMedia: "2",
      MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
      MediaContentType0: "image/jpeg",
      MediaUrl1: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2",
      MediaContentType1: "video/mp4",
      MessageSid: "MM800f449d0399ed014aae2bcc0cc2f2ec",
    };
    const [event] = twilioAdapter.parseInbound(signed(URL_, fields));
    expect(event).toMatchObject({
      kind: "message",
      text: "",
      externalMessageId: "MM800f449d0399ed014aae2bcc0cc2f2ec",
      contentType: "mms",
      attachments: [
        { url: fields.MediaUrl0, contentType: "image/jpeg" },
        { url: fields.MediaUrl1, contentType: "video/mp4" },
      ],
    });
  });

  it("turns status callbacks into StatusEvents; routing key is From", () => {
    const delivered = {
      SmsSid: "SMb7c0a2ce80504485a6f653a7110836f5",
      SmsStatus: "delivered",
      MessageStatus: "delivered",
      To: "+14155550199",
      MessageSid: "SMb7c0a2ce80504485a6f653a7110836f5",
      AccountSid: ACCOUNT_SID,
      From: "+14155550100",
      ApiVersion: "2010-04-01",
    };
    const req = signed(URL_, delivered);
    expect(twilioAdapter.routingKey(req)).toBe("+14155550100");
    expect(twilioAdapter.parseInbound(req)).toEqual([
      {
        kind: "status",
        channel: "sms",
        provider: "twilio",
        externalMessageId: delivered.MessageSid,
        status: "delivered",
      },
    ]);

    const failed = { ...delivered, SmsStatus: "undelivered", MessageStatus: "undelivered", ErrorCode: "30003" };
    expect(twilioAdapter.parseInbound(signed(URL_, failed))).toEqual([
      {
        kind: "status",
        channel: "sms",
        provider: "twilio",
        externalMessageId: delivered.MessageSid,
        status: "failed",
        error: { code: "30003", message: "Unreachable destination handset" },
      },
    ]);
    expect(
      twilioAdapter.parseInbound(signed(URL_, { ...delivered, MessageStatus: "read", SmsStatus: "read" }))[0],
    ).toMatchObject({
      status: "read",
    });
    // Intermediate states produce no event.
    expect(
      twilioAdapter.parseInbound(signed(URL_, { ...delivered, MessageStatus: "queued", SmsStatus: "queued" })),
    ).toEqual([]);
  });

  it("throws InboundParseError for malformed bodies", () => {
    const bad =
      (fields: Record<string, string>, ct = "application/x-www-form-urlencoded") =>
      () =>
        twilioAdapter.parseInbound(webhook(URL_, form(fields), { "content-type": ct }));
    expect(bad({ Body: "hi", To: "+1", MessageSid: "SM1" })).toThrow(/From is required/);
    expect(bad({ From: "+1", To: "+2", Body: "hi" })).toThrow(/MessageSid/);
    expect(bad({ From: "+1", To: "+2", MessageSid: "SM1", NumMedia: "0" })).toThrow(/neither Body nor media/);
    expect(bad({ From: "+1", To: "+2", MessageSid: "SM1", NumMedia: "1" })).toThrow(/MediaUrl0/);
    // A JSON content type means a JSON webhook: a form body in it is malformed JSON.
    expect(bad({ From: "+1", To: "+2", MessageSid: "SM1", Body: "x" }, "application/json")).toThrow(/not valid JSON/);
    expect(bad({ From: "+1", To: "+2", MessageSid: "SM1", Body: "x" }, "text/plain")).toThrow(/content-type/);
    expect(() => twilioAdapter.parseInbound(webhook(URL_, ""))).toThrow(InboundParseError);
    expect(bad({ MessageStatus: "exploded", MessageSid: "SM1", From: "+1", To: "+2" })).toThrow(
      /unknown MessageStatus/,
    );
  });
});

describe("twilio send / getDeliveryStatus / healthCheck", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const creds = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
  const msg = {
    messageId: "msg_123",
    to: "+14155550199",
    from: "+14155550100",
    text: "Your order has shipped",
    attachments: [{ url: "https://cdn.example/label.png", contentType: "image/png" }],
    statusCallbackUrl: "https://hooks.switchboard.dev/webhooks/twilio/status",
  };

  it("POSTs the documented form with Basic auth and parses the sid", async () => {
    server = await startServer(() => ({
      status: 201,
      headers: { "x-ratelimit-remaining": "42" },
      body: { sid: "SM0123", status: "queued", error_code: null, error_message: null },
    }));
    const r = await twilioAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }), msg);
    expect(r).toEqual({ ok: true, externalMessageId: "SM0123", status: "sent", rateLimitRemaining: 42 });
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(basicOf(req.headers.authorization)).toEqual([ACCOUNT_SID, AUTH_TOKEN]);
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const body = new URLSearchParams(req.body);
    expect(body.get("To")).toBe("+14155550199");
    expect(body.get("From")).toBe("+14155550100");
    expect(body.get("Body")).toBe("Your order has shipped");
    expect(body.getAll("MediaUrl")).toEqual(["https://cdn.example/label.png"]);
    expect(body.get("StatusCallback")).toBe(msg.statusCallbackUrl);
  });

  it("maps 400 to a permanent failure with Twilio's message", async () => {
    server = await startServer(() => ({
      status: 400,
      body: {
        code: 21211,
        message: "The 'To' number +1555 is not a valid phone number.",
        more_info: "https://www.twilio.com/docs/errors/21211",
        status: 400,
      },
    }));
    const r = await twilioAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }), msg);
    expect(r).toEqual({
      ok: false,
      retryable: false,
      error: { code: "21211", message: "The 'To' number +1555 is not a valid phone number." },
    });
  });

  it("maps 429 to retryable with Retry-After", async () => {
    server = await startServer(() => ({
      status: 429,
      headers: { "retry-after": "7" },
      body: { code: 20429, message: "Too Many Requests", status: 429 },
    }));
    const r = await twilioAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }), msg);
    expect(r).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000, error: { code: "20429" } });
  });

  it("maps 5xx to retryable", async () => {
    server = await startServer(() => ({ status: 503, body: "upstream unavailable" }));
    const r = await twilioAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }), msg);
    expect(r).toMatchObject({ ok: false, retryable: true, error: { code: "http_503" } });
  });

  it("treats an immediate failed status in a 201 as a permanent failure", async () => {
    server = await startServer(() => ({ status: 201, body: { sid: "SM9", status: "failed", error_code: 30007 } }));
    const r = await twilioAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }), msg);
    expect(r).toEqual({
      ok: false,
      retryable: false,
      error: { code: "30007", message: "Message filtered by carrier" },
    });
  });

  it("sends through a Messaging Service when configured", async () => {
    server = await startServer(() => ({ status: 201, body: { sid: "SM1", status: "accepted" } }));
    const r = await twilioAdapter.send(
      ctxFor(creds, { apiBaseUrl: server.url, messagingServiceSid: "MG0123456789abcdef0123456789abcdef" }),
      { ...msg, from: "" },
    );
    expect(r).toMatchObject({ ok: true, externalMessageId: "SM1" });
    const body = new URLSearchParams(server.requests[0]!.body);
    expect(body.get("MessagingServiceSid")).toBe("MG0123456789abcdef0123456789abcdef");
    expect(body.has("From")).toBe(false);
  });

  it("refuses to send without credentials (permanent)", async () => {
    const r = await twilioAdapter.send(ctxFor({}, {}), msg);
    expect(r).toMatchObject({ ok: false, retryable: false, error: { code: "missing_credentials" } });
  });

  it("getDeliveryStatus GETs the message resource", async () => {
    server = await startServer(() => ({
      status: 200,
      body: {
        sid: "SM0123",
        status: "undelivered",
        error_code: 30005,
        error_message: null,
        date_updated: "Thu, 24 Aug 2023 05:01:45 +0000",
      },
    }));
    const s = await twilioAdapter.getDeliveryStatus(ctxFor(creds, { apiBaseUrl: server.url }), "SM0123");
    expect(server.requests[0]!.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/SM0123.json`);
    expect(basicOf(server.requests[0]!.headers.authorization)).toEqual([ACCOUNT_SID, AUTH_TOKEN]);
    expect(s).toEqual({
      kind: "status",
      channel: "sms",
      provider: "twilio",
      externalMessageId: "SM0123",
      status: "failed",
      occurredAt: Date.parse("Thu, 24 Aug 2023 05:01:45 +0000"),
      error: { code: "30005", message: "Unknown destination handset" },
    });
  });

  it("healthCheck GETs the account and reports state and rate limit", async () => {
    server = await startServer(() => ({
      status: 200,
      headers: { "x-ratelimit-remaining": "99" },
      body: { sid: ACCOUNT_SID, status: "active" },
    }));
    const h = await twilioAdapter.healthCheck(ctxFor(creds, { apiBaseUrl: server.url }));
    expect(server.requests[0]!.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}.json`);
    expect(h).toMatchObject({ state: "healthy", rateLimitRemaining: 99 });
    expect(typeof h.latencyMs).toBe("number");
    await server.close();

    server = await startServer(() => ({ status: 401, body: { code: 20003, message: "Authenticate" } }));
    expect(await twilioAdapter.healthCheck(ctxFor(creds, { apiBaseUrl: server.url }))).toMatchObject({
      state: "down",
      error: "Authenticate",
    });
  });
});
