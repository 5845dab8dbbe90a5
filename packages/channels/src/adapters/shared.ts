/** Helpers shared by the adapters' inbound halves. */
import type { z } from "zod";
import { InboundParseError, type WebhookRequest } from "../types";

/** Header lookup tolerant of callers that did not lower-case names. */
export function header(req: WebhookRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  const direct = req.headers[lower];
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function mediaType(req: WebhookRequest): string | undefined {
  const ct = header(req, "content-type");
  return ct?.split(";")[0]?.trim().toLowerCase() || undefined;
}

/** Parses a JSON body; rejects non-JSON content types, empty bodies and malformed JSON. */
export function parseJsonBody(req: WebhookRequest, provider: string): unknown {
  const ct = mediaType(req);
  if (ct && !(ct === "application/json" || ct.endsWith("+json") || ct === "text/json")) {
    throw new InboundParseError(`${provider}: expected a JSON body but content-type is ${ct}`);
  }
  if (!req.rawBody || req.rawBody.trim().length === 0) {
    throw new InboundParseError(`${provider}: request body is empty`);
  }
  try {
    return JSON.parse(req.rawBody);
  } catch (err) {
    throw new InboundParseError(
      `${provider}: body is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

/** Parses an application/x-www-form-urlencoded body into key -> values (order preserved). */
export function parseFormBody(req: WebhookRequest, provider: string): Map<string, string[]> {
  const ct = mediaType(req);
  if (ct && ct !== "application/x-www-form-urlencoded") {
    throw new InboundParseError(`${provider}: expected a form-encoded body but content-type is ${ct}`);
  }
  return parseForm(req.rawBody ?? "");
}

export function parseForm(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(raw)) {
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}

/** Formats zod issues as "path: message; path: message". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      const where = i.path.length ? i.path.join(".") : "(body)";
      const missing = i.code === "invalid_type" && /received undefined$/.test(i.message);
      return missing ? `${where} is required` : `${where}: ${i.message}`;
    })
    .join("; ");
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InboundParseError(`${what}: ${describeIssues(result.error)}`);
  return result.data;
}

/** ISO string, unix seconds or ms (number or numeric string) -> ms since epoch. */
export function toEpochMs(value: unknown): number | undefined {
  if (value == null || value === "") return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
  if (typeof value === "string") {
    const t = value.trim();
    if (/^\d+(\.\d+)?$/.test(t)) return toEpochMs(Number(t));
    // Vonage/Resend sometimes send "2024-02-22T23:41:11.894719+00:00" (microseconds): Date.parse copes.
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** The last non-empty path segment after `marker` in the request URL (e.g. /webhooks/custom/<slug>). */
export function pathSegmentAfter(url: string, marker: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url, "http://localhost").pathname;
  } catch {
    return null;
  }
  const segments = pathname.split("/").filter(Boolean);
  const idx = segments.lastIndexOf(marker);
  if (idx === -1 || idx + 1 >= segments.length) return null;
  try {
    return decodeURIComponent(segments[idx + 1]!);
  } catch {
    return segments[idx + 1]!;
  }
}

export function queryParam(url: string, name: string): string | null {
  try {
    return new URL(url, "http://localhost").searchParams.get(name);
  } catch {
    return null;
  }
}

/** image/png -> "image"; used to pick WhatsApp/MMS media kinds. */
export function mediaKindOf(
  contentType: string | undefined,
  filename?: string,
): "image" | "video" | "audio" | "document" {
  const ct = (contentType ?? "").toLowerCase();
  if (ct.startsWith("image/")) return "image";
  if (ct.startsWith("video/")) return "video";
  if (ct.startsWith("audio/")) return "audio";
  if (!ct && filename) {
    const ext = filename.toLowerCase().split(".").pop() ?? "";
    if (["jpg", "jpeg", "png", "gif", "webp"].includes(ext)) return "image";
    if (["mp4", "3gp", "mov"].includes(ext)) return "video";
    if (["mp3", "ogg", "aac", "amr", "m4a", "opus"].includes(ext)) return "audio";
  }
  return "document";
}

/** Health state from an HTTP status: 2xx healthy, 401/403 down (bad credentials), 429/5xx degraded. */
export function healthFromStatus(status: number): "healthy" | "degraded" | "down" {
  if (status >= 200 && status < 300) return "healthy";
  if (status === 429 || status >= 500) return "degraded";
  return "down";
}
