import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { replanSla } from "./sla";
import { membershipsOf, teamsOf } from "./teams";
import { setAssignee, workloadOf } from "./workload";

/**
 * Auto-assignment of a new inbound thread, called from the one place threads are created
 * (threads/model.ts findOrCreateThread). The thread goes to the first team (by name) that lists
 * its channel, else to the first team that lists none; that team's policy then picks an agent
 * who is online and under capacity. Reads are bounded: MAX_TEAMS teams, then per member of the
 * chosen team one workload row; writes are the thread, one workload and the team's cursor row.
 */

export interface Candidate {
  memberId: Id<"members">;
  openThreads: number;
  capacity?: number;
  availability: "online" | "away";
}

/**
 * The agent a policy picks from a team's members in round-robin order (`members`), starting
 * after the one who got the previous thread (`lastMemberId`). Away members and members at
 * capacity are skipped. round_robin: the next eligible member; fewest_open: the eligible member
 * with the fewest open threads, ties going to the next in turn. null when nobody is eligible.
 */
export function chooseAssignee(
  members: readonly Candidate[],
  policy: Doc<"teams">["policy"],
  lastMemberId: Id<"members"> | null,
): Id<"members"> | null {
  if (policy === "manual" || members.length === 0) return null;
  const start = lastMemberId ? members.findIndex((m) => m.memberId === lastMemberId) + 1 : 0;
  const inTurn = [...members.slice(start), ...members.slice(0, start)];
  const eligible = inTurn.filter(
    (m) => m.availability === "online" && (m.capacity === undefined || m.openThreads < m.capacity),
  );
  if (eligible.length === 0) return null;
  if (policy === "round_robin") return eligible[0]!.memberId;
  let best = eligible[0]!;
  for (const m of eligible) if (m.openThreads < best.openThreads) best = m;
  return best.memberId;
}

export function routeTeam(teams: readonly Doc<"teams">[], channel: Doc<"conversationThreads">["lastChannel"]) {
  return teams.find((t) => t.channels.includes(channel)) ?? teams.find((t) => t.channels.length === 0) ?? null;
}

/** Routes a just-created inbound thread to its team and, per the team's policy, to an agent. */
export async function routeNewThread(ctx: MutationCtx, thread: Doc<"conversationThreads">) {
  const team = routeTeam(await teamsOf(ctx, thread.organizationId), thread.lastChannel);
  if (team) await assignToTeam(ctx, thread, team);
}

/**
 * Puts a thread in a team and lets the team's policy pick an agent (new threads, and the
 * automation action "assign to team"). An assignee who is already in the team keeps the thread;
 * otherwise the policy's pick replaces them, or, with a manual policy or nobody eligible, the
 * thread waits unassigned in the team's view (it left the old assignee's team). Returns the agent.
 */
export async function assignToTeam(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  team: Doc<"teams">,
): Promise<Id<"members"> | null> {
  const { organizationId } = thread;
  if (thread.teamId !== team._id) {
    await ctx.db.patch(thread._id, { teamId: team._id });
    // Running SLA timers now follow the team's policy (a new thread has none yet).
    await replanSla(ctx, thread._id);
  }
  const placed = { ...thread, teamId: team._id };
  const memberships = await membershipsOf(ctx, organizationId, team._id);
  if (thread.assigneeId && memberships.some((m) => m.memberId === thread.assigneeId)) return thread.assigneeId;
  const candidates: Candidate[] = [];
  if (team.policy !== "manual") {
    for (const row of memberships) {
      const load = await workloadOf(ctx, organizationId, row.memberId);
      candidates.push({
        memberId: row.memberId,
        openThreads: load?.openThreads ?? 0,
        capacity: load?.capacity,
        availability: load?.availability ?? "online",
      });
    }
  }
  const cursor = await ctx.db
    .query("teamCursors")
    .withIndex("by_team", (q) => q.eq("organizationId", organizationId).eq("teamId", team._id))
    .unique();
  const memberId = chooseAssignee(candidates, team.policy, cursor?.lastMemberId ?? null);
  // Everyone away or at capacity (or a manual team): the thread waits in the team's unassigned view.
  await setAssignee(ctx, placed, memberId ?? undefined);
  if (!memberId) return null;
  if (cursor) await ctx.db.patch(cursor._id, { lastMemberId: memberId });
  else await ctx.db.insert("teamCursors", { organizationId, teamId: team._id, lastMemberId: memberId });
  return memberId;
}
