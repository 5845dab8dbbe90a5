/**
 * Resend: received emails from GET /emails/receiving, for gap recovery.
 * https://resend.com/docs/api-reference/emails/list-received-emails
 * Newest first; `limit` 1–100, `after` = the id of the last email of the previous page;
 * `has_more`. The list carries metadata only (no text/html/headers): messages come back
 * `contentPending`, and `resendAdapter.hydrateInbound` fetches each body, as for the
 * metadata-only `email.received` webhook.
 */
import { baseUrl, httpRequest, isObject, stringField } from "../http";
import { parseEmailAddress, parseEmailAddressList } from "../identifiers";
import type { InboundListRequest, InboundListResult } from "../inboundList";
import type { AdapterContext, Attachment, InboundMessage } from "../types";
import { RESEND_DEFAULT_BASE_URL } from "./resend";

const MAX_LIMIT = 100;

export async function listResendInbound(ctx: AdapterContext, req: InboundListRequest): Promise<InboundListResult> {
  const apiKey = ctx.credentials.apiKey;
  if (!apiKey) return { ok: false, retryable: false, error: "Resend apiKey is required" };
  const query = new URLSearchParams({ limit: String(Math.min(MAX_LIMIT, Math.max(1, req.pageSize))) });
  if (req.cursor) query.set("after", req.cursor);
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${baseUrl(ctx, RESEND_DEFAULT_BASE_URL)}/emails/receiving?${query}`,
    headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
  });
  if (out.kind === "network") return { ok: false, retryable: true, error: out.message };
  if (out.status !== 200 || !isObject(out.json) || !Array.isArray(out.json.data)) {
    return {
      ok: false,
      retryable: out.status === 429 || out.status >= 500,
      error: stringField(out.json, "message") ?? `Resend HTTP ${out.status}`,
    };
  }
  return receivedListPage({ data: out.json.data, has_more: out.json.has_more }, req);
}

/** One page of GET /emails/receiving (`{data, has_more}`) as received messages, stopping at `sinceMs`. */
export function receivedListPage(
  json: { data: unknown[]; has_more?: unknown },
  req: InboundListRequest,
): Extract<InboundListResult, { ok: true }> {
  const messages: InboundMessage[] = [];
  let reachedSince = false;
  let lastId: string | undefined;
  for (const item of json.data) {
    const id = stringField(item, "id");
    if (!isObject(item) || !id) continue;
    lastId = id;
    const createdAt = Date.parse(stringField(item, "created_at") ?? "");
    if (Number.isFinite(createdAt) && createdAt < req.sinceMs) {
      reachedSince = true;
      break;
    }
    const message = receivedItem(id, item, createdAt);
    if (message) messages.push(message);
  }
  const more = json.has_more === true && !reachedSince && lastId !== undefined;
  return { ok: true, messages, ...(more ? { nextCursor: lastId } : {}) };
}

function addresses(v: unknown): string[] {
  const list = typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  return parseEmailAddressList(list).map((a) => a.address);
}

function receivedItem(id: string, item: Record<string, unknown>, createdAt: number): InboundMessage | null {
  const from = parseEmailAddress(stringField(item, "from") ?? "");
  const to = addresses(item.to);
  if (!from || to.length === 0) return null;
  const cc = addresses(item.cc);
  const subject = stringField(item, "subject");
  const messageId = stringField(item, "message_id");
  const attachments: Attachment[] = (Array.isArray(item.attachments) ? item.attachments : []).flatMap((a) => {
    const mediaId = stringField(a, "id");
    if (!mediaId) return [];
    const contentType = stringField(a, "content_type");
    const filename = stringField(a, "filename");
    return [{ mediaId, ...(contentType ? { contentType } : {}), ...(filename ? { filename } : {}) }];
  });
  return {
    kind: "message",
    channel: "email",
    provider: "resend",
    externalMessageId: id,
    from: { identifier: from.address, ...(from.name ? { displayName: from.name } : {}) },
    to: to[0]!,
    text: "",
    ...(subject !== undefined ? { subject } : {}),
    attachments,
    ...(Number.isFinite(createdAt) ? { sentAt: createdAt } : {}),
    ...(messageId ? { emailMessageId: messageId } : {}),
    ...(cc.length ? { cc } : {}),
    contentType: "email",
    contentPending: true,
  };
}
