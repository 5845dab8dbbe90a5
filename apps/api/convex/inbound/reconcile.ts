import { getDescriptor, type InboundMessage } from "@switchboard/channels";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { type ActionCtx, internalAction, internalMutation, internalQuery } from "../_generated/server";
import { adapterContext, redactSecrets } from "../channels/runtime";
import { listReceived } from "../channels/transport";
import { encryptString, rawEventAad } from "../lib/crypto";
import { withoutUndefined } from "../lib/values";
import { channelId } from "../schema/validators";
import { hydrateBeforeStore } from "./hydrate";
import { ingestDelivery } from "./ingest";

/**
 * Inbound gap recovery. Providers retry a webhook we could not take only for a while (Twilio
 * about 15 s), so an outage of ours longer than that loses messages. Where the provider lists
 * received messages (descriptor.inboundList: Twilio, Resend; Meta and Vonage have no such list,
 * see packages/channels/src/inboundList.ts), this compares the list with what is stored and
 * ingests the missing messages through the same ingest mutation as a webhook, so dedupe,
 * contact resolution, threading and hooks are the webhook's own.
 *
 * Runs: every minute by cron (and so right after a restart, when the overdue cron fires), and
 * when a channel comes back from down. Each run reads pages newest first back to the channel's
 * watermark (minus an overlap for late list entries and clock skew), at most MAX_PAGES pages;
 * a longer backlog continues in a follow-up run, and the watermark only advances once the whole
 * window was read.
 */
const PAGE_SIZE = 50;
const MAX_PAGES = 10;
/** Looked at again every run: list entries can appear late and clocks differ. */
const OVERLAP_MS = 10 * 60_000;
/** A channel never reconciled before looks back this far. */
const FIRST_LOOKBACK_MS = 24 * 3_600_000;
/** However long the outage, never further back than this (bounded work per channel). */
const MAX_LOOKBACK_MS = 7 * 24 * 3_600_000;

export const load = internalQuery({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return null;
    const endpoints = await ctx.db
      .query("channelEndpoints")
      .withIndex("by_config", (q) => q.eq("organizationId", config.organizationId).eq("channelConfigId", config._id))
      .take(100);
    const mark = await ctx.db
      .query("inboundWatermarks")
      .withIndex("by_config", (q) => q.eq("organizationId", config.organizationId).eq("channelConfigId", config._id))
      .first();
    return { config, endpoints: endpoints.map((e) => e.identifier), watermark: mark?.watermark ?? null };
  },
});

/** The provider ids of `externalIds` not stored yet (one by_external index read each). */
export const missing = internalQuery({
  args: { organizationId: v.id("organizations"), channel: channelId, externalIds: v.array(v.string()) },
  handler: async (ctx, { organizationId, channel, externalIds }) => {
    const out: string[] = [];
    for (const externalMessageId of externalIds.slice(0, PAGE_SIZE * 2)) {
      const hit = await ctx.db
        .query("unifiedMessages")
        .withIndex("by_external", (q) =>
          q.eq("organizationId", organizationId).eq("channel", channel).eq("externalMessageId", externalMessageId),
        )
        .first();
      if (!hit) out.push(externalMessageId);
    }
    return out;
  },
});

export const finish = internalMutation({
  args: {
    channelConfigId: v.id("channelConfigs"),
    watermark: v.optional(v.number()),
    recovered: v.number(),
    error: v.optional(v.string()),
  },
  handler: async (ctx, { channelConfigId, watermark, recovered, error }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config) return;
    const row = await ctx.db
      .query("inboundWatermarks")
      .withIndex("by_config", (q) => q.eq("organizationId", config.organizationId).eq("channelConfigId", config._id))
      .first();
    const now = Date.now();
    if (!row) {
      await ctx.db.insert("inboundWatermarks", {
        organizationId: config.organizationId,
        channelConfigId,
        watermark: watermark ?? 0,
        lastRunAt: now,
        recovered,
        ...(error ? { lastError: error } : {}),
      });
      return;
    }
    await ctx.db.patch(row._id, {
      ...(watermark !== undefined ? { watermark: Math.max(row.watermark, watermark) } : {}),
      lastRunAt: now,
      recovered: row.recovered + recovered,
      lastError: error,
    });
  },
});

/** Cron: schedules a reconciliation of every enabled channel whose provider lists received messages. */
export const sweep = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  handler: async (ctx, { cursor }): Promise<number> => {
    const page = await ctx.db.query("channelConfigs").paginate({ numItems: 100, cursor: cursor ?? null });
    let scheduled = 0;
    for (const config of page.page) {
      if (!config.enabled || !getDescriptor(config.provider).inboundList) continue;
      await ctx.scheduler.runAfter(0, internal.inbound.reconcile.run, { channelConfigId: config._id });
      scheduled++;
    }
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.inbound.reconcile.sweep, { cursor: page.continueCursor });
    return scheduled;
  },
});

export interface ReconcileResult {
  listed: number;
  recovered: number;
  pages: number;
  done: boolean;
  error?: string;
}

/** Reconciles one channel (see the module comment). */
export const run = internalAction({
  args: {
    channelConfigId: v.id("channelConfigs"),
    /** Continuation of a run that hit MAX_PAGES: where it stopped, its window and start time. */
    cursor: v.optional(v.string()),
    since: v.optional(v.number()),
    startedAt: v.optional(v.number()),
  },
  handler: async (ctx, args): Promise<ReconcileResult | null> => {
    const loaded = await ctx.runQuery(internal.inbound.reconcile.load, { channelConfigId: args.channelConfigId });
    if (!loaded) return null;
    const { config, endpoints } = loaded;
    // A provider that is down would only fail the list too; recovery from down triggers a run.
    if (!config.enabled || !getDescriptor(config.provider).inboundList || config.health.state === "down") return null;
    const startedAt = args.startedAt ?? Date.now();
    const since =
      args.since ??
      Math.max(
        startedAt - MAX_LOOKBACK_MS,
        loaded.watermark === null ? startedAt - FIRST_LOOKBACK_MS : loaded.watermark - OVERLAP_MS,
      );
    const adapterCtx = await adapterContext(config);
    const ours = new Set(endpoints);
    const result: ReconcileResult = { listed: 0, recovered: 0, pages: 0, done: false };
    let cursor = args.cursor;
    while (result.pages < MAX_PAGES) {
      const page = (await listReceived(ctx, config, adapterCtx, {
        sinceMs: since,
        pageSize: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      }))!;
      if (!page.ok) {
        result.error = redactSecrets(page.error, adapterCtx.credentials);
        break;
      }
      result.pages++;
      const mine = page.messages.filter(
        (m) =>
          ours.has(getDescriptor(config.provider).endpoints.normalize(m.to)) &&
          (m.sentAt === undefined || m.sentAt >= since),
      );
      result.listed += mine.length;
      result.recovered += await ingestMissing(ctx, config, mine);
      cursor = page.nextCursor;
      if (!cursor) {
        result.done = true;
        break;
      }
    }
    if (!result.done && !result.error && cursor) {
      await ctx.scheduler.runAfter(0, internal.inbound.reconcile.run, {
        channelConfigId: config._id,
        cursor,
        since,
        startedAt,
      });
    }
    await ctx.runMutation(internal.inbound.reconcile.finish, {
      channelConfigId: config._id,
      ...(result.done ? { watermark: startedAt } : {}),
      recovered: result.recovered,
      ...(result.error ? { error: result.error } : {}),
    });
    return result;
  },
});

/** Ingests the listed messages that are not stored yet, through the webhook's ingest mutation. */
async function ingestMissing(
  ctx: ActionCtx,
  config: Doc<"channelConfigs">,
  messages: InboundMessage[],
): Promise<number> {
  if (messages.length === 0) return 0;
  const absent = new Set(
    await ctx.runQuery(internal.inbound.reconcile.missing, {
      organizationId: config.organizationId,
      channel: config.channel,
      externalIds: messages.map((m) => m.externalMessageId),
    }),
  );
  const events = await hydrateBeforeStore(
    ctx,
    config,
    messages.filter((m) => absent.has(m.externalMessageId)),
    await adapterContext(config),
  );
  if (events.length === 0) return 0;
  // The raw log keeps what was recovered (sealed like a webhook body); there was no webhook.
  const body = JSON.stringify({ source: "reconcile", events });
  const result = await ingestDelivery(ctx, {
    organizationId: config.organizationId,
    channelConfigId: config._id,
    provider: config.provider,
    events: events.map(withoutUndefined),
    raw: {
      method: "GET",
      path: `/reconcile/${config.provider}`,
      headers: {},
      body: await encryptString(body, rawEventAad(config.organizationId)),
      bodyBytes: new TextEncoder().encode(body).length,
    },
  });
  return result.stored.length;
}
