/**
 * Fake Twilio Programmable Messaging (REST API 2010-04-01).
 */
import type { ApiReq, ApiRes, PlannedStatus, ProviderModule, SimCore, StoredMessage } from "../core";
import { twilioSignature } from "../signing";
import type { SimInboundMessage, SimStatus, SimStatusError, TwilioAccount } from "../types";
import {
  asArray,
  basicAuth,
  digits,
  first,
  formEncode,
  isE164ish,
  isRecord,
  rfc2822,
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
export function segmentCount(body: string): number {
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
  "+15005550002": [21612, "The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number via SMS."],
  "+15005550003": [21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: +15005550003."],
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

function authenticate(core: SimCore, req: ApiReq, pathSid: string): TwilioAccount | ApiRes {
  const creds = basicAuth(req.headers.authorization);
  const acc = creds ? core.accountByKey("twilio", creds.user) : undefined;
  if (!creds || !acc || acc.authToken !== creds.pass) {
    return twilioError(401, 20003, "Authenticate", { "www-authenticate": 'Basic realm="Twilio API"' });
  }
  if (acc.accountSid !== pathSid) {
    return twilioError(
      404,
      20404,
      `The requested resource ${req.path} was not found`,
    );
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
  if (!isE164ish(stripChannel(to))) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
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
  const body = formEncode(params);
  const d = await core.postWebhook(
    "twilio",
    "status",
    url,
    {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(acc.authToken, url, params),
      "i-twilio-idempotency-token": uuid(),
      "user-agent": "TwilioProxy/1.1",
      "x-home-region": "us1",
    },
    body,
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
  media.forEach((md, i) => {
    const contentType = md.contentType ?? "image/jpeg";
    let url = md.url;
    if (!url) {
      const meSid = twilioSid("ME");
      core.addMedia(meSid, contentType, md.filename);
      url = `${core.url}/${API}/Accounts/${acc.accountSid}/Messages/${sid}/Media/${meSid}`;
    }
    params[`MediaContentType${i}`] = contentType;
    params[`MediaUrl${i}`] = url;
  });
  if (m.extra) for (const [k, v] of Object.entries(m.extra)) params[k] = String(v);

  const url = core.webhookUrl("twilioInbound");
  const d = await core.postWebhook(
    "twilio",
    "inbound",
    url,
    {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(acc.authToken, url, params),
      "i-twilio-idempotency-token": uuid(),
      "user-agent": "TwilioProxy/1.1",
      "x-home-region": "us1",
      accept: "*/*",
    },
    formEncode(params),
    { externalMessageId: sid },
  );
  return { status: d.status, body: d.responseBody, externalMessageId: sid, externalMessageIds: [sid] };
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
    if (rest === "/Messages.json" && req.method === "POST") return send(core, req, acc);
    if (rest === "/Messages.json" && req.method === "GET") {
      const list = [...core.messages.values()]
        .filter((x) => x.provider === "twilio" && x.accountKey === acc.accountSid)
        .reverse()
        .map((x) => messageJson(acc, x));
      return {
        status: 200,
        json: {
          messages: list,
          end: Math.max(list.length - 1, 0),
          first_page_uri: `/${API}/Accounts/${acc.accountSid}/Messages.json?PageSize=50&Page=0`,
          next_page_uri: null,
          page: 0,
          page_size: 50,
          previous_page_uri: null,
          start: 0,
          uri: `/${API}/Accounts/${acc.accountSid}/Messages.json?PageSize=50&Page=0`,
        },
      };
    }
    const one = /^\/Messages\/([^/]+)\.json$/.exec(rest);
    if (one && req.method === "GET") {
      const msg = core.getMessage("twilio", one[1]!);
      if (!msg || msg.accountKey !== acc.accountSid) {
        return twilioError(404, 20404, `The requested resource ${req.path} was not found`);
      }
      return { status: 200, json: messageJson(acc, msg) };
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
