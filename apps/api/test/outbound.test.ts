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
import { type Backend, newBackend, openSession, SECRETS, storeUpload, type TestIdentity } from "./harness";
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

describe("attachments out (messages/files.ts)", () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(7)]);

  /** What the composer does: upload to storage (here: stored directly), then claim it. */
  async function upload(bytes: Uint8Array<ArrayBuffer> | number, type: string, filename: string, as = asOwner()) {
    const body = typeof bytes === "number" ? new Uint8Array(bytes) : bytes;
    const storageId = await storeUpload(t, body, type);
    const claimed = await as.mutation(api.messages.files.claim, { organizationId: org, storageId, filename });
    if (!claimed.ok) throw new Error(claimed.error);
    return claimed.file;
  }

  const messagesIn = (threadId: Id<"conversationThreads">) =>
    t.run((ctx) =>
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", org).eq("threadId", threadId))
        .collect(),
    );

  /** Fetches a signed media URL the way a provider does (over HTTP through the bridge). */
  async function fetchMedia(url: string) {
    expect(url.startsWith(`${bridge.url}/media/`)).toBe(true);
    const res = await fetch(url);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  test("an upload URL is handed out to members; claims take type and size from storage, not the client", async () => {
    const url = await asOwner().mutation(api.messages.files.generateUploadUrl, { organizationId: org });
    expect(typeof url).toBe("string");
    const file = await upload(PNG, "image/PNG", '../../etc/pa\u0000ss"wd.png');
    expect(file).toMatchObject({ contentType: "image/png", size: PNG.byteLength, filename: "passwd.png" });
    // HTML would run script where it is served: refused, and the file is not kept.
    const html = await storeUpload(t, "<script>1</script>", "text/html");
    expect(
      await asOwner().mutation(api.messages.files.claim, { organizationId: org, storageId: html, filename: "x.html" }),
    ).toEqual({ ok: false, error: "Files of type text/html cannot be sent" });
    expect(await t.run((ctx) => ctx.db.system.get(html))).toBeNull();
  });

  test("MMS via Twilio: MediaUrl is a signed URL the provider fetches the stored bytes from", async () => {
    await sim.sendInbound("twilio", { from: "+14155550121", text: "send me the map" });
    const threadId = await threadOf("+14155550121", "sms");
    const file = await upload(PNG, "image/png", "map.png");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "Here it is",
      attachments: [{ storageId: file.storageId }],
    });
    await waitForStatus(id, ["delivered"]);
    const stored = await message(id);
    expect(stored.attachments).toEqual([
      { storageId: file.storageId, contentType: "image/png", size: PNG.byteLength, filename: "map.png" },
    ]);
    const sent = sim.requests("twilio").filter((r) => r.method === "POST" && r.path.endsWith("/Messages.json"));
    expect(sent).toHaveLength(1);
    const body = sent[0]!.body as Record<string, string | string[]>;
    expect(body.Body).toBe("Here it is");
    const mediaUrl = [body.MediaUrl].flat()[0]!;
    const { res, bytes } = await fetchMedia(mediaUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toContain('filename="map.png"');
    expect(bytes).toEqual(PNG);
  });

  test("WhatsApp via Meta: a document by link with its filename; more than one file is refused", async () => {
    await sim.sendInbound("meta", { from: "14155550122", text: "invoice please" });
    const threadId = await threadOf("14155550122", "whatsapp");
    const pdf = await upload(new TextEncoder().encode("%PDF-1.4 invoice"), "application/pdf", "invoice.pdf");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "Your invoice",
      attachments: [{ storageId: pdf.storageId }],
    });
    await waitForStatus(id, ["delivered", "read"]);
    const sent = sim.requests("meta").filter((r) => r.method === "POST" && r.path.endsWith("/messages"));
    const payload = sent.at(-1)!.body as {
      type: string;
      document: { link: string; filename: string; caption: string };
    };
    expect(payload).toMatchObject({ type: "document", document: { filename: "invoice.pdf", caption: "Your invoice" } });
    const { res, bytes } = await fetchMedia(payload.document.link);
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(bytes)).toBe("%PDF-1.4 invoice");

    const image = await upload(PNG, "image/png", "a.png");
    const before = (await messagesIn(threadId)).length;
    await expect(
      asOwner().mutation(api.outbound.replies.send, {
        organizationId: org,
        threadId,
        text: "two",
        attachments: [{ storageId: pdf.storageId }, { storageId: image.storageId }],
      }),
    ).rejects.toThrow(/at most 1 attachment/);
    expect((await messagesIn(threadId)).length).toBe(before);
  });

  test("email via Resend: attachments by path (the signed URL) with filename and type", async () => {
    await sim.sendInbound("resend", { from: "Ivo <ivo@example.org>", subject: "Quote", text: "Quote?" });
    const threadId = await threadOf("ivo@example.org", "email");
    const csv = await upload(new TextEncoder().encode("item,price\nwidget,3\n"), "text/csv", "quote.csv");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "Attached.",
      attachments: [{ storageId: csv.storageId }],
    });
    await waitForStatus(id, ["delivered", "read"]);
    const sent = sim.requests("resend").filter((r) => r.method === "POST" && r.path === "/emails");
    const attachments = (
      sent.at(-1)!.body as {
        attachments: { path: string; filename: string; content_type?: string; contentType?: string }[];
      }
    ).attachments;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.filename).toBe("quote.csv");
    const { res, bytes } = await fetchMedia(attachments[0]!.path);
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(bytes)).toBe("item,price\nwidget,3\n");
  });

  test("native chat: the visitor sees the stored file, images inline", async () => {
    const { startSession, postChat, viewOf } = await import("./chatWidget");
    const session = await startSession(t, "site");
    expect((await postChat(t, "site", session.token, { clientMessageId: "att-1", text: "photo?" })).status).toBe(200);
    const threadId = await threadOf(session.visitorId, "chat");
    const file = await upload(PNG, "image/png", "photo.png");
    await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      text: "",
      attachments: [{ storageId: file.storageId, caption: "the photo" }],
    });
    const view = await t.query(api.chat.visitor.listMessages, viewOf(session));
    const reply = view.messages.find((m) => m.direction === "outbound")!;
    expect(reply.attachments).toHaveLength(1);
    expect(reply.attachments[0]).toMatchObject({ filename: "photo.png", contentType: "image/png", inline: true });
    expect(reply.attachments[0]!.mediaUrl).toBeTruthy();
    // And the agent's thread view previews it the same way.
    const agentView = await asOwner().query(api.threads.threads.listMessages, {
      organizationId: org,
      threadId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    const mine = agentView.page.find((m: { direction: string }) => m.direction === "outbound")!;
    expect(mine.attachments[0]).toMatchObject({ inline: true, caption: "the photo" });
  });

  test("limits and refusals happen before anything is queued", async () => {
    await sim.sendInbound("twilio", { from: "+14155550123", text: "hi" });
    const threadId = await threadOf("+14155550123", "sms");
    const big = await upload(6 * 1024 * 1024, "video/mp4", "big.mp4");
    const before = (await messagesIn(threadId)).length;
    await expect(
      asOwner().mutation(api.outbound.replies.send, {
        organizationId: org,
        threadId,
        text: "too big for MMS",
        attachments: [{ storageId: big.storageId }],
      }),
    ).rejects.toThrow(/Twilio accepts video\/mp4 up to 5 MB/);
    // Vonage declares no outbound media: the same reply on it is refused with a clear reason.
    await sim.sendInbound("vonage", { from: "14155550124", text: "hi vonage" });
    const vonageThread = await threadOf("14155550124", "sms");
    const small = await upload(PNG, "image/png", "s.png");
    await expect(
      asOwner().mutation(api.outbound.replies.send, {
        organizationId: org,
        threadId: vonageThread,
        text: "pic",
        attachments: [{ storageId: small.storageId }],
      }),
    ).rejects.toThrow(/Vonage cannot send attachments/);
    // A storage id this organization never claimed (another tenant's, or an unclaimed upload).
    const unclaimed = await storeUpload(t, PNG, "image/png");
    await expect(
      asOwner().mutation(api.outbound.replies.send, {
        organizationId: org,
        threadId,
        text: "foreign",
        attachments: [{ storageId: unclaimed }],
      }),
    ).rejects.toThrow(/No such attachment/);
    expect((await messagesIn(threadId)).length).toBe(before);
    expect(sim.requests("twilio").filter((r) => r.method === "POST" && r.path.endsWith("/Messages.json"))).toHaveLength(
      0,
    );
  });

  test("a file belongs to one organization; stale uploads cannot be claimed", async () => {
    const other = await t.mutation(internal.orgs.admin.createOrganization, {
      name: "Other",
      slug: "other-org",
      owner: { userId: "https://auth.test|other", email: "o@other.test" },
    });
    const otherOwner = t.withIdentity(await openSession(t, "https://auth.test|other"));
    const mine = await upload(PNG, "image/png", "mine.png");
    await expect(
      otherOwner.mutation(api.messages.files.claim, {
        organizationId: other,
        storageId: mine.storageId,
        filename: "x",
      }),
    ).rejects.toThrow(/No such upload/);
    // Inbound media stored for this organization is owned too (messages/attachments.ts recordMedia).
    const { UPLOAD_CLAIM_WINDOW_MS } = await import("../convex/messages/uploads");
    const old = await storeUpload(t, PNG, "image/png");
    const realNow = Date.now;
    Date.now = () => realNow() + UPLOAD_CLAIM_WINDOW_MS + 1000;
    try {
      await expect(
        asOwner().mutation(api.messages.files.claim, { organizationId: org, storageId: old, filename: "old.png" }),
      ).rejects.toThrow(/No such upload/);
    } finally {
      Date.now = realNow;
    }
  });

  test("signed media URLs: expired, tampered and unclaimed tokens get 404", async () => {
    const { mediaToken, MEDIA_URL_TTL_MS } = await import("../convex/messages/files");
    const file = await upload(PNG, "image/png", "t.png");
    const fresh = await mediaToken(org, file.storageId);
    expect((await t.fetch(`/media/${fresh}`)).status).toBe(200);
    const expired = await mediaToken(org, file.storageId, Date.now() - MEDIA_URL_TTL_MS - 5_000);
    expect((await t.fetch(`/media/${expired}`)).status).toBe(404);
    // Another storage id under the same signature: the signature no longer matches.
    const [h, p, s] = fresh.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    const other = await storeUpload(t, PNG, "image/png");
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, s: other })).toString("base64url")}.${s}`;
    expect((await t.fetch(`/media/${forged}`)).status).toBe(404);
    expect((await t.fetch(`/media/${fresh.slice(0, -2)}xx`)).status).toBe(404);
    // A valid signature for a file the organization does not own serves nothing.
    const unowned = await mediaToken(org, other);
    expect((await t.fetch(`/media/${unowned}`)).status).toBe(404);
    expect((await t.fetch("/media/")).status).toBe(404);
  });
});
