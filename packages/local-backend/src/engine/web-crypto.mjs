// Web Crypto for function code, answered synchronously where Node would queue the work on libuv's
// thread pool (plain JavaScript: function-worker.mjs imports it).
//
// PERF: Node runs every `crypto.subtle` sign/verify/encrypt/decrypt/digest as a job on libuv's
// thread pool (4 threads shared with the store's fdatasync and file writes) and resolves it on
// the next event-loop turn. For the 1 KB HMACs and AES-GCM seals a webhook makes, the job costs
// less than the hand-off: measured on the 2-core VM (packages/bench README, "Ingest: ..."),
// HMAC-SHA-256 + AES-256-GCM of 1 KB took 58 µs of the calling thread's CPU and 132 µs of wall
// time per pair through `crypto.subtle`, 19 µs and 29 µs through node:crypto synchronously; with
// both cores busy, 89 µs and 2.0 ms (the pool thread waits for a core) against 16 µs and 0.2 ms.
//
// Only the common, fully specified cases take the synchronous path: HMAC and AES-GCM keys
// imported here as "raw" bytes (their bytes are kept beside the CryptoKey, in a WeakMap no
// function code can reach), HMAC sign/verify, AES-GCM encrypt/decrypt with a 128-bit tag and a
// 12-128-byte IV, and SHA digests of ArrayBuffer-backed data. Everything else (other algorithms,
// formats or keys, wrong usages, odd arguments) goes to Node's own implementation, which
// validates and fails exactly as before. Results are fresh ArrayBuffers, errors the same
// DOMException ("OperationError") Node gives; `test/web-crypto.test.ts` checks both against
// Node's implementation.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  timingSafeEqual,
} from "node:crypto";

const HASHES = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
const GCM_TAG_BYTES = 16;

/** The name of an algorithm argument (a string or `{ name }`), upper-cased, or undefined. */
function algName(algorithm) {
  const name = typeof algorithm === "string" ? algorithm : algorithm?.name;
  return typeof name === "string" ? name.toUpperCase() : undefined;
}

/** A BufferSource as bytes (no copy), or undefined for anything else (SharedArrayBuffer included). */
function bytesOf(data) {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer)
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

/** A fresh ArrayBuffer holding `parts`, one after the other. */
function arrayBufferOf(...parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out.buffer;
}

const operationError = () =>
  new DOMException("The operation failed for an operation-specific reason", "OperationError");

/**
 * Wrappers around `subtle`'s methods (the originals are called for every case not handled here).
 * `install` puts them on the `subtle` object itself.
 */
export function syncSubtle(subtle) {
  const original = {
    importKey: subtle.importKey,
    sign: subtle.sign,
    verify: subtle.verify,
    encrypt: subtle.encrypt,
    decrypt: subtle.decrypt,
    digest: subtle.digest,
  };
  /** CryptoKey -> KeyObject of its raw bytes (keys imported through `importKey` below) */
  const material = new WeakMap();

  const keyFor = (key, algorithm, usage) => {
    const ko = material.get(key);
    if (!ko || key.algorithm?.name !== algorithm || !key.usages.includes(usage)) return undefined;
    return ko;
  };
  const hmacOf = (key, usage, data) => {
    const ko = keyFor(key, "HMAC", usage);
    const hash = ko && HASHES[key.algorithm.hash?.name];
    const bytes = hash && bytesOf(data);
    return bytes ? createHmac(hash, ko).update(bytes).digest() : undefined;
  };
  /** [key, iv, additionalData] of an AES-GCM call this module answers, or undefined */
  const gcmArgs = (algorithm, key, usage) => {
    if (algName(algorithm) !== "AES-GCM" || typeof algorithm !== "object") return undefined;
    if (algorithm.tagLength !== undefined && algorithm.tagLength !== 128) return undefined;
    const ko = keyFor(key, "AES-GCM", usage);
    const iv = ko && bytesOf(algorithm.iv);
    // Node's own implementation refuses IVs under 12 bytes (and very long ones): left to it
    if (!iv || iv.length < 12 || iv.length > 128) return undefined;
    const aad = algorithm.additionalData === undefined ? null : bytesOf(algorithm.additionalData);
    if (aad === undefined) return undefined;
    return [ko, iv, aad];
  };

  return {
    importKey(format, keyData, algorithm, extractable, usages) {
      const p = original.importKey.call(subtle, format, keyData, algorithm, extractable, usages);
      const name = algName(algorithm);
      const raw = format === "raw" ? bytesOf(keyData) : undefined;
      // an HMAC `length` may cut the key: left to Node
      if (raw && (name === "AES-GCM" || (name === "HMAC" && algorithm.length === undefined))) {
        const copy = createSecretKey(Buffer.from(raw)); // the bytes as they are now (the caller may reuse its buffer)
        return p.then((key) => {
          material.set(key, copy);
          return key;
        });
      }
      return p;
    },
    sign(algorithm, key, data) {
      const mac = algName(algorithm) === "HMAC" ? hmacOf(key, "sign", data) : undefined;
      return mac ? Promise.resolve(arrayBufferOf(mac)) : original.sign.call(subtle, algorithm, key, data);
    },
    verify(algorithm, key, signature, data) {
      const sig = bytesOf(signature);
      const mac = sig && algName(algorithm) === "HMAC" ? hmacOf(key, "verify", data) : undefined;
      if (!mac) return original.verify.call(subtle, algorithm, key, signature, data);
      return Promise.resolve(mac.length === sig.length && timingSafeEqual(mac, sig));
    },
    encrypt(algorithm, key, data) {
      const args = gcmArgs(algorithm, key, "encrypt");
      const bytes = args && bytesOf(data);
      if (!bytes) return original.encrypt.call(subtle, algorithm, key, data);
      const [ko, iv, aad] = args;
      const cipher = createCipheriv(`aes-${ko.symmetricKeySize * 8}-gcm`, ko, iv, { authTagLength: GCM_TAG_BYTES });
      if (aad) cipher.setAAD(aad);
      const head = cipher.update(bytes);
      const tail = cipher.final();
      return Promise.resolve(arrayBufferOf(head, tail, cipher.getAuthTag()));
    },
    decrypt(algorithm, key, data) {
      const args = gcmArgs(algorithm, key, "decrypt");
      const bytes = args && bytesOf(data);
      if (!bytes || bytes.length < GCM_TAG_BYTES) return original.decrypt.call(subtle, algorithm, key, data);
      const [ko, iv, aad] = args;
      const decipher = createDecipheriv(`aes-${ko.symmetricKeySize * 8}-gcm`, ko, iv, {
        authTagLength: GCM_TAG_BYTES,
      });
      if (aad) decipher.setAAD(aad);
      decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
      try {
        const head = decipher.update(bytes.subarray(0, bytes.length - GCM_TAG_BYTES));
        return Promise.resolve(arrayBufferOf(head, decipher.final()));
      } catch {
        return Promise.reject(operationError());
      }
    },
    digest(algorithm, data) {
      const hash = HASHES[algName(algorithm)];
      const bytes = hash && bytesOf(data);
      if (!bytes) return original.digest.call(subtle, algorithm, data);
      return Promise.resolve(arrayBufferOf(createHash(hash).update(bytes).digest()));
    },
  };
}

/** Put the synchronous paths on `subtle` (the worker's `crypto.subtle`). */
export function installSyncSubtle(subtle = globalThis.crypto.subtle) {
  for (const [name, fn] of Object.entries(syncSubtle(subtle)))
    Object.defineProperty(subtle, name, { value: fn, writable: true, configurable: true, enumerable: false });
}
