/**
 * Team SLA policies with fake time: a team's own targets and business hours replace the
 * organization's for its threads. A chat thread routed to the team breaches at the moment the
 * team's business hours give (not the organization's around-the-clock one); a thread moved into
 * a team has its running timer planned again from when it started; the team lead is notified.
 * Editing a policy (the team's or the organization's), removing it or deleting the team re-plans
 * the running timers it governs, page by page in scheduled batches.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { applyMessageToSla, REPLAN_BATCH } from "../convex/threads/sla";
import { insertWaitingThreads } from "./bulkThreads";
import { postChat, startSession } from "./chatWidget";
import { addMember, type Backend, newBackend, ORG_A, ORG_B, type SeededOrg, seedOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
let n = 0;

const owner = () => t.withIdentity(a.identity);
const org = () => ({ organizationId: a.organizationId });

/** Weekdays 09:00-17:00 in a time zone. */
const weekdays = (timeZone: string) => ({
  timeZone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, startMinute: 9 * 60, endMinute: 17 * 60 })),
  holidays: [] as string[],
});

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-25T21:45:00Z")); // Wednesday 16:45 in New York
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

afterEach(() => {
  vi.useRealTimers();
});

/** A new chat visitor writes: a new chat thread. */
async function customerWrites(text: string) {
  const visitor = await startSession(t, ORG_A.chatSlug, {});
  const res = await postChat(t, ORG_A.chatSlug, visitor.token, { clientMessageId: `m${++n}`, text });
  expect(res.status).toBe(200);
  return (await t.run((ctx) =>
    ctx.db
      .query("conversationThreads")
      .withIndex("by_org_last", (q) => q.eq("organizationId", a.organizationId))
      .order("desc")
      .first(),
  ))!;
}
const threadOf = async (id: Id<"conversationThreads">) => (await t.run((ctx) => ctx.db.get(id)))!;

async function advanceTo(instant: number) {
  vi.advanceTimersByTime(instant - Date.now());
  await t.finishInProgressScheduledFunctions();
}

const breachNotes = () =>
  t.run(async (ctx) =>
    (
      await ctx.db
        .query("notifications")
        .withIndex("by_member_created", (q) => q.eq("organizationId", a.organizationId))
        .collect()
    ).filter((r) => r.kind === "sla_breach"),
  );

/** The organization: first response within 4 hours, around the clock. */
const orgPolicy = () =>
  owner().mutation(api.threads.sla.save, { ...org(), firstResponseMinutes: 240, csatEnabled: false });

async function team(name: string, channels: string[], policy: "manual" | "round_robin" = "manual") {
  const lead = await addMember(t, a.organizationId, {
    slug: `${name.toLowerCase()}-lead`,
    name: `${name} lead`,
    email: `${name.toLowerCase()}-lead@a.test`,
    role: "agent",
  });
  const teamId = await owner().mutation(api.threads.teams.create, {
    ...org(),
    name,
    policy,
    channels: channels as never,
    leadMemberId: lead.memberId,
  });
  return { teamId, lead };
}

describe("a team's policy replaces the organization's for its threads", () => {
  test("a chat thread routed to the team breaches at the team's business-hours-aware moment; assignee and lead are told", async () => {
    await orgPolicy();
    const { teamId, lead } = await team("Chat", ["chat"], "round_robin");
    const agent = await addMember(t, a.organizationId, {
      slug: "ann",
      name: "Ann",
      email: "ann@a.test",
      role: "agent",
    });
    await owner().mutation(api.threads.teams.addMember, { ...org(), teamId, memberId: agent.memberId });
    // The team: 30 business minutes, weekdays 09-17 New York.
    await owner().mutation(api.threads.sla.saveTeam, {
      ...org(),
      teamId,
      businessHours: weekdays("America/New_York"),
      firstResponseMinutes: 30,
    });

    const thread = await customerWrites("My order never arrived");
    expect(thread.teamId).toBe(teamId);
    // 15 minutes left on Wednesday, 15 from Thursday's opening: 09:15 EST = 14:15Z (the org's policy would say 01:45Z).
    const due = Date.parse("2026-11-26T14:15:00Z");
    expect(thread.sla?.response).toMatchObject({ kind: "first_response", dueAt: due });

    await advanceTo(Date.parse("2026-11-26T01:46:00Z")); // where the org's 4 hours would have ended
    await advanceTo(due - 60_000);
    expect((await threadOf(thread._id)).sla?.response?.breachedAt).toBeUndefined();
    expect(await breachNotes()).toHaveLength(0);

    await advanceTo(due + 1_000);
    const after = await threadOf(thread._id);
    expect(after.sla?.response?.breachedAt).toBeGreaterThanOrEqual(due);
    expect(after.sla?.breaches).toBe(1);
    const notes = await breachNotes();
    // Round robin gave the thread to the first member in turn; the lead hears of it as well (once each).
    expect(new Set(notes.map((x) => x.memberId))).toEqual(new Set([after.assigneeId!, lead.memberId]));
    expect(notes).toHaveLength(after.assigneeId === lead.memberId ? 1 : 2);
  });

  test("threads of other teams and of no team keep the organization's policy", async () => {
    await orgPolicy();
    const { teamId } = await team("Voice", ["sms"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 5 });
    const thread = await customerWrites("hello");
    expect(thread.teamId).toBeUndefined();
    expect(thread.sla?.response?.dueAt).toBe(Date.now() + 240 * 60_000);
  });

  test("a thread moved into a team has its running timer planned again from when it started", async () => {
    await orgPolicy();
    const { teamId, lead } = await team("Urgent", ["sms"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 10 });
    const start = Date.now();
    const thread = await customerWrites("urgent!");
    expect(thread.sla?.response?.dueAt).toBe(start + 240 * 60_000);

    await advanceTo(start + 5 * 60_000);
    await owner().mutation(api.threads.teams.setThreadTeam, { ...org(), threadId: thread._id, teamId });
    const moved = await threadOf(thread._id);
    expect(moved.sla?.response).toMatchObject({ since: start, dueAt: start + 10 * 60_000 });
    // The old 4-hour check was cancelled: exactly one pending breach check remains.
    expect((await jobs()).breaches).toHaveLength(1);

    await advanceTo(start + 10 * 60_000 - 1_000);
    expect((await threadOf(thread._id)).sla?.response?.breachedAt).toBeUndefined();
    await advanceTo(start + 10 * 60_000 + 1_000);
    expect((await threadOf(thread._id)).sla?.response?.breachedAt).toBeDefined();
    // Unassigned: the team lead is the one told.
    expect((await breachNotes()).map((x) => x.memberId)).toEqual([lead.memberId]);

    // Out of the team again: the breach stays recorded, nothing is re-planned over it.
    await owner().mutation(api.threads.teams.setThreadTeam, { ...org(), threadId: thread._id, teamId: null });
    expect((await threadOf(thread._id)).sla?.breaches).toBe(1);
  });

  test("removing a team's policy puts its new threads back on the organization's", async () => {
    await orgPolicy();
    const { teamId } = await team("Chat", ["chat"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 15 });
    expect((await customerWrites("one")).sla?.response?.dueAt).toBe(Date.now() + 15 * 60_000);
    await owner().mutation(api.threads.sla.removeTeam, { ...org(), teamId });
    expect(await owner().query(api.threads.sla.teamPolicies, org())).toEqual([]);
    expect((await customerWrites("two")).sla?.response?.dueAt).toBe(Date.now() + 240 * 60_000);
  });
});

describe("team policies are admin settings, validated", () => {
  test("bad targets and hours are refused with nothing stored; agents and other organizations cannot save", async () => {
    const { teamId, lead } = await team("Chat", ["chat"]);
    for (const bad of [
      { firstResponseMinutes: 0 },
      { resolutionMinutes: 2.5 },
      {
        businessHours: { timeZone: "Mars/Olympus", weekly: [{ day: 1, startMinute: 0, endMinute: 60 }], holidays: [] },
      },
    ]) {
      await expect(owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, ...bad })).rejects.toThrow(
        /must be|Business hours/,
      );
    }
    await expect(
      t.withIdentity(lead.identity).mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 5 }),
    ).rejects.toThrow();
    const b = await seedOrg(t, "org-b", ORG_B);
    await expect(
      t.withIdentity(b.identity).mutation(api.threads.sla.saveTeam, {
        organizationId: b.organizationId,
        teamId,
        firstResponseMinutes: 5,
      }),
    ).rejects.toThrow();
    expect(await owner().query(api.threads.sla.teamPolicies, org())).toEqual([]);

    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 5 });
    expect(await owner().query(api.threads.sla.teamPolicies, org())).toMatchObject([
      { teamId, firstResponseMinutes: 5 },
    ]);
    // Deleting the team deletes its policy.
    await owner().mutation(api.threads.teams.remove, { ...org(), teamId });
    expect(await owner().query(api.threads.sla.teamPolicies, org())).toEqual([]);
  });
});

/** Pending (or running) breach checks and re-planning pages, by kind. */
const jobs = () =>
  t.run(async (ctx) => {
    const live = (await ctx.db.system.query("_scheduled_functions").collect()).filter(
      (j) => j.state.kind === "pending" || j.state.kind === "inProgress",
    );
    return {
      breaches: live.filter((j) => j.name.endsWith("sla:breach")),
      sweeps: live.filter((j) => /sla:replanPage|teams:purge/.test(j.name)),
    };
  });

const pagesRun = () =>
  t.run(async (ctx) =>
    (await ctx.db.system.query("_scheduled_functions").collect()).filter(
      (j) => j.name.endsWith("sla:replanPage") && j.state.kind === "success",
    ),
  );

/** Runs the re-planning sweep to its end (each page schedules the next at once), never a breach check. */
async function finishSweeps() {
  for (let i = 0; i < 100; i++) {
    if ((await jobs()).sweeps.length === 0) return;
    vi.advanceTimersByTime(0);
    await t.finishInProgressScheduledFunctions();
  }
  throw new Error("the sweep did not end");
}

describe("editing a policy re-plans the running timers it governs", () => {
  test("a team's shorter target: the breach fires at the new due time, and the old check is cancelled", async () => {
    await orgPolicy();
    const { teamId } = await team("Chat", ["chat"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 60 });
    const start = Date.now();
    const thread = await customerWrites("hello?");
    expect(thread.sla?.response?.dueAt).toBe(start + 60 * 60_000);

    await advanceTo(start + 5 * 60_000);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 10 });
    await finishSweeps();
    expect((await threadOf(thread._id)).sla?.response).toMatchObject({ since: start, dueAt: start + 10 * 60_000 });
    const { breaches } = await jobs();
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.scheduledTime).toBe(start + 10 * 60_000);

    await advanceTo(start + 10 * 60_000 - 1_000);
    expect((await threadOf(thread._id)).sla?.response?.breachedAt).toBeUndefined();
    await advanceTo(start + 10 * 60_000 + 1_000);
    expect((await threadOf(thread._id)).sla).toMatchObject({
      breaches: 1,
      response: { breachedAt: expect.any(Number) },
    });
  });

  test("a team's longer target: no breach at the old due time, one at the new", async () => {
    await orgPolicy();
    const { teamId } = await team("Chat", ["chat"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 10 });
    const start = Date.now();
    const thread = await customerWrites("hello?");
    await advanceTo(start + 5 * 60_000);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 60 });
    await finishSweeps();

    await advanceTo(start + 11 * 60_000);
    expect((await threadOf(thread._id)).sla?.breaches).toBe(0);
    expect(await breachNotes()).toHaveLength(0);
    await advanceTo(start + 60 * 60_000 + 1_000);
    expect((await threadOf(thread._id)).sla?.breaches).toBe(1);
  });

  test("a team's new business hours move the due moment (16:45 Wednesday + 30 min -> 09:15 Thursday)", async () => {
    await orgPolicy();
    const { teamId } = await team("Chat", ["chat"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 30 });
    const start = Date.now();
    const thread = await customerWrites("late question");
    expect(thread.sla?.response?.dueAt).toBe(start + 30 * 60_000);
    await owner().mutation(api.threads.sla.saveTeam, {
      ...org(),
      teamId,
      businessHours: weekdays("America/New_York"),
      firstResponseMinutes: 30,
    });
    await finishSweeps();
    const due = Date.parse("2026-11-26T14:15:00Z");
    expect((await threadOf(thread._id)).sla?.response?.dueAt).toBe(due);
    await advanceTo(start + 31 * 60_000); // the around-the-clock due time passed: nothing
    expect((await threadOf(thread._id)).sla?.breaches).toBe(0);
    await advanceTo(due + 1_000);
    expect((await threadOf(thread._id)).sla?.breaches).toBe(1);
  });

  test("the organization's edit re-plans threads that follow it, not those of a team with its own policy", async () => {
    await orgPolicy(); // 240 minutes
    const own = await team("Own", ["chat"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId: own.teamId, firstResponseMinutes: 120 });
    const plain = await team("Plain", []);
    const start = Date.now();
    const inOwn = await customerWrites("one"); // routed to Own (chat)
    expect(inOwn.teamId).toBe(own.teamId);
    const inPlain = await customerWrites("two");
    await owner().mutation(api.threads.teams.setThreadTeam, { ...org(), threadId: inPlain._id, teamId: plain.teamId });
    const noTeam = await customerWrites("three");
    await owner().mutation(api.threads.teams.setThreadTeam, { ...org(), threadId: noTeam._id, teamId: null });
    const ownJob = (await threadOf(inOwn._id)).sla!.response!.jobId;

    await owner().mutation(api.threads.sla.save, { ...org(), firstResponseMinutes: 30, csatEnabled: false });
    await finishSweeps();
    expect((await threadOf(inPlain._id)).sla?.response?.dueAt).toBe(start + 30 * 60_000);
    expect((await threadOf(noTeam._id)).sla?.response?.dueAt).toBe(start + 30 * 60_000);
    // Untouched: same due time and the same scheduled check.
    expect((await threadOf(inOwn._id)).sla?.response).toMatchObject({ dueAt: start + 120 * 60_000, jobId: ownJob });
    // Saving the same policy again changes nothing: no check is cancelled or scheduled.
    const before = (await jobs()).breaches.map((j) => j._id).sort();
    await owner().mutation(api.threads.sla.save, { ...org(), firstResponseMinutes: 30, csatEnabled: false });
    await finishSweeps();
    expect((await jobs()).breaches.map((j) => j._id).sort()).toEqual(before);

    await advanceTo(start + 30 * 60_000 + 1_000);
    expect((await threadOf(inPlain._id)).sla?.breaches).toBe(1);
    expect((await threadOf(noTeam._id)).sla?.breaches).toBe(1);
    expect((await threadOf(inOwn._id)).sla?.breaches).toBe(0);
  });

  test("a target dropped from the policy stops its running timer", async () => {
    await owner().mutation(api.threads.sla.save, {
      ...org(),
      firstResponseMinutes: 30,
      resolutionMinutes: 600,
      csatEnabled: false,
    });
    const thread = await customerWrites("hi");
    expect(thread.sla?.resolution).toBeDefined();
    await owner().mutation(api.threads.sla.save, { ...org(), firstResponseMinutes: 30, csatEnabled: false });
    await finishSweeps();
    expect((await threadOf(thread._id)).sla?.resolution).toBeUndefined();
    expect((await jobs()).breaches).toHaveLength(1);
    await advanceTo(Date.now() + 601 * 60_000);
    expect((await threadOf(thread._id)).sla?.breaches).toBe(1); // the response only
  });

  test("removing a team's policy puts its running timers back on the organization's", async () => {
    await orgPolicy();
    const { teamId } = await team("Chat", ["chat"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 15 });
    const start = Date.now();
    const thread = await customerWrites("one");
    await owner().mutation(api.threads.sla.removeTeam, { ...org(), teamId });
    await finishSweeps();
    expect((await threadOf(thread._id)).sla?.response?.dueAt).toBe(start + 240 * 60_000);
    await advanceTo(start + 16 * 60_000);
    expect((await threadOf(thread._id)).sla?.breaches).toBe(0);
  });

  test("a deleted team's threads fall back to the organization's policy, breached ones stay as they were", async () => {
    await orgPolicy();
    const { teamId } = await team("Chat", ["chat"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 10 });
    const start = Date.now();
    const early = await customerWrites("first");
    await advanceTo(start + 11 * 60_000); // `early` breached under the team's 10 minutes
    expect((await threadOf(early._id)).sla?.breaches).toBe(1);
    const later = await customerWrites("second");
    expect(later.sla?.response?.dueAt).toBe(start + 21 * 60_000);

    await owner().mutation(api.threads.teams.remove, { ...org(), teamId });
    await finishSweeps();
    const moved = await threadOf(later._id);
    expect(moved.teamId).toBeUndefined();
    expect(moved.sla?.response?.dueAt).toBe(start + 11 * 60_000 + 240 * 60_000);
    expect((await threadOf(early._id)).sla).toMatchObject({ breaches: 1, response: { dueAt: start + 10 * 60_000 } });

    await advanceTo(start + 22 * 60_000); // the team's due time: no breach any more
    expect((await threadOf(later._id)).sla?.breaches).toBe(0);
    await advanceTo(start + 11 * 60_000 + 240 * 60_000 + 1_000);
    expect((await threadOf(later._id)).sla?.breaches).toBe(1);
  });

  test("thousands of open threads are re-planned in bounded pages, each thread once", async () => {
    await orgPolicy();
    const { teamId } = await team("Bulk", ["sms"]);
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 60 });
    const count = 2 * REPLAN_BATCH + 7;
    const start = Date.now();
    // Threads with running timers, made by the same code a customer message runs (one contact, many threads).
    const ids = await t.run((ctx) =>
      insertWaitingThreads(ctx, a.organizationId, {
        count,
        at: start,
        shape: () => ({ teamId }),
        each: (thread) => applyMessageToSla(ctx, thread, { direction: "inbound", at: start }),
      }),
    );
    await finishSweeps(); // the sweeps of the settings above, before any thread existed
    const pagesBefore = (await pagesRun()).length;
    await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 20 });
    // Nothing was re-planned in the edit's own transaction: it only started the sweep.
    expect((await threadOf(ids[0]!)).sla?.response?.dueAt).toBe(start + 60 * 60_000);
    await finishSweeps();
    // open: 138 threads (pages of 100 and 38), pending: 69 (one page), snoozed: none (one empty page).
    expect((await pagesRun()).length - pagesBefore).toBe(4);
    const threads = await t.run(async (ctx) => Promise.all(ids.map((id) => ctx.db.get(id))));
    expect(threads.every((x) => x?.sla?.response?.dueAt === start + 20 * 60_000)).toBe(true);
    expect((await jobs()).breaches).toHaveLength(count);
  });
});
