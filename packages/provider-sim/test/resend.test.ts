import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook } from "svix";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startProviderSim } from "../src/index";
import {
  getJson,
  type Harness,
  type ReceivedHook,
  startHarness,
  startReceiver,
  testAccounts,
  waitFor,
} from "./helpers";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function svixVerify(hook: ReceivedHook, secret: string): any {
  expect(hook.headers["svix-id"]).toMatch(/^msg_[0-9A-Za-z]{27}$/);
  expect(hook.headers["svix-timestamp"]).toMatch(/^\d{10}$/);
  expect(hook.headers["svix-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  return new Webhook(secret).verify(hook.body, {
    "svix-id": hook.headers["svix-id"]!,
    "svix-timestamp": hook.headers["svix-timestamp"]!,
    "svix-signature": hook.headers["svix-signature"]!,
  });
}

async function send(body: unknown, opts: { key?: string; idem?: string } = {}) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${opts.key ?? h.acc.resend.apiKey}`,
    "content-type": "application/json",
  };
  if (opts.idem) headers["idempotency-key"] = opts.idem;
  return fetch(`${h.sim.url}/emails`, { method: "POST", headers, body: JSON.stringify(body) });
}

const email = {
  from: "Acme Support <support@acme.test>",
  to: ["customer@example.com"],
  subject: "Your ticket",
  text: "Hello",
  html: "<p>Hello</p>",
  headers: { "X-Switchboard-Message": "m_1" },
};

describe("resend fake API", () => {
  it("sends an email: 200 {id} with rate limit headers", async () => {
    const res = await send(email);
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-remaining")).not.toBeNull();
    const json = await getJson(res);
    expect(Object.keys(json)).toEqual(["id"]);
    expect(json.id).toMatch(UUID);
  });

  it("rejects missing and invalid API keys", async () => {
    const missing = await fetch(`${h.sim.url}/emails`, { method: "POST", body: JSON.stringify(email) });
    expect(missing.status).toBe(401);
    expect(await getJson(missing)).toMatchObject({ statusCode: 401, name: "missing_api_key" });
    const invalid = await send(email, { key: "re_wrong" });
    expect(invalid.status).toBe(403);
    expect(await getJson(invalid)).toMatchObject({
      statusCode: 403,
      name: "invalid_api_key",
      message: "API key is invalid",
    });
  });

  it("validates fields and the sending domain", async () => {
    const noTo = await send({ ...email, to: undefined });
    expect(noTo.status).toBe(422);
    expect((await getJson(noTo)).name).toBe("missing_required_field");
    const wrongDomain = await send({ ...email, from: "me@gmail.com" });
    expect(wrongDomain.status).toBe(403);
    expect((await getJson(wrongDomain)).message).toContain("gmail.com domain is not verified");
  });

  it("honours Idempotency-Key", async () => {
    const a = await getJson(await send(email, { idem: "msg_abc" }));
    const b = await getJson(await send(email, { idem: "msg_abc" }));
    expect(b.id).toBe(a.id);
    expect(h.sim.messages("resend")).toHaveLength(1);
    const conflict = await send({ ...email, subject: "other" }, { idem: "msg_abc" });
    expect(conflict.status).toBe(409);
    expect((await getJson(conflict)).name).toBe("invalid_idempotent_request");
    const c = await getJson(await send(email, { idem: "msg_def" }));
    expect(c.id).not.toBe(a.id);
  });

  it("auto-delivers email.sent -> email.delivered -> email.opened with Svix signatures", async () => {
    const { id } = await getJson(await send(email));
    const hooks = await waitFor(() => (h.rx.hooks.length >= 3 ? h.rx.hooks : null), "three resend events");
    expect(hooks.map((x) => JSON.parse(x.body).type)).toEqual(["email.sent", "email.delivered", "email.opened"]);
    for (const hook of hooks) {
      expect(hook.path).toBe("/webhooks/email");
      const ev = svixVerify(hook, h.acc.resend.webhookSecret);
      expect(ev.data).toMatchObject({ email_id: id, from: email.from, to: email.to, subject: email.subject });
      expect(new Date(ev.created_at).toString()).not.toBe("Invalid Date");
      // Same scheme as Standard Webhooks.
      new StandardWebhook(h.acc.resend.webhookSecret).verify(hook.body, {
        "webhook-id": hook.headers["svix-id"]!,
        "webhook-timestamp": hook.headers["svix-timestamp"]!,
        "webhook-signature": hook.headers["svix-signature"]!,
      });
    }
    expect(() => svixVerify(hooks[0]!, `whsec_${Buffer.from("another-secret-entirely").toString("base64")}`)).toThrow();
    await h.sim.idle();
    const got = await getJson(
      await fetch(`${h.sim.url}/emails/${id}`, { headers: { authorization: `Bearer ${h.acc.resend.apiKey}` } }),
    );
    expect(got).toMatchObject({
      object: "email",
      id,
      last_event: "opened",
      subject: "Your ticket",
      to: ["customer@example.com"],
    });
  });

  it("bounces bounced@resend.dev and failing recipients", async () => {
    await send({ ...email, to: "bounced@resend.dev" });
    const hooks = await waitFor(() => (h.rx.hooks.length >= 2 ? h.rx.hooks : null), "bounce");
    const ev = svixVerify(hooks[1]!, h.acc.resend.webhookSecret);
    expect(ev.type).toBe("email.bounced");
    expect(ev.data.bounce).toMatchObject({ type: "Permanent", message: expect.any(String) });
  });

  it("posts a Svix-signed email.received (inline content) and serves GET /emails/receiving/{id}", async () => {
    const r = await h.sim.sendInbound("resend", {
      from: "customer@example.com",
      profileName: "Casey Customer",
      to: "help@acme.test",
      cc: ["boss@example.com"],
      subject: "Re: Your ticket",
      text: "Thanks!",
      html: "<p>Thanks!</p>",
      inReplyTo: "<orig@acme.test>",
      references: ["<orig@acme.test>"],
      media: [{ contentType: "application/pdf", filename: "invoice.pdf" }],
    });
    expect(r.status).toBe(200);
    expect(r.externalMessageId).toMatch(UUID);
    const ev = svixVerify(h.rx.hooks.at(-1)!, h.acc.resend.webhookSecret);
    expect(ev.type).toBe("email.received");
    expect(ev.data).toMatchObject({
      email_id: r.externalMessageId,
      from: "Casey Customer <customer@example.com>",
      to: ["help@acme.test"],
      cc: ["boss@example.com"],
      bcc: [],
      subject: "Re: Your ticket",
      message_id: expect.stringMatching(/^<[^@]+@example\.com>$/),
      attachments: [
        expect.objectContaining({
          filename: "invoice.pdf",
          content_type: "application/pdf",
          content_disposition: "attachment",
        }),
      ],
      text: "Thanks!",
      html: "<p>Thanks!</p>",
      in_reply_to: "<orig@acme.test>",
      headers: expect.objectContaining({ "in-reply-to": "<orig@acme.test>", references: "<orig@acme.test>" }),
    });
    const full = await getJson(
      await fetch(`${h.sim.url}/emails/receiving/${r.externalMessageId}`, {
        headers: { authorization: `Bearer ${h.acc.resend.apiKey}` },
      }),
    );
    expect(full).toMatchObject({ object: "email", id: r.externalMessageId, text: "Thanks!", html: "<p>Thanks!</p>" });
    // The email lists attachment metadata; the attachments endpoint adds the download URL.
    expect(full.attachments[0]).not.toHaveProperty("download_url");
    const atts = await getJson(
      await fetch(`${h.sim.url}/emails/receiving/${r.externalMessageId}/attachments`, {
        headers: { authorization: `Bearer ${h.acc.resend.apiKey}` },
      }),
    );
    const dl = await fetch(atts.data[0].download_url);
    expect(dl.status).toBe(200);
  });

  it("can emit Resend's metadata-only email.received", async () => {
    const rx = await startReceiver();
    const acc = testAccounts();
    const sim = await startProviderSim({ webhookBaseUrl: rx.url, accounts: acc, resendInboundContent: "metadata" });
    try {
      const r = await sim.sendInbound("resend", { from: "a@example.com", subject: "s", text: "body" });
      const ev = svixVerify(rx.hooks.at(-1)!, acc.resend.webhookSecret);
      expect(ev.data.email_id).toBe(r.externalMessageId);
      expect(ev.data.to).toEqual(["support@acme.test"]);
      expect(ev.data).not.toHaveProperty("text");
      expect(ev.data).not.toHaveProperty("html");
    } finally {
      await sim.stop();
      await rx.close();
    }
  });

  it("lists domains (health)", async () => {
    const res = await fetch(`${h.sim.url}/domains`, { headers: { authorization: `Bearer ${h.acc.resend.apiKey}` } });
    expect(res.status).toBe(200);
    expect((await getJson(res)).data[0]).toMatchObject({ name: "acme.test", status: "verified" });
  });
});
