/**
 * Listing recently received messages through a provider's REST API, for inbound gap recovery:
 * a webhook the provider gave up on (Twilio retries only for about 15 s, Resend for a while)
 * is still in the provider's message list, so a backend that was down can fetch what it missed
 * and ingest it through the same deduplicating path as a webhook.
 *
 * Only providers with such a list implement it (descriptor.inboundList):
 * - Twilio: GET /2010-04-01/Accounts/{sid}/Messages.json (received messages have direction "inbound").
 * - Resend: GET /emails/receiving (metadata only; the body is fetched with hydrateInbound).
 * - Meta WhatsApp Cloud API: no endpoint lists received messages; webhooks are the only source
 *   (Meta retries a failed webhook with backoff for up to 7 days, which covers our outages).
 * - Vonage Messages API: no list of inbound messages (the Reports API is a separate, asynchronous
 *   CSV export product); Vonage retries inbound webhooks answered with 429/5xx or not answered.
 */
import type { AdapterContext, InboundMessage } from "./types";

export interface InboundListRequest {
  /** Only messages received at or after this time (ms since the epoch) are wanted. */
  sinceMs: number;
  /** The page to continue from (`nextCursor` of the previous page). */
  cursor?: string;
  /** Messages per page (the provider's maximum applies). */
  pageSize: number;
}

export type InboundListResult =
  | {
      ok: true;
      /** Received messages of this page, newest first (outbound ones are left out). */
      messages: InboundMessage[];
      /** Absent when there is no further page, or this page already reached `sinceMs`. */
      nextCursor?: string;
    }
  | { ok: false; retryable: boolean; error: string };

export type InboundLister = (ctx: AdapterContext, req: InboundListRequest) => Promise<InboundListResult>;
