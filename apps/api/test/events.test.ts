/**
 * Domain events (events/domain.ts): one `emitDomainEvent` call per change fans out to the event
 * webhooks (deliveries stored for subscribed endpoints) and to the automation triggers (one
 * scheduled evaluation when an enabled rule listens), and to neither when nobody is subscribed.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { resolveContact } from "../convex/contacts/resolve";
import { automationOf, type DomainEvent, emitDomainEvent, webhookOf } from "../convex/events/domain";
import { findOrCreateThread } from "../convex/threads/model";
import { MAX_EVENT_TEXT } from "../convex/webhooks/events";
import { type Backend, newBackend, ORG_A, type SeededOrg, seedOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
let threadId: Id<"conversationThreads">;
let contactId: Id<"contacts">;

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  ({ threadId, contactId } = await t.run(async (ctx) => {
    const now = Date.now();
    const { contact } = await resolveContact(ctx, {
      organizationId: a.organizationId,
      channel: "sms",
      rawIdentifier: "+15551230001",
      defaultRegion: "US",
      source: "manual",
      now,
    });
    const { thread } = await findOrCreateThread(ctx, {
      organizationId: a.organizationId,
      contactId: contact._id,
      channel: "sms",
      direction: "outbound",
      preview: "hello",
      at: now,
    });
    return { threadId: thread._id, contactId: contact._id };
  }));
  // Scheduled work stays pending (what was scheduled is the assertion) and nothing leaves the machine.
  vi.useFakeTimers();
  vi.stubGlobal("fetch", async () => new Response("ok", { status: 200 }));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const statusChange = (
  from: Extract<DomainEvent, { type: "thread.statusChanged" }>["from"],
  to: typeof from,
): DomainEvent => ({
  type: "thread.statusChanged",
  threadId,
  contactId,
  assigneeId: null,
  from,
  to,
  at: 1_700_000_000_000,
});

const emit = (event: DomainEvent) => t.run((ctx) => emitDomainEvent(ctx, a.organizationId, event));

/** Stored deliveries (type + data) and pending automation evaluations (trigger) of the organization. */
const effects = () =>
  t.run(async (ctx) => {
    const deliveries = await ctx.db
      .query("webhookDeliveries")
      .withIndex("by_endpoint_created", (q) => q.eq("organizationId", a.organizationId))
      .collect();
    const jobs = await ctx.db.system.query("_scheduled_functions").collect();
    return {
      webhooks: deliveries.map((d) => ({ type: d.eventType, data: JSON.parse(d.payload).data })),
      triggers: jobs
        .filter((j) => j.name.includes("automation/triggers") && j.name.endsWith("evaluate"))
        .map((j) => (j.args[0] as { trigger: string; threadId?: string }).trigger),
    };
  });

async function subscribeEverything() {
  await t.withIdentity(a.identity).action(api.webhooks.endpoints.create, {
    organizationId: a.organizationId,
    url: "https://hooks.partner.example.com/switchboard",
    events: ["thread.created", "thread.resolved", "sla.breached", "message.received", "contact.created"],
  });
  for (const trigger of ["thread.statusChanged", "sla.breached", "contact.updated"] as const) {
    await t.withIdentity(a.identity).mutation(api.automation.rules.create, {
      organizationId: a.organizationId,
      name: `on ${trigger}`,
      trigger,
      conditions: [],
      actions: [{ kind: "setPriority", priority: "high" }],
    });
  }
}

describe("emitDomainEvent", () => {
  test("with no endpoint and no rule, a change stores no delivery and schedules no evaluation", async () => {
    await emit(statusChange("open", "closed"));
    await emit({ type: "contact.updated", contactId });
    expect(await effects()).toEqual({ webhooks: [], triggers: [] });
  });

  test("one close is the thread.resolved webhook and the thread.statusChanged trigger", async () => {
    await subscribeEverything();
    await emit(statusChange("open", "closed"));
    expect(await effects()).toEqual({
      webhooks: [
        {
          type: "thread.resolved",
          data: { threadId, contactId, assigneeId: null, resolvedAt: 1_700_000_000_000 },
        },
      ],
      triggers: ["thread.statusChanged"],
    });
  });

  test("each consumer gets only what it subscribes to", async () => {
    await subscribeEverything();
    // Not a close: the trigger only. No change: nothing at all.
    await emit(statusChange("open", "pending"));
    await emit(statusChange("closed", "closed"));
    // Both paths; thread.created has no enabled rule here, so only its webhook.
    await emit({
      type: "sla.breached",
      threadId,
      target: "response",
      dueAt: 1,
      breachedAt: 2,
      assigneeId: null,
    });
    await emit({ type: "thread.created", threadId, contactId, channel: "sms" });
    // Automation only; webhook only but not subscribed (contact.merged).
    await emit({ type: "contact.updated", contactId });
    await emit({
      type: "contact.merged",
      mergeId: "m" as Id<"contactMerges">,
      survivorId: contactId,
      mergedId: contactId,
    });
    const { webhooks, triggers } = await effects();
    expect(webhooks.map((w) => w.type)).toEqual(["sla.breached", "thread.created"]);
    expect(triggers).toEqual(["thread.statusChanged", "sla.breached", "contact.updated"]);
  });
});

describe("the fan-out table", () => {
  test("a thread's status change: resolved only on a close from another status, trigger on any change", () => {
    expect(webhookOf(statusChange("open", "closed"))?.type).toBe("thread.resolved");
    expect(webhookOf(statusChange("snoozed", "closed"))?.type).toBe("thread.resolved");
    expect(webhookOf(statusChange("closed", "open"))).toBeNull();
    expect(webhookOf(statusChange("closed", "closed"))).toBeNull();
    expect(automationOf(statusChange("closed", "open"))).toEqual({ trigger: "thread.statusChanged", threadId });
    expect(automationOf(statusChange("pending", "pending"))).toBeNull();
  });

  test("message.received truncates its texts in the webhook and raises no trigger (rules get the coalesced hook)", () => {
    const long = "x".repeat(MAX_EVENT_TEXT + 10);
    const event: DomainEvent = {
      type: "message.received",
      messageId: "msg" as Id<"unifiedMessages">,
      threadId,
      contactId,
      channel: "sms",
      from: "+15551230001",
      to: "+15005550006",
      subject: long,
      text: long,
      sentAt: 5,
    };
    const webhook = webhookOf(event);
    expect(webhook?.data.text).toHaveLength(MAX_EVENT_TEXT);
    expect(webhook?.data.subject).toHaveLength(MAX_EVENT_TEXT);
    expect(webhookOf({ ...event, subject: undefined })?.data.subject).toBeUndefined();
    expect(automationOf(event)).toBeNull();
  });

  test("contact.updated is a trigger only; contact.created and message.status are webhooks only", () => {
    expect(webhookOf({ type: "contact.updated", contactId })).toBeNull();
    expect(automationOf({ type: "contact.updated", contactId })).toEqual({ trigger: "contact.updated", contactId });
    const created: DomainEvent = {
      type: "contact.created",
      contactId,
      displayName: "Ada",
      channel: "sms",
      identifier: "+1",
    };
    expect(webhookOf(created)).toEqual({
      type: "contact.created",
      data: { contactId, displayName: "Ada", channel: "sms", identifier: "+1" },
    });
    expect(automationOf(created)).toBeNull();
    const status: DomainEvent = {
      type: "message.status",
      messageId: "msg" as Id<"unifiedMessages">,
      threadId,
      channel: "sms",
      status: "delivered",
      at: 9,
    };
    expect(webhookOf(status)?.type).toBe("message.status");
    expect(automationOf(status)).toBeNull();
  });
});
