/**
 * The `pnpm dev` demo history (convex/seed/history.ts): played into an organization with every
 * channel, then checked through the public queries the dashboard uses, as the demo owner and the
 * second demo agent; a second run must change nothing.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id, TableNames } from "../convex/_generated/dataModel";
import { DEMO_CONVERSATIONS, DEMO_MEMBERS, DEMO_PEOPLE } from "../convex/seed/demoData";
import { workdayAnchor } from "../convex/seed/history";
import { addMember, type Backend, newBackend, ORG_A, type SeededOrg, seedOrg, type TestIdentity } from "./harness";

// Before 18:00 UTC, so whole days count back from the previous day's anchor (workdayAnchor).
const NOW = Date.parse("2026-11-23T09:30:00Z");
const DAY = 86_400_000;

vi.setConfig({ testTimeout: 180_000 });

let t: Backend;
let org: SeededOrg;
let owner: TestIdentity;
let agent: TestIdentity;
let organizationId: Id<"organizations">;

/**
 * Runs the scheduled functions that are due (hooks, SLA breaches, CSAT requests) without moving
 * the clock: future ones (snooze wake-ups, SLA timers not yet due) stay pending, as on a live backend.
 */
const runDue = () => t.finishAllScheduledFunctions(() => vi.advanceTimersByTime(0));

/** The whole history in one run (as `pnpm dev` does). */
async function seedDemo() {
  const result = await t.action(internal.seed.history.run, { organizationId, now: NOW });
  await runDue();
  return result;
}

/**
 * Conversation by conversation, the scheduled hooks finishing after each: the timing of a live
 * backend, where a conversation's insights (e.g. the phone in Maya's signature) are extracted
 * before the next conversation is played. Under fake timers they would otherwise all wait to the end.
 */
async function seedDemoStepwise() {
  const keys = await t.query(internal.seed.history.pending, { organizationId });
  let seeded = 0;
  for (const key of keys) {
    seeded += (await t.action(internal.seed.history.run, { organizationId, now: NOW, only: [key] })).seeded;
    await runDue();
  }
  return { seeded };
}

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  t = newBackend();
  org = await seedOrg(t, "demo-test", ORG_A);
  organizationId = org.organizationId;
  owner = (await addMember(t, organizationId, { slug: "demo-owner", role: "admin", ...DEMO_MEMBERS.owner })).identity;
  agent = (await addMember(t, organizationId, { slug: "demo-agent", role: "agent", ...DEMO_MEMBERS.agent })).identity;
});
afterEach(() => {
  vi.useRealTimers();
});

const page = (numItems = 100) => ({ numItems, cursor: null });

async function contactOf(as: TestIdentity, channel: "email" | "sms" | "whatsapp", identifier: string) {
  const contact = await t.withIdentity(as).query(api.contacts.contacts.findByIdentifier, {
    organizationId,
    channel,
    identifier,
  });
  expect(contact, identifier).not.toBeNull();
  return contact!;
}

async function timeline(contactId: Id<"contacts">) {
  const result = await t.withIdentity(owner).query(api.crm.timeline.list, {
    organizationId,
    contactId,
    paginationOpts: page(200),
  });
  return result.page;
}

/** Rows of the organization in every table the seed writes (for the second-run comparison). */
const TABLES = [
  ["contacts", "by_org_last_message"],
  ["contactIdentities", "by_contact"],
  ["unifiedMessages", "by_contact"],
  ["conversationThreads", "by_org_last"],
  ["threadNotes", "by_thread_created"],
  ["threadLabels", "by_thread"],
  ["labels", "by_name"],
  ["teams", "by_name"],
  ["savedReplies", "by_owner_shortcut"],
  ["automationRules", "by_trigger"],
  ["notifications", "by_member_created"],
  ["csatRequests", "by_thread"],
  ["reportBuckets", "by_org_dimension_day"],
  ["commitments", "by_contact_status"],
  ["deals", "by_contact"],
  ["contactEvents", "by_contact_at"],
  ["contactRelationships", "by_from"],
  ["messageInsights", "by_contact_at"],
  ["messageFiles", "by_org_storage"],
] as const satisfies readonly (readonly [TableNames, string])[];

async function snapshot() {
  return t.run(async (ctx) => {
    const out: Record<string, unknown[]> = {};
    for (const [table, index] of TABLES) {
      const rows = await (ctx.db.query(table) as any)
        .withIndex(index, (q: any) => q.eq("organizationId", organizationId))
        .collect();
      out[table] = rows.sort((x: { _id: string }, y: { _id: string }) => (x._id < y._id ? -1 : 1));
    }
    return out;
  });
}

describe("demo history seed", () => {
  test("older history counts back from the latest 18:00 UTC, never from a later time", () => {
    expect(workdayAnchor(Date.parse("2026-11-23T09:30:00Z"))).toBe(Date.parse("2026-11-22T18:00:00Z"));
    expect(workdayAnchor(Date.parse("2026-11-23T18:00:00Z"))).toBe(Date.parse("2026-11-23T18:00:00Z"));
    expect(workdayAnchor(Date.parse("2026-11-23T23:59:00Z"))).toBe(Date.parse("2026-11-23T18:00:00Z"));
  });

  test("fills every dashboard view with 90 days of history, through the public queries", async () => {
    const { seeded } = await seedDemoStepwise();
    expect(seeded).toBe(DEMO_CONVERSATIONS.length);
    const asOwner = t.withIdentity(owner);
    const asAgent = t.withIdentity(agent);

    // About 30 contacts, one per demo person (identities merge each person's channels).
    const contacts = await asOwner.query(api.contacts.contacts.search, { organizationId, paginationOpts: page() });
    expect(contacts.page.length).toBeGreaterThanOrEqual(30);
    expect(contacts.page.length).toBe(Object.keys(DEMO_PEOPLE).length);

    // Every channel, and SMS through both providers.
    const report = await asOwner.query(api.reports.reports.get, { organizationId, from: NOW - 90 * DAY, to: NOW });
    expect(report.byChannel.map((c) => c.channel).sort()).toEqual(["chat", "email", "sms", "webhook", "whatsapp"]);
    for (const c of report.byChannel) expect(c.inbound, c.channel).toBeGreaterThan(0);
    // Reports: spread over the 90 days (not all today), with responses, resolutions and CSAT.
    const days = new Set(report.volume.map((v) => v.day));
    expect(days.size).toBeGreaterThan(20);
    expect(Math.min(...days)).toBeLessThan(NOW - 80 * DAY);
    expect(report.totals.outbound).toBeGreaterThan(20);
    expect(report.totals.resolved).toBeGreaterThanOrEqual(15);
    expect(report.totals.firstResponse.count).toBeGreaterThan(10);
    expect(report.totals.csat!.count).toBeGreaterThanOrEqual(10);
    // Older messages land around the office-hours anchor (18:00 UTC = 10:00 in Los Angeles).
    const busiest = report.busiestHours.indexOf(Math.max(...report.busiestHours));
    expect(busiest).toBeGreaterThanOrEqual(17);
    expect(busiest).toBeLessThanOrEqual(23);
    expect(report.byAgent.map((a) => a.name)).toEqual(expect.arrayContaining(["Demo Owner", "Sam Rivera"]));
    const olivia = await contactOf(owner, "sms", DEMO_PEOPLE.olivia.phone);
    const hana = await contactOf(owner, "sms", DEMO_PEOPLE.hana.phone);
    const providerOf = async (contactId: Id<"contacts">) =>
      (await timeline(contactId)).flatMap((i) => (i.type === "message" ? [i.message.provider] : []));
    expect(await providerOf(olivia._id)).toContain("vonage");
    expect(await providerOf(hana._id)).toContain("twilio");

    // Inbox views: mine, unassigned and my team are all non-empty, for both agents.
    for (const as of [asOwner, asAgent]) {
      const views = await as.query(api.threads.views.counts, { organizationId });
      expect(views.mine.count).toBeGreaterThan(0);
      expect(views.unassigned.count).toBeGreaterThan(0);
      expect(views.teams.some((team) => team.count > 0)).toBe(true);
    }
    const mine = await asOwner.query(api.threads.inbox.list, {
      organizationId,
      assignee: "me",
      paginationOpts: page(),
    });
    expect(mine.page.length).toBeGreaterThan(0);
    for (const status of ["closed", "snoozed", "pending", "open"] as const) {
      const rows = await asOwner.query(api.threads.inbox.list, { organizationId, status, paginationOpts: page() });
      expect(rows.page.length, status).toBeGreaterThan(0);
    }

    // Labels of several colours on threads of several contacts; the automation rule labelled a double charge.
    const labels = await asOwner.query(api.threads.labels.list, { organizationId });
    expect(new Set(labels.map((l) => l.color)).size).toBeGreaterThanOrEqual(5);
    const refund = labels.find((l) => l.name === "Refund")!;
    const refunds = await asOwner.query(api.threads.inbox.list, {
      organizationId,
      label: refund._id,
      paginationOpts: page(),
    });
    expect(new Set(refunds.page.map((r) => r.contactId)).size).toBeGreaterThanOrEqual(2);
    expect(refunds.page.map((r) => r.contactId)).toContain(olivia._id); // no label in the data: the rule put it
    const runs = await t.run((ctx) =>
      ctx.db
        .query("automationRuns")
        .withIndex("by_rule_event", (q) => q.eq("organizationId", organizationId))
        .collect(),
    );
    expect(runs.length).toBeGreaterThan(0);

    // The @mention in a note notified the second agent.
    const notifications = await asAgent.query(api.threads.notifications.list, { organizationId });
    expect(notifications.filter((n) => n.kind === "mention").length).toBeGreaterThanOrEqual(2);

    // Saved replies.
    expect(
      (await asOwner.query(api.threads.savedReplies.list, { organizationId })).replies.length,
    ).toBeGreaterThanOrEqual(3);

    // Maya's CRM view: the deal through four stages over weeks, her assistant and manager on the map.
    const maya = await contactOf(owner, "email", DEMO_PEOPLE.maya.email);
    const events = (await timeline(maya._id)).flatMap((i) => (i.type === "event" ? [i.event] : []));
    const stages = events.filter((e) => e.kind === "deal_stage").sort((a, b) => a.at - b.at);
    expect(stages.map((e) => (e.data as { to: string }).to)).toEqual(["interest", "proposal", "negotiation", "won"]);
    expect(stages.at(-1)!.at - stages[0]!.at).toBeGreaterThan(6 * 7 * DAY);
    const graph = await asOwner.query(api.crm.contactInsights.getGraph, { organizationId, contactId: maya._id });
    const types = graph.edges.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["assistant", "manager", "colleague"]));
    const sentiment = await asOwner.query(api.crm.contactInsights.getSentiment, {
      organizationId,
      contactId: maya._id,
    });
    expect(sentiment.points.length).toBeGreaterThanOrEqual(5);
    // Her SMS joined the same contact (the number in her email signature).
    expect((await contactOf(owner, "sms", DEMO_PEOPLE.maya.phone))._id).toBe(maya._id);

    // Dana: a job change (Acme -> Globex) and a promise kept.
    const dana = await contactOf(owner, "email", DEMO_PEOPLE.dana.email);
    const danaEvents = (await timeline(dana._id)).flatMap((i) => (i.type === "event" ? [i.event] : []));
    expect(danaEvents.some((e) => e.kind === "job_change")).toBe(true);
    const danaNow = await asOwner.query(api.contacts.contacts.get, { organizationId, contactId: dana._id });
    expect(danaNow?.company).toMatch(/Globex/);

    // Commitments kept and missed, with deadlines in the past and the future.
    const done = await asOwner.query(api.crm.commitments.list, {
      organizationId,
      status: "done",
      paginationOpts: page(),
    });
    expect(done.page.length).toBeGreaterThan(0);
    const open = await asOwner.query(api.crm.commitments.list, { organizationId, paginationOpts: page() });
    expect(open.page.some((c) => c.overdue)).toBe(true);
    expect(open.page.some((c) => c.dueAt !== undefined && c.dueAt > NOW)).toBe(true);

    // Attachments in storage: the customer's photo and the agent's PDF proposal.
    const files = await t.run((ctx) =>
      ctx.db
        .query("messageFiles")
        .withIndex("by_org_storage", (q) => q.eq("organizationId", organizationId))
        .collect(),
    );
    expect(files.map((f) => f.contentType).sort()).toEqual(["application/pdf", "image/png", "image/png"]);
    const mayaMessages = (await timeline(maya._id)).flatMap((i) => (i.type === "message" ? [i.message] : []));
    expect(mayaMessages.some((m) => m.attachments.some((a) => a.contentType === "application/pdf"))).toBe(true);

    // Service levels: some threads breached, some still due.
    const threads = await t.run((ctx) =>
      ctx.db
        .query("conversationThreads")
        .withIndex("by_org_last", (q) => q.eq("organizationId", organizationId))
        .collect(),
    );
    expect(threads.some((th) => (th.sla?.breaches ?? 0) > 0)).toBe(true);
    expect(threads.some((th) => th.sla?.response && !th.sla.response.breachedAt && th.sla.response.dueAt > NOW)).toBe(
      true,
    );
  });

  test("resumeOnly leaves an organization the history never started in untouched", async () => {
    const before = await snapshot();
    expect(await t.action(internal.seed.history.run, { organizationId, now: NOW, resumeOnly: true })).toEqual({
      seeded: 0,
      untouched: true,
    });
    expect(await snapshot()).toEqual(before);
    // One conversation in, a resuming run finishes the rest.
    await t.action(internal.seed.history.run, { organizationId, now: NOW, only: ["omar-webhook"] });
    const resumed = await t.action(internal.seed.history.run, { organizationId, now: NOW, resumeOnly: true });
    expect(resumed.seeded).toBe(DEMO_CONVERSATIONS.length - 1);
  });

  test("a second run changes nothing", async () => {
    await seedDemo();
    const before = await snapshot();
    const again = await seedDemo();
    expect(again.seeded).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
