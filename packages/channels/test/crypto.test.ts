import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base64Decode,
  base64Encode,
  bytesToHex,
  createKeyring,
  credentialAad,
  EncryptionConfigError,
  hmacHex,
  hmacSha1Base64,
  hmacSha256Base64,
  hmacSha256Hex,
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

  it("base64 round-trips arbitrary bytes (url-safe input accepted)", () => {
    const bytes = new Uint8Array(300).map((_, i) => (i * 37) & 0xff);
    expect(base64Encode(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
    expect(base64Decode(Buffer.from(bytes).toString("base64url"))).toEqual(bytes);
    expect(base64Decode("not base64!")).toBeNull();
  });

  it("hex encodes bytes", () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    expect(bytesToHex(bytes)).toBe("0001feff");
  });

  it("timingSafeEqual compares content and length", () => {
    expect(timingSafeEqual("abc", "abc")).toBe(true);
    expect(timingSafeEqual("abc", "abd")).toBe(false);
    expect(timingSafeEqual("abc", "abcd")).toBe(false);
    expect(timingSafeEqual("", "")).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
  });
});

describe("AES-256-GCM envelopes (keyring)", () => {
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);
  const aad = credentialAad("org_1", "authToken");

  it("seals with the primary key; node:crypto opens it (same AES-GCM layout: ct || 16-byte tag)", async () => {
    const ring = await createKeyring(keyA.toString("base64"));
    const env = await ring.encryptString("s3cret ✓", aad);
    expect(env.kid).toBe(createHash("sha256").update(keyA).digest("hex").slice(0, 8));
    const data = Buffer.from(env.ct, "base64");
    const decipher = createDecipheriv("aes-256-gcm", keyA, Buffer.from(env.iv, "base64"));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(data.subarray(data.length - 16));
    expect(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString()).toBe(
      "s3cret ✓",
    );
  });

  it("opens an envelope node:crypto sealed, and refuses it under another AAD", async () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", keyA, iv);
    cipher.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([cipher.update("token-123"), cipher.final(), cipher.getAuthTag()]);
    const kid = createHash("sha256").update(keyA).digest("hex").slice(0, 8);
    const env = { kid, iv: iv.toString("base64"), ct: ct.toString("base64") };
    const ring = await createKeyring(keyA.toString("base64"));
    expect(await ring.decryptString(env, aad)).toBe("token-123");
    await expect(ring.decryptString(env, credentialAad("org_2", "authToken"))).rejects.toThrow();
  });

  it("rotation: old keys still open, new envelopes use the new primary, unknown kid and bad keys fail", async () => {
    const before = await (await createKeyring(keyA.toString("base64"))).encryptString("v", aad);
    const rotated = await createKeyring(keyB.toString("base64"), [keyA.toString("base64")]);
    expect(await rotated.decryptString(before, aad)).toBe("v");
    expect(rotated.needsRotation(before)).toBe(true);
    expect(rotated.needsRotation(await rotated.encryptString("v", aad))).toBe(false);
    await expect((await createKeyring(keyB.toString("base64"))).decryptString(before, aad)).rejects.toThrow(
      /no key with id/,
    );
    await expect(createKeyring(undefined)).rejects.toBeInstanceOf(EncryptionConfigError);
    await expect(createKeyring(randomBytes(16).toString("base64"))).rejects.toThrow(/32 bytes/);
  });
});
