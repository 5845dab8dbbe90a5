import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { basic, getJson, type Harness, pollUntil, startHarness, waitFor } from "./helpers";

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

const twilioSend = (signal?: AbortSignal) =>
  fetch(`${h.sim.url}/2010-04-01/Accounts/${h.acc.twilio.accountSid}/Messages.json`, {
    method: "POST",
    headers: {
      authorization: basic(h.acc.twilio.accountSid, h.acc.twilio.authToken),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ To: "+14155550100", From: "+15005550006", Body: "x" }).toString(),
    signal,
  });

const resendSend = () =>
  fetch(`${h.sim.url}/emails`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.acc.resend.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ from: "a@acme.test", to: "b@example.com", subject: "s", text: "t" }),
  });

const metaHealth = (signal?: AbortSignal) =>
  fetch(`${h.sim.url}/v21.0/${h.acc.meta.phoneNumberId}`, {
    headers: { authorization: `Bearer ${h.acc.meta.accessToken}` },
    signal,
  });

const vonageSend = () =>
  fetch(`${h.sim.url}/v1/messages`, {
    method: "POST",
    headers: { authorization: basic(h.acc.vonage.apiKey, h.acc.vonage.apiSecret), "content-type": "application/json" },
    body: JSON.stringify({ message_type: "text", channel: "sms", to: "447700900001", from: "SB", text: "x" }),
  });

describe("faults", () => {
  it("5xx for a number of requests, then healthy again", async () => {
    h.sim.fail("twilio", { mode: "5xx", count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await twilioSend();
      expect(res.status).toBe(503);
      expect(await getJson(res)).toMatchObject({ code: 20503, status: 503 });
    }
    expect((await twilioSend()).status).toBe(201);
    const recs = h.sim.requests("twilio");
    expect(recs.map((r) => [r.status, r.fault])).toEqual([
      [503, "5xx"],
      [503, "5xx"],
      [201, undefined],
    ]);
    expect(h.sim.messages("twilio")).toHaveLength(1);
  });

  it("429 with Retry-After and rate-limit headers for a period, then healthy again", async () => {
    h.sim.fail("resend", { mode: "429", forMs: 1000, retryAfterSeconds: 7 });
    const limited = await resendSend();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await getJson(limited)).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    // Poll until the period is over.
    const statuses: number[] = [];
    await pollUntil(async () => {
      const r = await resendSend();
      statuses.push(r.status);
      return r.status === 200;
    }, "resend healthy again");
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).every((s) => s === 429)).toBe(true);
    expect(h.sim.messages("resend")).toHaveLength(1);
  });

  it("provider-typical 429s for twilio, vonage and meta", async () => {
    h.sim.fail("twilio", { mode: "429", count: 1, retryAfterSeconds: 3 });
    h.sim.fail("vonage", { mode: "429", count: 1, retryAfterSeconds: 3 });
    h.sim.fail("meta", { mode: "429", count: 1, retryAfterSeconds: 120 });
    const t = await twilioSend();
    expect(t.status).toBe(429);
    expect(t.headers.get("retry-after")).toBe("3");
    expect((await getJson(t)).code).toBe(20429);
    const v = await vonageSend();
    expect(v.status).toBe(429);
    expect(v.headers.get("retry-after")).toBe("3");
    expect((await getJson(v)).title).toBe("Rate Limit Hit");
    const m = await metaHealth();
    expect(m.status).toBe(429);
    expect(m.headers.get("retry-after")).toBe("120");
    expect(JSON.parse(m.headers.get("x-business-use-case-usage")!)).toBeTypeOf("object");
    expect((await getJson(m)).error.code).toBe(130429);
    expect((await twilioSend()).status).toBe(201);
    expect((await vonageSend()).status).toBe(202);
    expect((await metaHealth()).status).toBe(200);
  });

  it("timeout holds the socket until the client aborts, then the provider recovers", async () => {
    h.sim.fail("meta", { mode: "timeout", count: 1 });
    const err = await metaHealth(AbortSignal.timeout(200)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toMatch(/TimeoutError|AbortError/);
    const rec = h.sim.requests("meta")[0]!;
    expect(rec.fault).toBe("timeout");
    expect(rec.status).toBeUndefined();
    expect((await metaHealth()).status).toBe(200);
  });

  it("timeout for a period: clients time out, then requests are answered again", async () => {
    h.sim.fail("twilio", { mode: "timeout", forMs: 1500 });
    const outcomes: string[] = [];
    await pollUntil(async () => {
      const r = await twilioSend(AbortSignal.timeout(100)).then(
        (res) => String(res.status),
        (e: Error) => e.name,
      );
      outcomes.push(r);
      return r === "201";
    }, "twilio answering again");
    expect(outcomes[0]).toMatch(/TimeoutError|AbortError/);
    expect(outcomes.at(-1)).toBe("201");
    expect(h.sim.requests("twilio").some((r) => r.fault === "timeout")).toBe(true);
  });

  it("faults are per provider and heal() ends them immediately", async () => {
    h.sim.fail("vonage", { mode: "5xx" });
    expect((await vonageSend()).status).toBe(503);
    expect((await twilioSend()).status).toBe(201);
    expect((await vonageSend()).status).toBe(503);
    h.sim.heal("vonage");
    expect((await vonageSend()).status).toBe(202);
    h.sim.fail("twilio", { mode: "timeout" });
    h.sim.fail("resend", { mode: "5xx" });
    h.sim.heal();
    expect((await twilioSend()).status).toBe(201);
    expect((await resendSend()).status).toBe(200);
  });

  it("a held request does not block stop()", async () => {
    const { startProviderSim } = await import("../src/index");
    const sim = await startProviderSim({ webhookBaseUrl: h.rx.url, accounts: h.acc });
    sim.fail("meta", { mode: "timeout" });
    const pending = fetch(`${sim.url}/v21.0/${h.acc.meta.phoneNumberId}`, {
      headers: { authorization: `Bearer ${h.acc.meta.accessToken}` },
    }).then(
      () => "answered",
      () => "dropped",
    );
    await waitFor(() => sim.requests("meta").length === 1, "held request recorded");
    await sim.stop();
    expect(await pending).toBe("dropped");
  });
});
