import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ProviderSim, type ProviderSimOptions, type SimAccounts, startProviderSim } from "../src/index";

export interface ReceivedHook {
  method: string;
  /** Path + query as received. */
  path: string;
  /** Full URL the sim called (base + path). */
  url: string;
  headers: Record<string, string>;
  body: string;
  time: number;
}

export interface Receiver {
  url: string;
  hooks: ReceivedHook[];
  /** Override the response for the next requests (default 200 "ok"). */
  respond: (fn: (hook: ReceivedHook, res: ServerResponse) => void) => void;
  close(): Promise<void>;
}

/** A local node:http "webhook receiver" standing in for the Convex site URL. */
export async function startReceiver(): Promise<Receiver> {
  const hooks: ReceivedHook[] = [];
  let responder: ((hook: ReceivedHook, res: ServerResponse) => void) | null = null;
  let base = "";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const hook: ReceivedHook = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        url: base + (req.url ?? "/"),
        headers,
        body: Buffer.concat(chunks).toString("utf-8"),
        time: Date.now(),
      };
      hooks.push(hook);
      if (responder) return responder(hook, res);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    hooks,
    respond: (fn) => {
      responder = fn;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** Poll until fn returns a truthy value; generous timeout, no timing assertions. */
export async function waitFor<T>(
  fn: () => T | undefined | null | false,
  what = "condition",
  timeoutMs = 15_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function testAccounts(): SimAccounts {
  const h = (n: number) => randomBytes(n).toString("hex");
  return {
    twilio: { accountSid: `AC${h(16)}`, authToken: h(16), numbers: ["+15005550006"] },
    vonage: { apiKey: h(4), apiSecret: h(8), signatureSecret: h(24), numbers: ["447700900123"] },
    meta: {
      accessToken: `EAA${h(20)}`,
      appSecret: h(16),
      phoneNumberId: "109876543210987",
      verifyToken: `vt-${h(6)}`,
      displayPhoneNumber: "15551230000",
    },
    resend: {
      apiKey: `re_${h(12)}`,
      webhookSecret: `whsec_${randomBytes(24).toString("base64")}`,
      domain: "acme.test",
    },
    openai: { apiKey: `sk-test-${h(16)}`, models: ["sim-gpt-4o-mini"] },
  };
}

export interface Harness {
  sim: ProviderSim;
  rx: Receiver;
  acc: SimAccounts;
  close(): Promise<void>;
}

export async function startHarness(opts: Partial<ProviderSimOptions> = {}): Promise<Harness> {
  const rx = await startReceiver();
  const acc = testAccounts();
  const sim = await startProviderSim({ webhookBaseUrl: rx.url, port: 0, accounts: acc, statusDelayMs: 10, ...opts });
  return {
    sim,
    rx,
    acc,
    close: async () => {
      await sim.stop();
      await rx.close();
    },
  };
}

export function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
}

export async function getJson(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${text}`);
  }
}

/** Async variant of waitFor: re-evaluates fn (awaiting it) until truthy. */
export async function pollUntil<T>(
  fn: () => Promise<T | undefined | null | false>,
  what = "condition",
  timeoutMs = 15_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
