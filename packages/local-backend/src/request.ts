import { createHash, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import zlib from "node:zlib";
import type { JSONValue } from "convex/values";

/**
 * Limits on what a request may make the backend hold in memory. Convex accepts function
 * arguments up to 16 MiB and HTTP action requests up to 20 MiB
 * (https://docs.convex.dev/production/state/limits); the limits apply to the decompressed
 * body, so a tiny gzip/brotli bomb cannot expand past them.
 */
export const LIMITS = {
  /** Function call bodies on the cloud port (args + envelope). */
  functionBody: 16 * 1024 * 1024 + 64 * 1024,
  /** Bodies read before the caller is authenticated (e.g. `get_config_hashes` with `adminKey` in the body). */
  anonymousShimBody: 1024 * 1024,
  /** `npx convex` push bodies (all modules + source maps), admin only. */
  pushBody: 128 * 1024 * 1024,
  /** HTTP actions (site port). */
  httpActionBody: 20 * 1024 * 1024,
  /** File uploads through upload URLs. */
  upload: 256 * 1024 * 1024,
} as const;

/** A request the backend refuses with a 4xx: `code`/`message` go to the client as JSON. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.BrotliDecompress | zlib.Inflate | null {
  const enc = (encoding ?? "identity").trim().toLowerCase();
  if (enc === "identity" || enc === "") return null;
  if (enc === "gzip" || enc === "x-gzip") return zlib.createGunzip();
  if (enc === "br") return zlib.createBrotliDecompress();
  if (enc === "deflate") return zlib.createInflate();
  throw new RequestError(415, "UnsupportedContentEncoding", `Content-Encoding "${enc}" is not supported`);
}

const tooLarge = (limit: number) =>
  new RequestError(413, "PayloadTooLarge", `Request body exceeds the limit of ${limit} bytes`);

/**
 * Read a request body, decompressing `Content-Encoding` gzip/br/deflate as a stream and
 * aborting as soon as the raw or the decompressed size passes `limit` (413). Decompression
 * errors are the client's fault (400). Node's `zlib.*Sync` would inflate the whole bomb first;
 * the streaming decoder emits bounded chunks, so memory stays within `limit` plus one chunk.
 */
export async function readBody(
  req: http.IncomingMessage,
  limit: number,
  opts: { decompress?: boolean } = { decompress: true },
): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const decoder = opts.decompress === false ? null : decoderFor(req.headers["content-encoding"]);
  let raw = 0;
  let rawError: RequestError | null = null;
  const source: Readable = decoder ? pipeline(req, decoder, () => {}) : req;
  if (decoder) {
    req.on("data", (c: Buffer) => {
      raw += c.length;
      if (raw > limit && !rawError) {
        rawError = tooLarge(limit);
        decoder.destroy(rawError);
      }
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(chunk);
    }
  } catch (e) {
    source.destroy();
    if (rawError) throw rawError;
    if (e instanceof RequestError) throw e;
    if (decoder)
      throw new RequestError(400, "BadRequestBody", `Request body could not be decompressed: ${(e as Error).message}`);
    throw e;
  }
  return Buffer.concat(chunks, size);
}

/**
 * Parse a JSON body (empty body = `{}`); malformed JSON is a 400, never a 500. The routes
 * (http.ts, cli/deployment.ts) read its fields through `jsonFields`/`jsonField`, each checking
 * what it reads.
 */
export function parseJsonBody(buf: Buffer): JSONValue {
  if (!buf.length) return {};
  try {
    return JSON.parse(buf.toString("utf8"));
  } catch {
    throw new RequestError(400, "BadJsonBody", "Request body is not valid JSON");
  }
}

/** A JSON object's fields, unchecked; any other JSON value has none. */
export function jsonFields(v: unknown): { readonly [k: string]: unknown } {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as { [k: string]: unknown }) : {};
}

/** The value at `keys` inside nested JSON objects (`body?.a?.b`), undefined where one is missing. */
export function jsonField(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) cur = jsonFields(cur)[k];
  return cur;
}

/** Constant-time comparison, so the admin key cannot be guessed byte by byte from timings. */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Browser origins the cloud port answers. Only the dashboard's own origins get CORS allow
 * headers; a request from any other page is refused before it runs anything, and a request
 * carrying the admin key from any browser page is refused (the admin key is for the CLI,
 * scripts and `pnpm dev`, which send no `Origin`).
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;
  constructor(origins: Iterable<string>) {
    this.allowed = new Set([...origins].map(normalizeOrigin).filter((o): o is string => o !== null));
  }
  /** No `Origin` header (not a browser) or one of the configured dashboard origins. */
  permits(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    const o = normalizeOrigin(origin);
    return o !== null && this.allowed.has(o);
  }
  list(): string[] {
    return [...this.allowed];
  }
}

/** `scheme://host[:port]` of a URL-ish string, lower-cased; null for anything else. */
function normalizeOrigin(value: string): string | null {
  try {
    const u = new URL(value.trim());
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** Allow headers for a permitted browser origin on a request that does not use the admin key. */
export function setCorsHeaders(res: http.ServerResponse, origin: string) {
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, Convex-Client, convex-client");
  res.setHeader("Access-Control-Max-Age", "86400");
}
