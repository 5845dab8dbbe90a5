import { type ObjectType, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { adminMutation, memberMutation, memberQuery } from "../lib/functions";
import { assignmentPolicy } from "../schema/teams";
import { channelId } from "../schema/validators";
import { forgetTeamPolicy, loadPolicy, REPLAN_BATCH, replanSla, replanThread } from "./sla";

/**
 * Teams: a name, a lead, members and an assignment policy, managed by owners and admins. A thread
 * belongs to at most one team (conversationThreads.teamId): new threads are routed by channel
 * (threads/autoAssign.ts), agents move them by hand. Every read is a bounded index read.
 */

export const MAX_TEAMS = 50;
export const MAX_TEAM_MEMBERS = 100;

type Policy = Doc<"teams">["policy"];
type ChannelId = Doc<"teams">["channels"][number];

const view = (t: Doc<"teams">) => ({
  _id: t._id,
  name: t.name,
  leadMemberId: t.leadMemberId ?? null,
  policy: t.policy,
  channels: t.channels,
});
export type TeamView = ReturnType<typeof view>;

function cleanName(name: string) {
  const clean = name.trim().replace(/\s+/g, " ");
  if (!clean || clean.length > 60) fail("invalid_argument", "name: 1 to 60 characters");
  return { name: clean, nameKey: clean.toLowerCase() };
}

function cleanChannels(channels: ChannelId[]) {
  return [...new Set(channels)];
}

/** The organization's teams, by name (bounded by MAX_TEAMS). */
export async function teamsOf(ctx: QueryCtx, organizationId: Id<"organizations">) {
  return ctx.db
    .query("teams")
    .withIndex("by_name", (q) => q.eq("organizationId", organizationId))
    .take(MAX_TEAMS);
}

/** A team's membership rows (bounded by MAX_TEAM_MEMBERS), in index order: the round-robin order. */
export async function membershipsOf(ctx: QueryCtx, organizationId: Id<"organizations">, teamId: Id<"teams">) {
  return ctx.db
    .query("teamMembers")
    .withIndex("by_team", (q) => q.eq("organizationId", organizationId).eq("teamId", teamId))
    .take(MAX_TEAM_MEMBERS);
}

/** The teams a member belongs to (bounded by MAX_TEAMS). */
export async function teamIdsOfMember(ctx: QueryCtx, organizationId: Id<"organizations">, memberId: Id<"members">) {
  const rows = await ctx.db
    .query("teamMembers")
    .withIndex("by_member", (q) => q.eq("organizationId", organizationId).eq("memberId", memberId))
    .take(MAX_TEAMS);
  return rows.map((r) => r.teamId);
}

async function membership(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  teamId: Id<"teams">,
  memberId: Id<"members">,
) {
  return ctx.db
    .query("teamMembers")
    .withIndex("by_team", (q) => q.eq("organizationId", organizationId).eq("teamId", teamId).eq("memberId", memberId))
    .unique();
}

/** Adds a member to a team (idempotent). */
export async function joinTeam(ctx: MutationCtx, team: Doc<"teams">, memberId: Id<"members">) {
  if (await membership(ctx, team.organizationId, team._id, memberId)) return;
  const rows = await membershipsOf(ctx, team.organizationId, team._id);
  if (rows.length >= MAX_TEAM_MEMBERS) fail("conflict", `At most ${MAX_TEAM_MEMBERS} members in a team`);
  await ctx.db.insert("teamMembers", {
    organizationId: team.organizationId,
    teamId: team._id,
    memberId,
    createdAt: Date.now(),
  });
}

/** Everything that names a removed member in teams: their memberships and any lead role. */
export async function forgetTeamMember(ctx: MutationCtx, organizationId: Id<"organizations">, memberId: Id<"members">) {
  const rows = await ctx.db
    .query("teamMembers")
    .withIndex("by_member", (q) => q.eq("organizationId", organizationId).eq("memberId", memberId))
    .take(MAX_TEAMS);
  for (const row of rows) {
    await ctx.db.delete(row._id);
    const team = await ctx.db.get(row.teamId);
    if (team?.leadMemberId === memberId) await ctx.db.patch(team._id, { leadMemberId: undefined });
  }
}

export const list = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => (await teamsOf(ctx, organizationId)).map(view),
});

/** The caller's own teams (the "my team" inbox views). */
export const mine = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const out: TeamView[] = [];
    for (const teamId of await teamIdsOfMember(ctx, organizationId, ctx.member._id)) {
      const team = await ctx.db.get(teamId);
      if (team) out.push(view(team));
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  },
});

/** A team's members, with their workload (open threads, capacity, availability). */
export const members = memberQuery({
  args: { teamId: v.id("teams") },
  handler: async (ctx, { organizationId, teamId }) => {
    const team = await getOwned(ctx, organizationId, teamId);
    const out = [];
    for (const row of await membershipsOf(ctx, organizationId, team._id)) {
      const member = await ctx.db.get(row.memberId);
      if (!member) continue;
      const load = await ctx.db
        .query("workloads")
        .withIndex("by_member", (q) => q.eq("organizationId", organizationId).eq("memberId", member._id))
        .unique();
      out.push({
        memberId: member._id,
        name: member.name ?? member.email,
        isLead: team.leadMemberId === member._id,
        openThreads: load?.openThreads ?? 0,
        capacity: load?.capacity ?? null,
        availability: load?.availability ?? "online",
      });
    }
    return out;
  },
});

const teamFields = {
  name: v.string(),
  policy: assignmentPolicy,
  channels: v.array(channelId),
  leadMemberId: v.optional(v.union(v.id("members"), v.null())),
};

async function checkLead(ctx: QueryCtx, organizationId: Id<"organizations">, leadMemberId?: Id<"members"> | null) {
  if (leadMemberId) await getOwned(ctx, organizationId, leadMemberId);
}

export const create = adminMutation({
  args: teamFields,
  handler: async (ctx, { organizationId, ...fields }) => insertTeam(ctx, organizationId, fields),
});

/** Validates and stores a team, its lead a member of it (the settings page and the demo seed). */
export async function insertTeam(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  { name, policy, channels, leadMemberId }: ObjectType<typeof teamFields>,
): Promise<Id<"teams">> {
  const clean = cleanName(name);
  await checkLead(ctx, organizationId, leadMemberId);
  const existing = await teamsOf(ctx, organizationId);
  if (existing.length >= MAX_TEAMS) fail("conflict", `At most ${MAX_TEAMS} teams`);
  if (existing.some((t) => t.nameKey === clean.nameKey)) fail("conflict", `A team "${clean.name}" exists`);
  const teamId = await ctx.db.insert("teams", {
    organizationId,
    ...clean,
    policy: policy as Policy,
    channels: cleanChannels(channels),
    leadMemberId: leadMemberId ?? undefined,
    createdAt: Date.now(),
  });
  // The lead works in the team.
  if (leadMemberId) await joinTeam(ctx, (await ctx.db.get(teamId))!, leadMemberId);
  return teamId;
}

export const update = adminMutation({
  args: { teamId: v.id("teams"), ...teamFields },
  handler: async (ctx, { organizationId, teamId, name, policy, channels, leadMemberId }) => {
    const team = await getOwned(ctx, organizationId, teamId);
    const clean = cleanName(name);
    await checkLead(ctx, organizationId, leadMemberId);
    if (clean.nameKey !== team.nameKey) {
      const taken = await ctx.db
        .query("teams")
        .withIndex("by_name", (q) => q.eq("organizationId", organizationId).eq("nameKey", clean.nameKey))
        .first();
      if (taken) fail("conflict", `A team "${clean.name}" exists`);
    }
    await ctx.db.patch(team._id, {
      ...clean,
      policy,
      channels: cleanChannels(channels),
      ...(leadMemberId !== undefined ? { leadMemberId: leadMemberId ?? undefined } : {}),
    });
    if (leadMemberId) await joinTeam(ctx, team, leadMemberId);
    return null;
  },
});

/**
 * Deletes a team: its memberships, cursor and SLA policy now; its threads leave it in scheduled
 * batches (purge), their running SLA timers planned again under the organization's policy.
 */
export const remove = adminMutation({
  args: { teamId: v.id("teams") },
  handler: async (ctx, { organizationId, teamId }) => {
    const team = await getOwned(ctx, organizationId, teamId);
    for (const row of await membershipsOf(ctx, organizationId, team._id)) await ctx.db.delete(row._id);
    const cursor = await ctx.db
      .query("teamCursors")
      .withIndex("by_team", (q) => q.eq("organizationId", organizationId).eq("teamId", team._id))
      .unique();
    if (cursor) await ctx.db.delete(cursor._id);
    await forgetTeamPolicy(ctx, organizationId, team._id);
    await ctx.db.delete(team._id);
    await ctx.scheduler.runAfter(0, internal.threads.teams.purge, { organizationId, teamId });
    return null;
  },
});

/**
 * One batch of a deleted team's threads leaves it (each leaves the index range, so no cursor is
 * needed) and falls back to the organization's SLA policy; then the next batch is scheduled.
 */
export const purge = internalMutation({
  args: { organizationId: v.id("organizations"), teamId: v.id("teams") },
  handler: async (ctx, { organizationId, teamId }) => {
    const rows = await ctx.db
      .query("conversationThreads")
      .withIndex("by_org_team_last", (q) => q.eq("organizationId", organizationId).eq("teamId", teamId))
      .take(REPLAN_BATCH);
    const policy = await loadPolicy(ctx, organizationId);
    for (const row of rows) {
      await ctx.db.patch(row._id, { teamId: undefined });
      await replanThread(ctx, row, policy);
    }
    if (rows.length === REPLAN_BATCH)
      await ctx.scheduler.runAfter(0, internal.threads.teams.purge, { organizationId, teamId });
    return rows.length;
  },
});

export const addMember = adminMutation({
  args: { teamId: v.id("teams"), memberId: v.id("members") },
  handler: async (ctx, { organizationId, teamId, memberId }) => {
    const team = await getOwned(ctx, organizationId, teamId);
    await getOwned(ctx, organizationId, memberId);
    await joinTeam(ctx, team, memberId);
    return null;
  },
});

export const removeMember = adminMutation({
  args: { teamId: v.id("teams"), memberId: v.id("members") },
  handler: async (ctx, { organizationId, teamId, memberId }) => {
    const team = await getOwned(ctx, organizationId, teamId);
    await getOwned(ctx, organizationId, memberId);
    const row = await membership(ctx, organizationId, team._id, memberId);
    if (row) await ctx.db.delete(row._id);
    if (team.leadMemberId === memberId) await ctx.db.patch(team._id, { leadMemberId: undefined });
    return null;
  },
});

/** Moves a thread to a team (or out of any team: teamId null). */
export const setThreadTeam = memberMutation({
  args: { threadId: v.id("conversationThreads"), teamId: v.union(v.id("teams"), v.null()) },
  handler: async (ctx, { organizationId, threadId, teamId }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    if (teamId) await getOwned(ctx, organizationId, teamId);
    if ((thread.teamId ?? null) === teamId) return null;
    await ctx.db.patch(thread._id, { teamId: teamId ?? undefined });
    // Its running SLA timers now follow the new team's policy (or the organization's).
    await replanSla(ctx, thread._id);
    return null;
  },
});
