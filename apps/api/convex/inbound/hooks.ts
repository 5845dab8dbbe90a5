import type { FunctionReference } from "convex/server";
import type { ObjectType } from "convex/values";
import { internal } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import type { burstHookArgs } from "../schema/validators";

export type HookArgs = ObjectType<typeof burstHookArgs>;

/**
 * Downstream consumers of a coalesced burst. Each runs as its own scheduled function so one
 * failing consumer never blocks the others or the ingest path. Register new consumers here.
 */
export const downstreamHooks: FunctionReference<"mutation" | "action", "internal", HookArgs>[] = [
  internal.crm.insights.onBurst,
  // The agent pipeline: automation rules on "message.received".
  internal.automation.triggers.onBurst,
];

export async function runDownstreamHooks(
  ctx: MutationCtx,
  args: Omit<HookArgs, "hookRunId"> & { firstAt: number; now: number },
) {
  const hookRunId = await ctx.db.insert("hookRuns", {
    organizationId: args.organizationId,
    threadId: args.threadId,
    messageIds: args.messageIds,
    firstAt: args.firstAt,
    ranAt: args.now,
  });
  for (const hook of downstreamHooks) {
    await ctx.scheduler.runAfter(0, hook, {
      organizationId: args.organizationId,
      threadId: args.threadId,
      hookRunId,
      messageIds: args.messageIds,
    });
  }
  return hookRunId;
}
