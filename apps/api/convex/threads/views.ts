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

type StatusIndex = "by_org_assignee_status" | "by_org_team_status";

async function cappedCount(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  index: StatusIndex,
  key: Id<"members"> | Id<"teams"> | undefined,
): Promise<ViewCount> {
  let count = 0;
  for (const status of NOT_CLOSED) {
    const want = VIEW_COUNT_CAP + 1 - count;
    if (want <= 0) break;
    const rows =
      index === "by_org_team_status"
        ? await ctx.db
            .query("conversationThreads")
            .withIndex(index, (q) =>
              q
                .eq("organizationId", organizationId)
                .eq("teamId", key as Id<"teams">)
                .eq("status", status),
            )
            .take(want)
        : await ctx.db
            .query("conversationThreads")
            .withIndex(index, (q) =>
              q
                .eq("organizationId", organizationId)
                .eq("assigneeId", key as Id<"members"> | undefined)
                .eq("status", status),
            )
            .take(want);
    count += rows.length;
  }
  return count > VIEW_COUNT_CAP ? { count: VIEW_COUNT_CAP, capped: true } : { count, capped: false };
}

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
        ...(await cappedCount(ctx, organizationId, "by_org_team_status", team._id)),
      });
    return {
      mine: { count: load?.openThreads ?? 0, capped: false } satisfies ViewCount,
      unassigned: await cappedCount(ctx, organizationId, "by_org_assignee_status", undefined),
      teams,
    };
  },
});
