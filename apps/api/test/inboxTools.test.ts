/**
 * Issue 11, items 1-3: private notes with @mentions and notifications, saved replies, labels.
 * Each feature is checked by its effects (rows stored, rows not stored) and its permissions:
 * another member, an agent versus an admin, and another organization.
 */
import { beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import {
  addMember,
  type Backend,
  newBackend,
  ORG_A,
  ORG_B,
  type SeededOrg,
  seedOrg,
  type TestIdentity,
} from "./harness";
import { twilioSms } from "./signers";

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;
/** A second member of A, an agent: Sam Rivera <sam@org-a.test>. */
let sam: { memberId: Id<"members">; identity: TestIdentity };
let ownerMemberId: Id<"members">;
let threadA: Id<"conversationThreads">;

const as = (who: { identity: TestIdentity }) => t.withIdentity(who.identity);

async function sms(from: string, to: string, text: string, sid: string) {
  const req = twilioSms(from, to, text, sid);
  const res = await t.fetch(req.path, req.init);
  expect(res.status).toBe(200);
}

/** An agent of `org`, signed in. */
const addAgent = (org: SeededOrg, slug: string, name: string) =>
  addMember(t, org.organizationId, { slug, name, role: "agent", email: `${slug}@org-a.test` });

const rows = <T extends "threadNotes" | "notifications" | "unifiedMessages" | "threadLabels" | "savedReplies">(
  table: T,
) => t.run((ctx) => ctx.db.query(table).collect());

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  b = await seedOrg(t, "org-b", ORG_B);
  await t.run((ctx) =>
    ctx.db
      .query("members")
      .withIndex("by_org_user", (q) => q.eq("organizationId", a.organizationId).eq("userId", a.userId))
      .first()
      .then((m) => ctx.db.patch(m!._id, { name: "Olive Owner" })),
  );
  ownerMemberId = (await t.run((ctx) =>
    ctx.db
      .query("members")
      .withIndex("by_org_user", (q) => q.eq("organizationId", a.organizationId).eq("userId", a.userId))
      .first(),
  ))!._id;
  sam = await addAgent(a, "sam", "Sam Rivera");
  await sms("+14155559001", ORG_A.phone, "Where is my parcel?", "SM00000000000000000000000000000001");
  threadA = (await t.run((ctx) => ctx.db.query("conversationThreads").first()))!._id;
});

describe("private notes with @mentions", () => {
  test("a note mentioning a teammate notifies them, is never a message and never queued", async () => {
    const before = await t.run((ctx) => ctx.db.get(threadA));
    const messagesBefore = (await rows("unifiedMessages")).length;
    await as(a).mutation(api.threads.notes.create, {
      organizationId: a.organizationId,
      threadId: threadA,
      text: "@sam can you check the parcel? (not you, @owner)",
    });
    const notes = await as(sam).query(api.threads.notes.list, { organizationId: a.organizationId, threadId: threadA });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ authorName: "Olive Owner", authorMemberId: ownerMemberId });
    expect(notes[0]!.mentionMemberIds).toEqual([sam.memberId, ownerMemberId]);

    // Not a message: no unifiedMessages row, no outbound attempt, the thread's counters untouched.
    expect((await rows("unifiedMessages")).length).toBe(messagesBefore);
    const after = await t.run((ctx) => ctx.db.get(threadA));
    expect(after).toMatchObject({ messageCount: before!.messageCount, lastMessagePreview: before!.lastMessagePreview });

    // Sam is notified; the author mentioning themselves is not.
    const notifications = await rows("notifications");
    expect(notifications.map((n) => n.memberId)).toEqual([sam.memberId]);
    expect(await as(sam).query(api.threads.notifications.unreadCount, { organizationId: a.organizationId })).toBe(1);
    expect(await as(a).query(api.threads.notifications.unreadCount, { organizationId: a.organizationId })).toBe(0);
    const list = await as(sam).query(api.threads.notifications.list, { organizationId: a.organizationId });
    expect(list[0]).toMatchObject({ kind: "mention", threadId: threadA, authorName: "Olive Owner" });
    expect(list[0]!.contactName).toBeTruthy();

    // Only Sam can mark Sam's notification read.
    await expect(
      as(a).mutation(api.threads.notifications.markRead, {
        organizationId: a.organizationId,
        notificationId: list[0]!._id,
      }),
    ).rejects.toThrow(/Not found/);
    await as(sam).mutation(api.threads.notifications.markRead, {
      organizationId: a.organizationId,
      notificationId: list[0]!._id,
    });
    expect(await as(sam).query(api.threads.notifications.unreadCount, { organizationId: a.organizationId })).toBe(0);
  });

  test("markAllRead clears the caller's unread notifications only", async () => {
    const carol = await addAgent(a, "carol", "Carol Diaz");
    for (const text of ["@sam one", "@sam two", "@carol three"])
      await as(a).mutation(api.threads.notes.create, { organizationId: a.organizationId, threadId: threadA, text });
    expect(await as(sam).mutation(api.threads.notifications.markAllRead, { organizationId: a.organizationId })).toBe(2);
    expect(await as(sam).query(api.threads.notifications.unreadCount, { organizationId: a.organizationId })).toBe(0);
    expect(await as(carol).query(api.threads.notifications.unreadCount, { organizationId: a.organizationId })).toBe(1);
  });

  test("empty or oversized notes are refused with nothing stored; another organization gets nothing", async () => {
    for (const text of ["   ", "x".repeat(4001)])
      await expect(
        as(a).mutation(api.threads.notes.create, { organizationId: a.organizationId, threadId: threadA, text }),
      ).rejects.toThrow(/note/);
    await expect(
      as(b).mutation(api.threads.notes.create, { organizationId: b.organizationId, threadId: threadA, text: "hi" }),
    ).rejects.toThrow(/Not found/);
    await expect(
      as(b).query(api.threads.notes.list, { organizationId: a.organizationId, threadId: threadA }),
    ).rejects.toThrow(/not a member/);
    expect(await rows("threadNotes")).toHaveLength(0);
  });
});

describe("saved replies", () => {
  const reply = {
    title: "Refund",
    shortcut: "refund",
    body: "Hi {{contact.firstName|there}}, {{agent.firstName}} here.",
  };

  test("organization-wide replies are managed by admins and seen by every member", async () => {
    await expect(
      as(sam).mutation(api.threads.savedReplies.create, {
        organizationId: a.organizationId,
        scope: "organization",
        ...reply,
      }),
    ).rejects.toThrow(/owners and admins/);
    const id = await as(a).mutation(api.threads.savedReplies.create, {
      organizationId: a.organizationId,
      scope: "organization",
      ...reply,
    });
    const seen = await as(sam).query(api.threads.savedReplies.list, { organizationId: a.organizationId });
    expect(seen.replies).toEqual([expect.objectContaining({ _id: id, scope: "organization", shortcut: "refund" })]);
    expect(seen.canManageOrganization).toBe(false);
    expect(seen.context).toEqual({
      agent: { name: "Sam Rivera", email: "sam@org-a.test" },
      organization: { name: "Org org-a" },
    });
    await expect(
      as(sam).mutation(api.threads.savedReplies.remove, { organizationId: a.organizationId, savedReplyId: id }),
    ).rejects.toThrow(/owners and admins/);
    await as(a).mutation(api.threads.savedReplies.update, {
      organizationId: a.organizationId,
      savedReplyId: id,
      ...reply,
      title: "Refund policy",
    });
    expect((await rows("savedReplies"))[0]!.title).toBe("Refund policy");
  });

  test("personal replies are private to their owner", async () => {
    const id = await as(sam).mutation(api.threads.savedReplies.create, {
      organizationId: a.organizationId,
      scope: "personal",
      ...reply,
    });
    expect(
      (await as(sam).query(api.threads.savedReplies.list, { organizationId: a.organizationId })).replies,
    ).toHaveLength(1);
    // The owner of the organization neither sees nor changes Sam's personal reply.
    expect((await as(a).query(api.threads.savedReplies.list, { organizationId: a.organizationId })).replies).toEqual(
      [],
    );
    for (const call of [
      () => as(a).mutation(api.threads.savedReplies.remove, { organizationId: a.organizationId, savedReplyId: id }),
      () =>
        as(a).mutation(api.threads.savedReplies.update, {
          organizationId: a.organizationId,
          savedReplyId: id,
          ...reply,
        }),
      () => as(b).mutation(api.threads.savedReplies.remove, { organizationId: b.organizationId, savedReplyId: id }),
    ])
      await expect(call()).rejects.toThrow(/Not found/);
    expect(await rows("savedReplies")).toHaveLength(1);
    // The same shortcut is fine in another scope, refused twice in one.
    await as(a).mutation(api.threads.savedReplies.create, {
      organizationId: a.organizationId,
      scope: "personal",
      ...reply,
    });
    await expect(
      as(sam).mutation(api.threads.savedReplies.create, {
        organizationId: a.organizationId,
        scope: "personal",
        ...reply,
      }),
    ).rejects.toThrow(/taken/);
  });

  test("unknown variables and malformed shortcuts are refused with nothing stored", async () => {
    for (const bad of [
      { ...reply, body: "Hi {{contact.password}}" },
      { ...reply, shortcut: "Not A Word" },
      { ...reply, title: "" },
    ])
      await expect(
        as(sam).mutation(api.threads.savedReplies.create, {
          organizationId: a.organizationId,
          scope: "personal",
          ...bad,
        }),
      ).rejects.toThrow(/invalid|unknown|shortcut|title/i);
    expect(await rows("savedReplies")).toHaveLength(0);
  });
});

describe("labels", () => {
  async function label(name: string, color = "#4f46e5") {
    return as(a).mutation(api.threads.labels.create, { organizationId: a.organizationId, name, color });
  }

  test("admins manage the catalogue; names are unique and colours validated", async () => {
    await expect(
      as(sam).mutation(api.threads.labels.create, { organizationId: a.organizationId, name: "VIP", color: "#ff0000" }),
    ).rejects.toThrow(/roles/);
    await label("VIP");
    await expect(label("vip")).rejects.toThrow(/exists/);
    await expect(label("Bad", "red")).rejects.toThrow(/color/);
    expect(
      (await as(sam).query(api.threads.labels.list, { organizationId: a.organizationId })).map((l) => l.name),
    ).toEqual(["VIP"]);
    expect(await as(b).query(api.threads.labels.list, { organizationId: b.organizationId })).toEqual([]);
  });

  test("labels on threads filter the inbox and roll up to the contact", async () => {
    const vip = await label("VIP", "#dc2626");
    const billing = await label("Billing", "#16a34a");
    // A second thread of the same contact (the first one closed), and a thread of another contact.
    await as(a).mutation(api.threads.threads.setStatus, {
      organizationId: a.organizationId,
      threadId: threadA,
      status: "closed",
    });
    await sms("+14155559001", ORG_A.phone, "Another question", "SM00000000000000000000000000000002");
    await sms("+14155559002", ORG_A.phone, "Unrelated", "SM00000000000000000000000000000003");
    const all = await t.run((ctx) => ctx.db.query("conversationThreads").collect());
    expect(all).toHaveLength(3);
    const second = all.find((x) => x._id !== threadA && x.contactId === all[0]!.contactId)!;
    const other = all.find((x) => x.contactId !== all[0]!.contactId)!;

    await as(sam).mutation(api.threads.labels.addToThread, {
      organizationId: a.organizationId,
      threadId: threadA,
      labelId: vip,
    });
    await as(sam).mutation(api.threads.labels.addToThread, {
      organizationId: a.organizationId,
      threadId: threadA,
      labelId: vip,
    }); // idempotent
    await as(sam).mutation(api.threads.labels.addToThread, {
      organizationId: a.organizationId,
      threadId: second._id,
      labelId: billing,
    });
    await as(sam).mutation(api.threads.labels.addToThread, {
      organizationId: a.organizationId,
      threadId: other._id,
      labelId: billing,
    });
    expect(await rows("threadLabels")).toHaveLength(3);

    const list = (args: Record<string, unknown>) =>
      as(sam).query(api.threads.inbox.list, {
        organizationId: a.organizationId,
        paginationOpts: { numItems: 20, cursor: null },
        ...args,
      });
    expect((await list({ label: vip })).page.map((x) => x._id)).toEqual([threadA]);
    expect(new Set((await list({ label: billing })).page.map((x) => x._id))).toEqual(new Set([second._id, other._id]));
    expect((await list({ label: billing, status: "open" })).page).toHaveLength(2);
    expect((await list({ label: vip, status: "open" })).page).toHaveLength(0);
    const unfiltered = await list({});
    expect(unfiltered.page.find((x) => x._id === threadA)!.labels.map((l) => l.name)).toEqual(["VIP"]);

    // The contact shows the labels of all its threads; the other contact only its own.
    const rollUp = await as(sam).query(api.threads.labels.forContact, {
      organizationId: a.organizationId,
      contactId: second.contactId,
    });
    expect(rollUp.map((l) => l.name)).toEqual(["Billing", "VIP"]);
    expect(
      (
        await as(sam).query(api.threads.labels.forContact, {
          organizationId: a.organizationId,
          contactId: other.contactId,
        })
      ).map((l) => l.name),
    ).toEqual(["Billing"]);

    await as(sam).mutation(api.threads.labels.removeFromThread, {
      organizationId: a.organizationId,
      threadId: threadA,
      labelId: vip,
    });
    expect(
      (
        await as(sam).query(api.threads.labels.forContact, {
          organizationId: a.organizationId,
          contactId: second.contactId,
        })
      ).map((l) => l.name),
    ).toEqual(["Billing"]);

    // Deleting a label removes it from every thread (scheduled batches).
    await as(a).mutation(api.threads.labels.remove, { organizationId: a.organizationId, labelId: billing });
    await t.finishAllScheduledFunctions(() => {});
    expect(await rows("threadLabels")).toHaveLength(0);
    await expect(list({ label: billing })).rejects.toThrow(/Not found/);
  });

  test("another organization can neither label A's threads nor use A's labels", async () => {
    const vip = await label("VIP");
    const bLabel = await as(b).mutation(api.threads.labels.create, {
      organizationId: b.organizationId,
      name: "B",
      color: "#000000",
    });
    await expect(
      as(b).mutation(api.threads.labels.addToThread, {
        organizationId: b.organizationId,
        threadId: threadA,
        labelId: bLabel,
      }),
    ).rejects.toThrow(/Not found/);
    await sms("+14155559003", ORG_B.phone, "B's customer", "SM00000000000000000000000000000004");
    const threadB = (await t.run((ctx) =>
      ctx.db
        .query("conversationThreads")
        .withIndex("by_org_last", (q) => q.eq("organizationId", b.organizationId))
        .first(),
    ))!._id;
    await expect(
      as(b).mutation(api.threads.labels.addToThread, {
        organizationId: b.organizationId,
        threadId: threadB,
        labelId: vip,
      }),
    ).rejects.toThrow(/Not found/);
    expect(await rows("threadLabels")).toHaveLength(0);
  });

  test("a contact merge carries the labels of the merged contact's threads (and undo takes them back)", async () => {
    vi.useFakeTimers();
    try {
      const vip = await label("VIP");
      await sms("+14155559002", ORG_A.phone, "Other person", "SM00000000000000000000000000000005");
      const threads = await t.run((ctx) => ctx.db.query("conversationThreads").collect());
      const survivor = threads.find((x) => x._id === threadA)!.contactId;
      const loserThread = threads.find((x) => x._id !== threadA)!;
      await as(a).mutation(api.threads.labels.addToThread, {
        organizationId: a.organizationId,
        threadId: loserThread._id,
        labelId: vip,
      });
      const forContact = (contactId: Id<"contacts">) =>
        as(a).query(api.threads.labels.forContact, { organizationId: a.organizationId, contactId });
      expect(await forContact(survivor)).toEqual([]);
      const mergeId = await as(a).mutation(api.contacts.merges.start, {
        organizationId: a.organizationId,
        survivorId: survivor,
        loserId: loserThread.contactId,
      });
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      expect((await forContact(survivor)).map((l) => l.name)).toEqual(["VIP"]);
      await as(a).mutation(api.contacts.merges.undo, { organizationId: a.organizationId, mergeId });
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      expect(await forContact(survivor)).toEqual([]);
      expect((await forContact(loserThread.contactId)).map((l) => l.name)).toEqual(["VIP"]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("purge deletes in bounded batches and reschedules itself", async () => {
    const vip = await label("VIP");
    const contactId = (await t.run((ctx) => ctx.db.get(threadA)))!.contactId;
    await t.run(async (ctx) => {
      for (let i = 0; i < 450; i++)
        await ctx.db.insert("threadLabels", {
          organizationId: a.organizationId,
          threadId: threadA,
          labelId: vip,
          contactId,
          createdAt: i,
        });
    });
    expect(await t.mutation(internal.threads.labels.purge, { organizationId: a.organizationId, labelId: vip })).toBe(
      200,
    );
    await t.finishAllScheduledFunctions(() => {});
    expect(await rows("threadLabels")).toHaveLength(0);
  });
});

describe("REST API v1: notes, labels, saved replies", () => {
  let key = "";
  const rest = (method: string, path: string, body?: unknown) =>
    t.fetch(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  beforeEach(async () => {
    key = (await as(a).action(api.rest.apiKeys.create, { organizationId: a.organizationId, name: "Helpdesk" })).key;
  });

  test("notes: created with mentions, listed, 404 for an unknown thread, 400 for an empty body", async () => {
    const created = await rest("POST", `/api/v1/threads/${threadA}/notes`, {
      text: "Escalated, @sam please follow up",
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ authorName: "API: Helpdesk", mentionMemberIds: [sam.memberId] });
    expect((await rows("notifications")).map((n) => n.memberId)).toEqual([sam.memberId]);
    const listed = await (await rest("GET", `/api/v1/threads/${threadA}/notes`)).json();
    expect(listed.data.map((n: { text: string }) => n.text)).toEqual(["Escalated, @sam please follow up"]);
    expect((await rest("POST", `/api/v1/threads/nope/notes`, { text: "x" })).status).toBe(404);
    expect((await rest("POST", `/api/v1/threads/${threadA}/notes`, { text: "" })).status).toBe(400);
    expect((await rest("POST", `/api/v1/threads/${threadA}/notes`, { text: "   " })).status).toBe(400);
    expect(await rows("threadNotes")).toHaveLength(1);
  });

  test("labels: create, conflict, put on and take off a thread", async () => {
    const created = await rest("POST", "/api/v1/labels", { name: "Urgent", color: "#DC2626" });
    expect(created.status).toBe(201);
    const labelBody = await created.json();
    expect(labelBody).toMatchObject({ name: "Urgent", color: "#dc2626" });
    expect((await rest("POST", "/api/v1/labels", { name: "urgent", color: "#000000" })).status).toBe(409);
    expect((await rest("POST", "/api/v1/labels", { name: "x", color: "red" })).status).toBe(400);
    const on = await rest("POST", `/api/v1/threads/${threadA}/labels`, { labelId: labelBody._id });
    expect(on.status).toBe(200);
    expect((await on.json()).data.map((l: { name: string }) => l.name)).toEqual(["Urgent"]);
    expect((await (await rest("GET", `/api/v1/threads/${threadA}/labels`)).json()).data).toHaveLength(1);
    expect((await rest("POST", `/api/v1/threads/${threadA}/labels`, { labelId: "nope" })).status).toBe(404);
    const off = await rest("DELETE", `/api/v1/threads/${threadA}/labels/${labelBody._id}`);
    expect(off.status).toBe(200);
    expect(await rows("threadLabels")).toHaveLength(0);
    expect((await (await rest("GET", "/api/v1/labels")).json()).data).toHaveLength(1);
  });

  test("saved replies: organization-wide only; personal replies stay invisible to keys", async () => {
    await as(sam).mutation(api.threads.savedReplies.create, {
      organizationId: a.organizationId,
      scope: "personal",
      title: "Mine",
      shortcut: "mine",
      body: "private",
    });
    const created = await rest("POST", "/api/v1/saved-replies", {
      title: "Hello",
      shortcut: "hello",
      body: "Hi {{contact.firstName}}",
    });
    expect(created.status).toBe(201);
    expect(
      (await rest("POST", "/api/v1/saved-replies", { title: "Hello", shortcut: "hello", body: "again" })).status,
    ).toBe(409);
    expect(
      (await rest("POST", "/api/v1/saved-replies", { title: "Bad", shortcut: "bad", body: "{{nope.x}}" })).status,
    ).toBe(400);
    const listed = await (await rest("GET", "/api/v1/saved-replies")).json();
    expect(listed.data.map((r: { shortcut: string }) => r.shortcut)).toEqual(["hello"]);
  });

  test("the OpenAPI document lists the new routes", async () => {
    const doc = await (await t.fetch("/api/v1/openapi.json")).json();
    for (const path of [
      "/api/v1/threads/{threadId}/notes",
      "/api/v1/labels",
      "/api/v1/threads/{threadId}/labels",
      "/api/v1/threads/{threadId}/labels/{labelId}",
      "/api/v1/saved-replies",
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(Object.keys(doc.paths["/api/v1/threads/{threadId}/labels/{labelId}"])).toContain("delete");
  });
});
