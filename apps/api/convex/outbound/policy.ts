import { DOWN_AFTER_FAILURES } from "../channels/health";

/**
 * Delivery policy: how long to wait before a retry, and between probes of a down channel
 * (when a channel counts as down is channels/health.ts).
 * Hand-written rather than @convex-dev/workpool / action-retrier because the per-thread ordering
 * and "hold while down, flush in order" rules need the queue itself to be the source of truth
 * (a retrier retries one call, not an ordered queue), and because the local backend does not
 * run Convex components yet.
 */

/** Attempts before a message is marked failed with the last error. */
export const MAX_ATTEMPTS = 8;

/**
 * Timing knobs, overridable through the deployment's environment (fault-injection tests and
 * demos shrink them; production keeps the defaults).
 */
function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
export const backoffBaseMs = () => envMs("SWITCHBOARD_RETRY_BASE_MS", 2_000);
export const backoffMaxMs = () => envMs("SWITCHBOARD_RETRY_MAX_MS", 5 * 60_000);
export const probeBaseMs = () => envMs("SWITCHBOARD_PROBE_BASE_MS", 5_000);
/** While down, a probe (healthCheck) runs after probeBaseMs(), doubling up to the cron period. */
export const PROBE_MAX_MS = 5 * 60_000;
/** Messages one dispatcher run sends before yielding (keeps each action bounded). */
export const DISPATCH_BATCH = 25;
/**
 * How long a dispatcher holds its lease without renewing it. A watchdog run is scheduled at
 * lease expiry (in the same transaction that takes or renews the lease), so a dispatcher killed
 * mid-run is replaced by then without any new traffic.
 */
export const leaseMs = () => envMs("SWITCHBOARD_LEASE_MS", 60_000);
/** The watchdog fires this long after the lease it guards has expired. */
export const WATCHDOG_GRACE_MS = 1_000;

/**
 * Exponential backoff with "equal jitter": half the exponential delay fixed, half random, so
 * retries spread out but never come back sooner than half the nominal delay.
 * `attempt` is the number of attempts already made (1 after the first failure).
 */
export function backoffMs(attempt: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const exp = Math.min(backoffMaxMs(), backoffBaseMs() * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}

export function probeDelayMs(consecutiveFailures: number): number {
  const over = Math.max(0, consecutiveFailures - DOWN_AFTER_FAILURES);
  return Math.min(PROBE_MAX_MS, probeBaseMs() * 2 ** over);
}
