/**
 * The rule actions "assign to team" (the team's assignment policy picks the agent) and "call a
 * webhook" (one of the organization's endpoints: signed with Standard Webhooks, checked by the
 * official `standardwebhooks` verifier, retried through the webhook workpool and logged), and the
 * validation of rules on save.
 */
import type { FunctionArgs } from "convex/server";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { addMember, type Backend, newBackend, ORG_A, ORG_B, type SeededOrg, seedOrg } from "./harness";
import { metaEnvelope, metaRequest } from "./signers";

const TARGET = "https://hooks.partner.example.com/rules";

let t: Backend;
let a: SeededOrg;
let calls: { url: string; headers: Record<string, string>; body: string }[];
let answers: number[];

beforeEach(async () => {
  vi.setConfig({ testTimeout: 60_000 });
  vi.useFakeTimers();
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  calls = [];
  answers = [200];
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()), body: String(init?.body) });
    const status = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return new Response("", { status });
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const admin = () => t.withIdentity(a.identity);
const org = () => ({ organizationId: a.organizationId });
const settle = () => t.finishAllScheduledFunctions(vi.runAllTimers);

function whatsapp(waId: string, body: string, id: string) {
  return metaRequest(
    metaEnvelope(ORG_A.phoneNumberId, {
      contacts: [{ profile: { name: "Dana Reyes" }, wa_id: waId }],
      messages: [{ from: waId, id, timestamp: Math.floor(Date.now() / 1000).toString(), type: "text", text: { body } }],
    }),
  );
}

async function receive(waId: string, body: string, id: string) {
  const req = whatsapp(waId, body, id);
  const res = await t.fetch(req.path, req.init);
  expect(res.status).toBe(200);
  await settle();
}

const threads = () =>
  t.run((ctx) =>
    ctx.db
      .query("conversationThreads")
      .withIndex("by_org_last", (q) => q.eq("organizationId", a.organizationId))
      .collect(),
  );
const runs = () =>
  t.run((ctx) =>
    ctx.db
      .query("automationRuns")
      .withIndex("by_ran", (q) => q.eq("organizationId", a.organizationId))
      .collect(),
  );
const ruleCount = () =>
  t.run(
    async (ctx) =>
      (
        await ctx.db
          .query("automationRules")
          .withIndex("by_trigger", (q) => q.eq("organizationId", a.organizationId))
          .collect()
      ).length,
  );

async function billingTeam() {
  const sam = await addMember(t, a.organizationId, { slug: "sam", name: "Sam", email: "sam@a.test", role: "agent" });
  const kim = await addMember(t, a.organizationId, { slug: "kim", name: "Kim", email: "kim@a.test", role: "agent" });
  // Routing by channel sends SMS threads here, never WhatsApp: only the rule puts a WhatsApp thread in it.
  const teamId = await admin().mutation(api.threads.teams.create, {
    ...org(),
    name: "Billing",
    policy: "round_robin",
    channels: ["sms"],
  });
  for (const m of [sam, kim])
    await admin().mutation(api.threads.teams.addMember, { ...org(), teamId, memberId: m.memberId });
  return { teamId, sam, kim };
}

describe("assign to team", () => {
  test("a matching message moves the thread to the team and its round robin picks the agent, counted in their workload", async () => {
    const { teamId, sam, kim } = await billingTeam();
    await admin().mutation(api.automation.rules.create, {
      ...org(),
      name: "Refunds to Billing",
      trigger: "message.received",
      conditions: [{ kind: "textContains", value: "refund" }],
      actions: [{ kind: "assignTeam", teamId }],
    });
    await receive("14155550140", "Where is my refund?", "wamid.T1");
    await receive("14155550141", "hello there", "wamid.T2"); // no match: stays out of the team
    await receive("14155550142", "refund please", "wamid.T3");

    const byContact = new Map((await threads()).map((th) => [th.lastMessagePreview, th]));
    const first = byContact.get("Where is my refund?")!;
    const other = byContact.get("hello there")!;
    const third = byContact.get("refund please")!;
    expect([first.teamId, first.assigneeId]).toEqual([teamId, sam.memberId]);
    expect([third.teamId, third.assigneeId]).toEqual([teamId, kim.memberId]);
    expect([other.teamId, other.assigneeId]).toEqual([undefined, undefined]);
    const workloads = await t.run((ctx) =>
      ctx.db
        .query("workloads")
        .withIndex("by_member", (q) => q.eq("organizationId", a.organizationId))
        .collect(),
    );
    expect(Object.fromEntries(workloads.map((w) => [w.memberId, w.openThreads]))).toEqual({
      [sam.memberId]: 1,
      [kim.memberId]: 1,
    });
    const log = await runs();
    expect(log.map((r) => r.actions[0])).toEqual(
      expect.arrayContaining([
        { kind: "assignTeam", status: "done", detail: "Billing -> Sam" },
        { kind: "assignTeam", status: "done", detail: "Billing -> Kim" },
      ]),
    );
  });

  test("a manual team takes the thread unassigned; an assignee outside the team gives it up", async () => {
    const { teamId } = await billingTeam();
    await admin().mutation(api.threads.teams.update, {
      ...org(),
      teamId,
      name: "Billing",
      policy: "manual",
      channels: ["sms"],
    });
    const members = await admin().query(api.threads.assignment.listAssignees, org());
    const owner = members.find((m) => m.name !== "Sam" && m.name !== "Kim")!._id as Id<"members">;
    // Two rules on the same message: the first assigns the owner (thread.created), the second hands the thread to Billing.
    await admin().mutation(api.automation.rules.create, {
      ...org(),
      name: "Owner takes new threads",
      trigger: "thread.created",
      conditions: [],
      actions: [{ kind: "assign", memberId: owner }],
    });
    await receive("14155550143", "hi", "wamid.M1");
    expect((await threads())[0]!.assigneeId).toBe(owner);
    await admin().mutation(api.automation.rules.create, {
      ...org(),
      name: "Billing",
      trigger: "message.received",
      conditions: [{ kind: "textContains", value: "invoice" }],
      actions: [{ kind: "assignTeam", teamId }],
    });
    await receive("14155550143", "about my invoice", "wamid.M2");
    const [thread] = await threads();
    expect([thread!.teamId, thread!.assigneeId]).toEqual([teamId, undefined]);
    const ownerLoad = await t.run((ctx) =>
      ctx.db
        .query("workloads")
        .withIndex("by_member", (q) => q.eq("organizationId", a.organizationId).eq("memberId", owner))
        .unique(),
    );
    expect(ownerLoad?.openThreads).toBe(0);
  });
});

describe("call a webhook", () => {
  async function endpointWithRule(text = "refund") {
    const { endpointId, secret } = await admin().action(api.webhooks.endpoints.create, {
      ...org(),
      url: TARGET,
      // Subscribed to something else entirely: the rule's call is delivered regardless.
      events: ["contact.merged"],
    });
    const ruleId = await admin().mutation(api.automation.rules.create, {
      ...org(),
      name: "Tell the billing system",
      trigger: "message.received",
      conditions: [{ kind: "textContains", value: text }],
      actions: [{ kind: "webhook", endpointId }],
    });
    return { endpointId, secret, ruleId };
  }

  test("a matching message is POSTed once, signed (the official verifier accepts it), and logged as delivered", async () => {
    const { endpointId, secret, ruleId } = await endpointWithRule();
    await receive("14155550150", "I need a refund for order 42", "wamid.W1");
    await receive("14155550151", "thanks!", "wamid.W2");

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe(TARGET);
    vi.setSystemTime(Number(call!.headers["webhook-timestamp"]) * 1000);
    const event = new Webhook(secret).verify(call!.body, call!.headers) as {
      type: string;
      data: Record<string, unknown>;
    };
    const [thread] = (await threads()).filter((th) => th.lastMessagePreview.includes("refund"));
    expect(event).toMatchObject({
      type: "rule.triggered",
      data: {
        ruleId,
        ruleName: "Tell the billing system",
        trigger: "message.received",
        threadId: thread!._id,
        channel: "whatsapp",
        text: "I need a refund for order 42",
      },
    });
    const page = await admin().query(api.webhooks.deliveries.list, {
      ...org(),
      endpointId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page.map((d) => [d.eventType, d.status, d.attempts])).toEqual([["rule.triggered", "delivered", 1]]);
    const [run] = await runs();
    expect(run!.actions[0]).toMatchObject({ kind: "webhook", status: "done" });
  });

  test("a failing target is retried by the workpool until it answers 2xx", async () => {
    const { endpointId } = await endpointWithRule();
    answers = [500, 503, 200];
    await receive("14155550152", "refund", "wamid.W3");
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers["webhook-id"])).size).toBe(1);
    const page = await admin().query(api.webhooks.deliveries.list, {
      ...org(),
      endpointId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page[0]).toMatchObject({ status: "delivered", attempts: 3 });
    expect(page.page[0]!.attemptLog.map((x) => x.statusCode)).toEqual([500, 503, 200]);
  });

  test("an endpoint switched off after the rule was saved is a recorded skip, nothing is sent", async () => {
    const { endpointId } = await endpointWithRule();
    await admin().mutation(api.webhooks.endpoints.update, { ...org(), endpointId, enabled: false });
    await receive("14155550153", "refund", "wamid.W4");
    expect(calls).toHaveLength(0);
    const [run] = await runs();
    expect(run!.actions[0]).toMatchObject({ kind: "webhook", status: "skipped" });
    expect(run!.actions[0]!.detail).toMatch(/endpoint_disabled/);
  });
});

describe("rules are validated on save, with nothing stored when refused", () => {
  const base = () => ({
    ...org(),
    name: "x",
    trigger: "message.received" as const,
    conditions: [],
    actions: [{ kind: "setPriority" as const, priority: "high" as const }],
  });

  test("another organization's team or webhook endpoint cannot be named", async () => {
    const b = await seedOrg(t, "org-b", ORG_B);
    const asB = t.withIdentity(b.identity);
    const foreignTeam = await asB.mutation(api.threads.teams.create, {
      organizationId: b.organizationId,
      name: "B team",
      policy: "manual",
      channels: [],
    });
    const { endpointId: foreignEndpoint } = await asB.action(api.webhooks.endpoints.create, {
      organizationId: b.organizationId,
      url: TARGET,
      events: ["thread.created"],
    });
    await expect(
      admin().mutation(api.automation.rules.create, {
        ...base(),
        actions: [{ kind: "assignTeam", teamId: foreignTeam }],
      }),
    ).rejects.toThrow();
    await expect(
      admin().mutation(api.automation.rules.create, {
        ...base(),
        actions: [{ kind: "webhook", endpointId: foreignEndpoint }],
      }),
    ).rejects.toThrow();
    expect(await ruleCount()).toBe(0);
  });

  test("a disabled endpoint, a text condition on a non-message trigger and a repeated action are refused by name", async () => {
    const { endpointId } = await admin().action(api.webhooks.endpoints.create, {
      ...org(),
      url: TARGET,
      events: ["thread.created"],
    });
    await admin().mutation(api.webhooks.endpoints.update, { ...org(), endpointId, enabled: false });
    await expect(
      admin().mutation(api.automation.rules.create, { ...base(), actions: [{ kind: "webhook", endpointId }] }),
    ).rejects.toThrow(/endpoint is disabled/);
    await expect(
      admin().mutation(api.automation.rules.create, {
        ...base(),
        trigger: "thread.created",
        conditions: [{ kind: "textContains", value: "refund" }],
      }),
    ).rejects.toThrow(/text contains: only a .+message received.+ rule has a message to read/);
    await expect(
      admin().mutation(api.automation.rules.create, {
        ...base(),
        actions: [
          { kind: "setPriority", priority: "high" },
          { kind: "setPriority", priority: "low" },
        ],
      }),
    ).rejects.toThrow(/setPriority: the same action twice/);
    expect(await ruleCount()).toBe(0);
  });

  test("an edit is validated like a create: refused edits change nothing, a valid one replaces the rule", async () => {
    const b = await seedOrg(t, "org-b", ORG_B);
    const foreignTeam = await t.withIdentity(b.identity).mutation(api.threads.teams.create, {
      organizationId: b.organizationId,
      name: "B team",
      policy: "manual",
      channels: [],
    });
    const ruleId = await admin().mutation(api.automation.rules.create, { ...base(), enabled: false });
    const stored = () => t.run((ctx) => ctx.db.get(ruleId));
    const before = await stored();
    const edit = (over: Partial<FunctionArgs<typeof api.automation.rules.update>>) =>
      admin().mutation(api.automation.rules.update, { ...base(), ruleId, enabled: false, ...over });

    await expect(edit({ actions: [{ kind: "assignTeam", teamId: foreignTeam }] })).rejects.toThrow();
    await expect(
      edit({
        actions: [
          { kind: "setPriority", priority: "high" },
          { kind: "setPriority", priority: "low" },
        ],
      }),
    ).rejects.toThrow(/setPriority: the same action twice/);
    expect(await stored()).toEqual(before);

    await edit({
      name: "Refunds are urgent",
      conditions: [{ kind: "textContains", value: "refund" }],
      actions: [{ kind: "setPriority", priority: "urgent" }],
    });
    expect(await stored()).toMatchObject({
      name: "Refunds are urgent",
      enabled: false,
      conditions: [{ kind: "textContains", value: "refund" }],
      actions: [{ kind: "setPriority", priority: "urgent" }],
    });
    expect(await ruleCount()).toBe(1);
  });
});
