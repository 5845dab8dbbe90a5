/**
 * src/engine/web-crypto.mjs: the synchronous Web Crypto paths function workers use give the same
 * results and the same failures as Node's `crypto.subtle` (the W3C Web Cryptography API,
 * https://www.w3.org/TR/WebCryptoAPI/), and leave every other case to it.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syncSubtle } from "../src/engine/web-crypto.mjs";

const node = globalThis.crypto.subtle;
const fast = syncSubtle(node);
const hex = (b: ArrayBuffer) => Buffer.from(b).toString("hex");
const failure = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: Error) => `${e.name}: ${e.message}`,
  );

describe("synchronous Web Crypto (function workers)", () => {
  it("HMAC sign/verify match Node's for every hash, key and data size; a wrong signature does not verify", async () => {
    for (const hash of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
      for (const [keyLen, dataLen] of [
        [1, 0],
        [20, 1],
        [32, 1000],
        [64, 5000],
        [200, 17],
      ] as const) {
        const raw = randomBytes(keyLen);
        const data = randomBytes(dataLen);
        const alg = { name: "HMAC", hash };
        const k = await fast.importKey("raw", raw, alg, false, ["sign", "verify"]);
        const reference = await node.importKey("raw", raw, alg, false, ["sign"]);
        const mac = await fast.sign("HMAC", k, data);
        expect(mac).toBeInstanceOf(ArrayBuffer);
        expect(hex(mac)).toBe(hex(await node.sign("HMAC", reference, data)));
        // a view into a larger buffer signs its own bytes only
        const padded = new Uint8Array(dataLen + 8);
        padded.set(data, 4);
        expect(hex(await fast.sign({ name: "hmac" }, k, padded.subarray(4, 4 + dataLen)))).toBe(hex(mac));
        expect(await fast.verify("HMAC", k, mac, data)).toBe(true);
        const bad = new Uint8Array(mac);
        bad[0]! ^= 1;
        expect(await fast.verify("HMAC", k, bad, data)).toBe(false);
        expect(await fast.verify("HMAC", k, bad.subarray(1), data)).toBe(false);
      }
    }
  });

  it("AES-GCM encrypt/decrypt match Node's (128/192/256-bit keys, with and without additional data)", async () => {
    for (const keyLen of [16, 24, 32]) {
      for (const [ivLen, dataLen, aad] of [
        [12, 0, undefined],
        [12, 1000, randomBytes(20)],
        [16, 33, new Uint8Array(0)],
        [64, 5, randomBytes(3)],
      ] as const) {
        const raw = randomBytes(keyLen);
        const iv = randomBytes(ivLen);
        const data = randomBytes(dataLen);
        const alg = { name: "AES-GCM", iv, ...(aad ? { additionalData: aad } : {}) };
        const k = await fast.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
        const reference = await node.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
        const sealed = await fast.encrypt(alg, k, data);
        expect(hex(sealed)).toBe(hex(await node.encrypt(alg, reference, data)));
        expect(hex(await fast.decrypt(alg, k, sealed))).toBe(data.toString("hex"));
        expect(hex(await node.decrypt(alg, reference, sealed))).toBe(data.toString("hex"));
      }
    }
  });

  it("fails as Node does: a tampered ciphertext, a short one, a wrong usage or algorithm", async () => {
    const raw = randomBytes(32);
    const iv = randomBytes(12);
    const k = await fast.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
    const reference = await node.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
    const sealed = new Uint8Array(await fast.encrypt({ name: "AES-GCM", iv }, k, randomBytes(40)));
    sealed[3]! ^= 1;
    for (const data of [sealed, sealed.subarray(0, 10)])
      expect(await failure(fast.decrypt({ name: "AES-GCM", iv }, k, data))).toBe(
        await failure(node.decrypt({ name: "AES-GCM", iv }, reference, data)),
      );
    expect(await failure(fast.decrypt({ name: "AES-GCM", iv }, k, sealed))).toBe(
      "OperationError: The operation failed for an operation-specific reason",
    );
    // additional data that differs from the seal's fails too
    const withAad = await fast.encrypt({ name: "AES-GCM", iv, additionalData: randomBytes(4) }, k, randomBytes(8));
    expect(await failure(fast.decrypt({ name: "AES-GCM", iv, additionalData: randomBytes(4) }, k, withAad))).toMatch(
      /^OperationError/,
    );

    const signOnly = await fast.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const signOnlyRef = await node.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const encryptOnly = await fast.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt"]);
    const encryptOnlyRef = await node.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt"]);
    const cases: [Promise<unknown>, Promise<unknown>][] = [
      [fast.verify("HMAC", signOnly, new Uint8Array(32), iv), node.verify("HMAC", signOnlyRef, new Uint8Array(32), iv)],
      [fast.encrypt({ name: "AES-GCM", iv }, signOnly, iv), node.encrypt({ name: "AES-GCM", iv }, signOnlyRef, iv)],
      [fast.sign("HMAC", encryptOnly, iv), node.sign("HMAC", encryptOnlyRef, iv)],
      [
        fast.decrypt({ name: "AES-GCM", iv }, encryptOnly, new Uint8Array(32)),
        node.decrypt({ name: "AES-GCM", iv }, encryptOnlyRef, new Uint8Array(32)),
      ],
      [
        fast.encrypt({ name: "AES-GCM", iv: new Uint8Array(0) }, k, iv),
        node.encrypt({ name: "AES-GCM", iv: new Uint8Array(0) }, reference, iv),
      ],
      [
        fast.encrypt({ name: "AES-GCM", iv: new Uint8Array(8) }, k, iv),
        node.encrypt({ name: "AES-GCM", iv: new Uint8Array(8) }, reference, iv),
      ],
      [fast.sign("HMAC", signOnly, "text" as never), node.sign("HMAC", signOnlyRef, "text" as never)],
    ];
    for (const [a, b] of cases) {
      const [x, y] = [await failure(a), await failure(b)];
      expect(x).not.toBe("resolved");
      expect(x).toBe(y);
    }
  });

  it("leaves other keys and algorithms to Node (generated keys, an HMAC length, AES-CBC, other digests)", async () => {
    const data = randomBytes(100);
    const generated = (await node.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign"])) as CryptoKey;
    expect(hex(await fast.sign("HMAC", generated, data))).toBe(hex(await node.sign("HMAC", generated, data)));
    const raw = randomBytes(32);
    const cut = await fast.importKey("raw", raw, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
    const cutRef = await node.importKey("raw", raw, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
    expect(hex(await fast.sign("HMAC", cut, data))).toBe(hex(await node.sign("HMAC", cutRef, data)));
    const cbc = await fast.importKey("raw", raw, { name: "AES-CBC" }, false, ["encrypt"]);
    const iv = randomBytes(16);
    const cbcRef = await node.importKey("raw", raw, { name: "AES-CBC" }, false, ["encrypt"]);
    expect(hex(await fast.encrypt({ name: "AES-CBC", iv }, cbc, data))).toBe(
      hex(await node.encrypt({ name: "AES-CBC", iv }, cbcRef, data)),
    );
    for (const alg of ["SHA-1", "SHA-256", "SHA-384", "SHA-512", { name: "sha-256" }])
      expect(hex(await fast.digest(alg, data))).toBe(hex(await node.digest(alg, data)));
    expect(await failure(fast.digest("MD5", data))).toBe(await failure(node.digest("MD5", data)));
  });

  it("keeps the key bytes as they were at import (a reused buffer does not change the key)", async () => {
    const raw = randomBytes(32);
    const copy = Buffer.from(raw);
    const k = await fast.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    raw.fill(0);
    const reference = await node.importKey("raw", copy, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    expect(hex(await fast.sign("HMAC", k, copy))).toBe(hex(await node.sign("HMAC", reference, copy)));
  });
});
