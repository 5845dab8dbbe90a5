import { beforeEach, describe, expect, test } from "vitest";
import { api, components } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { newAuthBackend, type Session, signUp } from "./authSession";
import type { Backend } from "./harness";

let t: Backend;
let owner: Session;
let orgId: Id<"organizations">;

async function memberIdOf(s: Session, organizationId: Id<"organizations"> = orgId): Promise<Id<"members">> {
  const members = await owner.as.query(api.orgs.members.list, { organizationId });
  const mine = await t.run((ctx) =>
    ctx.db
      .query("members")
      .withIndex("by_org_user", (q) => q.eq("organizationId", organizationId).eq("userId", s.tokenIdentifier))
      .first(),
  );
  expect(members.some((m) => m._id === mine?._id)).toBe(true);
  return mine!._id;
}

/** Signs up `email`, invites it with `role` and accepts through the link. */
async function join(
  name: string,
  email: string,
  role: "owner" | "admin" | "agent",
  by: Session = owner,
): Promise<Session> {
  const s = await signUp(t, name, email);
  const { token } = await by.as.mutation(api.orgs.invitations.create, { organizationId: orgId, email, role });
  const { accepted } = await s.as.mutation(api.orgs.invitations.accept, { token });
  expect(accepted).toMatchObject([{ organizationId: orgId, role }]);
  return s;
}

beforeEach(async () => {
  t = newAuthBackend();
  owner = await signUp(t, "Olivia Owner", "olivia@acme.test");
  orgId = await owner.as.mutation(api.orgs.organizations.create, { name: "Acme" });
});

describe("invitations", () => {
  test("an admin invites by email; the invitee signs up and joins through the link with the invited role", async () => {
    const admin = await join("Adam Admin", "adam@acme.test", "admin");
    const invite = await admin.as.mutation(api.orgs.invitations.create, {
      organizationId: orgId,
      email: " Gina@Acme.TEST ",
      role: "agent",
    });
    expect(invite.email).toBe("gina@acme.test");
    expect(invite.token.startsWith(`${invite.invitationId}.`)).toBe(true);
    expect(await admin.as.query(api.orgs.invitations.list, { organizationId: orgId })).toMatchObject([
      { _id: invite.invitationId, email: "gina@acme.test", role: "agent", expired: false },
    ]);

    const gina = await signUp(t, "Gina", "gina@acme.test");
    expect(await gina.as.query(api.orgs.invitations.get, { token: invite.token })).toMatchObject({
      organizationName: "Acme",
      email: "gina@acme.test",
      role: "agent",
      status: "pending",
      forMe: true,
    });
    const { accepted } = await gina.as.mutation(api.orgs.invitations.accept, { token: invite.token });
    expect(accepted).toEqual([{ organizationId: orgId, name: "Acme", slug: "acme", role: "agent" }]);
    expect(await gina.as.query(api.orgs.organizations.listMine, {})).toMatchObject([{ _id: orgId, role: "agent" }]);
    expect(await admin.as.query(api.orgs.invitations.list, { organizationId: orgId })).toEqual([]);

    const members = await gina.as.query(api.orgs.members.list, { organizationId: orgId });
    expect(members.map((m) => [m.email, m.role, m.isMe])).toEqual([
      ["olivia@acme.test", "owner", false],
      ["adam@acme.test", "admin", false],
      ["gina@acme.test", "agent", true],
    ]);
    // Opening the link again is harmless and points at the same organization.
    expect((await gina.as.mutation(api.orgs.invitations.accept, { token: invite.token })).accepted).toMatchObject([
      { organizationId: orgId, role: "agent" },
    ]);
    expect(await gina.as.query(api.orgs.organizations.listMine, {})).toHaveLength(1);
  });

  test("a link only works for the invited address", async () => {
    const { token } = await owner.as.mutation(api.orgs.invitations.create, {
      organizationId: orgId,
      email: "gina@acme.test",
      role: "agent",
    });
    const mallory = await signUp(t, "Mallory", "mallory@evil.test");
    expect(await mallory.as.query(api.orgs.invitations.get, { token })).toMatchObject({ forMe: false });
    await expect(mallory.as.mutation(api.orgs.invitations.accept, { token })).rejects.toThrow(/sent to gina@acme.test/);
    expect(await mallory.as.query(api.orgs.organizations.listMine, {})).toEqual([]);
  });

  test("forged, tampered, revoked, expired and used links are refused", async () => {
    const gina = await signUp(t, "Gina", "gina@acme.test");
    const first = await owner.as.mutation(api.orgs.invitations.create, {
      organizationId: orgId,
      email: "gina@acme.test",
      role: "admin",
    });
    const [id, mac] = first.token.split(".") as [string, string];
    const flipped = `${id}.${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
    for (const token of [flipped, `${id}.`, id, "not-a-token", `${id}.${mac}x`]) {
      await expect(gina.as.mutation(api.orgs.invitations.accept, { token }), token).rejects.toThrow(/not valid/);
      expect(await gina.as.query(api.orgs.invitations.get, { token })).toBeNull();
    }

    await owner.as.mutation(api.orgs.invitations.revoke, { organizationId: orgId, invitationId: first.invitationId });
    await expect(gina.as.mutation(api.orgs.invitations.accept, { token: first.token })).rejects.toThrow(/revoked/);

    const second = await owner.as.mutation(api.orgs.invitations.create, {
      organizationId: orgId,
      email: "gina@acme.test",
      role: "agent",
    });
    expect(second.invitationId).not.toBe(first.invitationId);
    await t.run((ctx) => ctx.db.patch(second.invitationId, { expiresAt: Date.now() - 1 }));
    expect(await owner.as.query(api.orgs.invitations.list, { organizationId: orgId })).toMatchObject([
      { expired: true },
    ]);
    await expect(gina.as.mutation(api.orgs.invitations.accept, { token: second.token })).rejects.toThrow(/expired/);
    expect(await gina.as.query(api.orgs.organizations.listMine, {})).toEqual([]);

    // Re-inviting renews the pending invitation (same id, new expiry, new role).
    const third = await owner.as.mutation(api.orgs.invitations.create, {
      organizationId: orgId,
      email: "gina@acme.test",
      role: "admin",
    });
    expect(third.invitationId).toBe(second.invitationId);
    expect((await gina.as.mutation(api.orgs.invitations.accept, { token: third.token })).accepted).toMatchObject([
      { role: "admin" },
    ]);

    // The signature binds the address: an invitation whose stored email changed no longer matches its link.
    const gina2 = await signUp(t, "Gina again", "gina2@acme.test");
    await t.run((ctx) => ctx.db.patch(third.invitationId, { email: "gina2@acme.test" }));
    await expect(gina2.as.mutation(api.orgs.invitations.accept, { token: third.token })).rejects.toThrow(/not valid/);
  });

  test("without a link, pending invitations are accepted only for a verified email address", async () => {
    const gina = await signUp(t, "Gina", "gina@acme.test");
    await owner.as.mutation(api.orgs.invitations.create, {
      organizationId: orgId,
      email: "gina@acme.test",
      role: "agent",
    });
    // Unverified: an address anyone could have typed proves nothing.
    expect(await gina.as.mutation(api.orgs.invitations.accept, {})).toEqual({ accepted: [] });
    expect(await gina.as.query(api.orgs.organizations.listMine, {})).toEqual([]);

    await t.mutation(components.betterAuth.adapter.updateOne, {
      input: { model: "user", where: [{ field: "_id", value: gina.userId }], update: { emailVerified: true } },
    });
    expect((await gina.as.mutation(api.orgs.invitations.accept, {})).accepted).toMatchObject([
      { organizationId: orgId, role: "agent" },
    ]);
    expect(await gina.as.query(api.orgs.organizations.listMine, {})).toMatchObject([{ _id: orgId, role: "agent" }]);
  });

  test("who may invite: owners and admins; only owners invite owners; members can't be re-invited", async () => {
    const admin = await join("Adam", "adam@acme.test", "admin");
    const agent = await join("Gina", "gina@acme.test", "agent");
    await expect(
      agent.as.mutation(api.orgs.invitations.create, { organizationId: orgId, email: "x@acme.test", role: "agent" }),
    ).rejects.toThrow(/roles: owner, admin/);
    await expect(agent.as.query(api.orgs.invitations.list, { organizationId: orgId })).rejects.toThrow(
      /roles: owner, admin/,
    );
    await expect(
      admin.as.mutation(api.orgs.invitations.create, { organizationId: orgId, email: "x@acme.test", role: "owner" }),
    ).rejects.toThrow(/Only an owner/);
    await expect(
      owner.as.mutation(api.orgs.invitations.create, { organizationId: orgId, email: "ADAM@acme.test", role: "agent" }),
    ).rejects.toThrow(/already a member/);
    await expect(
      owner.as.mutation(api.orgs.invitations.create, { organizationId: orgId, email: "not an email", role: "agent" }),
    ).rejects.toThrow(/not a valid email/);
    const co = await owner.as.mutation(api.orgs.invitations.create, {
      organizationId: orgId,
      email: "co@acme.test",
      role: "owner",
    });
    await expect(
      admin.as.mutation(api.orgs.invitations.revoke, { organizationId: orgId, invitationId: co.invitationId }),
    ).rejects.toThrow(/Only an owner/);
    const plain = await admin.as.mutation(api.orgs.invitations.create, {
      organizationId: orgId,
      email: "new@acme.test",
      role: "agent",
    });
    await expect(
      agent.as.mutation(api.orgs.invitations.revoke, { organizationId: orgId, invitationId: plain.invitationId }),
    ).rejects.toThrow(/roles: owner, admin/);
    await admin.as.mutation(api.orgs.invitations.revoke, { organizationId: orgId, invitationId: plain.invitationId });
    expect((await owner.as.query(api.orgs.invitations.list, { organizationId: orgId })).map((i) => i.email)).toEqual([
      "co@acme.test",
    ]);
  });
});

describe("roles and removal", () => {
  test("setRole: admins manage admins and agents; only owners touch the owner role; one owner always remains", async () => {
    const admin = await join("Adam", "adam@acme.test", "admin");
    const agent = await join("Gina", "gina@acme.test", "agent");
    const adminId = await memberIdOf(admin);
    const agentId = await memberIdOf(agent);
    const ownerId = await memberIdOf(owner);

    await expect(
      agent.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: adminId, role: "agent" }),
    ).rejects.toThrow(/roles: owner, admin/);
    await admin.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: agentId, role: "admin" });
    expect(await agent.as.query(api.orgs.organizations.listMine, {})).toMatchObject([{ role: "admin" }]);
    await admin.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: agentId, role: "agent" });

    await expect(
      admin.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: agentId, role: "owner" }),
    ).rejects.toThrow(/Only an owner/);
    await expect(
      admin.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: ownerId, role: "admin" }),
    ).rejects.toThrow(/Only an owner/);
    await expect(
      owner.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: ownerId, role: "admin" }),
    ).rejects.toThrow(/at least one owner/);

    await owner.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: adminId, role: "owner" });
    await owner.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: ownerId, role: "agent" });
    // The former owner is now an agent: the new role applies immediately.
    await expect(owner.as.query(api.orgs.invitations.list, { organizationId: orgId })).rejects.toThrow(
      /roles: owner, admin/,
    );
    expect(await admin.as.query(api.orgs.organizations.listMine, {})).toMatchObject([{ role: "owner" }]);
  });

  test("remove: admins remove agents and admins, owners remove owners, anyone can leave, never the last owner", async () => {
    const admin = await join("Adam", "adam@acme.test", "admin");
    const agent = await join("Gina", "gina@acme.test", "agent");
    const agent2 = await join("Hal", "hal@acme.test", "agent");
    const [ownerId, adminId, agentId, agent2Id] = [
      await memberIdOf(owner),
      await memberIdOf(admin),
      await memberIdOf(agent),
      await memberIdOf(agent2),
    ];

    await expect(
      agent.as.mutation(api.orgs.members.remove, { organizationId: orgId, memberId: agent2Id }),
    ).rejects.toThrow(/roles: owner, admin/);
    await expect(
      admin.as.mutation(api.orgs.members.remove, { organizationId: orgId, memberId: ownerId }),
    ).rejects.toThrow(/Only an owner/);
    await expect(
      owner.as.mutation(api.orgs.members.remove, { organizationId: orgId, memberId: ownerId }),
    ).rejects.toThrow(/at least one owner/);

    // Threads assigned to a removed member become unassigned.
    const threadId = await t.run(async (ctx) => {
      const now = Date.now();
      const contactId = await ctx.db.insert("contacts", {
        organizationId: orgId,
        displayName: "Dana",
        messageCount: 1,
        createdAt: now,
        updatedAt: now,
      });
      return ctx.db.insert("conversationThreads", {
        organizationId: orgId,
        contactId,
        status: "open",
        assigneeId: agentId,
        lastMessageAt: now,
        lastMessagePreview: "hi",
        lastChannel: "sms",
        lastDirection: "inbound",
        unreadCount: 1,
        messageCount: 1,
        createdAt: now,
      });
    });
    await admin.as.mutation(api.orgs.members.remove, { organizationId: orgId, memberId: agentId });
    expect((await t.run((ctx) => ctx.db.get(threadId)))!.assigneeId).toBeUndefined();
    // The removed member loses access at once.
    await expect(agent.as.query(api.orgs.members.list, { organizationId: orgId })).rejects.toThrow(/not a member/);
    expect(await agent.as.query(api.orgs.organizations.listMine, {})).toEqual([]);

    // Leaving.
    await agent2.as.mutation(api.orgs.members.remove, { organizationId: orgId, memberId: agent2Id });
    expect(await agent2.as.query(api.orgs.organizations.listMine, {})).toEqual([]);
    await admin.as.mutation(api.orgs.members.remove, { organizationId: orgId, memberId: adminId });

    expect((await owner.as.query(api.orgs.members.list, { organizationId: orgId })).map((m) => m.email)).toEqual([
      "olivia@acme.test",
    ]);
  });
});

describe("tenant isolation: the organization comes from the caller's membership", () => {
  test("an owner of one organization can't read or change another by naming it", async () => {
    const other = await signUp(t, "Oscar", "oscar@globex.test");
    const globex = await other.as.mutation(api.orgs.organizations.create, { name: "Globex" });
    const oscarId = (await other.as.query(api.orgs.members.list, { organizationId: globex }))[0]!._id;
    const oliviaId = await memberIdOf(owner);

    await expect(owner.as.query(api.orgs.members.list, { organizationId: globex })).rejects.toThrow(/not a member/);
    await expect(owner.as.query(api.orgs.invitations.list, { organizationId: globex })).rejects.toThrow(/not a member/);
    await expect(
      owner.as.mutation(api.orgs.invitations.create, { organizationId: globex, email: "me@acme.test", role: "owner" }),
    ).rejects.toThrow(/not a member/);
    await expect(
      owner.as.mutation(api.orgs.members.remove, { organizationId: globex, memberId: oscarId }),
    ).rejects.toThrow(/not a member/);
    // Own organization + a member id from elsewhere: not found, nothing changes.
    await expect(
      owner.as.mutation(api.orgs.members.remove, { organizationId: orgId, memberId: oscarId }),
    ).rejects.toThrow(/Not found/);
    await expect(
      owner.as.mutation(api.orgs.members.setRole, { organizationId: orgId, memberId: oscarId, role: "agent" }),
    ).rejects.toThrow(/Not found/);
    const globexInvite = await other.as.mutation(api.orgs.invitations.create, {
      organizationId: globex,
      email: "z@globex.test",
      role: "agent",
    });
    await expect(
      owner.as.mutation(api.orgs.invitations.revoke, {
        organizationId: orgId,
        invitationId: globexInvite.invitationId,
      }),
    ).rejects.toThrow(/Not found/);
    await expect(
      other.as.mutation(api.orgs.members.setRole, { organizationId: globex, memberId: oliviaId, role: "agent" }),
    ).rejects.toThrow(/Not found/);
    expect(await other.as.query(api.orgs.members.list, { organizationId: globex })).toHaveLength(1);
    expect(await owner.as.query(api.orgs.organizations.listMine, {})).toMatchObject([{ _id: orgId }]);
  });
});
