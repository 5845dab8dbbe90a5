/**
 * Order-preserving binary encoding of index keys: for keys `a` and `b`,
 * `Buffer.compare(encodeKey(a), encodeKey(b))` has the sign of `compareKeys(a, b)` (Convex's
 * value order, `compareValues` in `convex/values`), so SQLite can store index entries as BLOBs
 * and answer range scans in Convex order with its own byte comparison (memcmp).
 *
 * Hand-written: no library implements Convex's value order. Each element is a type tag in
 * Convex's type order (undefined < null < int64 < float64 < boolean < string < bytes < array <
 * object) and a body that sorts like the value. The encoding is prefix-free element by element,
 * so the encoding of a key prefix is a byte prefix of the key's encoding, and `prefixEnd`
 * bounds every key that starts with a prefix (no element begins with 0xff).
 */
import { CommitTsPlaceholder } from "convex/values";
import type { Key, Value } from "./values.js";

const T_UNDEFINED = 0x01;
const T_NULL = 0x02;
const T_INT64 = 0x03;
const T_FLOAT64 = 0x04;
const T_BOOLEAN = 0x05;
const T_STRING = 0x06;
const T_BYTES = 0x07;
const T_ARRAY = 0x08;
const T_OBJECT = 0x0a;
/** Ends an array/object and a string/bytes body; sorts below every element tag. */
const END = 0x00;

class Writer {
  buf = Buffer.allocUnsafe(64);
  len = 0;
  reserve(n: number) {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  byte(b: number) {
    this.reserve(1);
    this.buf[this.len++] = b;
  }
  /** Bytes with 0x00 escaped as 0x00 0xff, then the terminator 0x00 0x01: order of the raw bytes, shorter first. */
  escaped(bytes: Uint8Array) {
    this.reserve(bytes.length * 2 + 2);
    for (const b of bytes) {
      this.buf[this.len++] = b;
      if (b === 0) this.buf[this.len++] = 0xff;
    }
    this.buf[this.len++] = 0;
    this.buf[this.len++] = 1;
  }
}

const f64 = new DataView(new ArrayBuffer(8));

function writeValue(w: Writer, v: Value | undefined): void {
  if (v === undefined) {
    w.byte(T_UNDEFINED);
    return;
  }
  if (v === null) {
    w.byte(T_NULL);
    return;
  }
  if (typeof v === "bigint" || v instanceof CommitTsPlaceholder) {
    // signed int64, big-endian with the sign bit flipped (a placeholder sorts as the maximum, like compareValues)
    const n = typeof v === "bigint" ? v : 0x7fffffffffffffffn;
    f64.setBigInt64(0, n);
    w.byte(T_INT64);
    w.reserve(8);
    for (let i = 0; i < 8; i++) w.buf[w.len++] = f64.getUint8(i) ^ (i === 0 ? 0x80 : 0);
    return;
  }
  if (typeof v === "number") {
    // IEEE 754 total order: negative numbers flip every bit, positive ones flip the sign bit
    // (-NaN < -Infinity < ... < -0 < 0 < ... < Infinity < NaN, as compareValues orders them)
    f64.setFloat64(0, v);
    const neg = (f64.getUint8(0) & 0x80) !== 0;
    w.byte(T_FLOAT64);
    w.reserve(8);
    for (let i = 0; i < 8; i++) w.buf[w.len++] = f64.getUint8(i) ^ (neg ? 0xff : i === 0 ? 0x80 : 0);
    return;
  }
  if (typeof v === "boolean") {
    w.byte(T_BOOLEAN);
    w.byte(v ? 1 : 0);
    return;
  }
  if (typeof v === "string") {
    // compareValues orders strings by UTF-8 bytes (code points)
    w.byte(T_STRING);
    w.escaped(Buffer.from(v, "utf8"));
    return;
  }
  if (v instanceof ArrayBuffer) {
    w.byte(T_BYTES);
    w.escaped(new Uint8Array(v));
    return;
  }
  if (Array.isArray(v)) {
    w.byte(T_ARRAY);
    for (const x of v) writeValue(w, x);
    w.byte(END);
    return;
  }
  // objects compare as their [key, value] pairs sorted by key
  w.byte(T_OBJECT);
  for (const k of Object.keys(v).sort()) {
    w.byte(T_ARRAY);
    writeValue(w, k);
    writeValue(w, (v as Record<string, Value>)[k]);
    w.byte(END);
  }
  w.byte(END);
}

/** Encode an index key (or a prefix of one) so that byte order equals `compareKeys` order. */
export function encodeKey(key: Key): Buffer {
  const w = new Writer();
  for (const v of key) writeValue(w, v);
  return Buffer.from(w.buf.subarray(0, w.len));
}

/** The smallest byte string above every key that starts with `prefix` (an encoded key prefix). */
export function prefixEnd(prefix: Buffer): Buffer {
  return Buffer.concat([prefix, MAX_KEY]);
}

/** Below every encoded key / above every encoded key. */
export const MIN_KEY = Buffer.alloc(0);
export const MAX_KEY = Buffer.from([0xff]);
