/**
 * Fake Vonage Messages API v1 (SMS / MMS) plus the account balance endpoint used as a health check.
 */
import type { ApiReq, ApiRes, PlannedStatus, ProviderModule, SimCore, StoredMessage } from "../core";
import { vonageWebhookJwt } from "../signing";
import type { SimInboundMessage, SimStatus, SimStatusError, VonageAccount } from "../types";
import { basicAuth, digits, isE164ish, isRecord, str, toMs, uuid } from "../util";

const ERR_BASE = "https://developer.vonage.com/api-errors";

function problem(
  status: number,
  type: string,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): ApiRes {
  return {
    status,
    headers,
    contentType: "application/problem+json",
    json: { type, title, detail, instance: uuid(), ...extra },
  };
}

function invalidParams(reasons: Array<{ name: string; reason: string }>): ApiRes {
  return problem(422, `${ERR_BASE}/messages#1150`, "Invalid params", "The value of one or more parameters is invalid.", {
    invalid_parameters: reasons,
  });
}

function unauthorized(): ApiRes {
  return problem(401, `${ERR_BASE}#unauthorized`, "Unauthorized", "You did not provide correct credentials.");
}

function authenticate(core: SimCore, req: ApiReq): VonageAccount | null {
  const creds = basicAuth(req.headers.authorization);
  const key = creds?.user ?? req.query.get("api_key") ?? undefined;
  const secret = creds?.pass ?? req.query.get("api_secret") ?? undefined;
  if (!key || !secret) return null;
  const acc = core.accountByKey("vonage", key);
  return acc && acc.apiSecret === secret ? acc : null;
}

function send(core: SimCore, req: ApiReq, acc: VonageAccount): ApiRes {
  if (!isRecord(req.body)) return invalidParams([{ name: "body", reason: "must be a JSON object" }]);
  const b = req.body;
  const channel = str(b.channel);
  const type = str(b.message_type);
  const to = str(b.to);
  const from = str(b.from);
  const reasons: Array<{ name: string; reason: string }> = [];
  if (!channel) reasons.push({ name: "channel", reason: "must not be empty" });
  else if (channel !== "sms" && channel !== "mms") reasons.push({ name: "channel", reason: `provider-sim supports sms and mms, got ${channel}` });
  if (!type) reasons.push({ name: "message_type", reason: "must not be empty" });
  if (!to) reasons.push({ name: "to", reason: "must not be empty" });
  else if (!isE164ish(to)) reasons.push({ name: "to", reason: "Invalid value; the number must be in E.164 format" });
  if (!from) reasons.push({ name: "from", reason: "must not be empty" });
  let text: string | undefined;
  let image: Record<string, unknown> | undefined;
  if (channel === "sms") {
    if (type !== "text") reasons.push({ name: "message_type", reason: "sms supports message_type text" });
    text = str(b.text);
    if (!text) reasons.push({ name: "text", reason: "must not be empty" });
    else if (text.length > 1000) reasons.push({ name: "text", reason: "size must be between 1 and 1000" });
  } else if (channel === "mms") {
    if (type === "image" && isRecord(b.image) && str(b.image.url)) image = b.image;
    else if (type === "text" && str(b.text)) text = str(b.text);
    else reasons.push({ name: "image", reason: "mms requires image.url (or text)" });
  }
  if (reasons.length > 0) return invalidParams(reasons);

  const now = Date.now();
  const msg = core.storeMessage({
    provider: "vonage",
    id: uuid(),
    accountKey: acc.apiKey,
    to: digits(to!),
    from: from!,
    text: text ?? (image ? str(image.caption) : undefined),
    status: "accepted",
    createdAt: now,
    updatedAt: now,
    clientRef: str(b.client_ref),
    extra: { channel, messageType: type, image },
  });
  core.afterSend(msg);
  return { status: 202, json: { message_uuid: msg.id } };
}

const NATIVE: Record<string, string> = {
  queued: "submitted",
  sent: "submitted",
  submitted: "submitted",
  delivered: "delivered",
  read: "read",
  failed: "rejected",
  rejected: "rejected",
  undelivered: "undeliverable",
  undeliverable: "undeliverable",
  bounced: "undeliverable",
};

async function signedPost(
  core: SimCore,
  acc: VonageAccount,
  kind: "inbound" | "status",
  url: string,
  payload: unknown,
  meta: { externalMessageId: string; providerStatus?: string },
) {
  const body = JSON.stringify(payload);
  const headers = () => ({
    "content-type": "application/json",
    authorization: `Bearer ${vonageWebhookJwt(acc.signatureSecret, body, {
      api_key: acc.apiKey,
      application_id: acc.applicationId ?? "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab",
    })}`,
    "user-agent": "Vonage-Messages/1.0",
  });
  return core.postWebhook("vonage", kind, url, headers(), body, { ...meta, resign: headers });
}

async function postStatus(
  core: SimCore,
  msg: StoredMessage,
  status: SimStatus,
  error?: SimStatusError,
): Promise<{ status: number; body: string }> {
  const native = NATIVE[status];
  if (!native) throw new Error(`provider-sim: vonage has no status ${status}`);
  const acc = core.accountByKey("vonage", msg.accountKey) ?? core.defaultAccount("vonage");
  const now = Date.now();
  msg.status = native;
  msg.updatedAt = now;
  const channel = (msg.extra.channel as string | undefined) ?? "sms";
  const payload: Record<string, unknown> = {
    message_uuid: msg.id,
    to: msg.to,
    from: msg.from,
    timestamp: new Date(now).toISOString(),
    status: native,
    channel,
  };
  if (msg.clientRef !== undefined) payload.client_ref = msg.clientRef;
  if (native === "submitted" || native === "delivered") {
    payload.usage = { currency: "EUR", price: "0.0333" };
    payload.destination = { network_code: "23410" };
    if (channel === "sms") payload.sms = { count_total: "1" };
  }
  if (native === "rejected" || native === "undeliverable") {
    const code = error?.code ?? (native === "rejected" ? 1300 : 1320);
    msg.errorCode = code;
    msg.errorMessage = error?.message ?? (native === "rejected" ? "Not part of the provider network" : "Message expired");
    payload.error = {
      type: `${ERR_BASE}/messages#${code}`,
      title: typeof code === "number" ? code : Number.isFinite(Number(code)) ? Number(code) : code,
      detail: msg.errorMessage,
      instance: uuid(),
    };
  }
  const d = await signedPost(core, acc, "status", core.webhookUrl("vonageStatus"), payload, {
    externalMessageId: msg.id,
    providerStatus: native,
  });
  return { status: d.status, body: d.responseBody };
}

async function inbound(core: SimCore, msgs: SimInboundMessage[]) {
  if (msgs.length !== 1) throw new Error("provider-sim: vonage inbound takes one message per request");
  const m = msgs[0]!;
  const acc = core.pickAccount("vonage", m.account, m.to);
  const to = digits((Array.isArray(m.to) ? m.to[0] : m.to) ?? acc.numbers?.[0] ?? "15550000000");
  const id = m.externalMessageId ?? uuid();
  const ts = new Date(toMs(m.timestamp, Date.now())).toISOString();
  const media = m.media?.[0];
  let payload: Record<string, unknown>;
  if (media) {
    let url = media.url;
    if (!url) {
      const mid = uuid();
      core.addMedia(mid, media.contentType ?? "image/jpeg", media.filename);
      url = `${core.url}/_sim/media/${mid}`;
    }
    payload = {
      channel: "mms",
      message_uuid: id,
      to,
      from: digits(m.from),
      timestamp: ts,
      message_type: "image",
      image: { url, ...(media.caption ?? m.text ? { caption: media.caption ?? m.text } : {}) },
      usage: { price: "0.0057", currency: "EUR" },
      context_status: "none",
    };
  } else {
    payload = {
      channel: "sms",
      message_uuid: id,
      to,
      from: digits(m.from),
      timestamp: ts,
      text: m.text ?? "",
      sms: { num_messages: "1" },
      usage: { price: "0.0057", currency: "EUR" },
      message_type: "text",
      context_status: "none",
    };
  }
  if (m.extra) Object.assign(payload, m.extra);
  const d = await signedPost(core, acc, "inbound", core.webhookUrl("vonageInbound"), payload, { externalMessageId: id });
  return { status: d.status, body: d.responseBody, externalMessageId: id, externalMessageIds: [id] };
}

export const vonage: ProviderModule<"vonage"> = {
  id: "vonage",
  accountKey: (a) => a.apiKey,
  ownsAddress: (a, address) => (a.numbers ?? []).some((n) => digits(n) === digits(address)),

  handle(core, req) {
    if (req.path === "/v1/messages") {
      if (req.method !== "POST") return problem(405, `${ERR_BASE}#method-not-allowed`, "Method Not Allowed", "Use POST.");
      const acc = authenticate(core, req);
      if (!acc) return unauthorized();
      return send(core, req, acc);
    }
    if (req.path === "/account/get-balance" && req.method === "GET") {
      const acc = authenticate(core, req);
      if (!acc) return { status: 401, json: { "error-code": "401", "error-code-label": "authentication failed" } };
      return { status: 200, json: { value: 42.5, autoReload: false } };
    }
    return problem(404, `${ERR_BASE}#not-found`, "Not Found", `No route for ${req.method} ${req.path}`);
  },

  faultResponse(_core, mode, retryAfterSeconds) {
    if (mode === "429") {
      return problem(
        429,
        `${ERR_BASE}#throttled`,
        "Rate Limit Hit",
        "Please wait, then retry your request",
        {},
        { "retry-after": String(retryAfterSeconds), "x-ratelimit-remaining": "0" },
      );
    }
    return problem(503, `${ERR_BASE}#internal-error`, "Service Unavailable", "The service is temporarily unavailable. Please retry later.");
  },

  inbound,
  status: postStatus,

  autoStatuses(core, msg): PlannedStatus[] {
    const err = core.recipientFailure("vonage", msg.to);
    if (err) return [{ status: "submitted" }, { status: "undeliverable", error: err }];
    return [{ status: "submitted" }, { status: "delivered" }];
  },

  placeholder(core, id) {
    const acc = core.defaultAccount("vonage");
    const now = Date.now();
    return {
      provider: "vonage",
      id,
      accountKey: acc.apiKey,
      to: "15550001111",
      from: acc.numbers?.[0] ?? "15550000000",
      status: "accepted",
      createdAt: now,
      updatedAt: now,
      extra: { channel: "sms" },
    };
  },
};
