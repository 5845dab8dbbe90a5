/**
 * Issue 14, items 1, 6 and 7: the chat widget cannot be impersonated, used from a site the
 * organization did not allow, or flooded. Each test fails on the code before the fix.
 */
import { createVisitorToken } from "@switchboard/channels";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { postChat, requestSession, startSession, viewOf } from "../chatWidget";
import { type Backend, countRows, newBackend, ORG_A, SECRETS, type SeededOrg, seedOrg } from "../harness";

let t: Backend;
let a: SeededOrg;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

afterEach(() => {
  vi.useRealTimers();
});

async function setAllowedOrigins(value: string) {
  await t.run(async (ctx) => {
    const id = a.configs.native as Id<"channelConfigs">;
    const config = (await ctx.db.get(id))!;
    await ctx.db.patch(id, { settings: { ...config.settings, allowedOrigins: value } });
  });
}

const messages = async () => (await countRows(t, a.organizationId)).messages;

describe("14.1 visitor impersonation", () => {
  test("a garbage or forged token with a known visitorId gets a new visitor, who cannot read or post as the victim", async () => {
    const victim = await startSession(t, ORG_A.chatSlug);
    expect(
      (await postChat(t, ORG_A.chatSlug, victim.token, { clientMessageId: "v1", text: "my address is..." })).status,
    ).toBe(200);

    const forgedWithOtherSecret = (await createVisitorToken("x".repeat(40), victim.visitorId)).token;
    for (const token of ["garbage", `${victim.token}x`, forgedWithOtherSecret]) {
      const attacker = await startSession(t, ORG_A.chatSlug, { token, visitorId: victim.visitorId });
      expect(attacker.visitorId).not.toBe(victim.visitorId);
      // The attacker's (valid) token shows only the attacker's own, empty conversation.
      expect((await t.query(api.chat.visitor.listMessages, viewOf(attacker))).messages).toEqual([]);
      // And cannot post as the victim: the body's visitorId must match the token.
      const before = await messages();
      const res = await postChat(t, ORG_A.chatSlug, attacker.token, {
        clientMessageId: `x-${token.length}`,
        text: "I am the victim",
        visitorId: victim.visitorId,
      });
      expect(res.status).toBe(403);
      expect(await messages()).toBe(before);
    }
    const mine = await t.query(api.chat.visitor.listMessages, viewOf(victim));
    expect(mine.messages.map((m) => m.text)).toEqual(["my address is..."]);
  });

  test("a genuine but expired token keeps its visitor (a returning visitor keeps the conversation)", async () => {
    const { token } = await createVisitorToken(SECRETS.chatSessionSecret, "returning_visitor", {
      ttlSeconds: 60,
      now: Date.now() - 3600_000,
    });
    const resumed = await startSession(t, ORG_A.chatSlug, { token });
    expect(resumed.visitorId).toBe("returning_visitor");
    expect(resumed.token).not.toBe(token);
    expect(resumed.expiresAt).toBeGreaterThan(Date.now());
  });
});

describe("14.6 widget allowedOrigins", () => {
  test("session start and every message are refused from an origin the widget does not allow; nothing is stored", async () => {
    await setAllowedOrigins("https://shop.example, https://www.shop.example/");
    const evil = { origin: "https://evil.example" };
    const refused = await requestSession(t, ORG_A.chatSlug, {}, evil);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const session = await startSession(t, ORG_A.chatSlug, {}, { origin: "https://shop.example" });
    const res = await postChat(t, ORG_A.chatSlug, session.token, { clientMessageId: "e1", text: "hi" }, evil);
    expect(res.status).toBe(403);
    expect(await messages()).toBe(0);
    // "null" (sandboxed frames, file: pages) is not an origin anyone allowed.
    expect(
      (await postChat(t, ORG_A.chatSlug, session.token, { clientMessageId: "e2", text: "hi" }, { origin: "null" }))
        .status,
    ).toBe(403);

    const ok = await postChat(
      t,
      ORG_A.chatSlug,
      session.token,
      { clientMessageId: "ok1", text: "hi" },
      { origin: "https://www.shop.example" },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://www.shop.example");
    expect(await messages()).toBe(1);
  });

  test("the dashboard's own origin (the hosted widget page) is always allowed; an empty list allows no other site", async () => {
    // SITE_URL is unset in tests: the dashboard origin defaults to http://localhost:3000 (auth.ts).
    const session = await startSession(t, ORG_A.chatSlug, {}, { origin: "http://localhost:3000" });
    expect((await requestSession(t, ORG_A.chatSlug, {}, { origin: "https://other.example" })).status).toBe(403);
    const res = await postChat(
      t,
      ORG_A.chatSlug,
      session.token,
      { clientMessageId: "d1", text: "hi" },
      { origin: "https://other.example" },
    );
    expect(res.status).toBe(403);
    // A request without Origin is not from a web page: allowed, and bounded by the rate limits.
    expect((await postChat(t, ORG_A.chatSlug, session.token, { clientMessageId: "d2", text: "hi" })).status).toBe(200);
    expect(await messages()).toBe(1);
  });

  test("CORS preflight is answered only for allowed origins", async () => {
    await setAllowedOrigins("https://shop.example");
    const preflight = (origin: string, path: string) =>
      t.fetch(path, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
    for (const path of [`/chat/sessions/${ORG_A.chatSlug}`, `/webhooks/chat/${ORG_A.chatSlug}`]) {
      const good = await preflight("https://shop.example", path);
      expect(good.headers.get("access-control-allow-origin")).toBe("https://shop.example");
      const bad = await preflight("https://evil.example", path);
      expect(bad.headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});

describe("14.7 rate limits", () => {
  test("a visitor's burst of messages gets 429 with Retry-After and nothing more is stored", async () => {
    const session = await startSession(t, ORG_A.chatSlug);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 14; i++) {
      const res = await postChat(t, ORG_A.chatSlug, session.token, { clientMessageId: `b${i}`, text: `burst ${i}` });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(await messages()).toBe(10);

    // Another visitor is not held back by this one's bucket.
    const other = await startSession(t, ORG_A.chatSlug);
    expect((await postChat(t, ORG_A.chatSlug, other.token, { clientMessageId: "o1", text: "hello" })).status).toBe(200);
    // The bucket refills with time.
    vi.setSystemTime(new Date(Date.now() + 60_000));
    expect((await postChat(t, ORG_A.chatSlug, session.token, { clientMessageId: "later", text: "later" })).status).toBe(
      200,
    );
    expect(await messages()).toBe(12);
  });

  test("a forged token cannot drain a real visitor's bucket", async () => {
    const session = await startSession(t, ORG_A.chatSlug);
    const forged = (await createVisitorToken("y".repeat(40), session.visitorId)).token;
    for (let i = 0; i < 15; i++) {
      expect((await postChat(t, ORG_A.chatSlug, forged, { clientMessageId: `f${i}`, text: "x" })).status).toBe(401);
    }
    expect(
      (await postChat(t, ORG_A.chatSlug, session.token, { clientMessageId: "real", text: "still here" })).status,
    ).toBe(200);
  });

  test("session starts from one IP are limited (429, Retry-After); other IPs are not", async () => {
    const ip = { "x-forwarded-for": "203.0.113.7, 10.0.0.1" };
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await requestSession(t, ORG_A.chatSlug, {}, ip)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await requestSession(t, ORG_A.chatSlug, {}, ip);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await requestSession(t, ORG_A.chatSlug, {}, { "x-forwarded-for": "198.51.100.2" })).status).toBe(200);
  });

  test("messages from one IP are limited across visitors", async () => {
    const ip = { "x-forwarded-for": "203.0.113.9" };
    const sessions = await Promise.all(Array.from({ length: 4 }, () => startSession(t, ORG_A.chatSlug)));
    const statuses: number[] = [];
    for (let i = 0; i < 34; i++) {
      const s = sessions[i % 4]!;
      statuses.push((await postChat(t, ORG_A.chatSlug, s.token, { clientMessageId: `ip${i}`, text: "x" }, ip)).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429]);
    expect(await messages()).toBe(30);
  });
});
