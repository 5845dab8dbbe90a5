/**
 * Issue 11, items 4 and 9: teams and auto-assignment (round-robin, fewest open threads,
 * capacity, availability), the workload counters behind them, the "mine" / "unassigned" /
 * "my team" views and their live counts, and bulk assign / label / close. Effects are checked
 * on stored rows; permissions for an agent versus an admin and for another organization.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import type { Doc, Id } from "../convex/_generated/dataModel";
import { type Candidate, chooseAssignee } from "../convex/threads/autoAssign";
import { MAX_BULK } from "../convex/threads/bulk";
import { VIEW_COUNT_CAP } from "../convex/threads/views";
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
let sam: { memberId: Id<"members">; identity: TestIdentity };
let kim: { memberId: Id<"members">; identity: TestIdentity };
let smsCounter = 0;

const as = (who: { identity: TestIdentity }) => t.withIdentity(who.identity);
const owner = () => t.withIdentity(a.identity);
const orgA = () => ({ organizationId: a.organizationId });

/** An agent of `org`, signed in. */
const addAgent = (org: SeededOrg, slug: string, name: string) =>
  addMember(t, org.organizationId, { slug, name, role: "agent", email: `${slug}@example.test` });

/** A new contact writes in by SMS to A: a new inbound thread (returned). */
async function newInboundThread(text = "Hello"): Promise<Doc<"conversationThreads">> {
  smsCounter += 1;
  const n = String(smsCounter).padStart(4, "0");
  const req = twilioSms(`+1415556${n}`, ORG_A.phone, text, `SM${n.padStart(32, "0")}`);
  const res = await t.fetch(req.path, req.init);
  expect(res.status).toBe(200);
  const threads = await t.run((ctx) => ctx.db.query("conversationThreads").order("desc").take(1));
  return threads[0]!;
}

const workload = (memberId: Id<"members">) =>
  t.run((ctx) =>
    ctx.db
      .query("workloads")
      .withIndex("by_member", (q) => q.eq("organizationId", a.organizationId).eq("memberId", memberId))
      .unique(),
  );
const thread = (id: Id<"conversationThreads">) => t.run((ctx) => ctx.db.get(id));

async function createTeam(policy: "manual" | "round_robin" | "fewest_open", name = "Support", channels: string[] = []) {
  const teamId = await owner().mutation(api.threads.teams.create, {
    ...orgA(),
    name,
    policy,
    channels: channels as never,
  });
  for (const m of [sam, kim])
    await owner().mutation(api.threads.teams.addMember, { ...orgA(), teamId, memberId: m.memberId });
  return teamId;
}

beforeEach(async () => {
  t = newBackend();
  smsCounter = 0;
  a = await seedOrg(t, "org-a", ORG_A);
  b = await seedOrg(t, "org-b", ORG_B);
  sam = await addAgent(a, "sam", "Sam Rivera");
  kim = await addAgent(a, "kim", "Kim Lee");
});

describe("chooseAssignee (policy)", () => {
  const m = (id: string, openThreads = 0, extra: Partial<Candidate> = {}): Candidate => ({
    memberId: id as Id<"members">,
    openThreads,
    availability: "online",
    ...extra,
  });
  test("round-robin takes the next member after the last one, wrapping around", () => {
    const team = [m("a"), m("b"), m("c")];
    expect(chooseAssignee(team, "round_robin", null)).toBe("a");
    expect(chooseAssignee(team, "round_robin", "a" as Id<"members">)).toBe("b");
    expect(chooseAssignee(team, "round_robin", "c" as Id<"members">)).toBe("a");
  });
  test("away members and members at capacity are skipped; nobody eligible -> null", () => {
    const team = [m("a", 0, { availability: "away" }), m("b", 3, { capacity: 3 }), m("c", 5, { capacity: 6 })];
    expect(chooseAssignee(team, "round_robin", null)).toBe("c");
    expect(chooseAssignee(team, "fewest_open", null)).toBe("c");
    expect(chooseAssignee([team[0]!, team[1]!], "round_robin", null)).toBeNull();
    expect(chooseAssignee([m("a")], "manual", null)).toBeNull();
  });
  test("fewest open wins; a tie goes to the next in turn", () => {
    const team = [m("a", 2), m("b", 1), m("c", 1)];
    expect(chooseAssignee(team, "fewest_open", null)).toBe("b");
    expect(chooseAssignee(team, "fewest_open", "b" as Id<"members">)).toBe("c");
  });
});

describe("teams", () => {
  test("admins manage teams; an agent cannot, and nothing is stored", async () => {
    await expect(
      as(sam).mutation(api.threads.teams.create, { ...orgA(), name: "Sales", policy: "manual", channels: [] }),
    ).rejects.toThrow(/roles/);
    expect(await t.run((ctx) => ctx.db.query("teams").collect())).toHaveLength(0);
    const teamId = await owner().mutation(api.threads.teams.create, {
      ...orgA(),
      name: " Sales ",
      policy: "round_robin",
      channels: ["sms", "sms"],
      leadMemberId: kim.memberId,
    });
    const team = await t.run((ctx) => ctx.db.get(teamId));
    expect(team).toMatchObject({ name: "Sales", channels: ["sms"], leadMemberId: kim.memberId });
    // The lead is a member; a duplicate name is refused.
    const members = await as(sam).query(api.threads.teams.members, { ...orgA(), teamId });
    expect(members.map((x) => x.memberId)).toEqual([kim.memberId]);
    expect(members[0]!.isLead).toBe(true);
    await expect(
      owner().mutation(api.threads.teams.create, { ...orgA(), name: "sales", policy: "manual", channels: [] }),
    ).rejects.toThrow(/exists/);
    await expect(
      as(sam).mutation(api.threads.teams.addMember, { ...orgA(), teamId, memberId: sam.memberId }),
    ).rejects.toThrow(/roles/);
    expect(await as(kim).query(api.threads.teams.mine, orgA())).toHaveLength(1);
    expect(await as(sam).query(api.threads.teams.mine, orgA())).toHaveLength(0);
  });

  test("another organization's admin cannot add A's member to its team, nor read A's team", async () => {
    const bTeam = await t.withIdentity(b.identity).mutation(api.threads.teams.create, {
      organizationId: b.organizationId,
      name: "B",
      policy: "manual",
      channels: [],
    });
    await expect(
      t.withIdentity(b.identity).mutation(api.threads.teams.addMember, {
        organizationId: b.organizationId,
        teamId: bTeam,
        memberId: sam.memberId,
      }),
    ).rejects.toThrow(/Not found/);
    const aTeam = await createTeam("manual");
    await expect(
      t.withIdentity(b.identity).query(api.threads.teams.members, { organizationId: b.organizationId, teamId: aTeam }),
    ).rejects.toThrow(/Not found/);
    expect(await t.run((ctx) => ctx.db.query("teamMembers").collect())).toHaveLength(2);
  });

  test("deleting a team removes its memberships and takes its threads out of it", async () => {
    const teamId = await createTeam("manual");
    const th = await newInboundThread();
    expect(th.teamId).toBe(teamId);
    await owner().mutation(api.threads.teams.remove, { ...orgA(), teamId });
    await t.finishAllScheduledFunctions(() => {});
    expect(await t.run((ctx) => ctx.db.query("teamMembers").collect())).toHaveLength(0);
    expect((await thread(th._id))!.teamId).toBeUndefined();
  });

  test("removing a member drops their team memberships and workload", async () => {
    const teamId = await createTeam("round_robin");
    await newInboundThread();
    await owner().mutation(api.orgs.members.remove, { ...orgA(), memberId: sam.memberId });
    const left = await as(kim).query(api.threads.teams.members, { ...orgA(), teamId });
    expect(left.map((x) => x.memberId)).toEqual([kim.memberId]);
    expect(await workload(sam.memberId)).toBeNull();
  });
});

describe("auto-assignment of new inbound threads", () => {
  test("round-robin alternates between the team's members and keeps a cursor row", async () => {
    const teamId = await createTeam("round_robin");
    const assignees: (Id<"members"> | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const th = await newInboundThread();
      expect(th.teamId).toBe(teamId);
      assignees.push(th.assigneeId);
    }
    expect(new Set(assignees)).toEqual(new Set([sam.memberId, kim.memberId]));
    expect(assignees[0]).not.toBe(assignees[1]);
    expect(assignees[2]).toBe(assignees[0]);
    expect(assignees[3]).toBe(assignees[1]);
    expect((await workload(sam.memberId))!.openThreads).toBe(2);
    expect((await workload(kim.memberId))!.openThreads).toBe(2);
    const cursors = await t.run((ctx) => ctx.db.query("teamCursors").collect());
    expect(cursors).toHaveLength(1);
    expect(cursors[0]!.lastMemberId).toBe(assignees[3]);
  });

  test("a second message in the same thread does not assign again", async () => {
    await createTeam("round_robin");
    const th = await newInboundThread();
    const req = twilioSms("+14155560001", ORG_A.phone, "Again", `SM${"9".padStart(32, "0")}`);
    expect((await t.fetch(req.path, req.init)).status).toBe(200);
    expect((await thread(th._id))!.assigneeId).toBe(th.assigneeId);
    expect((await t.run((ctx) => ctx.db.query("teamCursors").collect()))[0]!.lastMemberId).toBe(th.assigneeId);
    const total =
      ((await workload(sam.memberId))?.openThreads ?? 0) + ((await workload(kim.memberId))?.openThreads ?? 0);
    expect(total).toBe(1);
  });

  test("fewest open threads goes to the least loaded agent", async () => {
    const teamId = await createTeam("manual");
    // Sam already works two threads (assigned by hand).
    for (let i = 0; i < 2; i++) {
      const th = await newInboundThread();
      await owner().mutation(api.threads.assignment.assign, { ...orgA(), threadId: th._id, assigneeId: sam.memberId });
    }
    await owner().mutation(api.threads.teams.update, {
      ...orgA(),
      teamId,
      name: "Support",
      policy: "fewest_open",
      channels: [],
    });
    expect((await newInboundThread()).assigneeId).toBe(kim.memberId);
    expect((await newInboundThread()).assigneeId).toBe(kim.memberId);
    // 2 and 2: the tie goes to the next in turn after Kim.
    const fifth = await newInboundThread();
    expect(fifth.assigneeId).toBe(sam.memberId);
  });

  test("capacity and availability: away and full agents get nothing; the thread waits unassigned in the team", async () => {
    const teamId = await createTeam("round_robin");
    await as(sam).mutation(api.threads.workload.setAvailability, { ...orgA(), availability: "away" });
    await owner().mutation(api.threads.workload.setCapacity, { ...orgA(), memberId: kim.memberId, capacity: 1 });
    await expect(
      as(sam).mutation(api.threads.workload.setCapacity, { ...orgA(), memberId: sam.memberId, capacity: 50 }),
    ).rejects.toThrow(/roles/);
    await expect(
      owner().mutation(api.threads.workload.setCapacity, { ...orgA(), memberId: kim.memberId, capacity: -1 }),
    ).rejects.toThrow(/capacity/);
    const first = await newInboundThread();
    expect(first.assigneeId).toBe(kim.memberId);
    const second = await newInboundThread();
    expect(second.assigneeId).toBeUndefined();
    expect(second.teamId).toBe(teamId);
    // Kim closes her thread: she has room again.
    await as(kim).mutation(api.threads.threads.setStatus, { ...orgA(), threadId: first._id, status: "closed" });
    expect((await workload(kim.memberId))!.openThreads).toBe(0);
    expect((await newInboundThread()).assigneeId).toBe(kim.memberId);
    // Sam comes back online.
    await as(sam).mutation(api.threads.workload.setAvailability, { ...orgA(), availability: "online" });
    expect((await newInboundThread()).assigneeId).toBe(sam.memberId);
    expect(await as(sam).query(api.threads.workload.mine, orgA())).toEqual({
      openThreads: 1,
      capacity: null,
      availability: "online",
    });
  });

  test("new threads go to the team that lists their channel, else to the catch-all team", async () => {
    const email = await owner().mutation(api.threads.teams.create, {
      ...orgA(),
      name: "Email desk",
      policy: "manual",
      channels: ["email"],
    });
    expect((await newInboundThread()).teamId).toBeUndefined();
    const sms = await owner().mutation(api.threads.teams.create, {
      ...orgA(),
      name: "Texting",
      policy: "manual",
      channels: ["sms"],
    });
    const all = await owner().mutation(api.threads.teams.create, {
      ...orgA(),
      name: "All",
      policy: "manual",
      channels: [],
    });
    const th = await newInboundThread();
    expect(th.teamId).toBe(sms);
    expect([email, all]).not.toContain(th.teamId);
    expect(th.assigneeId).toBeUndefined(); // manual policy
  });
});

describe("workload counters", () => {
  test("assign, reassign, close, snooze and a contact's re-opening message keep the count true", async () => {
    const th = await newInboundThread();
    const assign = (assigneeId: Id<"members"> | null) =>
      owner().mutation(api.threads.assignment.assign, { ...orgA(), threadId: th._id, assigneeId });
    await assign(sam.memberId);
    expect((await workload(sam.memberId))!.openThreads).toBe(1);
    await assign(kim.memberId);
    expect((await workload(sam.memberId))!.openThreads).toBe(0);
    expect((await workload(kim.memberId))!.openThreads).toBe(1);
    await as(kim).mutation(api.threads.threads.setStatus, { ...orgA(), threadId: th._id, status: "closed" });
    expect((await workload(kim.memberId))!.openThreads).toBe(0);
    // Closing twice, or pending -> open, never double counts.
    await as(kim).mutation(api.threads.threads.setStatus, { ...orgA(), threadId: th._id, status: "closed" });
    expect((await workload(kim.memberId))!.openThreads).toBe(0);
    await as(kim).mutation(api.threads.threads.snooze, { ...orgA(), threadId: th._id, until: Date.now() + 60_000 });
    expect((await workload(kim.memberId))!.openThreads).toBe(1);
    await as(kim).mutation(api.threads.threads.setStatus, { ...orgA(), threadId: th._id, status: "pending" });
    expect((await workload(kim.memberId))!.openThreads).toBe(1);
    await assign(null);
    expect((await workload(kim.memberId))!.openThreads).toBe(0);
  });
});

describe("inbox views and their live counts", () => {
  test("mine, unassigned and my team: counts and the team filter", async () => {
    const teamId = await createTeam("manual");
    const t1 = await newInboundThread();
    const t2 = await newInboundThread();
    const t3 = await newInboundThread();
    await owner().mutation(api.threads.teams.setThreadTeam, { ...orgA(), threadId: t3._id, teamId: null });
    await owner().mutation(api.threads.assignment.assign, { ...orgA(), threadId: t1._id, assigneeId: sam.memberId });
    const counts = await as(sam).query(api.threads.views.counts, orgA());
    expect(counts.mine).toEqual({ count: 1, capped: false });
    expect(counts.unassigned).toEqual({ count: 2, capped: false });
    expect(counts.teams).toEqual([{ teamId, name: "Support", count: 2, capped: false }]);
    // The owner is in no team.
    expect((await owner().query(api.threads.views.counts, orgA())).teams).toEqual([]);

    const page = await as(sam).query(api.threads.inbox.list, {
      ...orgA(),
      team: teamId,
      paginationOpts: { numItems: 20, cursor: null },
    });
    expect(page.page.map((r) => r._id).sort()).toEqual([t1._id, t2._id].sort());
    // A closed thread leaves the counts.
    await as(sam).mutation(api.threads.threads.setStatus, { ...orgA(), threadId: t2._id, status: "closed" });
    const after = await as(sam).query(api.threads.views.counts, orgA());
    expect(after.unassigned.count).toBe(1);
    expect(after.teams[0]!.count).toBe(1);
    // Another organization's team cannot be used as a filter.
    await expect(
      t.withIdentity(b.identity).query(api.threads.inbox.list, {
        organizationId: b.organizationId,
        team: teamId,
        paginationOpts: { numItems: 20, cursor: null },
      }),
    ).rejects.toThrow(/Not found/);
  });

  test("counts stop at the cap (99+) however many threads there are", async () => {
    const th = await newInboundThread();
    await t.run(async (ctx) => {
      for (let i = 0; i < VIEW_COUNT_CAP + 20; i++) {
        const { _id, _creationTime, ...rest } = th;
        await ctx.db.insert("conversationThreads", { ...rest, status: i % 2 ? "open" : "pending" });
      }
    });
    const counts = await as(sam).query(api.threads.views.counts, orgA());
    expect(counts.unassigned).toEqual({ count: VIEW_COUNT_CAP, capped: true });
  });
});

describe("bulk actions", () => {
  test("assign, label and close several threads in one call each; counters follow", async () => {
    const ids: Id<"conversationThreads">[] = [];
    for (let i = 0; i < 3; i++) ids.push((await newInboundThread())._id);
    expect(
      await as(sam).mutation(api.threads.bulk.assign, {
        ...orgA(),
        threadIds: [...ids, ids[0]!],
        assigneeId: kim.memberId,
      }),
    ).toEqual({ updated: 3 });
    expect((await workload(kim.memberId))!.openThreads).toBe(3);
    const labelId = await owner().mutation(api.threads.labels.create, { ...orgA(), name: "VIP", color: "#aa3300" });
    await as(sam).mutation(api.threads.bulk.label, { ...orgA(), threadIds: ids, labelId });
    await as(sam).mutation(api.threads.bulk.label, { ...orgA(), threadIds: ids, labelId }); // idempotent
    const joins = await t.run((ctx) => ctx.db.query("threadLabels").collect());
    expect(joins.map((j) => j.threadId).sort()).toEqual([...ids].sort());
    await as(sam).mutation(api.threads.bulk.close, { ...orgA(), threadIds: ids.slice(0, 2) });
    expect((await thread(ids[0]!))!.status).toBe("closed");
    expect((await thread(ids[2]!))!.status).toBe("open");
    expect((await workload(kim.memberId))!.openThreads).toBe(1);
  });

  test("a list with another organization's thread changes nothing; lists are bounded", async () => {
    const mine = await newInboundThread();
    const req = twilioSms("+14155551234", ORG_B.phone, "B's customer", `SM${"7".padStart(32, "0")}`);
    expect((await t.fetch(req.path, req.init)).status).toBe(200);
    const theirs = (await t.run((ctx) =>
      ctx.db
        .query("conversationThreads")
        .filter((q) => q.eq(q.field("organizationId"), b.organizationId))
        .first(),
    ))!;
    const asB = t.withIdentity(b.identity);
    for (const call of [
      () =>
        asB.mutation(api.threads.bulk.close, { organizationId: b.organizationId, threadIds: [theirs._id, mine._id] }),
      () =>
        asB.mutation(api.threads.bulk.assign, {
          organizationId: b.organizationId,
          threadIds: [theirs._id, mine._id],
          assigneeId: null,
        }),
    ])
      await expect(call()).rejects.toThrow(/Not found/);
    expect((await thread(theirs._id))!.status).toBe("open"); // B's own thread: nothing written either
    expect((await thread(mine._id))!.status).toBe("open");
    // A's member, naming A's organization with B's thread: refused too.
    await expect(
      as(sam).mutation(api.threads.bulk.close, { ...orgA(), threadIds: [mine._id, theirs._id] }),
    ).rejects.toThrow(/Not found/);
    expect((await thread(mine._id))!.status).toBe("open");
    // B's label on A's threads, A's member as assignee in B: refused.
    const bLabel = await asB.mutation(api.threads.labels.create, {
      organizationId: b.organizationId,
      name: "X",
      color: "#000000",
    });
    await expect(
      as(sam).mutation(api.threads.bulk.label, { ...orgA(), threadIds: [mine._id], labelId: bLabel }),
    ).rejects.toThrow(/Not found/);
    await expect(
      asB.mutation(api.threads.bulk.assign, {
        organizationId: b.organizationId,
        threadIds: [theirs._id],
        assigneeId: sam.memberId,
      }),
    ).rejects.toThrow(/Not found/);
    expect(await t.run((ctx) => ctx.db.query("threadLabels").collect())).toHaveLength(0);
    // Bounds: empty and over MAX_BULK are refused.
    await expect(as(sam).mutation(api.threads.bulk.close, { ...orgA(), threadIds: [] })).rejects.toThrow(
      /at least one/,
    );
    const many = await t.run(async (ctx) => {
      const out: Id<"conversationThreads">[] = [];
      const { _id, _creationTime, ...rest } = mine;
      for (let i = 0; i <= MAX_BULK; i++) out.push(await ctx.db.insert("conversationThreads", rest));
      return out;
    });
    await expect(as(sam).mutation(api.threads.bulk.close, { ...orgA(), threadIds: many })).rejects.toThrow(/at most/);
    const closed = await t.run((ctx) =>
      ctx.db
        .query("conversationThreads")
        .withIndex("by_org_status_last", (q) => q.eq("organizationId", a.organizationId).eq("status", "closed"))
        .collect(),
    );
    expect(closed).toHaveLength(0);
  });
});

describe("REST API v1: teams and thread assignment", () => {
  const call = (key: string, path: string, init: RequestInit = {}) =>
    t.fetch(path, {
      ...init,
      headers: { authorization: `Bearer ${key}`, ...(init.body ? { "content-type": "application/json" } : {}) },
    });

  test("lists teams; PATCH moves a thread to a team and assigns it; other organizations' ids are 404", async () => {
    const teamId = await createTeam("manual");
    const th = await newInboundThread();
    const keyA = (await owner().action(api.rest.apiKeys.create, { ...orgA(), name: "CRM" })).key;
    const keyB = (
      await t.withIdentity(b.identity).action(api.rest.apiKeys.create, { organizationId: b.organizationId, name: "B" })
    ).key;

    const listed = await call(keyA, "/api/v1/teams");
    expect(listed.status).toBe(200);
    expect((await listed.json()).data).toEqual([
      { _id: teamId, name: "Support", policy: "manual", channels: [], leadMemberId: null },
    ]);
    expect((await (await call(keyB, "/api/v1/teams")).json()).data).toEqual([]);

    const patch = (key: string, body: unknown) =>
      call(key, `/api/v1/threads/${th._id}`, { method: "PATCH", body: JSON.stringify(body) });
    const res = await patch(keyA, { teamId: null, assigneeId: sam.memberId });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ _id: th._id, assigneeId: sam.memberId });
    expect((await thread(th._id))!.teamId).toBeUndefined();
    expect((await workload(sam.memberId))!.openThreads).toBe(1);

    // B's key on A's thread, and A's key with B's team: 404 and nothing changes.
    expect((await patch(keyB, { assigneeId: null })).status).toBe(404);
    const bTeam = await t.withIdentity(b.identity).mutation(api.threads.teams.create, {
      organizationId: b.organizationId,
      name: "B",
      policy: "manual",
      channels: [],
    });
    expect((await patch(keyA, { teamId: bTeam, assigneeId: null })).status).toBe(404);
    expect(await thread(th._id)).toMatchObject({ assigneeId: sam.memberId });
    expect((await patch(keyA, {})).status).toBe(400);
    expect((await patch(keyA, { teamId, extra: 1 })).status).toBe(400);

    expect((await patch(keyA, { teamId, assigneeId: null })).status).toBe(200);
    expect(await thread(th._id)).toMatchObject({ teamId });
    expect((await thread(th._id))!.assigneeId).toBeUndefined();
    expect((await workload(sam.memberId))!.openThreads).toBe(0);
  });
});
