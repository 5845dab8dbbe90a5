import { getDescriptor } from "@switchboard/channels";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../_generated/server";
import { armWake, dispatchRow, isPending } from "./queue";

/** Channel configs one sweep transaction looks at (bounded; the rest in a follow-up run). */
const SWEEP_PAGE = 100;

/**
 * Cron (every minute, and at once after a restart: a cron that was due while the deployment was
 * down runs when it comes back): resumes every queue that has due work and no wake-up armed.
 * The watchdog armed with each lease already covers a dispatcher that died; this sweep covers
 * everything else that can leave a queue asleep: a wake-up job lost with the process that was
 * running it, a probe chain cut by a crash, rows left `sending` by an older deployment.
 * Per config: one index read of its dispatch row, one system read of its wake job, and, only
 * when nothing is armed, the by_config_status reads of armWake.
 */
export const resumeAll = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<number> => {
    const page = await ctx.db.query("channelConfigs").paginate({ numItems: SWEEP_PAGE, cursor: cursor ?? null });
    const now = Date.now();
    let armed = 0;
    for (const config of page.page) {
      if (!config.enabled || getDescriptor(config.provider).transport !== "provider") continue;
      const row = await dispatchRow(ctx, config);
      if (row && row.leaseUntil > now) continue; // a dispatcher runs; its watchdog is armed
      if (await isPending(ctx, row?.wakeJobId)) continue;
      if (await armWake(ctx, config, row)) armed++;
    }
    if (!page.isDone) {
      await ctx.scheduler.runAfter(0, internal.outbound.recovery.resumeAll, { cursor: page.continueCursor });
    }
    return armed;
  },
});
