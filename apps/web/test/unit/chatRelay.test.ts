import { describe, expect, test } from "vitest";
import { frameAncestorsPolicy, RELAYED_RESPONSE_HEADERS, relayHeaders } from "../../server/utils/chatRelay";

describe("visitor widget relay (issue 14.6, 14.7)", () => {
  test("forwards the browser's Origin and the visitor's IP so the backend can check them, and nothing else", () => {
    expect(relayHeaders({ authorization: "Bearer t", origin: "https://dash.example", ip: "203.0.113.5" })).toEqual({
      "content-type": "application/json",
      authorization: "Bearer t",
      origin: "https://dash.example",
      "x-forwarded-for": "203.0.113.5",
    });
    expect(relayHeaders({})).toEqual({ "content-type": "application/json" });
  });

  test("a 429's Retry-After reaches the widget", () => {
    expect(RELAYED_RESPONSE_HEADERS).toContain("retry-after");
  });

  test("the hosted widget page may be framed only by the widget's allowed origins", () => {
    expect(frameAncestorsPolicy(["https://shop.example", "https://www.shop.example"])).toBe(
      "frame-ancestors 'self' https://shop.example https://www.shop.example",
    );
    // Unknown widget or unreachable backend: no third-party framing.
    expect(frameAncestorsPolicy(null)).toBe("frame-ancestors 'self'");
    // An empty list is the documented default: embeddable anywhere (no header).
    expect(frameAncestorsPolicy([])).toBeNull();
    // Nothing that could inject another directive gets through.
    expect(frameAncestorsPolicy(["https://a.example; script-src *", "https://b.example"])).toBe(
      "frame-ancestors 'self' https://b.example",
    );
  });
});
