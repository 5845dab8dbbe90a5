/**
 * Outbound HTTP plumbing shared by every adapter: timeout via AbortSignal, response reading and
 * the retryable/permanent classification of failures.
 */
import { base64Encode, utf8Encode } from "./crypto";
import type { AdapterContext, SendResult } from "./types";

export const DEFAULT_TIMEOUT_MS = 15_000;

export type SendFailure = Extract<SendResult, { ok: false }>;

export interface HttpRequest {
  method: "GET" | "POST" | "HEAD";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Overrides ctx.timeoutMs / settings.timeoutMs / 15 s. */
  timeoutMs?: number;
}

export type HttpOutcome =
  | {
      kind: "response";
      status: number;
      headers: Headers;
      text: string;
      /** Parsed JSON body, or undefined when the body is empty/not JSON. */
      json: unknown;
      latencyMs: number;
    }
  | { kind: "network"; timedOut: boolean; message: string; latencyMs: number };

/** Resolves the timeout for a call: explicit > ctx.timeoutMs > settings.timeoutMs > 15 s. */
export function timeoutOf(ctx: AdapterContext, explicit?: number): number {
  const fromSettings = Number(ctx.settings.timeoutMs);
  const candidates = [
    explicit,
    ctx.timeoutMs,
    Number.isFinite(fromSettings) && fromSettings > 0 ? fromSettings : undefined,
  ];
  for (const c of candidates) if (typeof c === "number" && c > 0) return c;
  return DEFAULT_TIMEOUT_MS;
}

/** Performs a request through ctx.fetch; never throws (network failures are an outcome). */
export async function httpRequest(ctx: AdapterContext, req: HttpRequest): Promise<HttpOutcome> {
  const timeoutMs = timeoutOf(ctx, req.timeoutMs);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const outer = ctx.signal;
  const onOuterAbort = () => controller.abort(outer?.reason ?? new Error("aborted"));
  if (outer) {
    if (outer.aborted) onOuterAbort();
    else outer.addEventListener("abort", onOuterAbort, { once: true });
  }
  const started = Date.now();
  try {
    const res = await ctx.fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
    });
    const text = await res.text();
    let json: unknown;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { kind: "response", status: res.status, headers: res.headers, text, json, latencyMs: Date.now() - started };
  } catch (err) {
    const message = timedOut
      ? `request timed out after ${timeoutMs} ms`
      : err instanceof Error
        ? err.message || err.name
        : String(err);
    return { kind: "network", timedOut, message, latencyMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Reads the remaining-quota header providers use (x-ratelimit-remaining, ratelimit-remaining…). */
export function rateLimitRemaining(headers: Headers): number | undefined {
  for (const name of ["x-ratelimit-remaining", "ratelimit-remaining", "x-rate-limit-remaining"]) {
    const v = headers.get(name);
    if (v != null && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  }
  return undefined;
}

export interface ProviderError {
  code?: string;
  message: string;
}

/**
 * Classifies a non-2xx response. 429 and 408 -> retryable (with Retry-After); 5xx -> retryable;
 * other 4xx -> permanent with the provider's message.
 */
export function classifyHttpFailure(
  status: number,
  headers: Headers,
  error: ProviderError,
  nowMs: number = Date.now(),
): SendFailure {
  const remaining = rateLimitRemaining(headers);
  const base = {
    ok: false as const,
    error: { code: error.code ?? `http_${status}`, message: error.message || `HTTP ${status}` },
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
  };
  if (status === 429 || status === 408 || status === 425) {
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), nowMs);
    return { ...base, retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(headers.get("retry-after"), nowMs);
    return { ...base, retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { ...base, retryable: false };
}

/** Network errors and timeouts are always worth retrying. */
export function networkFailure(outcome: Extract<HttpOutcome, { kind: "network" }>): SendFailure {
  return {
    ok: false,
    retryable: true,
    error: { code: outcome.timedOut ? "timeout" : "network_error", message: outcome.message },
  };
}

/** A permanent failure raised before any request was made (bad config, invalid input). */
export function permanentFailure(code: string, message: string): SendFailure {
  return { ok: false, retryable: false, error: { code, message } };
}

/** Strips a trailing slash so `${base}/path` never doubles it. */
export function baseUrl(ctx: AdapterContext, fallback: string): string {
  const raw = ctx.settings.apiBaseUrl?.trim() || fallback;
  return raw.replace(/\/+$/, "");
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${base64Encode(utf8Encode(`${user}:${password}`))}`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function stringField(obj: unknown, key: string): string | undefined {
  if (!isObject(obj)) return undefined;
  const v = obj[key];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}
