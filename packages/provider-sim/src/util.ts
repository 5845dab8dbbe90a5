import { randomBytes, randomInt, randomUUID } from "node:crypto";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** Twilio SIDs: two-letter prefix + 32 hex. */
export const twilioSid = (prefix: "SM" | "MM" | "ME" | "RQ" | "AC" | "MG") => prefix + hex(16);

export const uuid = () => randomUUID();

export function digits(phone: string): string {
  return phone.replace(/\D/g, "");
}

/** wamid.<base64> resembling Meta's (an encoded blob containing the recipient and a random key). */
export function wamid(waId: string): string {
  const d = digits(waId) || "0";
  const blob = Buffer.concat([
    Buffer.from([0x1c, 0x18, d.length]),
    Buffer.from(d, "ascii"),
    Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, 0x12]),
    Buffer.from(hex(9).toUpperCase(), "ascii"),
    Buffer.from([0x00]),
  ]);
  return `wamid.${blob.toString("base64")}`;
}

export function numericId(length = 16): string {
  let s = String(randomInt(1, 10));
  while (s.length < length) s += String(randomInt(0, 10));
  return s;
}

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function base62(length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += B62[randomInt(0, 62)];
  return s;
}

export function fbtraceId(): string {
  return base62(11);
}

/** RFC 2822 date as Twilio prints it: "Wed, 25 Nov 2026 16:28:16 +0000". */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace("GMT", "+0000");
}

/** Parse application/x-www-form-urlencoded; repeated keys become arrays. */
function parseForm(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}

export function formEncode(params: Record<string, string | string[] | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) usp.append(k, item);
    else usp.append(k, v);
  }
  return usp.toString();
}

export function parseBody(contentType: string | undefined, raw: string): unknown {
  if (!raw) return undefined;
  const ct = (contentType ?? "").toLowerCase();
  if (ct.includes("application/x-www-form-urlencoded")) return parseForm(raw);
  if (ct.includes("json") || /^\s*[[{]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

export function basicAuth(header: string | undefined): { user: string; pass: string } | null {
  if (!header) return null;
  const m = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf-8");
  const i = decoded.indexOf(":");
  if (i < 0) return null;
  return { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

export function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1]!.trim() : null;
}

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function asArray(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

export function toMs(t: number | Date | undefined, fallback: number): number {
  if (t === undefined) return fallback;
  return t instanceof Date ? t.getTime() : t;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** E.164 check used by the fakes for "invalid To" errors. */
export function isE164ish(v: string): boolean {
  return /^\+?[1-9]\d{6,14}$/.test(v.trim());
}

export function emailDomain(addr: string): string {
  const m = /<([^>]+)>/.exec(addr);
  const a = (m ? m[1]! : addr).trim();
  const at = a.lastIndexOf("@");
  return at >= 0 ? a.slice(at + 1).toLowerCase() : "";
}

export function emailAddress(addr: string): string {
  const m = /<([^>]+)>/.exec(addr);
  return (m ? m[1]! : addr).trim();
}
