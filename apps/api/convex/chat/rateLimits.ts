import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { jsonError } from "../lib/http";

/**
 * Rate limits of the anonymous chat surfaces (visitor sessions, visitor messages and, through
 * the IP it forwards, the dashboard's relay), kept by the @convex-dev/rate-limiter component
 * (token buckets in its own tables). Buckets are checked most specific first (IP, visitor,
 * widget) so an abuser drains their own bucket before the widget's shared one. The per-widget
 * buckets are sharded: one widget's traffic would otherwise write one hot document per message.
 */
export const chatRateLimiter = new RateLimiter(components.rateLimiter, {
  /** New or resumed visitor sessions from one IP (a page load starts at most one). */
  sessionPerIp: { kind: "token bucket", rate: 10, period: MINUTE, capacity: 10 },
  /** Sessions of one widget from everyone: bounds token minting when IPs are unknown or rotated. */
  sessionPerWidget: { kind: "token bucket", rate: 600, period: MINUTE, capacity: 300, shards: 10 },
  /** A person types a message every few seconds at most; a burst of 10 covers pasting. */
  messagePerVisitor: { kind: "token bucket", rate: 20, period: MINUTE, capacity: 10 },
  messagePerIp: { kind: "token bucket", rate: 60, period: MINUTE, capacity: 30 },
  messagePerWidget: { kind: "token bucket", rate: 1200, period: MINUTE, capacity: 600, shards: 10 },
  /**
   * Typing-indicator writes of one visitor. Someone typing steadily renews once per 3 s (20 a
   * minute) plus a stop per message sent; the throttle alone would let a script toggling
   * start/stop write 40 a minute.
   */
  typingPerVisitor: { kind: "token bucket", rate: 30, period: MINUTE, capacity: 10 },
});

export type ChatLimitName =
  | "sessionPerIp"
  | "sessionPerWidget"
  | "messagePerVisitor"
  | "messagePerIp"
  | "messagePerWidget"
  | "typingPerVisitor";

/**
 * Consumes one token from each named bucket in order; the first refusal answers 429 with
 * `Retry-After` (whole seconds, at least 1) and nothing further is consumed or stored.
 */
export async function limitChat(
  ctx: ActionCtx,
  checks: { name: ChatLimitName; key: string | null | undefined }[],
): Promise<Response | null> {
  for (const { name, key } of checks) {
    if (!key) continue;
    const status = await chatRateLimiter.limit(ctx, name, { key });
    if (!status.ok) {
      const seconds = Math.max(1, Math.ceil((status.retryAfter ?? 1000) / 1000));
      return jsonError(429, "rate_limited", "Too many requests; try again later", { "retry-after": String(seconds) });
    }
  }
  return null;
}
