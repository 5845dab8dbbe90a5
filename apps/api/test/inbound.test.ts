import { createVisitorToken } from "@switchboard/channels";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { type Backend, countRows, newBackend, ORG_A, ORG_B, SECRETS, type SeededOrg, seedOrg } from "./harness";
import {
  genericRequest,
  metaRequest,
  metaStatus,
  metaText,
  resendInbound,
  resendRequest,
  type SignedRequest,
  twilioInbound,
  twilioSms,
  vonageInbound,
  vonageSms,
} from "./signers";

async function post(t: Backend, req: SignedRequest) {
  return t.fetch(req.path, req.init);
}

let t: Backend;
let a: SeededOrg;

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

async function chatRequest(
  slug: string,
  visitorId: string,
  body: object,
  secret = SECRETS.chatSessionSecret,
): Promise<SignedRequest> {
  const { token } = await createVisitorToken(secret, visitorId);
  return {
    path: `/webhooks/chat/${slug}`,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    },
  };
}

const oneMessagePerChannel: [string, () => Promise<SignedRequest>][] = [
  [
    "sms via Twilio",
    async () =>
      twilioSms("+14155559876", ORG_A.phone, "Hi, is my order shipped?", "SM0123456789abcdef0123456789abcdef"),
  ],
  [
    "sms via Vonage",
    async () => vonageSms("14155559876", "14155550101", "Hello from Vonage", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
  ],
  [
    "WhatsApp via Meta",
    async () =>
      metaRequest(
        metaText(ORG_A.phoneNumberId, "14155559876", "Dana Reyes", [
          { id: "wamid.HBgLMTQxNTU1NTk4NzYVAgASGBQzQUVC", body: "Hola!" },
        ]),
      ),
  ],
  [
    "email via Resend",
    async () =>
      resendRequest(
        resendInbound(
          "Dana Reyes <Dana@Example.org>",
          ORG_A.inboundEmail,
          "Invoice question",
          "Where is invoice 42?",
          "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
        ),
      ),
  ],
  [
    "generic webhook",
    async () =>
      genericRequest(ORG_A.customSlug, {
        id: "evt_1",
        from: { id: "crm-user-7", name: "Dana" },
        text: "Ticket #7 updated",
      }),
  ],
  [
    "native chat",
    async () =>
      chatRequest(ORG_A.chatSlug, "visitor_123", {
        clientMessageId: "c1",
        text: "Anyone there?",
        name: "Website visitor",
      }),
  ],
];

describe("every channel: a signed inbound request is stored exactly once", () => {
  test.each(oneMessagePerChannel)("%s", async (_name, build) => {
    const request = await build();
    const first = await post(t, request);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(await countRows(t, a.organizationId)).toMatchObject({
      messages: 1,
      contacts: 1,
      identities: 1,
      threads: 1,
      rawEvents: 1,
    });

    for (let i = 0; i < 4; i++) expect((await post(t, request)).status).toBe(200);
    expect(await countRows(t, a.organizationId)).toMatchObject({
      messages: 1,
      contacts: 1,
      identities: 1,
      threads: 1,
      rawEvents: 5,
    });

    const rows = await t.run(async (ctx) => {
      const message = await ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .first();
      const thread = message && (await ctx.db.get(message.threadId));
      const contact = message && (await ctx.db.get(message.contactId));
      return { message, thread, contact };
    });
    expect(rows.message).toMatchObject({ direction: "inbound", status: "received" });
    expect(rows.message!.text.length).toBeGreaterThan(0);
    expect(rows.thread).toMatchObject({
      status: "open",
      messageCount: 1,
      unreadCount: 1,
      contactId: rows.contact!._id,
    });
  });

  test("Twilio gets an empty TwiML response", async () => {
    const res = await post(t, twilioSms("+14155559876", ORG_A.phone, "hi", "SM00000000000000000000000000000001"));
    expect(res.headers.get("content-type")).toContain("text/xml");
    expect(await res.text()).toContain("<Response></Response>");
  });

  test("media-only MMS is a valid message with its attachments", async () => {
    const res = await post(
      t,
      twilioInbound({
        MessageSid: "MM00000000000000000000000000000001",
        From: "+14155559876",
        To: ORG_A.phone,
        Body: "",
        NumMedia: "2",
        MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
        MediaContentType0: "image/jpeg",
        MediaUrl1: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2",
        MediaContentType1: "image/png",
      }),
    );
    expect(res.status).toBe(200);
    const message = await t.run((ctx) =>
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .first(),
    );
    expect(message!.attachments.map((x) => x.contentType)).toEqual(["image/jpeg", "image/png"]);
  });

  test("email: sender normalised to a lower-cased address with the display name", async () => {
    await post(
      t,
      resendRequest(resendInbound("Dana Reyes <Dana@Example.org>", ORG_A.inboundEmail, "Hi", "Body", "e-1")),
    );
    const identity = await t.run((ctx) =>
      ctx.db
        .query("contactIdentities")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId))
        .first(),
    );
    expect(identity).toMatchObject({ channel: "email", kind: "email", identifier: "dana@example.org" });
    const contact = await t.run((ctx) => ctx.db.get(identity!.contactId));
    expect(contact!.displayName).toBe("Dana Reyes");
  });
});

describe("refusals write nothing", () => {
  const twilioGood = () => twilioSms("+14155559876", ORG_A.phone, "hello", "SM11111111111111111111111111111111");
  // Signature failures may be 401 (missing/expired credentials) or 403 (wrong signature).
  const AUTH = [401, 403];
  const cases: [string, () => Promise<SignedRequest>, number | number[]][] = [
    [
      "Twilio signed with the wrong token",
      async () =>
        twilioInbound(
          { MessageSid: "SM2", From: "+14155559876", To: ORG_A.phone, Body: "x", NumMedia: "0" },
          { authToken: "wrong" },
        ),
      AUTH,
    ],
    [
      "Twilio without a signature",
      async () => {
        const r = twilioGood();
        const { "x-twilio-signature": _drop, ...headers } = r.init.headers;
        return { ...r, init: { ...r.init, headers } };
      },
      AUTH,
    ],
    [
      "Twilio with a tampered body",
      async () => {
        const r = twilioGood();
        return { ...r, init: { ...r.init, body: r.init.body.replace("hello", "HELLO") } };
      },
      AUTH,
    ],
    [
      "Vonage JWT signed with the wrong secret",
      async () =>
        vonageInbound(
          {
            channel: "sms",
            message_uuid: "u1",
            to: "14155550101",
            from: "14155559876",
            text: "x",
            timestamp: new Date().toISOString(),
            message_type: "text",
          },
          { secret: "wrong-secret-wrong-secret" },
        ),
      AUTH,
    ],
    [
      "Vonage body tampered after signing (payload_hash)",
      async () => {
        const r = vonageSms("14155559876", "14155550101", "original", "u2");
        return { ...r, init: { ...r.init, body: r.init.body.replace("original", "tampered") } };
      },
      AUTH,
    ],
    [
      "Meta signed with the wrong app secret",
      async () =>
        metaRequest(metaText(ORG_A.phoneNumberId, "14155559876", "X", [{ id: "wamid.1", body: "x" }]), "wrong"),
      AUTH,
    ],
    [
      "Resend with a stale timestamp",
      async () =>
        resendRequest(resendInbound("x@example.org", ORG_A.inboundEmail, "s", "t", "e-stale"), {
          timestamp: new Date(Date.now() - 60 * 60 * 1000),
        }),
      AUTH,
    ],
    [
      "Resend signed with another secret",
      async () =>
        resendRequest(resendInbound("x@example.org", ORG_A.inboundEmail, "s", "t", "e-wrong"), {
          secret: "whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==",
        }),
      AUTH,
    ],
    [
      "generic webhook with a future timestamp",
      async () =>
        genericRequest(
          ORG_A.customSlug,
          { id: "e1", from: { id: "u" }, text: "x" },
          { timestamp: new Date(Date.now() + 60 * 60 * 1000) },
        ),
      AUTH,
    ],
    [
      "chat with a token from another secret",
      async () =>
        chatRequest(
          ORG_A.chatSlug,
          "visitor_1",
          { clientMessageId: "c", text: "x" },
          "another-secret-another-secret-another",
        ),
      AUTH,
    ],
    ["unknown Twilio number", async () => twilioSms("+14155559876", "+14155550999", "hi", "SM3"), 404],
    ["unknown custom slug", async () => genericRequest("nope", { id: "e1", from: { id: "u" }, text: "x" }), 404],
    [
      "malformed JSON (correctly signed)",
      async () => {
        const body = "{not json";
        const r = metaRequest({});
        const { createHmac } = await import("node:crypto");
        return {
          ...r,
          init: {
            ...r.init,
            body,
            headers: {
              ...r.init.headers,
              "x-hub-signature-256": `sha256=${createHmac("sha256", SECRETS.metaAppSecret).update(body).digest("hex")}`,
            },
          },
        };
      },
      400,
    ],
    [
      "generic event missing fields (correctly signed)",
      async () => genericRequest(ORG_A.customSlug, { id: "e1" }),
      400,
    ],
    [
      "oversized body",
      async () => genericRequest(ORG_A.customSlug, { id: "e1", from: { id: "u" }, text: "x".repeat(1_100_000) }),
      413,
    ],
  ];

  test.each(cases)("%s", async (_name, build, status) => {
    const res = await post(t, await build());
    expect(Array.isArray(status) ? status : [status]).toContain(res.status);
    expect((await res.json()).error.message.length).toBeGreaterThan(0);
    expect(await countRows(t, a.organizationId)).toEqual({
      messages: 0,
      contacts: 0,
      identities: 0,
      threads: 0,
      rawEvents: 0,
    });
  });

  test("a channel without its webhook secret answers 503 and stores nothing", async () => {
    await t.run(async (ctx) => {
      const config = await ctx.db.get(a.configs.twilio);
      const { authToken: _removed, ...rest } = config!.credentials;
      await ctx.db.patch(a.configs.twilio, { credentials: rest });
    });
    const res = await post(t, twilioGood());
    expect(res.status).toBe(503);
    expect((await countRows(t, a.organizationId)).messages).toBe(0);
  });
});

describe("WhatsApp (Meta)", () => {
  test("subscribe challenge is answered only for a configured verify token", async () => {
    const ok = await t.fetch(
      `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${SECRETS.metaVerifyToken}-org-a&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const bad = await t.fetch("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1");
    expect(bad.status).toBe(403);
  });

  test("a batch of 3 messages stores all 3", async () => {
    const res = await post(
      t,
      metaRequest(
        metaText(ORG_A.phoneNumberId, "14155559876", "Dana", [
          { id: "wamid.A", body: "one" },
          { id: "wamid.B", body: "two" },
          { id: "wamid.C", body: "three" },
        ]),
      ),
    );
    expect(res.status).toBe(200);
    const texts = await t.run(async (ctx) =>
      (
        await ctx.db
          .query("unifiedMessages")
          .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
          .collect()
      ).map((m) => m.text),
    );
    expect(texts.sort()).toEqual(["one", "three", "two"]);
    expect(await countRows(t, a.organizationId)).toMatchObject({ messages: 3, contacts: 1, threads: 1 });
  });

  test("statuses move an outbound message sent -> delivered -> read and never backwards", async () => {
    await post(t, metaRequest(metaText(ORG_A.phoneNumberId, "14155559876", "Dana", [{ id: "wamid.IN", body: "hi" }])));
    const outboundId = await t.run(async (ctx) => {
      const inbound = (await ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .first())!;
      return ctx.db.insert("unifiedMessages", {
        organizationId: a.organizationId,
        threadId: inbound.threadId,
        contactId: inbound.contactId,
        channelConfigId: a.configs.meta,
        channel: "whatsapp",
        provider: "meta",
        direction: "outbound",
        status: "sent",
        externalMessageId: "wamid.OUT",
        from: ORG_A.phoneNumberId,
        to: "+14155559876",
        text: "Hello Dana",
        attachments: [],
        sentAt: Date.now(),
        statusHistory: [{ status: "sent", at: Date.now() }],
      });
    });
    const statusOf = () => t.run(async (ctx) => (await ctx.db.get(outboundId))!);
    const send = (s: "sent" | "delivered" | "read" | "failed") =>
      post(t, metaRequest(metaStatus(ORG_A.phoneNumberId, "wamid.OUT", s, "14155559876")));

    expect((await send("delivered")).status).toBe(200);
    expect((await statusOf()).status).toBe("delivered");
    await send("sent"); // late, out of order
    expect((await statusOf()).status).toBe("delivered");
    await send("read");
    expect((await statusOf()).status).toBe("read");
    await send("delivered");
    await send("failed");
    const final = await statusOf();
    expect(final.status).toBe("read");
    expect(final.statusHistory.map((h) => h.status)).toEqual(["sent", "delivered", "read"]);
    expect((await countRows(t, a.organizationId)).messages).toBe(2);
  });
});

describe("identity", () => {
  test("SMS from +1 415 555 0100 and WhatsApp from 14155550100 are one contact", async () => {
    await post(t, twilioSms("+1 (415) 555-0177", ORG_A.phone, "sms", "SM44444444444444444444444444444444"));
    await post(t, metaRequest(metaText(ORG_A.phoneNumberId, "14155550177", "Sam", [{ id: "wamid.S", body: "wa" }])));
    const rows = await countRows(t, a.organizationId);
    expect(rows).toMatchObject({ messages: 2, contacts: 1, identities: 2, threads: 1 });
    const identities = await t.run((ctx) =>
      ctx.db
        .query("contactIdentities")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId))
        .collect(),
    );
    expect(identities.map((i) => [i.channel, i.identifier]).sort()).toEqual([
      ["sms", "+14155550177"],
      ["whatsapp", "+14155550177"],
    ]);
  });
});

describe("tenancy", () => {
  test("two organizations receiving from the same number never share data", async () => {
    const b = await seedOrg(t, "org-b", ORG_B);
    await post(t, twilioSms("+14155559876", ORG_A.phone, "to A", "SMaaaa0000000000000000000000000001"));
    await post(t, twilioSms("+14155559876", ORG_B.phone, "to B", "SMbbbb0000000000000000000000000001"));
    expect(await countRows(t, a.organizationId)).toMatchObject({ messages: 1, contacts: 1, threads: 1 });
    expect(await countRows(t, b.organizationId)).toMatchObject({ messages: 1, contacts: 1, threads: 1 });

    const asA = t.withIdentity(a.identity);
    const asB = t.withIdentity(b.identity);
    const pageA = await asA.query(api.threads.threads.list, {
      organizationId: a.organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(pageA.page.map((x) => x.lastMessagePreview)).toEqual(["to A"]);

    // B names A's organization, thread and contact: every read is refused.
    const threadA = pageA.page[0]!._id;
    await expect(
      asB.query(api.threads.threads.list, {
        organizationId: a.organizationId,
        paginationOpts: { numItems: 10, cursor: null },
      }),
    ).rejects.toThrow(/not a member/);
    await expect(
      asB.query(api.threads.threads.get, { organizationId: b.organizationId, threadId: threadA }),
    ).rejects.toThrow(/Not found/);
    await expect(
      asB.query(api.threads.threads.listMessages, {
        organizationId: b.organizationId,
        threadId: threadA,
        paginationOpts: { numItems: 10, cursor: null },
      }),
    ).rejects.toThrow(/Not found/);
    await expect(
      asB.query(api.contacts.contacts.get, { organizationId: b.organizationId, contactId: pageA.page[0]!.contactId }),
    ).rejects.toThrow(/Not found/);
    const foundByB = await asB.query(api.contacts.contacts.findByIdentifier, {
      organizationId: b.organizationId,
      channel: "sms",
      identifier: "+14155559876",
    });
    expect(foundByB!._id).not.toBe(pageA.page[0]!.contactId);
    await expect(
      t.query(api.threads.threads.list, {
        organizationId: a.organizationId,
        paginationOpts: { numItems: 10, cursor: null },
      }),
    ).rejects.toThrow(/Sign in/);
  });
});

describe("coalescing", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("5 messages within 2 s trigger the downstream hook once, with all 5", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const sid = `SM${String(i).padStart(32, "0")}`;
      ids.push(sid);
      expect((await post(t, twilioSms("+14155559876", ORG_A.phone, `part ${i}`, sid))).status).toBe(200);
      vi.advanceTimersByTime(400);
    }
    const before = await t.run((ctx) =>
      ctx.db
        .query("hookRuns")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .collect(),
    );
    expect(before).toHaveLength(0);

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const runs = await t.run((ctx) =>
      ctx.db
        .query("hookRuns")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .collect(),
    );
    expect(runs).toHaveLength(1);
    const texts = await t.run(async (ctx) =>
      Promise.all(runs[0]!.messageIds.map(async (id) => (await ctx.db.get(id as Id<"unifiedMessages">))!.text)),
    );
    expect(texts).toEqual(["part 0", "part 1", "part 2", "part 3", "part 4"]);
    const thread = await t.run(async (ctx) => ctx.db.get(runs[0]!.threadId));
    expect(thread!.coalesce).toBeUndefined();
  });

  test("the hard cap flushes a never-ending burst", async () => {
    t = newBackend();
    a = await seedOrg(t, "org-c", ORG_A, { coalesceWindowMs: 1_000 });
    await t.run(async (ctx) => ctx.db.patch(a.organizationId, { coalesceMaxMs: 3_000 }));
    for (let i = 0; i < 8; i++) {
      await post(t, twilioSms("+14155559876", ORG_A.phone, `m${i}`, `SM${String(i).padStart(32, "1")}`));
      vi.advanceTimersByTime(900); // always inside the 1 s window
      await t.finishInProgressScheduledFunctions();
    }
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const runs = await t.run((ctx) =>
      ctx.db
        .query("hookRuns")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .collect(),
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.flatMap((r) => r.messageIds)).toHaveLength(8);
  });
});
