import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { adminMutation, memberMutation, memberQuery } from "../lib/functions";

/**
 * A member's workload: how many of their assigned threads are not closed, their capacity and
 * their availability. The count is kept by the two functions every assignment and status change
 * goes through (setAssignee, setThreadStatus), so auto-assignment and the "mine" count read one
 * row instead of counting threads.
 */

export const MAX_CAPACITY = 1000;

type ThreadStatus = Doc<"conversationThreads">["status"];
const counts = (status: ThreadStatus) => status !== "closed";

export async function workloadOf(ctx: QueryCtx, organizationId: Id<"organizations">, memberId: Id<"members">) {
  return ctx.db
    .query("workloads")
    .withIndex("by_member", (q) => q.eq("organizationId", organizationId).eq("memberId", memberId))
    .unique();
}

async function ensureWorkload(ctx: MutationCtx, organizationId: Id<"organizations">, memberId: Id<"members">) {
  const row = await workloadOf(ctx, organizationId, memberId);
  if (row) return row;
  const id = await ctx.db.insert("workloads", { organizationId, memberId, openThreads: 0, availability: "online" });
  return (await ctx.db.get(id))!;
}

async function addOpen(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  memberId: Id<"members"> | undefined,
  delta: number,
) {
  if (!memberId || delta === 0) return;
  const row = await ensureWorkload(ctx, organizationId, memberId);
  await ctx.db.patch(row._id, { openThreads: Math.max(0, row.openThreads + delta) });
}

/** Assigns (or unassigns) a thread, moving its open count from the old assignee to the new one. */
export async function setAssignee(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  assigneeId: Id<"members"> | undefined,
) {
  if (thread.assigneeId === assigneeId) return;
  await ctx.db.patch(thread._id, { assigneeId });
  if (counts(thread.status)) {
    await addOpen(ctx, thread.organizationId, thread.assigneeId, -1);
    await addOpen(ctx, thread.organizationId, assigneeId, +1);
  }
}

/** For a status change patched by the caller: moves the assignee's open count (closed <-> not closed). */
export async function countStatusChange(ctx: MutationCtx, thread: Doc<"conversationThreads">, status: ThreadStatus) {
  const delta = Number(counts(status)) - Number(counts(thread.status));
  await addOpen(ctx, thread.organizationId, thread.assigneeId, delta);
}

/** Changes a thread's status (plus any other fields), keeping its assignee's open count true. */
export async function setThreadStatus(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  status: ThreadStatus,
  extra: Partial<Doc<"conversationThreads">> = {},
) {
  await ctx.db.patch(thread._id, { ...extra, status });
  await countStatusChange(ctx, thread, status);
}

/** A removed member's workload row goes with them (their threads are unassigned by orgs/members). */
export async function forgetWorkload(ctx: MutationCtx, organizationId: Id<"organizations">, memberId: Id<"members">) {
  const row = await workloadOf(ctx, organizationId, memberId);
  if (row) await ctx.db.delete(row._id);
}

/** A member's own workload (the "mine" count and the availability toggle read it). */
export const mine = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const row = await workloadOf(ctx, organizationId, ctx.member._id);
    return {
      openThreads: row?.openThreads ?? 0,
      capacity: row?.capacity ?? null,
      availability: row?.availability ?? "online",
    };
  },
});

/** A member sets their own availability: "away" members get no auto-assigned threads. */
export const setAvailability = memberMutation({
  args: { availability: v.union(v.literal("online"), v.literal("away")) },
  handler: async (ctx, { organizationId, availability }) => {
    const row = await ensureWorkload(ctx, organizationId, ctx.member._id);
    await ctx.db.patch(row._id, { availability });
    return null;
  },
});

/** Owners and admins set a member's capacity (most open threads auto-assignment gives them; null = no limit). */
export const setCapacity = adminMutation({
  args: { memberId: v.id("members"), capacity: v.union(v.number(), v.null()) },
  handler: async (ctx, { organizationId, memberId, capacity }) => {
    await getOwned(ctx, organizationId, memberId);
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY))
      fail("invalid_argument", `capacity: a whole number from 0 to ${MAX_CAPACITY}`);
    const row = await ensureWorkload(ctx, organizationId, memberId);
    await ctx.db.patch(row._id, { capacity: capacity ?? undefined });
    return null;
  },
});
