import { Webhook } from "svix";
import { afterEach, describe, expect, it } from "vitest";
import { resendAdapter } from "../src/adapters/resend";
import type { InboundMessage } from "../src/types";
import { ctxFor, startServer, type TestServer, webhook } from "./helpers";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const URL_ = "https://hooks.switchboard.dev/webhooks/resend";

// From Resend's email.received webhook docs.
const received = {
  type: "email.received",
  created_at: "2024-02-22T23:41:12.126Z",
  data: {
    email_id: "56761188-7520-42d8-8898-ff6fc54ce618",
    created_at: "2024-02-22T23:41:11.894719+00:00",
    from: "Acme <onboarding@resend.dev>",
    to: ["Support <Support@Inbound.Switchboard.dev>", "other@example.com"],
    bcc: [],
    cc: ["Boss <boss@acme.dev>"],
    message_id: "<example+123>",
    subject: "Sending this example",
    attachments: [
      {
        id: "2a0c9ce0-3112-4728-976e-47ddcd16a318",
        filename: "avatar.png",
        content_type: "image/png",
        content_disposition: "inline",
        content_id: "img001",
      },
    ],
  },
};

const bounced = {
  type: "email.bounced",
  created_at: "2024-11-22T23:41:12.126Z",
  data: {
    broadcast_id: "8b146471-e88e-4322-86af-016cd36fd216",
    created_at: "2024-11-22T23:41:11.894719+00:00",
    email_id: "56761188-7520-42d8-8898-ff6fc54ce618",
    from: "Acme Support <Support@Switchboard.dev>",
    to: ["delivered@resend.dev"],
    subject: "Sending this example",
    bounce: {
      message:
        "The recipient's email provider sent a hard bounce message, but didn't specify the reason for the hard bounce.",
      subType: "Suppressed",
      type: "Permanent",
    },
    tags: { category: "confirm_email" },
  },
};

function svixSigned(body: string, opts: { at?: Date; secret?: string; id?: string } = {}) {
  const id = opts.id ?? "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const at = opts.at ?? new Date();
  const signature = new Webhook(opts.secret ?? SECRET).sign(id, at, body);
  return webhook(URL_, body, {
    "content-type": "application/json",
    "svix-id": id,
    "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
    "svix-signature": signature,
  });
}

describe("resend validateSignature (svix SDK as oracle)", () => {
  const secrets = { webhookSecret: SECRET };
  const body = JSON.stringify(received);

  it("accepts exactly what svix signs and what svix itself verifies", async () => {
    const req = svixSigned(body);
    expect(() => new Webhook(SECRET).verify(body, req.headers)).not.toThrow();
    expect(await resendAdapter.validateSignature(req, secrets)).toEqual({ ok: true });
  });

  it("accepts when any signature of a space-separated list matches (rotation)", async () => {
    const req = svixSigned(body);
    req.headers["svix-signature"] = `v1,Zm9vYmFy ${req.headers["svix-signature"]} v2,ignored`;
    expect(await resendAdapter.validateSignature(req, secrets)).toEqual({ ok: true });
    const other = `whsec_${Buffer.from("another key of 24 bytes!").toString("base64")}`;
    expect(
      await resendAdapter.validateSignature(svixSigned(body, { secret: other }), {
        webhookSecret: SECRET,
        previousWebhookSecret: other,
      }),
    ).toEqual({ ok: true });
  });

  it("rejects tampered bodies, ids and wrong secrets", async () => {
    const tampered = svixSigned(body);
    tampered.rawBody = body.replace("Sending this example", "Pay invoice");
    expect(() => new Webhook(SECRET).verify(tampered.rawBody, tampered.headers)).toThrow();
    expect(await resendAdapter.validateSignature(tampered, secrets)).toMatchObject({ ok: false, status: 403 });

    const otherId = svixSigned(body);
    otherId.headers["svix-id"] = "msg_other";
    expect(await resendAdapter.validateSignature(otherId, secrets)).toMatchObject({ ok: false, status: 403 });

    const wrong = svixSigned(body, { secret: `whsec_${Buffer.from("wrong-secret-wrong-secret").toString("base64")}` });
    expect(await resendAdapter.validateSignature(wrong, secrets)).toMatchObject({
      ok: false,
      status: 403,
      reason: "signature mismatch",
    });
  });

  it("rejects stale and future timestamps (5 minute window, both directions)", async () => {
    const now = Date.now();
    const stale = svixSigned(body, { at: new Date(now - 6 * 60_000) });
    expect(() => new Webhook(SECRET).verify(body, stale.headers)).toThrow(/too old/);
    expect(await resendAdapter.validateSignature(stale, secrets, { now })).toMatchObject({
      ok: false,
      status: 403,
      reason: expect.stringMatching(/too old/),
    });
    const future = svixSigned(body, { at: new Date(now + 6 * 60_000) });
    expect(() => new Webhook(SECRET).verify(body, future.headers)).toThrow(/too new/);
    expect(await resendAdapter.validateSignature(future, secrets, { now })).toMatchObject({
      ok: false,
      status: 403,
      reason: expect.stringMatching(/future/),
    });
    // Inside the window, and a custom tolerance.
    const recent = svixSigned(body, { at: new Date(now - 4 * 60_000) });
    expect(await resendAdapter.validateSignature(recent, secrets, { now })).toEqual({ ok: true });
    expect(await resendAdapter.validateSignature(recent, secrets, { now, toleranceSeconds: 60 })).toMatchObject({
      ok: false,
    });
  });

  it("rejects missing headers, non-numeric timestamps and a missing secret", async () => {
    for (const h of ["svix-id", "svix-timestamp", "svix-signature"]) {
      const req = svixSigned(body);
      delete req.headers[h];
      expect(await resendAdapter.validateSignature(req, secrets)).toMatchObject({
        ok: false,
        status: 401,
        reason: expect.stringContaining(h),
      });
    }
    const req = svixSigned(body);
    req.headers["svix-timestamp"] = "yesterday";
    expect(await resendAdapter.validateSignature(req, secrets)).toMatchObject({ ok: false, status: 403 });
    expect(await resendAdapter.validateSignature(svixSigned(body), {})).toMatchObject({ ok: false, status: 401 });
  });
});

describe("resend parseInbound", () => {
  it("parses email.received (metadata only -> contentPending); routing key is our first `to`", () => {
    const req = svixSigned(JSON.stringify(received));
    expect(resendAdapter.routingKey(req)).toBe("support@inbound.switchboard.dev");
    expect(resendAdapter.parseInbound(req)).toEqual([
      {
        kind: "message",
        channel: "email",
        provider: "resend",
        externalMessageId: "56761188-7520-42d8-8898-ff6fc54ce618",
        from: { identifier: "onboarding@resend.dev", displayName: "Acme" },
        to: "support@inbound.switchboard.dev",
        text: "",
        subject: "Sending this example",
        attachments: [
          { mediaId: "2a0c9ce0-3112-4728-976e-47ddcd16a318", contentType: "image/png", filename: "avatar.png" },
        ],
        sentAt: Date.parse("2024-02-22T23:41:11.894Z"),
        emailMessageId: "<example+123>",
        cc: ["boss@acme.dev"],
        contentType: "email",
        contentPending: true,
      },
    ]);
  });

  it("uses text/html and In-Reply-To/References headers when present", () => {
    const withBody = {
      ...received,
      data: {
        ...received.data,
        text: "Thanks!\n\n> earlier",
        html: "<p>Thanks!</p>",
        headers: { "In-Reply-To": "<abc@switchboard.dev>", references: "<root@switchboard.dev> <abc@switchboard.dev>" },
      },
    };
    const [m] = resendAdapter.parseInbound(svixSigned(JSON.stringify(withBody))) as InboundMessage[];
    expect(m).toMatchObject({
      text: "Thanks!\n\n> earlier",
      html: "<p>Thanks!</p>",
      inReplyTo: ["<abc@switchboard.dev>", "<root@switchboard.dev>"],
    });
    expect(m!.contentPending).toBeUndefined();
  });

  it("also accepts inlined in_reply_to / references fields (relay or simulator payloads)", () => {
    const inlined = {
      ...received,
      data: { ...received.data, text: "ok", in_reply_to: "<a@x>", references: ["<root@x>", "<a@x>"] },
    };
    const [m] = resendAdapter.parseInbound(svixSigned(JSON.stringify(inlined))) as InboundMessage[];
    expect(m!.inReplyTo).toEqual(["<a@x>", "<root@x>"]);
  });

  it("maps delivery events to StatusEvents; routing key is the `from` address", () => {
    const base = { ...bounced.data };
    const ev = (type: string, data: Record<string, unknown> = base) =>
      svixSigned(JSON.stringify({ type, created_at: "2024-11-22T23:41:12.126Z", data }));
    expect(resendAdapter.routingKey(ev("email.delivered"))).toBe("support@switchboard.dev");
    const common = {
      kind: "status",
      channel: "email",
      provider: "resend",
      externalMessageId: base.email_id,
      occurredAt: Date.parse("2024-11-22T23:41:12.126Z"),
    };
    expect(resendAdapter.parseInbound(ev("email.sent"))).toEqual([{ ...common, status: "sent" }]);
    expect(resendAdapter.parseInbound(ev("email.delivered"))).toEqual([{ ...common, status: "delivered" }]);
    expect(resendAdapter.parseInbound(ev("email.delivery_delayed"))).toEqual([{ ...common, status: "sent" }]);
    expect(resendAdapter.parseInbound(ev("email.opened"))).toEqual([{ ...common, status: "read" }]);
    expect(resendAdapter.parseInbound(ev("email.clicked"))).toEqual([{ ...common, status: "read" }]);
    expect(resendAdapter.parseInbound(svixSigned(JSON.stringify(bounced)))).toEqual([
      { ...common, status: "failed", error: { code: "bounced", message: bounced.data.bounce.message } },
    ]);
    expect(resendAdapter.parseInbound(ev("email.complained"))).toEqual([
      { ...common, status: "failed", error: { code: "complained", message: "Recipient marked the email as spam" } },
    ]);
    expect(
      resendAdapter.parseInbound(ev("email.failed", { ...base, failed: { reason: "reached_daily_quota" } })),
    ).toEqual([{ ...common, status: "failed", error: { code: "failed", message: "reached_daily_quota" } }]);
    expect(resendAdapter.parseInbound(ev("contact.created", { id: "c1" }))).toEqual([]);
  });

  it("throws InboundParseError with a reason for malformed bodies", () => {
    const parse =
      (b: unknown, ct = "application/json") =>
      () =>
        resendAdapter.parseInbound(
          webhook(URL_, typeof b === "string" ? b : JSON.stringify(b), { "content-type": ct }),
        );
    expect(parse("nope")).toThrow(/not valid JSON/);
    expect(parse({ data: {} })).toThrow(/type is required/);
    expect(parse({ type: "email.received", data: { ...received.data, from: undefined } })).toThrow(/from is required/);
    expect(parse({ type: "email.received", data: { ...received.data, to: [] } })).toThrow(/at least one recipient/);
    expect(parse({ type: "email.received", data: { ...received.data, from: "not an address" } })).toThrow(
      /not an email address/,
    );
    expect(parse({ type: "email.delivered", data: {} })).toThrow(/email_id is required/);
    expect(parse(received, "text/plain")).toThrow(/content-type/);
  });
});

describe("resend send / hydrate / status / health", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const creds = { apiKey: "re_123456789", webhookSecret: SECRET };
  const msg = {
    messageId: "msg_abc",
    to: "customer@example.com",
    from: "support@switchboard.dev",
    subject: "Re: Sending this example",
    text: "Happy to help",
    html: "<p>Happy to help</p>",
    inReplyTo: "<example+123>",
    references: ["<root@x>"],
  };

  it("POSTs /emails with Bearer auth, Idempotency-Key and threading headers", async () => {
    server = await startServer(() => ({
      status: 200,
      headers: { "ratelimit-remaining": "1" },
      body: { id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" },
    }));
    const r = await resendAdapter.send(ctxFor(creds, { apiBaseUrl: server.url, fromName: "Acme Support" }), msg);
    expect(r).toEqual({
      ok: true,
      externalMessageId: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794",
      status: "sent",
      rateLimitRemaining: 1,
    });
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/emails");
    expect(req.headers.authorization).toBe("Bearer re_123456789");
    expect(req.headers["idempotency-key"]).toBe("msg_abc");
    expect(JSON.parse(req.body)).toEqual({
      from: "Acme Support <support@switchboard.dev>",
      to: ["customer@example.com"],
      subject: "Re: Sending this example",
      text: "Happy to help",
      html: "<p>Happy to help</p>",
      headers: { "In-Reply-To": "<example+123>", References: "<root@x> <example+123>" },
    });
  });

  it("classifies 422 as permanent, 429 as retryable with Retry-After, 500 as retryable", async () => {
    const responses = [
      { status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." } },
      {
        status: 429,
        headers: { "retry-after": "1" },
        body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." },
      },
      { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "Unexpected error" } },
    ];
    let i = 0;
    server = await startServer(() => responses[i++]!);
    const ctx = ctxFor(creds, { apiBaseUrl: server.url });
    expect(await resendAdapter.send(ctx, msg)).toEqual({
      ok: false,
      retryable: false,
      error: { code: "validation_error", message: "Invalid `to` field." },
    });
    expect(await resendAdapter.send(ctx, msg)).toMatchObject({
      ok: false,
      retryable: true,
      retryAfterMs: 1000,
      error: { code: "rate_limit_exceeded" },
    });
    expect(await resendAdapter.send(ctx, msg)).toMatchObject({
      ok: false,
      retryable: true,
      error: { code: "internal_server_error" },
    });
  });

  it("hydrateInbound fetches the received email body and threading headers", async () => {
    server = await startServer(() => ({
      status: 200,
      body: {
        object: "email",
        id: received.data.email_id,
        to: ["support@inbound.switchboard.dev"],
        from: "onboarding@resend.dev",
        subject: "Sending this example",
        message_id: "<example+123>",
        html: "<p>Where is <b>my order</b>?</p>",
        text: null,
        headers: {
          "In-Reply-To": "<out-1@switchboard.dev>",
          References: "<out-0@switchboard.dev> <out-1@switchboard.dev>",
        },
        created_at: "2024-02-22T23:41:11.894Z",
        attachments: [],
      },
    }));
    const [m] = resendAdapter.parseInbound(svixSigned(JSON.stringify(received))) as InboundMessage[];
    const hydrated = await resendAdapter.hydrateInbound!(ctxFor(creds, { apiBaseUrl: server.url }), m!);
    expect(server.requests[0]!.path).toBe(`/emails/receiving/${received.data.email_id}`);
    expect(server.requests[0]!.headers.authorization).toBe("Bearer re_123456789");
    expect(hydrated).toMatchObject({
      text: "Where is my order?",
      html: "<p>Where is <b>my order</b>?</p>",
      inReplyTo: ["<out-1@switchboard.dev>", "<out-0@switchboard.dev>"],
      attachments: m!.attachments,
    });
    expect(hydrated.contentPending).toBeUndefined();
  });

  it("getDeliveryStatus maps last_event; healthCheck lists domains", async () => {
    server = await startServer((req) =>
      req.path === "/domains"
        ? { status: 200, body: { data: [] } }
        : { status: 200, body: { object: "email", id: "e1", last_event: "bounced" } },
    );
    const ctx = ctxFor(creds, { apiBaseUrl: server.url });
    expect(await resendAdapter.getDeliveryStatus(ctx, "e1")).toMatchObject({
      externalMessageId: "e1",
      status: "failed",
      error: { code: "bounced" },
    });
    expect(server.requests[0]!.path).toBe("/emails/e1");
    expect(await resendAdapter.healthCheck(ctx)).toMatchObject({ state: "healthy" });
  });

  it("healthCheck treats a sending-only key as healthy and an invalid key as down", async () => {
    const responses = [
      {
        status: 401,
        body: {
          statusCode: 401,
          name: "restricted_api_key",
          message: "This API key is restricted to only send emails",
        },
      },
      { status: 400, body: { statusCode: 400, name: "validation_error", message: "API key is invalid" } },
    ];
    let i = 0;
    server = await startServer(() => responses[i++]!);
    const ctx = ctxFor(creds, { apiBaseUrl: server.url });
    expect((await resendAdapter.healthCheck(ctx)).state).toBe("healthy");
    expect(await resendAdapter.healthCheck(ctx)).toMatchObject({ state: "down", error: "API key is invalid" });
  });
});
