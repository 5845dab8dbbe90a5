/**
 * SLA timers and CSAT, end to end with fake time: a customer writes in the chat widget, the
 * thread's breach check is scheduled with ctx.scheduler.runAt at the business-hours-aware due
 * moment, fires exactly then (not a minute before), and an agent's answer or closing cancels it.
 * Closing asks for a rating with a signed link; forged, re-dated, expired tokens are refused.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { postChat, startSession, type VisitorSession } from "./chatWidget";
import { type Backend, newBackend, ORG_A, openSession, type SeededOrg, seedOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
let visitor: VisitorSession;
let n = 0;

const weekdays = (timeZone: string, holidays: string[] = []) => ({
  timeZone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, startMinute: 9 * 60, endMinute: 17 * 60 })),
  holidays,
});
type Hours = ReturnType<typeof weekdays>;

const owner = () => t.withIdentity(a.identity);

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-20T12:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

afterEach(() => {
  vi.useRealTimers();
});

async function savePolicy(businessHours: Hours | undefined, targets: Record<string, number>, csatEnabled = false) {
  await owner().mutation(api.threads.sla.save, {
    organizationId: a.organizationId,
    businessHours,
    ...targets,
    csatEnabled,
  });
}

async function customerWrites(text: string) {
  if (!visitor || visitor.expiresAt <= Date.now()) visitor = await startSession(t, ORG_A.chatSlug, {});
  const res = await postChat(t, ORG_A.chatSlug, visitor.token, { clientMessageId: `m${++n}`, text });
  expect(res.status).toBe(200);
}

const thread = async () =>
  (await t.run((ctx) =>
    ctx.db
      .query("conversationThreads")
      .withIndex("by_org_last", (q) => q.eq("organizationId", a.organizationId))
      .order("desc")
      .first(),
  ))!;

/** Moves the clock (and convex-test's scheduler timers) to `instant`, running what came due. */
async function advanceTo(instant: number) {
  vi.advanceTimersByTime(instant - Date.now());
  await t.finishInProgressScheduledFunctions();
}

const breachNotifications = () =>
  t.run((ctx) =>
    ctx.db
      .query("notifications")
      .withIndex("by_member_created", (q) => q.eq("organizationId", a.organizationId))
      .collect()
      .then((rows) => rows.filter((r) => r.kind === "sla_breach")),
  );

async function assignToOwner(threadId: Id<"conversationThreads">) {
  const me = (await owner().query(api.threads.assignment.listAssignees, { organizationId: a.organizationId })).find(
    (m) => m.isMe,
  )!;
  await owner().mutation(api.threads.assignment.assign, {
    organizationId: a.organizationId,
    threadId,
    assigneeId: me._id,
  });
  return me._id;
}

describe("SLA breach at the business-hours-aware moment", () => {
  test.each([
    // Wednesday 16:30 EST, 60 business minutes: 30 today, 30 from Thursday's opening.
    ["overnight", weekdays("America/New_York"), "2026-11-25T21:30:00Z", 60, "2026-11-26T14:30:00Z"],
    // Friday 16:00 EST, 120 minutes, Monday a holiday: 60 Friday, 60 Tuesday from 09:00.
    [
      "weekend + holiday",
      weekdays("America/New_York", ["2026-11-30"]),
      "2026-11-27T21:00:00Z",
      120,
      "2026-12-01T15:00:00Z",
    ],
    // Friday 27 March 16:30 CET; clocks go forward on Sunday: Monday 09:30 is CEST (07:30Z).
    ["DST change", weekdays("Europe/Paris"), "2026-03-27T15:30:00Z", 60, "2026-03-30T07:30:00Z"],
  ] as const)("%s", async (_name, hours, start, minutes, due) => {
    vi.setSystemTime(new Date(start));
    await savePolicy({ ...hours, holidays: [...hours.holidays] }, { firstResponseMinutes: minutes });
    await customerWrites("Hello, my order never arrived");
    const before = await thread();
    expect(before.sla?.response).toMatchObject({ kind: "first_response", dueAt: Date.parse(due) });
    const memberId = await assignToOwner(before._id);

    await advanceTo(Date.parse(due) - 60_000);
    expect((await thread()).sla?.response?.breachedAt).toBeUndefined();
    expect(await breachNotifications()).toHaveLength(0);

    await advanceTo(Date.parse(due) + 1_000);
    const after = await thread();
    expect(after.sla?.response?.breachedAt).toBeGreaterThanOrEqual(Date.parse(due));
    expect(after.sla?.breaches).toBe(1);
    const notes = await breachNotifications();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ memberId, threadId: before._id, unread: true });
    expect(notes[0]!.preview).toMatch(/^First response target breached/);
    // The assignee sees it in their own list.
    const listed = await owner().query(api.threads.notifications.list, { organizationId: a.organizationId });
    expect(listed.map((x) => x.kind)).toEqual(["sla_breach"]);
  });
});

describe("timers stop and restart", () => {
  test("an agent's reply cancels the response check; the next customer message starts a next-response timer", async () => {
    vi.setSystemTime(new Date("2026-11-25T15:00:00Z")); // Wednesday 10:00 EST
    await savePolicy(weekdays("America/New_York"), { firstResponseMinutes: 30, nextResponseMinutes: 90 });
    await customerWrites("Hi");
    const first = await thread();
    const jobId = first.sla!.response!.jobId;
    await assignToOwner(first._id);
    // A second customer message while waiting keeps the original clock.
    await advanceTo(Date.parse("2026-11-25T15:10:00Z"));
    await customerWrites("Anyone?");
    expect((await thread()).sla?.response?.dueAt).toBe(Date.parse("2026-11-25T15:30:00Z"));

    await owner().mutation(api.outbound.replies.send, {
      organizationId: a.organizationId,
      threadId: first._id,
      text: "Hello! Looking into it.",
    });
    const answered = await thread();
    expect(answered.sla?.response).toBeUndefined();
    expect(answered.sla?.firstRespondedAt).toBe(Date.parse("2026-11-25T15:10:00Z"));
    const job = await t.run((ctx) => ctx.db.system.get(jobId));
    expect(job?.state.kind).toBe("canceled");

    await advanceTo(Date.parse("2026-11-25T16:00:00Z"));
    expect(await breachNotifications()).toHaveLength(0);
    expect((await thread()).sla?.breaches).toBe(0);

    await customerWrites("Thanks, one more question");
    expect((await thread()).sla?.response).toMatchObject({
      kind: "next_response",
      dueAt: Date.parse("2026-11-25T17:30:00Z"),
    });
  });

  test("closing stops the response and resolution timers", async () => {
    vi.setSystemTime(new Date("2026-11-25T15:00:00Z"));
    await savePolicy(undefined, { firstResponseMinutes: 30, resolutionMinutes: 240 });
    await customerWrites("Hi");
    const open = await thread();
    expect(open.sla?.resolution?.dueAt).toBe(Date.parse("2026-11-25T19:00:00Z"));
    await owner().mutation(api.threads.threads.setStatus, {
      organizationId: a.organizationId,
      threadId: open._id,
      status: "closed",
    });
    const closed = await thread();
    expect(closed.sla?.response).toBeUndefined();
    expect(closed.sla?.resolution).toBeUndefined();
    for (const id of [open.sla!.response!.jobId, open.sla!.resolution!.jobId]) {
      expect((await t.run((ctx) => ctx.db.system.get(id)))?.state.kind).toBe("canceled");
    }
    await advanceTo(Date.parse("2026-11-26T00:00:00Z"));
    expect((await thread()).sla?.breaches).toBe(0);
  });

  test("a bulk close stops the timers and asks for a rating like a single close", async () => {
    vi.setSystemTime(new Date("2026-11-25T15:00:00Z"));
    await savePolicy(undefined, { firstResponseMinutes: 30, resolutionMinutes: 240 });
    await customerWrites("Hi");
    const open = await thread();
    await owner().mutation(api.threads.bulk.close, { organizationId: a.organizationId, threadIds: [open._id] });
    const closed = await thread();
    expect(closed.status).toBe("closed");
    expect(closed.sla?.resolution).toBeUndefined();
    for (const id of [open.sla!.response!.jobId, open.sla!.resolution!.jobId]) {
      expect((await t.run((ctx) => ctx.db.system.get(id)))?.state.kind).toBe("canceled");
    }
    await advanceTo(Date.parse("2026-11-26T00:00:00Z"));
    expect((await thread()).sla?.breaches).toBe(0);
    expect(await breachNotifications()).toHaveLength(0);
  });

  test("a resolution target breaches even after the first response; unassigned threads notify no one", async () => {
    vi.setSystemTime(new Date("2026-11-25T15:00:00Z"));
    await savePolicy(undefined, { firstResponseMinutes: 30, resolutionMinutes: 120 });
    await customerWrites("Hi");
    const open = await thread();
    await owner().mutation(api.outbound.replies.send, {
      organizationId: a.organizationId,
      threadId: open._id,
      text: "On it",
    });
    expect((await thread()).sla?.resolution?.dueAt).toBe(Date.parse("2026-11-25T17:00:00Z"));
    await advanceTo(Date.parse("2026-11-25T16:59:00Z"));
    expect((await thread()).sla?.resolution?.breachedAt).toBeUndefined();
    await advanceTo(Date.parse("2026-11-25T17:00:01Z"));
    const after = await thread();
    expect(after.sla?.resolution?.breachedAt).toBeDefined();
    expect(after.sla?.breaches).toBe(1);
    expect(await breachNotifications()).toHaveLength(0);
  });

  test("no policy, no timers; invalid policies are refused with nothing stored; agents cannot save", async () => {
    await customerWrites("Hi");
    expect((await thread()).sla).toBeUndefined();
    for (const bad of [
      {
        businessHours: { timeZone: "Mars/Olympus", weekly: [{ day: 1, startMinute: 0, endMinute: 60 }], holidays: [] },
      },
      { businessHours: { ...weekdays("UTC"), holidays: ["2026-02-30"] } },
      { firstResponseMinutes: 0 },
      { resolutionMinutes: 1.5 },
    ]) {
      await expect(
        owner().mutation(api.threads.sla.save, { organizationId: a.organizationId, csatEnabled: false, ...bad }),
      ).rejects.toThrow(/invalid_argument|must be|Business hours/);
    }
    expect(await owner().query(api.threads.sla.get, { organizationId: a.organizationId })).toBeNull();

    const agentUser = "https://auth.test|org-a-agent";
    await t.run((ctx) =>
      ctx.db.insert("members", {
        organizationId: a.organizationId,
        userId: agentUser,
        role: "agent",
        email: "agent@a.test",
        createdAt: Date.now(),
      }),
    );
    const agent = t.withIdentity(await openSession(t, agentUser));
    await expect(
      agent.mutation(api.threads.sla.save, { organizationId: a.organizationId, csatEnabled: true }),
    ).rejects.toThrow();
    expect(await agent.query(api.threads.sla.get, { organizationId: a.organizationId })).toBeNull();
  });
});

describe("CSAT", () => {
  async function closeAndGetLink() {
    const open = await thread();
    await owner().mutation(api.threads.threads.setStatus, {
      organizationId: a.organizationId,
      threadId: open._id,
      status: "closed",
    });
    await t.finishInProgressScheduledFunctions();
    await advanceTo(Date.now() + 1);
    const messages = await t.run((ctx) =>
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId).eq("threadId", open._id))
        .collect(),
    );
    const request = messages.find((m) => m.direction === "outbound" && m.text.includes("/csat/"));
    return { threadId: open._id, messages, token: request ? /\/csat\/(\S+)/.exec(request.text)![1]! : null };
  }
  const requests = () =>
    t.run((ctx) =>
      ctx.db
        .query("csatRequests")
        .withIndex("by_org_rated", (q) => q.eq("organizationId", a.organizationId))
        .collect(),
    );
  const rate = (token: string, body: string, type = "application/x-www-form-urlencoded") =>
    t.fetch(`/csat/${token}`, { method: "POST", headers: { "content-type": type }, body });

  test("closing sends one rating link on the thread's channel; the score lands on the thread", async () => {
    await savePolicy(undefined, {}, true);
    await customerWrites("Hi");
    const { threadId, token } = await closeAndGetLink();
    expect(token).not.toBeNull();
    expect(await requests()).toHaveLength(1);

    const pageRes = await t.fetch(`/csat/${token}`);
    expect(pageRes.status).toBe(200);
    expect(await pageRes.text()).toContain('name="score" value="5"');
    expect((await requests())[0]!.score).toBeUndefined();

    expect((await rate(token!, "score=9")).status).toBe(400);
    expect((await requests())[0]!.score).toBeUndefined();

    expect((await rate(token!, "score=4")).status).toBe(200);
    expect((await requests())[0]).toMatchObject({ score: 4, channel: "chat" });
    expect((await thread()).csat).toMatchObject({ score: 4 });
    // One score per resolution.
    expect((await rate(token!, JSON.stringify({ score: 1 }), "application/json")).status).toBe(409);
    expect((await requests())[0]!.score).toBe(4);

    // Re-opened and closed again the same day: not asked twice.
    await owner().mutation(api.threads.threads.setStatus, {
      organizationId: a.organizationId,
      threadId,
      status: "open",
    });
    expect((await closeAndGetLink()).token).toBe(token);
    expect(await requests()).toHaveLength(1);
    // A new conversation of the same contact closed within 24 hours: not asked either...
    await customerWrites("Actually, one more thing");
    expect((await thread())._id).not.toBe(threadId);
    await closeAndGetLink();
    expect(await requests()).toHaveLength(1);
    // ...but a day later it is.
    await advanceTo(Date.now() + 25 * 3_600_000);
    await customerWrites("Back again");
    expect((await closeAndGetLink()).token).not.toBeNull();
    expect(await requests()).toHaveLength(2);
  });

  /** The contact's health as the CRM contact page reads it (crm.contactInsights.getSummary). */
  const healthOf = async (contactId: Id<"contacts">) => {
    const summary = await owner().query(api.crm.contactInsights.getSummary, {
      organizationId: a.organizationId,
      contactId,
    });
    return { score: summary.contact.healthScore, health: summary.health as Record<string, any> | null };
  };

  for (const [stars, direction] of [
    [1, "lowers"],
    [5, "raises"],
  ] as const) {
    test(`a ${stars}-star rating ${direction} the contact's health score`, async () => {
      await savePolicy(undefined, {}, true);
      await customerWrites("Hi, my order has not arrived");
      const { token } = await closeAndGetLink();
      const { contactId } = await thread();
      // The score without any rating, at this same (frozen) instant.
      await t.mutation(internal.crm.profile.refresh, { organizationId: a.organizationId, contactId });
      const before = await healthOf(contactId);
      expect(before.score).toBeTypeOf("number");
      expect(before.health?.components.satisfaction).toBeNull();

      expect((await rate(token!, `score=${stars}`)).status).toBe(200);
      await advanceTo(Date.now()); // the profile refresh the rating scheduled (runAfter 0)
      const after = await healthOf(contactId);
      expect(after.health?.details).toMatchObject({ csatRatings: 1, csatMean: stars });
      expect(after.health?.components.satisfaction).toBe(stars === 1 ? 0 : 100);
      expect(after.score).toBe(after.health?.score);
      if (stars === 1) expect(after.score!).toBeLessThan(before.score!);
      else expect(after.score!).toBeGreaterThan(before.score!);
      // The documented weight: 80% the behavioural score, 20% the ratings (packages/insights).
      expect(Math.abs(after.score! - (0.8 * before.score! + (stars === 1 ? 0 : 20)))).toBeLessThanOrEqual(1);
    });
  }

  test("forged, re-dated, truncated and expired tokens are refused with nothing stored", async () => {
    await savePolicy(undefined, {}, true);
    await customerWrites("Hi");
    const { token } = await closeAndGetLink();
    const [id, exp, mac] = token!.split(".") as [string, string, string];
    const flipped = `${id}.${exp}.${mac.slice(0, -1)}${mac.endsWith("0") ? "1" : "0"}`;
    const redated = `${id}.${Number(exp) + 86_400_000}.${mac}`;
    for (const bad of [flipped, redated, `${id}.${exp}`, "x".repeat(500), `${id}.${exp}.${"0".repeat(64)}`]) {
      expect((await rate(bad, "score=5")).status).toBe(404);
      expect((await t.fetch(`/csat/${bad}`)).status).toBe(404);
    }
    expect((await requests())[0]!.score).toBeUndefined();
    expect((await thread()).csat?.score).toBeUndefined();

    await advanceTo(Number(exp) + 1);
    expect((await rate(token!, "score=5")).status).toBe(410);
    expect((await requests())[0]!.score).toBeUndefined();
  });

  test("no rating request when the policy does not ask for one", async () => {
    await savePolicy(undefined, { firstResponseMinutes: 30 }, false);
    await customerWrites("Hi");
    const { token } = await closeAndGetLink();
    expect(token).toBeNull();
    expect(await requests()).toHaveLength(0);
  });
});
