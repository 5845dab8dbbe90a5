/**
 * REST v1 rate limits over real HTTP (rest/rateLimits.ts): every request of an authenticated key
 * is charged to the key's bucket of its class (read, write, upload, upload URL) and to the
 * organization's; a refusal is 429 with Retry-After and the API's error body, and writes nothing.
 * Unknown and revoked keys are 401 before any bucket is touched.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { restBucketOf, restRateLimiter } from "../convex/rest/rateLimits";
import { type Backend, newBackend, type SeededOrg, seedOrg } from "./harness";

const ENDPOINTS = (n: number) => ({
  phone: `+1415555060${n}`,
  vonagePhone: `+1415555061${n}`,
  phoneNumberId: `50000000000000${n}`,
  inboundEmail: `support@limits${n}.example.com`,
  customSlug: `crm-limits-${n}`,
  chatSlug: `site-limits-${n}`,
});

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;

const newKey = async (org: SeededOrg, name: string) =>
  t.withIdentity(org.identity).action(api.rest.apiKeys.create, { organizationId: org.organizationId, name });

const call = (key: string, path: string, init: RequestInit = {}) =>
  t.fetch(path, {
    ...init,
    headers: {
      authorization: `Bearer ${key}`,
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...(init.headers as Record<string, string>),
    },
  });

/** `n` calls in a row; their statuses. */
async function burst(n: number, once: (i: number) => Promise<Response>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await once(i)).status);
  return statuses;
}

const labelCount = (organizationId: Id<"organizations">) =>
  t.run(
    async (ctx) =>
      (
        await ctx.db
          .query("labels")
          .withIndex("by_name", (q) => q.eq("organizationId", organizationId))
          .collect()
      ).length,
  );

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "limits-a", ENDPOINTS(1));
  b = await seedOrg(t, "limits-b", ENDPOINTS(2));
});

afterEach(() => {
  vi.useRealTimers();
});

test("requests are classed by method and path", () => {
  expect(restBucketOf("GET", "/api/v1/threads")).toBe("read");
  expect(restBucketOf("POST", "/api/v1/messages")).toBe("write");
  expect(restBucketOf("PATCH", "/api/v1/contacts/x")).toBe("write");
  expect(restBucketOf("DELETE", "/api/v1/threads/x/labels/y")).toBe("write");
  expect(restBucketOf("POST", "/api/v1/files")).toBe("upload");
  expect(restBucketOf("POST", "/api/v1/files/claim")).toBe("upload");
  expect(restBucketOf("POST", "/api/v1/files/upload-url/")).toBe("uploadUrl");
});

describe("per key", () => {
  test("writes: a burst of 60, then 429 with Retry-After and nothing stored; the bucket refills with time", async () => {
    const { key } = await newKey(a, "sync");
    const create = (i: number) =>
      call(key, "/api/v1/labels", { method: "POST", body: JSON.stringify({ name: `l${i}`, color: "#4f46e5" }) });
    const statuses = await burst(63, create);
    expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429, 429]);
    const refused = await create(99);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(1); // 120 a minute: one token every 0.5 s
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
    expect(await labelCount(a.organizationId)).toBe(60);
    // Reads are another bucket: still allowed.
    expect((await call(key, "/api/v1/labels")).status).toBe(200);
    // Retry-After (1 s, rounded up from the 0.5 s a token takes) refills two writes; 30 s the whole burst.
    vi.setSystemTime(Date.now() + retryAfter * 1000);
    expect(await burst(3, (i) => create(100 + i))).toEqual([201, 201, 429]);
    vi.setSystemTime(Date.now() + 30_000);
    expect((await burst(35, (i) => create(200 + i))).every((s) => s === 201)).toBe(true); // (labels stop at 100)
    expect(await labelCount(a.organizationId)).toBe(97);
  });

  test("another key (of the same or another organization) has its own bucket", async () => {
    const first = await newKey(a, "first");
    const second = await newKey(a, "second");
    const other = await newKey(b, "other");
    const create = (key: string, name: string) =>
      call(key, "/api/v1/labels", { method: "POST", body: JSON.stringify({ name, color: "#dc2626" }) });
    expect((await burst(61, (i) => create(first.key, `f${i}`))).at(-1)).toBe(429);
    expect((await create(second.key, "s")).status).toBe(201);
    expect((await create(other.key, "o")).status).toBe(201);
  });

  test("upload URLs: a burst of 5, then 429 (10 a minute)", async () => {
    const { key } = await newKey(a, "uploader");
    const issue = () => call(key, "/api/v1/files/upload-url", { method: "POST" });
    expect(await burst(6, issue)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await issue();
    expect(Number(refused.headers.get("retry-after"))).toBe(6);
    vi.setSystemTime(Date.now() + 6_000);
    expect((await issue()).status).toBe(200);
  });

  test("reads: a burst of 120, then 429", async () => {
    const { key } = await newKey(a, "reader");
    const statuses = await burst(121, () => call(key, "/api/v1/teams"));
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses.at(-1)).toBe(429);
  });
});

test("the organization's bucket bounds all its keys together (600 at once), not another organization's", async () => {
  const keys = await Promise.all(Array.from({ length: 6 }, (_, i) => newKey(a, `k${i}`)));
  let passed = 0;
  for (const { key } of keys)
    for (const s of await burst(120, () => call(key, "/api/v1/teams"))) if (s === 200) passed++;
  // Sharded (10 x 60): a request takes a token from the fuller of two shards, so nearly all 600 are used.
  expect(passed).toBeLessThanOrEqual(600);
  expect(passed).toBeGreaterThan(500);
  const other = await newKey(b, "b");
  expect((await call(other.key, "/api/v1/teams")).status).toBe(200);
  vi.setSystemTime(Date.now() + 60_000);
  expect((await call(keys[5]!.key, "/api/v1/teams")).status).toBe(200);
});

describe("keys that do not authenticate", () => {
  test("unknown and revoked keys are 401 and charge nothing; the organization's other keys keep their whole burst", async () => {
    const revoked = await newKey(a, "old");
    await t.withIdentity(a.identity).mutation(api.rest.apiKeys.revoke, {
      organizationId: a.organizationId,
      keyId: revoked.id,
    });
    const unknown = `sb_live_${"x".repeat(32)}`;
    for (const key of [revoked.key, unknown]) {
      const statuses = await burst(70, (i) =>
        call(key, "/api/v1/labels", { method: "POST", body: JSON.stringify({ name: `g${i}`, color: "#dc2626" }) }),
      );
      expect(new Set(statuses)).toEqual(new Set([401]));
    }
    // The revoked key's bucket was never created (ts 0 = no row), nor was anything stored.
    const value = await t.run((ctx) => restRateLimiter.getValue(ctx, "restWritePerKey", { key: revoked.id }));
    expect(value.ts).toBe(0);
    expect(await labelCount(a.organizationId)).toBe(0);
    const live = await newKey(a, "live");
    const statuses = await burst(61, (i) =>
      call(live.key, "/api/v1/labels", { method: "POST", body: JSON.stringify({ name: `k${i}`, color: "#dc2626" }) }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
  });
});

test("the OpenAPI document lists the 429 and its Retry-After on every operation", async () => {
  const doc = await (await t.fetch("/api/v1/openapi.json")).json();
  const operations = Object.values(doc.paths as Record<string, Record<string, { responses: object }>>).flatMap((p) =>
    Object.values(p),
  );
  expect(operations.length).toBeGreaterThan(15);
  for (const op of operations) {
    const tooMany = (op.responses as Record<string, { headers?: Record<string, unknown> }>)["429"];
    expect(tooMany?.headers?.["Retry-After"]).toBeDefined();
  }
});

test("file uploads are also bounded per organization: more keys do not mean more uploads at once", async () => {
  const keys = await Promise.all(Array.from({ length: 4 }, (_, i) => newKey(a, `u${i}`)));
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
  const statuses: number[] = [];
  for (const { key } of keys)
    statuses.push(
      ...(await burst(10, () =>
        call(key, "/api/v1/files", { method: "POST", body: png, headers: { "content-type": "image/png" } }),
      )),
    );
  // Each key's own burst is 10; the organization's is 30.
  expect(statuses.filter((s) => s === 201)).toHaveLength(30);
  expect(statuses.slice(30)).toEqual(Array(10).fill(429));
  const stored = await t.run(async (ctx) => (await ctx.db.query("messageFiles").collect()).length);
  expect(stored).toBe(30);
  // Other requests of those keys are not held back by it.
  expect((await call(keys[3]!.key, "/api/v1/teams")).status).toBe(200);
  // Another organization's uploads are its own.
  const other = await newKey(b, "b");
  const res = await call(other.key, "/api/v1/files", {
    method: "POST",
    body: png,
    headers: { "content-type": "image/png" },
  });
  expect(res.status).toBe(201);
});
