import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApiReq, type ApiRes, type ProviderModule, readBody, SimCore } from "./core";
import { DEFAULT_ACCOUNTS } from "./defaults";
import { meta, verifyMetaWebhook } from "./providers/meta";
import { openai } from "./providers/openai";
import { resend } from "./providers/resend";
import { twilio } from "./providers/twilio";
import { vonage } from "./providers/vonage";
import {
  type InboundResult,
  isSimProvider,
  type ProviderSim,
  type ProviderSimOptions,
  SIM_PROVIDERS,
  type SimAccounts,
  type SimFault,
  type SimInboundMessage,
  type SimMessageInfo,
  type SimProvider,
  type SimStatus,
  type SimStatusError,
  type SimWebhookFault,
  type WebhookRetryPolicy,
} from "./types";
import { emailAddress, isRecord, parseBody, sleep } from "./util";

const MODULES = { twilio, vonage, meta, resend, openai } as const;

/** Which fake API a path belongs to. An explicit /twilio|/vonage|/meta|/resend|/openai prefix wins. */
export function routeProvider(path: string): { provider: SimProvider; path: string } | null {
  const pre = /^\/(twilio|vonage|meta|resend|openai)(\/.*)$/.exec(path);
  if (pre) return { provider: pre[1] as SimProvider, path: pre[2]! };
  if (path.startsWith("/2010-04-01/")) return { provider: "twilio", path };
  if (path === "/v1/chat/completions" || path === "/v1/models" || path.startsWith("/v1/models/")) {
    return { provider: "openai", path };
  }
  if (path === "/v1/messages" || path.startsWith("/v1/messages/") || path.startsWith("/account/")) {
    return { provider: "vonage", path };
  }
  if (/^\/v\d+\.\d+\//.test(path)) return { provider: "meta", path };
  if (/^\/(emails|domains)(\/|$)/.test(path)) return { provider: "resend", path };
  return null;
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function writeRes(res: ServerResponse, r: ApiRes, provider?: string): void {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (provider) headers["x-provider-sim"] = provider;
  let payload: Buffer | string = "";
  if (r.bytes) {
    payload = r.bytes;
    headers["content-type"] = r.contentType ?? "application/octet-stream";
  } else if (r.json !== undefined) {
    payload = JSON.stringify(r.json);
    headers["content-type"] = r.contentType ?? "application/json; charset=utf-8";
  } else if (r.text !== undefined) {
    payload = r.text;
    headers["content-type"] = r.contentType ?? "text/plain; charset=utf-8";
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(r.status, headers);
  res.end(payload);
}

function normaliseInbound(body: Record<string, unknown>): SimInboundMessage | SimInboundMessage[] {
  if (Array.isArray(body.messages)) return body.messages as SimInboundMessage[];
  if (isRecord(body.message)) return body.message as unknown as SimInboundMessage;
  const { provider: _p, ...rest } = body;
  return rest as unknown as SimInboundMessage;
}

export async function startProviderSim(opts: ProviderSimOptions): Promise<ProviderSim> {
  if (!opts || typeof opts.webhookBaseUrl !== "string") throw new Error("provider-sim: webhookBaseUrl is required");
  const core = new SimCore(opts, MODULES as unknown as { [P in SimProvider]: ProviderModule<P> });

  for (const p of SIM_PROVIDERS) {
    const given = opts.accounts?.[p];
    const list = given === undefined ? [DEFAULT_ACCOUNTS[p]] : Array.isArray(given) ? given : [given];
    // Configure in reverse so the first listed account ends up the default.
    for (const acc of [...list].reverse()) core.configure(p, acc as SimAccounts[typeof p]);
  }

  const sendInbound = async (
    provider: SimProvider,
    msg: SimInboundMessage | SimInboundMessage[],
  ): Promise<InboundResult> => {
    const list = Array.isArray(msg) ? msg : [msg];
    return (MODULES[provider] as unknown as ProviderModule).inbound(core, list);
  };

  const sendStatus = async (
    provider: SimProvider,
    externalMessageId: string,
    status: SimStatus,
    error?: SimStatusError,
  ): Promise<{ status: number; body: string }> => {
    const mod = MODULES[provider] as unknown as ProviderModule;
    const msg =
      core.getMessage(provider, externalMessageId) ?? core.storeMessage(mod.placeholder(core, externalMessageId));
    return mod.status(core, msg, status, error, { auto: false });
  };

  const failRecipient = (provider: SimProvider, recipient: string, error: SimStatusError = {}): void => {
    let m = core.failedRecipients.get(provider);
    if (!m) {
      m = new Map();
      core.failedRecipients.set(provider, m);
    }
    m.set(provider === "resend" ? emailAddress(recipient).toLowerCase() : recipient, error);
  };

  const messages = (provider?: SimProvider): SimMessageInfo[] =>
    [...core.messages.values()]
      .filter((m) => !provider || m.provider === provider)
      .map((m) => ({
        provider: m.provider,
        id: m.id,
        to: m.to,
        from: m.from,
        text: m.text,
        subject: m.subject,
        status: m.status,
        createdAt: m.createdAt,
        account: m.accountKey,
      }));

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, url: URL, raw: string) {
    const body = parseBody(req.headers["content-type"], raw);
    const b = isRecord(body) ? body : {};
    const qp = url.searchParams.get("provider");
    const providerFilter = qp && isSimProvider(qp) ? qp : undefined;
    const need = (v: unknown): SimProvider => {
      if (!isSimProvider(v)) throw new Error(`provider must be one of ${SIM_PROVIDERS.join(", ")}`);
      return v;
    };
    try {
      if (req.method === "GET" && path === "/_sim/health") {
        return writeRes(res, { status: 200, json: { ok: true, url: core.url, webhookBaseUrl: core.webhookBaseUrl } });
      }
      if (req.method === "GET" && path === "/_sim/requests") {
        return writeRes(res, { status: 200, json: sim.requests(providerFilter) });
      }
      if (req.method === "GET" && path === "/_sim/deliveries") {
        return writeRes(res, { status: 200, json: sim.deliveries(providerFilter) });
      }
      if (req.method === "GET" && path === "/_sim/messages") {
        return writeRes(res, { status: 200, json: messages(providerFilter) });
      }
      if (req.method === "GET" && path === "/_sim/accounts") {
        const out: Record<string, unknown> = {};
        for (const p of SIM_PROVIDERS) out[p] = core.allAccounts(p);
        return writeRes(res, { status: 200, json: out });
      }
      if (req.method === "GET" && path === "/_sim/inbound") {
        return writeRes(res, { status: 200, json: sim.inbound(providerFilter) });
      }
      if (req.method === "GET" && path === "/_sim/faults") {
        return writeRes(res, { status: 200, json: core.activeFaults() });
      }
      const media = /^\/_sim\/media\/([^/]+)$/.exec(path);
      if (req.method === "GET" && media) {
        const blob = core.media.get(media[1]!);
        if (!blob) return writeRes(res, { status: 404, json: { error: "media not found" } });
        return writeRes(res, { status: 200, bytes: blob.bytes, contentType: blob.contentType });
      }
      if (req.method === "POST") {
        switch (path) {
          case "/_sim/fail":
            sim.fail(need(b.provider), b as unknown as SimFault);
            return writeRes(res, { status: 200, json: { ok: true, faults: core.activeFaults() } });
          case "/_sim/heal":
            sim.heal(b.provider === undefined ? undefined : need(b.provider));
            return writeRes(res, { status: 200, json: { ok: true } });
          case "/_sim/reset":
            sim.reset();
            return writeRes(res, { status: 200, json: { ok: true } });
          case "/_sim/configure":
            // `default: false` adds an account without making it the one inbound messages use by default.
            sim.configure(need(b.provider), b.account as SimAccounts[SimProvider], b.default !== false);
            return writeRes(res, { status: 200, json: { ok: true } });
          case "/_sim/inbound": {
            const r = await sendInbound(need(b.provider), normaliseInbound(b));
            return writeRes(res, { status: 200, json: r });
          }
          case "/_sim/status": {
            const r = await sendStatus(
              need(b.provider),
              String(b.externalMessageId),
              b.status as SimStatus,
              b.error as SimStatusError | undefined,
            );
            return writeRes(res, { status: 200, json: r });
          }
          case "/_sim/webhook-retry":
            sim.setWebhookRetry(need(b.provider), (b.policy ?? "none") as WebhookRetryPolicy | "none");
            return writeRes(res, { status: 200, json: { ok: true } });
          case "/_sim/webhook-fault":
            sim.webhookFault(need(b.provider), b as unknown as SimWebhookFault);
            return writeRes(res, { status: 200, json: { ok: true } });
          case "/_sim/fail-recipient":
            failRecipient(need(b.provider), String(b.recipient), b.error as SimStatusError | undefined);
            return writeRes(res, { status: 200, json: { ok: true } });
          case "/_sim/redeliver": {
            const r = await sim.redeliver(Number(b.seq));
            return writeRes(res, { status: 200, json: r });
          }
          case "/_sim/verify-meta": {
            const r = await verifyMetaWebhook(core, b as { verifyToken?: string; challenge?: string });
            return writeRes(res, { status: 200, json: r });
          }
        }
      }
      return writeRes(res, { status: 404, json: { error: `no admin route ${req.method} ${path}` } });
    } catch (err) {
      return writeRes(res, { status: 400, json: { error: err instanceof Error ? err.message : String(err) } });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sim.local");
    const raw = await readBody(req);
    if (url.pathname.startsWith("/_sim/")) return handleAdmin(req, res, url.pathname, url, raw);

    const headers = lowerHeaders(req);
    const route = routeProvider(url.pathname);
    const record = core.record({
      provider: route?.provider ?? "unknown",
      method: req.method ?? "GET",
      path: route?.path ?? url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parseBody(headers["content-type"], raw),
      rawBody: raw,
      time: Date.now(),
    });
    if (core.log) process.stderr.write(`[provider-sim] <- ${record.provider} ${record.method} ${url.pathname}\n`);
    if (!route) {
      record.status = 404;
      return writeRes(res, { status: 404, json: { error: "provider-sim: unknown route", path: url.pathname } });
    }
    const mod = MODULES[route.provider] as unknown as ProviderModule;

    const fault = core.takeFault(route.provider);
    if (fault) {
      record.fault = fault.mode;
      if (fault.mode === "timeout") {
        // Hold the socket without answering until the client gives up (or the sim stops).
        core.heldResponses.add(res);
        res.on("close", () => core.heldResponses.delete(res));
        return;
      }
      if (fault.mode === "slow") {
        // Answer normally, late (not on the core's timers: reset() must not strand the request).
        await sleep(fault.delayMs);
      } else {
        const r = mod.faultResponse(core, fault.mode, fault.retryAfterSeconds);
        record.status = r.status;
        return writeRes(res, r, route.provider);
      }
    }

    const apiReq: ApiReq = {
      provider: route.provider,
      method: record.method,
      path: route.path,
      query: url.searchParams,
      headers,
      rawBody: raw,
      body: record.body,
      record,
    };
    const r = await mod.handle(core, apiReq);
    record.status = r.status;
    if (r.stream) {
      // Server-sent events (chat completions with stream: true).
      res.writeHead(r.status, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        "x-provider-sim": route.provider,
      });
      for (const chunk of r.stream) res.write(chunk);
      res.end();
      return;
    }
    writeRes(res, r, route.provider);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (core.log) process.stderr.write(`[provider-sim] error: ${String(err)}\n`);
      if (!res.headersSent) writeRes(res, { status: 500, json: { error: String(err) } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  core.url = `http://${host}:${addr.port}`;

  const sim: ProviderSim = {
    url: core.url,
    baseUrls: { twilio: core.url, vonage: core.url, meta: core.url, resend: core.url, openai: `${core.url}/v1` },
    async stop() {
      core.shutdown();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    requests: (provider) => core.recorded.filter((r) => !provider || r.provider === provider),
    deliveries: (provider) => core.delivered.filter((d) => !provider || d.provider === provider),
    reset: () => core.reset(),
    configure: (provider, account, makeDefault) => core.configure(provider, account, makeDefault),
    account: (provider) => core.defaultAccount(provider),
    fail: (provider, fault) => core.fail(provider, fault),
    heal: (provider) => core.heal(provider),
    sendInbound,
    sendStatus,
    failRecipient,
    verifyMetaWebhook: (o) => verifyMetaWebhook(core, o),
    messages,
    async redeliver(seq) {
      const d = await core.redeliver(seq);
      return { status: d.status, body: d.responseBody };
    },
    idle: () => core.idle(),
    inbound: (provider) => core.inboundLog.filter((r) => !provider || r.provider === provider).map((r) => ({ ...r })),
    setWebhookRetry: (provider, policy) => core.setWebhookRetry(provider, policy),
    webhookFault: (provider, fault) => core.webhookFault(provider, fault),
    aiUsage: () => Object.fromEntries([...core.aiUsage].map(([k, v]) => [k, { ...v }])),
  };
  return sim;
}
