// @vitest-environment node
// Self-healing delivery (issue 15 items 5, 6, 7) against the provider simulator over loopback:
// a dead dispatcher is replaced by the watchdog armed with its lease; a queue with nothing armed
// is resumed by the minute sweep; while a channel is down only a healthy probe releases it; and
// inbound messages whose webhook was lost are recovered from the provider's list:
// Twilio https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources
// Resend https://resend.com/docs/api-reference/emails/list-received-emails
import { DEFAULT_ACCOUNTS, type ProviderSim, startProviderSim } from "@switchboard/provider-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Doc, Id } from "../convex/_generated/dataModel";
import { afterCheck } from "../convex/channels/health";
import { type Backend, newBackend, openSession, type TestIdentity } from "./harness";
import { eventually, startBridge } from "./simBridge";

const A = DEFAULT_ACCOUNTS;
const TWILIO_NUMBER = A.twilio.numbers[0]!;
const INBOX = `support@${A.resend.domain}`;
let t: Backend;
let sim: ProviderSim;
let bridge: Awaited<ReturnType<typeof startBridge>>;
/** While true the bridge answers 503 for every webhook: our backend is "down". */
let webhooksDown = false;
let org: Id<"organizations">;
let owner: TestIdentity;
let twilio: Id<"channelConfigs">;
let resend: Id<"channelConfigs">;

const ENV = {
  SWITCHBOARD_RETRY_BASE_MS: "20",
  SWITCHBOARD_RETRY_MAX_MS: "200",
  SWITCHBOARD_PROBE_BASE_MS: "150",
  SWITCHBOARD_LEASE_MS: "400",
};

beforeAll(async () => {
  Object.assign(process.env, ENV);
  bridge = await startBridge(() => {
    if (webhooksDown) throw new Error("backend down");
    return t;
  });
  process.env.PUBLIC_WEBHOOK_BASE_URL = bridge.url;
  sim = await startProviderSim({ webhookBaseUrl: bridge.url, statusDelayMs: 10 });
  // The simulator is on loopback: provider URLs may point there only when allowlisted (SSRF policy).
  process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = sim.url;
});

afterAll(async () => {
  delete process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST;
  await sim.stop();
  await bridge.close();
  for (const key of [...Object.keys(ENV), "PUBLIC_WEBHOOK_BASE_URL"]) delete process.env[key];
});

beforeEach(async () => {
  t = newBackend();
  webhooksDown = false;
  sim.reset();
  sim.heal();
  const userId = "https://auth.test|owner";
  org = await t.mutation(internal.orgs.admin.createOrganization, {
    name: "Recovery Org",
    slug: "recovery-org",
    owner: { userId, email: "owner@recovery.test" },
  });
  owner = await openSession(t, userId);
  twilio = await t.action(internal.channels.configs.createConfig, {
    organizationId: org,
    provider: "twilio",
    endpoints: [TWILIO_NUMBER],
    settings: { apiBaseUrl: sim.url, timeoutMs: "500" },
    credentials: { accountSid: A.twilio.accountSid, authToken: A.twilio.authToken },
  });
  resend = await t.action(internal.channels.configs.createConfig, {
    organizationId: org,
    provider: "resend",
    endpoints: [INBOX],
    settings: { apiBaseUrl: sim.url },
    credentials: { apiKey: A.resend.apiKey, webhookSecret: A.resend.webhookSecret },
  });
});

const config = (id: Id<"channelConfigs">) => t.run(async (ctx) => (await ctx.db.get(id))!);
const message = (id: Id<"unifiedMessages">) => t.run(async (ctx) => (await ctx.db.get(id))!);
const orgMessages = () =>
  t.run((ctx) =>
    ctx.db
      .query("unifiedMessages")
      .withIndex("by_contact", (q) => q.eq("organizationId", org))
      .collect(),
  );
const twilioSends = () =>
  sim.requests("twilio").filter((r) => r.method === "POST" && r.path.endsWith("/Messages.json"));
const dispatchRow = () =>
  t.run((ctx) =>
    ctx.db
      .query("outboundDispatch")
      .withIndex("by_config", (q) => q.eq("organizationId", org).eq("channelConfigId", twilio))
      .first(),
  );
const job = (id: Id<"_scheduled_functions"> | undefined) =>
  t.run(async (ctx) => (id ? await ctx.db.system.get(id) : null));

/** A thread with a Twilio contact (one inbound SMS through the signed webhook). */
async function smsThread(from: string) {
  await sim.sendInbound("twilio", { from, text: "hello" });
  return eventually(
    async () => (await orgMessages()).find((m) => m.direction === "inbound" && m.from === from)?.threadId,
    `thread of ${from}`,
  );
}

async function queueReplies(threadId: Id<"conversationThreads">, n: number) {
  const ids: Id<"unifiedMessages">[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await t.withIdentity(owner).mutation(api.outbound.replies.send, { organizationId: org, threadId, text: `r${i}` }),
    );
  }
  return ids;
}

describe("15.5 the outbound queue resumes by itself", () => {
  test("a dispatcher whose expired lease the watchdog took over can neither renew nor release it", async () => {
    const first = await t.mutation(internal.outbound.queue.acquireLease, { channelConfigId: twilio });
    expect(first).not.toBeNull();
    // The lease runs out while the first dispatcher is stuck in a send; the watchdog takes it.
    await t.run(async (ctx) => {
      const row = (await ctx.db
        .query("outboundDispatch")
        .withIndex("by_config", (q) => q.eq("organizationId", org).eq("channelConfigId", twilio))
        .first())!;
      await ctx.db.patch(row._id, { leaseUntil: Date.now() - 1 });
    });
    const second = await t.mutation(internal.outbound.queue.acquireLease, { channelConfigId: twilio });
    expect(second).not.toBeNull();
    // The first dispatcher is told it lost the lease (so it stops sending) and cannot end the new one.
    expect(await t.mutation(internal.outbound.queue.renewLease, { channelConfigId: twilio, held: first! })).toBeNull();
    await t.mutation(internal.outbound.queue.releaseLease, { channelConfigId: twilio, held: first! });
    expect((await dispatchRow())?.leaseUntil).toBe(second);
    // The holder renews as usual.
    expect(
      await t.mutation(internal.outbound.queue.renewLease, { channelConfigId: twilio, held: second! }),
    ).not.toBeNull();
  });

  test("a dispatcher that dies after claiming a batch is replaced by the watchdog armed with its lease", {
    timeout: 60_000,
  }, async () => {
    const threadId = await smsThread("+14155550301");
    // Queue 5 replies without waking anybody: the rows a crashed process leaves behind.
    const ids = await t.run(async (ctx) => {
      const thread = (await ctx.db.get(threadId))!;
      const out: Id<"unifiedMessages">[] = [];
      for (let i = 0; i < 5; i++) {
        out.push(
          await ctx.db.insert("unifiedMessages", {
            organizationId: org,
            threadId,
            contactId: thread.contactId,
            channelConfigId: twilio,
            channel: "sms",
            provider: "twilio",
            direction: "outbound",
            status: "queued",
            from: TWILIO_NUMBER,
            to: "+14155550301",
            text: `crash ${i}`,
            attachments: [],
            sentAt: Date.now(),
            statusHistory: [{ status: "queued", at: Date.now() }],
          }),
        );
      }
      return out;
    });
    // The dispatcher takes the lease and claims the batch, then "dies" (never sends, never releases).
    const leaseUntil = await t.mutation(internal.outbound.queue.acquireLease, { channelConfigId: twilio });
    expect(leaseUntil).toBeGreaterThan(Date.now());
    const claim = await t.mutation(internal.outbound.queue.claimBatch, { channelConfigId: twilio });
    expect(claim).toMatchObject({ kind: "batch" });
    expect((await Promise.all(ids.map(message))).map((m) => m.status)).toEqual(Array(5).fill("sending"));
    // The watchdog was scheduled in the lease's own transaction, at its expiry.
    const row = (await dispatchRow())!;
    const watchdog = await job(row.wakeJobId);
    expect(watchdog).toMatchObject({ name: "outbound/dispatch:run", state: { kind: "pending" } });
    expect(watchdog!.scheduledTime).toBeGreaterThanOrEqual(leaseUntil!);
    // A second dispatcher cannot take the lease while it is held.
    expect(await t.mutation(internal.outbound.queue.acquireLease, { channelConfigId: twilio })).toBeNull();

    await eventually(
      async () => (await Promise.all(ids.map(message))).every((m) => m.status === "delivered"),
      "the watchdog sends every claimed message",
    );
    const bodies = twilioSends().map((r) => (r.body as { Body: string }).Body);
    expect(bodies).toEqual(ids.map((_, i) => `crash ${i}`)); // each once, in order
  });

  test("the minute sweep resumes a queue with due work and nothing armed, and arms nothing twice", {
    timeout: 60_000,
  }, async () => {
    const threadId = await smsThread("+14155550302");
    const thread = await t.run(async (ctx) => (await ctx.db.get(threadId))!);
    const ids = await t.run(async (ctx) => {
      const out: Id<"unifiedMessages">[] = [];
      for (let i = 0; i < 3; i++) {
        out.push(
          await ctx.db.insert("unifiedMessages", {
            organizationId: org,
            threadId,
            contactId: thread.contactId,
            channelConfigId: twilio,
            channel: "sms",
            provider: "twilio",
            direction: "outbound",
            // One left `sending` by a process that died before the watchdog existed.
            status: i === 0 ? "sending" : "queued",
            from: TWILIO_NUMBER,
            to: "+14155550302",
            text: `stuck ${i}`,
            attachments: [],
            sentAt: Date.now(),
            statusHistory: [{ status: "queued", at: Date.now() }],
          }),
        );
      }
      return out;
    });
    expect(await dispatchRow()).toBeNull();
    // Resend's queue is empty: nothing is armed for it.
    expect(await t.mutation(internal.outbound.recovery.resumeAll, {})).toBe(1);
    expect(await t.mutation(internal.outbound.recovery.resumeAll, {})).toBe(0); // already armed
    await eventually(
      async () => (await Promise.all(ids.map(message))).every((m) => m.status === "delivered"),
      "the resumed queue drains",
    );
    expect(twilioSends().map((r) => (r.body as { Body: string }).Body)).toEqual(["stuck 0", "stuck 1", "stuck 2"]);
    // An idle queue: the sweep arms nothing.
    await eventually(
      async () => !(await dispatchRow())?.leaseUntil || (await dispatchRow())!.leaseUntil < Date.now(),
      "idle",
    );
    expect(await t.mutation(internal.outbound.recovery.resumeAll, {})).toBe(0);
  });
});

describe("15.6 probes that don't burn attempts", () => {
  test("a degraded check keeps a down channel down (pure transition)", () => {
    const down = { state: "down" as const, consecutiveFailures: 6 };
    expect(afterCheck(down, { state: "degraded", latencyMs: 5, error: "503" }, 1).state).toBe("down");
    expect(afterCheck(down, { state: "healthy", latencyMs: 5 }, 1)).toMatchObject({
      state: "healthy",
      consecutiveFailures: 0,
    });
    expect(afterCheck({ state: "healthy", consecutiveFailures: 0 }, { state: "degraded", latencyMs: 5 }, 1).state).toBe(
      "degraded",
    );
  });

  test("while down, failing probes (503) keep the hold and the attempts; a healthy probe flushes in order", {
    timeout: 90_000,
  }, async () => {
    const threadId = await smsThread("+14155550303");
    sim.fail("twilio", { mode: "5xx" });
    const ids = await queueReplies(threadId, 4);
    await eventually(async () => (await config(twilio)).health.state === "down", "channel down");
    const attemptsAtDown = (await Promise.all(ids.map(message))).map((m) => (m.attempts ?? []).length);
    const sendsAtDown = twilioSends().length;
    const failuresAtDown = (await config(twilio)).health.consecutiveFailures;
    // Let several probes fail against the 503s.
    await eventually(
      async () => (await config(twilio)).health.consecutiveFailures >= failuresAtDown + 3,
      "three failed probes",
    );
    const during = await config(twilio);
    expect(during.health.state).toBe("down");
    const probes = sim
      .requests("twilio")
      .filter((r) => r.method === "GET" && r.path.endsWith(`${A.twilio.accountSid}.json`));
    expect(probes.length).toBeGreaterThanOrEqual(3);
    expect(probes.every((p) => p.status === 503)).toBe(true);
    // No send went out while down, and no held message lost an attempt.
    expect(twilioSends().length).toBe(sendsAtDown);
    expect((await Promise.all(ids.map(message))).map((m) => (m.attempts ?? []).length)).toEqual(attemptsAtDown);
    expect((await Promise.all(ids.map(message))).every((m) => m.status === "queued")).toBe(true);
    // The next probe is armed (with backoff), nothing else. Read it while it waits: a probe caught
    // running re-arms its successor when it ends.
    const wake = await eventually(async () => {
      const j = await job((await dispatchRow())!.wakeJobId);
      return j?.state.kind === "pending" ? j : null;
    }, "next probe armed");
    expect(wake.name).toBe("channels/health:probe");

    sim.heal("twilio");
    await eventually(
      async () => (await Promise.all(ids.map(message))).every((m) => m.status === "delivered"),
      "flushed after recovery",
    );
    const delivered = twilioSends()
      .filter((r) => r.status === 201)
      .map((r) => (r.body as { Body: string }).Body);
    expect(delivered).toEqual(["r0", "r1", "r2", "r3"]);
    expect((await config(twilio)).health.state).toBe("healthy");
  });

  test('"test connection" that finds a channel down also schedules a probe, which recovers it', {
    timeout: 60_000,
  }, async () => {
    sim.fail("twilio", { mode: "timeout" }); // 500 ms adapter timeout -> down
    const result = await t
      .withIdentity(owner)
      .action(api.channels.settings.testConnection, { organizationId: org, channelConfigId: twilio });
    expect(result.state).toBe("down");
    const wake = await eventually(async () => {
      const row = await dispatchRow();
      const j = await job(row?.wakeJobId);
      return j?.name === "channels/health:probe" ? j : null;
    }, "a probe armed");
    expect(wake.state.kind === "pending" || wake.state.kind === "inProgress" || wake.state.kind === "success").toBe(
      true,
    );
    sim.heal("twilio");
    await eventually(async () => (await config(twilio)).health.state === "healthy", "recovered by the probe");
  });
});

describe("15.7 inbound gap recovery", () => {
  test("SMS and email whose webhooks were lost are ingested once from the provider lists", {
    timeout: 60_000,
  }, async () => {
    await sim.sendInbound("twilio", { from: "+14155550401", text: "arrived normally" });
    await eventually(async () => (await orgMessages()).length === 1, "webhook ingested");
    webhooksDown = true;
    const lostSms = await sim.sendInbound("twilio", { from: "+14155550402", text: "lost while down" });
    const lostMms = await sim.sendInbound("twilio", {
      from: "+14155550403",
      text: "photo",
      media: [{ contentType: "image/jpeg" }],
    });
    const lostMail = await sim.sendInbound("resend", {
      from: "Ann <ann@customer.example>",
      subject: "Lost mail",
      text: "the body comes from the API",
    });
    expect([lostSms.status, lostMms.status, lostMail.status]).toEqual([500, 500, 500]);
    webhooksDown = false;
    expect(await orgMessages()).toHaveLength(1);

    const sms = await t.action(internal.inbound.reconcile.run, { channelConfigId: twilio });
    expect(sms).toMatchObject({ done: true, recovered: 2, listed: 3 });
    const mail = await t.action(internal.inbound.reconcile.run, { channelConfigId: resend });
    expect(mail).toMatchObject({ done: true, recovered: 1 });
    // Listed and fetched by the official SDKs in the Node actions (descriptor.sdk of twilio and resend).
    const twilioLists = sim.requests("twilio").filter((r) => r.method === "GET" && r.path.endsWith("/Messages.json"));
    expect(twilioLists.length).toBeGreaterThan(0);
    expect(twilioLists.every((r) => /^twilio-node\//.test(r.headers["user-agent"] ?? ""))).toBe(true);
    const resendReads = sim
      .requests("resend")
      .filter((r) => r.method === "GET" && r.path.startsWith("/emails/receiving"));
    expect(resendReads.map((r) => r.path)).toEqual([
      "/emails/receiving",
      `/emails/receiving/${lostMail.externalMessageId}`,
    ]);
    expect(resendReads.every((r) => /^resend-node:/.test(r.headers["user-agent"] ?? ""))).toBe(true);
    // A second pass (and a webhook redelivered late) finds nothing new.
    expect(await t.action(internal.inbound.reconcile.run, { channelConfigId: twilio })).toMatchObject({ recovered: 0 });
    const stored = await orgMessages();
    const byExternal = new Map<string, Doc<"unifiedMessages">[]>();
    for (const m of stored) byExternal.set(m.externalMessageId!, [...(byExternal.get(m.externalMessageId!) ?? []), m]);
    expect(stored).toHaveLength(4);
    expect([...byExternal.values()].every((list) => list.length === 1)).toBe(true);
    const mms = byExternal.get(lostMms.externalMessageId)![0]!;
    expect(mms.attachments).toHaveLength(1);
    expect(mms.attachments[0]!.contentType).toBe("image/jpeg");
    const email = byExternal.get(lostMail.externalMessageId)![0]!;
    expect(email).toMatchObject({
      subject: "Lost mail",
      text: "the body comes from the API",
      from: "ann@customer.example",
    });
    expect(email.contentPending).toBeUndefined();
    // Recovered through the ingest mutation: raw log rows name the reconciliation.
    const logs = await t.run((ctx) =>
      ctx.db
        .query("inboundEvents")
        .withIndex("by_org_received", (q) => q.eq("organizationId", org))
        .collect(),
    );
    expect(
      logs
        .filter((l) => l.path.startsWith("/reconcile/"))
        .map((l) => l.path)
        .sort(),
    ).toEqual(["/reconcile/resend", "/reconcile/twilio"]);
    const mark = await t.run((ctx) =>
      ctx.db
        .query("inboundWatermarks")
        .withIndex("by_config", (q) => q.eq("organizationId", org).eq("channelConfigId", twilio))
        .first(),
    );
    expect(mark).toMatchObject({ recovered: 2 });
    expect(mark!.watermark).toBeGreaterThan(Date.now() - 60_000);
  });

  test("a channel that comes back from down reconciles by itself", { timeout: 60_000 }, async () => {
    await t.run((ctx) =>
      ctx.db.patch(twilio, { health: { state: "down", consecutiveFailures: 5, lastError: "outage" } }),
    );
    webhooksDown = true;
    const lost = await sim.sendInbound("twilio", { from: "+14155550404", text: "during the outage" });
    webhooksDown = false;
    await t.action(internal.channels.health.probe, { channelConfigId: twilio });
    await eventually(
      async () => (await orgMessages()).some((m) => m.externalMessageId === lost.externalMessageId),
      "recovered after the probe turned healthy",
    );
  });
});
