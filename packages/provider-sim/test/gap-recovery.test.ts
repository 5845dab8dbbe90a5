/**
 * Inbound gap recovery: the sim keeps every inbound message it delivered or tried to deliver, and
 * the providers' list endpoints return them even when the webhook POST failed.
 * Twilio Messages list: https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources
 * Resend received emails: https://resend.com/docs/api-reference/emails/list-received-emails
 * Vonage retries only 429/5xx: https://developer.vonage.com/en/messages/concepts/webhooks
 */
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startProviderSim } from "../src/index";
import { getJson, type Harness, startHarness, startReceiver, testAccounts, waitFor } from "./helpers";
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
  h.sim.setWebhookRetry("twilio", "none");
  h.sim.setWebhookRetry("vonage", "none");
  h.rx.hooks.length = 0;
  h.rx.respond((_hook, res) => {
    res.writeHead(200);
    res.end("ok");
  });
});

const down = () =>
  h.rx.respond((_hook, res) => {
    res.writeHead(503);
    res.end("backend down");
  });

describe("no-retry delivery and list endpoints", () => {
  it("Twilio gives up after one failed POST; Messages list still returns every inbound message once", async () => {
    down();
    const since = new Date(Date.now() - 1000);
    const sids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.sim.sendInbound("twilio", {
        from: `+1415555010${i}`,
        text: `lost ${i}`,
        media: i === 4 ? [{ contentType: "image/png" }] : undefined,
      });
      expect(r.status).toBe(503);
      sids.push(r.externalMessageId);
    }
    await new Promise((r) => setTimeout(r, 200));
    await h.sim.idle();
    // One POST each, none retried.
    expect(h.sim.deliveries("twilio")).toHaveLength(5);
    expect(h.sim.inbound("twilio").map((r) => [r.attempts, r.delivered, r.lastStatus])).toEqual(
      Array.from({ length: 5 }, () => [1, false, 503]),
    );

    const client = twilioClient(h.sim.url, h.acc.twilio.accountSid, h.acc.twilio.authToken);
    const listed = await client.messages.list({ to: "+15005550006", dateSentAfter: since, pageSize: 2 });
    expect(listed.map((m) => m.sid).sort()).toEqual([...sids].sort());
    expect(new Set(listed.map((m) => m.sid)).size).toBe(5);
    const mms = listed.find((m) => m.sid === sids[4]);
    expect(mms).toMatchObject({ numMedia: "1", direction: "inbound", body: "lost 4" });
    const one = await client.messages(sids[0]!).fetch();
    expect(one).toMatchObject({ sid: sids[0], from: "+14155550100", status: "received" });
    // MMS media of a missed message: Media list, then the content at the media uri without ".json".
    const media = await client.messages(sids[4]!).media.list();
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({ contentType: "image/png", parentSid: sids[4] });
    expect(media[0]!.sid).toMatch(/^ME[0-9a-f]{32}$/);
    const bytes = await fetch(`${h.sim.url}${media[0]!.uri.replace(/\.json$/, "")}`);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get("content-type")).toBe("image/png");
    const webhookParams = Object.fromEntries(new URLSearchParams(h.rx.hooks.at(-1)!.body));
    expect(webhookParams.MediaUrl0).toBe(`${h.sim.url}${media[0]!.uri.replace(/\.json$/, "")}`);
  });

  it("records messages whose POST could not even connect", async () => {
    const rx = await startReceiver();
    const url = rx.url;
    await rx.close(); // nothing listens there any more
    const acc = testAccounts();
    const sim = await startProviderSim({ webhookBaseUrl: url, accounts: acc });
    try {
      const r = await sim.sendInbound("twilio", { from: "+14155550123", text: "into the void" });
      expect(r.status).toBe(0);
      expect(sim.deliveries("twilio")[0]!.error).toBeTruthy();
      expect(sim.inbound("twilio")).toMatchObject([
        { id: r.externalMessageId, attempts: 1, delivered: false, lastStatus: 0 },
      ]);
      const res = await fetch(
        `${sim.url}/2010-04-01/Accounts/${acc.twilio.accountSid}/Messages.json?To=%2B15005550006`,
        {
          headers: {
            authorization: `Basic ${Buffer.from(`${acc.twilio.accountSid}:${acc.twilio.authToken}`).toString("base64")}`,
          },
        },
      );
      const json = await getJson(res);
      expect(json.messages.map((m: { sid: string }) => m.sid)).toEqual([r.externalMessageId]);
      expect(json.next_page_uri).toBeNull();
    } finally {
      await sim.stop();
    }
  });

  it("Resend received emails stay listable and retrievable after failed webhooks", async () => {
    down();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.sim.sendInbound("resend", {
        from: `c${i}@example.com`,
        subject: `missed ${i}`,
        text: `text ${i}`,
      });
      expect(r.status).toBe(503);
      ids.push(r.externalMessageId);
    }
    const resend = resendClient(h.sim.url, h.acc.resend.apiKey);
    const list = await resend.emails.receiving.list({ limit: 100 });
    expect(list.data?.data.map((e) => e.id)).toEqual([...ids].reverse());
    const body = await resend.emails.receiving.get(ids[1]!);
    expect(body.data?.text).toBe("text 1");
  });
});

describe("retry policies", () => {
  it("retries a failing Twilio webhook with a valid signature until the backend is back", async () => {
    h.sim.setWebhookRetry("twilio", { delaysMs: [30, 30, 30, 30], giveUpAfterMs: 15_000 });
    let calls = 0;
    h.rx.respond((_hook, res) => {
      calls += 1;
      res.writeHead(calls <= 2 ? 502 : 200);
      res.end();
    });
    const r = await h.sim.sendInbound("twilio", { from: "+14155550123", text: "eventually" });
    expect(r.status).toBe(502);
    await waitFor(() => h.sim.inbound("twilio")[0]?.delivered, "delivery after retries");
    await h.sim.idle();
    expect(h.sim.inbound("twilio")[0]).toMatchObject({ attempts: 3, delivered: true, lastStatus: 200 });
    const hooks = h.rx.hooks.filter((x) => x.path === "/webhooks/sms/twilio");
    expect(hooks).toHaveLength(3);
    for (const hook of hooks) {
      const params = Object.fromEntries(new URLSearchParams(hook.body));
      expect(params.MessageSid).toBe(r.externalMessageId);
      expect(
        twilio.validateRequest(h.acc.twilio.authToken, hook.headers["x-twilio-signature"]!, hook.url, params),
      ).toBe(true);
    }
    expect(h.sim.deliveries("twilio").map((d) => d.attempt)).toEqual([0, 1, 2]);
  });

  it("gives up after giveUpAfterMs like Twilio's ~15 s window", async () => {
    // 20 retries 25 ms apart would take 500 ms; the policy gives up after 250 ms.
    h.sim.setWebhookRetry("twilio", { delaysMs: Array.from({ length: 20 }, () => 25), giveUpAfterMs: 250 });
    down();
    await h.sim.sendInbound("twilio", { from: "+14155550123", text: "gone" });
    await h.sim.idle();
    const rec = h.sim.inbound("twilio")[0]!;
    expect(rec.delivered).toBe(false);
    expect(rec.attempts).toBeGreaterThanOrEqual(2);
    expect(rec.attempts).toBeLessThan(21);
    const all = h.sim.deliveries("twilio");
    // No attempt starts later than giveUpAfterMs after the first one.
    expect(all.at(-1)!.time - all[0]!.time).toBeLessThanOrEqual(260);
  });

  it("Vonage retries 5xx and 429 but not 4xx", async () => {
    h.sim.setWebhookRetry("vonage", { delaysMs: [20, 20] });
    h.rx.respond((_hook, res) => {
      res.writeHead(401);
      res.end();
    });
    await h.sim.sendInbound("vonage", { from: "447700900555", text: "not retried" });
    await h.sim.idle();
    expect(h.sim.inbound("vonage")[0]).toMatchObject({ attempts: 1, delivered: false, lastStatus: 401 });

    let n = 0;
    h.rx.respond((_hook, res) => {
      n += 1;
      res.writeHead(n === 1 ? 429 : n === 2 ? 500 : 200);
      res.end();
    });
    await h.sim.sendInbound("vonage", { from: "447700900555", text: "retried" });
    await h.sim.idle();
    expect(h.sim.inbound("vonage")[1]).toMatchObject({ attempts: 3, delivered: true, lastStatus: 200 });
  });
});
