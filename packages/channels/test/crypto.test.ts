import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base64Decode,
  base64Encode,
  base64UrlDecode,
  base64UrlEncode,
  bytesToHex,
  hexToBytes,
  hmacHex,
  hmacSha1Base64,
  hmacSha256Base64,
  hmacSha256Hex,
  randomId,
  sha256Hex,
  timingSafeEqual,
  utf8Encode,
} from "../src/crypto";

describe("crypto", () => {
  it("HMAC-SHA1/SHA256 match node:crypto (hex and base64, unicode input)", async () => {
    const key = "s3cr3t-ключ";
    const data = "payload ✓ with unicode";
    expect(await hmacSha1Base64(key, data)).toBe(createHmac("sha1", key).update(data).digest("base64"));
    expect(await hmacSha256Hex(key, data)).toBe(createHmac("sha256", key).update(data).digest("hex"));
    expect(await hmacSha256Base64(key, data)).toBe(createHmac("sha256", key).update(data).digest("base64"));
    expect(await hmacHex("SHA-1", utf8Encode(key), data)).toBe(createHmac("sha1", key).update(data).digest("hex"));
  });

  it("sha256Hex matches node:crypto", async () => {
    expect(await sha256Hex("")).toBe(createHash("sha256").update("").digest("hex"));
    expect(await sha256Hex('{"a":1}')).toBe(createHash("sha256").update('{"a":1}').digest("hex"));
  });

  it("rejects an empty HMAC key", async () => {
    await expect(hmacSha256Hex("", "x")).rejects.toThrow(/empty/);
  });

  it("base64 and base64url round-trip arbitrary bytes", () => {
    const bytes = new Uint8Array(300).map((_, i) => (i * 37) & 0xff);
    expect(base64Encode(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
    expect(base64UrlEncode(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
    expect(base64UrlDecode(base64UrlEncode(bytes))).toEqual(bytes);
    expect(base64Decode("not base64!")).toBeNull();
    expect(base64UrlDecode("a+b/")).toBeNull();
  });

  it("hex round-trips and rejects odd/invalid input", () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    expect(bytesToHex(bytes)).toBe("0001feff");
    expect(hexToBytes("0001feff")).toEqual(bytes);
    expect(hexToBytes("abc")).toBeNull();
    expect(hexToBytes("zz")).toBeNull();
  });

  it("timingSafeEqual compares content and length", () => {
    expect(timingSafeEqual("abc", "abc")).toBe(true);
    expect(timingSafeEqual("abc", "abd")).toBe(false);
    expect(timingSafeEqual("abc", "abcd")).toBe(false);
    expect(timingSafeEqual("", "")).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
  });

  it("randomId is prefixed and unique", () => {
    const a = randomId("chat");
    expect(a).toMatch(/^chat_[A-Za-z0-9_-]{22}$/);
    expect(randomId("chat")).not.toBe(a);
  });
});
