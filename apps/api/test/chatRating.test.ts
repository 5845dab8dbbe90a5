/**
 * The chat widget's built-in rating prompt: once a chat conversation is resolved, the visitor's
 * own view carries the rating request with its signed token, and `chat.visitor.rate` lands the
 * score through the same CSAT path as the link (threads/csat.ts): on the request, the thread and
 * the reports. A visitor cannot rate another visitor's conversation, nor use a forged token.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import { postChat, startSession, type VisitorSession, viewOf } from "./chatWidget";
import { type Backend, newBackend, ORG_A, type SeededOrg, seedOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
let n = 0;

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-20T12:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  await t
    .withIdentity(a.identity)
    .mutation(api.threads.sla.save, { organizationId: a.organizationId, csatEnabled: true });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A visitor writes, and an agent resolves their conversation (the rating request goes out). */
async function resolvedConversation(): Promise<VisitorSession> {
  const visitor = await startSession(t, ORG_A.chatSlug, {});
  const res = await postChat(t, ORG_A.chatSlug, visitor.token, { clientMessageId: `m${++n}`, text: "Help please" });
  expect(res.status).toBe(200);
  const { messages } = await t.query(api.chat.visitor.listMessages, viewOf(visitor));
  const threadId = await t.run(async (ctx) => (await ctx.db.get(messages[0]!._id))!.threadId);
  await t.withIdentity(a.identity).mutation(api.threads.threads.setStatus, {
    organizationId: a.organizationId,
    threadId,
    status: "closed",
  });
  await t.finishInProgressScheduledFunctions();
  vi.advanceTimersByTime(1);
  await t.finishInProgressScheduledFunctions();
  return visitor;
}

const requests = () =>
  t.run((ctx) =>
    ctx.db
      .query("csatRequests")
      .withIndex("by_org_rated", (q) => q.eq("organizationId", a.organizationId))
      .collect(),
  );

describe("rating prompt in the chat widget", () => {
  test("a resolved conversation shows the prompt; the visitor's score lands on the thread once", async () => {
    const visitor = await resolvedConversation();
    const view = await t.query(api.chat.visitor.listMessages, viewOf(visitor));
    const [request] = await requests();
    expect(view.rating).toMatchObject({ messageId: request!.messageId, score: null });
    expect(view.rating!.token).toMatch(/^[^.]+\.\d+\.[0-9a-f]{64}$/);
    // The prompt's message is the request's, so the widget shows buttons in its place.
    expect(view.messages.map((m) => m._id)).toContain(request!.messageId);

    expect(await t.mutation(api.chat.visitor.rate, { ...viewOf(visitor), rating: view.rating!.token!, score: 5 })).toBe(
      "rated",
    );
    const [rated] = await requests();
    expect(rated).toMatchObject({ score: 5 });
    const thread = await t.run((ctx) => ctx.db.get(rated!.threadId));
    expect(thread!.csat).toMatchObject({ score: 5 });
    // The reports' CSAT counters moved (the same path as the link).
    const buckets = await t.run((ctx) =>
      ctx.db
        .query("reportBuckets")
        .withIndex("by_org_dimension_day", (q) => q.eq("organizationId", a.organizationId).eq("dimension", "channel"))
        .collect(),
    );
    expect(buckets.reduce((sum, b) => sum + (b.csat?.sum ?? 0), 0)).toBe(5);

    const after = await t.query(api.chat.visitor.listMessages, viewOf(visitor));
    expect(after.rating).toMatchObject({ score: 5, token: null });
    expect(await t.mutation(api.chat.visitor.rate, { ...viewOf(visitor), rating: view.rating!.token!, score: 1 })).toBe(
      "already_rated",
    );
    expect((await requests())[0]!.score).toBe(5);
  });

  test("another visitor cannot rate this conversation, and forged tokens or bad scores are refused", async () => {
    const first = await resolvedConversation();
    const token = (await t.query(api.chat.visitor.listMessages, viewOf(first))).rating!.token!;
    const other = await startSession(t, ORG_A.chatSlug, {});
    await postChat(t, ORG_A.chatSlug, other.token, { clientMessageId: "o1", text: "Me too" });
    // The other visitor's conversation is open: no prompt, and the first visitor's token is not theirs.
    expect((await t.query(api.chat.visitor.listMessages, viewOf(other))).rating).toBeNull();
    await expect(t.mutation(api.chat.visitor.rate, { ...viewOf(other), rating: token, score: 1 })).rejects.toThrow(
      /not valid/,
    );
    const [id, exp, mac] = token.split(".") as [string, string, string];
    for (const forged of [`${id}.${Number(exp) + 1}.${mac}`, `${id}.${exp}.${"0".repeat(64)}`, "nonsense"])
      await expect(t.mutation(api.chat.visitor.rate, { ...viewOf(first), rating: forged, score: 4 })).rejects.toThrow(
        /not valid/,
      );
    for (const score of [0, 6, 2.5])
      await expect(t.mutation(api.chat.visitor.rate, { ...viewOf(first), rating: token, score })).rejects.toThrow(
        /not valid/,
      );
    // A visitor token that does not verify is refused before anything else.
    await expect(
      t.mutation(api.chat.visitor.rate, { ...viewOf(first), token: `${first.token}x`, rating: token, score: 4 }),
    ).rejects.toThrow(/expired/);
    expect((await requests()).map((r) => r.score)).toEqual([undefined]);
  });

  test("no prompt while the conversation is open or when ratings are off", async () => {
    await t
      .withIdentity(a.identity)
      .mutation(api.threads.sla.save, { organizationId: a.organizationId, csatEnabled: false });
    const visitor = await resolvedConversation();
    expect((await t.query(api.chat.visitor.listMessages, viewOf(visitor))).rating).toBeNull();
    expect(await requests()).toHaveLength(0);
  });
});
