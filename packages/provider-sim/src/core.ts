import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type {
  FaultMode,
  InboundResult,
  ProviderSimOptions,
  RecordedRequest,
  SimAccounts,
  SimFault,
  SimInboundMessage,
  SimInboundRecord,
  SimProvider,
  SimStatus,
  SimStatusError,
  SimWebhookFault,
  WebhookDelivery,
  WebhookPaths,
  WebhookRetryPolicy,
} from "./types";

export interface ApiReq {
  provider: SimProvider;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
  record: RecordedRequest;
}

export interface ApiRes {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  bytes?: Buffer;
  contentType?: string;
  /** Server-sent event chunks, written in order. */
  stream?: string[];
}

/** An outbound message the sim accepted. */
export interface StoredMessage {
  provider: SimProvider;
  id: string;
  accountKey: string;
  to: string;
  from: string;
  text?: string;
  subject?: string;
  html?: string;
  /** Provider-native status. */
  status: string;
  createdAt: number;
  updatedAt: number;
  statusCallback?: string;
  clientRef?: string;
  /** Provider specific extras (num_media, cc, template...). */
  extra: Record<string, unknown>;
  errorCode?: string | number;
  errorMessage?: string;
}

export interface PlannedStatus {
  status: SimStatus;
  error?: SimStatusError;
}

export interface ProviderModule<P extends SimProvider = SimProvider> {
  id: P;
  accountKey(account: SimAccounts[P]): string;
  /** Does this account own the given receiving address (number, phone_number_id, domain)? */
  ownsAddress(account: SimAccounts[P], address: string): boolean;
  handle(core: SimCore, req: ApiReq): Promise<ApiRes> | ApiRes;
  faultResponse(core: SimCore, mode: Exclude<FaultMode, "timeout">, retryAfterSeconds: number): ApiRes;
  inbound(core: SimCore, msgs: SimInboundMessage[]): Promise<InboundResult>;
  status(
    core: SimCore,
    msg: StoredMessage,
    status: SimStatus,
    error?: SimStatusError,
    opts?: { auto?: boolean },
  ): Promise<{ status: number; body: string }>;
  /** Statuses posted by autoDeliver after a successful send. */
  autoStatuses(core: SimCore, msg: StoredMessage): PlannedStatus[];
  /** Placeholder message for sendStatus() on an id the sim never sent. */
  placeholder(core: SimCore, id: string): StoredMessage;
}

interface ActiveFault {
  mode: FaultMode;
  until?: number;
  remaining?: number;
  retryAfterSeconds: number;
  delayMs: number;
}

/** Builds one webhook attempt: headers, body and URL (a signature may sit in any of them). */
export type WebhookSigner = (o: { unsigned: boolean; attempt: number }) => {
  url: string;
  headers: Record<string, string>;
  body: string;
};

export interface WebhookMeta {
  externalMessageId?: string;
  providerStatus?: string;
  method?: "POST" | "GET";
}

/** Headers that carry a provider signature; dropped from an "unsigned" attempt. */
const SIGNATURE_HEADERS = [
  "authorization",
  "x-twilio-signature",
  "x-twilio-webhooks-signature-settings",
  "x-hub-signature-256",
  "x-hub-signature",
  "svix-signature",
];

function withoutSignature(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !SIGNATURE_HEADERS.includes(k.toLowerCase())));
}

export const DEFAULT_WEBHOOK_PATHS: WebhookPaths = {
  twilioInbound: "/webhooks/sms/twilio",
  twilioStatus: "/webhooks/sms/twilio/status",
  vonageInbound: "/webhooks/sms/vonage",
  vonageStatus: "/webhooks/sms/vonage/status",
  meta: "/webhooks/whatsapp",
  resend: "/webhooks/email",
};

export interface MediaBlob {
  id: string;
  contentType: string;
  bytes: Buffer;
  filename?: string;
  sha256: string;
}

export class SimCore {
  url = "";
  readonly webhookBaseUrl: string;
  readonly paths: WebhookPaths;
  autoDeliver: boolean;
  statusDelayMs: number;
  readonly resendInboundContent: "inline" | "metadata";
  readonly log: boolean;

  private accounts = new Map<SimProvider, Map<string, SimAccounts[SimProvider]>>();
  private defaultKey = new Map<SimProvider, string>();
  private seq = 0;
  private deliverySeq = 0;
  readonly recorded: RecordedRequest[] = [];
  readonly delivered: WebhookDelivery[] = [];
  private replays = new Map<
    number,
    { provider: SimProvider; kind: WebhookDelivery["kind"]; signer: WebhookSigner; meta: WebhookMeta }
  >();
  /** Inbound messages delivered or attempted, in order (gap recovery lists read these). */
  readonly inboundLog: SimInboundRecord[] = [];
  /** Chat completions answered, per model (requests and total tokens). */
  readonly aiUsage = new Map<string, { requests: number; totalTokens: number }>();
  private retryPolicies = new Map<SimProvider, WebhookRetryPolicy | "none">();
  private webhookFaults = new Map<SimProvider, { mode: SimWebhookFault["mode"]; remaining: number }>();
  readonly messages = new Map<string, StoredMessage>();
  private faults = new Map<SimProvider, ActiveFault>();
  readonly failedRecipients = new Map<SimProvider, Map<string, SimStatusError>>();
  /** Meta 24 h window: `${phoneNumberId}:${waId}` -> last inbound ms. */
  readonly metaWindows = new Map<string, number>();
  readonly media = new Map<string, MediaBlob>();
  /** Resend Idempotency-Key -> request fingerprint + response. */
  readonly idempotency = new Map<string, { fingerprint: string; res: ApiRes; at: number }>();
  /** Resend received emails (GET /emails/receiving/{id}). */
  readonly receivedEmails = new Map<string, Record<string, unknown>>();
  /** Received email id -> the Resend API key (account) it belongs to. */
  readonly receivedAccount = new Map<string, string>();

  private timers = new Set<NodeJS.Timeout>();
  private controllers = new Set<AbortController>();
  readonly heldResponses = new Set<ServerResponse>();
  private chains = new Set<symbol>();
  private idleWaiters: Array<() => void> = [];
  private generation = 0;
  stopped = false;

  constructor(
    opts: ProviderSimOptions,
    readonly modules: { [P in SimProvider]: ProviderModule<P> },
  ) {
    this.webhookBaseUrl = opts.webhookBaseUrl.replace(/\/+$/, "");
    this.paths = { ...DEFAULT_WEBHOOK_PATHS, ...opts.webhookPaths };
    this.autoDeliver = opts.autoDeliver ?? true;
    this.statusDelayMs = opts.statusDelayMs ?? 50;
    this.resendInboundContent = opts.resendInboundContent ?? "inline";
    this.log = opts.log ?? false;
    for (const [p, policy] of Object.entries(opts.webhookRetries ?? {})) {
      if (policy) this.retryPolicies.set(p as SimProvider, policy);
    }
  }

  webhookUrl(key: keyof WebhookPaths): string {
    return this.webhookBaseUrl + this.paths[key];
  }

  // ---------------------------------------------------------------- accounts

  /** Adds (or replaces) an account; it becomes the provider's default unless `makeDefault` is false. */
  configure<P extends SimProvider>(provider: P, account: SimAccounts[P], makeDefault = true): void {
    const mod = this.modules[provider] as unknown as ProviderModule<P>;
    const key = mod.accountKey(account);
    if (!key) throw new Error(`provider-sim: ${provider} account has no key`);
    let m = this.accounts.get(provider);
    if (!m) {
      m = new Map();
      this.accounts.set(provider, m);
    }
    m.set(key, { ...account });
    if (makeDefault || !this.defaultKey.has(provider)) this.defaultKey.set(provider, key);
  }

  allAccounts<P extends SimProvider>(provider: P): SimAccounts[P][] {
    return [...(this.accounts.get(provider)?.values() ?? [])] as SimAccounts[P][];
  }

  accountByKey<P extends SimProvider>(provider: P, key: string): SimAccounts[P] | undefined {
    return this.accounts.get(provider)?.get(key) as SimAccounts[P] | undefined;
  }

  defaultAccount<P extends SimProvider>(provider: P): SimAccounts[P] {
    const key = this.defaultKey.get(provider);
    const acc = key ? this.accountByKey(provider, key) : undefined;
    if (!acc) throw new Error(`provider-sim: no ${provider} account configured`);
    return acc;
  }

  /** Account chosen for an inbound message: explicit key, then owner of `to`, then default. */
  pickAccount<P extends SimProvider>(provider: P, key?: string, to?: string | string[]): SimAccounts[P] {
    if (key) {
      const acc = this.accountByKey(provider, key);
      if (!acc) throw new Error(`provider-sim: unknown ${provider} account ${key}`);
      return acc;
    }
    const mod = this.modules[provider] as unknown as ProviderModule<P>;
    const targets = to === undefined ? [] : Array.isArray(to) ? to : [to];
    for (const t of targets) {
      for (const acc of this.allAccounts(provider)) if (mod.ownsAddress(acc, t)) return acc;
    }
    return this.defaultAccount(provider);
  }

  accountKeyOf<P extends SimProvider>(provider: P, account: SimAccounts[P]): string {
    return (this.modules[provider] as unknown as ProviderModule<P>).accountKey(account);
  }

  // ---------------------------------------------------------------- faults

  fail(provider: SimProvider, fault: SimFault): void {
    if (!["5xx", "timeout", "429", "slow"].includes(fault.mode))
      throw new Error(`provider-sim: unknown fault mode ${fault.mode}`);
    this.faults.set(provider, {
      mode: fault.mode,
      until: fault.forMs !== undefined ? Date.now() + fault.forMs : undefined,
      remaining: fault.count,
      retryAfterSeconds: fault.retryAfterSeconds ?? 1,
      delayMs: fault.delayMs ?? 2000,
    });
  }

  heal(provider?: SimProvider): void {
    if (provider) this.faults.delete(provider);
    else this.faults.clear();
  }

  /** Returns the fault to apply to this request (consuming one count), or null. */
  takeFault(provider: SimProvider): ActiveFault | null {
    const f = this.faults.get(provider);
    if (!f) return null;
    if (f.until !== undefined && Date.now() >= f.until) {
      this.faults.delete(provider);
      return null;
    }
    if (f.remaining !== undefined) {
      if (f.remaining <= 0) {
        this.faults.delete(provider);
        return null;
      }
      f.remaining -= 1;
      if (f.remaining <= 0) this.faults.delete(provider);
    }
    return f;
  }

  activeFaults(): Partial<Record<SimProvider, { mode: FaultMode; until?: number; remaining?: number }>> {
    const out: Partial<Record<SimProvider, { mode: FaultMode; until?: number; remaining?: number }>> = {};
    for (const [p, f] of this.faults) out[p] = { mode: f.mode, until: f.until, remaining: f.remaining };
    return out;
  }

  // ---------------------------------------------------------------- recording

  record(r: Omit<RecordedRequest, "seq">): RecordedRequest {
    const rec: RecordedRequest = { seq: ++this.seq, ...r };
    this.recorded.push(rec);
    return rec;
  }

  // ---------------------------------------------------------------- webhooks

  setWebhookRetry(provider: SimProvider, policy: WebhookRetryPolicy | "none"): void {
    if (
      policy !== "none" &&
      (!Array.isArray(policy.delaysMs) || policy.delaysMs.some((d) => typeof d !== "number" || d < 0))
    ) {
      throw new Error("provider-sim: webhook retry policy needs delaysMs: number[]");
    }
    this.retryPolicies.set(provider, policy);
  }

  webhookFault(provider: SimProvider, fault: SimWebhookFault): void {
    if (fault.mode !== "unsigned") throw new Error(`provider-sim: unknown webhook fault ${String(fault.mode)}`);
    this.webhookFaults.set(provider, { mode: fault.mode, remaining: fault.count ?? 1 });
  }

  private takeWebhookFault(provider: SimProvider): boolean {
    const f = this.webhookFaults.get(provider);
    if (!f || f.remaining <= 0) return false;
    f.remaining -= 1;
    if (f.remaining <= 0) this.webhookFaults.delete(provider);
    return true;
  }

  /** Would the provider retry after this attempt? Vonage retries only 429/5xx; the others any non-2xx. */
  private retryable(provider: SimProvider, d: WebhookDelivery): boolean {
    if (d.status === 0) return true;
    if (provider === "vonage") return d.status === 429 || d.status >= 500;
    return d.status < 200 || d.status >= 300;
  }

  recordUsage(model: string, totalTokens: number): void {
    const u = this.aiUsage.get(model) ?? { requests: 0, totalTokens: 0 };
    u.requests += 1;
    u.totalTokens += totalTokens;
    this.aiUsage.set(model, u);
  }

  recordInbound(r: Omit<SimInboundRecord, "attempts" | "delivered" | "lastStatus" | "deliverySeqs">): SimInboundRecord {
    const rec: SimInboundRecord = { ...r, attempts: 0, delivered: false, lastStatus: 0, deliverySeqs: [] };
    this.inboundLog.push(rec);
    return rec;
  }

  findInbound(provider: SimProvider, id: string): SimInboundRecord | undefined {
    return this.inboundLog.find((r) => r.provider === provider && r.id === id);
  }

  /** One webhook with fixed headers (re-signed by `resign` on retries/redelivery where the provider would). */
  async postWebhook(
    provider: SimProvider,
    kind: WebhookDelivery["kind"],
    url: string,
    headers: Record<string, string>,
    body: string,
    meta: WebhookMeta & {
      /** Headers for a redelivery of the same body (fresh timestamps/JWT where the provider would). */
      resign?: () => Record<string, string>;
    } = {},
    inbound?: SimInboundRecord | SimInboundRecord[],
  ): Promise<WebhookDelivery> {
    const { resign, ...rest } = meta;
    const signer: WebhookSigner = ({ unsigned, attempt }) => {
      const h = attempt > 0 && resign ? resign() : headers;
      return { url, body, headers: unsigned ? withoutSignature(h) : h };
    };
    return this.deliverWebhook(provider, kind, signer, rest, inbound);
  }

  /**
   * Post a webhook; when it fails and the provider's retry policy allows, retry in the background
   * (idle() waits for those). Returns the first attempt.
   */
  async deliverWebhook(
    provider: SimProvider,
    kind: WebhookDelivery["kind"],
    signer: WebhookSigner,
    meta: WebhookMeta = {},
    inbound?: SimInboundRecord | SimInboundRecord[],
  ): Promise<WebhookDelivery> {
    const first = await this.attemptWebhook(provider, kind, signer, meta, inbound, 0);
    const policy = this.retryPolicies.get(provider) ?? "none";
    if (kind === "verify" || policy === "none" || policy.delaysMs.length === 0 || !this.retryable(provider, first)) {
      return first;
    }
    const gen = this.generation;
    const token = Symbol("retry");
    this.chains.add(token);
    void (async () => {
      try {
        for (let i = 0; i < policy.delaysMs.length; i++) {
          await this.delay(policy.delaysMs[i]!);
          if (this.stopped || gen !== this.generation) return;
          if (policy.giveUpAfterMs !== undefined && Date.now() - first.time > policy.giveUpAfterMs) return;
          const d = await this.attemptWebhook(provider, kind, signer, meta, inbound, i + 1);
          if (!this.retryable(provider, d)) return;
        }
      } finally {
        if (this.chains.delete(token) && this.chains.size === 0) this.notifyIdle();
      }
    })();
    return first;
  }

  private async attemptWebhook(
    provider: SimProvider,
    kind: WebhookDelivery["kind"],
    signer: WebhookSigner,
    meta: WebhookMeta,
    inbound: SimInboundRecord | SimInboundRecord[] | undefined,
    attempt: number,
  ): Promise<WebhookDelivery> {
    const unsigned = kind !== "verify" && this.takeWebhookFault(provider);
    const { url, headers, body } = signer({ unsigned, attempt });
    const delivery: WebhookDelivery = {
      seq: ++this.deliverySeq,
      provider,
      kind,
      url,
      headers,
      body,
      time: Date.now(),
      status: 0,
      responseBody: "",
      externalMessageId: meta.externalMessageId,
      providerStatus: meta.providerStatus,
      attempt,
      unsigned,
    };
    this.delivered.push(delivery);
    this.replays.set(delivery.seq, { provider, kind, signer, meta });
    const ac = new AbortController();
    this.controllers.add(ac);
    const timer = setTimeout(() => ac.abort(), 30_000);
    try {
      const res = await fetch(url, {
        method: meta.method ?? "POST",
        headers,
        body: meta.method === "GET" ? undefined : body,
        signal: ac.signal,
        redirect: "manual",
      });
      delivery.status = res.status;
      delivery.responseBody = await res.text();
    } catch (err) {
      delivery.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    } finally {
      clearTimeout(timer);
      this.controllers.delete(ac);
    }
    for (const rec of inbound === undefined ? [] : Array.isArray(inbound) ? inbound : [inbound]) {
      rec.attempts += 1;
      rec.lastStatus = delivery.status;
      rec.deliverySeqs.push(delivery.seq);
      if (delivery.status >= 200 && delivery.status < 300) rec.delivered = true;
    }
    if (this.log) {
      process.stderr.write(
        `[provider-sim] -> ${provider} ${kind} ${url} ${delivery.status || delivery.error} ${meta.providerStatus ?? ""}\n`,
      );
    }
    return delivery;
  }

  /** Post a recorded webhook again (a provider retry): same body, re-signed where the provider would. */
  async redeliver(seq: number): Promise<WebhookDelivery> {
    const r = this.replays.get(seq);
    if (!r) throw new Error(`provider-sim: no webhook delivery #${seq}`);
    const prev = this.delivered.find((d) => d.seq === seq);
    const inbound =
      prev?.kind === "inbound"
        ? this.inboundLog.filter((x) => x.provider === r.provider && x.deliverySeqs.includes(seq))
        : undefined;
    return this.attemptWebhook(r.provider, r.kind, r.signer, r.meta, inbound, (prev?.attempt ?? 0) + 1);
  }

  // ---------------------------------------------------------------- messages & auto delivery

  storeMessage(msg: StoredMessage): StoredMessage {
    this.messages.set(`${msg.provider}:${msg.id}`, msg);
    return msg;
  }

  getMessage(provider: SimProvider, id: string): StoredMessage | undefined {
    return this.messages.get(`${provider}:${id}`);
  }

  recipientFailure(provider: SimProvider, recipient: string): SimStatusError | undefined {
    const m = this.failedRecipients.get(provider);
    if (!m) return undefined;
    return m.get(recipient) ?? m.get(recipient.replace(/^\+/, "")) ?? m.get(`+${recipient.replace(/^\+/, "")}`);
  }

  /** Run the given status updates one after another, statusDelayMs apart. */
  scheduleStatuses(msg: StoredMessage, plan: PlannedStatus[]): void {
    if (plan.length === 0 || this.stopped) return;
    const gen = this.generation;
    const mod = this.modules[msg.provider] as ProviderModule;
    const token = Symbol("chain");
    this.chains.add(token);
    void (async () => {
      try {
        for (const step of plan) {
          await this.delay(this.statusDelayMs);
          if (this.stopped || gen !== this.generation) return;
          await mod.status(this, msg, step.status, step.error, { auto: true });
        }
      } catch (err) {
        if (this.log) process.stderr.write(`[provider-sim] status chain error: ${String(err)}\n`);
      } finally {
        if (this.chains.delete(token) && this.chains.size === 0) this.notifyIdle();
      }
    })();
  }

  afterSend(msg: StoredMessage): void {
    if (!this.autoDeliver) return;
    const mod = this.modules[msg.provider] as ProviderModule;
    this.scheduleStatuses(msg, mod.autoStatuses(this, msg));
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  idle(): Promise<void> {
    if (this.chains.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  // ---------------------------------------------------------------- lifecycle

  reset(): void {
    this.generation += 1;
    this.recorded.length = 0;
    this.delivered.length = 0;
    this.replays.clear();
    this.messages.clear();
    this.faults.clear();
    this.failedRecipients.clear();
    this.metaWindows.clear();
    this.media.clear();
    this.idempotency.clear();
    this.receivedEmails.clear();
    this.receivedAccount.clear();
    this.inboundLog.length = 0;
    this.aiUsage.clear();
    this.webhookFaults.clear();
    for (const t of this.timers) {
      clearTimeout(t);
    }
    this.timers.clear();
    for (const ac of this.controllers) ac.abort();
    // Chains sleeping in delay() never resume once their timer is cleared: count them as done.
    this.chains.clear();
    this.notifyIdle();
  }

  shutdown(): void {
    this.stopped = true;
    this.reset();
    for (const res of this.heldResponses) res.destroy();
    this.heldResponses.clear();
  }

  /** Store a placeholder media blob (1x1 PNG for images, a small text otherwise). */
  addMedia(id: string, contentType = "image/png", filename?: string): MediaBlob {
    const bytes = contentType.startsWith("image/")
      ? Buffer.from(PNG_1X1, "base64")
      : Buffer.from(`provider-sim placeholder media ${id}\n`, "utf-8");
    const blob: MediaBlob = {
      id,
      contentType,
      bytes,
      filename,
      sha256: createHash("sha256").update(bytes).digest("base64"),
    };
    this.media.set(id, blob);
    return blob;
  }
}

const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf-8")));
    req.on("error", reject);
  });
}
