/**
 * Twilio through the official `twilio` SDK (Node only): messages.create for SMS, MMS (mediaUrl)
 * and WhatsApp (`whatsapp:` addresses), messages(sid).fetch for status polling, messages.page /
 * getPage and the Media subresource for inbound gap recovery.
 * https://www.twilio.com/docs/messaging/api/message-resource
 *
 * The SDK has no base-URL option (TWILIO_EDGE/TWILIO_REGION only rename api.twilio.com), but it
 * takes an `httpClient`: `FetchRequestClient` sends its requests through the adapter context's
 * fetch, which is the deployment's URL-policy guard (no redirects, private targets refused), and
 * rewrites https://<product>.twilio.com to `settings.apiBaseUrl` (the provider simulator). The SDK
 * still builds every request (paths, form encoding, Basic auth) and parses every response
 * (RestException for 4xx/5xx), so nothing of its API is re-implemented here.
 */
import twilio from "twilio";
import type RequestClientType from "twilio/lib/base/RequestClient";
import type TwilioResponse from "twilio/lib/http/response";
import {
  TWILIO_DEFAULT_BASE_URL,
  TWILIO_RETRYABLE_CODES,
  twilioErrorText,
  twilioStatusEvent,
} from "../adapters/twilio";
import { baseUrl, basicAuth, classifyHttpFailure, httpRequest, networkFailure, permanentFailure } from "../http";
import type { InboundListRequest, InboundListResult } from "../inboundList";
import type { SdkContext, SdkTransport } from "../sdkTransport";
import type { Attachment, InboundMessage, OutboundMessage, SendResult, StatusEvent } from "../types";

const API = "2010-04-01";
const MAX_PAGE_SIZE = 1000;
const TWILIO_HOST = /^https:\/\/[a-z0-9.-]+\.twilio\.com/i;

/** A failed HTTP exchange (network error or timeout): nothing came back from Twilio. */
class TwilioNetworkError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = "TwilioNetworkError";
  }
}

function encodeForm(data: unknown): string {
  const form = new URLSearchParams();
  if (data && typeof data === "object") {
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      // The SDK serializes arrays as repeated keys (qs arrayFormat "repeat"): MediaUrl=a&MediaUrl=b.
      for (const v of Array.isArray(value) ? value : [value])
        if (v !== undefined && v !== null) form.append(key, String(v));
    }
  }
  return form.toString();
}

/**
 * The SDK's HTTP client over the adapter context's fetch. Extends RequestClient only for its
 * type: `request` is replaced whole, so axios (and its redirect following) is never used.
 */
export class FetchRequestClient extends twilio.RequestClient {
  /** The response headers of the last request (Retry-After of a 429). */
  lastHeaders: Headers | undefined;
  constructor(private readonly ctx: SdkContext) {
    super();
  }

  override async request<TData>(opts: RequestClientType.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const base = baseUrl(this.ctx, TWILIO_DEFAULT_BASE_URL);
    let url = opts.uri.replace(TWILIO_HOST, base);
    if (opts.params && Object.keys(opts.params).length > 0) {
      url += (url.includes("?") ? "&" : "?") + encodeForm(opts.params);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === "string") headers[k] = v;
    if (opts.username && opts.password) headers.Authorization = basicAuth(opts.username, opts.password);
    const method = opts.method.toUpperCase();
    const out = await httpRequest(this.ctx, {
      method: method as "GET" | "POST",
      url,
      headers,
      ...(method === "POST" && opts.data ? { body: encodeForm(opts.data) } : {}),
    });
    if (out.kind === "network") throw new TwilioNetworkError(out.message, out.timedOut);
    this.lastHeaders = out.headers;
    const headerObject: Record<string, string> = {};
    out.headers.forEach((value, key) => {
      headerObject[key] = value;
    });
    // The SDK reads statusCode/body/headers (its Version parses the JSON body); its own Response
    // class is not exported from the package entry, so an object of the same shape stands in.
    const response = { statusCode: out.status, body: out.text as TData, headers: headerObject };
    return { ...response, toString: () => `HTTP ${out.status} ${out.text}` } as TwilioResponse<TData>;
  }
}

function clientFor(ctx: SdkContext) {
  const { accountSid, authToken } = ctx.credentials;
  if (!accountSid || !authToken) return null;
  const httpClient = new FetchRequestClient(ctx);
  return { client: twilio(accountSid, authToken, { httpClient }), httpClient, accountSid };
}

/** What the SDK threw, as our SendResult: RestException carries Twilio's status and code. */
function failureOf(error: unknown, headers: Headers | undefined, now?: number): SendResult {
  if (error instanceof TwilioNetworkError) {
    return networkFailure({ kind: "network", timedOut: error.timedOut, message: error.message, latencyMs: 0 });
  }
  if (error instanceof twilio.RestException) {
    const code = error.code !== undefined && error.code !== null ? String(error.code) : undefined;
    const failure = classifyHttpFailure(
      error.status,
      headers ?? new Headers(),
      { ...(code ? { code } : {}), message: error.message || `Twilio HTTP ${error.status}` },
      now,
    );
    if (code && TWILIO_RETRYABLE_CODES.has(code)) failure.retryable = true;
    return failure;
  }
  // A response the SDK could not parse (HTML error page, truncated JSON): Twilio's side, retry.
  return {
    ok: false,
    retryable: true,
    error: { code: "bad_response", message: error instanceof Error ? error.message : String(error) },
  };
}

/** WhatsApp through Twilio: both addresses carry the `whatsapp:` prefix when the sender does. */
function whatsappAware(to: string, from: string | undefined): string {
  return from?.startsWith("whatsapp:") && !to.startsWith("whatsapp:") ? `whatsapp:${to}` : to;
}

async function send(ctx: SdkContext, msg: OutboundMessage): Promise<SendResult> {
  const c = clientFor(ctx);
  if (!c) return permanentFailure("missing_credentials", "Twilio accountSid and authToken are required");
  const messagingServiceSid = ctx.settings.messagingServiceSid;
  if (!msg.from && !messagingServiceSid) return permanentFailure("missing_from", "Twilio needs a From number");
  const mediaUrl = (msg.attachments ?? []).flatMap((a) => (a.url ? [a.url] : []));
  if (!msg.text && mediaUrl.length === 0) {
    return permanentFailure("empty_message", "Message has no text and no media URL");
  }
  try {
    const m = await c.client.messages.create({
      to: whatsappAware(msg.to, msg.from),
      ...(msg.from ? { from: msg.from } : {}),
      ...(messagingServiceSid ? { messagingServiceSid } : {}),
      ...(msg.text ? { body: msg.text } : {}),
      ...(mediaUrl.length ? { mediaUrl } : {}),
      ...(msg.statusCallbackUrl ? { statusCallback: msg.statusCallbackUrl } : {}),
    });
    const status = (m.status ?? "queued").toLowerCase();
    if (status === "failed" || status === "undelivered") {
      const code = m.errorCode ? String(m.errorCode) : undefined;
      return {
        ok: false,
        retryable: false,
        error: { ...(code ? { code } : {}), message: twilioErrorText(code, m.errorMessage, status) },
      };
    }
    if (!m.sid) {
      return { ok: false, retryable: true, error: { code: "bad_response", message: "Twilio response has no sid" } };
    }
    return {
      ok: true,
      externalMessageId: m.sid,
      status: status === "delivered" || status === "read" ? "delivered" : "sent",
    };
  } catch (error) {
    return failureOf(error, c.httpClient.lastHeaders, ctx.now);
  }
}

async function getDeliveryStatus(ctx: SdkContext, sid: string): Promise<StatusEvent | null> {
  const c = clientFor(ctx);
  if (!c) return null;
  let m: Awaited<ReturnType<ReturnType<typeof c.client.messages>["fetch"]>>;
  try {
    m = await c.client.messages(sid).fetch();
  } catch {
    return null; // unknown or unreachable: the next poll asks again
  }
  const occurredAt = m.dateUpdated instanceof Date ? m.dateUpdated.getTime() : Number.NaN;
  return twilioStatusEvent(
    sid,
    m.status ?? "",
    { code: m.errorCode ? String(m.errorCode) : undefined, message: m.errorMessage },
    Number.isFinite(occurredAt) ? occurredAt : undefined,
  );
}

async function inboundList(ctx: SdkContext, req: InboundListRequest): Promise<InboundListResult> {
  const c = clientFor(ctx);
  if (!c) return { ok: false, retryable: false, error: "Twilio accountSid and authToken are required" };
  const ownList = `/${API}/Accounts/${c.accountSid}/Messages.json?`;
  let page: Awaited<ReturnType<typeof c.client.messages.page>>;
  try {
    if (req.cursor) {
      // The cursor is a next_page_uri Twilio gave us: only ever follow this account's list.
      if (!req.cursor.startsWith(ownList)) return { ok: false, retryable: false, error: "invalid Twilio page cursor" };
      page = await c.client.messages.getPage(`${TWILIO_DEFAULT_BASE_URL}${req.cursor}`);
    } else {
      page = await c.client.messages.page({
        dateSentAfter: new Date(Math.floor(req.sinceMs / 1000) * 1000),
        pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, req.pageSize)),
      });
    }
  } catch (error) {
    const failure = failureOf(error, c.httpClient.lastHeaders) as Extract<SendResult, { ok: false }>;
    return { ok: false, retryable: failure.retryable, error: failure.error.message };
  }
  const messages: InboundMessage[] = [];
  for (const m of page.instances) {
    if (m.direction !== "inbound" || !m.sid || !m.from || !m.to) continue;
    const attachments = Number(m.numMedia ?? "0") > 0 ? await media(c.client, ctx, m.sid) : [];
    const sent = m.dateSent ?? m.dateCreated;
    const sentAt = sent instanceof Date ? sent.getTime() : Number.NaN;
    messages.push({
      kind: "message",
      channel: "sms",
      provider: "twilio",
      externalMessageId: m.sid,
      from: { identifier: m.from },
      to: m.to,
      text: m.body ?? "",
      attachments,
      ...(Number.isFinite(sentAt) ? { sentAt } : {}),
      contentType: attachments.length > 0 ? "mms" : "sms",
    });
  }
  const next = page.nextPageUrl ? new URL(page.nextPageUrl) : undefined;
  return { ok: true, messages, ...(next ? { nextCursor: next.pathname + next.search } : {}) };
}

/** An MMS's media, named as the webhook's MediaUrlN names them (the Media `uri` without ".json"). */
async function media(client: ReturnType<typeof twilio>, ctx: SdkContext, sid: string): Promise<Attachment[]> {
  const base = baseUrl(ctx, TWILIO_DEFAULT_BASE_URL);
  const list = await client.messages(sid).media.list();
  return list.flatMap((md) =>
    md.uri
      ? [{ url: `${base}${md.uri.replace(/\.json$/, "")}`, ...(md.contentType ? { contentType: md.contentType } : {}) }]
      : [],
  );
}

export const twilioSdkTransport: SdkTransport = { send, getDeliveryStatus, inboundList };
