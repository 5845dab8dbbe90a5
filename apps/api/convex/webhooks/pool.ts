/**
 * The workpool every webhook delivery runs in (component `webhookWorkpool`, convex.config.ts):
 * bounded parallelism, and at-least-once delivery through its retries with exponential backoff
 * and jitter: 10 s, 20 s, 40 s, ... (8 attempts, about 40 minutes) before a delivery counts as failed.
 */
import { Workpool } from "@convex-dev/workpool";
import { components } from "../_generated/api";

export const DELIVERY_RETRY = { maxAttempts: 8, initialBackoffMs: 10_000, base: 2 };

export const webhookPool = new Workpool(components.webhookWorkpool, {
  maxParallelism: 10,
  retryActionsByDefault: true,
  defaultRetryBehavior: DELIVERY_RETRY,
});
