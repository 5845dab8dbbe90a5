/**
 * The official SDKs as clients of the simulator.
 * Twilio: https://www.twilio.com/docs/messaging/api/message-resource (create, fetch, read with paging).
 * Resend: https://resend.com/docs/api-reference/emails/send-email,
 *         https://resend.com/docs/api-reference/emails/list-received-emails,
 *         https://resend.com/docs/api-reference/emails/retrieve-received-email
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./helpers";
import { resendClient, twilioClient } from "./sdk-clients";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.sim.idle();
  h.sim.reset();
  h.rx.hooks.length = 0;
});

describe("twilio SDK against the sim", () => {
  it("messages.create, messages(sid).fetch and messages.list reach the sim", async () => {
    const client = twilioClient(h.sim.url, h.acc.twilio.accountSid, h.acc.twilio.authToken);
    const created = await client.messages.create({
      to: "+14155550100",
      from: "+15005550006",
      body: "Hello via the SDK",
    });
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(created.status).toBe("queued");
    expect(created.body).toBe("Hello via the SDK");
    expect(created.dateCreated).toBeInstanceOf(Date);

    // The request really went through the sim, with the SDK's Basic auth and form body.
    const rec = h.sim.requests("twilio").find((r) => r.method === "POST");
    expect(rec?.path).toBe(`/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages.json`);
    expect(rec?.headers["user-agent"]).toMatch(/^twilio-node\//);
    expect(rec?.body).toMatchObject({ To: "+14155550100", From: "+15005550006", Body: "Hello via the SDK" });

    await h.sim.idle();
    const fetched = await client.messages(created.sid).fetch();
    expect(fetched.sid).toBe(created.sid);
    expect(fetched.direction).toBe("outbound-api");

    await h.sim.sendInbound("twilio", { from: "+14155550123", text: "a reply" });
    const listed = await client.messages.list({ to: "+15005550006" });
    expect(listed.map((m) => m.body)).toEqual(["a reply"]);
    expect(listed[0]).toMatchObject({ direction: "inbound", status: "received", from: "+14155550123" });
  });

  it("messages.list pages through next_page_uri with DateSent bounds", async () => {
    const client = twilioClient(h.sim.url, h.acc.twilio.accountSid, h.acc.twilio.authToken);
    const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
    for (let i = 0; i < 7; i++) {
      await h.sim.sendInbound("twilio", { from: "+14155550123", text: `m${i}`, timestamp: t0 + i * 60_000 });
    }
    // Outside the window: must not be listed.
    await h.sim.sendInbound("twilio", { from: "+14155550123", text: "too old", timestamp: t0 - 3_600_000 });

    const listed = await client.messages.list({
      to: "+15005550006",
      dateSentAfter: new Date(t0),
      dateSentBefore: new Date(t0 + 6 * 60_000),
      pageSize: 3,
    });
    expect(listed.map((m) => m.body)).toEqual(["m6", "m5", "m4", "m3", "m2", "m1", "m0"]);
    const pages = h.sim.requests("twilio").filter((r) => r.method === "GET" && r.path.endsWith("/Messages.json"));
    expect(pages).toHaveLength(3);
    expect(pages[0]!.query).toMatchObject({ To: "+15005550006", PageSize: "3", "DateSent>": "2026-11-20T12:00:00Z" });
    expect(pages[1]!.query.PageToken).toMatch(/^PA(SM|MM)[0-9a-f]{32}$/);
  });

  it("incomingPhoneNumbers.list filters the account's numbers by PhoneNumber (ownership checks)", async () => {
    const client = twilioClient(h.sim.url, h.acc.twilio.accountSid, h.acc.twilio.authToken);
    const owned = h.acc.twilio.numbers[0]!;
    const found = await client.incomingPhoneNumbers.list({ phoneNumber: owned });
    expect(found.map((n) => n.phoneNumber)).toEqual([owned]);
    expect(found[0]!.accountSid).toBe(h.acc.twilio.accountSid);
    expect(await client.incomingPhoneNumbers.list({ phoneNumber: "+15005550999" })).toEqual([]);
  });

  it("surfaces the sim's Twilio errors as RestException", async () => {
    const client = twilioClient(h.sim.url, h.acc.twilio.accountSid, h.acc.twilio.authToken);
    await expect(client.messages.create({ to: "+15005550001", from: "+15005550006", body: "x" })).rejects.toMatchObject(
      {
        status: 400,
        code: 21211,
      },
    );
    const bad = twilioClient(h.sim.url, h.acc.twilio.accountSid, "wrong-token");
    await expect(bad.messages.list({ limit: 1 })).rejects.toMatchObject({ status: 401, code: 20003 });
    expect(h.sim.messages("twilio")).toHaveLength(0);
  });
});

describe("resend SDK against the sim", () => {
  it("emails.send and emails.get", async () => {
    const resend = resendClient(h.sim.url, h.acc.resend.apiKey);
    const { data, error } = await resend.emails.send({
      from: "Support <support@acme.test>",
      to: ["customer@example.com"],
      subject: "Your order",
      text: "It shipped.",
    });
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.sim.messages("resend")).toMatchObject([{ id: data!.id, subject: "Your order", text: "It shipped." }]);
    const got = await resend.emails.get(data!.id);
    expect(got.data).toMatchObject({ id: data!.id, subject: "Your order", from: "Support <support@acme.test>" });

    const denied = await resend.emails.send({ from: "x@other.test", to: "a@example.com", subject: "s", text: "t" });
    expect(denied.data).toBeNull();
    expect(denied.error).toMatchObject({ name: "validation_error", statusCode: 403 });
  });

  it("emails.receiving.list pages with limit/after and emails.receiving.get returns the body", async () => {
    const resend = resendClient(h.sim.url, h.acc.resend.apiKey);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.sim.sendInbound("resend", { from: `c${i}@example.com`, subject: `s${i}`, text: `body ${i}` });
      ids.push(r.externalMessageId);
    }
    const page1 = await resend.emails.receiving.list({ limit: 2 });
    expect(page1.error).toBeNull();
    expect(page1.data?.has_more).toBe(true);
    expect(page1.data?.data.map((e) => e.subject)).toEqual(["s4", "s3"]);
    expect(page1.data?.data[0]).not.toHaveProperty("text");
    const page2 = await resend.emails.receiving.list({ limit: 2, after: page1.data!.data[1]!.id });
    expect(page2.data?.data.map((e) => e.subject)).toEqual(["s2", "s1"]);
    const page3 = await resend.emails.receiving.list({ limit: 2, after: page2.data!.data[1]!.id });
    expect(page3.data?.data.map((e) => e.subject)).toEqual(["s0"]);
    expect(page3.data?.has_more).toBe(false);

    const one = await resend.emails.receiving.get(ids[2]!);
    expect(one.data).toMatchObject({ id: ids[2], subject: "s2", text: "body 2", from: "c2@example.com" });
    expect(one.data?.headers?.["message-id"]).toMatch(/^<.+@example\.com>$/);

    const withFile = await h.sim.sendInbound("resend", {
      from: "c9@example.com",
      subject: "invoice",
      text: "attached",
      media: [{ contentType: "application/pdf", filename: "invoice.pdf" }],
    });
    const email = await resend.emails.receiving.get(withFile.externalMessageId);
    expect(email.data?.attachments).toMatchObject([{ filename: "invoice.pdf", content_type: "application/pdf" }]);
    const atts = await resend.emails.receiving.attachments.list({ emailId: withFile.externalMessageId });
    expect(atts.error).toBeNull();
    const att = atts.data!.data[0]!;
    expect(att).toMatchObject({ filename: "invoice.pdf", content_type: "application/pdf" });
    expect(Date.parse(att.expires_at)).toBeGreaterThan(Date.now());
    const file = await fetch(att.download_url);
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBe(att.size);
    const single = await resend.emails.receiving.attachments.get({ emailId: withFile.externalMessageId, id: att.id });
    expect(single.data).toMatchObject({ id: att.id, filename: "invoice.pdf" });

    const other = resendClient(h.sim.url, "re_not_a_key");
    expect((await other.emails.receiving.list()).error).toMatchObject({ name: "invalid_api_key" });
  });
});
