/**
 * Inbound gap recovery lists, against a scripted server answering in the providers' documented shapes:
 * - Twilio Message list: https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources
 *   and Media list: https://www.twilio.com/docs/messaging/api/media-resource
 * - Resend received emails: https://resend.com/docs/api-reference/emails/list-received-emails
 */
import { afterEach, describe, expect, test } from "vitest";
import { getDescriptor } from "../src/registry";
import { ctxFor, type ScriptedResponse, startServer, type TestServer } from "./helpers";

const AC = `AC${"a".repeat(32)}`;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const twilioMessage = (sid: string, direction: string, extra: Record<string, unknown> = {}) => ({
  account_sid: AC,
  api_version: "2010-04-01",
  body: `body of ${sid}`,
  date_created: "Sat, 28 Nov 2026 10:00:00 +0000",
  date_sent: "Sat, 28 Nov 2026 10:00:00 +0000",
  direction,
  from: direction === "inbound" ? "+14155550123" : "+15005550006",
  to: direction === "inbound" ? "+15005550006" : "+14155550123",
  num_media: "0",
  sid,
  status: direction === "inbound" ? "received" : "delivered",
  uri: `/2010-04-01/Accounts/${AC}/Messages/${sid}.json`,
  ...extra,
});

describe("Twilio inbound list", () => {
  test("lists received messages only, with MMS media, following next_page_uri", async () => {
    const mm = `MM${"1".repeat(32)}`;
    server = await startServer((req): ScriptedResponse => {
      if (req.path.startsWith(`/2010-04-01/Accounts/${AC}/Messages/${mm}/Media.json`)) {
        return {
          status: 200,
          body: {
            media_list: [
              {
                sid: `ME${"2".repeat(32)}`,
                content_type: "image/jpeg",
                parent_sid: mm,
                uri: `/2010-04-01/Accounts/${AC}/Messages/${mm}/Media/ME${"2".repeat(32)}.json`,
              },
            ],
          },
        };
      }
      if (req.path.includes("PageToken")) {
        return {
          status: 200,
          body: { messages: [twilioMessage(`SM${"3".repeat(32)}`, "inbound")], next_page_uri: null },
        };
      }
      return {
        status: 200,
        body: {
          messages: [
            twilioMessage(mm, "inbound", { num_media: "1", body: "" }),
            twilioMessage(`SM${"4".repeat(32)}`, "outbound-api"),
          ],
          next_page_uri: `/2010-04-01/Accounts/${AC}/Messages.json?PageSize=2&Page=1&PageToken=PA${mm}`,
        },
      };
    });
    const list = getDescriptor("twilio").inboundList!;
    const ctx = ctxFor({ accountSid: AC, authToken: "token" }, { apiBaseUrl: server.url });
    const since = Date.UTC(2026, 10, 28, 9, 0, 0);
    const first = await list(ctx, { sinceMs: since, pageSize: 2 });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.messages).toHaveLength(1); // the outbound one is left out
    expect(first.messages[0]).toMatchObject({
      externalMessageId: mm,
      from: { identifier: "+14155550123" },
      to: "+15005550006",
      sentAt: Date.UTC(2026, 10, 28, 10, 0, 0),
      attachments: [
        {
          url: `${server.url}/2010-04-01/Accounts/${AC}/Messages/${mm}/Media/ME${"2".repeat(32)}`,
          contentType: "image/jpeg",
        },
      ],
    });
    const listCall = new URL(server.requests[0]!.path, server.url);
    expect(listCall.searchParams.get("DateSent>")).toBe("2026-11-28T09:00:00Z");
    expect(listCall.searchParams.get("PageSize")).toBe("2");
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${btoa(`${AC}:token`)}`);

    const second = await list(ctx, { sinceMs: since, pageSize: 2, cursor: first.nextCursor });
    expect(second.ok && second.messages.map((m) => m.externalMessageId)).toEqual([`SM${"3".repeat(32)}`]);
    expect(second.ok && second.nextCursor).toBeUndefined();
  });

  test("refuses a cursor that is not a page of this account's messages; 5xx is retryable", async () => {
    server = await startServer(() => ({ status: 503, body: { code: 20503, message: "Service unavailable" } }));
    const list = getDescriptor("twilio").inboundList!;
    const ctx = ctxFor({ accountSid: AC, authToken: "token" }, { apiBaseUrl: server.url });
    expect(await list(ctx, { sinceMs: 0, pageSize: 50, cursor: "https://evil.example/steal" })).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(server.requests).toHaveLength(0);
    expect(await list(ctx, { sinceMs: 0, pageSize: 50 })).toEqual({
      ok: false,
      retryable: true,
      error: "Service unavailable",
    });
  });
});

describe("Resend received-email list", () => {
  const email = (id: string, createdAt: string) => ({
    id,
    to: ["support@acme.test"],
    from: "Ann Lee <ann@customer.test>",
    created_at: createdAt,
    subject: `subject ${id}`,
    cc: [],
    bcc: [],
    reply_to: [],
    message_id: `<${id}@mail.customer.test>`,
    attachments: [{ id: `att-${id}`, filename: "a.pdf", content_type: "application/pdf" }],
  });

  test("pages with `after` and stops at the first email older than sinceMs; bodies stay pending", async () => {
    server = await startServer((req) => {
      const after = new URL(req.path, "http://x").searchParams.get("after");
      if (!after)
        return {
          status: 200,
          body: {
            object: "list",
            has_more: true,
            data: [email("e3", "2026-11-28T10:03:00.000Z"), email("e2", "2026-11-28T10:02:00.000Z")],
          },
        };
      return {
        status: 200,
        body: {
          object: "list",
          has_more: true,
          data: [email("e1", "2026-11-28T10:01:00.000Z"), email("e0", "2026-11-28T08:00:00.000Z")],
        },
      };
    });
    const list = getDescriptor("resend").inboundList!;
    const ctx = ctxFor({ apiKey: "re_key" }, { apiBaseUrl: server.url });
    const since = Date.UTC(2026, 10, 28, 9, 0, 0);
    const first = await list(ctx, { sinceMs: since, pageSize: 2 });
    expect(first).toMatchObject({ ok: true, nextCursor: "e2" });
    if (!first.ok) return;
    expect(first.messages[0]).toEqual({
      kind: "message",
      channel: "email",
      provider: "resend",
      externalMessageId: "e3",
      from: { identifier: "ann@customer.test", displayName: "Ann Lee" },
      to: "support@acme.test",
      text: "",
      subject: "subject e3",
      attachments: [{ mediaId: "att-e3", contentType: "application/pdf", filename: "a.pdf" }],
      sentAt: Date.UTC(2026, 10, 28, 10, 3, 0),
      emailMessageId: "<e3@mail.customer.test>",
      contentType: "email",
      contentPending: true,
    });
    expect(server.requests[0]!.path).toBe("/emails/receiving?limit=2");
    expect(server.requests[0]!.headers.authorization).toBe("Bearer re_key");
    const second = await list(ctx, { sinceMs: since, pageSize: 2, cursor: first.nextCursor });
    // e0 is older than sinceMs: listing stops there, with no further page.
    expect(second).toMatchObject({ ok: true, messages: [{ externalMessageId: "e1" }] });
    expect(second.ok && second.nextCursor).toBeUndefined();
  });

  test("providers without a received-message list have no lister", () => {
    expect(getDescriptor("meta").inboundList).toBeUndefined();
    expect(getDescriptor("vonage").inboundList).toBeUndefined();
  });
});
