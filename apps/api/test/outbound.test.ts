// @vitest-environment node
// Real HTTP on loopback: the provider simulator receives our sends and posts signed status
// callbacks back through a bridge into the Convex HTTP routes.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_ACCOUNTS, type ProviderSim, startProviderSim } from "@switchboard/provider-sim";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Doc, Id } from "../convex/_generated/dataModel";
import { type Backend, newBackend, openSession, SECRETS, type TestIdentity } from "./harness";
import { genericRequest } from "./signers";
import { eventually, startBridge } from "./simBridge";

const A = DEFAULT_ACCOUNTS;
let t: Backend;
let sim: ProviderSim;
let bridge: Awaited<ReturnType<typeof startBridge>>;
let org: Id<"organizations">;
let userId: string;
let owner: TestIdentity;
const configs: Partial<Record<string, Id<"channelConfigs">>> = {};

// A receiving system for the generic webhook channel: verifies our Standard Webhooks signature.
const genericReceived: { id: string; body: { id: string; to: string; text: string } }[] = [];
let genericUrl = "";
const genericReceiver = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  try {
    new StandardWebhook(SECRETS.genericSigningSecret).verify(body, req.headers as Record<string, string>);
    genericReceived.push({ id: String(req.headers["webhook-id"]), body: JSON.parse(body) });
    res.writeHead(200).end("ok");
  } catch {
    res.writeHead(401).end("bad signature");
  }
});

beforeAll(async () => {
  process.env.SWITCHBOARD_RETRY_BASE_MS = "20";
  process.env.SWITCHBOARD_RETRY_MAX_MS = "200";
  process.env.SWITCHBOARD_PROBE_BASE_MS = "100";
  bridge = await startBridge(() => t);
  process.env.PUBLIC_WEBHOOK_BASE_URL = bridge.url;
  sim = await startProviderSim({ webhookBaseUrl: bridge.url, statusDelayMs: 10 });
  await new Promise<void>((r) => genericReceiver.listen(0, "127.0.0.1", r));
  genericUrl = `http://127.0.0.1:${(genericReceiver.address() as AddressInfo).port}/inbox`;
  // Loopback targets are refused unless allowlisted (channels/runtime.ts, like pnpm dev does for the sim).
  process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = `${sim.url},${new URL(genericUrl).origin}`;
});

afterAll(async () => {
  await sim.stop();
  await bridge.close();
  await new Promise((r) => genericReceiver.close(r));
  for (const key of [
    "SWITCHBOARD_RETRY_BASE_MS",
    "SWITCHBOARD_RETRY_MAX_MS",
    "SWITCHBOARD_PROBE_BASE_MS",
    "PUBLIC_WEBHOOK_BASE_URL",
    "SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST",
  ])
    delete process.env[key];
});

beforeEach(async () => {
  t = newBackend();
  sim.reset();
  sim.heal();
  userId = "https://auth.test|owner";
  org = await t.mutation(internal.orgs.admin.createOrganization, {
    name: "Sim Org",
    slug: "sim-org",
    owner: { userId, email: "owner@sim.test" },
  });
  owner = await openSession(t, userId);
  const create = (
    provider: "twilio" | "vonage" | "meta" | "resend" | "generic" | "native",
    endpoint: string,
    credentials: Record<string, string>,
    settings: Record<string, string> = { apiBaseUrl: sim.url },
  ) =>
    t.action(internal.channels.configs.createConfig, {
      organizationId: org,
      provider,
      endpoints: [endpoint],
      settings,
      credentials,
    });
  configs.twilio = await create("twilio", A.twilio.numbers[0]!, {
    accountSid: A.twilio.accountSid,
    authToken: A.twilio.authToken,
  });
  configs.vonage = await create("vonage", A.vonage.numbers![0]!, {
    apiKey: A.vonage.apiKey,
    apiSecret: A.vonage.apiSecret,
    signatureSecret: A.vonage.signatureSecret,
  });
  configs.meta = await create("meta", A.meta.phoneNumberId, {
    accessToken: A.meta.accessToken,
    appSecret: A.meta.appSecret,
    verifyToken: A.meta.verifyToken,
  });
  configs.resend = await create("resend", `support@${A.resend.domain}`, {
    apiKey: A.resend.apiKey,
    webhookSecret: A.resend.webhookSecret,
  });
  configs.generic = await create(
    "generic",
    "partner",
    { signingSecret: SECRETS.genericSigningSecret },
    { outboundUrl: genericUrl },
  );
  configs.native = await create("native", "site", { sessionSecret: SECRETS.chatSessionSecret }, {});
});

const asOwner = () => t.withIdentity(owner);

async function threadOf(from: string, channel: Doc<"unifiedMessages">["channel"]) {
  return eventually(
    () =>
      t.run(async (ctx) => {
        const messages = await ctx.db
          .query("unifiedMessages")
          .withIndex("by_contact", (q) => q.eq("organizationId", org))
          .collect();
        return messages.find(
          (m) =>
            m.channel === channel &&
            m.direction === "inbound" &&
            m.from.replace(/\D/g, "").endsWith(from.replace(/\D/g, "").slice(-10)),
        )?.threadId;
      }),
    `inbound ${channel} message from ${from}`,
  );
}

const message = (id: Id<"unifiedMessages">) => t.run(async (ctx) => (await ctx.db.get(id))!);

async function waitForStatus(id: Id<"unifiedMessages">, statuses: Doc<"unifiedMessages">["status"][]) {
  return eventually(
    async () => {
      const m = await message(id);
      return statuses.includes(m.status) ? m : undefined;
    },
    `message ${id} to reach ${statuses.join("/")}`,
  );
}

describe("send -> provider -> status callbacks, per channel", () => {
  test("SMS via Twilio: the right request, then sent -> delivered", async () => {
    await sim.sendInbound("twilio", { from: "+14155550111", text: "hi there" });
    const threadId = await threadOf("+14155550111", "sms");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "Hello from Switchboard",
    });
    const final = await waitForStatus(id, ["delivered"]);
    const sent = sim.requests("twilio").filter((r) => r.method === "POST" && r.path.endsWith("/Messages.json"));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({
      To: "+14155550111",
      From: A.twilio.numbers[0],
      Body: "Hello from Switchboard",
      StatusCallback: `${bridge.url}/webhooks/sms/twilio/status`,
    });
    expect(final.externalMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(final.statusHistory.map((h) => h.status)).toEqual(["queued", "sent", "delivered"]);
    // Sent by the official SDK in the Node action (twilio descriptor: sdk.operations has "send").
    expect(sent[0]!.headers["user-agent"]).toMatch(/^twilio-node\//);
  });

  test("SMS via Vonage", async () => {
    await sim.sendInbound("vonage", { from: "14155550112", text: "hello vonage" });
    const threadId = await threadOf("14155550112", "sms");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "Vonage reply",
    });
    await waitForStatus(id, ["delivered"]);
    const sent = sim.requests("vonage").filter((r) => r.method === "POST" && r.path === "/v1/messages");
    expect(sent[0]!.body).toMatchObject({ channel: "sms", message_type: "text", text: "Vonage reply" });
  });

  test("WhatsApp via Meta: delivered then read", async () => {
    await sim.sendInbound("meta", { from: "14155550113", text: "hola" });
    const threadId = await threadOf("14155550113", "whatsapp");
    const id = await asOwner().mutation(api.outbound.replies.send, { organizationId: org, threadId, text: "Hola!" });
    const final = await waitForStatus(id, ["read"]);
    expect(final.statusHistory.map((h) => h.status)).toEqual(["queued", "sent", "delivered", "read"]);
    const sent = sim.requests("meta").filter((r) => r.method === "POST" && r.path.endsWith("/messages"));
    expect(sent[0]!.body).toMatchObject({ messaging_product: "whatsapp", to: "14155550113", text: { body: "Hola!" } });
  });

  test("Email via Resend keeps the thread (In-Reply-To) and reaches delivered", async () => {
    const inbound = await sim.sendInbound("resend", {
      from: "Dana <dana@example.org>",
      subject: "Order 42",
      text: "Where is it?",
      messageId: "<order-42@example.org>",
    });
    expect(inbound.status).toBe(200);
    const threadId = await threadOf("dana@example.org", "email");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "It ships today.",
    });
    await waitForStatus(id, ["delivered", "read"]);
    const sent = sim.requests("resend").filter((r) => r.method === "POST" && r.path === "/emails");
    expect(sent[0]!.body).toMatchObject({
      to: ["dana@example.org"],
      subject: "Re: Order 42",
      headers: { "In-Reply-To": "<order-42@example.org>" },
    });
    expect(sent[0]!.headers["idempotency-key"]).toBe(id);
    expect(sent[0]!.headers["user-agent"]).toMatch(/^resend-node:/); // the official SDK in the Node action
  });

  test("generic webhook: signed POST to the receiver, delivery reported back", async () => {
    await t.fetch(
      ...(() => {
        const r = genericRequest("partner", {
          id: "evt-1",
          from: { id: "user-9", name: "Partner user" },
          text: "ping",
        });
        return [r.path, r.init] as const;
      })(),
    );
    const threadId = await threadOf("user-9", "webhook");
    const id = await asOwner().mutation(api.outbound.replies.send, { organizationId: org, threadId, text: "pong" });
    const sent = await waitForStatus(id, ["sent"]);
    expect(genericReceived.at(-1)!.body).toMatchObject({ to: "user-9", text: "pong" });
    const status = genericRequest("partner", {
      type: "status",
      messageId: sent.externalMessageId,
      status: "delivered",
    });
    expect((await t.fetch(status.path, status.init)).status).toBe(200);
    expect((await message(id)).status).toBe("delivered");
  });

  test("native chat is delivered at once", async () => {
    const { createVisitorToken } = await import("@switchboard/channels");
    const { token } = await createVisitorToken(SECRETS.chatSessionSecret, "visitor_9");
    await t.fetch("/webhooks/chat/site", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientMessageId: "c1", text: "hi" }),
    });
    const threadId = await threadOf("visitor_9", "chat");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "Hi visitor",
    });
    expect((await message(id)).status).toBe("delivered");
  });

  test("a provider error marks the message failed with the provider's reason", async () => {
    await sim.sendInbound("twilio", { from: "+15005550001", text: "invalid number" });
    const threadId = await threadOf("+15005550001", "sms");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "will fail",
    });
    const failed = await waitForStatus(id, ["failed"]);
    expect(failed.error!.message).toMatch(/invalid|not a valid/i);
    expect(failed.attempts).toHaveLength(1);
  });

  test("WhatsApp outside the 24-hour window needs a template", async () => {
    await sim.sendInbound("meta", { from: "14155550114", text: "old", timestamp: Date.now() - 25 * 3600_000 });
    const threadId = await threadOf("14155550114", "whatsapp");
    await expect(
      asOwner().mutation(api.outbound.replies.send, { organizationId: org, threadId, text: "late" }),
    ).rejects.toThrow(/24-hour/);
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "",
      template: { name: "follow_up", language: "en_US" },
    });
    await waitForStatus(id, ["delivered", "read"]);
    const sent = sim.requests("meta").filter((r) => r.method === "POST" && r.path.endsWith("/messages"));
    expect(sent.at(-1)!.body).toMatchObject({
      type: "template",
      template: { name: "follow_up", language: { code: "en_US" } },
    });
  });
});

describe("metadata-only inbound email (Resend email.received)", () => {
  test("content is fetched during the webhook, or later when the fetch fails", async () => {
    const strict = await startProviderSim({ webhookBaseUrl: bridge.url, resendInboundContent: "metadata" });
    process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST += `,${strict.url}`;
    try {
      await t.run(async (ctx) => {
        const config = (await ctx.db.get(configs.resend!))!;
        await ctx.db.patch(config._id, { settings: { ...config.settings, apiBaseUrl: strict.url } });
      });
      const textOf = async (subject: string) =>
        t.run(async (ctx) =>
          (
            await ctx.db
              .query("unifiedMessages")
              .withIndex("by_contact", (q) => q.eq("organizationId", org))
              .collect()
          ).find((m) => m.subject === subject),
        );

      expect(
        (await strict.sendInbound("resend", { from: "a@example.org", subject: "inline fetch", text: "fetched body" }))
          .status,
      ).toBe(200);
      expect(await textOf("inline fetch")).toMatchObject({ text: "fetched body" });
      expect((await textOf("inline fetch"))!.contentPending).toBeUndefined();

      strict.fail("resend", { mode: "5xx" });
      expect(
        (
          await strict.sendInbound("resend", {
            from: "b@example.org",
            subject: "later fetch",
            text: "body after outage",
          })
        ).status,
      ).toBe(200);
      const pending = (await textOf("later fetch"))!;
      expect(pending).toMatchObject({ text: "", contentPending: true });
      strict.heal();
      expect(await t.action(internal.inbound.hydrate.run, { messageId: pending._id, attempt: 0 })).toBe("filled");
      expect(await textOf("later fetch")).toMatchObject({ text: "body after outage" });
    } finally {
      await strict.stop();
    }
  });
});

describe("status polling", () => {
  test("a sent message without callbacks gets its status from getDeliveryStatus", async () => {
    await sim.sendInbound("twilio", { from: "+14155550141", text: "poll me" });
    const threadId = await threadOf("+14155550141", "sms");
    const id = await asOwner().mutation(api.outbound.replies.send, { organizationId: org, threadId, text: "polled" });
    const delivered = await waitForStatus(id, ["delivered"]);
    // Pretend the callbacks were lost: back to `sent`, long ago.
    await t.run((ctx) =>
      ctx.db.patch(id, {
        status: "sent",
        sentAt: Date.now() - 10 * 60_000,
        statusHistory: delivered.statusHistory.slice(0, 2),
      }),
    );
    const updated = await t.action(internal.outbound.poll.run, {});
    expect(updated).toBe(1);
    expect((await message(id)).status).toBe("delivered");
    const lookups = sim
      .requests("twilio")
      .filter((r) => r.method === "GET" && r.path.includes(`/Messages/${delivered.externalMessageId}`));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.headers["user-agent"]).toMatch(/^twilio-node\//); // messages(sid).fetch()
  });
});

describe("provider outage", () => {
  test("200 replies during an outage: all delivered after recovery, in order per thread, none twice; inbound keeps flowing", {
    timeout: 120_000,
  }, async () => {
    const contacts = Array.from({ length: 10 }, (_, i) => `+1415555${String(2000 + i)}`);
    for (const from of contacts) await sim.sendInbound("twilio", { from, text: "start" });
    const threads = await Promise.all(contacts.map((c) => threadOf(c, "sms")));

    sim.fail("twilio", { mode: "5xx" }); // down until healed below
    const ids: Id<"unifiedMessages">[] = [];
    for (let i = 0; i < 200; i++) {
      const k = i % threads.length;
      ids.push(
        await asOwner().mutation(api.outbound.replies.send, {
          organizationId: org,
          threadId: threads[k]!,
          text: `reply ${Math.floor(i / threads.length)} to ${k}`,
        }),
      );
    }
    // Inbound during the outage is stored like any other time.
    for (const from of contacts.slice(0, 3)) await sim.sendInbound("twilio", { from, text: "still there?" });

    // The dispatcher's failures turn the channel down; sends are held, not burnt.
    await eventually(
      async () => (await t.run(async (ctx) => (await ctx.db.get(configs.twilio!))!)).health.state === "down",
      "twilio channel down",
    );
    const held = await Promise.all(ids.map(message));
    expect(held.filter((m) => m.status === "failed")).toHaveLength(0);
    sim.heal("twilio");

    await eventually(
      async () => {
        const all = await Promise.all(ids.map(message));
        return all.every((m) => m.status === "delivered");
      },
      "all 200 replies delivered",
      100_000,
    );

    const accepted = sim
      .requests("twilio")
      .filter((r) => r.method === "POST" && r.path.endsWith("/Messages.json") && r.status === 201);
    const bodies = accepted.map((r) => (r.body as { Body: string }).Body);
    expect(bodies).toHaveLength(200);
    expect(new Set(bodies).size).toBe(200);
    for (let k = 0; k < threads.length; k++) {
      const inOrder = bodies.filter((b) => b.endsWith(` to ${k}`)).map((b) => Number(b.split(" ")[1]));
      expect(inOrder).toEqual([...inOrder].sort((x, y) => x - y));
    }
    const all = await Promise.all(ids.map(message));
    const retried = all.filter((m) => (m.attempts ?? []).some((a) => !a.ok));
    expect(retried.length).toBeGreaterThan(0);
    for (const m of retried) {
      const times = m.attempts!.map((a) => a.at);
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(m.attempts!.at(-1)!.ok).toBe(true);
    }
    const stillThere = await t.run(async (ctx) =>
      (
        await ctx.db
          .query("unifiedMessages")
          .withIndex("by_contact", (q) => q.eq("organizationId", org))
          .collect()
      ).filter((m) => m.text === "still there?"),
    );
    expect(stillThere).toHaveLength(3);
    const config = await t.run(async (ctx) => (await ctx.db.get(configs.twilio!))!);
    expect(config.health.state).toBe("healthy");
  });
});

describe("secrets never leave the server", () => {
  test("no public result and no log line of a full run contains a configured secret", { timeout: 60_000 }, async () => {
    const logged: string[] = [];
    const originals = {
      log: console.log,
      info: console.info,
      warn: console.warn,
      error: console.error,
      debug: console.debug,
    };
    for (const level of Object.keys(originals) as (keyof typeof originals)[]) {
      console[level] = (...args: unknown[]) =>
        logged.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    }
    const results: unknown[] = [];
    try {
      // A full loop on every provider, a failing send, a failing health check and settings edits.
      await sim.sendInbound("twilio", { from: "+14155550131", text: "secret test" });
      await sim.sendInbound("meta", { from: "14155550132", text: "secret test" });
      await sim.sendInbound("resend", { from: "x@example.org", subject: "s", text: "secret test" });
      const threadId = await threadOf("+14155550131", "sms");
      const id = await asOwner().mutation(api.outbound.replies.send, { organizationId: org, threadId, text: "reply" });
      await waitForStatus(id, ["delivered"]);
      sim.fail("resend", { mode: "5xx" });
      for (const configId of Object.values(configs)) {
        results.push(
          await asOwner().action(api.channels.settings.testConnection, {
            organizationId: org,
            channelConfigId: configId!,
          }),
        );
      }
      sim.heal();
      results.push(
        await asOwner().action(api.channels.settings.save, {
          organizationId: org,
          channelConfigId: configs.twilio,
          provider: "twilio",
          endpoints: [A.twilio.numbers[0]!],
          settings: { apiBaseUrl: sim.url },
          credentials: { accountSid: "", authToken: "" }, // empty = keep stored values
        }),
      );
      results.push(await asOwner().query(api.channels.settings.list, { organizationId: org }));
      results.push(await asOwner().query(api.channels.settings.listHealth, { organizationId: org }));
      const threads = await asOwner().query(api.threads.threads.list, {
        organizationId: org,
        paginationOpts: { numItems: 50, cursor: null },
      });
      results.push(threads);
      for (const thread of threads.page) {
        results.push(await asOwner().query(api.threads.threads.get, { organizationId: org, threadId: thread._id }));
        results.push(
          await asOwner().query(api.threads.threads.listMessages, {
            organizationId: org,
            threadId: thread._id,
            paginationOpts: { numItems: 50, cursor: null },
          }),
        );
        results.push(
          await asOwner().query(api.contacts.contacts.get, { organizationId: org, contactId: thread.contactId }),
        );
      }
      await expect(
        asOwner().action(api.channels.settings.save, {
          organizationId: org,
          provider: "resend",
          endpoints: ["x@y.test"],
          settings: {},
          credentials: { apiKey: A.resend.apiKey, webhookSecret: "not-a-whsec" },
        }),
      ).rejects.toThrow(/whsec_/);
    } finally {
      Object.assign(console, originals);
    }

    const secrets = [
      A.twilio.authToken,
      A.vonage.apiSecret,
      A.vonage.signatureSecret,
      A.meta.accessToken,
      A.meta.appSecret,
      A.meta.verifyToken,
      A.resend.apiKey,
      A.resend.webhookSecret,
      SECRETS.genericSigningSecret,
      SECRETS.chatSessionSecret,
    ];
    const haystack = `${JSON.stringify(results)}\n${logged.join("\n")}`;
    expect(results.length).toBeGreaterThan(8);
    for (const secret of secrets) expect(haystack.includes(secret), `leaked ${secret.slice(0, 6)}…`).toBe(false);
    // The settings view says which fields are stored, without values.
    const view = results.find((r) => Array.isArray(r) && (r as { provider?: string }[])[0]?.provider) as {
      provider: string;
      storedCredentials: string[];
    }[];
    expect(view.find((c) => c.provider === "twilio")!.storedCredentials).toEqual(["accountSid", "authToken"]);
  });
});
