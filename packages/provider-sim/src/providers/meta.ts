/**
 * Fake Meta Graph API for the WhatsApp Cloud API: send messages, phone number info, media.
 */
import type { ApiReq, ApiRes, PlannedStatus, ProviderModule, SimCore, StoredMessage } from "../core";
import { metaSignature1, metaSignature256 } from "../signing";
import type { MetaAccount, SimInboundMessage, SimMedia, SimStatus, SimStatusError } from "../types";
import { bearer, digits, fbtraceId, isE164ish, isRecord, numericId, str, toMs, wamid } from "../util";
import { checkTemplateSend, DEFAULT_META_TEMPLATES, listTemplates } from "./meta-templates";

const WINDOW_MS = 24 * 60 * 60 * 1000;
const ERROR_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

function graphError(
  status: number,
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): ApiRes {
  const trace = fbtraceId();
  return {
    status,
    headers: { "x-fb-trace-id": trace, ...headers },
    json: { error: { message, type: "OAuthException", code, ...extra, fbtrace_id: trace } },
  };
}

function invalidParam(message: string, details?: string): ApiRes {
  return graphError(400, 100, message, details ? { error_data: { messaging_product: "whatsapp", details } } : {});
}

function invalidToken(): ApiRes {
  return graphError(
    401,
    190,
    "Invalid OAuth access token - Cannot parse access token",
    {},
    {
      "www-authenticate":
        'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"',
    },
  );
}

function unsupported(id: string, method: string): ApiRes {
  return graphError(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { error_subcode: 33 },
  );
}

const displayNumber = (a: MetaAccount) => digits(a.displayPhoneNumber ?? "15550000000");
const wabaId = (a: MetaAccount) => a.wabaId ?? `1${digits(a.phoneNumberId).slice(0, 14).padEnd(14, "0")}`;
const windowKey = (a: MetaAccount, waId: string) => `${a.phoneNumberId}:${digits(waId)}`;

function windowOpen(core: SimCore, a: MetaAccount, waId: string, now = Date.now()): boolean {
  const last = core.metaWindows.get(windowKey(a, waId));
  return last !== undefined && now - last < WINDOW_MS;
}

const RE_ENGAGEMENT_DETAILS =
  "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";

const MEDIA_TYPES = ["image", "document", "audio", "video", "sticker"] as const;

function send(core: SimCore, req: ApiReq, acc: MetaAccount): ApiRes {
  if (!isRecord(req.body)) return invalidParam("(#100) The parameter messaging_product is required.");
  const b = req.body;
  if (b.messaging_product !== "whatsapp") return invalidParam("(#100) The parameter messaging_product is required.");

  // Mark as read: {messaging_product, status: "read", message_id}
  if (b.status === "read") {
    if (!str(b.message_id)) return invalidParam("(#100) The parameter message_id is required.");
    return { status: 200, json: { success: true } };
  }

  const to = str(b.to);
  if (!to) return invalidParam("(#100) The parameter to is required.");
  if (!isE164ish(to)) return invalidParam("(#100) Invalid parameter", `Invalid 'to' phone number: ${to}`);
  const type = str(b.type) ?? "text";
  let text: string | undefined;
  const extra: Record<string, unknown> = { type };

  if (type === "text") {
    text = isRecord(b.text) ? str(b.text.body) : undefined;
    if (!text) return invalidParam("(#100) The parameter text['body'] is required.");
    if (text.length > 4096) return invalidParam("(#100) Param text['body'] must be at most 4096 characters long.");
  } else if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const media = b[type];
    if (!isRecord(media) || (!str(media.id) && !str(media.link))) {
      return invalidParam(`(#100) Param ${type} must contain either 'id' or 'link'.`);
    }
    text = str(media.caption);
    extra.media = media;
  } else if (type === "template") {
    const t = b.template;
    if (!isRecord(t) || !str(t.name)) return invalidParam("(#100) The parameter template['name'] is required.");
    if (!isRecord(t.language) || !str(t.language.code)) {
      return invalidParam("(#100) The parameter template['language']['code'] is required.");
    }
    const check = checkTemplateSend(acc.templates ?? DEFAULT_META_TEMPLATES, t);
    if (!check.ok) {
      const e = check.error!;
      return graphError(e.status, e.code, e.message, {
        error_data: { messaging_product: "whatsapp", details: e.details },
      });
    }
    text = check.rendered;
    extra.template = t;
  } else if (["interactive", "reaction", "location", "contacts"].includes(type)) {
    if (!isRecord(b[type]) && !Array.isArray(b[type])) return invalidParam(`(#100) The parameter ${type} is required.`);
    extra[type] = b[type];
  } else {
    return invalidParam(
      `(#100) Param type must be one of {TEXT, IMAGE, AUDIO, DOCUMENT, STICKER, VIDEO, TEMPLATE, INTERACTIVE, REACTION, LOCATION, CONTACTS} - got "${type}".`,
    );
  }

  const waId = digits(to);
  const outsideWindow = type !== "template" && (acc.enforce24hWindow ?? true) && !windowOpen(core, acc, waId);
  if (outsideWindow && (acc.windowErrorMode ?? "sync") === "sync") {
    return graphError(400, 131047, "(#131047) Re-engagement message", {
      error_data: { messaging_product: "whatsapp", details: RE_ENGAGEMENT_DETAILS },
    });
  }

  const now = Date.now();
  const msg = core.storeMessage({
    provider: "meta",
    id: wamid(waId),
    accountKey: acc.phoneNumberId,
    to: waId,
    from: displayNumber(acc),
    text,
    status: "accepted",
    createdAt: now,
    updatedAt: now,
    extra: { ...extra, outsideWindow, context: b.context },
  });
  core.afterSend(msg);
  const out: Record<string, unknown> = { id: msg.id };
  if (type === "template") out.message_status = "accepted";
  return {
    status: 200,
    json: { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: waId }], messages: [out] },
  };
}

function phoneNumberInfo(acc: MetaAccount): Record<string, unknown> {
  const d = displayNumber(acc);
  return {
    verified_name: "Switchboard Sim",
    code_verification_status: "VERIFIED",
    display_phone_number: `+${d.slice(0, 1)} ${d.slice(1, 4)}-${d.slice(4, 7)}-${d.slice(7)}`,
    quality_rating: "GREEN",
    status: "CONNECTED",
    name_status: "APPROVED",
    platform_type: "CLOUD_API",
    throughput: { level: "STANDARD" },
    webhook_configuration: { application: "" },
    id: acc.phoneNumberId,
  };
}

/** Graph returns only the requested `fields` (plus id). */
function selectFields(obj: Record<string, unknown>, fields: string | null): Record<string, unknown> {
  if (!fields) return obj;
  const wanted = new Set([
    "id",
    ...fields
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
  ]);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => wanted.has(k)));
}

function change(acc: MetaAccount, value: Record<string, unknown>): Record<string, unknown> {
  return {
    value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: displayNumber(acc), phone_number_id: acc.phoneNumberId },
      ...value,
    },
    field: "messages",
  };
}

function envelope(acc: MetaAccount, value: Record<string, unknown>): Record<string, unknown> {
  return { object: "whatsapp_business_account", entry: [{ id: wabaId(acc), changes: [change(acc, value)] }] };
}

async function signedPost(
  core: SimCore,
  acc: MetaAccount,
  kind: "inbound" | "status",
  payload: unknown,
  meta: { externalMessageId: string; providerStatus?: string },
) {
  const body = JSON.stringify(payload);
  return core.postWebhook(
    "meta",
    kind,
    core.webhookUrl("meta"),
    {
      "content-type": "application/json",
      "x-hub-signature-256": metaSignature256(acc.appSecret, body),
      "x-hub-signature": metaSignature1(acc.appSecret, body),
      "user-agent": "facebookexternalua",
    },
    body,
    meta,
  );
}

const NATIVE: Record<string, string> = {
  sent: "sent",
  submitted: "sent",
  queued: "sent",
  delivered: "delivered",
  read: "read",
  opened: "read",
  failed: "failed",
  undelivered: "failed",
  undeliverable: "failed",
  rejected: "failed",
  bounced: "failed",
};

const ERROR_TITLES: Record<string, string> = {
  "131026": "Message undeliverable",
  "131047": "Re-engagement message",
  "131049": "This message was not delivered to maintain healthy ecosystem engagement.",
  "131050": "User has stopped marketing messages",
  "131000": "Something went wrong",
};

async function postStatus(
  core: SimCore,
  msg: StoredMessage,
  status: SimStatus,
  error?: SimStatusError,
): Promise<{ status: number; body: string }> {
  const native = NATIVE[status];
  if (!native) throw new Error(`provider-sim: meta has no status ${status}`);
  const acc = core.accountByKey("meta", msg.accountKey) ?? core.defaultAccount("meta");
  const now = Date.now();
  msg.status = native;
  msg.updatedAt = now;
  const s: Record<string, unknown> = {
    id: msg.id,
    status: native,
    timestamp: String(Math.floor(now / 1000)),
    recipient_id: msg.to,
  };
  if (native === "sent" || native === "delivered") {
    msg.extra.conversationId ??= numericId(32).slice(0, 32);
    const conversationId = msg.extra.conversationId as string;
    s.conversation = {
      id: conversationId,
      ...(native === "sent" ? { expiration_timestamp: String(Math.floor(now / 1000) + 86400) } : {}),
      origin: { type: msg.extra.type === "template" ? "marketing" : "service" },
    };
    s.pricing = {
      billable: msg.extra.type === "template",
      pricing_model: "PMP",
      category: msg.extra.type === "template" ? "marketing" : "service",
      type: msg.extra.type === "template" ? "regular" : "free_customer_service",
    };
  }
  if (native === "failed") {
    const code = Number(error?.code ?? 131026);
    const title = error?.message ?? ERROR_TITLES[String(code)] ?? "Message failed";
    msg.errorCode = code;
    msg.errorMessage = title;
    s.errors = [
      {
        code,
        title,
        message: title,
        error_data: {
          details: code === 131047 ? RE_ENGAGEMENT_DETAILS : (error?.message ?? title),
        },
        href: ERROR_HREF,
      },
    ];
  }
  const d = await signedPost(core, acc, "status", envelope(acc, { statuses: [s] }), {
    externalMessageId: msg.id,
    providerStatus: native,
  });
  return { status: d.status, body: d.responseBody };
}

function mediaType(contentType: string): (typeof MEDIA_TYPES)[number] {
  if (contentType === "image/webp") return "sticker";
  if (contentType.startsWith("image/")) return "image";
  if (contentType.startsWith("video/")) return "video";
  if (contentType.startsWith("audio/")) return "audio";
  return "document";
}

function mediaObject(core: SimCore, md: SimMedia, caption: string | undefined): [string, Record<string, unknown>] {
  const contentType = md.contentType ?? "image/jpeg";
  const id = md.id ?? numericId(16);
  const blob = core.media.get(id) ?? core.addMedia(id, contentType, md.filename);
  const type = mediaType(contentType);
  const obj: Record<string, unknown> = { mime_type: contentType, sha256: blob.sha256, id };
  if (caption && (type === "image" || type === "video" || type === "document")) obj.caption = caption;
  if (type === "document") obj.filename = md.filename ?? "file.pdf";
  if (type === "audio") obj.voice = false;
  if (type === "sticker") obj.animated = false;
  return [type, obj];
}

/**
 * Inbound messages as one signed webhook. Messages for several business numbers in one batch
 * become one change per phone_number_id (one entry per WABA), as Meta batches them; every account
 * in a batch must share the app secret (one app signs the POST).
 * Shapes: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 * (text, media, reaction, unsupported with error 131051).
 */
async function inbound(core: SimCore, msgs: SimInboundMessage[]) {
  if (msgs.length === 0) throw new Error("provider-sim: meta inbound needs at least one message");
  const firstMsg = msgs[0]!;
  const firstAcc = core.pickAccount("meta", firstMsg.account, firstMsg.to);
  const groups = new Map<
    string,
    { acc: MetaAccount; contacts: Array<Record<string, unknown>>; messages: Array<Record<string, unknown>> }
  >();
  const ids: string[] = [];
  const records: Array<ReturnType<SimCore["recordInbound"]>> = [];
  for (const m of msgs) {
    const acc = m.account || m.to ? core.pickAccount("meta", m.account, m.to) : firstAcc;
    if (acc.appSecret !== firstAcc.appSecret) {
      throw new Error("provider-sim: a Meta batch can only span phone numbers of one app (same appSecret)");
    }
    let g = groups.get(acc.phoneNumberId);
    if (!g) {
      g = { acc, contacts: [], messages: [] };
      groups.set(acc.phoneNumberId, g);
    }
    const waId = digits(m.from);
    if (!g.contacts.some((c) => c.wa_id === waId)) {
      g.contacts.push({ profile: { name: m.profileName ?? `Contact ${waId.slice(-4)}` }, wa_id: waId });
    }
    const tsMs = toMs(m.timestamp, Date.now());
    const key = windowKey(acc, waId);
    core.metaWindows.set(key, Math.max(core.metaWindows.get(key) ?? 0, tsMs));
    const base = (id: string): Record<string, unknown> => {
      const o: Record<string, unknown> = { from: waId, id, timestamp: String(Math.floor(tsMs / 1000)) };
      if (m.inReplyTo) o.context = { from: displayNumber(acc), id: m.inReplyTo };
      return o;
    };
    const push = (
      id: string,
      message: Record<string, unknown>,
      text: string | undefined,
      media: Array<{ url: string; contentType: string; filename?: string }>,
    ) => {
      g!.messages.push(message);
      ids.push(id);
      records.push(
        core.recordInbound({
          provider: "meta",
          id,
          account: acc.phoneNumberId,
          from: waId,
          to: displayNumber(acc),
          text,
          timestamp: tsMs,
          media,
        }),
      );
    };
    const media = m.media ?? [];
    if (m.reaction) {
      const id = m.externalMessageId ?? wamid(waId);
      push(
        id,
        {
          ...base(id),
          reaction: { message_id: m.reaction.messageId, emoji: m.reaction.emoji },
          type: "reaction",
          ...m.extra,
        },
        m.reaction.emoji,
        [],
      );
    } else if (m.unsupportedType) {
      const id = m.externalMessageId ?? wamid(waId);
      push(
        id,
        {
          ...base(id),
          errors: [
            {
              code: 131051,
              title: "Message type unknown",
              message: "Message type unknown",
              error_data: { details: "Message type is currently not supported." },
            },
          ],
          type: "unsupported",
          unsupported: { type: m.unsupportedType },
          ...m.extra,
        },
        undefined,
        [],
      );
    } else if (media.length === 0) {
      const id = m.externalMessageId ?? wamid(waId);
      push(id, { ...base(id), type: "text", text: { body: m.text ?? "" }, ...m.extra }, m.text ?? "", []);
    } else {
      media.forEach((md, i) => {
        const id = i === 0 && m.externalMessageId ? m.externalMessageId : wamid(waId);
        const caption = md.caption ?? (i === 0 ? m.text : undefined);
        const [type, obj] = mediaObject(core, md, caption);
        push(id, { ...base(id), type, [type]: obj, ...m.extra }, caption, [
          {
            url: `${core.url}/_sim/media/${String(obj.id)}`,
            contentType: String(obj.mime_type),
            filename: md.filename,
          },
        ]);
      });
    }
  }
  const entries = new Map<string, Array<Record<string, unknown>>>();
  for (const g of groups.values()) {
    const w = wabaId(g.acc);
    if (!entries.has(w)) entries.set(w, []);
    entries.get(w)!.push(change(g.acc, { contacts: g.contacts, messages: g.messages }));
  }
  const payload = {
    object: "whatsapp_business_account",
    entry: [...entries].map(([id, changes]) => ({ id, changes })),
  };
  const body = JSON.stringify(payload);
  const signature = {
    "content-type": "application/json",
    "x-hub-signature-256": metaSignature256(firstAcc.appSecret, body),
    "x-hub-signature": metaSignature1(firstAcc.appSecret, body),
    "user-agent": "facebookexternalua",
  };
  // One POST carries every message: its outcome is each message's delivery outcome.
  const d = await core.postWebhook(
    "meta",
    "inbound",
    core.webhookUrl("meta"),
    signature,
    body,
    { externalMessageId: ids[0]! },
    records,
  );
  return { status: d.status, body: d.responseBody, externalMessageId: ids[0]!, externalMessageIds: ids };
}

export const meta: ProviderModule<"meta"> = {
  id: "meta",
  accountKey: (a) => a.phoneNumberId,
  ownsAddress: (a, address) => address === a.phoneNumberId || digits(address) === displayNumber(a),

  handle(core, req) {
    const m = /^\/(v\d+\.\d+)\/([^/]+)(?:\/([^/]+))?\/?$/.exec(req.path);
    if (!m) return graphError(404, 803, "Unknown path components");
    const [, , objectId, edge] = m as unknown as [string, string, string, string | undefined];
    const token = bearer(req.headers.authorization) ?? req.query.get("access_token");
    const byToken = core.allAccounts("meta").filter((a) => a.accessToken === token);
    if (!token || byToken.length === 0) return invalidToken();
    const acc = byToken.find((a) => a.phoneNumberId === objectId);

    if (edge === "message_templates") {
      const waba = byToken.find((a) => wabaId(a) === objectId);
      if (req.method !== "GET" || !waba) return unsupported(objectId, req.method);
      const self = `${core.url}${req.path}?${req.query.toString()}`;
      return listTemplates(waba.templates ?? DEFAULT_META_TEMPLATES, req, self);
    }
    if (edge === "messages") {
      if (req.method !== "POST") return unsupported(objectId, req.method);
      if (!acc) return unsupported(objectId, req.method);
      return send(core, req, acc);
    }
    if (edge === undefined && req.method === "GET") {
      if (acc) return { status: 200, json: selectFields(phoneNumberInfo(acc), req.query.get("fields")) };
      if (objectId === "me") {
        return {
          status: 200,
          json: selectFields({ id: numericId(15), name: "Switchboard Sim System User" }, req.query.get("fields")),
        };
      }
      const blob = core.media.get(objectId);
      if (blob) {
        return {
          status: 200,
          json: {
            messaging_product: "whatsapp",
            url: `${core.url}/_sim/media/${blob.id}`,
            mime_type: blob.contentType,
            sha256: blob.sha256,
            file_size: blob.bytes.length,
            id: blob.id,
          },
        };
      }
      return unsupported(objectId, req.method);
    }
    return unsupported(objectId, req.method);
  },

  faultResponse(core, mode, retryAfterSeconds) {
    if (mode === "429") {
      const acc = core.allAccounts("meta")[0];
      const usage = acc
        ? JSON.stringify({
            [wabaId(acc)]: [
              {
                type: "whatsapp_business_management",
                call_count: 100,
                total_cputime: 1,
                total_time: 1,
                estimated_time_to_regain_access: Math.ceil(retryAfterSeconds / 60),
              },
            ],
          })
        : "{}";
      return graphError(
        429,
        130429,
        "(#130429) Rate limit hit",
        { error_data: { messaging_product: "whatsapp", details: "Cloud API message throughput has been reached." } },
        { "retry-after": String(retryAfterSeconds), "x-ratelimit-remaining": "0", "x-business-use-case-usage": usage },
      );
    }
    return graphError(503, 2, "(#2) Service temporarily unavailable", { is_transient: true });
  },

  inbound,
  status: postStatus,

  autoStatuses(core, msg): PlannedStatus[] {
    if (msg.extra.outsideWindow)
      return [{ status: "failed", error: { code: 131047, message: "Re-engagement message" } }];
    const err = core.recipientFailure("meta", msg.to);
    if (err) return [{ status: "sent" }, { status: "failed", error: err }];
    return [{ status: "sent" }, { status: "delivered" }, { status: "read" }];
  },

  placeholder(core, id) {
    const acc = core.defaultAccount("meta");
    const now = Date.now();
    return {
      provider: "meta",
      id,
      accountKey: acc.phoneNumberId,
      to: "15550001111",
      from: displayNumber(acc),
      status: "accepted",
      createdAt: now,
      updatedAt: now,
      extra: { type: "text" },
    };
  },
};

export async function verifyMetaWebhook(
  core: SimCore,
  opts: { verifyToken?: string; challenge?: string } = {},
): Promise<{ status: number; body: string; ok: boolean }> {
  const acc = core.defaultAccount("meta");
  const challenge = opts.challenge ?? numericId(10);
  const qs = new URLSearchParams({
    "hub.mode": "subscribe",
    "hub.challenge": challenge,
    "hub.verify_token": opts.verifyToken ?? acc.verifyToken,
  });
  const url = `${core.webhookUrl("meta")}?${qs.toString()}`;
  const d = await core.postWebhook("meta", "verify", url, { "user-agent": "facebookplatform/1.0" }, "", {
    method: "GET",
  });
  return { status: d.status, body: d.responseBody, ok: d.status === 200 && d.responseBody === challenge };
}
