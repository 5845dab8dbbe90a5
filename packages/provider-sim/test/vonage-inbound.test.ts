/**
 * Vonage inbound webhooks, verified with the official SDK helpers.
 * Messages API inbound message: https://developer.vonage.com/en/api/messages#inbound-message
 * Signed webhooks (JWT, payload_hash): https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks
 * SMS API `sig`: https://developer.vonage.com/en/getting-started/concepts/signing-messages
 * SMS API inbound: https://developer.vonage.com/en/messaging/sms/guides/inbound-sms
 */
import { createHash } from "node:crypto";
import { verifySignature as verifyJwt } from "@vonage/jwt";
import { SMS } from "@vonage/sms";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { VonageAccount, VonageSigMethod } from "../src/index";
import { basic, type Harness, type ReceivedHook, startHarness, waitFor } from "./helpers";

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
  h.sim.configure("vonage", h.acc.vonage);
  h.sim.setWebhookRetry("vonage", "none");
  h.rx.hooks.length = 0;
  h.rx.respond((_hook, res) => {
    res.writeHead(200);
    res.end();
  });
});

const inboundHooks = () =>
  h.rx.hooks.filter((x) => x.path.startsWith("/webhooks/sms/vonage") && !x.path.includes("/status"));

function jwtOf(hook: ReceivedHook): Record<string, unknown> {
  const token = (hook.headers.authorization ?? "").replace(/^Bearer /, "");
  expect(verifyJwt(token, h.acc.vonage.signatureSecret)).toBe(true);
  const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
  expect(claims.payload_hash).toBe(createHash("sha256").update(hook.body).digest("hex"));
  return claims;
}

// The SDK's verifySignature only needs credentials to construct the client.
const smsSdk = () => new SMS({ apiKey: h.acc.vonage.apiKey, apiSecret: h.acc.vonage.apiSecret });
const SDK_ALGORITHM: Record<VonageSigMethod, string> = {
  md5hash: "MD5HASH",
  md5: "MD5HMAC",
  sha1: "SHA1HMAC",
  sha256: "SHA256HMAC",
  sha512: "SHA512HMAC",
};

describe("Vonage Messages API inbound shapes", () => {
  it("MMS with image, video, audio, file and vcard: one signed webhook per item, media downloadable", async () => {
    const r = await h.sim.sendInbound("vonage", {
      from: "447700900555",
      text: "see attached",
      media: [
        { contentType: "image/jpeg" },
        { contentType: "video/mp4" },
        { contentType: "audio/mpeg" },
        { contentType: "application/pdf", filename: "invoice.pdf" },
        { contentType: "text/vcard" },
      ],
    });
    expect(r.externalMessageIds).toHaveLength(5);
    const hooks = inboundHooks();
    expect(hooks).toHaveLength(5);
    const bodies = hooks.map((x) => JSON.parse(x.body));
    expect(bodies.map((b) => b.message_type)).toEqual(["image", "video", "audio", "file", "vcard"]);
    for (const [i, b] of bodies.entries()) {
      expect(b).toMatchObject({
        channel: "mms",
        from: "447700900555",
        to: "447700900123",
        message_uuid: r.externalMessageIds[i],
      });
      const content = b[b.message_type];
      expect(content.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_sim\/media\//);
      const dl = await fetch(content.url);
      expect(dl.status).toBe(200);
      expect((await dl.arrayBuffer()).byteLength).toBeGreaterThan(0);
      jwtOf(hooks[i]!);
    }
    expect(bodies[0].image.caption).toBe("see attached");
    expect(bodies[3].file).toMatchObject({ name: "invoice.pdf" });
    expect(bodies[4].vcard).toEqual({ url: bodies[4].vcard.url });
    expect(h.sim.inbound("vonage")).toHaveLength(5);
  });

  it("whatsapp, viber_service and messenger channel values", async () => {
    await h.sim.sendInbound("vonage", {
      from: "447700900555",
      text: "hi wa",
      channel: "whatsapp",
      profileName: "Jane",
    });
    await h.sim.sendInbound("vonage", { from: "447700900555", text: "hi viber", channel: "viber_service" });
    await h.sim.sendInbound("vonage", {
      from: "4106934512345678",
      to: "1074283582622",
      text: "hi fb",
      channel: "messenger",
    });
    await h.sim.sendInbound("vonage", {
      from: "447700900555",
      channel: "whatsapp",
      media: [{ contentType: "image/png", caption: "pic" }],
    });
    const bodies = inboundHooks().map((x) => JSON.parse(x.body));
    expect(bodies[0]).toMatchObject({
      channel: "whatsapp",
      message_type: "text",
      text: "hi wa",
      profile: { name: "Jane" },
    });
    expect(bodies[1]).toMatchObject({ channel: "viber_service", message_type: "text", text: "hi viber" });
    expect(bodies[2]).toMatchObject({
      channel: "messenger",
      from: "4106934512345678",
      to: "1074283582622",
      text: "hi fb",
    });
    expect(bodies[3]).toMatchObject({ channel: "whatsapp", message_type: "image", image: { caption: "pic" } });
    for (const hook of inboundHooks()) jwtOf(hook);
  });
});

describe("Vonage SMS API sig mode", () => {
  const methods: VonageSigMethod[] = ["md5hash", "md5", "sha1", "sha256", "sha512"];
  for (const method of methods) {
    it(`inbound SMS signed with ${method} verifies with the official SDK`, async () => {
      const acc: VonageAccount = { ...h.acc.vonage, signatureMode: "sig", signatureMethod: method };
      h.sim.configure("vonage", acc);
      const r = await h.sim.sendInbound("vonage", { from: "447700900555", text: "Stop & go = fine" });
      const [hook] = inboundHooks();
      expect(hook!.headers.authorization).toBeUndefined();
      const params = JSON.parse(hook!.body) as Record<string, string>;
      expect(params).toMatchObject({
        msisdn: "447700900555",
        to: "447700900123",
        messageId: r.externalMessageId,
        text: "Stop & go = fine",
        type: "text",
        keyword: "STOP",
        "api-key": acc.apiKey,
      });
      expect(params["message-timestamp"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(params.timestamp).toMatch(/^\d{10}$/);
      expect(params.nonce).toBeTruthy();
      expect(smsSdk().verifySignature(params.sig!, params, acc.signatureSecret, SDK_ALGORITHM[method] as never)).toBe(
        true,
      );
      const tampered = { ...params, text: "changed" };
      expect(smsSdk().verifySignature(params.sig!, tampered, acc.signatureSecret, SDK_ALGORITHM[method] as never)).toBe(
        false,
      );
    });
  }

  it("GET and form POST delivery, and signed delivery receipts", async () => {
    h.sim.configure("vonage", {
      ...h.acc.vonage,
      signatureMode: "sig",
      signatureMethod: "sha256",
      smsApiHttpMethod: "GET",
    });
    await h.sim.sendInbound("vonage", { from: "447700900555", text: "via GET" });
    const get = inboundHooks()[0]!;
    expect(get.method).toBe("GET");
    const q = Object.fromEntries(new URL(get.url).searchParams);
    expect(q.text).toBe("via GET");
    expect(smsSdk().verifySignature(q.sig!, q, h.acc.vonage.signatureSecret, "SHA256HMAC" as never)).toBe(true);

    h.sim.configure("vonage", {
      ...h.acc.vonage,
      signatureMode: "sig",
      signatureMethod: "md5hash",
      smsApiHttpMethod: "POST",
    });
    const res = await fetch(`${h.sim.url}/v1/messages`, {
      method: "POST",
      headers: {
        authorization: basic(h.acc.vonage.apiKey, h.acc.vonage.apiSecret),
        "content-type": "application/json",
      },
      body: JSON.stringify({
        message_type: "text",
        channel: "sms",
        to: "447700900001",
        from: "Acme",
        text: "hi",
        client_ref: "r1",
      }),
    });
    const { message_uuid } = (await res.json()) as { message_uuid: string };
    const receipts = await waitFor(() => {
      const hs = h.rx.hooks.filter((x) => x.path.startsWith("/webhooks/sms/vonage/status"));
      return hs.length >= 2 ? hs : null;
    }, "delivery receipts");
    const dlr = Object.fromEntries(new URLSearchParams(receipts[1]!.body));
    expect(receipts[1]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(dlr).toMatchObject({
      messageId: message_uuid,
      status: "delivered",
      msisdn: "447700900001",
      to: "Acme",
      "err-code": "0",
      "client-ref": "r1",
    });
    expect(smsSdk().verifySignature(dlr.sig!, dlr, h.acc.vonage.signatureSecret, "MD5HASH" as never)).toBe(true);
  });
});

describe("Vonage unsigned callback after an internal error", () => {
  it("first POST unsigned; a backend answering 5xx gets a signed retry and the message once", async () => {
    h.sim.setWebhookRetry("vonage", { delaysMs: [20, 20] });
    h.sim.webhookFault("vonage", { mode: "unsigned" });
    h.rx.respond((hook, res) => {
      res.writeHead(hook.headers.authorization ? 200 : 503);
      res.end();
    });
    const r = await h.sim.sendInbound("vonage", { from: "447700900555", text: "after an internal error" });
    expect(r.status).toBe(503);
    await h.sim.idle();
    const hooks = inboundHooks();
    expect(hooks).toHaveLength(2);
    expect(hooks[0]!.headers.authorization).toBeUndefined();
    expect(hooks[0]!.body).toBe(hooks[1]!.body);
    jwtOf(hooks[1]!);
    expect(h.sim.deliveries("vonage").map((d) => [d.attempt, d.unsigned, d.status])).toEqual([
      [0, true, 503],
      [1, false, 200],
    ]);
    expect(h.sim.inbound("vonage")[0]).toMatchObject({ delivered: true, attempts: 2 });
  });

  it("in sig mode the unsigned POST has no sig parameter", async () => {
    h.sim.configure("vonage", { ...h.acc.vonage, signatureMode: "sig" });
    h.sim.webhookFault("vonage", { mode: "unsigned", count: 1 });
    await h.sim.sendInbound("vonage", { from: "447700900555", text: "x" });
    await h.sim.sendInbound("vonage", { from: "447700900555", text: "y" });
    const [a, b] = inboundHooks().map((x) => JSON.parse(x.body));
    expect(a.sig).toBeUndefined();
    expect(typeof b.sig).toBe("string");
  });
});

describe("Vonage sends on the other Messages API channels", () => {
  const post = (body: unknown) =>
    fetch(`${h.sim.url}/v1/messages`, {
      method: "POST",
      headers: {
        authorization: basic(h.acc.vonage.apiKey, h.acc.vonage.apiSecret),
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });

  it("accepts mms video/vcard and whatsapp/viber text, rejects types a channel lacks", async () => {
    const ok = [
      {
        channel: "mms",
        message_type: "video",
        video: { url: "https://example.com/v.mp4" },
        to: "447700900001",
        from: "447700900123",
      },
      {
        channel: "mms",
        message_type: "vcard",
        vcard: { url: "https://example.com/c.vcf" },
        to: "447700900001",
        from: "447700900123",
      },
      { channel: "whatsapp", message_type: "text", text: "hi", to: "447700900001", from: "447700900123" },
      { channel: "viber_service", message_type: "text", text: "hi", to: "447700900001", from: "Acme" },
    ];
    for (const body of ok) expect((await post(body)).status, JSON.stringify(body)).toBe(202);
    const bad = await post({
      channel: "sms",
      message_type: "image",
      image: { url: "https://example.com/a.png" },
      to: "447700900001",
      from: "Acme",
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { invalid_parameters: Array<{ name: string }> }).invalid_parameters[0]!.name).toBe(
      "message_type",
    );
    const noUrl = await post({ channel: "mms", message_type: "audio", audio: {}, to: "447700900001", from: "Acme" });
    expect(noUrl.status).toBe(422);
    expect(h.sim.messages("vonage")).toHaveLength(4);
  });
});
