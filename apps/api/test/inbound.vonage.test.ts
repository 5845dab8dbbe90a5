/**
 * Vonage inbound through the whole pipeline (issue 15.2): Messages API MMS with media, the SMS
 * API's signed `sig` mode (POST form and GET query), unsigned callbacks answered 503 so Vonage
 * retries, and WhatsApp through Vonage only when the channel enables it.
 *
 * https://developer.vonage.com/en/api/messages#inbound-message
 * https://developer.vonage.com/en/messaging/sms/guides/inbound-sms
 * https://developer.vonage.com/en/getting-started/concepts/signing-messages
 * https://developer.vonage.com/en/getting-started/concepts/webhooks (retries only on 429/5xx)
 */
import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import { type Backend, countRows, newBackend, ORG_A, SECRETS, type SeededOrg, seedOrg } from "./harness";
import { type SignedRequest, vonageInbound } from "./signers";

let t: Backend;
let a: SeededOrg;
const OUR_NUMBER = ORG_A.vonagePhone.replace("+", "");

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

const post = (req: SignedRequest) => t.fetch(req.path, req.init);

async function messages() {
  return t.run(async (ctx) =>
    ctx.db
      .query("unifiedMessages")
      .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
      .collect(),
  );
}

async function setVonageSettings(settings: Record<string, string>) {
  await t.run(async (ctx) => ctx.db.patch(a.configs.vonage, { settings }));
}

/** SMS API parameters signed with HMAC-SHA256 of the sorted `&key=value` string (node:crypto, independent of the adapter). */
function smsApiSigned(extra: Record<string, string> = {}) {
  const params: Record<string, string> = {
    msisdn: "14155559876",
    to: OUR_NUMBER,
    messageId: "0A0000000123ABCD1",
    text: "Is the store open today?",
    type: "text",
    keyword: "IS",
    "api-key": "vonage-key",
    "message-timestamp": new Date().toISOString().slice(0, 19).replace("T", " "),
    timestamp: String(Math.floor(Date.now() / 1000)),
    nonce: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
    ...extra,
  };
  const joined = Object.keys(params)
    .sort()
    .map((k) => `&${k}=${params[k]!.replace(/[&=]/g, "_")}`)
    .join("");
  return { ...params, sig: createHmac("sha256", SECRETS.vonageSignatureSecret).update(joined).digest("hex") };
}

describe("Vonage inbound", () => {
  test("an MMS with an image and a vCard stores one message per webhook, media as attachments", async () => {
    const image = await post(
      vonageInbound({
        channel: "mms",
        message_uuid: "aaaaaaaa-bbbb-4ccc-8ddd-000000000001",
        to: OUR_NUMBER,
        from: "14155559876",
        timestamp: new Date().toISOString(),
        message_type: "image",
        image: { url: "https://api-us.nexmo.com/v3/media/1111", caption: "The parcel arrived broken" },
      }),
    );
    expect(image.status).toBe(200);
    const vcard = await post(
      vonageInbound({
        channel: "mms",
        message_uuid: "aaaaaaaa-bbbb-4ccc-8ddd-000000000002",
        to: OUR_NUMBER,
        from: "14155559876",
        timestamp: new Date().toISOString(),
        message_type: "vcard",
        vcard: { url: "https://api-us.nexmo.com/v3/media/2222" },
      }),
    );
    expect(vcard.status).toBe(200);
    const stored = (await messages()).sort((x, y) => x.externalMessageId!.localeCompare(y.externalMessageId!));
    // The provider's media fields as parsed (the later copy into storage adds its own fields).
    const parsed = (a: (typeof stored)[number]["attachments"][number]) => ({
      url: a.url,
      ...(a.caption ? { caption: a.caption } : {}),
      ...(a.contentType ? { contentType: a.contentType } : {}),
    });
    expect(stored.map((m) => [m.channel, m.text, m.attachments.map(parsed)])).toEqual([
      [
        "sms",
        "The parcel arrived broken",
        [{ url: "https://api-us.nexmo.com/v3/media/1111", caption: "The parcel arrived broken" }],
      ],
      ["sms", "", [{ url: "https://api-us.nexmo.com/v3/media/2222", contentType: "text/vcard" }]],
    ]);
    expect(await countRows(t, a.organizationId)).toMatchObject({ messages: 2, contacts: 1, threads: 1 });
  });

  test("SMS API callbacks signed with sig (the channel's signature method) are stored, by POST form or GET", async () => {
    await setVonageSettings({ signatureMethod: "sha256" });
    const form = await post({
      path: "/webhooks/sms/vonage",
      init: {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(smsApiSigned()).toString(),
      },
    });
    expect(form.status).toBe(200);
    const query = new URLSearchParams(smsApiSigned({ messageId: "0A0000000123ABCD2", text: "second" })).toString();
    const get = await t.fetch(`/webhooks/sms/vonage?${query}`, { method: "GET" });
    expect(get.status).toBe(200);
    expect((await messages()).map((m) => m.text).sort()).toEqual(["Is the store open today?", "second"]);

    // Signed with the method the channel does not use: refused, nothing stored.
    await setVonageSettings({ signatureMethod: "sha512" });
    const wrong = await post({
      path: "/webhooks/sms/vonage",
      init: {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(smsApiSigned({ messageId: "0A0000000123ABCD3" })).toString(),
      },
    });
    expect(wrong.status).toBe(403);
    expect((await messages()).length).toBe(2);
  });

  test("an unsigned callback gets a 503 (Vonage retries only on 429/5xx) and nothing is stored", async () => {
    const body = JSON.stringify({
      channel: "sms",
      message_uuid: "aaaaaaaa-bbbb-4ccc-8ddd-000000000009",
      to: OUR_NUMBER,
      from: "14155559876",
      timestamp: new Date().toISOString(),
      message_type: "text",
      text: "unsigned",
    });
    const res = await t.fetch("/webhooks/sms/vonage", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(503);
    expect(await countRows(t, a.organizationId)).toMatchObject({ messages: 0, rawEvents: 0, contacts: 0 });
  });

  test("WhatsApp through Vonage is logged unless the channel enables it, then stored as WhatsApp", async () => {
    const whatsapp = (id: string) =>
      vonageInbound({
        channel: "whatsapp",
        message_uuid: id,
        to: OUR_NUMBER,
        from: "14155559876",
        timestamp: new Date().toISOString(),
        message_type: "text",
        text: "hola",
        profile: { name: "Dana" },
      });
    const off = await post(whatsapp("aaaaaaaa-bbbb-4ccc-8ddd-00000000000a"));
    expect(off.status).toBe(200);
    expect(await messages()).toEqual([]);
    const logged = await t.run(async (ctx) => ctx.db.query("unroutableEvents").collect());
    expect(logged.map((l) => [l.endpoint, l.reason, l.externalIds])).toEqual([
      [ORG_A.vonagePhone, "channel_not_enabled", ["aaaaaaaa-bbbb-4ccc-8ddd-00000000000a"]],
    ]);

    await setVonageSettings({ inboundChannels: "whatsapp" });
    const on = await post(whatsapp("aaaaaaaa-bbbb-4ccc-8ddd-00000000000b"));
    expect(on.status).toBe(200);
    expect((await messages()).map((m) => [m.channel, m.text, m.senderName])).toEqual([["whatsapp", "hola", "Dana"]]);
  });
});
