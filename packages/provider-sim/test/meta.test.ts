import { createHmac, timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getJson, type Harness, type ReceivedHook, startHarness, waitFor } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // Answer Meta's subscription handshake like the real route would.
  h.rx.respond((hook, res) => {
    const u = new URL(hook.url);
    if (hook.method === "GET") {
      const ok =
        u.searchParams.get("hub.mode") === "subscribe" &&
        u.searchParams.get("hub.verify_token") === h.acc.meta.verifyToken;
      res.writeHead(ok ? 200 : 403, { "content-type": "text/plain" });
      res.end(ok ? u.searchParams.get("hub.challenge") : "forbidden");
      return;
    }
    res.writeHead(200);
    res.end("EVENT_RECEIVED");
  });
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.sim.idle();
  h.sim.reset();
  h.rx.hooks.length = 0;
});

/** Independent recomputation of X-Hub-Signature-256. */
function verifyMeta(hook: ReceivedHook, appSecret: string): boolean {
  const header = hook.headers["x-hub-signature-256"] ?? "";
  const expected = Buffer.from(
    `sha256=${createHmac("sha256", appSecret).update(Buffer.from(hook.body, "utf-8")).digest("hex")}`,
  );
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const graph = (path: string) => `${h.sim.url}/v21.0/${path}`;

async function send(body: unknown, token = h.acc.meta.accessToken) {
  return fetch(graph(`${h.acc.meta.phoneNumberId}/messages`), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const text = (to: string, body: string) => ({
  messaging_product: "whatsapp",
  recipient_type: "individual",
  to,
  type: "text",
  text: { body },
});

function statusesOf(hook: ReceivedHook) {
  return JSON.parse(hook.body).entry[0].changes[0].value.statuses as Array<Record<string, any>>;
}

describe("meta fake Graph API (WhatsApp Cloud)", () => {
  it("rejects free-form text outside the 24h window with Graph error 131047", async () => {
    const res = await send(text("+15557654321", "hello"));
    expect(res.status).toBe(400);
    const json = await getJson(res);
    expect(json.error).toMatchObject({
      message: "(#131047) Re-engagement message",
      type: "OAuthException",
      code: 131047,
      error_data: { messaging_product: "whatsapp", details: expect.stringContaining("24 hours") },
    });
    expect(typeof json.error.fbtrace_id).toBe("string");
  });

  it("opens the window on inbound, then sends and auto-delivers sent -> delivered -> read (signed)", async () => {
    await h.sim.sendInbound("meta", { from: "+15557654321", text: "hi", profileName: "Ana" });
    h.rx.hooks.length = 0;
    const res = await send(text("+15557654321", "hello back"));
    expect(res.status).toBe(200);
    const json = await getJson(res);
    expect(json).toEqual({
      messaging_product: "whatsapp",
      contacts: [{ input: "+15557654321", wa_id: "15557654321" }],
      messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]+$/) }],
    });
    const id = json.messages[0].id;
    const hooks = await waitFor(() => (h.rx.hooks.length >= 3 ? h.rx.hooks : null), "three meta statuses");
    expect(hooks.map((x) => statusesOf(x)[0]!.status)).toEqual(["sent", "delivered", "read"]);
    for (const hook of hooks) {
      expect(hook.path).toBe("/webhooks/whatsapp");
      expect(verifyMeta(hook, h.acc.meta.appSecret)).toBe(true);
      expect(verifyMeta(hook, "wrong")).toBe(false);
      const env = JSON.parse(hook.body);
      expect(env.object).toBe("whatsapp_business_account");
      const change = env.entry[0].changes[0];
      expect(change.field).toBe("messages");
      expect(change.value.metadata).toEqual({
        display_phone_number: "15551230000",
        phone_number_id: h.acc.meta.phoneNumberId,
      });
      expect(statusesOf(hook)[0]).toMatchObject({
        id,
        recipient_id: "15557654321",
        timestamp: expect.stringMatching(/^\d{10}$/),
      });
    }
  });

  it("always allows templates and reports message_status accepted", async () => {
    const res = await send({
      messaging_product: "whatsapp",
      to: "15550001234",
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" } },
    });
    expect(res.status).toBe(200);
    expect((await getJson(res)).messages[0]).toMatchObject({ message_status: "accepted" });
  });

  it("closes the window 24h after the last inbound", async () => {
    await h.sim.sendInbound("meta", { from: "15550009999", text: "old", timestamp: Date.now() - 25 * 3600 * 1000 });
    const res = await send(text("15550009999", "too late"));
    expect(res.status).toBe(400);
    expect((await getJson(res)).error.code).toBe(131047);
  });

  it("can surface the window violation asynchronously like the real Cloud API", async () => {
    const acc = { ...h.acc.meta, phoneNumberId: "200000000000001", windowErrorMode: "async" as const };
    h.sim.configure("meta", acc);
    try {
      const res = await fetch(graph(`${acc.phoneNumberId}/messages`), {
        method: "POST",
        headers: { authorization: `Bearer ${acc.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify(text("15550008888", "hi")),
      });
      expect(res.status).toBe(200);
      const hook = await waitFor(() => h.rx.hooks.find((x) => x.method === "POST"), "failed status");
      const s = statusesOf(hook)[0]!;
      expect(s.status).toBe("failed");
      expect(s.errors[0]).toMatchObject({ code: 131047, title: "Re-engagement message" });
      expect(JSON.parse(hook.body).entry[0].changes[0].value.metadata.phone_number_id).toBe(acc.phoneNumberId);
    } finally {
      h.sim.configure("meta", h.acc.meta);
    }
  });

  it("rejects a bad token (190) and bad parameters (100)", async () => {
    const bad = await send(text("15550001234", "x"), "EAAwrong");
    expect(bad.status).toBe(401);
    expect((await getJson(bad)).error).toMatchObject({ code: 190, type: "OAuthException" });
    const missing = await send({ messaging_product: "whatsapp", to: "15550001234", type: "text", text: {} });
    expect(missing.status).toBe(400);
    expect((await getJson(missing)).error).toMatchObject({
      code: 100,
      message: "(#100) The parameter text['body'] is required.",
    });
  });

  it("posts a batch of inbound messages (text + image with id and caption) in one signed envelope", async () => {
    const r = await h.sim.sendInbound("meta", [
      { from: "+15551110001", profileName: "Ana", text: "first" },
      { from: "+15551110002", profileName: "Bob", media: [{ contentType: "image/jpeg", caption: "receipt" }] },
      { from: "+15551110001", text: "second" },
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toBe("EVENT_RECEIVED");
    expect(r.externalMessageIds).toHaveLength(3);
    expect(h.rx.hooks).toHaveLength(1);
    const hook = h.rx.hooks[0]!;
    expect(verifyMeta(hook, h.acc.meta.appSecret)).toBe(true);
    const value = JSON.parse(hook.body).entry[0].changes[0].value;
    expect(value.contacts).toEqual([
      { profile: { name: "Ana" }, wa_id: "15551110001" },
      { profile: { name: "Bob" }, wa_id: "15551110002" },
    ]);
    expect(value.messages.map((m: any) => m.type)).toEqual(["text", "image", "text"]);
    expect(value.messages[0]).toMatchObject({
      from: "15551110001",
      id: r.externalMessageIds[0],
      type: "text",
      text: { body: "first" },
    });
    const img = value.messages[1];
    expect(img.image).toMatchObject({
      caption: "receipt",
      mime_type: "image/jpeg",
      id: expect.stringMatching(/^\d+$/),
      sha256: expect.any(String),
    });

    // Media lookup and download like Graph: GET /{media-id} -> url, then GET url with the token.
    const meta = await getJson(
      await fetch(graph(img.image.id), { headers: { authorization: `Bearer ${h.acc.meta.accessToken}` } }),
    );
    expect(meta).toMatchObject({ messaging_product: "whatsapp", id: img.image.id, mime_type: "image/jpeg" });
    const dl = await fetch(meta.url, { headers: { authorization: `Bearer ${h.acc.meta.accessToken}` } });
    expect(dl.status).toBe(200);
    expect((await dl.arrayBuffer()).byteLength).toBe(meta.file_size);
  });

  it("serves the phone number (health) and the subscription handshake", async () => {
    const res = await fetch(graph(h.acc.meta.phoneNumberId), {
      headers: { authorization: `Bearer ${h.acc.meta.accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(await getJson(res)).toMatchObject({ id: h.acc.meta.phoneNumberId, quality_rating: "GREEN" });
    const picked = await fetch(
      graph(`${h.acc.meta.phoneNumberId}?fields=id,display_phone_number,quality_rating,status`),
      {
        headers: { authorization: `Bearer ${h.acc.meta.accessToken}` },
      },
    );
    expect(Object.keys(await getJson(picked)).sort()).toEqual([
      "display_phone_number",
      "id",
      "quality_rating",
      "status",
    ]);
    const me = await fetch(graph("me?fields=id"), { headers: { authorization: `Bearer ${h.acc.meta.accessToken}` } });
    expect(await getJson(me)).toEqual({ id: expect.stringMatching(/^\d+$/) });
    expect(await h.sim.verifyMetaWebhook()).toMatchObject({ ok: true, status: 200 });
    expect(await h.sim.verifyMetaWebhook({ verifyToken: "wrong" })).toMatchObject({ ok: false, status: 403 });
  });

  it("sendStatus posts failed with Graph-style errors", async () => {
    const r = await h.sim.sendStatus("meta", "wamid.TEST", "failed", { code: 131026 });
    expect(r.status).toBe(200);
    const s = statusesOf(h.rx.hooks.at(-1)!)[0]!;
    expect(s).toMatchObject({
      id: "wamid.TEST",
      status: "failed",
      errors: [{ code: 131026, title: "Message undeliverable" }],
    });
  });
});
