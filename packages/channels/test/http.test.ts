import { afterEach, describe, expect, it } from "vitest";
import { twilioAdapter } from "../src/adapters/twilio";
import { classifyHttpFailure, httpRequest, parseRetryAfter, timeoutOf } from "../src/http";
import { ctxFor, startServer, type TestServer } from "./helpers";

describe("failure classification", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it("parses Retry-After seconds and HTTP dates", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("429 -> retryable with retryAfterMs, 5xx -> retryable, 4xx -> permanent with message", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(
      classifyHttpFailure(429, h({ "retry-after": "5", "x-ratelimit-remaining": "0" }), { message: "slow" }, now),
    ).toEqual({
      ok: false,
      retryable: true,
      retryAfterMs: 5000,
      rateLimitRemaining: 0,
      error: { code: "http_429", message: "slow" },
    });
    expect(classifyHttpFailure(503, h({}), { message: "" }, now)).toEqual({
      ok: false,
      retryable: true,
      error: { code: "http_503", message: "HTTP 503" },
    });
    expect(classifyHttpFailure(400, h({}), { code: "bad", message: "Invalid number" }, now)).toEqual({
      ok: false,
      retryable: false,
      error: { code: "bad", message: "Invalid number" },
    });
    expect(classifyHttpFailure(401, h({}), { message: "auth" }, now).retryable).toBe(false);
  });

  it("resolves the timeout from explicit > ctx > settings > 15 s", () => {
    expect(timeoutOf(ctxFor({}, {}))).toBe(15_000);
    expect(timeoutOf(ctxFor({}, { timeoutMs: "2500" }))).toBe(2500);
    expect(timeoutOf(ctxFor({}, { timeoutMs: "2500" }, { timeoutMs: 900 }))).toBe(900);
    expect(timeoutOf(ctxFor({}, {}, { timeoutMs: 900 }), 50)).toBe(50);
  });
});

describe("network failures", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const creds = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "t" };
  const msg = { messageId: "m", to: "+14155550199", from: "+14155550100", text: "hi" };

  it("a request that never answers times out and is retryable", async () => {
    server = await startServer(() => ({ status: 200, hang: true }));
    const r = await twilioAdapter.send(ctxFor(creds, { apiBaseUrl: server.url }, { timeoutMs: 150 }), msg);
    expect(r).toEqual({
      ok: false,
      retryable: true,
      error: { code: "timeout", message: "request timed out after 150 ms" },
    });
  });

  it("a refused connection is retryable", async () => {
    server = await startServer(() => ({ status: 200 }));
    const url = server.url;
    await server.close();
    server = undefined;
    const r = await twilioAdapter.send(ctxFor(creds, { apiBaseUrl: url }), msg);
    expect(r).toMatchObject({ ok: false, retryable: true, error: { code: "network_error" } });
  });

  it("honours a caller AbortSignal", async () => {
    server = await startServer(() => ({ status: 200, hang: true }));
    const controller = new AbortController();
    const pending = httpRequest(ctxFor({}, {}, { signal: controller.signal }), { method: "GET", url: server.url });
    controller.abort(new Error("shutting down"));
    expect(await pending).toMatchObject({ kind: "network", timedOut: false });
  });

  it("health checks report `down` with latency on network errors", async () => {
    server = await startServer(() => ({ status: 200, hang: true }));
    const h = await twilioAdapter.healthCheck(ctxFor(creds, { apiBaseUrl: server.url }, { timeoutMs: 100 }));
    expect(h).toMatchObject({ state: "down", error: "request timed out after 100 ms" });
    expect(h.latencyMs).toBeGreaterThanOrEqual(0);
  });
});
