import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { genericAdapter } from "../src/adapters/generic";
import { ctxFor, startServer, type TestServer, webhook } from "./helpers";

const SECRET = `whsec_${Buffer.from("generic-webhook-secret-32-bytes!").toString("base64")}`;
const URL_ = "https://hooks.switchboard.dev/webhooks/custom/acme-crm";

function signed(body: string, opts: { at?: Date; secret?: string; id?: string } = {}) {
  const id = opts.id ?? "evt_2KWPBgLlAfxdpx2AI54pPJ85f4W";
  const at = opts.at ?? new Date();
  const signature = new Webhook(opts.secret ?? SECRET).sign(id, at, body);
  return webhook(URL_, body, {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  });
}

const message = {
  id: "ext-msg-1",
  from: { id: "user-42", name: "Ada Lovelace" },
  text: "Ticket #981: printer on fire",
  attachments: [
    { url: "https://files.acme.dev/fire.jpg", contentType: "image/jpeg", filename: "fire.jpg", size: 2048 },
  ],
  timestamp: "2025-05-01T10:00:00Z",
};

describe("generic validateSignature (standardwebhooks SDK as oracle)", () => {
  const secrets = { signingSecret: SECRET };
  const body = JSON.stringify(message);

  it("accepts exactly what standardwebhooks signs", async () => {
    const req = signed(body);
    expect(() => new Webhook(SECRET).verify(body, req.headers)).not.toThrow();
    expect(await genericAdapter.validateSignature(req, secrets)).toEqual({ ok: true });
  });

  it("rejects tampered body, wrong secret, missing headers", async () => {
    const tampered = signed(body);
    tampered.rawBody = body.replace("on fire", "fine");
    expect(await genericAdapter.validateSignature(tampered, secrets)).toMatchObject({ ok: false, status: 403 });
    const wrong = signed(body, { secret: `whsec_${Buffer.from("some-other-secret").toString("base64")}` });
    expect(await genericAdapter.validateSignature(wrong, secrets)).toMatchObject({ ok: false, status: 403 });
    const missing = signed(body);
    delete missing.headers["webhook-signature"];
    expect(await genericAdapter.validateSignature(missing, secrets)).toMatchObject({ ok: false, status: 401 });
    // Svix-prefixed headers are not Standard Webhooks headers for this adapter.
    const svixStyle = signed(body);
    svixStyle.headers = Object.fromEntries(
      Object.entries(svixStyle.headers).map(([k, v]) => [k.replace("webhook-", "svix-"), v]),
    );
    expect(await genericAdapter.validateSignature(svixStyle, secrets)).toMatchObject({ ok: false, status: 401 });
  });

  it("rejects stale and future timestamps", async () => {
    const now = Date.now();
    expect(
      await genericAdapter.validateSignature(signed(body, { at: new Date(now - 301_000) }), secrets, { now }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(
      await genericAdapter.validateSignature(signed(body, { at: new Date(now + 301_000) }), secrets, { now }),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it("reports a misconfigured (non-base64) secret", async () => {
    expect(await genericAdapter.validateSignature(signed(body), { signingSecret: "whsec_!!!" })).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});

describe("generic parseInbound", () => {
  it("parses a message; routing key is the slug from /webhooks/custom/<slug>", () => {
    const req = signed(JSON.stringify(message));
    expect(genericAdapter.routingKey(req)).toBe("acme-crm");
    expect(genericAdapter.routingKey(webhook("https://x.dev/webhooks/other/acme", "{}"))).toBeNull();
    expect(genericAdapter.parseInbound(req)).toEqual([
      {
        kind: "message",
        channel: "webhook",
        provider: "generic",
        externalMessageId: "ext-msg-1",
        from: { identifier: "user-42", displayName: "Ada Lovelace" },
        to: "acme-crm",
        text: "Ticket #981: printer on fire",
        attachments: [
          { url: "https://files.acme.dev/fire.jpg", contentType: "image/jpeg", filename: "fire.jpg", size: 2048 },
        ],
        sentAt: Date.parse("2025-05-01T10:00:00Z"),
        contentType: "message",
      },
    ]);
  });

  it("parses status events and batches (array or {events})", () => {
    const status = {
      type: "status",
      messageId: "out-1",
      status: "failed",
      error: { code: "E42", message: "mailbox full" },
      timestamp: 1714557600,
    };
    const batch = [message, status, { type: "status", messageId: "out-2", status: "delivered" }];
    const events = genericAdapter.parseInbound(signed(JSON.stringify(batch)));
    expect(events).toHaveLength(3);
    expect(events[1]).toEqual({
      kind: "status",
      channel: "webhook",
      provider: "generic",
      externalMessageId: "out-1",
      status: "failed",
      occurredAt: 1714557600000,
      error: { code: "E42", message: "mailbox full" },
    });
    expect(genericAdapter.parseInbound(signed(JSON.stringify({ events: batch })))).toEqual(events);
  });

  it("throws InboundParseError with a reason for malformed bodies", () => {
    const parse = (b: unknown) => () =>
      genericAdapter.parseInbound(signed(typeof b === "string" ? b : JSON.stringify(b)));
    expect(parse("{oops")).toThrow(/not valid JSON/);
    expect(parse({ ...message, id: undefined })).toThrow(/id is required/);
    expect(parse({ ...message, from: {} })).toThrow(/from\.id is required/);
    expect(parse({ ...message, text: "", attachments: [] })).toThrow(/needs text or at least one attachment/);
    expect(parse({ type: "status", messageId: "x", status: "exploded" })).toThrow(/status/);
    expect(parse({ type: "poke" })).toThrow(/type must be "message" or "status"/);
    expect(parse([message, { ...message, from: undefined }])).toThrow(/event\[1\]: from is required/);
    expect(parse([])).toThrow(/no events/);
  });
});

describe("generic send / health", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const msg = { messageId: "msg_777", to: "user-42", from: "acme-crm", text: "We sent a technician" };

  it("POSTs a Standard-Webhooks-signed JSON body that the SDK verifies", async () => {
    server = await startServer(() => ({ status: 202, body: { id: "remote-9" } }));
    const r = await genericAdapter.send(
      ctxFor({ signingSecret: SECRET }, { outboundUrl: `${server.url}/inbox?x=1` }),
      msg,
    );
    expect(r).toEqual({ ok: true, externalMessageId: "remote-9", status: "sent" });
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/inbox?x=1");
    expect(req.headers["webhook-id"]).toBe("msg_777");
    const verified = new Webhook(SECRET).verify(req.body, req.headers as Record<string, string>);
    expect(verified).toMatchObject({
      type: "message",
      id: "msg_777",
      to: "user-42",
      from: "acme-crm",
      text: "We sent a technician",
    });
  });

  it("signs with outboundSigningSecret when set; falls back to our id when the receiver returns none", async () => {
    const outSecret = `whsec_${Buffer.from("outbound-secret-outbound-secret!").toString("base64")}`;
    server = await startServer(() => ({ status: 200, body: "" }));
    const r = await genericAdapter.send(
      ctxFor({ signingSecret: SECRET, outboundSigningSecret: outSecret }, { outboundUrl: server.url }),
      msg,
    );
    expect(r).toEqual({ ok: true, externalMessageId: "msg_777", status: "sent" });
    const req = server.requests[0]!;
    expect(() => new Webhook(outSecret).verify(req.body, req.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(SECRET).verify(req.body, req.headers as Record<string, string>)).toThrow();
  });

  it("classifies 4xx permanent, 429 retryable with Retry-After, 5xx retryable", async () => {
    const responses = [
      { status: 404, body: { error: { message: "no such user" } } },
      { status: 429, headers: { "retry-after": "3" }, body: { message: "slow down" } },
      { status: 500, body: "boom" },
    ];
    let i = 0;
    server = await startServer(() => responses[i++]!);
    const ctx = ctxFor({ signingSecret: SECRET }, { outboundUrl: server.url });
    expect(await genericAdapter.send(ctx, msg)).toEqual({
      ok: false,
      retryable: false,
      error: { code: "http_404", message: "no such user" },
    });
    expect(await genericAdapter.send(ctx, msg)).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 3000,
      error: { message: "slow down" },
    });
    expect(await genericAdapter.send(ctx, msg)).toMatchObject({
      ok: false,
      retryable: true,
      error: { message: "boom" },
    });
  });

  it("fails permanently without outboundUrl or secret", async () => {
    expect(await genericAdapter.send(ctxFor({ signingSecret: SECRET }, {}), msg)).toMatchObject({
      ok: false,
      retryable: false,
      error: { code: "missing_outbound_url" },
    });
    expect(await genericAdapter.send(ctxFor({}, { outboundUrl: "http://127.0.0.1:9/x" }), msg)).toMatchObject({
      ok: false,
      retryable: false,
    });
  });

  it("healthCheck: healthUrl must be 2xx; outboundUrl only needs to be reachable", async () => {
    server = await startServer((req) =>
      req.path === "/health" ? { status: 503, body: "down" } : { status: 405, body: "" },
    );
    expect(await genericAdapter.healthCheck(ctxFor({}, { outboundUrl: `${server.url}/in` }))).toMatchObject({
      state: "healthy",
    });
    expect(
      await genericAdapter.healthCheck(
        ctxFor({}, { outboundUrl: `${server.url}/in`, healthUrl: `${server.url}/health` }),
      ),
    ).toMatchObject({ state: "degraded" });
    expect(await genericAdapter.healthCheck(ctxFor({}, {}))).toMatchObject({ state: "unknown" });
  });
});
