/**
 * Fake Resend: POST /emails, GET /emails/{id}, received emails, GET /domains, Svix-signed webhooks.
 */
import { createHash } from "node:crypto";
import type { ApiReq, ApiRes, PlannedStatus, ProviderModule, SimCore, StoredMessage } from "../core";
import { svixHeaders, svixMessageId } from "../signing";
import type { ResendAccount, SimInboundMessage, SimInboundRecord, SimStatus, SimStatusError } from "../types";
import { bearer, emailAddress, emailDomain, isRecord, str, toMs, uuid } from "../util";

const RATE_HEADERS = { "ratelimit-limit": "2", "ratelimit-remaining": "1", "ratelimit-reset": "1" };

function resendError(status: number, name: string, message: string, headers?: Record<string, string>): ApiRes {
  return { status, headers: { ...RATE_HEADERS, ...headers }, json: { statusCode: status, message, name } };
}

function ok(json: unknown): ApiRes {
  return { status: 200, headers: { ...RATE_HEADERS }, json };
}

function authenticate(core: SimCore, req: ApiReq): ResendAccount | ApiRes {
  const token = bearer(req.headers.authorization);
  if (!token) {
    return resendError(
      401,
      "missing_api_key",
      "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY",
    );
  }
  const acc = core.accountByKey("resend", token);
  if (!acc) return resendError(403, "invalid_api_key", "API key is invalid");
  return acc;
}

/**
 * GET /emails/receiving: received emails, newest first, without html/text/headers/raw; cursor paging
 * with `limit` (1-100; absent = all), `after`/`before` = an email id, excluded from the page.
 * https://resend.com/docs/api-reference/emails/list-received-emails, https://resend.com/docs/api-reference/pagination
 */
function listReceived(core: SimCore, req: ApiReq, acc: ResendAccount): ApiRes {
  const limitRaw = req.query.get("limit");
  const after = req.query.get("after");
  const before = req.query.get("before");
  if (after && before) {
    return resendError(422, "validation_error", "You can only use one of `after` or `before` parameters.");
  }
  let limit: number | undefined;
  if (limitRaw !== null) {
    limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return resendError(422, "validation_error", "The `limit` parameter must be an integer between 1 and 100.");
    }
  }
  const all = [...core.receivedEmails.entries()]
    .filter(([id]) => core.receivedAccount.get(id) === acc.apiKey)
    .map(([, e]) => e)
    .reverse();
  let items = all;
  let hasMore = false;
  if (after) {
    const i = all.findIndex((e) => e.id === after);
    items = i < 0 ? [] : all.slice(i + 1);
    hasMore = limit !== undefined && items.length > limit;
    items = limit !== undefined ? items.slice(0, limit) : items;
  } else if (before) {
    const i = all.findIndex((e) => e.id === before);
    items = i < 0 ? [] : all.slice(0, i);
    hasMore = limit !== undefined && items.length > limit;
    items = limit !== undefined ? items.slice(-limit) : items;
  } else {
    hasMore = limit !== undefined && items.length > limit;
    items = limit !== undefined ? items.slice(0, limit) : items;
  }
  const data = items.map(({ html: _h, text: _t, headers: _hd, raw: _r, object: _o, ...rest }) => rest);
  return ok({ object: "list", has_more: hasMore, data });
}

function toList(v: unknown): string[] | undefined {
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  return undefined;
}

function emailJson(m: StoredMessage): Record<string, unknown> {
  return {
    object: "email",
    id: m.id,
    to: m.extra.to,
    from: m.from,
    created_at: new Date(m.createdAt).toISOString(),
    subject: m.subject ?? "",
    html: m.html ?? null,
    text: m.text ?? null,
    bcc: m.extra.bcc ?? null,
    cc: m.extra.cc ?? null,
    reply_to: m.extra.replyTo ?? null,
    last_event: m.status,
    scheduled_at: null,
    tags: m.extra.tags ?? [],
  };
}

function send(core: SimCore, req: ApiReq, acc: ResendAccount): ApiRes {
  const idemKey = req.headers["idempotency-key"];
  if (idemKey !== undefined && (idemKey.length === 0 || idemKey.length > 256)) {
    return resendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
  }
  const fingerprint = createHash("sha256").update(req.rawBody).digest("hex");
  const storeKey = idemKey ? `${acc.apiKey}:${idemKey}` : undefined;
  if (storeKey) {
    const prev = core.idempotency.get(storeKey);
    if (prev && Date.now() - prev.at < 24 * 3600 * 1000) {
      if (prev.fingerprint !== fingerprint) {
        return resendError(
          409,
          "invalid_idempotent_request",
          "Same idempotency key used with a different request payload. Change your idempotency key or payload.",
        );
      }
      return prev.res;
    }
  }

  if (!isRecord(req.body)) return resendError(422, "validation_error", "Invalid JSON body.");
  const b = req.body;
  const from = str(b.from);
  const to = toList(b.to);
  const subject = str(b.subject);
  const html = str(b.html);
  const text = str(b.text);
  if (!from) return resendError(422, "missing_required_field", "Missing `from` field.");
  if (!to || to.length === 0) return resendError(422, "missing_required_field", "Missing `to` field.");
  if (subject === undefined) return resendError(422, "missing_required_field", "Missing `subject` field.");
  if (html === undefined && text === undefined && b.react === undefined) {
    return resendError(422, "missing_required_field", "Missing `html` or `text` field.");
  }
  if (to.length > 50) return resendError(422, "validation_error", "Too many recipients. Max 50.");
  const bad = to.find((t) => !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(emailAddress(t)));
  if (bad)
    return resendError(
      422,
      "validation_error",
      `Invalid \`to\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
    );
  const fromDomain = emailDomain(from);
  const domain = acc.domain.toLowerCase();
  if (fromDomain !== domain && !fromDomain.endsWith(`.${domain}`)) {
    return resendError(
      403,
      "validation_error",
      `The ${fromDomain || from} domain is not verified. Please, add and verify your domain on https://resend.com/domains`,
    );
  }

  const now = Date.now();
  const msg = core.storeMessage({
    provider: "resend",
    id: uuid(),
    accountKey: acc.apiKey,
    to: to.join(", "),
    from,
    text,
    html,
    subject,
    status: "queued",
    createdAt: now,
    updatedAt: now,
    extra: {
      to,
      cc: toList(b.cc) ?? null,
      bcc: toList(b.bcc) ?? null,
      replyTo: toList(b.reply_to) ?? null,
      headers: isRecord(b.headers) ? b.headers : undefined,
      tags: Array.isArray(b.tags) ? b.tags : undefined,
      idempotencyKey: idemKey,
    },
  });
  const res = ok({ id: msg.id });
  if (storeKey) core.idempotency.set(storeKey, { fingerprint, res, at: now });
  core.afterSend(msg);
  return res;
}

const EVENT: Record<string, [string, string]> = {
  queued: ["email.sent", "sent"],
  sent: ["email.sent", "sent"],
  submitted: ["email.sent", "sent"],
  delivered: ["email.delivered", "delivered"],
  read: ["email.opened", "opened"],
  opened: ["email.opened", "opened"],
  clicked: ["email.clicked", "clicked"],
  failed: ["email.failed", "failed"],
  bounced: ["email.bounced", "bounced"],
  undelivered: ["email.bounced", "bounced"],
  undeliverable: ["email.bounced", "bounced"],
  rejected: ["email.bounced", "bounced"],
  complained: ["email.complained", "complained"],
  delivery_delayed: ["email.delivery_delayed", "delivery_delayed"],
};

async function signedPost(
  core: SimCore,
  acc: ResendAccount,
  kind: "inbound" | "status",
  payload: unknown,
  meta: { externalMessageId: string; providerStatus?: string },
  inbound?: SimInboundRecord,
) {
  const body = JSON.stringify(payload);
  // Svix retries keep the message id and re-sign with a fresh timestamp.
  const id = svixMessageId();
  const headers = () => ({
    "content-type": "application/json",
    ...svixHeaders(acc.webhookSecret, body, { id }),
    "user-agent": "Svix-Webhooks/1.24.0 (sender-provider-sim; +https://www.svix.com/http-sender/)",
  });
  return core.postWebhook(
    "resend",
    kind,
    core.webhookUrl("resend"),
    headers(),
    body,
    { ...meta, resign: headers },
    inbound,
  );
}

async function postStatus(
  core: SimCore,
  msg: StoredMessage,
  status: SimStatus,
  error?: SimStatusError,
): Promise<{ status: number; body: string }> {
  const ev = EVENT[status];
  if (!ev) throw new Error(`provider-sim: resend has no status ${status}`);
  const [type, lastEvent] = ev;
  const acc = core.accountByKey("resend", msg.accountKey) ?? core.defaultAccount("resend");
  const now = Date.now();
  msg.status = lastEvent;
  msg.updatedAt = now;
  const data: Record<string, unknown> = {
    created_at: new Date(msg.createdAt).toISOString(),
    email_id: msg.id,
    from: msg.from,
    to: (msg.extra.to as string[] | undefined) ?? [msg.to],
    subject: msg.subject ?? "",
  };
  if (msg.extra.headers) {
    data.headers = Object.entries(msg.extra.headers as Record<string, unknown>).map(([name, value]) => ({
      name,
      value: String(value),
    }));
  }
  if (msg.extra.tags) data.tags = msg.extra.tags;
  if (lastEvent === "bounced") {
    msg.errorCode = error?.code ?? "Permanent";
    msg.errorMessage =
      error?.message ??
      "The recipient's email address is on the suppression list because it has a recent history of producing hard bounces.";
    data.bounce = { message: msg.errorMessage, subType: "Suppressed", type: String(msg.errorCode) };
  }
  if (lastEvent === "failed") {
    msg.errorCode = error?.code ?? "failed";
    msg.errorMessage = error?.message ?? "reached_daily_quota";
    data.failed = { reason: msg.errorMessage };
  }
  if (lastEvent === "clicked") {
    data.click = {
      ipAddress: "203.0.113.10",
      link: "https://example.com",
      timestamp: new Date(now).toISOString(),
      userAgent: "Mozilla/5.0",
    };
  }
  const payload = { type, created_at: new Date(now).toISOString(), data };
  const d = await signedPost(core, acc, "status", payload, { externalMessageId: msg.id, providerStatus: type });
  return { status: d.status, body: d.responseBody };
}

async function inbound(core: SimCore, msgs: SimInboundMessage[]) {
  if (msgs.length !== 1) throw new Error("provider-sim: resend inbound takes one email per webhook");
  const m = msgs[0]!;
  const acc = core.pickAccount("resend", m.account, m.to);
  const to = m.to === undefined ? [`support@${acc.domain}`] : Array.isArray(m.to) ? m.to : [m.to];
  const id = m.externalMessageId ?? uuid();
  const createdAt = new Date(toMs(m.timestamp, Date.now())).toISOString();
  const senderDomain = emailDomain(m.from) || "example.com";
  const messageId = m.messageId ?? `<${uuid()}@${senderDomain}>`;
  const from = m.profileName ? `${m.profileName} <${emailAddress(m.from)}>` : m.from;
  const attachments = (m.media ?? []).map((md, i) => {
    const aid = md.id ?? uuid();
    core.addMedia(aid, md.contentType ?? "application/pdf", md.filename);
    return {
      id: aid,
      filename: md.filename ?? `attachment-${i + 1}`,
      content_type: md.contentType ?? "application/pdf",
      content_disposition: "attachment",
      content_id: null,
      size: core.media.get(aid)!.bytes.length,
    };
  });
  const headers: Record<string, string> = {
    "message-id": messageId,
    from,
    to: to.join(", "),
    subject: m.subject ?? "",
    date: new Date(toMs(m.timestamp, Date.now())).toUTCString(),
    ...(m.cc?.length ? { cc: m.cc.join(", ") } : {}),
    ...(m.inReplyTo ? { "in-reply-to": m.inReplyTo } : {}),
    ...(m.references?.length ? { references: m.references.join(" ") } : {}),
    ...Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const text = m.text ?? "";
  const html = m.html ?? null;

  // Full record for GET /emails/receiving/{id}.
  core.receivedEmails.set(id, {
    object: "email",
    id,
    to,
    from,
    created_at: createdAt,
    subject: m.subject ?? "",
    html,
    text,
    headers,
    bcc: [],
    cc: m.cc ?? [],
    reply_to: [],
    received_for: to,
    message_id: messageId,
    attachments,
    raw: null,
  });
  // Resend keeps the email (List/Retrieve received emails) whether or not our webhook POST succeeds.
  const rec = core.recordInbound({
    provider: "resend",
    id,
    account: acc.apiKey,
    from,
    to: to.join(", "),
    text,
    subject: m.subject ?? "",
    timestamp: toMs(m.timestamp, Date.now()),
    media: attachments.map((a) => ({
      url: `${core.url}/_sim/media/${a.id}`,
      contentType: a.content_type,
      filename: a.filename,
    })),
  });
  core.receivedAccount.set(id, acc.apiKey);

  const data: Record<string, unknown> = {
    email_id: id,
    created_at: createdAt,
    from,
    to,
    cc: m.cc ?? [],
    bcc: [],
    received_for: to,
    message_id: messageId,
    subject: m.subject ?? "",
    attachments: attachments.map(({ size: _size, ...a }) => a),
  };
  if (core.resendInboundContent === "inline") {
    data.text = text;
    data.html = html;
    data.headers = headers;
    data.in_reply_to = m.inReplyTo ?? null;
    data.references = m.references ?? [];
    data.reply_to = [];
  }
  if (m.extra) Object.assign(data, m.extra);
  const payload = { type: "email.received", created_at: new Date().toISOString(), data };
  const d = await signedPost(core, acc, "inbound", payload, { externalMessageId: id }, rec);
  return { status: d.status, body: d.responseBody, externalMessageId: id, externalMessageIds: [id] };
}

export const resend: ProviderModule<"resend"> = {
  id: "resend",
  accountKey: (a) => a.apiKey,
  ownsAddress: (a, address) => {
    const d = emailDomain(address);
    const domain = a.domain.toLowerCase();
    return d === domain || d.endsWith(`.${domain}`);
  },

  handle(core, req) {
    const acc = authenticate(core, req);
    if ("status" in acc) return acc;
    const p = req.path.replace(/\/+$/, "");
    if (p === "/emails") {
      if (req.method === "POST") return send(core, req, acc);
      if (req.method === "GET") {
        const data = [...core.messages.values()]
          .filter((m) => m.provider === "resend" && m.accountKey === acc.apiKey)
          .reverse()
          .map(emailJson);
        return ok({ object: "list", has_more: false, data });
      }
      return resendError(405, "method_not_allowed", "Method is not allowed for the requested path.");
    }
    if (p === "/emails/receiving" && req.method === "GET") return listReceived(core, req, acc);
    const recv = /^\/emails\/receiving\/([^/]+)(?:\/attachments(?:\/([^/]+))?)?$/.exec(p);
    if (recv && req.method === "GET") {
      const owner = core.receivedAccount.get(recv[1]!);
      const email = owner === acc.apiKey ? core.receivedEmails.get(recv[1]!) : undefined;
      if (!email) return resendError(404, "not_found", "Email not found");
      if (!p.includes("/attachments")) return ok(email);
      // Attachment endpoints add a signed download URL (here: the sim's media route) and its expiry.
      // https://resend.com/docs/api-reference/emails/list-received-email-attachments
      const signed = (email.attachments as Array<Record<string, unknown>>).map(
        (a): Record<string, unknown> => ({
          object: "attachment",
          ...a,
          download_url: `${core.url}/_sim/media/${String(a.id)}`,
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      );
      if (recv[2]) {
        const a = signed.find((x) => x.id === recv[2]);
        return a ? ok(a) : resendError(404, "not_found", "Attachment not found");
      }
      return ok({ object: "list", has_more: false, data: signed });
    }
    const one = /^\/emails\/([^/]+)$/.exec(p);
    if (one && req.method === "GET") {
      const msg = core.getMessage("resend", one[1]!);
      if (!msg || msg.accountKey !== acc.apiKey) return resendError(404, "not_found", "Email not found");
      return ok(emailJson(msg));
    }
    if (p === "/domains" && req.method === "GET") {
      return ok({
        object: "list",
        has_more: false,
        data: [
          {
            id: "d91cd9bd-1176-453e-8fc1-35364d380206",
            name: acc.domain,
            status: "verified",
            created_at: "2024-01-01T00:00:00.000Z",
            region: "us-east-1",
            capabilities: { sending: "enabled", receiving: "enabled" },
          },
        ],
      });
    }
    return resendError(404, "not_found", "The requested endpoint does not exist.");
  },

  faultResponse(_core, mode, retryAfterSeconds) {
    if (mode === "429") {
      return resendError(
        429,
        "rate_limit_exceeded",
        "Too many requests. You can only make 2 requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.",
        {
          "retry-after": String(retryAfterSeconds),
          "ratelimit-remaining": "0",
          "ratelimit-reset": String(retryAfterSeconds),
          "x-ratelimit-remaining": "0",
        },
      );
    }
    return resendError(503, "application_error", "The service is temporarily unavailable. Please try again later.");
  },

  inbound,
  status: postStatus,

  autoStatuses(core, msg): PlannedStatus[] {
    const to = ((msg.extra.to as string[] | undefined) ?? [msg.to]).map((t) => emailAddress(t).toLowerCase());
    const failure = to.map((t) => core.recipientFailure("resend", t)).find((e) => e !== undefined);
    if (failure) return [{ status: "sent" }, { status: "bounced", error: failure }];
    if (to.includes("bounced@resend.dev")) return [{ status: "sent" }, { status: "bounced" }];
    if (to.includes("complained@resend.dev")) {
      return [{ status: "sent" }, { status: "delivered" }, { status: "complained" }];
    }
    return [{ status: "sent" }, { status: "delivered" }, { status: "opened" }];
  },

  placeholder(core, id) {
    const acc = core.defaultAccount("resend");
    const now = Date.now();
    return {
      provider: "resend",
      id,
      accountKey: acc.apiKey,
      to: "customer@example.com",
      from: `support@${acc.domain}`,
      subject: "",
      status: "queued",
      createdAt: now,
      updatedAt: now,
      extra: { to: ["customer@example.com"] },
    };
  },
};
