import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  fetchMetaMedia,
  isCustomerServiceWindowOpen,
  metaAdapter,
  metaRoutingKeys,
  verifySubscription,
} from "../src/adapters/meta";
import { ctxFor, startServer, type TestServer, webhook } from "./helpers";

const APP_SECRET = "6f1e3b0a9c8d7e6f5a4b3c2d1e0f9a8b";
const URL_ = "https://hooks.switchboard.dev/webhooks/meta";
const PHONE_NUMBER_ID = "106540352242922";

const metadata = { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID };

// A batch: two messages in one change, a third in a second entry (as Meta may deliver).
const batch = {
  object: "whatsapp_business_account",
  entry: [
    {
      id: "102290129340398",
      changes: [
        {
          value: {
            messaging_product: "whatsapp",
            metadata,
            contacts: [
              { profile: { name: "Sheena Nelson" }, wa_id: "16505551234" },
              { profile: { name: "Kerry Fisher" }, wa_id: "16315551181" },
            ],
            messages: [
              {
                from: "16505551234",
                id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                timestamp: "1749416383",
                type: "text",
                text: { body: "Does it come in another color?" },
              },
              {
                from: "16315551181",
                id: "wamid.HBgLMTYzMTU1NTExODEVAgASGBQzQUNCM0Y2QjE5QzE1RTBGNDZFMAA=",
                timestamp: "1749416390",
                type: "image",
                image: {
                  caption: "This one, but in blue",
                  mime_type: "image/jpeg",
                  sha256: "SfInY0hGaLdCg9sTbQ1x1bYJ7b3kqdJ8mZuo6c6iTyY=",
                  id: "1003383421387256",
                },
              },
            ],
          },
          field: "messages",
        },
      ],
    },
    {
      id: "102290129340398",
      changes: [
        {
          value: {
            messaging_product: "whatsapp",
            metadata,
            contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
            messages: [
              {
                context: { from: "15550783881", id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTc4NTg2QkQzMkNGMDI0MUYA" },
                from: "16505551234",
                id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUJGMzNCMjE1NTNERjY0NzM3QgA=",
                timestamp: "1749416400",
                type: "interactive",
                interactive: { type: "button_reply", button_reply: { id: "change-button", title: "Change" } },
              },
            ],
          },
          field: "messages",
        },
      ],
    },
  ],
};

const statuses = {
  object: "whatsapp_business_account",
  entry: [
    {
      id: "102290129340398",
      changes: [
        {
          value: {
            messaging_product: "whatsapp",
            metadata,
            statuses: [
              {
                id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTc4NTg2QkQzMkNGMDI0MUYA",
                status: "delivered",
                timestamp: "1750263773",
                recipient_id: "16505551234",
                conversation: { id: "4fe0a2ac0a1a4c3f1234c1f7f8d5a1a2", origin: { type: "service" } },
                pricing: { billable: true, pricing_model: "PMP", category: "service" },
              },
              {
                id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBIzRDJCQTQ0RTIyNUUwMUQ3OTcA",
                status: "failed",
                timestamp: "1750263780",
                recipient_id: "16505551234",
                errors: [
                  {
                    code: 131047,
                    title: "Re-engagement message",
                    message: "Re-engagement message",
                    error_data: {
                      details:
                        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                    },
                  },
                ],
              },
              { id: "wamid.read", status: "read", timestamp: "1750263790", recipient_id: "16505551234" },
            ],
          },
          field: "messages",
        },
      ],
    },
  ],
};

function signed(body: string, secret = APP_SECRET) {
  const sig = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  return webhook(URL_, body, { "content-type": "application/json", "x-hub-signature-256": sig });
}

describe("meta subscription and signature", () => {
  it("verifySubscription echoes the challenge only for the right token", () => {
    const q = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";
    expect(verifySubscription(`${URL_}?${q}`, "meatyhamhock")).toBe("1158201444");
    expect(verifySubscription(new URLSearchParams(q), "meatyhamhock")).toBe("1158201444");
    expect(verifySubscription({ "hub.mode": "subscribe", "hub.challenge": "42", "hub.verify_token": "t" }, "t")).toBe(
      "42",
    );
    expect(verifySubscription(q, "other")).toBeNull();
    expect(verifySubscription(q.replace("subscribe", "unsubscribe"), "meatyhamhock")).toBeNull();
    expect(verifySubscription("hub.mode=subscribe&hub.verify_token=meatyhamhock", "meatyhamhock")).toBeNull();
    expect(verifySubscription(q, undefined)).toBeNull();
  });

  it("accepts X-Hub-Signature-256 over the raw body and rejects tampering", async () => {
    const body = JSON.stringify(batch);
    expect(await metaAdapter.validateSignature(signed(body), { appSecret: APP_SECRET })).toEqual({ ok: true });
    const tampered = signed(body);
    tampered.rawBody = body.replace("another color", "refund");
    expect(await metaAdapter.validateSignature(tampered, { appSecret: APP_SECRET })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await metaAdapter.validateSignature(signed(body, "wrong"), { appSecret: APP_SECRET })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await metaAdapter.validateSignature(webhook(URL_, body), { appSecret: APP_SECRET })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(await metaAdapter.validateSignature(signed(body), {})).toMatchObject({ ok: false, status: 401 });
    const badFormat = webhook(URL_, body, { "x-hub-signature-256": "sha1=abc" });
    expect(await metaAdapter.validateSignature(badFormat, { appSecret: APP_SECRET })).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});

describe("meta parseInbound", () => {
  it("parses every message of a batch (3 messages -> 3 events) with contact names", () => {
    const req = signed(JSON.stringify(batch));
    expect(metaAdapter.routingKey(req)).toBe(PHONE_NUMBER_ID);
    const events = metaAdapter.parseInbound(req);
    expect(events).toHaveLength(3);
    expect(events[0]).toEqual({
      kind: "message",
      channel: "whatsapp",
      provider: "meta",
      externalMessageId: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
      from: { identifier: "16505551234", displayName: "Sheena Nelson" },
      to: PHONE_NUMBER_ID,
      text: "Does it come in another color?",
      attachments: [],
      sentAt: 1749416383000,
      contentType: "text",
    });
    expect(events[1]).toMatchObject({
      from: { identifier: "16315551181", displayName: "Kerry Fisher" },
      text: "This one, but in blue",
      contentType: "image",
      attachments: [{ mediaId: "1003383421387256", contentType: "image/jpeg", caption: "This one, but in blue" }],
    });
    expect(events[2]).toMatchObject({
      text: "Change",
      contentType: "interactive.button_reply",
      inReplyTo: ["wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTc4NTg2QkQzMkNGMDI0MUYA"],
    });
  });

  it("parses documents, audio, stickers, template button replies and locations", () => {
    const messages = [
      {
        from: "1",
        id: "m1",
        timestamp: "1",
        type: "document",
        document: { caption: "Invoice", filename: "inv.pdf", mime_type: "application/pdf", id: "d1" },
      },
      {
        from: "1",
        id: "m2",
        timestamp: "1",
        type: "audio",
        audio: { mime_type: "audio/ogg; codecs=opus", id: "a1", voice: true },
      },
      {
        from: "1",
        id: "m3",
        timestamp: "1",
        type: "sticker",
        sticker: { mime_type: "image/webp", id: "s1", animated: false },
      },
      {
        from: "1",
        id: "m4",
        timestamp: "1",
        type: "button",
        button: { payload: "STOP_PROMOS", text: "Stop promotions" },
      },
      {
        from: "1",
        id: "m5",
        timestamp: "1",
        type: "location",
        location: { latitude: 37.48, longitude: -122.14, name: "HQ", address: "1 Hacker Way" },
      },
      {
        from: "1",
        id: "m6",
        timestamp: "1",
        type: "interactive",
        interactive: { type: "list_reply", list_reply: { id: "r1", title: "Blue", description: "Navy blue" } },
      },
      {
        from: "1",
        id: "m7",
        timestamp: "1",
        type: "unsupported",
        errors: [{ code: 131051, title: "Message type unknown" }],
      },
      {
        from: "1",
        id: "m8",
        timestamp: "1",
        type: "system",
        system: { body: "NAME changed from 1 to 2", new_wa_id: "2", type: "user_changed_number" },
      },
      {
        from: "1",
        id: "m9",
        timestamp: "1",
        type: "contacts",
        contacts: [
          {
            name: { formatted_name: "Barbara Johnson", first_name: "Barbara" },
            phones: [{ phone: "+1 940-555-1234" }],
          },
        ],
      },
    ];
    const body = {
      object: "whatsapp_business_account",
      entry: [
        { id: "w", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata, messages } }] },
      ],
    };
    const events = metaAdapter.parseInbound(signed(JSON.stringify(body)));
    expect(events).toHaveLength(9);
    expect(events[0]).toMatchObject({
      text: "Invoice",
      attachments: [{ mediaId: "d1", filename: "inv.pdf", contentType: "application/pdf" }],
    });
    expect(events[1]).toMatchObject({ text: "", contentType: "audio", attachments: [{ mediaId: "a1" }] });
    expect(events[2]).toMatchObject({
      contentType: "sticker",
      attachments: [{ mediaId: "s1", contentType: "image/webp" }],
    });
    expect(events[3]).toMatchObject({ text: "Stop promotions", contentType: "button" });
    expect(events[4]).toMatchObject({ text: "HQ\n1 Hacker Way\n37.48,-122.14", contentType: "location" });
    expect(events[5]).toMatchObject({ text: "Blue", contentType: "interactive.list_reply" });
    expect(events[6]).toMatchObject({
      text: "",
      contentType: "unsupported",
      unsupported: { code: "131051", title: "Message type unknown" },
    });
    expect(events[7]).toMatchObject({ text: "NAME changed from 1 to 2", contentType: "system" });
    expect(events[8]).toMatchObject({ text: "Barbara Johnson", contentType: "contacts" });
  });

  // https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction/
  it("turns a reaction into a ReactionEvent on its target message, and a removal into an empty emoji", () => {
    const messages = [
      {
        from: "16505551234",
        id: "wamid.REACT1",
        timestamp: "1749416383",
        type: "reaction",
        reaction: { message_id: "wamid.TARGET", emoji: "\u{1F44D}" },
      },
      // Removal: Meta omits `emoji`.
      {
        from: "16505551234",
        id: "wamid.REACT2",
        timestamp: "1749416390",
        type: "reaction",
        reaction: { message_id: "wamid.TARGET" },
      },
    ];
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "w",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata,
                contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
                messages,
              },
            },
          ],
        },
      ],
    };
    const events = metaAdapter.parseInbound(signed(JSON.stringify(body)));
    expect(events).toEqual([
      {
        kind: "reaction",
        channel: "whatsapp",
        provider: "meta",
        externalMessageId: "wamid.REACT1",
        targetExternalMessageId: "wamid.TARGET",
        from: { identifier: "16505551234", displayName: "Sheena Nelson" },
        to: PHONE_NUMBER_ID,
        emoji: "\u{1F44D}",
        sentAt: 1749416383000,
      },
      expect.objectContaining({ kind: "reaction", externalMessageId: "wamid.REACT2", emoji: "" }),
    ]);
    const broken = {
      ...body,
      entry: [
        {
          id: "w",
          changes: [{ field: "messages", value: { metadata, messages: [{ ...messages[0], reaction: {} }] } }],
        },
      ],
    };
    expect(() => metaAdapter.parseInbound(signed(JSON.stringify(broken)))).toThrow(/reaction.message_id/);
  });

  // https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/unsupported
  it("keeps Meta's error details on an unsupported message", () => {
    const value = {
      messaging_product: "whatsapp",
      metadata,
      contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
      messages: [
        {
          from: "16505551234",
          id: "wamid.UNSUP",
          timestamp: "1749416383",
          errors: [
            {
              code: 131051,
              title: "Message type unknown",
              message: "Message type unknown",
              error_data: { details: "Message type is currently not supported." },
            },
          ],
          type: "unsupported",
          unsupported: { type: "edit" },
        },
      ],
    };
    const body = { object: "whatsapp_business_account", entry: [{ id: "w", changes: [{ field: "messages", value }] }] };
    const [event] = metaAdapter.parseInbound(signed(JSON.stringify(body)));
    expect(event).toMatchObject({
      kind: "message",
      text: "",
      contentType: "unsupported",
      unsupported: {
        type: "edit",
        code: "131051",
        title: "Message type unknown",
        details: "Message type is currently not supported.",
      },
    });
  });

  it("turns statuses into StatusEvents with error details", () => {
    const events = metaAdapter.parseInbound(signed(JSON.stringify(statuses)));
    expect(events).toEqual([
      {
        kind: "status",
        channel: "whatsapp",
        provider: "meta",
        externalMessageId: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTc4NTg2QkQzMkNGMDI0MUYA",
        status: "delivered",
        occurredAt: 1750263773000,
      },
      {
        kind: "status",
        channel: "whatsapp",
        provider: "meta",
        externalMessageId: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBIzRDJCQTQ0RTIyNUUwMUQ3OTcA",
        status: "failed",
        occurredAt: 1750263780000,
        error: {
          code: "131047",
          message:
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        },
      },
      {
        kind: "status",
        channel: "whatsapp",
        provider: "meta",
        externalMessageId: "wamid.read",
        status: "read",
        occurredAt: 1750263790000,
      },
    ]);
  });

  it("ignores non-message change fields and reports every phone_number_id", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "w",
          changes: [{ field: "message_template_status_update", value: { event: "APPROVED", message_template_id: 1 } }],
        },
        {
          id: "w",
          changes: [
            {
              field: "messages",
              value: { messaging_product: "whatsapp", metadata: { phone_number_id: "999" }, statuses: [] },
            },
          ],
        },
      ],
    };
    const req = signed(JSON.stringify(body));
    expect(metaAdapter.parseInbound(req)).toEqual([]);
    expect(metaRoutingKeys(signed(JSON.stringify({ ...batch, entry: [...batch.entry, ...body.entry] })))).toEqual([
      PHONE_NUMBER_ID,
      "999",
    ]);
  });

  it("throws InboundParseError with a reason for malformed bodies", () => {
    const parse = (b: unknown) => () => metaAdapter.parseInbound(signed(typeof b === "string" ? b : JSON.stringify(b)));
    expect(parse("{")).toThrow(/not valid JSON/);
    expect(parse({ object: "page", entry: [] })).toThrow(/whatsapp_business_account/);
    expect(parse({ object: "whatsapp_business_account" })).toThrow(/entry/);
    const noId = structuredClone(batch);
    delete (noId.entry[0]!.changes[0]!.value.messages[1] as { id?: string }).id;
    expect(parse(noId)).toThrow(/messages\[1\]: id is required/);
    const noMeta = structuredClone(batch);
    delete (noMeta.entry[1]!.changes[0]!.value as { metadata?: unknown }).metadata;
    expect(parse(noMeta)).toThrow(/entry\[1\].*metadata/);
  });
});

describe("isCustomerServiceWindowOpen", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");
  it("is open for 24 hours after the last inbound message", () => {
    expect(isCustomerServiceWindowOpen(now - 60_000, now)).toBe(true);
    expect(isCustomerServiceWindowOpen(now - 24 * 3600_000 + 1, now)).toBe(true);
    expect(isCustomerServiceWindowOpen(now - 24 * 3600_000, now)).toBe(false);
    expect(isCustomerServiceWindowOpen(undefined, now)).toBe(false);
    expect(isCustomerServiceWindowOpen(null, now)).toBe(false);
  });
});

describe("meta send / healthCheck", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const creds = { accessToken: "EAAGtoken", appSecret: APP_SECRET, verifyToken: "v" };
  const ok = {
    status: 200,
    body: {
      messaging_product: "whatsapp",
      contacts: [{ input: "16505551234", wa_id: "16505551234" }],
      messages: [{ id: "wamid.OUT1" }],
    },
  };

  it("sends text to /v21.0/{phone_number_id}/messages with Bearer auth", async () => {
    server = await startServer(() => ok);
    const r = await metaAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }), {
      messageId: "m1",
      to: "+1 650-555-1234",
      from: PHONE_NUMBER_ID,
      text: "Hi Sheena!",
    });
    expect(r).toEqual({ ok: true, externalMessageId: "wamid.OUT1", status: "sent" });
    const req = server.requests[0]!;
    expect(req.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(req.headers.authorization).toBe("Bearer EAAGtoken");
    expect(JSON.parse(req.body)).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "16505551234",
      type: "text",
      text: { body: "Hi Sheena!", preview_url: false },
    });
  });

  it("sends media by link or id with caption, and templates", async () => {
    server = await startServer(() => ok);
    const ctx = ctxFor(creds, { apiBaseUrl: server.url, apiVersion: "v22.0" });
    await metaAdapter.send(ctx, {
      messageId: "m2",
      to: "16505551234",
      from: PHONE_NUMBER_ID,
      text: "Here it is in blue",
      attachments: [{ url: "https://cdn.example/blue.jpg", contentType: "image/jpeg" }],
    });
    await metaAdapter.send(ctx, {
      messageId: "m3",
      to: "16505551234",
      from: PHONE_NUMBER_ID,
      text: "Invoice",
      attachments: [{ mediaId: "555", contentType: "application/pdf", filename: "inv.pdf" }],
    });
    await metaAdapter.send(ctx, {
      messageId: "m4",
      to: "16505551234",
      from: PHONE_NUMBER_ID,
      text: "",
      template: {
        name: "order_update",
        language: "en_US",
        components: [{ type: "body", parameters: [{ type: "text", text: "#1234" }] }],
      },
    });
    expect(server.requests.map((r) => r.path)).toEqual(Array(3).fill(`/v22.0/${PHONE_NUMBER_ID}/messages`));
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({
      type: "image",
      image: { link: "https://cdn.example/blue.jpg", caption: "Here it is in blue" },
    });
    expect(JSON.parse(server.requests[1]!.body)).toMatchObject({
      type: "document",
      document: { id: "555", caption: "Invoice", filename: "inv.pdf" },
    });
    expect(JSON.parse(server.requests[2]!.body)).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "16505551234",
      type: "template",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [{ type: "body", parameters: [{ type: "text", text: "#1234" }] }],
      },
    });
  });

  it("classifies Graph errors: 400 permanent, throughput codes and 429/5xx retryable", async () => {
    const responses = [
      {
        status: 400,
        body: {
          error: {
            message: "(#131047) Re-engagement message",
            type: "OAuthException",
            code: 131047,
            error_data: { messaging_product: "whatsapp", details: "More than 24 hours have passed" },
            fbtrace_id: "A",
          },
        },
      },
      {
        status: 400,
        body: { error: { message: "(#130429) Rate limit hit", type: "OAuthException", code: 130429, fbtrace_id: "B" } },
      },
      { status: 429, headers: { "retry-after": "30" }, body: { error: { message: "Too many calls", code: 80007 } } },
      { status: 502, body: "Bad Gateway" },
    ];
    let i = 0;
    server = await startServer(() => responses[i++]!);
    const ctx = ctxFor(creds, { apiBaseUrl: server.url });
    const m = { messageId: "m", to: "16505551234", from: PHONE_NUMBER_ID, text: "x" };
    expect(await metaAdapter.send(ctx, m)).toEqual({
      ok: false,
      retryable: false,
      error: { code: "131047", message: "(#131047) Re-engagement message — More than 24 hours have passed" },
    });
    expect(await metaAdapter.send(ctx, m)).toMatchObject({ ok: false, retryable: true, error: { code: "130429" } });
    expect(await metaAdapter.send(ctx, m)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 });
    expect(await metaAdapter.send(ctx, m)).toMatchObject({ ok: false, retryable: true, error: { code: "http_502" } });
  });

  it("healthCheck reads the phone number resource", async () => {
    server = await startServer(() => ({
      status: 200,
      body: { id: PHONE_NUMBER_ID, quality_rating: "GREEN", display_phone_number: "+1 555-078-3881" },
    }));
    const h = await metaAdapter.healthCheck(ctxFor(creds, { apiBaseUrl: server.url, phoneNumberId: PHONE_NUMBER_ID }));
    expect(h.state).toBe("healthy");
    expect(server.requests[0]!.path).toMatch(new RegExp(`^/v21.0/${PHONE_NUMBER_ID}\\?fields=`));
    expect(server.requests[0]!.headers.authorization).toBe("Bearer EAAGtoken");
  });

  it("fetchMetaMedia resolves a media id to its download URL", async () => {
    server = await startServer(() => ({
      status: 200,
      body: {
        messaging_product: "whatsapp",
        url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1",
        mime_type: "image/jpeg",
        sha256: "abc",
        file_size: "303833",
        id: "1003383421387256",
      },
    }));
    const r = await fetchMetaMedia(ctxFor(creds, { apiBaseUrl: server.url }), "1003383421387256");
    expect(server.requests[0]!.path).toBe("/v21.0/1003383421387256");
    expect(server.requests[0]!.headers.authorization).toBe("Bearer EAAGtoken");
    expect(r).toEqual({
      ok: true,
      url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1",
      mimeType: "image/jpeg",
      size: 303833,
      sha256: "abc",
    });
  });
});
