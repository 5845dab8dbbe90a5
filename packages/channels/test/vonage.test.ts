import { createHash, webcrypto } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { vonageAdapter } from "../src/adapters/vonage";
import { basicOf, ctxFor, startServer, type TestServer, webhook } from "./helpers";

const SIGNATURE_SECRET = "vonage-signature-secret-0123456789abcdef";
const NOW = Date.parse("2025-02-03T12:14:30Z");
const URL_ = "https://hooks.switchboard.dev/webhooks/vonage/inbound";

/** Independent HS256 JWT signer (Web Crypto), so the adapter is not checked against itself. */
async function jwt(claims: Record<string, unknown>, secret = SIGNATURE_SECRET, alg = "HS256"): Promise<string> {
  const b64u = (s: string | Uint8Array) => Buffer.from(s).toString("base64url");
  const head = b64u(JSON.stringify({ alg, typ: "JWT" }));
  const body = b64u(JSON.stringify(claims));
  const key = await webcrypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const sig = new Uint8Array(await webcrypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${head}.${body}`)));
  return `${head}.${body}.${b64u(sig)}`;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

// From the Messages API v1 inbound SMS webhook reference.
const inbound = {
  channel: "sms",
  message_uuid: "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab",
  to: "447700900000",
  from: "447700900001",
  timestamp: "2025-02-03T12:14:25Z",
  text: "Hello From Vonage!",
  sms: { num_messages: "2", keyword: "HELLO" },
  usage: { price: "0.0333", currency: "EUR" },
  message_type: "text",
  context_status: "none",
};

async function signedRequest(body: string, claims: Record<string, unknown> = {}, secret = SIGNATURE_SECRET) {
  const token = await jwt(
    {
      iat: Math.floor(NOW / 1000),
      jti: "c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5",
      iss: "Vonage",
      payload_hash: sha256(body),
      api_key: "abcd1234",
      application_id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
      ...claims,
    },
    secret,
  );
  return webhook(URL_, body, { "content-type": "application/json", authorization: `Bearer ${token}` });
}

describe("vonage validateSignature (signed webhooks JWT)", () => {
  const secrets = { signatureSecret: SIGNATURE_SECRET };
  const body = JSON.stringify(inbound);

  it("accepts a valid JWT whose payload_hash matches the body", async () => {
    expect(await vonageAdapter.validateSignature(await signedRequest(body), secrets, { now: NOW })).toEqual({
      ok: true,
    });
  });

  it("rejects a tampered body (payload_hash mismatch)", async () => {
    const req = await signedRequest(body);
    req.rawBody = body.replace("Hello From Vonage!", "Wire me money");
    expect(await vonageAdapter.validateSignature(req, secrets, { now: NOW })).toMatchObject({
      ok: false,
      status: 403,
      reason: expect.stringMatching(/payload_hash/),
    });
  });

  it("rejects a tampered token (claims edited, signature kept)", async () => {
    const req = await signedRequest(body);
    const [h, , s] = req.headers.authorization!.slice(7).split(".");
    const forged = Buffer.from(JSON.stringify({ iat: Math.floor(NOW / 1000), payload_hash: sha256("other") })).toString(
      "base64url",
    );
    req.headers.authorization = `Bearer ${h}.${forged}.${s}`;
    expect(await vonageAdapter.validateSignature(req, secrets, { now: NOW })).toMatchObject({
      ok: false,
      status: 403,
      reason: expect.stringMatching(/signature/),
    });
  });

  it("rejects a JWT signed with another secret", async () => {
    const req = await signedRequest(body, {}, "not-the-right-secret-000000000000");
    expect(await vonageAdapter.validateSignature(req, secrets, { now: NOW })).toMatchObject({ ok: false, status: 403 });
  });

  it("rejects stale and future iat", async () => {
    const stale = await signedRequest(body, { iat: Math.floor(NOW / 1000) - 301 });
    expect(await vonageAdapter.validateSignature(stale, secrets, { now: NOW })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/too old/),
    });
    const future = await signedRequest(body, { iat: Math.floor(NOW / 1000) + 301 });
    expect(await vonageAdapter.validateSignature(future, secrets, { now: NOW })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/future/),
    });
    const noIat = await signedRequest(body, { iat: undefined });
    expect(await vonageAdapter.validateSignature(noIat, secrets, { now: NOW })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/iat/),
    });
  });

  it("rejects alg none / non-HS256 tokens", async () => {
    const req = await signedRequest(body);
    const token = await jwt({ iat: Math.floor(NOW / 1000), payload_hash: sha256(body) }, SIGNATURE_SECRET, "none");
    req.headers.authorization = `Bearer ${token}`;
    expect(await vonageAdapter.validateSignature(req, secrets, { now: NOW })).toMatchObject({
      ok: false,
      status: 403,
      reason: expect.stringMatching(/HS256/),
    });
  });

  it("rejects a JWT for another api_key when apiKey is known", async () => {
    const req = await signedRequest(body);
    expect(await vonageAdapter.validateSignature(req, { ...secrets, apiKey: "zzzz9999" }, { now: NOW })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await vonageAdapter.validateSignature(req, { ...secrets, apiKey: "abcd1234" }, { now: NOW })).toEqual({
      ok: true,
    });
  });

  it("returns 503 for an unsigned callback (Vonage retries only on 5xx), 401 without a secret", async () => {
    expect(await vonageAdapter.validateSignature(webhook(URL_, body), secrets, { now: NOW })).toMatchObject({
      ok: false,
      status: 503,
    });
    expect(await vonageAdapter.validateSignature(await signedRequest(body), {}, { now: NOW })).toMatchObject({
      ok: false,
      status: 401,
    });
    const basic = webhook(URL_, body, { authorization: "Basic abc" });
    expect(await vonageAdapter.validateSignature(basic, secrets, { now: NOW })).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});

describe("vonage parseInbound", () => {
  it("parses an inbound SMS; routing key is `to`", () => {
    const req = webhook(URL_, JSON.stringify(inbound), { "content-type": "application/json" });
    expect(vonageAdapter.routingKey(req)).toBe("447700900000");
    expect(vonageAdapter.parseInbound(req)).toEqual([
      {
        kind: "message",
        channel: "sms",
        provider: "vonage",
        externalMessageId: inbound.message_uuid,
        from: { identifier: "447700900001" },
        to: "447700900000",
        text: "Hello From Vonage!",
        attachments: [],
        sentAt: Date.parse("2025-02-03T12:14:25Z"),
        contentType: "text",
        providerChannel: "sms",
      },
    ]);
  });

  it("parses delivered and rejected status webhooks; routing key is `from`", () => {
    const status = {
      message_uuid: "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab",
      to: "447700900000",
      from: "447700900001",
      timestamp: "2025-02-03T12:14:25Z",
      status: "delivered",
      usage: { currency: "EUR", price: "0.0333" },
      channel: "sms",
      destination: { network_code: "12345" },
      client_ref: "msg_1",
    };
    const req = webhook(URL_, JSON.stringify(status), { "content-type": "application/json" });
    expect(vonageAdapter.routingKey(req)).toBe("447700900001");
    expect(vonageAdapter.parseInbound(req)).toEqual([
      {
        kind: "status",
        channel: "sms",
        provider: "vonage",
        externalMessageId: status.message_uuid,
        status: "delivered",
        occurredAt: Date.parse(status.timestamp),
      },
    ]);
    const rejected = {
      ...status,
      status: "rejected",
      error: {
        type: "https://developer.nexmo.com/api-errors/messages-olympus#1000",
        title: 1000,
        detail: "Throttled - You have exceeded the submission capacity allowed on this account. Please wait and retry",
        instance: "bf0ca0bf927b3b52e3cb03217e1a1ddf",
      },
    };
    expect(vonageAdapter.parseInbound(webhook(URL_, JSON.stringify(rejected)))[0]).toMatchObject({
      status: "failed",
      error: { code: "1000", message: expect.stringMatching(/^Throttled/) },
    });
    expect(
      vonageAdapter.parseInbound(webhook(URL_, JSON.stringify({ ...status, status: "submitted" })))[0],
    ).toMatchObject({ status: "sent" });
    expect(
      vonageAdapter.parseInbound(webhook(URL_, JSON.stringify({ ...status, status: "undeliverable" })))[0],
    ).toMatchObject({ status: "failed" });
    expect(vonageAdapter.parseInbound(webhook(URL_, JSON.stringify({ ...status, status: "read" })))[0]).toMatchObject({
      status: "read",
    });
  });

  it("throws InboundParseError with a reason for malformed bodies", () => {
    const parse =
      (raw: string, ct = "application/json") =>
      () =>
        vonageAdapter.parseInbound(webhook(URL_, raw, { "content-type": ct }));
    expect(parse("{not json")).toThrow(/not valid JSON/);
    expect(parse("")).toThrow(/empty/);
    expect(parse("[1,2]")).toThrow(/JSON object/);
    expect(parse(JSON.stringify({ ...inbound, message_uuid: undefined }))).toThrow(/message_uuid is required/);
    expect(parse(JSON.stringify({ ...inbound, channel: "telegram" }))).toThrow(/channel/);
    expect(parse(JSON.stringify({ ...inbound, text: undefined }))).toThrow(/text is required/);
    expect(parse(JSON.stringify({ ...inbound, channel: "mms", message_type: "image", image: {} }))).toThrow(/url/);
    expect(parse(JSON.stringify(inbound), "application/x-www-form-urlencoded")).toThrow(/content-type/);
    expect(parse(JSON.stringify({ message_uuid: "x", status: "exploded" }))).toThrow(/unknown status/);
  });
});

describe("vonage send / healthCheck", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const creds = { apiKey: "abcd1234", apiSecret: "s3cr3tValue", signatureSecret: SIGNATURE_SECRET };
  const msg = {
    messageId: "msg_42",
    to: "+44 7700 900001",
    from: "+447700900000",
    text: "Your code is 1234",
    statusCallbackUrl: "https://hooks.switchboard.dev/webhooks/vonage/status",
  };

  it("POSTs /v1/messages JSON with Basic auth and returns message_uuid", async () => {
    server = await startServer(() => ({ status: 202, body: { message_uuid: "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab" } }));
    const r = await vonageAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }), msg);
    expect(r).toEqual({ ok: true, externalMessageId: "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab", status: "sent" });
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/v1/messages");
    expect(basicOf(req.headers.authorization)).toEqual(["abcd1234", "s3cr3tValue"]);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req.body)).toEqual({
      message_type: "text",
      channel: "sms",
      to: "447700900001",
      from: "447700900000",
      text: "Your code is 1234",
      client_ref: "msg_42",
      webhook_url: msg.statusCallbackUrl,
    });
  });

  it("passes alphanumeric sender ids through untouched", async () => {
    server = await startServer(() => ({ status: 202, body: { message_uuid: "u1" } }));
    await vonageAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }), { ...msg, from: "Acme" });
    expect(JSON.parse(server.requests[0]!.body).from).toBe("Acme");
  });

  it("maps 422 (RFC 7807) to permanent, 429 to retryable with Retry-After, 500 to retryable", async () => {
    const responses = [
      {
        status: 422,
        body: {
          type: "https://developer.nexmo.com/api-errors/messages-olympus#1150",
          title: "Invalid params",
          detail: "The value of one or more parameters is invalid.",
          instance: "x",
        },
      },
      {
        status: 429,
        headers: { "retry-after": "2" },
        body: {
          type: "https://developer.nexmo.com/api-errors#throttled",
          title: "Rate Limit Hit",
          detail: "Please wait, then retry your request",
          instance: "y",
        },
      },
      { status: 500, body: { title: "Internal Error" } },
    ];
    let i = 0;
    server = await startServer(() => responses[i++]!);
    const ctx = ctxFor(creds, { apiBaseUrl: server.url });
    expect(await vonageAdapter.send(ctx, msg)).toEqual({
      ok: false,
      retryable: false,
      error: { code: "1150", message: "Invalid params: The value of one or more parameters is invalid." },
    });
    expect(await vonageAdapter.send(ctx, msg)).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 2000,
      error: { code: "throttled" },
    });
    expect(await vonageAdapter.send(ctx, msg)).toMatchObject({ ok: false, retryable: true });
  });

  it("healthCheck GETs the account balance with Basic auth", async () => {
    server = await startServer(() => ({ status: 200, body: { value: 10.5, autoReload: false } }));
    const h = await vonageAdapter.healthCheck(ctxFor(creds, { apiBaseUrl: server.url }));
    expect(h.state).toBe("healthy");
    expect(server.requests[0]!.path).toBe("/account/get-balance");
    expect(basicOf(server.requests[0]!.headers.authorization)).toEqual(["abcd1234", "s3cr3tValue"]);
  });

  it("getDeliveryStatus is webhook-only (null)", async () => {
    expect(await vonageAdapter.getDeliveryStatus(ctxFor(creds, {}), "u1")).toBeNull();
  });
});
