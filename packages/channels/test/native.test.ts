import { describe, expect, it } from "vitest";
import {
  createVisitorToken,
  decodeVisitorToken,
  nativeAdapter,
  verifyUserHash,
  verifyVisitorToken,
  visitorIdForUser,
} from "../src/adapters/native";
import { ctxFor, webhook } from "./helpers";

const SECRET = "chat-session-secret-0123456789abcdef-xyz";
const NOW = Date.parse("2025-06-01T12:00:00Z");
const URL_ = "https://api.switchboard.dev/chat/wk_live_123/messages";

async function req(body: unknown, visitorId = "v_abc123", opts: { secret?: string; ttl?: number } = {}) {
  const { token } = await createVisitorToken(opts.secret ?? SECRET, visitorId, {
    now: NOW,
    ttlSeconds: opts.ttl ?? 3600,
  });
  return webhook(URL_, JSON.stringify(body), { "content-type": "application/json", authorization: `Bearer ${token}` });
}

describe("native chat session tokens", () => {
  it("round-trips and rejects tampering, other secrets and expiry", async () => {
    const { token, expiresAt } = await createVisitorToken(SECRET, "v_abc123", { now: NOW, ttlSeconds: 60 });
    expect(expiresAt).toBe(NOW + 60_000);
    expect(decodeVisitorToken(token)).toMatchObject({ visitorId: "v_abc123", expiresAt: NOW + 60_000 });
    expect(await verifyVisitorToken(SECRET, token, NOW)).toEqual({
      ok: true,
      visitorId: "v_abc123",
      expiresAt: NOW + 60_000,
      claims: {},
    });
    expect(await verifyVisitorToken(SECRET, token, NOW + 61_000)).toEqual({
      ok: false,
      reason: "session token expired",
    });
    expect(await verifyVisitorToken("another-secret-another-secret-0000", token, NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/mismatch/),
    });
    // Swap the visitor id but keep the signature.
    const [head, payload, mac] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: "v_other" })).toString("base64url")}.${mac}`;
    expect(await verifyVisitorToken(SECRET, forged, NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/mismatch/),
    });
    expect(await verifyVisitorToken(SECRET, "garbage", NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/malformed/),
    });
    await expect(createVisitorToken(SECRET, "bad id")).rejects.toThrow(/visitorId/);
  });
});

describe("native validateSignature / parseInbound / send", () => {
  const body = { clientMessageId: "c-1", text: "Hi, is anyone there?", name: "Grace" };

  it("accepts a valid session token and rejects missing/expired/foreign ones", async () => {
    expect(await nativeAdapter.validateSignature(await req(body), { sessionSecret: SECRET }, { now: NOW })).toEqual({
      ok: true,
    });
    const expired = await req(body, "v_abc123", { ttl: 10 });
    expect(
      await nativeAdapter.validateSignature(expired, { sessionSecret: SECRET }, { now: NOW + 11_000 }),
    ).toMatchObject({ ok: false, status: 401 });
    const foreign = await req(body, "v_abc123", { secret: "another-secret-another-secret-0000" });
    expect(await nativeAdapter.validateSignature(foreign, { sessionSecret: SECRET }, { now: NOW })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      await nativeAdapter.validateSignature(
        webhook(URL_, JSON.stringify(body)),
        { sessionSecret: SECRET },
        { now: NOW },
      ),
    ).toMatchObject({ ok: false, status: 401 });
    expect(await nativeAdapter.validateSignature(await req(body), {}, { now: NOW })).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it("rejects a body claiming another visitor than the token (403)", async () => {
    const r = await req({ ...body, visitorId: "v_someone_else" });
    expect(await nativeAdapter.validateSignature(r, { sessionSecret: SECRET }, { now: NOW })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("accepts the token via x-visitor-token as well", async () => {
    const { token } = await createVisitorToken(SECRET, "v_abc123", { now: NOW });
    const r = webhook(URL_, JSON.stringify(body), { "x-visitor-token": token });
    expect(await nativeAdapter.validateSignature(r, { sessionSecret: SECRET }, { now: NOW })).toEqual({ ok: true });
  });

  it("parses a visitor message; the visitor comes from the token, routing key from the path", async () => {
    const r = await req(body);
    expect(nativeAdapter.routingKey(r)).toBe("wk_live_123");
    expect(nativeAdapter.parseInbound(r)).toEqual([
      {
        kind: "message",
        channel: "chat",
        provider: "native",
        externalMessageId: "v_abc123:c-1",
        from: { identifier: "v_abc123", displayName: "Grace" },
        to: "wk_live_123",
        text: "Hi, is anyone there?",
        attachments: [],
        contentType: "chat",
      },
    ]);
  });

  it("throws InboundParseError for malformed bodies", async () => {
    const parse = async (b: unknown) => {
      const r = await req({});
      r.rawBody = typeof b === "string" ? b : JSON.stringify(b);
      return () => nativeAdapter.parseInbound(r);
    };
    expect(await parse("x")).toThrow(/not valid JSON/);
    expect(await parse({ text: "hi" })).toThrow(/clientMessageId is required/);
    expect(await parse({ clientMessageId: "c", text: "   " })).toThrow(/needs text or an attachment/);
    const noVisitor = webhook(URL_, JSON.stringify(body), { "content-type": "application/json" });
    expect(() => nativeAdapter.parseInbound(noVisitor)).toThrow(/no visitor/);
  });

  it("send succeeds immediately with an id derived from our message id", async () => {
    const r = await nativeAdapter.send(ctxFor({}, {}), {
      messageId: "m_1",
      to: "v_abc123",
      from: "wk_live_123",
      text: "Hello Grace",
    });
    expect(r).toEqual({ ok: true, externalMessageId: "chat_m_1", status: "sent" });
    expect(await nativeAdapter.getDeliveryStatus(ctxFor({}, {}), "chat_m_1")).toBeNull();
    expect((await nativeAdapter.healthCheck(ctxFor({}, {}))).state).toBe("healthy");
  });
});

describe("verified visitors (identitySecret)", () => {
  const IDENTITY = "identity-secret-0123456789abcdef-0123456789";
  const hmacHex = async (key: string, data: string) => {
    const { createHmac } = await import("node:crypto");
    return createHmac("sha256", key).update(data).digest("hex");
  };

  it("accepts the site's hex HMAC-SHA256 of the user id and refuses anything else", async () => {
    const hash = await hmacHex(IDENTITY, "user-42");
    expect(await verifyUserHash(IDENTITY, "user-42", hash)).toBe(true);
    expect(await verifyUserHash(IDENTITY, "user-42", hash.toUpperCase())).toBe(true);
    expect(await verifyUserHash(IDENTITY, "user-43", hash)).toBe(false);
    expect(await verifyUserHash("another-identity-secret-0123456789abcd", "user-42", hash)).toBe(false);
    expect(await verifyUserHash(IDENTITY, "user-42", hash.slice(0, 63))).toBe(false);
    expect(await verifyUserHash(IDENTITY, "user-42", `${hash.slice(0, 63)}g`)).toBe(false);
    expect(await verifyUserHash(IDENTITY, "user-42", "")).toBe(false);
  });

  it("derives one visitor id per user, stable, distinct, token-safe and not the user hash", async () => {
    const a = await visitorIdForUser(IDENTITY, "user-42");
    expect(a).toBe(await visitorIdForUser(IDENTITY, "user-42"));
    expect(a).not.toBe(await visitorIdForUser(IDENTITY, "user-43"));
    expect(a).toMatch(/^u_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain("user-42");
    expect(a.slice(2)).not.toBe(Buffer.from(await hmacHex(IDENTITY, "user-42"), "hex").toString("base64url"));
    await expect(createVisitorToken(SECRET, a)).resolves.toBeTruthy();
  });

  it("carries verified claims in the token into the inbound event", async () => {
    const { token } = await createVisitorToken(SECRET, "u_abc", {
      now: NOW,
      ttlSeconds: 3600,
      claims: { verified: true, email: "ada@example.com", name: "Ada" },
    });
    expect(await verifyVisitorToken(SECRET, token, NOW)).toMatchObject({
      ok: true,
      claims: { verified: true, email: "ada@example.com", name: "Ada" },
    });
    const request = webhook(URL_, JSON.stringify({ clientMessageId: "c1", text: "hi", name: "Mallory" }), {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
    });
    const [event] = nativeAdapter.parseInbound(request) as unknown as { from: Record<string, unknown> }[];
    expect(event).toMatchObject({
      from: { identifier: "u_abc", displayName: "Ada", email: "ada@example.com", verified: true },
    });
  });

  it("an unverified claim stays a claim", async () => {
    const { token } = await createVisitorToken(SECRET, "v_anon", {
      now: NOW,
      claims: { email: "ada@example.com", name: "Ada?" },
    });
    const request = webhook(URL_, JSON.stringify({ clientMessageId: "c1", text: "hi" }), {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
    });
    const [event] = nativeAdapter.parseInbound(request) as unknown as { from: Record<string, unknown> }[];
    expect(event!.from).toEqual({ identifier: "v_anon", displayName: "Ada?", email: "ada@example.com" });
  });
});
