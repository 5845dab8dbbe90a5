import { getDescriptor } from "@switchboard/channels";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery } from "../_generated/server";
import { adapterContext } from "../channels/runtime";
import { lookUpStatuses } from "../channels/transport";
import { applyStatus } from "../messages/status";
import { deliveryStatus, messageError } from "../schema/validators";

/** A sent message with no callback for this long gets its status polled from the provider. */
export const POLL_AFTER_MS = 2 * 60_000;
/** Messages polled per config per run (bounded; the cron comes back). */
export const POLL_BATCH = 50;

export const stale = internalQuery({
  args: { channelConfigId: v.id("channelConfigs"), olderThan: v.number() },
  handler: async (ctx, { channelConfigId, olderThan }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return [];
    const sent = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_config_status", (q) =>
        q.eq("organizationId", config.organizationId).eq("channelConfigId", channelConfigId).eq("status", "sent"),
      )
      .take(POLL_BATCH);
    return sent
      .filter((m) => m.sentAt < olderThan && m.externalMessageId)
      .map((m) => ({ id: m._id, externalMessageId: m.externalMessageId! }));
  },
});

export const apply = internalMutation({
  args: {
    messageId: v.id("unifiedMessages"),
    status: deliveryStatus,
    occurredAt: v.optional(v.number()),
    error: v.optional(messageError),
  },
  handler: async (ctx, { messageId, ...event }) => {
    const message = await ctx.db.get(messageId);
    if (!message?.externalMessageId) return false;
    return applyStatus(
      ctx,
      message.organizationId,
      {
        kind: "status",
        channel: message.channel,
        provider: message.provider,
        externalMessageId: message.externalMessageId,
        ...event,
      },
      Date.now(),
    );
  },
});

/** Cron: for providers that can be asked, poll messages stuck in `sent` without callbacks. */
export const run = internalAction({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<number> => {
    const page: { page: Id<"channelConfigs">[]; isDone: boolean; continueCursor: string } = await ctx.runQuery(
      internal.channels.health.configsPage,
      { paginationOpts: { numItems: 50, cursor: cursor ?? null } },
    );
    let updated = 0;
    for (const id of page.page) {
      const config = await ctx.runQuery(internal.outbound.queue.loadConfig, { channelConfigId: id });
      if (!config || !getDescriptor(config.provider).statusLookup) continue;
      const candidates = await ctx.runQuery(internal.outbound.poll.stale, {
        channelConfigId: id,
        olderThan: Date.now() - POLL_AFTER_MS,
      });
      if (candidates.length === 0) continue;
      const events = await lookUpStatuses(
        ctx,
        config,
        await adapterContext(config),
        candidates.map((c) => c.externalMessageId),
      ).catch(() => candidates.map(() => null));
      for (const [i, event] of events.entries()) {
        const c = candidates[i];
        if (!event || !c) continue;
        const applied = await ctx.runMutation(internal.outbound.poll.apply, {
          messageId: c.id,
          status: event.status,
          occurredAt: event.occurredAt,
          error: event.error,
        });
        if (applied) updated++;
      }
    }
    if (!page.isDone) await ctx.scheduler.runAfter(0, internal.outbound.poll.run, { cursor: page.continueCursor });
    return updated;
  },
});
