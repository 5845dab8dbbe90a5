/**
 * Automation rules = the agent pipeline after coalescing (issue 12 item 3): a WhatsApp message
 * arrives through the signed webhook, the burst is coalesced, and the rules hook labels, replies,
 * assigns... exactly once per (rule, event), never triggering itself. The WhatsApp reply respects
 * Meta's 24-hour customer service window
 * (developers.facebook.com/docs/whatsapp/cloud-api/guides/send-messages#customer-service-windows).
 */
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { type CrmEnv, ORG_A, post, useCrmBackend } from "./crmHelpers";
import { metaEnvelope, metaRequest, metaText } from "./signers";

let env: CrmEnv;
useCrmBackend((e) => {
  env = e;
});

const org = () => env.a.organizationId;

/**
 * Runs the pipeline up to and including the hooks: ingest, the coalescing window, the rules. Not
 * `drain`: a queued WhatsApp reply would then be dispatched to Meta, which this offline test
 * does not reach (the outbound path has its own tests against the provider simulator).
 */
async function settle() {
  for (let i = 0; i < 3; i++) {
    vi.advanceTimersByTime(31_000);
    await env.t.finishInProgressScheduledFunctions();
  }
}

async function refundSetup() {
  const labelId = await env.asA.mutation(api.threads.labels.create, {
    organizationId: org(),
    name: "billing",
    color: "#3366ff",
  });
  const savedReplyId = await env.asA.mutation(api.threads.savedReplies.create, {
    organizationId: org(),
    scope: "organization",
    title: "Refunds",
    shortcut: "refund",
    body: "Hi {{contact.firstName}}, we are looking into your refund.",
  });
  const ruleId = await env.asA.mutation(api.automation.rules.create, {
    organizationId: org(),
    name: "Refunds on WhatsApp",
    trigger: "message.received",
    conditions: [
      { kind: "channel", channels: ["whatsapp"] },
      { kind: "textContains", value: "refund" },
    ],
    actions: [
      { kind: "addLabel", labelId },
      { kind: "reply", savedReplyId },
      { kind: "setPriority", priority: "high" },
    ],
  });
  return { labelId, savedReplyId, ruleId };
}

function whatsapp(waId: string, body: string, id: string, sentAt = Date.now()) {
  return metaRequest(
    metaEnvelope(ORG_A.phoneNumberId, {
      contacts: [{ profile: { name: "Dana Reyes" }, wa_id: waId }],
      messages: [{ from: waId, id, timestamp: Math.floor(sentAt / 1000).toString(), type: "text", text: { body } }],
    }),
  );
}

async function state() {
  return env.t.run(async (ctx) => {
    const o = org();
    const messages = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_contact", (q) => q.eq("organizationId", o))
      .collect();
    const threads = await ctx.db
      .query("conversationThreads")
      .withIndex("by_org_last", (q) => q.eq("organizationId", o))
      .collect();
    const threadLabels = await ctx.db
      .query("threadLabels")
      .withIndex("by_label", (q) => q.eq("organizationId", o))
      .collect();
    const runs = await ctx.db
      .query("automationRuns")
      .withIndex("by_ran", (q) => q.eq("organizationId", o))
      .collect();
    const hookRuns = await ctx.db
      .query("hookRuns")
      .withIndex("by_thread", (q) => q.eq("organizationId", o))
      .collect();
    return { messages, threads, threadLabels, runs, hookRuns };
  });
}

describe("WhatsApp 'refund' -> label billing + saved reply", () => {
  test("window open: the label, the rendered reply and the priority land once, and the run is logged", async () => {
    const { labelId, ruleId } = await refundSetup();
    await post(env.t, whatsapp("14155550123", "Hello, I want a REFUND for my order", "wamid.R1"));
    await settle();
    const s = await state();
    expect(s.threads).toHaveLength(1);
    const thread = s.threads[0]!;
    expect(thread.priority).toBe("high");
    expect(s.threadLabels.map((l) => [l.threadId, l.labelId, l.origin])).toEqual([[thread._id, labelId, "automation"]]);
    const outbound = s.messages.filter((m) => m.direction === "outbound");
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({
      channel: "whatsapp",
      origin: "automation",
      text: "Hi Dana, we are looking into your refund.",
      senderName: "Automation: Refunds on WhatsApp",
    });
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]).toMatchObject({
      ruleId,
      trigger: "message.received",
      threadId: thread._id,
      errors: [],
      actions: [
        { kind: "addLabel", status: "done", detail: "billing" },
        { kind: "reply", status: "done", detail: "/refund" },
        { kind: "setPriority", status: "done", detail: "high" },
      ],
    });
    expect(s.runs[0]!.inputs).toContain("channel=whatsapp");
    // Admins read the log.
    const log = await env.asA.query(api.automation.runs.list, { organizationId: org(), ruleId });
    expect(log.map((r) => r._id)).toEqual([s.runs[0]!._id]);
  });

  test("window closed: the reply is skipped with its reason, the other actions still run", async () => {
    await refundSetup();
    // A message Meta delivers late: sent 25 hours ago, so the 24-hour window is already closed.
    await post(env.t, whatsapp("14155550124", "refund please", "wamid.LATE", Date.now() - 25 * 3600_000));
    await settle();
    const s = await state();
    expect(s.messages.filter((m) => m.direction === "outbound")).toHaveLength(0);
    expect(s.threadLabels).toHaveLength(1);
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]!.actions).toEqual([
      { kind: "addLabel", status: "done", detail: "billing" },
      {
        kind: "reply",
        status: "skipped",
        detail: "whatsapp_window_closed: the 24-hour window is closed; only a template may be sent",
      },
      { kind: "setPriority", status: "done", detail: "high" },
    ]);
  });

  test("a message that does not match runs nothing and logs nothing", async () => {
    await refundSetup();
    await post(env.t, whatsapp("14155550125", "thanks, all good", "wamid.OK"));
    await settle();
    const s = await state();
    expect(s.hookRuns).toHaveLength(1);
    expect(s.runs).toHaveLength(0);
    expect(s.threadLabels).toHaveLength(0);
    expect(s.messages.filter((m) => m.direction === "outbound")).toHaveLength(0);
  });
});

describe("exactly once, no loops", () => {
  test("a rule whose own reply would trigger it runs once", async () => {
    // The saved reply contains "refund" too: were the reply an event, the rule would fire forever.
    await refundSetup();
    await post(env.t, whatsapp("14155550126", "refund", "wamid.LOOP"));
    await settle();
    await settle();
    const s = await state();
    expect(s.runs).toHaveLength(1);
    expect(s.messages.filter((m) => m.direction === "outbound")).toHaveLength(1);
    expect(s.hookRuns).toHaveLength(1);
  });

  test("a status rule whose action changes the status runs once", async () => {
    const ruleId = await env.asA.mutation(api.automation.rules.create, {
      organizationId: org(),
      name: "Snooze pending threads",
      trigger: "thread.statusChanged",
      conditions: [],
      actions: [{ kind: "snooze", minutes: 60 }],
    });
    await post(
      env.t,
      metaRequest(metaText(ORG_A.phoneNumberId, "14155550127", "Sam", [{ id: "wamid.S", body: "hi" }])),
    );
    await settle();
    const threadId = (await state()).threads[0]!._id;
    await env.asA.mutation(api.threads.threads.setStatus, { organizationId: org(), threadId, status: "pending" });
    await settle();
    const s = await state();
    expect(s.runs.map((r) => [r.ruleId, r.trigger, r.actions[0]!.status])).toEqual([
      [ruleId, "thread.statusChanged", "done"],
    ]);
    expect(s.threads[0]!.status).toBe("snoozed");
  });

  test("the same event delivered twice runs each rule once", async () => {
    await refundSetup();
    await post(env.t, whatsapp("14155550128", "refund", "wamid.TWICE"));
    await settle();
    const s = await state();
    const hook = s.hookRuns[0]!;
    const again = await env.t.mutation(internal.automation.triggers.onBurst, {
      organizationId: org(),
      threadId: hook.threadId,
      hookRunId: hook._id,
      messageIds: hook.messageIds,
    });
    expect(again).toBe(0);
    const after = await state();
    expect(after.runs).toHaveLength(1);
    expect(after.threadLabels).toHaveLength(1);
    expect(after.messages.filter((m) => m.direction === "outbound")).toHaveLength(1);
  });

  test("a thread.created rule assigns the new thread", async () => {
    const members = await env.asA.query(api.threads.assignment.listAssignees, { organizationId: org() });
    const me = members[0]!._id as Id<"members">;
    await env.asA.mutation(api.automation.rules.create, {
      organizationId: org(),
      name: "Assign new threads",
      trigger: "thread.created",
      conditions: [{ kind: "channel", channels: ["whatsapp"] }],
      actions: [{ kind: "assign", memberId: me }],
    });
    await post(env.t, whatsapp("14155550129", "hello", "wamid.NEW"));
    await settle();
    const s = await state();
    expect(s.threads[0]!.assigneeId).toBe(me);
    expect(s.runs.map((r) => r.trigger)).toEqual(["thread.created"]);
  });
});

describe("other triggers", () => {
  test("contact.updated runs on a new identity; the AI step without configuration is a recorded skip", async () => {
    await env.asA.mutation(api.automation.rules.create, {
      organizationId: org(),
      name: "Summarize updated contacts",
      trigger: "contact.updated",
      conditions: [{ kind: "contactField", field: "primaryEmail", op: "contains", value: "@acme.com" }],
      actions: [{ kind: "aiStep" }],
    });
    await post(env.t, whatsapp("14155550130", "hello", "wamid.CU"));
    await settle();
    const contactId = (await state()).threads[0]!.contactId;
    await env.asA.mutation(api.contacts.identities.add, {
      organizationId: org(),
      contactId,
      channel: "email",
      identifier: "dana@acme.com",
    });
    await settle();
    const s = await state();
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]).toMatchObject({
      trigger: "contact.updated",
      contactId,
      threadId: s.threads[0]!._id,
      actions: [{ kind: "aiStep", status: "skipped", detail: "ai_not_configured" }],
    });
  });
});

describe("admins write rules; the input is hostile", () => {
  const rule = (conditions: unknown[]) => ({
    organizationId: org(),
    name: "x",
    trigger: "message.received" as const,
    conditions: conditions as never,
    actions: [{ kind: "setPriority" as const, priority: "high" as const }],
  });
  const count = () =>
    env.t.run(
      async (ctx) =>
        (
          await ctx.db
            .query("automationRules")
            .withIndex("by_trigger", (q) => q.eq("organizationId", org()))
            .collect()
        ).length,
    );

  test("a catastrophic or non-regular pattern is refused and nothing is stored", async () => {
    for (const pattern of ["(a+)+$", "(\\w|\\d)*x", "(a)\\1", "a(?=b)", "a*b*c*"])
      await expect(
        env.asA.mutation(api.automation.rules.create, rule([{ kind: "textMatches", pattern }])),
      ).rejects.toThrow(/pattern/);
    expect(await count()).toBe(0);
    await env.asA.mutation(api.automation.rules.create, rule([{ kind: "textMatches", pattern: "order \\d{3,8}" }]));
    expect(await count()).toBe(1);
  });

  test("a personal saved reply cannot be sent by a rule", async () => {
    const savedReplyId = await env.asA.mutation(api.threads.savedReplies.create, {
      organizationId: org(),
      scope: "personal",
      title: "Mine",
      shortcut: "mine",
      body: "hello",
    });
    await expect(
      env.asA.mutation(api.automation.rules.create, {
        ...rule([]),
        actions: [{ kind: "reply", savedReplyId }],
      }),
    ).rejects.toThrow(/organization-wide/);
    expect(await count()).toBe(0);
  });
});
