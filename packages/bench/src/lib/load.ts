/**
 * A small keep-alive load generator on node:http: `concurrency` workers each send the next
 * prepared request as soon as their previous one answered (closed loop), recording per-request
 * latency and status. Requests are prepared (signed) before the clock starts, or, given as a function, when a worker
 * takes them: as a provider signs at send time, for runs that may outlast a signature's time window (svix: 5 minutes).
 */
import http from "node:http";

export interface PreparedRequest {
  method?: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface LoadResult {
  sent: number;
  durationMs: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  statuses: Record<string, number>;
  errors: number;
  /** Index -> status (0 = network error) for callers that need per-request outcomes. */
  outcomes: Int16Array;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarize(latencies: number[]) {
  const s = Float64Array.from(latencies).sort();
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  return {
    p50: round(percentile(s, 50)),
    p90: round(percentile(s, 90)),
    p99: round(percentile(s, 99)),
    max: round(s[s.length - 1] ?? NaN),
    mean: round(mean),
  };
}

export function sendOne(
  baseUrl: string,
  req: PreparedRequest,
  agent?: http.Agent,
  timeoutMs = 30_000,
): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const body = typeof req.body === "string" ? Buffer.from(req.body) : req.body;
    const r = http.request(
      {
        host: url.hostname,
        port: url.port,
        // Sent verbatim (no URL normalisation), so path tricks reach the server as written.
        path: req.path,
        method: req.method ?? "POST",
        agent,
        headers: { ...req.headers, "content-length": String(body.length) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    r.on("timeout", () => r.destroy(new Error("request timeout")));
    r.on("error", reject);
    r.end(body);
  });
}

export async function runLoad(
  baseUrl: string,
  requests: ReadonlyArray<PreparedRequest | (() => PreparedRequest)>,
  opts: {
    concurrency: number;
    durationMs?: number;
    onResponse?: (i: number, status: number, body: string) => void;
    onError?: (i: number, error: unknown) => void;
  },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const outcomes = new Int16Array(requests.length);
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  const stopAt = opts.durationMs ? t0 + opts.durationMs : Infinity;
  const worker = async () => {
    for (;;) {
      if (performance.now() >= stopAt) return;
      const i = next++;
      if (i >= requests.length) return;
      const s = performance.now();
      try {
        const req = requests[i]!;
        const res = await sendOne(baseUrl, typeof req === "function" ? req() : req, agent);
        latencies.push(performance.now() - s);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        outcomes[i] = res.status;
        opts.onResponse?.(i, res.status, res.body);
      } catch (error) {
        errors++;
        outcomes[i] = 0;
        opts.onError?.(i, error);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const durationMs = performance.now() - t0;
  agent.destroy();
  return {
    sent: latencies.length + errors,
    durationMs: round(durationMs),
    perSecond: round((latencies.length / durationMs) * 1000, 1),
    latencyMs: summarize(latencies),
    statuses,
    errors,
    outcomes,
  };
}
