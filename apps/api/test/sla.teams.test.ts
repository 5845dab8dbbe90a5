/**
 * Team SLA policies with fake time: a team's own targets and business hours replace the
 * organization's for its threads. A chat thread routed to the team breaches at the moment the
 * team's business hours give (not the organization's around-the-clock one); a thread moved into
 * a team has its running timer planned again from when it started; the team lead is notified.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
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
    const pending = await t.run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).filter(
        (j) => j.name.includes("sla") && j.state.kind === "pending",
      ),
    );
    expect(pending).toHaveLength(1);

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
