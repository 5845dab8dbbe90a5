/**
 * Twilio Programmable Messaging (SMS/MMS).
 *
 * Inbound: form-encoded webhooks signed with X-Twilio-Signature =
 *   base64(HMAC-SHA1(authToken, url + for each key sorted: key + value)).
 * JSON-bodied requests are signed over the URL only and carry `bodySHA256` in the query string
 * (validated as the SDK's validateRequestWithBody does: the URL signature, then the body hash).
 * The URL is accepted as received, without its port and with the scheme's default port, as the
 * SDK's validateRequest does. When a Webhook Rule applies a Setting with a SharedKey, Twilio signs
 * with that key and the Setting's algorithm (HMAC_SHA1 or HMAC_SHA256, base64, same signed
 * string) and says so in `X-Twilio-Webhooks-Signature-Settings: key=<id>,algorithm=<alg>`
 * (https://www.twilio.com/docs/usage/webhooks/webhook-settings).
 * Status callbacks (MessageStatus) become StatusEvents.
 *
 * Outbound: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json (form, Basic auth).
 */
import { z } from "zod";
import { type HmacAlgorithm, hmacBase64, hmacSha1Base64, sha256Hex, timingSafeEqual } from "../crypto";
import {
  baseUrl,
  basicAuth,
  classifyHttpFailure,
  httpRequest,
  isObject,
  networkFailure,
  permanentFailure,
  rateLimitRemaining,
  stringField,
} from "../http";
import type { DeliveryStatus } from "../ids";
import type {
  AdapterContext,
  Attachment,
  ChannelAdapter,
  HealthResult,
  InboundEvent,
  OutboundMessage,
  SendResult,
  SignatureResult,
  StatusEvent,
  WebhookRequest,
  WebhookSecrets,
} from "../types";
import { InboundParseError } from "../types";
import { header, healthFromStatus, parseForm, parseFormBody, parseJsonBody, parseWith, toEpochMs } from "./shared";

export const TWILIO_DEFAULT_BASE_URL = "https://api.twilio.com";

export const twilioCredentialsSchema = z.object({
  accountSid: z.string().regex(/^AC[0-9A-Za-z]+$/, "Account SID starts with AC"),
  authToken: z.string().min(1, "Auth token is required"),
  /** A Webhook Setting's SharedKey: signs webhooks instead of the auth token when a rule applies it. */
  webhookSharedKeySecret: z.string().min(16, "A SharedKey secret is at least 16 characters").optional(),
  /** The SharedKey's id, checked against the header's `key=` when set. */
  webhookSharedKeyId: z.string().min(1).optional(),
});
export const twilioSettingsSchema = z.object({
  apiBaseUrl: z.url().optional(),
  /** Send through a Messaging Service instead of the `from` number. */
  messagingServiceSid: z
    .string()
    .regex(/^MG[0-9A-Za-z]+$/, "Messaging Service SID starts with MG")
    .optional(),
  timeoutMs: z.string().regex(/^\d+$/).optional(),
});

/** Twilio message status -> our delivery status; intermediate states map to null (no event). */
export const TWILIO_STATUS_MAP: Record<string, DeliveryStatus | null> = {
  accepted: null,
  scheduled: null,
  queued: null,
  sending: null,
  sent: "sent",
  delivered: "delivered",
  read: "read",
  undelivered: "failed",
  failed: "failed",
  canceled: "failed",
  partially_delivered: "delivered",
};

/** Human text for the error codes that show up in status callbacks most often. */
export const TWILIO_ERROR_MESSAGES: Record<string, string> = {
  "21211": "Invalid 'To' phone number",
  "21408": "Permission to send to this region is not enabled",
  "21610": "Recipient has unsubscribed (replied STOP)",
  "21612": "The 'To' number is not reachable via this 'From' number",
  "21614": "'To' number is not a valid mobile number",
  "30001": "Queue overflow",
  "30002": "Account suspended",
  "30003": "Unreachable destination handset",
  "30004": "Message blocked",
  "30005": "Unknown destination handset",
  "30006": "Landline or unreachable carrier",
  "30007": "Message filtered by carrier",
  "30008": "Unknown error",
  "30034": "Message from an unregistered number (A2P 10DLC)",
};

/** A failure's text: Twilio's own message, else the text of its error code, else the status. */
export function twilioErrorText(code: string | undefined, message: string | null | undefined, status: string): string {
  return message ?? (code ? (TWILIO_ERROR_MESSAGES[code] ?? `Twilio error ${code}`) : `Message ${status}`);
}

/** A Message resource's status (REST JSON or the SDK's object) as a status event; null when unknown. */
export function twilioStatusEvent(
  sid: string,
  rawStatus: string,
  failure: { code?: string; message?: string | null },
  occurredAt: number | undefined,
): StatusEvent | null {
  const raw = rawStatus.toLowerCase();
  const status = TWILIO_STATUS_MAP[raw];
  if (!status) return null;
  const { code } = failure;
  return {
    kind: "status",
    channel: "sms",
    provider: "twilio",
    externalMessageId: sid,
    status,
    ...(occurredAt !== undefined ? { occurredAt } : {}),
    ...(status === "failed"
      ? { error: { ...(code ? { code } : {}), message: twilioErrorText(code, failure.message, raw) } }
      : {}),
  };
}

/** Codes Twilio returns with HTTP 4xx that are nonetheless transient. */
export const TWILIO_RETRYABLE_CODES = new Set(["20429", "21611", "30001"]);

const inboundSchema = z
  .object({
    From: z.string().min(1, "From is required"),
    To: z.string().min(1, "To is required"),
    Body: z.string().optional(),
    MessageSid: z.string().min(1).optional(),
    SmsMessageSid: z.string().min(1).optional(),
    NumMedia: z.string().regex(/^\d+$/, "NumMedia must be a number").optional(),
  })
  .refine((v) => v.MessageSid || v.SmsMessageSid, { message: "MessageSid is required", path: ["MessageSid"] });

const statusSchema = z
  .object({
    MessageStatus: z.string().min(1),
    MessageSid: z.string().min(1).optional(),
    SmsSid: z.string().min(1).optional(),
    ErrorCode: z.string().optional(),
    ErrorMessage: z.string().optional(),
  })
  .refine((v) => v.MessageSid || v.SmsSid, { message: "MessageSid is required", path: ["MessageSid"] });

function firstValues(form: Map<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (v[0] !== undefined) out[k] = v[0];
  return out;
}

function isJsonWebhook(req: WebhookRequest): boolean {
  const ct = header(req, "content-type")?.split(";")[0]?.trim().toLowerCase();
  return ct === "application/json" || /[?&]bodySHA256=/.test(req.url);
}

/** The webhook's fields: the form body, or a JSON webhook's object (bodySHA256 in the URL). */
function formOf(req: WebhookRequest): Map<string, string[]> {
  if (!isJsonWebhook(req)) return parseFormBody(req, "twilio");
  const body = parseJsonBody(req, "twilio");
  if (!isObject(body)) throw new InboundParseError("twilio: JSON webhook body must be an object");
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out.set(k, [String(v)]);
  }
  return out;
}

function isStatusCallback(fields: Record<string, string>): boolean {
  const status = fields.MessageStatus ?? (fields.SmsStatus !== "received" ? fields.SmsStatus : undefined);
  return status !== undefined && status !== "received" && status !== "receiving";
}

// ---------------------------------------------------------------------------------------------
// Signature

/** The string Twilio signs: url followed by every key+value, keys sorted, array values sorted+deduped. */
export function twilioSignaturePayload(url: string, params: Map<string, string[]> | Record<string, string>): string {
  const entries: Array<[string, string[]]> =
    params instanceof Map ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, [v]]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let data = url;
  for (const [key, values] of entries) {
    const unique = values.length > 1 ? [...new Set(values)].sort() : values;
    for (const v of unique) data += key + v;
  }
  return data;
}

export async function computeTwilioSignature(
  authToken: string,
  url: string,
  params: Map<string, string[]> | Record<string, string>,
): Promise<string> {
  return hmacSha1Base64(authToken, twilioSignaturePayload(url, params));
}

function splitUrl(url: string) {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
  if (!m) return null;
  const [, scheme, authority, rest] = m;
  const at = authority!.lastIndexOf("@");
  const hostPort = authority!.slice(at + 1);
  const colon = hostPort.indexOf(":", hostPort.lastIndexOf("]") + 1);
  return {
    scheme: scheme!,
    userInfo: authority!.slice(0, at + 1),
    host: colon === -1 ? hostPort : hostPort.slice(0, colon),
    port: colon === -1 ? "" : hostPort.slice(colon),
    rest: rest!,
  };
}

/** The URL as received, without its port, and with the scheme's default port (Twilio signs either). */
function urlVariants(url: string): string[] {
  const p = splitUrl(url);
  if (!p) return [url];
  const withoutPort = p.scheme + p.userInfo + p.host + p.rest;
  const defaultPort = p.scheme.toLowerCase() === "https://" ? ":443" : ":80";
  const withPort = p.port ? url : p.scheme + p.userInfo + p.host + defaultPort + p.rest;
  return [...new Set([url, withoutPort, withPort])];
}

/** `key=<id>,algorithm=<HMAC_SHA1|HMAC_SHA256>` -> its parts. */
function signatureSettings(value: string): { key?: string; algorithm?: string } {
  const out: Record<string, string> = {};
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return out;
}

const SETTINGS_ALGORITHMS: Record<string, HmacAlgorithm> = { HMAC_SHA1: "SHA-1", HMAC_SHA256: "SHA-256" };

async function validateTwilioSignature(req: WebhookRequest, secrets: WebhookSecrets): Promise<SignatureResult> {
  const signature = header(req, "x-twilio-signature");
  const settingsHeader = header(req, "x-twilio-webhooks-signature-settings");
  let key = secrets.authToken;
  let algorithm: HmacAlgorithm = "SHA-1";
  if (settingsHeader !== undefined) {
    const settings = signatureSettings(settingsHeader);
    const chosen = settings.algorithm ? SETTINGS_ALGORITHMS[settings.algorithm.toUpperCase()] : undefined;
    if (!chosen)
      return { ok: false, status: 403, reason: "unsupported X-Twilio-Webhooks-Signature-Settings algorithm" };
    if (!secrets.webhookSharedKeySecret) {
      return { ok: false, status: 401, reason: "signed with a Webhook SharedKey but none is configured" };
    }
    if (secrets.webhookSharedKeyId && settings.key !== secrets.webhookSharedKeyId) {
      return { ok: false, status: 403, reason: "X-Twilio-Webhooks-Signature-Settings names another SharedKey" };
    }
    key = secrets.webhookSharedKeySecret;
    algorithm = chosen;
  }
  if (!key) return { ok: false, status: 401, reason: "no Twilio auth token configured" };
  if (!signature) return { ok: false, status: 401, reason: "missing X-Twilio-Signature header" };

  let bodyHash: string | null = null;
  try {
    bodyHash = new URL(req.url).searchParams.get("bodySHA256");
  } catch {
    return { ok: false, status: 403, reason: "request URL is not absolute" };
  }
  // JSON webhooks: the URL (with bodySHA256) is signed without params, and the body hash must match.
  const params = bodyHash !== null ? new Map<string, string[]>() : parseForm(req.rawBody ?? "");
  let valid = false;
  for (const candidate of urlVariants(req.url)) {
    const expected = await hmacBase64(algorithm, key, twilioSignaturePayload(candidate, params));
    valid = timingSafeEqual(signature, expected) || valid;
  }
  if (!valid) return { ok: false, status: 403, reason: "X-Twilio-Signature mismatch" };
  if (bodyHash !== null && !timingSafeEqual(bodyHash.toLowerCase(), await sha256Hex(req.rawBody ?? ""))) {
    return { ok: false, status: 403, reason: "bodySHA256 does not match the request body" };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Inbound parsing

function parseTwilioInbound(req: WebhookRequest): InboundEvent[] {
  const form = formOf(req);
  if (form.size === 0) throw new InboundParseError("twilio: request body has no form fields");
  const fields = firstValues(form);

  if (isStatusCallback(fields)) {
    const s = parseWith(statusSchema, fields, "twilio status callback");
    const status = TWILIO_STATUS_MAP[s.MessageStatus.toLowerCase()];
    if (status === undefined) throw new InboundParseError(`twilio: unknown MessageStatus "${s.MessageStatus}"`);
    if (status === null) return [];
    const event: StatusEvent = {
      kind: "status",
      channel: "sms",
      provider: "twilio",
      externalMessageId: (s.MessageSid ?? s.SmsSid)!,
      status,
    };
    const code = s.ErrorCode?.trim();
    if (status === "failed") {
      const failureCode = code && code !== "0" ? code : undefined;
      event.error = {
        ...(failureCode ? { code: failureCode } : {}),
        message: twilioErrorText(failureCode, s.ErrorMessage, s.MessageStatus),
      };
    }
    const occurredAt = toEpochMs(fields.Timestamp);
    if (occurredAt !== undefined) event.occurredAt = occurredAt;
    return [event];
  }

  const m = parseWith(inboundSchema, fields, "twilio inbound message");
  const numMedia = Number(m.NumMedia ?? "0");
  const attachments: Attachment[] = [];
  for (let i = 0; i < numMedia; i++) {
    const url = fields[`MediaUrl${i}`];
    if (!url) throw new InboundParseError(`twilio: NumMedia is ${numMedia} but MediaUrl${i} is missing`);
    const contentType = fields[`MediaContentType${i}`];
    attachments.push({ url, ...(contentType ? { contentType } : {}) });
  }
  const text = m.Body ?? "";
  if (text.length === 0 && attachments.length === 0) {
    throw new InboundParseError("twilio: message has neither Body nor media");
  }
  const profileName = fields.ProfileName;
  return [
    {
      kind: "message",
      channel: "sms",
      provider: "twilio",
      externalMessageId: (m.MessageSid ?? m.SmsMessageSid)!,
      from: { identifier: m.From, ...(profileName ? { displayName: profileName } : {}) },
      to: m.To,
      text,
      attachments,
      contentType: attachments.length > 0 ? "mms" : "sms",
    },
  ];
}

function twilioRoutingKey(req: WebhookRequest): string | null {
  let fields: Record<string, string>;
  try {
    fields = firstValues(isJsonWebhook(req) ? formOf(req) : parseForm(req.rawBody ?? ""));
  } catch {
    return null;
  }
  // Inbound: our number is To. Status callbacks: we sent it, so our number is From.
  const key = isStatusCallback(fields) ? fields.From : fields.To;
  if (key) return key;
  return fields.AccountSid ?? null;
}

// ---------------------------------------------------------------------------------------------
// Outbound

function creds(ctx: AdapterContext): { accountSid: string; authToken: string } | null {
  const { accountSid, authToken } = ctx.credentials;
  return accountSid && authToken ? { accountSid, authToken } : null;
}

function twilioError(json: unknown, status: number): { code?: string; message: string } {
  const code = stringField(json, "code");
  const message = stringField(json, "message") ?? `Twilio HTTP ${status}`;
  return { ...(code ? { code } : {}), message };
}

async function sendTwilio(ctx: AdapterContext, msg: OutboundMessage): Promise<SendResult> {
  const c = creds(ctx);
  if (!c) return permanentFailure("missing_credentials", "Twilio accountSid and authToken are required");
  const form = new URLSearchParams();
  form.set("To", msg.to);
  const messagingServiceSid = ctx.settings.messagingServiceSid;
  if (messagingServiceSid) form.set("MessagingServiceSid", messagingServiceSid);
  if (msg.from) form.set("From", msg.from);
  if (!msg.from && !messagingServiceSid) return permanentFailure("missing_from", "Twilio needs a From number");
  if (msg.text) form.set("Body", msg.text);
  for (const a of msg.attachments ?? []) if (a.url) form.append("MediaUrl", a.url);
  if (!msg.text && !form.has("MediaUrl"))
    return permanentFailure("empty_message", "Message has no text and no media URL");
  if (msg.statusCallbackUrl) form.set("StatusCallback", msg.statusCallbackUrl);

  const url = `${baseUrl(ctx, TWILIO_DEFAULT_BASE_URL)}/2010-04-01/Accounts/${encodeURIComponent(c.accountSid)}/Messages.json`;
  const out = await httpRequest(ctx, {
    method: "POST",
    url,
    headers: {
      authorization: basicAuth(c.accountSid, c.authToken),
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: form.toString(),
  });
  if (out.kind === "network") return networkFailure(out);
  const remaining = rateLimitRemaining(out.headers);
  if (out.status < 200 || out.status >= 300) {
    const err = twilioError(out.json, out.status);
    const failure = classifyHttpFailure(out.status, out.headers, err, ctx.now);
    if (err.code && TWILIO_RETRYABLE_CODES.has(err.code)) failure.retryable = true;
    return failure;
  }
  const sid = stringField(out.json, "sid");
  if (!sid)
    return { ok: false, retryable: true, error: { code: "bad_response", message: "Twilio response has no sid" } };
  const status = (stringField(out.json, "status") ?? "queued").toLowerCase();
  const errorCode = stringField(out.json, "error_code");
  if (status === "failed" || status === "undelivered") {
    return {
      ok: false,
      retryable: false,
      error: {
        ...(errorCode ? { code: errorCode } : {}),
        message: twilioErrorText(errorCode, stringField(out.json, "error_message"), status),
      },
    };
  }
  return {
    ok: true,
    externalMessageId: sid,
    status: status === "delivered" || status === "read" ? "delivered" : "sent",
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
  };
}

async function twilioDeliveryStatus(ctx: AdapterContext, sid: string): Promise<StatusEvent | null> {
  const c = creds(ctx);
  if (!c) return null;
  const url = `${baseUrl(ctx, TWILIO_DEFAULT_BASE_URL)}/2010-04-01/Accounts/${encodeURIComponent(c.accountSid)}/Messages/${encodeURIComponent(sid)}.json`;
  const out = await httpRequest(ctx, {
    method: "GET",
    url,
    headers: { authorization: basicAuth(c.accountSid, c.authToken), accept: "application/json" },
  });
  if (out.kind === "network" || out.status !== 200 || !isObject(out.json)) return null;
  return twilioStatusEvent(
    sid,
    stringField(out.json, "status") ?? "",
    { code: stringField(out.json, "error_code"), message: stringField(out.json, "error_message") },
    toEpochMs(stringField(out.json, "date_updated")),
  );
}

async function twilioHealth(ctx: AdapterContext): Promise<HealthResult> {
  const c = creds(ctx);
  if (!c) return { state: "down", latencyMs: 0, error: "Twilio accountSid and authToken are required" };
  const url = `${baseUrl(ctx, TWILIO_DEFAULT_BASE_URL)}/2010-04-01/Accounts/${encodeURIComponent(c.accountSid)}.json`;
  const out = await httpRequest(ctx, {
    method: "GET",
    url,
    headers: { authorization: basicAuth(c.accountSid, c.authToken), accept: "application/json" },
  });
  if (out.kind === "network") return { state: "down", latencyMs: out.latencyMs, error: out.message };
  const remaining = rateLimitRemaining(out.headers);
  let state = healthFromStatus(out.status);
  let error: string | undefined;
  if (state === "healthy") {
    const accountStatus = stringField(out.json, "status");
    if (accountStatus && accountStatus !== "active") {
      state = "down";
      error = `Twilio account is ${accountStatus}`;
    }
  } else {
    error = twilioError(out.json, out.status).message;
  }
  return {
    state,
    latencyMs: out.latencyMs,
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
    ...(error ? { error } : {}),
  };
}

export const twilioAdapter: ChannelAdapter = {
  id: "twilio",
  channel: "sms",
  routingKey: twilioRoutingKey,
  validateSignature: (req, secrets) => validateTwilioSignature(req, secrets),
  parseInbound: parseTwilioInbound,
  send: sendTwilio,
  getDeliveryStatus: twilioDeliveryStatus,
  healthCheck: twilioHealth,
};
