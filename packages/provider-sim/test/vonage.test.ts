import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { basic, getJson, type Harness, type ReceivedHook, startHarness, waitFor } from "./helpers";

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

/** Independent HS256 verification of Vonage's signed-webhook JWT. */
function verifyVonage(hook: ReceivedHook, secret: string): Record<string, unknown> {
  const auth = hook.headers.authorization ?? "";
  expect(auth).toMatch(/^Bearer /);
  const token = auth.slice("Bearer ".length);
  const [head, payload, sig] = token.split(".");
  const header = JSON.parse(Buffer.from(head!, "base64url").toString());
  expect(header).toMatchObject({ alg: "HS256", typ: "JWT" });
  const expected = createHmac("sha256", secret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(sig!, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error("bad JWT signature");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
  expect(claims.iss).toBe("Vonage");
  expect(typeof claims.jti).toBe("string");
  expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(600);
  expect(claims.payload_hash).toBe(createHash("sha256").update(hook.body).digest("hex"));
  return claims;
}

async function send(body: unknown, auth = basic(h.acc.vonage.apiKey, h.acc.vonage.apiSecret)) {
  return fetch(`${h.sim.url}/v1/messages`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
}

const sms = {
  message_type: "text",
  channel: "sms",
  to: "447700900001",
  from: "Switchboard",
  text: "Hello",
  client_ref: "msg_123",
};

describe("vonage fake Messages API", () => {
  it("accepts an SMS with 202 {message_uuid}", async () => {
    const res = await send(sms);
    expect(res.status).toBe(202);
    const json = await getJson(res);
    expect(Object.keys(json)).toEqual(["message_uuid"]);
    expect(json.message_uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("rejects bad credentials with a 401 problem+json", async () => {
    const res = await send(sms, basic(h.acc.vonage.apiKey, "nope"));
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await getJson(res)).toMatchObject({
      title: "Unauthorized",
      type: "https://developer.vonage.com/api-errors#unauthorized",
    });
  });

  it("rejects invalid parameters with 422 invalid_parameters", async () => {
    const res = await send({ ...sms, to: "not-a-number" });
    expect(res.status).toBe(422);
    const json = await getJson(res);
    expect(json.title).toBe("Invalid params");
    expect(json.invalid_parameters).toEqual([expect.objectContaining({ name: "to" })]);
  });

  it("auto-delivers submitted -> delivered to /webhooks/sms/vonage/status with a valid JWT", async () => {
    const { message_uuid } = await getJson(await send(sms));
    const hooks = await waitFor(() => (h.rx.hooks.length >= 2 ? h.rx.hooks : null), "vonage statuses");
    expect(hooks.map((x) => JSON.parse(x.body).status)).toEqual(["submitted", "delivered"]);
    for (const hook of hooks) {
      expect(hook.path).toBe("/webhooks/sms/vonage/status");
      const claims = verifyVonage(hook, h.acc.vonage.signatureSecret);
      expect(claims.api_key).toBe(h.acc.vonage.apiKey);
      const body = JSON.parse(hook.body);
      expect(body).toMatchObject({
        message_uuid,
        to: "447700900001",
        from: "Switchboard",
        channel: "sms",
        client_ref: "msg_123",
      });
      expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
    expect(() => verifyVonage(hooks[0]!, "wrong-secret")).toThrow();
  });

  it("reports undeliverable with an error object", async () => {
    h.sim.failRecipient("vonage", "447700900002", { code: 1320, message: "Destination unreachable" });
    const { message_uuid } = await getJson(await send({ ...sms, to: "447700900002" }));
    const hooks = await waitFor(() => (h.rx.hooks.length >= 2 ? h.rx.hooks : null), "vonage statuses");
    const last = JSON.parse(hooks[1]!.body);
    expect(last).toMatchObject({
      message_uuid,
      status: "undeliverable",
      error: {
        type: "https://developer.vonage.com/api-errors/messages#1320",
        title: 1320,
        detail: "Destination unreachable",
      },
    });
    verifyVonage(hooks[1]!, h.acc.vonage.signatureSecret);
    await h.sim.sendStatus("vonage", message_uuid, "rejected");
    const rej = JSON.parse(h.rx.hooks.at(-1)!.body);
    expect(rej.status).toBe("rejected");
    expect(rej.error.type).toContain("api-errors/messages#");
  });

  it("posts a signed inbound SMS to /webhooks/sms/vonage", async () => {
    const r = await h.sim.sendInbound("vonage", { from: "+447700900555", text: "Hi Vonage" });
    expect(r.status).toBe(200);
    const hook = h.rx.hooks.at(-1)!;
    expect(hook.path).toBe("/webhooks/sms/vonage");
    verifyVonage(hook, h.acc.vonage.signatureSecret);
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      channel: "sms",
      message_uuid: r.externalMessageId,
      to: "447700900123",
      from: "447700900555",
      text: "Hi Vonage",
      message_type: "text",
    });
    expect(new Date(body.timestamp).toString()).not.toBe("Invalid Date");
  });

  it("serves the balance endpoint as a health check", async () => {
    const ok = await fetch(
      `${h.sim.url}/account/get-balance?api_key=${h.acc.vonage.apiKey}&api_secret=${h.acc.vonage.apiSecret}`,
    );
    expect(ok.status).toBe(200);
    expect(await getJson(ok)).toMatchObject({ value: expect.any(Number), autoReload: false });
    const bad = await fetch(`${h.sim.url}/account/get-balance?api_key=${h.acc.vonage.apiKey}&api_secret=x`);
    expect(bad.status).toBe(401);
  });
});
