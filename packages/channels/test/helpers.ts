import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AdapterContext, WebhookRequest } from "../src/types";

export interface RecordedRequest {
  method: string;
  /** Path plus query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (for timeout tests); the server closes the socket on shutdown. */
  hang?: boolean;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 (random port) that records requests and answers from a script. */
export async function startServer(
  respond: (req: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const r = await respond(recorded);
      if (r.hang) return;
      const body = r.body === undefined ? "" : typeof r.body === "string" ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status, {
        ...(typeof r.body === "string" || r.body === undefined ? {} : { "content-type": "application/json" }),
        ...r.headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function ctxFor(
  credentials: Record<string, string | undefined>,
  settings: Record<string, string | undefined>,
  extra: Partial<AdapterContext> = {},
): AdapterContext {
  return { credentials, settings, fetch: globalThis.fetch, ...extra };
}

export function webhook(
  url: string,
  rawBody: string,
  headers: Record<string, string> = {},
  method = "POST",
): WebhookRequest {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return { method, url, headers: lower, rawBody };
}

export function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

/** Decodes an HTTP Basic header into [user, password]. */
export function basicOf(header: string | undefined): [string, string] | null {
  const m = /^Basic (.+)$/.exec(header ?? "");
  if (!m) return null;
  const [u, ...rest] = Buffer.from(m[1]!, "base64").toString("utf8").split(":");
  return [u!, rest.join(":")];
}
