/**
 * Issue 11 item 8: typing indicators both ways (throttled, expiring, rate-limited for visitors,
 * per organization) and per-agent read markers that drive unread badges and the visitor's "read".
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { MAX_UNREAD_COUNTED } from "../convex/threads/reads";
import { TYPING_THROTTLE_MS, TYPING_TTL_MS } from "../convex/threads/typing";
import { postChat, startSession, type VisitorSession, viewOf } from "./chatWidget";
import { addMember, type Backend, newBackend, ORG_A, ORG_B, type SeededOrg, seedOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;
let visitor: VisitorSession;
let threadId: Id<"conversationThreads">;
let agent: ReturnType<Backend["withIdentity"]>;
let agentId: Id<"members">;
let n = 0;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  b = await seedOrg(t, "org-b", ORG_B);
  const grace = await addMember(t, a.organizationId, {
    slug: "agent-grace",
    name: "Grace",
    email: "grace@a.test",
    role: "agent",
  });
  agentId = grace.memberId;
  agent = t.withIdentity(grace.identity);
  visitor = await startSession(t, ORG_A.chatSlug, {});
  await say("hello, anyone there?");
  threadId = (await t.run((ctx) =>
    ctx.db
      .query("conversationThreads")
      .withIndex("by_org_last", (q) => q.eq("organizationId", a.organizationId))
      .first(),
  ))!._id;
});

afterEach(() => {
  vi.useRealTimers();
});

async function say(text: string) {
  const res = await postChat(t, ORG_A.chatSlug, visitor.token, { clientMessageId: `m${++n}`, text });
  expect(res.status).toBe(200);
}

const owner = () => t.withIdentity(a.identity);
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
const indicators = () =>
  t.run((ctx) =>
    ctx.db
      .query("typingIndicators")
      .withIndex("by_thread_typist", (q) => q.eq("organizationId", a.organizationId).eq("threadId", threadId))
      .collect(),
  );
const markers = () =>
  t.run((ctx) =>
    ctx.db
      .query("threadReads")
      .withIndex("by_thread_read", (q) => q.eq("organizationId", a.organizationId).eq("threadId", threadId))
      .collect(),
  );

describe("typing", () => {
  test("an agent's typing reaches the visitor and other agents, throttled to one write per window", async () => {
    const args = { organizationId: a.organizationId, threadId, typing: true };
    expect(await agent.mutation(api.threads.typing.setTyping, args)).toBe("written");
    const first = (await indicators())[0]!;
    // Keystrokes within the window write nothing.
    advance(TYPING_THROTTLE_MS - 1);
    expect(await agent.mutation(api.threads.typing.setTyping, args)).toBe("throttled");
    expect(await indicators()).toEqual([first]);
    advance(1);
    expect(await agent.mutation(api.threads.typing.setTyping, args)).toBe("written");
    const renewed = (await indicators())[0]!;
    expect(renewed.typingUntil).toBe(Date.now() + TYPING_TTL_MS);
    expect(await indicators()).toHaveLength(1);

    const seen = await t.query(api.chat.visitor.listMessages, viewOf(visitor));
    expect(seen.agentTyping).toEqual({ name: "Grace", typingUntil: renewed.typingUntil });
    // The owner sees Grace typing; Grace does not see herself.
    expect(await owner().query(api.threads.typing.listTyping, { organizationId: a.organizationId, threadId })).toEqual([
      { role: "agent", name: "Grace", typingUntil: renewed.typingUntil },
    ]);
    expect(await agent.query(api.threads.typing.listTyping, { organizationId: a.organizationId, threadId })).toEqual(
      [],
    );
    // Stop: the indicator ends now.
    expect(await agent.mutation(api.threads.typing.setTyping, { ...args, typing: false })).toBe("written");
    expect((await indicators())[0]!.typingUntil).toBe(Date.now());
    expect(await agent.mutation(api.threads.typing.setTyping, { ...args, typing: false })).toBe("unchanged");
  });

  test("the visitor's typing reaches the agents and expires: the row is deleted by its scheduled job", async () => {
    const view = { ...viewOf(visitor), typing: true };
    expect(await t.mutation(api.chat.visitor.setTyping, view)).toBe("written");
    const [row] = await indicators();
    expect(row).toMatchObject({ typist: "visitor", role: "visitor", typingUntil: Date.now() + TYPING_TTL_MS });
    expect(await agent.query(api.threads.typing.listTyping, { organizationId: a.organizationId, threadId })).toEqual([
      { role: "visitor", name: "Visitor", typingUntil: row!.typingUntil },
    ]);
    const jobs = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    expect(jobs.filter((j) => j.name.includes("typing") && j.args[0]?.indicatorId === row!._id)).toHaveLength(1);

    // Renewed before it expires: the expiry job looks again later instead of deleting.
    advance(TYPING_THROTTLE_MS);
    await t.mutation(api.chat.visitor.setTyping, view);
    advance(TYPING_TTL_MS - TYPING_THROTTLE_MS);
    await t.mutation(internal.threads.typing.expire, { indicatorId: row!._id });
    expect(await indicators()).toHaveLength(1);
    advance(TYPING_THROTTLE_MS + 1);
    await t.mutation(internal.threads.typing.expire, { indicatorId: row!._id });
    expect(await indicators()).toEqual([]);
  });

  test("a visitor toggling typing as fast as the throttle allows is rate-limited", async () => {
    const results: string[] = [];
    for (let i = 0; i < 60; i++) {
      results.push(await t.mutation(api.chat.visitor.setTyping, { ...viewOf(visitor), typing: true }));
      results.push(await t.mutation(api.chat.visitor.setTyping, { ...viewOf(visitor), typing: false }));
      advance(TYPING_THROTTLE_MS);
    }
    const written = results.filter((r) => r === "written").length;
    // 120 calls in 3 minutes: without the limiter all 120 would write.
    expect(written).toBeLessThan(110);
    expect(written).toBeGreaterThan(60);
  });

  test("a visitor without a conversation or with a bad token writes nothing", async () => {
    const stranger = await startSession(t, ORG_A.chatSlug, {});
    expect(await t.mutation(api.chat.visitor.setTyping, { ...viewOf(stranger), typing: true })).toBe("unchanged");
    await expect(
      t.mutation(api.chat.visitor.setTyping, { ...viewOf(visitor), token: `${visitor.token}x`, typing: true }),
    ).rejects.toThrow(/expired/);
    expect(await indicators()).toEqual([]);
  });

  test("never across organizations", async () => {
    await agent.mutation(api.threads.typing.setTyping, { organizationId: a.organizationId, threadId, typing: true });
    const asB = t.withIdentity(b.identity);
    await expect(
      asB.query(api.threads.typing.listTyping, { organizationId: b.organizationId, threadId }),
    ).rejects.toThrow();
    await expect(
      asB.mutation(api.threads.typing.setTyping, { organizationId: b.organizationId, threadId, typing: true }),
    ).rejects.toThrow();
    // Org B's widget session cannot type or read in org A's widget.
    const other = await startSession(t, ORG_B.chatSlug, {});
    await expect(
      t.mutation(api.chat.visitor.setTyping, {
        ...viewOf(other),
        channelConfigId: visitor.channelConfigId,
        typing: true,
      }),
    ).rejects.toThrow();
    await expect(
      t.query(api.chat.visitor.listMessages, { ...viewOf(visitor), organizationId: b.organizationId }),
    ).rejects.toThrow();
    expect((await indicators()).map((r) => r.typist)).toEqual([agentId]);
  });
});

describe("read state", () => {
  test("per-agent markers drive unread counts; reading again writes nothing", async () => {
    await say("second");
    const unread = (who: ReturnType<Backend["withIdentity"]>) =>
      who.query(api.threads.reads.unread, { organizationId: a.organizationId, threadIds: [threadId] });
    expect(await unread(agent)).toEqual([{ threadId, unread: 2, more: false }]);
    expect(await unread(owner())).toEqual([{ threadId, unread: 2, more: false }]);

    await agent.mutation(api.threads.threads.markRead, { organizationId: a.organizationId, threadId });
    expect(await unread(agent)).toEqual([{ threadId, unread: 0, more: false }]);
    // The owner has not read it: their badge stays.
    expect(await unread(owner())).toEqual([{ threadId, unread: 2, more: false }]);
    const [marker] = await markers();
    advance(1000);
    await agent.mutation(api.threads.threads.markRead, { organizationId: a.organizationId, threadId });
    expect(await markers()).toEqual([marker]);

    advance(1000);
    await say("third");
    expect(await unread(agent)).toEqual([{ threadId, unread: 1, more: false }]);
    expect(await unread(owner())).toEqual([{ threadId, unread: 3, more: false }]);
    await owner().mutation(api.threads.threads.markRead, { organizationId: a.organizationId, threadId });
    expect(await markers()).toHaveLength(2);
  });

  test("the count is bounded", async () => {
    for (let i = 0; i < MAX_UNREAD_COUNTED + 3; i++) {
      advance(3_100); // the visitor's message bucket refills one per 3 s
      await say(`message ${i}`);
    }
    expect(
      await agent.query(api.threads.reads.unread, { organizationId: a.organizationId, threadIds: [threadId] }),
    ).toEqual([{ threadId, unread: MAX_UNREAD_COUNTED, more: true }]);
    await expect(
      agent.query(api.threads.reads.unread, {
        organizationId: a.organizationId,
        threadIds: Array.from({ length: 101 }, () => threadId),
      }),
    ).rejects.toThrow(/At most/);
  });

  test("the visitor sees 'read' once an agent opened the thread", async () => {
    const before = await t.query(api.chat.visitor.listMessages, viewOf(visitor));
    expect(before.readUpTo).toBeNull();
    advance(5000);
    await agent.mutation(api.threads.threads.markRead, { organizationId: a.organizationId, threadId });
    const after = await t.query(api.chat.visitor.listMessages, viewOf(visitor));
    expect(after.readUpTo).toBeGreaterThanOrEqual(after.messages.at(-1)!.sentAt);
    advance(1000);
    await say("one more");
    const latest = await t.query(api.chat.visitor.listMessages, viewOf(visitor));
    expect(latest.messages.at(-1)!.sentAt).toBeGreaterThan(latest.readUpTo!);
  });

  test("another organization's member reads nothing and marks nothing", async () => {
    const asB = t.withIdentity(b.identity);
    expect(
      await asB.query(api.threads.reads.unread, { organizationId: b.organizationId, threadIds: [threadId] }),
    ).toEqual([]);
    await expect(
      asB.mutation(api.threads.threads.markRead, { organizationId: b.organizationId, threadId }),
    ).rejects.toThrow();
    expect(await markers()).toEqual([]);
  });
});
