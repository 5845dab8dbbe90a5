import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberMutation } from "../lib/functions";
import { attachLabel } from "./labels";
import { changeThreadStatus } from "./model";
import { setAssignee } from "./workload";

/**
 * Bulk actions on the threads selected in the inbox: one mutation per action over at most
 * MAX_BULK threads. Every thread is checked before anything is written (a thread of another
 * organization, or a missing one, fails the whole call with nothing changed), then each goes
 * through the same helper its single-thread action uses, so counters stay true.
 */
export const MAX_BULK = 100;

const threadIds = v.array(v.id("conversationThreads"));

async function loadAll(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  ids: Id<"conversationThreads">[],
): Promise<Doc<"conversationThreads">[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) fail("invalid_argument", "threadIds: select at least one thread");
  if (unique.length > MAX_BULK) fail("invalid_argument", `threadIds: at most ${MAX_BULK} threads`);
  const out: Doc<"conversationThreads">[] = [];
  for (const id of unique) out.push(await getOwned(ctx, organizationId, id));
  return out;
}

export const assign = memberMutation({
  args: { threadIds, assigneeId: v.union(v.id("members"), v.null()) },
  handler: async (ctx, { organizationId, threadIds, assigneeId }) => {
    if (assigneeId) await getOwned(ctx, organizationId, assigneeId);
    const threads = await loadAll(ctx, organizationId, threadIds);
    for (const thread of threads) await setAssignee(ctx, thread, assigneeId ?? undefined);
    return { updated: threads.length };
  },
});

export const label = memberMutation({
  args: { threadIds, labelId: v.id("labels") },
  handler: async (ctx, { organizationId, threadIds, labelId }) => {
    const label = await getOwned(ctx, organizationId, labelId);
    const threads = await loadAll(ctx, organizationId, threadIds);
    for (const thread of threads) await attachLabel(ctx, thread, label);
    return { updated: threads.length };
  },
});

export const close = memberMutation({
  args: { threadIds },
  handler: async (ctx, { organizationId, threadIds }) => {
    const threads = await loadAll(ctx, organizationId, threadIds);
    // The same close as one thread's: resolution, SLA clocks, rating request, automation.
    for (const thread of threads)
      if (thread.status !== "closed") await changeThreadStatus(ctx, thread, "closed", { snoozedUntil: undefined });
    return { updated: threads.length };
  },
});
