import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { requestSession, startSession } from "./chatWidget";
import { type Backend, newBackend, ORG_A, ORG_B, type SeededOrg, seedOrg } from "./harness";
import { twilioSms } from "./signers";

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;

const as = (org: SeededOrg) => t.withIdentity(org.identity);

async function sms(from: string, to: string, text: string, sid: string) {
  const req = await twilioSms(from, to, text, sid);
  const res = await t.fetch(req.path, req.init);
  expect(res.status, await res.clone().text()).toBe(200);
}

async function threads(org: SeededOrg, args: Record<string, unknown> = {}, numItems = 50) {
  return as(org).query(api.threads.inbox.list, {
    organizationId: org.organizationId,
    paginationOpts: { numItems, cursor: null },
    ...args,
  });
}

async function visitorPost(widgetKey: string, token: string, body: object) {
  return t.fetch(`/webhooks/chat/${widgetKey}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  b = await seedOrg(t, "org-b", ORG_B);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("inbox list filters", () => {
  test("status, channel, assignee and search narrow the list", async () => {
    await sms("+14155559001", ORG_A.phone, "Where is my parcel?", "SM00000000000000000000000000000001");
    vi.setSystemTime(new Date("2026-11-25T12:01:00Z"));
    await sms("+14155559002", ORG_A.phone, "Invoice 42 looks wrong", "SM00000000000000000000000000000002");
    const all = await threads(a);
    expect(all.page.map((p) => p.lastMessagePreview)).toEqual(["Invoice 42 looks wrong", "Where is my parcel?"]);
    expect(all.isDone).toBe(true);

    expect((await threads(a, { search: "INVOICE" })).page.map((p) => p.lastMessagePreview)).toEqual([
      "Invoice 42 looks wrong",
    ]);
    expect((await threads(a, { channel: "email" })).page).toHaveLength(0);
    expect((await threads(a, { channel: "sms" })).page).toHaveLength(2);

    const target = all.page[1]!._id;
    const assignees = await as(a).query(api.threads.assignment.listAssignees, { organizationId: a.organizationId });
    const me = assignees.find((m) => m.isMe)!;
    await as(a).mutation(api.threads.assignment.assign, {
      organizationId: a.organizationId,
      threadId: target,
      assigneeId: me._id,
    });
    expect((await threads(a, { assignee: "me" })).page.map((p) => p._id)).toEqual([target]);
    expect((await threads(a, { assignee: me._id })).page.map((p) => p._id)).toEqual([target]);
    expect((await threads(a, { assignee: "unassigned" })).page.map((p) => p._id)).toEqual([all.page[0]!._id]);

    await as(a).mutation(api.threads.threads.setStatus, {
      organizationId: a.organizationId,
      threadId: target,
      status: "closed",
    });
    expect((await threads(a, { status: "closed" })).page.map((p) => p._id)).toEqual([target]);
    expect((await threads(a, { status: "open" })).page.map((p) => p._id)).toEqual([all.page[0]!._id]);
    expect((await threads(a, { status: "open", assignee: "me" })).page).toHaveLength(0);
  });

  test("pages follow the cursor without repeating a thread", async () => {
    for (let i = 0; i < 5; i++) {
      vi.setSystemTime(new Date(Date.UTC(2026, 10, 25, 12, i)));
      await sms(`+1415555910${i}`, ORG_A.phone, `message ${i}`, `SM0000000000000000000000000000010${i}`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let round = 0; round < 5; round++) {
      const res: Awaited<ReturnType<typeof threads>> = await as(a).query(api.threads.inbox.list, {
        organizationId: a.organizationId,
        paginationOpts: { numItems: 2, cursor },
      });
      seen.push(...res.page.map((p) => p.lastMessagePreview));
      if (res.isDone) break;
      cursor = res.continueCursor;
    }
    expect(seen).toEqual(["message 4", "message 3", "message 2", "message 1", "message 0"]);
  });
});

describe("thread actions", () => {
  test("mark read, snooze and wake, close and re-open", async () => {
    await sms("+14155559001", ORG_A.phone, "hello", "SM00000000000000000000000000000001");
    const [thread] = (await threads(a)).page;
    expect(thread!.unreadCount).toBe(1);
    const threadId = thread!._id;
    const org = a.organizationId;

    await as(a).mutation(api.threads.threads.markRead, { organizationId: org, threadId });
    expect((await threads(a)).page[0]!.unreadCount).toBe(0);

    await expect(
      as(a).mutation(api.threads.threads.snooze, { organizationId: org, threadId, until: Date.now() - 1 }),
    ).rejects.toThrow(/future/);
    const until = Date.now() + 60 * 60 * 1000;
    await as(a).mutation(api.threads.threads.snooze, { organizationId: org, threadId, until });
    expect((await threads(a, { status: "snoozed" })).page.map((p) => p.snoozedUntil)).toEqual([until]);

    await t.mutation(internal.threads.threads.wake, { threadId, until });
    expect((await threads(a, { status: "open" })).page.map((p) => p._id)).toEqual([threadId]);

    // A stale wake-up (snoozed again later) does not re-open the thread.
    await as(a).mutation(api.threads.threads.snooze, { organizationId: org, threadId, until: until + 1000 });
    await t.mutation(internal.threads.threads.wake, { threadId, until });
    expect((await threads(a, { status: "snoozed" })).page).toHaveLength(1);

    await as(a).mutation(api.threads.threads.setStatus, { organizationId: org, threadId, status: "closed" });
    expect((await threads(a, { status: "closed" })).page).toHaveLength(1);
    await as(a).mutation(api.threads.threads.setStatus, { organizationId: org, threadId, status: "open" });
    expect((await threads(a, { status: "open" })).page).toHaveLength(1);
  });

  test("another organization can neither list nor act on the thread", async () => {
    await sms("+14155559001", ORG_A.phone, "secret", "SM00000000000000000000000000000001");
    const threadId = (await threads(a)).page[0]!._id;
    expect((await threads(b)).page).toHaveLength(0);
    const orgB = b.organizationId;
    for (const call of [
      () => as(b).mutation(api.threads.threads.markRead, { organizationId: orgB, threadId }),
      () => as(b).mutation(api.threads.threads.setStatus, { organizationId: orgB, threadId, status: "closed" }),
      () => as(b).mutation(api.threads.assignment.assign, { organizationId: orgB, threadId, assigneeId: null }),
      () => as(b).mutation(api.threads.threads.snooze, { organizationId: orgB, threadId, until: Date.now() + 1000 }),
    ]) {
      await expect(call()).rejects.toThrow(/Not found/);
    }
    // Naming organization A while being a member of B only is refused too.
    await expect(
      as(b).mutation(api.threads.threads.markRead, { organizationId: a.organizationId, threadId }),
    ).rejects.toThrow(/not a member/);
    await expect(t.query(api.threads.assignment.listAssignees, { organizationId: a.organizationId })).rejects.toThrow(
      /Sign in/,
    );

    // Assigning to a member of another organization is refused.
    const bMember = (await as(b).query(api.threads.assignment.listAssignees, { organizationId: orgB }))[0]!._id;
    await expect(
      as(a).mutation(api.threads.assignment.assign, {
        organizationId: a.organizationId,
        threadId,
        assigneeId: bMember,
      }),
    ).rejects.toThrow(/Not found/);
    await expect(threads(a, { assignee: bMember })).rejects.toThrow(/Not found/);
  });
});

describe("visitor chat", () => {
  test("a visitor starts a session, writes, and sees the agent's reply", async () => {
    const session = await startSession(t, ORG_A.chatSlug);
    expect(session.organizationId).toBe(a.organizationId);
    const view = {
      organizationId: session.organizationId,
      channelConfigId: session.channelConfigId,
      token: session.token,
    };
    expect((await t.query(api.chat.visitor.listMessages, view)).messages).toEqual([]);

    const res = await visitorPost(ORG_A.chatSlug, session.token, {
      clientMessageId: "c1",
      text: "Do you ship to Norway?",
      name: "Ola",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const afterPost = await t.query(api.chat.visitor.listMessages, view);
    expect(afterPost.messages.map((m) => [m.direction, m.text])).toEqual([["inbound", "Do you ship to Norway?"]]);

    const threadId = (await threads(a, { channel: "chat" })).page[0]!._id;
    await as(a).mutation(api.outbound.replies.send, {
      organizationId: a.organizationId,
      threadId,
      text: "Yes, in 3 days.",
    });
    const afterReply = await t.query(api.chat.visitor.listMessages, view);
    expect(afterReply.messages.map((m) => [m.direction, m.text])).toEqual([
      ["inbound", "Do you ship to Norway?"],
      ["outbound", "Yes, in 3 days."],
    ]);
    // The agent's email never reaches the visitor.
    expect(afterReply.messages[1]!.senderName).toBe("Support");

    // Resuming with the token keeps the same visitor.
    const resumed = await startSession(t, ORG_A.chatSlug, { token: session.token });
    expect(resumed.visitorId).toBe(session.visitorId);
  });

  test("a visitor sees only their own conversation and needs a valid token", async () => {
    const one = await startSession(t, ORG_A.chatSlug);
    const two = await startSession(t, ORG_A.chatSlug);
    expect(two.visitorId).not.toBe(one.visitorId);
    expect((await visitorPost(ORG_A.chatSlug, one.token, { clientMessageId: "c1", text: "from one" })).status).toBe(
      200,
    );
    const viewTwo = await t.query(api.chat.visitor.listMessages, {
      organizationId: two.organizationId,
      channelConfigId: two.channelConfigId,
      token: two.token,
    });
    expect(viewTwo.messages).toEqual([]);

    // A forged token is refused.
    const bSession = await startSession(t, ORG_B.chatSlug);
    await expect(
      t.query(api.chat.visitor.listMessages, {
        organizationId: b.organizationId,
        channelConfigId: bSession.channelConfigId,
        token: `${one.token}x`,
      }),
    ).rejects.toThrow(/expired/);
    // Org A's visitor shown through org B's widget (the harness shares one secret) sees nothing of A.
    const crossed = await t.query(api.chat.visitor.listMessages, {
      organizationId: b.organizationId,
      channelConfigId: bSession.channelConfigId,
      token: one.token,
    });
    expect(crossed.messages).toEqual([]);
    // And org A's config cannot be read under org B's id.
    await expect(
      t.query(api.chat.visitor.listMessages, {
        organizationId: b.organizationId,
        channelConfigId: one.channelConfigId,
        token: one.token,
      }),
    ).rejects.toThrow(/not available/);
    expect((await requestSession(t, "no-such-widget")).status).toBe(404);
  });

  test("a disabled chat channel issues no sessions", async () => {
    await as(a).mutation(api.channels.settings.setEnabled, {
      organizationId: a.organizationId,
      channelConfigId: a.configs.native as Id<"channelConfigs">,
      enabled: false,
    });
    const refused = await requestSession(t, ORG_A.chatSlug);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toMatch(/not available/);
  });
});

describe("contacts directory", () => {
  test("lists the organization's contacts, newest first, with a name-prefix search", async () => {
    await sms("+14155559001", ORG_A.phone, "first", "SM00000000000000000000000000000001");
    vi.setSystemTime(new Date("2026-11-25T12:05:00Z"));
    await sms("+14155559002", ORG_A.phone, "second", "SM00000000000000000000000000000002");
    const list = await as(a).query(api.contacts.contacts.search, {
      organizationId: a.organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(list.page.map((c) => c.primaryPhone)).toEqual(["+14155559002", "+14155559001"]);
    const name = list.page[0]!.displayName;
    const found = await as(a).query(api.contacts.contacts.search, {
      organizationId: a.organizationId,
      search: name.slice(0, 6),
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(found.page.map((c) => c.displayName)).toContain(name);
    const other = await as(b).query(api.contacts.contacts.search, {
      organizationId: b.organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(other.page).toEqual([]);
  });
});
