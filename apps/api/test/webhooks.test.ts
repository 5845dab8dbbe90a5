/**
 * Event webhooks out (issue 12.5): Standard Webhooks signatures checked with the official
 * `standardwebhooks` package as the oracle (https://www.standardwebhooks.com, spec: webhook-id,
 * webhook-timestamp, webhook-signature = v1,base64(HMAC-SHA256(id.timestamp.body))), delivery at
 * least once through the workpool with exponential backoff, the delivery log, manual redelivery,
 * automatic disabling after sustained failure and the URL rules (no private targets).
 */
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { applyStatus } from "../convex/messages/status";
import { DISABLE_AFTER_FAILED_DELIVERIES } from "../convex/webhooks/deliveries";
import { emitEvent } from "../convex/webhooks/events";
import { DELIVERY_RETRY } from "../convex/webhooks/pool";
import { type Backend, newBackend, ORG_A, type SeededOrg, seedOrg } from "./harness";
import { twilioSms } from "./signers";

const TARGET = "https://hooks.partner.example.com/switchboard";

let t: Backend;
let a: SeededOrg;
interface Call {
  at: number;
  url: string;
  headers: Record<string, string>;
  body: string;
}
let calls: Call[];
/** The target's answer per call (index = call number); beyond the list, the last entry. */
let answers: number[];

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  calls = [];
  answers = [200];
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    calls.push({ at: Date.now(), url, headers, body: String(init?.body ?? "") });
    const status = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return new Response(status === 200 ? "ok" : "nope", { status });
  });
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/**
 * The oracle, as a receiver whose clock agrees with ours runs it. The signed timestamp is the
 * attempt's, never later than the call; the fake clock can jump minutes between the two (the
 * workpool's timers run while the attempt awaits Web Crypto), so verify at the signed time.
 */
function verify(secret: string, call: Call) {
  const now = Date.now();
  const signedAt = Number(call.headers["webhook-timestamp"]) * 1000;
  expect(signedAt).toBeLessThanOrEqual(call.at);
  vi.setSystemTime(signedAt);
  try {
    return new Webhook(secret).verify(call.body, call.headers) as { type: string; data: Record<string, unknown> };
  } finally {
    vi.setSystemTime(now);
  }
}

const admin = () => t.withIdentity(a.identity);

async function subscribe(events: string[], url = TARGET) {
  return admin().action(api.webhooks.endpoints.create, {
    organizationId: a.organizationId,
    url,
    events: events as never,
  });
}

const settle = () => t.finishAllScheduledFunctions(vi.runAllTimers);

const emit = (type: "sla.breached" | "thread.resolved", data: Record<string, string>) =>
  t.run((ctx) => emitEvent(ctx, a.organizationId, type, data));

async function deliveries(endpointId: Id<"webhookEndpoints">) {
  const page = await admin().query(api.webhooks.deliveries.list, {
    organizationId: a.organizationId,
    endpointId,
    paginationOpts: { numItems: 50, cursor: null },
  });
  return page.page;
}

async function endpoint(endpointId: Id<"webhookEndpoints">) {
  const { endpoints } = await admin().query(api.webhooks.endpoints.list, { organizationId: a.organizationId });
  return endpoints.find((e) => e._id === endpointId)!;
}

describe("event webhooks out", () => {
  test("an inbound message is delivered once per subscribed event, signed so the official verifier accepts it", async () => {
    const { endpointId, secret } = await subscribe(["message.received", "contact.created"]);
    expect(secret).toMatch(/^whsec_/);
    // The secret is stored sealed, never in clear.
    const stored = await t.run((ctx) => ctx.db.get(endpointId));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));

    const sms = twilioSms("+14155559876", ORG_A.phone, "Where is my refund?", "SM00000000000000000000000000000a01");
    const res = await t.fetch(sms.path, sms.init);
    expect(res.status).toBe(200);
    await settle();

    expect(calls).toHaveLength(2);
    const bodies = calls.map((c) => {
      expect(c.url).toBe(TARGET);
      return verify(secret, c);
    });
    const received = bodies.find((b) => b.type === "message.received")!;
    expect(received.data.text).toBe("Where is my refund?");
    expect(received.data.channel).toBe("sms");
    expect(bodies.map((b) => b.type).sort()).toEqual(["contact.created", "message.received"]);
    // Not subscribed: thread.created was emitted but sent nowhere.

    // A changed body or another secret does not verify.
    const first = calls[0]!;
    expect(() => verify(secret, { ...first, body: first.body.replace("sms", "mms") })).toThrow(/signature/i);
    expect(() => verify(`whsec_${btoa("another-secret-of-32-bytes-long!")}`, first)).toThrow(/signature/i);

    const log = await deliveries(endpointId);
    expect(log).toHaveLength(2);
    for (const d of log) {
      expect(d.status).toBe("delivered");
      expect(d.attempts).toBe(1);
      expect(d.lastStatusCode).toBe(200);
      expect(d.lastLatencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  test("an outbound message's statuses (send outcome, then the provider's callback) are message.status events", async () => {
    const sms = twilioSms("+14155559876", ORG_A.phone, "Hi", "SM00000000000000000000000000000a02");
    expect((await t.fetch(sms.path, sms.init)).status).toBe(200);
    const { secret } = await subscribe(["message.status"]);
    // An outbound message the dispatcher has just handed to the provider.
    const messageId = await t.run(async (ctx) => {
      const inbound = (await ctx.db.query("unifiedMessages").first())!;
      return ctx.db.insert("unifiedMessages", {
        ...inbound,
        _id: undefined,
        _creationTime: undefined,
        direction: "outbound",
        status: "sending",
        externalMessageId: undefined,
        statusHistory: [{ status: "sending", at: Date.now() }],
      } as never);
    });
    await t.mutation(internal.outbound.queue.recordSendResult, {
      messageId,
      outcome: { ok: true, externalMessageId: "SM00000000000000000000000000000b01", status: "sent" },
    });
    await t.run((ctx) =>
      applyStatus(
        ctx,
        a.organizationId,
        {
          kind: "status",
          channel: "sms",
          provider: "twilio",
          externalMessageId: "SM00000000000000000000000000000b01",
          status: "delivered",
        },
        Date.now(),
      ),
    );
    await settle();
    const events = calls.map((c) => verify(secret, c));
    expect(events.map((e) => [e.type, e.data.messageId, e.data.status]).sort()).toEqual([
      ["message.status", messageId, "delivered"],
      ["message.status", messageId, "sent"],
    ]);
  });

  test("a failing target is retried with exponential backoff and the delivery recovers", async () => {
    const { endpointId, secret } = await subscribe(["sla.breached"]);
    answers = [503, 500, 502, 200];
    await emit("sla.breached", { threadId: "t1" });
    await settle();

    expect(calls).toHaveLength(4);
    // Every retry carries the same webhook-id (receivers dedupe) and a fresh valid signature.
    const ids = new Set(calls.map((c) => c.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    for (const c of calls) verify(secret, c);
    // Backoff: the n-th retry waits at least initialBackoff * base^(n-1) minus the workpool's jitter
    // (0.5-1.5x). No upper bound here: under convex-test's fake scheduler the workpool's loop wakes
    // on its own poll period, later than a deployment would.
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    gaps.forEach((gap, i) => {
      const nominal = DELIVERY_RETRY.initialBackoffMs * DELIVERY_RETRY.base ** i;
      expect(gap).toBeGreaterThanOrEqual(nominal * 0.5);
    });

    const [d] = await deliveries(endpointId);
    expect(d!.status).toBe("delivered");
    expect(d!.attempts).toBe(4);
    expect(d!.attemptLog.map((x) => x.statusCode)).toEqual([503, 500, 502, 200]);
    const e = await endpoint(endpointId);
    expect(e.enabled).toBe(true);
    expect(e.consecutiveFailures).toBe(0);
  });

  test("an endpoint failing for long is disabled; a failed delivery is redelivered by hand once it is back", async () => {
    const { endpointId } = await subscribe(["sla.breached"]);
    answers = [500];
    for (let i = 0; i < DISABLE_AFTER_FAILED_DELIVERIES - 1; i++) {
      await emit("sla.breached", { threadId: `t${i}` });
      await settle();
    }
    expect(calls).toHaveLength((DISABLE_AFTER_FAILED_DELIVERIES - 1) * DELIVERY_RETRY.maxAttempts);
    let e = await endpoint(endpointId);
    expect(e.enabled).toBe(true);
    expect(e.consecutiveFailures).toBe(DISABLE_AFTER_FAILED_DELIVERIES - 1);

    vi.setSystemTime(Date.now() + 2 * 60 * 60 * 1000);
    await emit("sla.breached", { threadId: "last" });
    await settle();
    e = await endpoint(endpointId);
    expect(e.enabled).toBe(false);
    expect(e.disabledReason).toBe("failing");
    expect(e.consecutiveFailures).toBe(DISABLE_AFTER_FAILED_DELIVERIES);
    const log = await deliveries(endpointId);
    expect(log.every((d) => d.status === "failed" && d.attempts === DELIVERY_RETRY.maxAttempts)).toBe(true);
    // Disabled: new events create no delivery and call nobody.
    const before = calls.length;
    await emit("sla.breached", { threadId: "after" });
    await settle();
    expect(calls).toHaveLength(before);
    expect(await deliveries(endpointId)).toHaveLength(DISABLE_AFTER_FAILED_DELIVERIES);

    // Redelivery needs the endpoint back on; then the same event (same webhook-id) goes through.
    await expect(
      admin().mutation(api.webhooks.deliveries.redeliver, {
        organizationId: a.organizationId,
        deliveryId: log[0]!._id,
      }),
    ).rejects.toThrow(/disabled/);
    await admin().mutation(api.webhooks.endpoints.update, {
      organizationId: a.organizationId,
      endpointId,
      enabled: true,
    });
    answers = [200];
    calls = [];
    await admin().mutation(api.webhooks.deliveries.redeliver, {
      organizationId: a.organizationId,
      deliveryId: log[0]!._id,
    });
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers["webhook-id"]).toBe(log[0]!.eventId);
    const again = (await deliveries(endpointId)).find((d) => d._id === log[0]!._id)!;
    expect(again.status).toBe("delivered");
    expect(again.attempts).toBe(DELIVERY_RETRY.maxAttempts + 1);
    expect((await endpoint(endpointId)).consecutiveFailures).toBe(0);
  });

  test("a failing endpoint is not rewritten by every failed delivery once its streak reaches the threshold", async () => {
    const { endpointId } = await subscribe(["sla.breached"]);
    const now = Date.now();
    // The streak is at the threshold but not old enough to disable. (failingSince is set ahead of
    // the clock because the workpool's retries move fake time on by about an hour while settling.)
    await t.run((ctx) =>
      ctx.db.patch(endpointId, {
        consecutiveFailures: DISABLE_AFTER_FAILED_DELIVERIES,
        failingSince: now + 86_400_000,
      }),
    );
    answers = [500];
    const before = await t.run((ctx) => ctx.db.get(endpointId));
    await emit("sla.breached", { threadId: "t" });
    await settle();
    expect(calls).toHaveLength(DELIVERY_RETRY.maxAttempts);
    const [d] = await deliveries(endpointId);
    expect(d!.status).toBe("failed");
    expect(await t.run((ctx) => ctx.db.get(endpointId))).toEqual(before);
  });

  test("private, loopback and plain-http targets are refused and nothing is stored; the allowlist admits a test origin", async () => {
    for (const url of [
      "http://hooks.partner.example.com/x",
      "https://127.0.0.1/x",
      "https://10.1.2.3/x",
      "https://169.254.169.254/latest",
      "https://printer.local/x",
      "https://user:pw@hooks.partner.example.com/x",
    ]) {
      await expect(subscribe(["sla.breached"], url)).rejects.toThrow(/refused/);
    }
    expect(await t.run((ctx) => ctx.db.query("webhookEndpoints").collect())).toHaveLength(0);

    process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = "http://127.0.0.1:4555";
    try {
      const { endpointId } = await subscribe(["sla.breached"], "http://127.0.0.1:4555/hook");
      await emit("sla.breached", { threadId: "t" });
      await settle();
      expect(calls.map((c) => c.url)).toEqual(["http://127.0.0.1:4555/hook"]);
      // Taken off the allowlist: the next attempt is refused before anything is sent, and not retried.
      delete process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST;
      await emit("sla.breached", { threadId: "t2" });
      await settle();
      expect(calls).toHaveLength(1);
      const [newest] = await deliveries(endpointId);
      expect(newest!.status).toBe("failed");
      expect(newest!.attempts).toBe(1);
      expect(newest!.lastError).toMatch(/refused/);
    } finally {
      delete process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST;
    }
  });

  test("a rotated secret replaces the old one at once; secrets are never listed", async () => {
    const { endpointId, secret } = await subscribe(["sla.breached"]);
    const { secret: rotated } = await admin().action(api.webhooks.endpoints.rotateSecret, {
      organizationId: a.organizationId,
      endpointId,
    });
    expect(rotated).not.toBe(secret);
    await emit("sla.breached", { threadId: "t" });
    await settle();
    expect(() => verify(secret, calls[0]!)).toThrow(/signature/i);
    expect(verify(rotated, calls[0]!).type).toBe("sla.breached");
    const { endpoints } = await admin().query(api.webhooks.endpoints.list, { organizationId: a.organizationId });
    expect(JSON.stringify(endpoints)).not.toContain("whsec_");
  });
});
