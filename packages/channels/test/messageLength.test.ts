/**
 * SMS segment counting against the published rules: 160 GSM-7 septets in one SMS, 153 per part of
 * a concatenated one, extension characters cost two; 70/67 UTF-16 units in UCS-2
 * (twilio.com/docs/glossary/what-sms-character-limit; Twilio's Body is at most 1600 characters). WhatsApp text.body <= 4096
 * (developers.facebook.com/docs/whatsapp/cloud-api/reference/messages).
 */
import { describe, expect, it } from "vitest";
import { lengthHint, smsLength, WHATSAPP_TEXT_LIMIT } from "../src/messageLength";

describe("smsLength", () => {
  it("counts an empty draft as no segment", () => {
    expect(smsLength("")).toMatchObject({ encoding: "gsm7", units: 0, segments: 0 });
  });

  it("fits 160 GSM-7 characters in one SMS, 161 in two parts of 153", () => {
    expect(smsLength("a".repeat(160))).toMatchObject({ encoding: "gsm7", units: 160, segments: 1, remaining: 0 });
    expect(smsLength("a".repeat(161))).toMatchObject({ segments: 2, remaining: 153 * 2 - 161 });
    expect(smsLength("a".repeat(306)).segments).toBe(2);
    expect(smsLength("a".repeat(307)).segments).toBe(3);
  });

  it("charges extension characters two septets and keeps them GSM-7", () => {
    const r = smsLength("Price: 10€ [net]");
    expect(r.encoding).toBe("gsm7");
    expect(r.units).toBe(16 + 3); // €, [ and ] cost 2
    expect(smsLength("€".repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(smsLength("€".repeat(81)).segments).toBe(2);
  });

  it("never splits an escape pair across parts", () => {
    // 152 septets then a 2-septet char: the first part can take only 152, the € starts part two.
    const r = smsLength(`${"a".repeat(152)}€${"a".repeat(10)}`);
    expect(r.units).toBe(164);
    expect(r.segments).toBe(2);
    expect(r.remaining).toBe(153 - 12);
  });

  it("switches to UCS-2 for a character outside GSM-7: 70 in one, 67 per part", () => {
    const r = smsLength(`Olá ${"a".repeat(66)}`.replace("á", "ã")); // ã is not GSM-7 (á neither)
    expect(r.encoding).toBe("ucs2");
    expect(r.nonGsm).toEqual(["ã"]);
    expect(r.units).toBe(70);
    expect(r.segments).toBe(1);
    expect(smsLength(`ã${"a".repeat(70)}`).segments).toBe(2);
    expect(smsLength(`ã${"a".repeat(133)}`).segments).toBe(2);
    expect(smsLength(`ã${"a".repeat(134)}`).segments).toBe(3);
  });

  it("counts an emoji as two UTF-16 units and never splits the pair", () => {
    expect(smsLength("👍").units).toBe(2);
    expect(smsLength("👍".repeat(35))).toMatchObject({ units: 70, segments: 1 });
    // 66 units then an emoji: the pair does not fit in the 67-unit part, so it opens part two.
    const r = smsLength(`${"a".repeat(66)}👍${"a".repeat(10)}`);
    expect(r.segments).toBe(2);
    expect(r.remaining).toBe(67 - 12);
  });
});

describe("lengthHint", () => {
  it("describes SMS segments and the encoding", () => {
    const one = lengthHint("sms", "Hello");
    expect(one.kind === "sms" && one.text).toBe("5/160 · 1 SMS · GSM-7");
    const two = lengthHint("sms", `😀${"a".repeat(80)}`);
    expect(two.kind === "sms" && two.text).toMatch(/^2 SMS segments · \d+ left in the last · UCS-2 \(because of 😀\)$/);
  });

  it("flags an SMS body over Twilio's 1600 characters", () => {
    expect(lengthHint("sms", "a".repeat(1600))).toMatchObject({ kind: "sms", over: false });
    const over = lengthHint("sms", "a".repeat(1601));
    expect(over).toMatchObject({ kind: "sms", over: true });
    expect(over.kind === "sms" && over.text).toBe("1601/1600: too long for one SMS send");
  });

  it("flags a WhatsApp text over 4096 characters", () => {
    const ok = lengthHint("whatsapp", "a".repeat(WHATSAPP_TEXT_LIMIT));
    expect(ok).toMatchObject({ kind: "limit", over: false, length: 4096 });
    const over = lengthHint("whatsapp", "a".repeat(WHATSAPP_TEXT_LIMIT + 5));
    expect(over).toMatchObject({ kind: "limit", over: true });
    expect(over.kind === "limit" && over.text).toContain("5 over");
  });

  it("gives no hint for email and chat", () => {
    expect(lengthHint("email", "x".repeat(10_000))).toEqual({ kind: "none" });
    expect(lengthHint("chat", "x")).toEqual({ kind: "none" });
  });
});
