/**
 * Twilio webhook variants through the whole pipeline (issue 15.10): JSON bodies signed over the
 * URL with `bodySHA256` (the official SDK's validateRequestWithBody is the oracle), the URL signed
 * with the default port, and Webhook Settings SharedKey signatures (HMAC-SHA256).
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 * https://www.twilio.com/docs/usage/webhooks/webhook-settings
 */
import { createHash, createHmac } from "node:crypto";
import twilio from "twilio";
import { beforeEach, describe, expect, test } from "vitest";
import { decryptCredentials } from "../convex/channels/runtime";
import { credentialAad, encryptString } from "../convex/lib/crypto";
import { type Backend, countRows, newBackend, ORG_A, SECRETS, type SeededOrg, SITE, seedOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
const PATH = "/webhooks/sms/twilio";
const SHARED_KEY = "twilio-shared-key-secret-0123456789";

const fields = (sid: string) => ({
  AccountSid: "AC00000000000000000000000000000001",
  ApiVersion: "2010-04-01",
  Body: `message ${sid}`,
  From: "+14155559876",
  MessageSid: sid,
  NumMedia: "0",
  SmsStatus: "received",
  To: ORG_A.phone,
});

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

const texts = async () =>
  t.run(async (ctx) =>
    (
      await ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .collect()
    )
      .map((m) => m.text)
      .sort(),
  );

describe("Twilio webhook variants", () => {
  test("a JSON-bodied webhook with bodySHA256 is verified (body hash + URL signature) and stored", async () => {
    const body = JSON.stringify(fields("SM00000000000000000000000000000001"));
    const query = `?bodySHA256=${createHash("sha256").update(body).digest("hex")}`;
    const signature = twilio.getExpectedTwilioSignature(SECRETS.twilioAuthToken, SITE + PATH + query, {});
    expect(twilio.validateRequestWithBody(SECRETS.twilioAuthToken, signature, SITE + PATH + query, body)).toBe(true);
    const headers = { "content-type": "application/json", "x-twilio-signature": signature };
    const res = await t.fetch(PATH + query, { method: "POST", headers, body });
    expect(res.status).toBe(200);
    expect(await texts()).toEqual(["message SM00000000000000000000000000000001"]);

    // The same signature and URL with another body: the hash no longer matches.
    const forged = body.replace("message", "refund");
    const refused = await t.fetch(PATH + query, { method: "POST", headers, body: forged });
    expect(refused.status).toBe(403);
    expect((await countRows(t, a.organizationId)).messages).toBe(1);
  });

  test("a signature over the URL with the default port is accepted, as the twilio SDK accepts it", async () => {
    const params = fields("SM00000000000000000000000000000002");
    const withPort = SITE.replace("https://some.convex.site", "https://some.convex.site:443") + PATH;
    const signature = twilio.getExpectedTwilioSignature(SECRETS.twilioAuthToken, withPort, params);
    expect(twilio.validateRequest(SECRETS.twilioAuthToken, signature, SITE + PATH, params)).toBe(true);
    const res = await t.fetch(PATH, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    expect(await texts()).toEqual(["message SM00000000000000000000000000000002"]);
  });

  test("a Webhook Settings SharedKey (HMAC_SHA256) signature verifies with the channel's SharedKey", async () => {
    const params = fields("SM00000000000000000000000000000003");
    const payload = Object.keys(params)
      .sort()
      .reduce((acc, k) => acc + k + params[k as keyof typeof params], SITE + PATH);
    const signature = createHmac("sha256", SHARED_KEY).update(payload).digest("base64");
    const send = () =>
      t.fetch(PATH, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signature,
          "x-twilio-webhooks-signature-settings": "key=KY00000000000000000000000000000001,algorithm=HMAC_SHA256",
        },
        body: new URLSearchParams(params).toString(),
      });
    // The channel has no SharedKey yet: nothing to check against.
    expect((await send()).status).toBe(401);
    expect(await texts()).toEqual([]);

    await t.run(async (ctx) => {
      const config = (await ctx.db.get(a.configs.twilio))!;
      const plain = await decryptCredentials(a.organizationId, config.credentials);
      expect(plain.webhookSharedKeySecret).toBeUndefined();
      await ctx.db.patch(a.configs.twilio, {
        credentials: {
          ...config.credentials,
          webhookSharedKeySecret: await encryptString(
            SHARED_KEY,
            credentialAad(a.organizationId, "webhookSharedKeySecret"),
          ),
        },
      });
    });
    expect((await send()).status).toBe(200);
    expect(await texts()).toEqual(["message SM00000000000000000000000000000003"]);
  });
});
