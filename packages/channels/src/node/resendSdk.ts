/**
 * Resend through the official `resend` SDK: emails.send (Idempotency-Key = our message id,
 * threading headers, attachments by URL), emails.get for status polling, emails.receiving.list
 * for gap recovery and emails.receiving.get for the body a metadata-only `email.received` lacks.
 * https://resend.com/docs/api-reference/emails/send-email
 *
 * `new Resend(key, { baseUrl })` points it at `settings.apiBaseUrl` (the provider simulator). The
 * SDK calls the global fetch itself and takes no HTTP client, so the deployment's URL policy
 * cannot wrap it as it wraps the adapters' fetch: the base URL is checked against the policy
 * before every call instead, and every call passes `redirect: "manual"` (the SDK spreads request
 * options into its fetch init) so a redirect is never followed with the API key, plus a signal
 * for the timeout.
 */
import { type CreateEmailOptions, type CreateEmailRequestOptions, Resend } from "resend";
import {
  buildResendEmail,
  RESEND_DEFAULT_BASE_URL,
  receivedEmailContent,
  resendStatusEvent,
  withReceivedContent,
} from "../adapters/resend";
import { receivedListPage } from "../adapters/resendList";
import { baseUrl, classifyHttpFailure, permanentFailure, timeoutOf } from "../http";
import type { InboundListRequest, InboundListResult } from "../inboundList";
import type { SdkContext, SdkTransport } from "../sdkTransport";
import type { InboundMessage, OutboundMessage, SendResult, StatusEvent } from "../types";
import { checkOutboundUrl } from "../urlPolicy";

const MAX_LIMIT = 100;

interface ResendError {
  statusCode?: number | null;
  name?: string;
  message?: string;
}

type Call<T> =
  | { ok: true; data: T; headers: Record<string, string> | null }
  | { ok: false; error: ResendError; headers: Record<string, string> | null; refused?: string; timedOut: boolean };

/** A client for the context's base URL, or why the URL is refused. */
function clientFor(ctx: SdkContext): { resend: Resend } | { refused: string } | null {
  const apiKey = ctx.credentials.apiKey;
  if (!apiKey) return null;
  const base = baseUrl(ctx, RESEND_DEFAULT_BASE_URL);
  const check = checkOutboundUrl(base, ctx.urlPolicy);
  if (!check.ok) return { refused: `refused to contact this URL: ${check.reason}` };
  return { resend: new Resend(apiKey, { baseUrl: base }) };
}

/** Runs one SDK call with the timeout/caller signal and manual redirects. The SDK never throws. */
async function call<T>(
  ctx: SdkContext,
  run: (options: CreateEmailRequestOptions) => Promise<{ data: T | null; error: unknown; headers?: unknown }>,
  idempotencyKey?: string,
): Promise<Call<T>> {
  const timeoutMs = timeoutOf(ctx);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const outer = ctx.signal;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener("abort", onAbort, { once: true });
  try {
    // `redirect` is not in the SDK's option types but reaches fetch (see the file comment).
    const options = { signal: controller.signal, redirect: "manual", ...(idempotencyKey ? { idempotencyKey } : {}) };
    const r = await run(options as CreateEmailRequestOptions);
    const headers = (r.headers as Record<string, string> | null | undefined) ?? null;
    if (r.error || r.data === null) return { ok: false, error: (r.error ?? {}) as ResendError, headers, timedOut };
    return { ok: true, data: r.data, headers };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}

/** A failed call as our SendResult: statusCode null means nothing came back (network, timeout). */
function failureOf(r: Extract<Call<unknown>, { ok: false }>, now?: number): Extract<SendResult, { ok: false }> {
  const status = r.error.statusCode;
  if (typeof status !== "number") {
    return {
      ok: false,
      retryable: true,
      error: {
        code: r.timedOut ? "timeout" : "network_error",
        message: r.error.message ?? "Resend could not be reached",
      },
    };
  }
  return classifyHttpFailure(
    status,
    new Headers(r.headers ?? {}),
    { ...(r.error.name ? { code: r.error.name } : {}), message: r.error.message ?? `Resend HTTP ${status}` },
    now,
  );
}

/** Our outbound email in the SDK's (camelCase) options: the same body the adapter posts. */
export function resendEmailOptions(msg: OutboundMessage, fromName?: string): CreateEmailOptions {
  const body = buildResendEmail(msg, fromName) as {
    from: string;
    to: string[];
    subject: string;
    text?: string;
    html?: string;
    headers?: Record<string, string>;
  };
  const attachments = (msg.attachments ?? []).flatMap((a) =>
    a.url
      ? [
          {
            path: a.url,
            ...(a.filename ? { filename: a.filename } : {}),
            ...(a.contentType ? { contentType: a.contentType } : {}),
          },
        ]
      : [],
  );
  return {
    from: body.from,
    to: body.to,
    subject: body.subject,
    ...(body.headers ? { headers: body.headers } : {}),
    ...(attachments.length ? { attachments } : {}),
    ...(body.html !== undefined ? { html: body.html } : {}),
    text: body.text ?? "",
  } as CreateEmailOptions;
}

async function send(ctx: SdkContext, msg: OutboundMessage): Promise<SendResult> {
  const c = clientFor(ctx);
  if (!c) return permanentFailure("missing_credentials", "Resend apiKey is required");
  if ("refused" in c) return permanentFailure("url_refused", c.refused);
  if (!msg.text && !msg.html) return permanentFailure("empty_message", "Email has neither text nor html");
  const r = await call(
    ctx,
    (o) => c.resend.emails.send(resendEmailOptions(msg, ctx.settings.fromName), o),
    msg.messageId,
  );
  if (!r.ok) return failureOf(r, ctx.now);
  if (!r.data.id) {
    return { ok: false, retryable: true, error: { code: "bad_response", message: "Resend response has no id" } };
  }
  return { ok: true, externalMessageId: r.data.id, status: "sent" };
}

async function getDeliveryStatus(ctx: SdkContext, id: string): Promise<StatusEvent | null> {
  const c = clientFor(ctx);
  if (!c || "refused" in c) return null;
  const r = await call(ctx, (o) => c.resend.emails.get(id, o));
  return r.ok ? resendStatusEvent(id, r.data.last_event) : null;
}

async function inboundList(ctx: SdkContext, req: InboundListRequest): Promise<InboundListResult> {
  const c = clientFor(ctx);
  if (!c) return { ok: false, retryable: false, error: "Resend apiKey is required" };
  if ("refused" in c) return { ok: false, retryable: false, error: c.refused };
  const limit = Math.min(MAX_LIMIT, Math.max(1, req.pageSize));
  const r = await call(ctx, (o) =>
    c.resend.emails.receiving.list(req.cursor ? { limit, after: req.cursor } : { limit }, o),
  );
  if (!r.ok) {
    const failure = failureOf(r);
    return { ok: false, retryable: failure.retryable, error: failure.error.message };
  }
  return receivedListPage({ data: r.data.data as unknown[], has_more: r.data.has_more }, req);
}

async function hydrateInbound(ctx: SdkContext, message: InboundMessage): Promise<InboundMessage> {
  if (!message.contentPending) return message;
  const c = clientFor(ctx);
  if (!c) return message;
  if ("refused" in c) throw new Error(`resend: ${c.refused}`);
  const r = await call(ctx, (o) => c.resend.emails.receiving.get(message.externalMessageId, {}, o));
  if (!r.ok) {
    const failure = failureOf(r);
    if (failure.retryable) throw new Error(`resend: could not fetch received email: ${failure.error.message}`);
    return message;
  }
  return withReceivedContent(message, receivedEmailContent(r.data));
}

export const resendSdkTransport: SdkTransport = { send, getDeliveryStatus, inboundList, hydrateInbound };
