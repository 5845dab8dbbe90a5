/**
 * Provider timestamps. A provider (or, for chat, a visitor's browser) says when a message was
 * sent; we keep that claim as `providerTimestamp` beside our own receipt time and order by it only
 * when it is plausible. A claim far in the future (year 3000 would pin a thread to the top of the
 * inbox forever) or older than the provider would ever retry a delivery is replaced by the
 * receipt time. Its own module (no adapters, no schemas) so the backend and dashboard can import it.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** How far a provider's time may stray from our receipt time and still be believed. */
export interface TimestampWindow {
  /** Clock skew allowed into the future. */
  readonly futureMs: number;
  /** How old a message may be when it reaches us: the provider's retry horizon. */
  readonly pastMs: number;
}

/**
 * For providers that do not declare their own: a few minutes of skew, and three days back, which
 * covers Resend/Svix's ~28 h retry schedule and Vonage's 24 h resend with margin.
 */
export const DEFAULT_TIMESTAMP_WINDOW: TimestampWindow = { futureMs: 5 * MINUTE_MS, pastMs: 3 * DAY_MS };

export interface TrustedTime {
  /** The time to store and order by (`sentAt`). */
  at: number;
  /** The provider's claim, when it was a finite number (kept for audit even when not trusted). */
  providerTimestamp?: number;
  /** Whether `at` is the provider's time (true) or the receipt time (false). */
  trusted: boolean;
}

/**
 * The time to order a message by: the provider's timestamp when it lies inside `window` around
 * `receivedAt`, otherwise the receipt time. NaN, ±Infinity, 1e300 and negative times never win.
 */
export function trustedTime(
  providerTimestamp: number | null | undefined,
  receivedAt: number,
  window: TimestampWindow = DEFAULT_TIMESTAMP_WINDOW,
): TrustedTime {
  if (typeof providerTimestamp !== "number" || !Number.isFinite(providerTimestamp)) {
    return { at: receivedAt, trusted: false };
  }
  const inside = providerTimestamp <= receivedAt + window.futureMs && providerTimestamp >= receivedAt - window.pastMs;
  return { at: inside ? providerTimestamp : receivedAt, providerTimestamp, trusted: inside };
}
