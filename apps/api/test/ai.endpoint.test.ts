/** Pure parts of the AI step: URL rules and mapping spans back onto long stored texts. */
import { afterEach, describe, expect, test } from "vitest";
import { checkBaseUrl } from "../convex/ai/endpoint";
import { messageSpan } from "../convex/crm/insights/facts";

describe("AI endpoint URL rules", () => {
  afterEach(() => {
    delete process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST;
  });
  test.each([
    "localhost",
    "api.localhost",
    "127.0.0.1",
    "10.0.0.8",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "[::1]",
    "[fd00::1]",
    "[fe80::1]",
    "[::ffff:127.0.0.1]",
    "intranet",
  ])("%s is internal and refused", (host) => {
    expect(checkBaseUrl(`https://${host}/v1`)).toMatchObject({ ok: false, error: /refused/ });
  });
  test("numeric IPv4 spellings are normalised by URL before the check", () => {
    for (const spelled of ["0x7f000001", "2130706433", "0177.0.0.1"]) {
      expect(checkBaseUrl(`https://${spelled}/v1`)).toMatchObject({ ok: false, error: /refused/ });
    }
  });
  test("public https hosts pass, normalised without a trailing slash", () => {
    expect(checkBaseUrl("https://api.openai.com/v1/")).toEqual({ ok: true, url: "https://api.openai.com/v1" });
    expect(checkBaseUrl("https://8.8.8.8/v1")).toEqual({ ok: true, url: "https://8.8.8.8/v1" });
  });
  test("http, credentials, queries are refused; only an exact allowlisted origin may be internal", () => {
    expect(checkBaseUrl("http://api.openai.com/v1")).toMatchObject({ ok: false });
    expect(checkBaseUrl("https://u:p@api.openai.com/v1")).toMatchObject({ ok: false });
    expect(checkBaseUrl("https://api.openai.com/v1?x=1")).toMatchObject({ ok: false });
    process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = "http://127.0.0.1:3220";
    expect(checkBaseUrl("http://127.0.0.1:3220/v1")).toEqual({ ok: true, url: "http://127.0.0.1:3220/v1" });
    expect(checkBaseUrl("http://127.0.0.1:3221/v1")).toMatchObject({ ok: false });
    expect(checkBaseUrl("http://localhost:3220/v1")).toMatchObject({ ok: false });
  });
});

describe("messageSpan", () => {
  test("a span in the tail of a long text is shifted back onto the stored text", () => {
    const head = "a".repeat(100);
    const tail = "Best,\nDana Reyes";
    const text = `${head}${"x".repeat(50)}${tail}`;
    const tailLength = tail.length;
    const extracted = `${text.slice(0, 100)}\n${text.slice(-tailLength)}`;
    const start = extracted.indexOf("Dana");
    const span = messageSpan({ start, end: start + 10, quote: "Dana Reyes" }, text, extracted, tailLength);
    expect(span).toBeDefined();
    expect(text.slice(span!.start, span!.end)).toBe("Dana Reyes");
  });
  test("a span that does not point at its quote is not stored", () => {
    expect(messageSpan({ start: 0, end: 4, quote: "nope" }, "hello world", "hello world", 0)).toBeUndefined();
    expect(messageSpan(null, "x", "x", 0)).toBeUndefined();
  });
});
