/**
 * Twilio: received messages from the Message resource list, for gap recovery.
 * https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources
 * Filters `DateSent>` (on or after, ISO 8601 date-time), `PageSize` (max 1000); paging follows
 * `next_page_uri` (relative to the API base). Newest first. Received messages carry
 * `direction: "inbound"`; sent ones are skipped. Media of an MMS is listed by the message's
 * Media subresource (https://www.twilio.com/docs/messaging/api/media-resource), and its URL is
 * the Media `uri` without ".json", the same URL the webhook's MediaUrlN names.
 */
import { baseUrl, basicAuth, httpRequest, isObject, stringField } from "../http";
import type { InboundListRequest, InboundListResult } from "../inboundList";
import type { AdapterContext, Attachment, InboundMessage } from "../types";
import { TWILIO_DEFAULT_BASE_URL } from "./twilio";

const API = "2010-04-01";
const MAX_PAGE_SIZE = 1000;

export async function listTwilioInbound(ctx: AdapterContext, req: InboundListRequest): Promise<InboundListResult> {
  const { accountSid, authToken } = ctx.credentials;
  if (!accountSid || !authToken)
    return { ok: false, retryable: false, error: "Twilio accountSid and authToken are required" };
  const base = baseUrl(ctx, TWILIO_DEFAULT_BASE_URL);
  const headers = { authorization: basicAuth(accountSid, authToken), accept: "application/json" };
  let url: string;
  if (req.cursor) {
    // The cursor is a next_page_uri we got from Twilio: only ever follow it on our own base.
    if (!req.cursor.startsWith(`/${API}/Accounts/${accountSid}/Messages.json?`)) {
      return { ok: false, retryable: false, error: "invalid Twilio page cursor" };
    }
    url = base + req.cursor;
  } else {
    const query = new URLSearchParams({
      "DateSent>": new Date(req.sinceMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      PageSize: String(Math.min(MAX_PAGE_SIZE, Math.max(1, req.pageSize))),
    });
    url = `${base}/${API}/Accounts/${encodeURIComponent(accountSid)}/Messages.json?${query}`;
  }
  const out = await httpRequest(ctx, { method: "GET", url, headers });
  if (out.kind === "network") return { ok: false, retryable: true, error: out.message };
  if (out.status !== 200 || !isObject(out.json) || !Array.isArray(out.json.messages)) {
    return {
      ok: false,
      retryable: out.status === 429 || out.status >= 500,
      error: stringField(out.json, "message") ?? `Twilio HTTP ${out.status}`,
    };
  }
  const messages: InboundMessage[] = [];
  for (const m of out.json.messages as unknown[]) {
    if (!isObject(m) || m.direction !== "inbound") continue;
    const sid = stringField(m, "sid");
    const from = stringField(m, "from");
    const to = stringField(m, "to");
    if (!sid || !from || !to) continue;
    const numMedia = Number(stringField(m, "num_media") ?? "0");
    const attachments = numMedia > 0 ? await twilioMedia(ctx, base, headers, accountSid, sid) : [];
    const sentAt = Date.parse(stringField(m, "date_sent") ?? stringField(m, "date_created") ?? "");
    messages.push({
      kind: "message",
      channel: "sms",
      provider: "twilio",
      externalMessageId: sid,
      from: { identifier: from },
      to,
      text: stringField(m, "body") ?? "",
      attachments,
      ...(Number.isFinite(sentAt) ? { sentAt } : {}),
      contentType: attachments.length > 0 ? "mms" : "sms",
    });
  }
  const next = stringField(out.json, "next_page_uri");
  return { ok: true, messages, ...(next ? { nextCursor: next } : {}) };
}

async function twilioMedia(
  ctx: AdapterContext,
  base: string,
  headers: Record<string, string>,
  accountSid: string,
  sid: string,
): Promise<Attachment[]> {
  const url = `${base}/${API}/Accounts/${encodeURIComponent(accountSid)}/Messages/${encodeURIComponent(sid)}/Media.json`;
  const out = await httpRequest(ctx, { method: "GET", url, headers });
  if (out.kind === "network" || out.status !== 200 || !isObject(out.json) || !Array.isArray(out.json.media_list)) {
    throw new Error(`twilio: could not list the media of ${sid}`);
  }
  const attachments: Attachment[] = [];
  for (const md of out.json.media_list as unknown[]) {
    const uri = stringField(md, "uri");
    if (!uri) continue;
    const contentType = stringField(md, "content_type");
    // The webhook names media on the public API host; keep the same form for the same message.
    attachments.push({ url: `${base}${uri.replace(/\.json$/, "")}`, ...(contentType ? { contentType } : {}) });
  }
  return attachments;
}
