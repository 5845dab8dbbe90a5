/**
 * A policy created (or given a new target) while customers already wait: the re-planning sweep
 * (threads/sla.ts replanPage) starts the timers those threads lack, from when each customer
 * started waiting, so a long wait breaches at once; answered threads get no response timer,
 * closed ones nothing; saving the same policy again changes nothing (fake time throughout).
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Doc, Id } from "../convex/_generated/dataModel";
import { REPLAN_BATCH } from "../convex/threads/sla";
import { insertWaitingThreads } from "./bulkThreads";
import { postChat, startSession, type VisitorSession } from "./chatWidget";
import { type Backend, newBackend, ORG_A, type SeededOrg, seedOrg } from "./harness";

const MINUTE = 60_000;
let t: Backend;
let a: SeededOrg;
let n = 0;

const org = () => ({ organizationId: a.organizationId });
const owner = () => t.withIdentity(a.identity);

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-25T15:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

afterEach(() => {
  vi.useRealTimers();
});

/** A new customer (chat visitor) writes: their own thread. */
async function newCustomer(): Promise<VisitorSession> {
  return startSession(t, ORG_A.chatSlug, {});
}
async function writes(visitor: VisitorSession, text: string): Promise<Id<"conversationThreads">> {
  const res = await postChat(t, ORG_A.chatSlug, visitor.token, { clientMessageId: `m${++n}`, text });
  expect(res.status).toBe(200);
  // Texts are unique within a test: the thread the message landed in.
  const messages = await t.run((ctx) => ctx.db.query("unifiedMessages").collect());
  return messages.find((m) => m.text === text)!.threadId;
}
const answer = (threadId: Id<"conversationThreads">) =>
  owner().mutation(api.outbound.replies.send, { ...org(), threadId, text: "On it" });
const threadOf = async (id: Id<"conversationThreads">) => (await t.run((ctx) => ctx.db.get(id)))!;
const savePolicy = (targets: Record<string, number>) =>
  owner().mutation(api.threads.sla.save, { ...org(), ...targets, csatEnabled: false });

/** Pending breach checks and re-planning pages. */
const jobs = () =>
  t.run(async (ctx) => {
    const live = (await ctx.db.system.query("_scheduled_functions").collect()).filter(
      (j) => j.state.kind === "pending" || j.state.kind === "inProgress",
    );
    return {
      breaches: live.filter((j) => j.name.endsWith("sla:breach")),
      sweeps: live.filter((j) => j.name.endsWith("sla:replanPage")),
    };
  });

/** Runs the sweep to its end (and breach checks already due). */
async function finishSweeps() {
  for (let i = 0; i < 100; i++) {
    if ((await jobs()).sweeps.length === 0) return;
    vi.advanceTimersByTime(0);
    await t.finishInProgressScheduledFunctions();
  }
  throw new Error("the sweep did not end");
}

const timers = (thread: Doc<"conversationThreads">) => ({
  response: thread.sla?.response
    ? { kind: thread.sla.response.kind, since: thread.sla.response.since, dueAt: thread.sla.response.dueAt }
    : undefined,
  resolution: thread.sla?.resolution
    ? { since: thread.sla.resolution.since, dueAt: thread.sla.resolution.dueAt }
    : undefined,
});

describe("a first policy starts timers on threads already waiting", () => {
  test("waiting, answered and closed threads; the same policy saved again changes nothing", async () => {
    const t0 = Date.now();
    const waiting = await writes(await newCustomer(), "Where is my order?");
    vi.setSystemTime(t0 + 5 * MINUTE);
    const answeredVisitor = await newCustomer();
    const answered = await writes(answeredVisitor, "Can you help?");
    await answer(answered);
    const closedThread = await writes(await newCustomer(), "Never mind");
    await owner().mutation(api.threads.threads.setStatus, { ...org(), threadId: closedThread, status: "closed" });
    for (const id of [waiting, answered, closedThread]) expect((await threadOf(id)).sla).toBeUndefined();

    vi.setSystemTime(t0 + 10 * MINUTE);
    await savePolicy({ firstResponseMinutes: 30, resolutionMinutes: 240 });
    await finishSweeps();

    expect(timers(await threadOf(waiting))).toEqual({
      response: { kind: "first_response", since: t0, dueAt: t0 + 30 * MINUTE },
      resolution: { since: t0, dueAt: t0 + 240 * MINUTE },
    });
    // Answered: nobody waits for a response, but it is not resolved.
    expect(timers(await threadOf(answered))).toEqual({
      response: undefined,
      resolution: { since: t0 + 5 * MINUTE, dueAt: t0 + 245 * MINUTE },
    });
    expect((await threadOf(closedThread)).sla).toBeUndefined();

    // Saving it again: the same timers and the same scheduled checks.
    const before = await threadOf(waiting);
    const pending = (await jobs()).breaches.length;
    await savePolicy({ firstResponseMinutes: 30, resolutionMinutes: 240 });
    await finishSweeps();
    expect((await threadOf(waiting)).sla).toEqual(before.sla);
    expect((await jobs()).breaches).toHaveLength(pending);

    // The new timer breaches when it is due.
    vi.advanceTimersByTime(t0 + 30 * MINUTE + 1000 - Date.now());
    await t.finishInProgressScheduledFunctions();
    expect((await threadOf(waiting)).sla).toMatchObject({ breaches: 1, response: { breachedAt: expect.any(Number) } });
  });

  test("a customer who waited longer than the target breaches at once", async () => {
    const t0 = Date.now();
    const waiting = await writes(await newCustomer(), "Hello?");
    vi.setSystemTime(t0 + 2 * 60 * MINUTE);
    await savePolicy({ firstResponseMinutes: 30 });
    await finishSweeps();
    await t.finishInProgressScheduledFunctions();
    const thread = await threadOf(waiting);
    expect(thread.sla?.response).toMatchObject({ since: t0, dueAt: t0 + 30 * MINUTE });
    expect(thread.sla?.response?.breachedAt).toBeGreaterThanOrEqual(t0 + 2 * 60 * MINUTE);
    expect(thread.sla?.breaches).toBe(1);
  });
});

test("a target added to a policy starts its timer next to the running ones (next response after an answer)", async () => {
  const t0 = Date.now();
  await savePolicy({ resolutionMinutes: 600 });
  const visitor = await newCustomer();
  const threadId = await writes(visitor, "First question");
  await answer(threadId);
  vi.setSystemTime(t0 + 20 * MINUTE);
  await writes(visitor, "Second question");
  const running = await threadOf(threadId);
  expect(timers(running)).toEqual({ response: undefined, resolution: { since: t0, dueAt: t0 + 600 * MINUTE } });

  vi.setSystemTime(t0 + 25 * MINUTE);
  await savePolicy({ resolutionMinutes: 600, firstResponseMinutes: 30, nextResponseMinutes: 60 });
  await finishSweeps();
  const after = await threadOf(threadId);
  expect(timers(after)).toEqual({
    response: { kind: "next_response", since: t0 + 20 * MINUTE, dueAt: t0 + 80 * MINUTE },
    resolution: { since: t0, dueAt: t0 + 600 * MINUTE },
  });
  // The running resolution timer kept its check.
  expect(after.sla?.resolution?.jobId).toBe(running.sla?.resolution?.jobId);
});

test("a waiting thread moved into a team with a policy (the organization has none) starts the team's timers", async () => {
  const t0 = Date.now();
  const teamId = await owner().mutation(api.threads.teams.create, {
    ...org(),
    name: "Billing",
    policy: "manual",
    channels: ["sms"], // not the chat thread's channel: nothing routes it there
  });
  await owner().mutation(api.threads.sla.saveTeam, { ...org(), teamId, firstResponseMinutes: 45 });
  await finishSweeps();
  const threadId = await writes(await newCustomer(), "Refund please");
  expect((await threadOf(threadId)).sla).toBeUndefined();
  vi.setSystemTime(t0 + 10 * MINUTE);
  await owner().mutation(api.threads.teams.setThreadTeam, { ...org(), threadId, teamId });
  expect(timers(await threadOf(threadId))).toEqual({
    response: { kind: "first_response", since: t0, dueAt: t0 + 45 * MINUTE },
    resolution: undefined,
  });
  // Out of the team again: no policy applies, the timer is dropped.
  await owner().mutation(api.threads.teams.setThreadTeam, { ...org(), threadId, teamId: null });
  expect(timers(await threadOf(threadId))).toEqual({ response: undefined, resolution: undefined });
});

test("a first policy over hundreds of waiting threads starts them in bounded pages, each once", async () => {
  const count = 2 * REPLAN_BATCH + 7;
  const start = Date.now();
  // Threads with a customer message and no timers (stored as ingest stores them, before any policy).
  const ids = await t.run((ctx) =>
    insertWaitingThreads(ctx, a.organizationId, {
      count,
      at: start,
      shape: (i) => ({ lastMessageAt: start - i * MINUTE, createdAt: start - i * MINUTE }),
      each: async (thread, i) => {
        await ctx.db.insert("unifiedMessages", {
          organizationId: a.organizationId,
          threadId: thread._id,
          contactId: thread.contactId,
          channel: "sms",
          provider: "twilio",
          direction: "inbound",
          status: "received",
          from: "+14155550100",
          to: ORG_A.phone,
          text: `#${i}`,
          attachments: [],
          sentAt: thread.lastMessageAt,
          statusHistory: [],
        });
      },
    }),
  );
  vi.setSystemTime(start + MINUTE);
  await savePolicy({ firstResponseMinutes: 600 });
  expect((await threadOf(ids[0]!)).sla).toBeUndefined(); // the save only started the sweep
  await finishSweeps();
  const threads = await t.run(async (ctx) => Promise.all(ids.map((id) => ctx.db.get(id))));
  expect(threads.map((x, i) => x?.sla?.response?.dueAt === start - i * MINUTE + 600 * MINUTE)).not.toContain(false);
  expect((await jobs()).breaches).toHaveLength(count);
  const pages = await t.run(async (ctx) =>
    (await ctx.db.system.query("_scheduled_functions").collect()).filter((j) => j.name.endsWith("sla:replanPage")),
  );
  // open: 138 threads (pages of 100 and 38), pending: 69 (one page), snoozed: none (one empty page).
  expect(pages).toHaveLength(4);
});
