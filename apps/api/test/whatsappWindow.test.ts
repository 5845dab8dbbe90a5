/**
 * The WhatsApp 24-hour customer-service window as thread state, and templates listed from the
 * provider (issue 15.8), against the provider simulator, which serves Meta's message templates API
 * (GET /{version}/{waba_id}/message_templates, developers.facebook.com/docs/graph-api/reference/
 * whats-app-business-account/message_templates) and enforces the window on sends (error 131047,
 * developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 */
import { DEFAULT_ACCOUNTS, type ProviderSim, startProviderSim } from "@switchboard/provider-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { type Backend, newBackend, openSession, type TestIdentity } from "./harness";
import { eventually, startBridge } from "./simBridge";

const A = DEFAULT_ACCOUNTS;
const HOUR = 3600_000;
let t: Backend;
let sim: ProviderSim;
let bridge: Awaited<ReturnType<typeof startBridge>>;
let org: Id<"organizations">;
let owner: TestIdentity;
let meta: Id<"channelConfigs">;

beforeAll(async () => {
  bridge = await startBridge(() => t);
  process.env.PUBLIC_WEBHOOK_BASE_URL = bridge.url;
  // Meta retries a webhook that did not get a 2xx (developers.facebook.com/docs/graph-api/webhooks/getting-started,
  // "Event Notifications"), so the simulator does too.
  sim = await startProviderSim({
    webhookBaseUrl: bridge.url,
    statusDelayMs: 10,
    webhookRetries: { meta: { delaysMs: [200, 500, 1_000, 2_000, 4_000] } },
  });
  // The simulator is on loopback: provider URLs may point there only when allowlisted (SSRF policy).
  process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = sim.url;
});

afterAll(async () => {
  delete process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST;
  await sim.stop();
  await bridge.close();
  delete process.env.PUBLIC_WEBHOOK_BASE_URL;
});

beforeEach(async () => {
  t = newBackend();
  sim.reset();
  const userId = "https://auth.test|wa-owner";
  org = await t.mutation(internal.orgs.admin.createOrganization, {
    name: "WA Org",
    slug: "wa-org",
    owner: { userId, email: "owner@wa.test" },
  });
  owner = await openSession(t, userId);
  meta = await t.action(internal.channels.configs.createConfig, {
    organizationId: org,
    provider: "meta",
    endpoints: [A.meta.phoneNumberId],
    settings: { apiBaseUrl: sim.url, wabaId: A.meta.wabaId! },
    credentials: { accessToken: A.meta.accessToken, appSecret: A.meta.appSecret, verifyToken: A.meta.verifyToken },
  });
});

const asOwner = () => t.withIdentity(owner);

async function threadFrom(waId: string) {
  const message = await eventually(
    () =>
      t.run(async (ctx) =>
        (
          await ctx.db
            .query("unifiedMessages")
            .withIndex("by_contact", (q) => q.eq("organizationId", org))
            .collect()
        ).find((m) => m.channel === "whatsapp" && m.direction === "inbound" && m.from.endsWith(waId.slice(-10))),
      ),
    `inbound WhatsApp from ${waId}`,
  );
  return message.threadId;
}

const getThread = (threadId: Id<"conversationThreads">) =>
  asOwner().query(api.threads.threads.get, { organizationId: org, threadId });

const templateRequests = () => sim.requests("meta").filter((r) => r.path.endsWith("/message_templates"));

describe("the window as thread state", () => {
  test("an inbound WhatsApp message opens it; the thread says until when", async () => {
    const sent = Date.now() - 2 * HOUR;
    await sim.sendInbound("meta", { from: "14155550150", text: "hi", timestamp: sent });
    const thread = await getThread(await threadFrom("14155550150"));
    // Meta timestamps are whole seconds.
    expect(thread.whatsappWindow).toEqual({ lastInboundAt: Math.floor(sent / 1000) * 1000, channelConfigId: meta });
  });

  test("a late retry of an older message does not shorten the window", async () => {
    const recent = Date.now() - HOUR;
    await sim.sendInbound("meta", { from: "14155550151", text: "recent", timestamp: recent });
    const threadId = await threadFrom("14155550151");
    await sim.sendInbound("meta", {
      from: "14155550151",
      text: "older, retried late",
      timestamp: Date.now() - 5 * HOUR,
    });
    await eventually(async () => (await getThread(threadId)).messageCount === 2, "second message stored");
    expect((await getThread(threadId)).whatsappWindow?.lastInboundAt).toBe(Math.floor(recent / 1000) * 1000);
  });
});

describe("templates from the provider", () => {
  test("lists the WABA's approved, sendable templates and caches them", async () => {
    const first = await asOwner().action(api.channels.whatsappTemplates.list, {
      organizationId: org,
      channelConfigId: meta,
    });
    const names = first.templates.map((tpl) => `${tpl.name}/${tpl.language}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "hello_world/en_US",
        "request_update/en_US",
        "request_update/es",
        "appointment_reminder/en_US",
      ]),
    );
    // PAUSED, PENDING, REJECTED and AUTHENTICATION templates are not offered.
    for (const hidden of ["winter_sale", "feedback_survey", "free_gift", "verification_code"]) {
      expect(names.some((n) => n.startsWith(`${hidden}/`))).toBe(false);
    }
    expect(first.templates.find((x) => x.name === "request_update")!.bodyVariables).toEqual(["1", "2", "3"]);
    expect(templateRequests()).toHaveLength(1);
    expect(templateRequests()[0]!.headers.authorization).toBe(`Bearer ${A.meta.accessToken}`);

    const again = await asOwner().action(api.channels.whatsappTemplates.list, {
      organizationId: org,
      channelConfigId: meta,
    });
    expect(again.fetchedAt).toBe(first.fetchedAt);
    expect(templateRequests()).toHaveLength(1);
    await asOwner().action(api.channels.whatsappTemplates.list, {
      organizationId: org,
      channelConfigId: meta,
      refresh: true,
    });
    expect(templateRequests()).toHaveLength(2);
  });

  test("without a channel id: the organization's WhatsApp channel, or an empty list when it has none", async () => {
    const listed = await asOwner().action(api.channels.whatsappTemplates.list, { organizationId: org });
    expect(listed.templates.length).toBeGreaterThan(3);
    await t.run((ctx) => ctx.db.patch(meta, { enabled: false }));
    const none = await asOwner().action(api.channels.whatsappTemplates.list, { organizationId: org });
    expect(none).toMatchObject({ templates: [], error: "No WhatsApp channel is configured" });
  });

  test("another organization cannot list this channel's templates", async () => {
    const otherUser = "https://auth.test|intruder";
    const other = await t.mutation(internal.orgs.admin.createOrganization, {
      name: "Other",
      slug: "other",
      owner: { userId: otherUser, email: "x@other.test" },
    });
    const intruder = await openSession(t, otherUser);
    await expect(
      t
        .withIdentity(intruder)
        .action(api.channels.whatsappTemplates.list, { organizationId: other, channelConfigId: meta }),
    ).rejects.toThrow(/not found/i);
    expect(templateRequests()).toHaveLength(0);
  });

  test("with the window closed, a filled template goes through the outbound queue and is delivered", {
    timeout: 60_000,
  }, async () => {
    await sim.sendInbound("meta", { from: "14155550152", text: "are you there?", timestamp: Date.now() - 25 * HOUR });
    const threadId = await threadFrom("14155550152");
    const thread = await getThread(threadId);
    expect(thread.whatsappWindow!.lastInboundAt + 24 * HOUR).toBeLessThan(Date.now());
    await expect(
      asOwner().mutation(api.outbound.replies.send, {
        organizationId: org,
        threadId,
        channel: "whatsapp",
        text: "free text",
      }),
    ).rejects.toThrow(/24-hour/);

    const { templates } = await asOwner().action(api.channels.whatsappTemplates.list, {
      organizationId: org,
      channelConfigId: meta,
    });
    const tpl = templates.find((x) => x.name === "request_update" && x.language === "en_US")!;
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      channel: "whatsapp",
      text: "Hi Maya, there is an update on your request #1042: shipped.",
      template: {
        name: tpl.name,
        language: tpl.language,
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Maya" },
              { type: "text", text: "#1042" },
              { type: "text", text: "shipped" },
            ],
          },
        ],
      },
    });
    // The simulator reports "delivered" then "read" 10 ms apart: polling for the status "delivered"
    // alone missed it whenever "read" had already landed (it timed out on loaded CI runs).
    const delivered = await eventually(
      () =>
        t.run(async (ctx) => {
          const m = await ctx.db.get(id);
          return m?.statusHistory?.some((h) => h.status === "delivered") ? m : null;
        }),
      "template delivered",
    );
    expect(delivered!.template?.name).toBe("request_update");
    const simMessage = sim.messages("meta").find((m) => m.id === delivered!.externalMessageId);
    expect(simMessage?.text).toContain("update on your request #1042: shipped");
  });

  test("a template with too few parameters is refused by Meta and the message fails, nothing delivered", async () => {
    await sim.sendInbound("meta", { from: "14155550153", text: "old", timestamp: Date.now() - 25 * HOUR });
    const threadId = await threadFrom("14155550153");
    const id = await asOwner().mutation(api.outbound.replies.send, {
      organizationId: org,
      threadId,
      channel: "whatsapp",
      text: "",
      template: { name: "request_update", language: "en_US" },
    });
    const failed = await eventually(
      () => t.run(async (ctx) => ((await ctx.db.get(id))?.status === "failed" ? ctx.db.get(id) : null)),
      "template refused",
    );
    expect(failed!.error?.message ?? "").toMatch(/parameter/i);
  });
});
