/**
 * Fake Twilio Programmable Messaging (REST API 2010-04-01).
 */
import type { ApiReq, ApiRes, PlannedStatus, ProviderModule, SimCore, StoredMessage } from "../core";
import { sha256Hex, twilioSignature } from "../signing";
import type { SimInboundMessage, SimInboundRecord, SimStatus, SimStatusError, TwilioAccount } from "../types";
import {
  asArray,
  basicAuth,
  digits,
  first,
  formEncode,
  isE164ish,
  isRecord,
  rfc2822,
  toMs,
  twilioSid,
  uuid,
} from "../util";

const API = "2010-04-01";

function twilioError(status: number, code: number, message: string, headers?: Record<string, string>): ApiRes {
  return {
    status,
    headers,
    json: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  };
}

function stripChannel(addr: string): string {
  return addr.replace(/^(whatsapp|sms|mms):/i, "");
}

/** GSM-7 vs UCS-2 segment count like Twilio's num_segments. */
function segmentCount(body: string): number {
  if (!body) return 1;
  const gsm = /^[\n\r\x20-\x7E£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà€^{}\\[~\]|]*$/.test(body);
  const len = [...body].length;
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  return len <= single ? 1 : Math.ceil(len / multi);
}

/** Twilio magic test numbers (same codes as Twilio's test credentials). */
const MAGIC_TO: Record<string, [number, string]> = {
  "+15005550001": [21211, "The 'To' number +15005550001 is not a valid phone number."],
  "+15005550002": [
    21612,
    "The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number via SMS.",
  ],
  "+15005550003": [
    21408,
    "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: +15005550003.",
  ],
  "+15005550004": [21610, "Attempt to send to unsubscribed recipient"],
  "+15005550009": [21614, "'To' number is not a valid mobile number"],
};

function messageJson(acc: TwilioAccount, m: StoredMessage): Record<string, unknown> {
  const uri = `/${API}/Accounts/${acc.accountSid}/Messages/${m.id}.json`;
  return {
    account_sid: acc.accountSid,
    api_version: API,
    body: m.text ?? "",
    date_created: rfc2822(m.createdAt),
    date_sent: m.extra.dateSent ? rfc2822(m.extra.dateSent as number) : null,
    date_updated: rfc2822(m.updatedAt),
    direction: "outbound-api",
    error_code: m.errorCode ?? null,
    error_message: m.errorMessage ?? null,
    from: m.from || null,
    messaging_service_sid: (m.extra.messagingServiceSid as string | undefined) ?? null,
    num_media: String(m.extra.numMedia ?? 0),
    num_segments: String(m.extra.numSegments ?? 1),
    price: m.extra.dateSent ? (-0.0079 * Number(m.extra.numSegments ?? 1)).toFixed(5) : null,
    price_unit: "USD",
    sid: m.id,
    status: m.status,
    subresource_uris: {
      media: `/${API}/Accounts/${acc.accountSid}/Messages/${m.id}/Media.json`,
      feedback: `/${API}/Accounts/${acc.accountSid}/Messages/${m.id}/Feedback.json`,
    },
    to: m.to,
    uri,
  };
}

/** A received message as the Message resource shows it (direction inbound, status received). */
function inboundJson(acc: TwilioAccount, r: SimInboundRecord): Record<string, unknown> {
  const date = rfc2822(r.timestamp);
  return {
    account_sid: acc.accountSid,
    api_version: API,
    body: r.text ?? "",
    date_created: date,
    date_sent: date,
    date_updated: date,
    direction: "inbound",
    error_code: null,
    error_message: null,
    from: r.from,
    messaging_service_sid: null,
    num_media: String(r.media.length),
    num_segments: String(segmentCount(r.text ?? "")),
    price: null,
    price_unit: "USD",
    sid: r.id,
    status: "received",
    subresource_uris: {
      media: `/${API}/Accounts/${acc.accountSid}/Messages/${r.id}/Media.json`,
      feedback: `/${API}/Accounts/${acc.accountSid}/Messages/${r.id}/Feedback.json`,
    },
    to: r.to,
    uri: `/${API}/Accounts/${acc.accountSid}/Messages/${r.id}.json`,
  };
}

/**
 * A received message's Media resource (https://www.twilio.com/docs/messaging/api/media-resource).
 * `uri` without ".json" downloads the content (served without auth, Twilio's default).
 */
function mediaJson(acc: TwilioAccount, r: SimInboundRecord, md: SimInboundRecord["media"][number]) {
  const date = rfc2822(r.timestamp);
  return {
    account_sid: acc.accountSid,
    content_type: md.contentType,
    date_created: date,
    date_updated: date,
    parent_sid: r.id,
    sid: md.id ?? "",
    uri: `/${API}/Accounts/${acc.accountSid}/Messages/${r.id}/Media/${md.id ?? ""}.json`,
  };
}

/**
 * A `DateSent` bound: `YYYY-MM-DD` (GMT day) or ISO date-time. Inclusive, per Twilio's docs:
 * "DateSent<=YYYY-MM-DD ... on or before", "DateSent>=YYYY-MM-DD ... on or after"
 * (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources).
 * The query keys are literally `DateSent<` and `DateSent>` (the `=` is the key/value separator).
 */
function dateBound(v: string, edge: "start" | "end"): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const start = Date.parse(`${v}T00:00:00Z`);
    return edge === "start" ? start : start + 86_400_000 - 1;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

interface ListItem {
  sid: string;
  sentAt: number;
  to: string;
  from: string;
  json: () => Record<string, unknown>;
}

/** GET Messages.json: sent and received messages, newest first, filtered and paged like Twilio. */
function listMessages(core: SimCore, req: ApiReq, acc: TwilioAccount): ApiRes {
  const q = req.query;
  const pageSize = Math.min(Math.max(Number(q.get("PageSize") ?? 50) || 50, 1), 1000);
  const page = Math.max(Number(q.get("Page") ?? 0) || 0, 0);
  const bounds: Array<[number, number]> = [];
  for (const [key, edge] of [
    ["DateSent>", "start"],
    ["DateSent<", "end"],
  ] as const) {
    const v = q.get(key);
    if (v === null) continue;
    const t = dateBound(v, edge);
    if (t === null) return twilioError(400, 20001, `Invalid ${key} parameter: ${v}`);
    bounds.push(edge === "start" ? [t, Infinity] : [-Infinity, t]);
  }
  const exact = q.get("DateSent");
  if (exact !== null) {
    const lo = dateBound(exact, "start");
    const hi = /^\d{4}-\d{2}-\d{2}$/.test(exact) ? dateBound(exact, "end") : lo;
    if (lo === null || hi === null) return twilioError(400, 20001, `Invalid DateSent parameter: ${exact}`);
    bounds.push([lo, hi]);
  }
  const to = q.get("To");
  const from = q.get("From");
  const items: ListItem[] = [];
  for (const m of core.messages.values()) {
    if (m.provider !== "twilio" || m.accountKey !== acc.accountSid) continue;
    items.push({
      sid: m.id,
      sentAt: (m.extra.dateSent as number | undefined) ?? m.createdAt,
      to: m.to,
      from: m.from,
      json: () => messageJson(acc, m),
    });
  }
  for (const r of core.inboundLog) {
    if (r.provider !== "twilio" || r.account !== acc.accountSid) continue;
    items.push({ sid: r.id, sentAt: r.timestamp, to: r.to, from: r.from, json: () => inboundJson(acc, r) });
  }
  const matches = items
    .filter((x) => (to === null || x.to === to) && (from === null || x.from === from))
    .filter((x) => bounds.every(([lo, hi]) => x.sentAt >= lo && x.sentAt <= hi))
    // Newest first; ties broken by sid so pages are stable.
    .sort((a, b) => b.sentAt - a.sentAt || (a.sid < b.sid ? -1 : 1));
  // PageToken "PA<sid>" continues after that sid (Twilio's tokens are opaque; this one is stable under inserts).
  const token = q.get("PageToken");
  let startIdx = page * pageSize;
  if (token) {
    const i = matches.findIndex((x) => `PA${x.sid}` === token);
    if (i < 0) return twilioError(400, 20001, `Invalid PageToken: ${token}`);
    startIdx = i + 1;
  }
  const slice = matches.slice(startIdx, startIdx + pageSize);
  const base = `/${API}/Accounts/${acc.accountSid}/Messages.json`;
  const keep = new URLSearchParams();
  for (const k of ["To", "From", "DateSent", "DateSent<", "DateSent>"]) {
    const v = q.get(k);
    if (v !== null) keep.set(k, v);
  }
  const uriFor = (p: number, tok?: string) => {
    const u = new URLSearchParams(keep);
    u.set("PageSize", String(pageSize));
    u.set("Page", String(p));
    if (tok) u.set("PageToken", tok);
    return `${base}?${u.toString()}`;
  };
  const hasMore = startIdx + pageSize < matches.length;
  const pageNo = token ? page : Math.floor(startIdx / pageSize);
  return {
    status: 200,
    json: {
      end: startIdx + Math.max(slice.length - 1, 0),
      first_page_uri: uriFor(0),
      messages: slice.map((x) => x.json()),
      next_page_uri: hasMore ? uriFor(pageNo + 1, `PA${slice[slice.length - 1]!.sid}`) : null,
      page: pageNo,
      page_size: pageSize,
      previous_page_uri: pageNo > 0 ? uriFor(pageNo - 1) : null,
      start: startIdx,
      uri: token ? uriFor(pageNo, token) : uriFor(pageNo),
    },
  };
}

function authenticate(core: SimCore, req: ApiReq, pathSid: string): TwilioAccount | ApiRes {
  const creds = basicAuth(req.headers.authorization);
  const acc = creds ? core.accountByKey("twilio", creds.user) : undefined;
  if (!creds || !acc || acc.authToken !== creds.pass) {
    return twilioError(401, 20003, "Authenticate", { "www-authenticate": 'Basic realm="Twilio API"' });
  }
  if (acc.accountSid !== pathSid) {
    return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
  }
  return acc;
}

function send(core: SimCore, req: ApiReq, acc: TwilioAccount): ApiRes {
  const p = (isRecord(req.body) ? req.body : {}) as Record<string, string | string[]>;
  const to = first(p.To)?.trim();
  const from = first(p.From)?.trim();
  const messagingServiceSid = first(p.MessagingServiceSid);
  const body = first(p.Body) ?? "";
  const mediaUrls = asArray(p.MediaUrl);
  const statusCallback = first(p.StatusCallback);

  if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!from && !messagingServiceSid) {
    return twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
  }
  if (!body && mediaUrls.length === 0) return twilioError(400, 21602, "Message body is required.");
  if (!isE164ish(stripChannel(to)))
    return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
  const magic = MAGIC_TO[stripChannel(to)];
  if (magic) return twilioError(400, magic[0], magic[1]);
  if (from && !messagingServiceSid) {
    const owned = acc.numbers.some((n) => digits(n) === digits(stripChannel(from)));
    if (!owned) {
      return twilioError(
        400,
        21606,
        `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
      );
    }
  }
  if ([...body].length > 1600) {
    return twilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
  }

  const now = Date.now();
  const msg = core.storeMessage({
    provider: "twilio",
    id: twilioSid(mediaUrls.length > 0 ? "MM" : "SM"),
    accountKey: acc.accountSid,
    to,
    from: from ?? "",
    text: body,
    status: messagingServiceSid && !from ? "accepted" : "queued",
    createdAt: now,
    updatedAt: now,
    statusCallback,
    extra: {
      numMedia: mediaUrls.length,
      numSegments: segmentCount(body),
      mediaUrls,
      messagingServiceSid,
    },
  });
  core.afterSend(msg);
  return { status: 201, json: messageJson(acc, msg) };
}

/** The URL with its scheme's default port written out, if it has no port (string surgery keeps the rest byte-exact). */
export function withDefaultPort(url: string): string {
  const m = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(url);
  if (!m) return url;
  const [, scheme, host, rest] = m as unknown as [string, string, string, string];
  if (/:\d+$/.test(host)) return url;
  return `${scheme}://${host}:${scheme.toLowerCase() === "https" ? 443 : 80}${rest}`;
}

/**
 * Post a Twilio webhook signed as the account is set up: form body + Auth Token HMAC-SHA1 (default),
 * a JSON body with `bodySHA256` in the URL, and/or a SharedKey with X-Twilio-Webhooks-Signature-Settings.
 */
function signedPost(
  core: SimCore,
  acc: TwilioAccount,
  kind: "inbound" | "status",
  baseUrl: string,
  params: Record<string, string>,
  extraHeaders: Record<string, string>,
  meta: { externalMessageId: string; providerStatus?: string },
  inbound?: SimInboundRecord,
) {
  const opts = acc.webhooks ?? {};
  const key = opts.sharedKey?.secret ?? acc.authToken;
  const algorithm = opts.sharedKey?.algorithm ?? "HMAC_SHA1";
  let url = baseUrl;
  let body: string;
  let signature: string;
  let contentType: string;
  const signedUrl = (u: string) => (opts.signWithDefaultPort ? withDefaultPort(u) : u);
  if (opts.body === "json") {
    body = JSON.stringify(params);
    url = `${baseUrl}${baseUrl.includes("?") ? "&" : "?"}bodySHA256=${sha256Hex(body)}`;
    // JSON bodies are not part of the signed string: the URL (with bodySHA256) alone is signed.
    signature = twilioSignature(key, signedUrl(url), {}, algorithm);
    contentType = "application/json";
  } else {
    body = formEncode(params);
    signature = twilioSignature(key, signedUrl(url), params, algorithm);
    contentType = "application/x-www-form-urlencoded";
  }
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-twilio-signature": signature,
    "i-twilio-idempotency-token": uuid(),
    "user-agent": "TwilioProxy/1.1",
    "x-home-region": "us1",
    ...extraHeaders,
  };
  if (opts.sharedKey) {
    headers["x-twilio-webhooks-signature-settings"] = `key=${opts.sharedKey.keyId},algorithm=${algorithm}`;
  }
  return core.postWebhook("twilio", kind, url, headers, body, meta, inbound);
}

function callbackUrl(core: SimCore, msg: StoredMessage, auto: boolean): string | undefined {
  const acc = core.accountByKey("twilio", msg.accountKey);
  return msg.statusCallback ?? acc?.statusCallbackUrl ?? (auto ? undefined : core.webhookUrl("twilioStatus"));
}

const NATIVE: Record<string, string> = {
  queued: "queued",
  accepted: "accepted",
  sending: "sending",
  sent: "sent",
  submitted: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
  rejected: "failed",
  undelivered: "undelivered",
  undeliverable: "undelivered",
  bounced: "undelivered",
};

async function postStatus(
  core: SimCore,
  msg: StoredMessage,
  status: SimStatus,
  error?: SimStatusError,
  opts?: { auto?: boolean },
): Promise<{ status: number; body: string }> {
  const native = NATIVE[status];
  if (!native) throw new Error(`provider-sim: twilio has no status ${status}`);
  const acc = core.accountByKey("twilio", msg.accountKey) ?? core.defaultAccount("twilio");
  const now = Date.now();
  msg.status = native;
  msg.updatedAt = now;
  // A Messaging Service picks the sender from its pool once the message leaves the queue.
  if (!msg.from) msg.from = acc.numbers[0] ?? "";
  if (native === "sent" && !msg.extra.dateSent) msg.extra.dateSent = now;
  const failing = native === "failed" || native === "undelivered";
  if (failing) {
    msg.errorCode = error?.code ?? (native === "failed" ? 30008 : 30003);
    msg.errorMessage = error?.message ?? (native === "failed" ? "Unknown error" : "Unreachable destination handset");
  }
  const url = callbackUrl(core, msg, opts?.auto ?? false);
  if (!url) return { status: 0, body: "" };

  const params: Record<string, string> = {
    AccountSid: acc.accountSid,
    ApiVersion: API,
    From: msg.from,
    MessageSid: msg.id,
    MessageStatus: native,
    SmsSid: msg.id,
    SmsStatus: native,
    To: msg.to,
  };
  const mss = msg.extra.messagingServiceSid;
  if (typeof mss === "string") params.MessagingServiceSid = mss;
  if (failing) params.ErrorCode = String(msg.errorCode);
  if (native === "delivered") {
    const d = new Date(now);
    const pad = (n: number) => String(n).padStart(2, "0");
    params.RawDlrDoneDate = `${String(d.getUTCFullYear()).slice(2)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
  }
  const d = await signedPost(
    core,
    acc,
    "status",
    url,
    params,
    {},
    { externalMessageId: msg.id, providerStatus: native },
  );
  return { status: d.status, body: d.responseBody };
}

async function inbound(core: SimCore, msgs: SimInboundMessage[]) {
  if (msgs.length !== 1) throw new Error("provider-sim: twilio inbound takes one message per request");
  const m = msgs[0]!;
  const acc = core.pickAccount("twilio", m.account, m.to);
  const to = (Array.isArray(m.to) ? m.to[0] : m.to) ?? acc.numbers[0] ?? "+15550000000";
  const media = m.media ?? [];
  const sid = m.externalMessageId ?? twilioSid(media.length > 0 ? "MM" : "SM");
  const timestamp = toMs(m.timestamp, Date.now());
  const params: Record<string, string> = {
    ToCountry: "US",
    ToState: "CA",
    SmsMessageSid: sid,
    NumMedia: String(media.length),
    ToCity: "",
    FromZip: "",
    SmsSid: sid,
    FromState: "",
    SmsStatus: "received",
    FromCity: "",
    Body: m.text ?? "",
    FromCountry: "US",
    To: to,
    ToZip: "",
    NumSegments: String(segmentCount(m.text ?? "")),
    MessageSid: sid,
    AccountSid: acc.accountSid,
    From: m.from,
    ApiVersion: API,
  };
  const meSids: string[] = [];
  media.forEach((md, i) => {
    const contentType = md.contentType ?? "image/jpeg";
    const meSid = twilioSid("ME");
    meSids.push(meSid);
    let url = md.url;
    if (!url) {
      core.addMedia(meSid, contentType, md.filename);
      url = `${core.url}/${API}/Accounts/${acc.accountSid}/Messages/${sid}/Media/${meSid}`;
    }
    params[`MediaContentType${i}`] = contentType;
    params[`MediaUrl${i}`] = url;
  });
  if (m.extra) for (const [k, v] of Object.entries(m.extra)) params[k] = String(v);

  // Twilio keeps every received message (Messages list), whether or not our webhook POST succeeds.
  const rec = core.recordInbound({
    provider: "twilio",
    id: sid,
    account: acc.accountSid,
    from: m.from,
    to,
    text: m.text ?? "",
    timestamp,
    media: media.map((_, i) => ({
      id: meSids[i],
      url: params[`MediaUrl${i}`]!,
      contentType: params[`MediaContentType${i}`]!,
    })),
  });
  const url = core.webhookUrl("twilioInbound");
  const d = await signedPost(core, acc, "inbound", url, params, { accept: "*/*" }, { externalMessageId: sid }, rec);
  return { status: d.status, body: d.responseBody, externalMessageId: sid, externalMessageIds: [sid] };
}

/**
 * GET IncomingPhoneNumbers.json: the account's numbers, `PhoneNumber` filtering on the digits
 * (Twilio also accepts partial numbers and `*` wildcards; an exact number is what ownership checks send).
 */
function incomingNumbers(acc: TwilioAccount, query: URLSearchParams) {
  const wanted = query.get("PhoneNumber");
  const owned = acc.numbers.filter((n) => !wanted || digits(n) === digits(wanted));
  const uri = `/${API}/Accounts/${acc.accountSid}/IncomingPhoneNumbers.json`;
  return {
    status: 200,
    json: {
      incoming_phone_numbers: owned.map((n, i) => ({
        account_sid: acc.accountSid,
        sid: `PN${digits(n).padStart(32, "0").slice(-32)}`,
        phone_number: n,
        friendly_name: n,
        capabilities: { sms: true, mms: true, voice: true, fax: false },
        status: "in-use",
        uri: `/${API}/Accounts/${acc.accountSid}/IncomingPhoneNumbers/PN${String(i).padStart(32, "0")}.json`,
      })),
      first_page_uri: uri,
      next_page_uri: null,
      previous_page_uri: null,
      page: 0,
      page_size: 50,
      start: 0,
      end: Math.max(owned.length - 1, 0),
      uri,
    },
  };
}

export const twilio: ProviderModule<"twilio"> = {
  id: "twilio",
  accountKey: (a) => a.accountSid,
  ownsAddress: (a, address) => a.numbers.some((n) => digits(n) === digits(stripChannel(address))),

  handle(core, req) {
    const m = /^\/2010-04-01\/Accounts\/([^/]+?)(\.json|\/.*)?$/.exec(req.path);
    if (!m) return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
    const pathSid = m[1]!;
    const rest = m[2] ?? "";

    // Media is served without auth (Twilio's default for MediaUrl).
    const media = /^\/Messages\/[^/]+\/Media\/([^/.]+)$/.exec(rest);
    if (media && req.method === "GET") {
      const blob = core.media.get(media[1]!);
      if (!blob) return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
      return { status: 200, bytes: blob.bytes, contentType: blob.contentType };
    }

    const acc = authenticate(core, req, pathSid);
    if ("status" in acc) return acc;

    if (rest === ".json" && req.method === "GET") {
      return {
        status: 200,
        json: {
          auth_token: acc.authToken,
          date_created: rfc2822(Date.UTC(2020, 0, 1)),
          date_updated: rfc2822(Date.UTC(2020, 0, 1)),
          friendly_name: "provider-sim",
          owner_account_sid: acc.accountSid,
          sid: acc.accountSid,
          status: "active",
          subresource_uris: { messages: `/${API}/Accounts/${acc.accountSid}/Messages.json` },
          type: "Full",
          uri: `/${API}/Accounts/${acc.accountSid}.json`,
        },
      };
    }
    if (rest === "/IncomingPhoneNumbers.json" && req.method === "GET") return incomingNumbers(acc, req.query);
    if (rest === "/Messages.json" && req.method === "POST") return send(core, req, acc);
    if (rest === "/Messages.json" && req.method === "GET") return listMessages(core, req, acc);
    const mediaList = /^\/Messages\/([^/]+)\/Media\.json$/.exec(rest);
    const mediaOne = /^\/Messages\/([^/]+)\/Media\/([^/]+)\.json$/.exec(rest);
    if ((mediaList || mediaOne) && req.method === "GET") {
      const msgSid = (mediaList ?? mediaOne)![1]!;
      const rec = core.findInbound("twilio", msgSid);
      if (!rec || rec.account !== acc.accountSid)
        return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
      const items = rec.media.map((md) => mediaJson(acc, rec, md));
      if (mediaOne) {
        const item = items.find((x) => x.sid === mediaOne[2]);
        return item
          ? { status: 200, json: item }
          : twilioError(404, 20404, `The requested resource ${req.path} was not found`);
      }
      const uri = `/${API}/Accounts/${acc.accountSid}/Messages/${msgSid}/Media.json?PageSize=50&Page=0`;
      return {
        status: 200,
        json: {
          media_list: items,
          end: Math.max(items.length - 1, 0),
          first_page_uri: uri,
          next_page_uri: null,
          page: 0,
          page_size: 50,
          previous_page_uri: null,
          start: 0,
          uri,
        },
      };
    }
    const one = /^\/Messages\/([^/]+)\.json$/.exec(rest);
    if (one && req.method === "GET") {
      const msg = core.getMessage("twilio", one[1]!);
      if (msg && msg.accountKey === acc.accountSid) return { status: 200, json: messageJson(acc, msg) };
      const rec = core.findInbound("twilio", one[1]!);
      if (rec && rec.account === acc.accountSid) return { status: 200, json: inboundJson(acc, rec) };
      return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
    }
    if (one && req.method === "DELETE") {
      core.messages.delete(`twilio:${one[1]!}`);
      return { status: 204 };
    }
    if (req.method !== "GET" && req.method !== "POST") return twilioError(405, 20004, "Method not allowed");
    return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
  },

  faultResponse(_core, mode, retryAfterSeconds) {
    if (mode === "429") {
      return twilioError(429, 20429, "Too Many Requests", {
        "retry-after": String(retryAfterSeconds),
        "x-ratelimit-remaining": "0",
      });
    }
    return twilioError(503, 20503, "Service Unavailable");
  },

  inbound,
  status: postStatus,

  autoStatuses(core, msg): PlannedStatus[] {
    const err = core.recipientFailure("twilio", stripChannel(msg.to));
    if (err) return [{ status: "sent" }, { status: "undelivered", error: err }];
    return [{ status: "sent" }, { status: "delivered" }];
  },

  placeholder(core, id) {
    const acc = core.defaultAccount("twilio");
    const now = Date.now();
    return {
      provider: "twilio",
      id,
      accountKey: acc.accountSid,
      to: "+15550001111",
      from: acc.numbers[0] ?? "+15550000000",
      status: "queued",
      createdAt: now,
      updatedAt: now,
      extra: {},
    };
  },
};
