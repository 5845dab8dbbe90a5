/** JSON error body shared by webhooks and the REST API: `{ error: { code, message } }`. */
export function jsonError(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

/**
 * The client's IP where the request says it: the first `x-forwarded-for` hop or `x-real-ip`
 * (set by the dashboard relay and by reverse proxies). Neither Convex nor the local backend
 * adds one, so a direct caller can omit or vary it: per-IP buckets slow honest-but-noisy
 * clients, and the per-widget, per-visitor and per-request buckets still bound a caller who rotates it.
 */
export function clientIpOf(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || request.headers.get("x-real-ip")?.trim();
  return ip && ip.length <= 64 && /^[0-9A-Fa-f.:]+$/.test(ip) ? ip : null;
}

/**
 * A body (a request's or a fetched response's) read up to `maxBytes`, counted as it arrives (a
 * Content-Length is only a claim, and chunked bodies have none); reading stops at the first byte
 * over, and the answer is then null.
 */
export async function readCapped(
  message: { body: ReadableStream<Uint8Array> | null },
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!message.body) return new Uint8Array(0);
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
