import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { basic, getJson, type Harness, startHarness, waitFor } from "./helpers";

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

const params = (body: string) => Object.fromEntries(new URLSearchParams(body));

async function send(
  form: Record<string, string | string[]>,
  auth = basic(h.acc.twilio.accountSid, h.acc.twilio.authToken),
) {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) usp.append(k, item);
  return fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages.json`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
    body: usp.toString(),
  });
}

describe("twilio fake API", () => {
  it("accepts a send with a Twilio-shaped 201 message resource", async () => {
    const res = await send({ To: "+14155550100", From: "+15005550006", Body: "Hello from Switchboard" });
    expect(res.status).toBe(201);
    const json = await getJson(res);
    expect(json.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(json).toMatchObject({
      account_sid: h.acc.twilio.accountSid,
      api_version: "2010-04-01",
      body: "Hello from Switchboard",
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: "+15005550006",
      to: "+14155550100",
      status: "queued",
      num_media: "0",
      num_segments: "1",
      price_unit: "USD",
      uri: `/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages/${json.sid}.json`,
    });
    expect(json.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  });

  it("uses an MM sid and counts media for MMS", async () => {
    const res = await send({
      To: "+14155550100",
      From: "+15005550006",
      Body: "pic",
      MediaUrl: ["https://example.com/a.png", "https://example.com/b.png"],
    });
    const json = await getJson(res);
    expect(res.status).toBe(201);
    expect(json.sid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(json.num_media).toBe("2");
  });

  it("rejects bad credentials with Twilio's 20003 error", async () => {
    const res = await send(
      { To: "+14155550100", From: "+15005550006", Body: "x" },
      basic(h.acc.twilio.accountSid, "wrong"),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Basic");
    expect(await getJson(res)).toEqual({
      code: 20003,
      message: "Authenticate",
      more_info: "https://www.twilio.com/docs/errors/20003",
      status: 401,
    });
    const noAuth = await fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages.json`, {
      method: "POST",
    });
    expect(noAuth.status).toBe(401);
  });

  it("returns 400 21211 for an invalid To and other validation codes", async () => {
    const bad = await send({ To: "12ab", From: "+15005550006", Body: "x" });
    expect(bad.status).toBe(400);
    expect(await getJson(bad)).toMatchObject({
      code: 21211,
      status: 400,
      more_info: "https://www.twilio.com/docs/errors/21211",
    });
    const magic = await send({ To: "+15005550001", From: "+15005550006", Body: "x" });
    expect((await getJson(magic)).code).toBe(21211);
    const notOwned = await send({ To: "+14155550100", From: "+19998887777", Body: "x" });
    expect((await getJson(notOwned)).code).toBe(21606);
    const noBody = await send({ To: "+14155550100", From: "+15005550006" });
    expect((await getJson(noBody)).code).toBe(21602);
    expect(h.sim.messages("twilio")).toHaveLength(0);
  });

  it("fetches a message and the account (health)", async () => {
    const sent = await getJson(await send({ To: "+14155550100", From: "+15005550006", Body: "x" }));
    const auth = { authorization: basic(h.acc.twilio.accountSid, h.acc.twilio.authToken) };
    const one = await fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages/${sent.sid}.json`, {
      headers: auth,
    });
    expect(one.status).toBe(200);
    expect((await getJson(one)).sid).toBe(sent.sid);
    const missing = await fetch(
      `${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages/SM${"0".repeat(32)}.json`,
      { headers: auth },
    );
    expect(missing.status).toBe(404);
    expect((await getJson(missing)).code).toBe(20404);
    const acct = await fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}.json`, { headers: auth });
    expect(acct.status).toBe(200);
    expect(await getJson(acct)).toMatchObject({ sid: h.acc.twilio.accountSid, status: "active" });
  });

  it("posts signed status callbacks sent -> delivered to StatusCallback, validated by twilio.validateRequest", async () => {
    const cb = `${h.rx.url}/webhooks/sms/twilio/status?channelConfig=abc123`;
    const sent = await getJson(await send({ To: "+14155550100", From: "+15005550006", Body: "x", StatusCallback: cb }));
    const hooks = await waitFor(() => {
      const hs = h.rx.hooks.filter((x) => x.path.startsWith("/webhooks/sms/twilio/status"));
      return hs.length >= 2 ? hs : null;
    }, "two twilio status callbacks");
    expect(hooks.map((x) => params(x.body).MessageStatus)).toEqual(["sent", "delivered"]);
    for (const hook of hooks) {
      expect(hook.url).toBe(cb);
      expect(hook.headers["content-type"]).toContain("application/x-www-form-urlencoded");
      const p = params(hook.body);
      expect(p).toMatchObject({
        MessageSid: sent.sid,
        SmsSid: sent.sid,
        AccountSid: h.acc.twilio.accountSid,
        From: "+15005550006",
        To: "+14155550100",
        ApiVersion: "2010-04-01",
      });
      expect(twilio.validateRequest(h.acc.twilio.authToken, hook.headers["x-twilio-signature"]!, hook.url, p)).toBe(
        true,
      );
      expect(twilio.validateRequest("not-the-token", hook.headers["x-twilio-signature"]!, hook.url, p)).toBe(false);
    }
    await h.sim.idle();
    const auth = { authorization: basic(h.acc.twilio.accountSid, h.acc.twilio.authToken) };
    const now = await getJson(
      await fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages/${sent.sid}.json`, {
        headers: auth,
      }),
    );
    expect(now.status).toBe("delivered");
    expect(now.date_sent).not.toBeNull();
  });

  it("posts no callbacks without a StatusCallback (like real Twilio)", async () => {
    const sent = await getJson(await send({ To: "+14155550100", From: "+15005550006", Body: "x" }));
    await h.sim.idle();
    expect(h.rx.hooks).toHaveLength(0);
    expect(h.sim.messages("twilio").find((m) => m.id === sent.sid)?.status).toBe("delivered");
  });

  it("uses the account-level statusCallbackUrl when the send has none", async () => {
    const acc = {
      ...h.acc.twilio,
      accountSid: `AC${"d".repeat(32)}`,
      statusCallbackUrl: `${h.rx.url}/webhooks/sms/twilio/status`,
    };
    h.sim.configure("twilio", acc);
    try {
      const res = await fetch(`${h.sim.url}/2010-04-01/Accounts/${acc.accountSid}/Messages.json`, {
        method: "POST",
        headers: {
          authorization: basic(acc.accountSid, acc.authToken),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          To: "+14155550100",
          MessagingServiceSid: `MG${"e".repeat(32)}`,
          Body: "x",
        }).toString(),
      });
      const json = await getJson(res);
      expect(json).toMatchObject({ status: "accepted", from: null, messaging_service_sid: `MG${"e".repeat(32)}` });
      const hooks = await waitFor(() => (h.rx.hooks.length >= 2 ? h.rx.hooks : null), "callbacks");
      for (const hook of hooks) {
        const p = params(hook.body);
        expect(p).toMatchObject({
          AccountSid: acc.accountSid,
          From: "+15005550006",
          MessagingServiceSid: `MG${"e".repeat(32)}`,
        });
        expect(twilio.validateRequest(acc.authToken, hook.headers["x-twilio-signature"]!, hook.url, p)).toBe(true);
      }
    } finally {
      h.sim.configure("twilio", h.acc.twilio);
    }
  });

  it("reports undelivered with ErrorCode for a failing recipient and via sendStatus", async () => {
    h.sim.failRecipient("twilio", "+14155550199", { code: 30005, message: "Unknown destination handset" });
    const cb = `${h.rx.url}/webhooks/sms/twilio/status`;
    const sent = await getJson(await send({ To: "+14155550199", From: "+15005550006", Body: "x", StatusCallback: cb }));
    const hooks = await waitFor(() => (h.rx.hooks.length >= 2 ? h.rx.hooks : null), "callbacks");
    const last = params(hooks[1]!.body);
    expect(last).toMatchObject({ MessageSid: sent.sid, MessageStatus: "undelivered", ErrorCode: "30005" });
    expect(
      twilio.validateRequest(h.acc.twilio.authToken, hooks[1]!.headers["x-twilio-signature"]!, hooks[1]!.url, last),
    ).toBe(true);

    const r = await h.sim.sendStatus("twilio", sent.sid, "failed", { code: 30008 });
    expect(r.status).toBe(200);
    const hook = h.rx.hooks.at(-1)!;
    expect(params(hook.body)).toMatchObject({ MessageStatus: "failed", ErrorCode: "30008" });
    expect(
      twilio.validateRequest(h.acc.twilio.authToken, hook.headers["x-twilio-signature"]!, hook.url, params(hook.body)),
    ).toBe(true);
  });

  it("sendStatus for an unknown sid falls back to the default status path", async () => {
    const r = await h.sim.sendStatus("twilio", `SM${"a".repeat(32)}`, "delivered");
    expect(r.status).toBe(200);
    const hook = h.rx.hooks.at(-1)!;
    expect(hook.path).toBe("/webhooks/sms/twilio/status");
    expect(
      twilio.validateRequest(h.acc.twilio.authToken, hook.headers["x-twilio-signature"]!, hook.url, params(hook.body)),
    ).toBe(true);
  });

  it("posts a signed inbound SMS with Twilio's field set", async () => {
    const r = await h.sim.sendInbound("twilio", { from: "+14155550123", text: "Hi there" });
    expect(r.status).toBe(200);
    expect(r.externalMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    const hook = h.rx.hooks.at(-1)!;
    expect(hook.path).toBe("/webhooks/sms/twilio");
    const p = params(hook.body);
    expect(p).toMatchObject({
      MessageSid: r.externalMessageId,
      SmsSid: r.externalMessageId,
      SmsMessageSid: r.externalMessageId,
      AccountSid: h.acc.twilio.accountSid,
      From: "+14155550123",
      To: "+15005550006",
      Body: "Hi there",
      NumMedia: "0",
      NumSegments: "1",
      SmsStatus: "received",
      ApiVersion: "2010-04-01",
    });
    expect(twilio.validateRequest(h.acc.twilio.authToken, hook.headers["x-twilio-signature"]!, hook.url, p)).toBe(true);
  });

  it("posts an inbound MMS whose media URL is served by the sim", async () => {
    const r = await h.sim.sendInbound("twilio", {
      from: "+14155550123",
      text: "look",
      media: [{ contentType: "image/png" }, { url: "https://example.com/x.jpg", contentType: "image/jpeg" }],
    });
    expect(r.externalMessageId).toMatch(/^MM[0-9a-f]{32}$/);
    const hook = h.rx.hooks.at(-1)!;
    const p = params(hook.body);
    expect(p.NumMedia).toBe("2");
    expect(p.MediaContentType0).toBe("image/png");
    expect(p.MediaUrl1).toBe("https://example.com/x.jpg");
    expect(p.MediaUrl0).toContain(
      `/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages/${r.externalMessageId}/Media/ME`,
    );
    expect(twilio.validateRequest(h.acc.twilio.authToken, hook.headers["x-twilio-signature"]!, hook.url, p)).toBe(true);
    const media = await fetch(p.MediaUrl0!);
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toBe("image/png");
    expect((await media.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it("returns the webhook's answer (TwiML) to the caller", async () => {
    h.rx.respond((_hook, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      res.end("<Response/>");
    });
    try {
      const r = await h.sim.sendInbound("twilio", { from: "+14155550123", text: "x" });
      expect(r).toMatchObject({ status: 200, body: "<Response/>" });
    } finally {
      h.rx.respond((_hook, res) => {
        res.writeHead(200);
        res.end("ok");
      });
    }
  });
});
