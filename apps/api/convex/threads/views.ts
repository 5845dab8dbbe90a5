import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { memberQuery } from "../lib/functions";
import { teamIdsOfMember } from "./teams";
import { workloadOf } from "./workload";

/**
 * Live counts for the inbox views "mine", "unassigned" and "my team": threads that are not
 * closed. "mine" is the caller's workload counter (exact); the others are indexed counts that
 * stop at VIEW_COUNT_CAP (the dashboard shows "99+"), so a count never reads more than
 * VIEW_COUNT_CAP + 1 index rows per view, however large the inbox.
 */
export const VIEW_COUNT_CAP = 99;
/** Team views counted per call (a member in more teams sees the first ones by name). */
export const MAX_COUNTED_TEAMS = 10;

const NOT_CLOSED = ["open", "pending", "snoozed"] as const;

export interface ViewCount {
  count: number;
  /** True when there are more than `count` (count is then VIEW_COUNT_CAP). */
  capped: boolean;
}

async function teamCount(ctx: QueryCtx, organizationId: Id<"organizations">, teamId: Id<"teams">): Promise<ViewCount> {
  let count = 0;
  for (const status of NOT_CLOSED) {
    const want = VIEW_COUNT_CAP + 1 - count;
    if (want <= 0) break;
    const rows = await ctx.db
      .query("conversationThreads")
      .withIndex("by_org_team_status", (q) =>
        q.eq("organizationId", organizationId).eq("teamId", teamId).eq("status", status),
      )
      .take(want);
    count += rows.length;
  }
  return capped(count);
}

/**
 * Threads with no assignee: within each status they come first in by_org_status_assignee (a
 * missing field sorts before every value), so each status is a prefix read that stops at the
 * first assigned thread or at the cap.
 */
async function unassignedCount(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<ViewCount> {
  let count = 0;
  for (const status of NOT_CLOSED) {
    const want = VIEW_COUNT_CAP + 1 - count;
    if (want <= 0) break;
    const rows = await ctx.db
      .query("conversationThreads")
      .withIndex("by_org_status_assignee", (q) => q.eq("organizationId", organizationId).eq("status", status))
      .take(want);
    const firstAssigned = rows.findIndex((r) => r.assigneeId !== undefined);
    count += firstAssigned === -1 ? rows.length : firstAssigned;
  }
  return capped(count);
}

const capped = (count: number): ViewCount =>
  count > VIEW_COUNT_CAP ? { count: VIEW_COUNT_CAP, capped: true } : { count, capped: false };

export const counts = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const load = await workloadOf(ctx, organizationId, ctx.member._id);
    const teams: (ViewCount & { teamId: Id<"teams">; name: string })[] = [];
    const teamDocs: Doc<"teams">[] = [];
    for (const teamId of await teamIdsOfMember(ctx, organizationId, ctx.member._id)) {
      const team = await ctx.db.get(teamId);
      if (team) teamDocs.push(team);
    }
    teamDocs.sort((a, b) => a.name.localeCompare(b.name));
    for (const team of teamDocs.slice(0, MAX_COUNTED_TEAMS))
      teams.push({
        teamId: team._id,
        name: team.name,
        ...(await teamCount(ctx, organizationId, team._id)),
      });
    return {
      mine: { count: load?.openThreads ?? 0, capped: false } satisfies ViewCount,
      unassigned: await unassignedCount(ctx, organizationId),
      teams,
    };
  },
});
