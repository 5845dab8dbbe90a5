import { describe, expect, it } from "vitest";
import { normalizeIdentifier, parseEmailAddress, parseEmailAddressList } from "../src/identifiers";

describe("normalizeIdentifier(phone)", () => {
  it.each([
    ["+1 (415) 555-0100", {}, "+14155550100"],
    ["whatsapp:+14155550100", {}, "+14155550100"],
    ["14155550100", {}, "+14155550100"], // WhatsApp wa_id
    ["447700900123", {}, "+447700900123"], // Vonage MSISDN
    ["(415) 555-0100", { defaultRegion: "US" }, "+14155550100"],
    ["07700 900123", { defaultRegion: "GB" }, "+447700900123"],
    ["0044 7700 900123", {}, "+447700900123"],
    ["tel:+49 151 12345678", {}, "+4915112345678"],
    ["14155550100", { defaultRegion: "DE", assumeInternational: true }, "+14155550100"],
  ])("%s -> E.164", (raw, opts, expected) => {
    expect(normalizeIdentifier("phone", raw, opts)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", /empty/],
    ["hello", /letters/],
    ["123", /digits/],
    ["(415) 555-0100", /no \+ country code and no default region|not a valid/],
    ["+1415555", /not a valid phone number/],
  ])("rejects %j with a clear error", (raw, error) => {
    const r = normalizeIdentifier("phone", raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe("normalizeIdentifier(email) and parseEmailAddress", () => {
  it("lower-cases, trims and unwraps display names", () => {
    expect(normalizeIdentifier("email", "  Jane.Doe@Example.COM ")).toEqual({
      ok: true,
      value: "jane.doe@example.com",
    });
    expect(normalizeIdentifier("email", "Jane Doe <Jane@Example.com>")).toEqual({
      ok: true,
      value: "jane@example.com",
    });
    expect(normalizeIdentifier("email", "mailto:a@b.co")).toEqual({ ok: true, value: "a@b.co" });
  });

  it("keeps the display name, including quoted names with commas", () => {
    expect(parseEmailAddress('"Doe, Jane" <jane@example.com>')).toEqual({
      address: "jane@example.com",
      name: "Doe, Jane",
    });
    expect(parseEmailAddress("<x@y.io>")).toEqual({ address: "x@y.io" });
  });

  it("rejects invalid addresses", () => {
    for (const bad of ["", "jane", "jane@", "@example.com", "a b@c.d", "Jane <not-an-email>"]) {
      const r = normalizeIdentifier("email", bad);
      expect(r.ok, bad).toBe(false);
    }
  });

  it("splits address lists respecting quotes", () => {
    expect(parseEmailAddressList('"Doe, Jane" <jane@x.io>, bob@y.io').map((a) => a.address)).toEqual([
      "jane@x.io",
      "bob@y.io",
    ]);
    expect(parseEmailAddressList(["A <a@x.io>", "b@x.io"]).map((a) => a.address)).toEqual(["a@x.io", "b@x.io"]);
  });
});

describe("normalizeIdentifier(chat/external)", () => {
  it("validates visitor ids and external ids", () => {
    expect(normalizeIdentifier("chat", " v_123-abc ")).toEqual({ ok: true, value: "v_123-abc" });
    expect(normalizeIdentifier("chat", "bad id!").ok).toBe(false);
    expect(normalizeIdentifier("external", "  user:42 ")).toEqual({ ok: true, value: "user:42" });
    expect(normalizeIdentifier("external", "   ").ok).toBe(false);
    expect(normalizeIdentifier("external", "x".repeat(257)).ok).toBe(false);
  });
});
