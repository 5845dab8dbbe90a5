/**
 * Provider retries: N signed deliveries (Twilio, Meta, Resend), 20 % of them re-deliveries of an
 * earlier message (same provider message id, re-signed like a retry), shuffled and sent
 * concurrently -> every delivery is acknowledged and exactly the unique messages are stored.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  CHANNEL_OF,
  type Env,
  figure,
  mixedWebhook,
  runLoad,
  shuffle,
  startEnv,
  stopEnv,
  storedMessageIds,
} from "./helpers";

const DELIVERIES = Number(process.env.RELIABILITY_DELIVERIES ?? 10_000);
const DUPLICATE_SHARE = 0.2;
const SENDERS = 300;

let env: Env | undefined;
beforeAll(async () => {
  env = await startEnv("retries");
});
afterAll(() => stopEnv(env));

test(`${DELIVERIES} deliveries with ${DUPLICATE_SHARE * 100} % duplicates store exactly the unique messages`, async () => {
  const { backend, admin, org } = env!;
  const unique = Math.round(DELIVERIES * (1 - DUPLICATE_SHARE));
  const duplicates = DELIVERIES - unique;
  const build = (i: number) => mixedWebhook(backend.siteUrl, i, "retry", (i * 7919) % SENDERS);
  const deliveries = [
    ...Array.from({ length: unique }, (_, i) => i),
    // A retry re-sends an earlier message: same provider id, signed again.
    ...Array.from({ length: duplicates }, (_, k) => (k * 104_729) % unique),
  ];
  const order = shuffle(deliveries, 7);
  const expected = new Set(deliveries.map((i) => build(i)).map((r) => `${CHANNEL_OF[r.provider]}:${r.externalId}`));
  expect(expected.size).toBe(unique);

  const started = performance.now();
  // Each delivery is signed again when it is sent, as a provider does: a run under load can outlast svix's 5-minute
  // window (CI once: 649 s, and every Resend delivery after the fifth minute answered 403).
  const result = await runLoad(
    backend.siteUrl,
    order.map((i) => () => build(i)),
    { concurrency: 16 },
  );
  figure("retries: deliveries", { deliveries: DELIVERIES, unique, duplicates, concurrency: 16 });
  figure("retries: answers", {
    statuses: result.statuses,
    networkErrors: result.errors,
    perSecond: result.perSecond,
    p50Ms: result.latencyMs.p50,
    p99Ms: result.latencyMs.p99,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  });
  expect(result.errors).toBe(0);
  expect(result.statuses).toEqual({ "200": DELIVERIES });

  const stored = await storedMessageIds(admin, org.organizationId);
  const distinct = new Set(stored);
  figure("retries: stored", { rows: stored.length, distinctProviderIds: distinct.size, expectedUnique: unique });
  expect(stored.length).toBe(unique);
  expect(distinct).toEqual(expected);
});
