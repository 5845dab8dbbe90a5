/**
 * Fake Vonage Messages API v1 (SMS / MMS) plus the account balance endpoint used as a health check.
 */
import type { ApiReq, ApiRes, PlannedStatus, ProviderModule, SimCore, StoredMessage, WebhookSigner } from "../core";
import { vonageSmsSignature, vonageWebhookJwt } from "../signing";
import type { SimInboundMessage, SimInboundRecord, SimStatus, SimStatusError, VonageAccount } from "../types";
import { basicAuth, digits, formEncode, isE164ish, isRecord, str, toMs, uuid } from "../util";

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
  return problem(
    422,
    `${ERR_BASE}/messages#1150`,
    "Invalid params",
    "The value of one or more parameters is invalid.",
    {
      invalid_parameters: reasons,
    },
  );
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

/** Message types each channel accepts on POST /v1/messages (https://developer.vonage.com/en/api/messages). */
const SEND_TYPES: Record<string, string[]> = {
  sms: ["text"],
  mms: ["text", "image", "video", "audio", "file", "vcard"],
  whatsapp: ["text", "image", "video", "audio", "file", "template", "custom"],
  viber_service: ["text", "image", "video", "file"],
  messenger: ["text", "image", "video", "audio", "file"],
};

function send(core: SimCore, req: ApiReq, acc: VonageAccount): ApiRes {
  if (!isRecord(req.body)) return invalidParams([{ name: "body", reason: "must be a JSON object" }]);
  const b = req.body;
  const channel = str(b.channel);
  const type = str(b.message_type);
  const to = str(b.to);
  const from = str(b.from);
  const reasons: Array<{ name: string; reason: string }> = [];
  const allowed = channel ? SEND_TYPES[channel] : undefined;
  if (!channel) reasons.push({ name: "channel", reason: "must not be empty" });
  else if (!allowed) reasons.push({ name: "channel", reason: `must be one of ${Object.keys(SEND_TYPES).join(", ")}` });
  if (!type) reasons.push({ name: "message_type", reason: "must not be empty" });
  else if (allowed && !allowed.includes(type))
    reasons.push({ name: "message_type", reason: `${channel} supports ${allowed.join(", ")}` });
  if (!to) reasons.push({ name: "to", reason: "must not be empty" });
  else if (channel !== "messenger" && !isE164ish(to))
    reasons.push({ name: "to", reason: "Invalid value; the number must be in E.164 format" });
  if (!from) reasons.push({ name: "from", reason: "must not be empty" });
  let text: string | undefined;
  let content: Record<string, unknown> | undefined;
  if (type === "text") {
    text = str(b.text);
    const max = channel === "sms" ? 1000 : 4096;
    if (!text) reasons.push({ name: "text", reason: "must not be empty" });
    else if (text.length > max) reasons.push({ name: "text", reason: `size must be between 1 and ${max}` });
  } else if (type && ["image", "video", "audio", "file", "vcard"].includes(type)) {
    const c = b[type];
    if (isRecord(c) && str(c.url)) content = c;
    else reasons.push({ name: `${type}.url`, reason: "must not be empty" });
  } else if (type === "template" || type === "custom") {
    if (!isRecord(b[type])) reasons.push({ name: type, reason: "must not be empty" });
    content = b[type] as Record<string, unknown>;
  }
  if (reasons.length > 0) return invalidParams(reasons);

  const now = Date.now();
  const msg = core.storeMessage({
    provider: "vonage",
    id: uuid(),
    accountKey: acc.apiKey,
    to: channel === "messenger" ? to! : digits(to!),
    from: from!,
    text: text ?? (content ? str(content.caption) : undefined),
    status: "accepted",
    createdAt: now,
    updatedAt: now,
    clientRef: str(b.client_ref),
    extra: { channel, messageType: type, [type!]: content, ...(type === "image" ? { image: content } : {}) },
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

/** "YYYY-MM-DD HH:MM:SS" (UTC), the SMS API's message-timestamp. */
function smsApiTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Post a Vonage webhook signed as the account is set up. "jwt" (Messages API): JSON body and
 * `Authorization: Bearer <HS256 JWT>` with payload_hash, a fresh JWT per attempt
 * (https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks).
 * "sig" (SMS API): the flat parameters plus `timestamp`, `nonce` and `sig`, sent as POST-JSON, POST
 * form or GET query, as the dashboard chooses.
 */
function vonagePost(
  core: SimCore,
  acc: VonageAccount,
  kind: "inbound" | "status",
  url: string,
  payload: Record<string, unknown>,
  meta: { externalMessageId: string; providerStatus?: string },
  inbound?: SimInboundRecord,
) {
  if ((acc.signatureMode ?? "jwt") === "jwt") {
    const body = JSON.stringify(payload);
    const headers = () => ({
      "content-type": "application/json",
      authorization: `Bearer ${vonageWebhookJwt(acc.signatureSecret, body, {
        api_key: acc.apiKey,
        application_id: acc.applicationId ?? "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab",
      })}`,
      "user-agent": "Vonage-Messages/1.0",
    });
    return core.postWebhook("vonage", kind, url, headers(), body, { ...meta, resign: headers }, inbound);
  }
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) if (v !== undefined && v !== null) params[k] = String(v);
  params.timestamp = String(Math.floor(Date.now() / 1000));
  params.nonce = uuid();
  const method = acc.smsApiHttpMethod ?? "POST-JSON";
  const signer: WebhookSigner = ({ unsigned }) => {
    const p = unsigned
      ? { ...params }
      : { ...params, sig: vonageSmsSignature(params, acc.signatureSecret, acc.signatureMethod ?? "md5hash") };
    const ua = { "user-agent": "Vonage-SMS/1.0" };
    if (method === "GET")
      return { url: `${url}${url.includes("?") ? "&" : "?"}${formEncode(p)}`, headers: ua, body: "" };
    if (method === "POST")
      return { url, headers: { ...ua, "content-type": "application/x-www-form-urlencoded" }, body: formEncode(p) };
    return { url, headers: { ...ua, "content-type": "application/json" }, body: JSON.stringify(p) };
  };
  return core.deliverWebhook("vonage", kind, signer, { ...meta, method: method === "GET" ? "GET" : "POST" }, inbound);
}

/** SMS API delivery receipt status for a normalised status. */
const DLR_STATUS: Record<string, string> = {
  submitted: "accepted",
  delivered: "delivered",
  read: "delivered",
  rejected: "rejected",
  undeliverable: "failed",
};

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
  const failing = native === "rejected" || native === "undeliverable";
  if (failing) {
    const code = error?.code ?? (native === "rejected" ? 1300 : 1320);
    msg.errorCode = code;
    msg.errorMessage =
      error?.message ?? (native === "rejected" ? "Not part of the provider network" : "Message expired");
  }
  let payload: Record<string, unknown>;
  if ((acc.signatureMode ?? "jwt") === "sig") {
    // SMS API delivery receipt (https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts).
    payload = {
      msisdn: msg.to,
      to: msg.from,
      "network-code": "23410",
      messageId: msg.id,
      price: "0.03330000",
      status: DLR_STATUS[native] ?? "unknown",
      scts: smsApiTimestamp(now).replace(/\D/g, "").slice(2, 12),
      "err-code": failing ? String(msg.errorCode) : "0",
      "api-key": acc.apiKey,
      "message-timestamp": smsApiTimestamp(now),
      ...(msg.clientRef !== undefined ? { "client-ref": msg.clientRef } : {}),
    };
  } else {
    payload = {
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
    if (failing) {
      const code = msg.errorCode!;
      payload.error = {
        type: `${ERR_BASE}/messages#${code}`,
        title: typeof code === "number" ? code : Number.isFinite(Number(code)) ? Number(code) : code,
        detail: msg.errorMessage,
        instance: uuid(),
      };
    }
  }
  const d = await vonagePost(core, acc, "status", core.webhookUrl("vonageStatus"), payload, {
    externalMessageId: msg.id,
    providerStatus: native,
  });
  return { status: d.status, body: d.responseBody };
}

type VonageMediaType = "image" | "video" | "audio" | "file" | "vcard";

/** Messages API message_type for a media content type. */
function vonageMediaType(contentType: string): VonageMediaType {
  const ct = contentType.toLowerCase();
  if (ct === "text/vcard" || ct === "text/x-vcard" || ct === "text/directory") return "vcard";
  if (ct.startsWith("image/")) return "image";
  if (ct.startsWith("video/")) return "video";
  if (ct.startsWith("audio/")) return "audio";
  return "file";
}

/**
 * Inbound message webhooks. Messages API shapes
 * (https://developer.vonage.com/en/api/messages#inbound-message): `channel` sms | mms | whatsapp |
 * viber_service | messenger, `message_type` text | image | video | audio | file | vcard, one content
 * object per message (`image: {url, caption?}`, `file: {url, name?, caption?}`, `vcard: {url}` ...).
 * Several media items become several webhooks, one per item. With `signatureMode: "sig"` the SMS API
 * inbound shape is sent instead (https://developer.vonage.com/en/messaging/sms/guides/inbound-sms).
 */
async function inbound(core: SimCore, msgs: SimInboundMessage[]) {
  if (msgs.length !== 1) throw new Error("provider-sim: vonage inbound takes one message per request");
  const m = msgs[0]!;
  const acc = core.pickAccount("vonage", m.account, m.to);
  const to = (Array.isArray(m.to) ? m.to[0] : m.to) ?? acc.numbers?.[0] ?? "15550000000";
  const media = m.media ?? [];
  const tsMs = toMs(m.timestamp, Date.now());
  const url = core.webhookUrl("vonageInbound");

  if ((acc.signatureMode ?? "jwt") === "sig") {
    if (media.length > 0) throw new Error("provider-sim: the Vonage SMS API has no media (use signatureMode jwt)");
    const id =
      m.externalMessageId ??
      `${Math.floor(Math.random() * 0xffffffff)
        .toString(16)
        .toUpperCase()
        .padStart(8, "0")}${Date.now().toString(16).toUpperCase().slice(-8)}`;
    const text = m.text ?? "";
    const payload: Record<string, unknown> = {
      msisdn: digits(m.from),
      to: digits(to),
      messageId: id,
      text,
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the GSM-7 test is a range of ASCII control + printable characters
      type: /^[\x00-\x7F£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà€]*$/.test(text) ? "text" : "unicode",
      keyword: (text.trim().split(/\s+/)[0] ?? "").toUpperCase(),
      "api-key": acc.apiKey,
      "message-timestamp": smsApiTimestamp(tsMs),
      ...(m.extra ?? {}),
    };
    const rec = core.recordInbound({
      provider: "vonage",
      id,
      account: acc.apiKey,
      from: digits(m.from),
      to: digits(to),
      text,
      timestamp: tsMs,
      media: [],
    });
    const d = await vonagePost(core, acc, "inbound", url, payload, { externalMessageId: id }, rec);
    return { status: d.status, body: d.responseBody, externalMessageId: id, externalMessageIds: [id] };
  }

  const channel = m.channel ?? (media.length > 0 ? "mms" : "sms");
  if (media.length > 0 && channel === "sms") throw new Error("provider-sim: vonage sms has no media; use channel mms");
  const base = (id: string): Record<string, unknown> => {
    const o: Record<string, unknown> = {
      channel,
      message_uuid: id,
      to: channel === "messenger" ? to : digits(to),
      from: channel === "messenger" ? m.from : digits(m.from),
      timestamp: new Date(tsMs).toISOString(),
    };
    if (channel === "whatsapp") o.profile = { name: m.profileName ?? `Contact ${digits(m.from).slice(-4)}` };
    if (channel === "sms" || channel === "mms") o.usage = { price: "0.0057", currency: "EUR" };
    o.context_status = "none";
    return o;
  };
  const items: Array<{ id: string; payload: Record<string, unknown>; media: SimInboundRecord["media"] }> = [];
  if (media.length === 0) {
    const id = m.externalMessageId ?? uuid();
    const payload = { ...base(id), message_type: "text", text: m.text ?? "" };
    if (channel === "sms") Object.assign(payload, { sms: { num_messages: "1" } });
    items.push({ id, payload, media: [] });
  } else {
    media.forEach((md, i) => {
      const id = i === 0 && m.externalMessageId ? m.externalMessageId : uuid();
      const contentType = md.contentType ?? "image/jpeg";
      let mediaUrl = md.url;
      if (!mediaUrl) {
        const mid = uuid();
        core.addMedia(mid, contentType, md.filename);
        mediaUrl = `${core.url}/_sim/media/${mid}`;
      }
      const type = vonageMediaType(contentType);
      const caption = md.caption ?? (i === 0 ? m.text : undefined);
      const content: Record<string, unknown> = { url: mediaUrl };
      if (caption && (type === "image" || type === "video" || type === "file")) content.caption = caption;
      if (type === "file" && md.filename) content.name = md.filename;
      items.push({
        id,
        payload: { ...base(id), message_type: type, [type]: content },
        media: [{ url: mediaUrl, contentType, filename: md.filename }],
      });
    });
  }
  let first: { status: number; body: string } | undefined;
  for (const item of items) {
    if (m.extra) Object.assign(item.payload, m.extra);
    const rec = core.recordInbound({
      provider: "vonage",
      id: item.id,
      account: acc.apiKey,
      from: String(item.payload.from),
      to: String(item.payload.to),
      text: (item.payload.text as string | undefined) ?? m.text,
      timestamp: tsMs,
      media: item.media,
    });
    const d = await vonagePost(core, acc, "inbound", url, item.payload, { externalMessageId: item.id }, rec);
    first ??= { status: d.status, body: d.responseBody };
  }
  const ids = items.map((x) => x.id);
  return { status: first!.status, body: first!.body, externalMessageId: ids[0]!, externalMessageIds: ids };
}

export const vonage: ProviderModule<"vonage"> = {
  id: "vonage",
  accountKey: (a) => a.apiKey,
  ownsAddress: (a, address) => (a.numbers ?? []).some((n) => digits(n) === digits(address)),

  handle(core, req) {
    if (req.path === "/v1/messages") {
      if (req.method !== "POST")
        return problem(405, `${ERR_BASE}#method-not-allowed`, "Method Not Allowed", "Use POST.");
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
    return problem(
      503,
      `${ERR_BASE}#internal-error`,
      "Service Unavailable",
      "The service is temporarily unavailable. Please retry later.",
    );
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
