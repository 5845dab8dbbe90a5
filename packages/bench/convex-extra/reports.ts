/**
 * Benchmark probe (copied into the benchmark's private functions folder only): bulk-loads the
 * report counters of `count` synthetic messages without storing the messages. Each message is
 * drawn from a seeded generator (day, hour, channel, agent, thread; one thread in five gets a
 * first response and a resolution sample) and added, in memory, to exactly the bucket row the live
 * path (reports/buckets.ts) would update: same (dimension, UTC day, key, shard), same fields, same
 * histogram bins. Each call then merges its partial rows into the stored ones, so 1,000,000
 * messages load in a few dozen transactions instead of a million.
 */
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, internalQuery } from "../_generated/server";
import { DAY_MS, dayOf, shardOf, UNASSIGNED } from "../reports/buckets";
import { addSample, emptyHistogram, mergeHistograms } from "../reports/histogram";

const CHANNELS = ["sms", "whatsapp", "email", "chat"] as const;

type Fields = Omit<
  Doc<"reportBuckets">,
  "_id" | "_creationTime" | "organizationId" | "dimension" | "day" | "key" | "shard"
>;

const empty = (dimension: "channel" | "agent"): Fields => ({
  inbound: 0,
  outbound: 0,
  threadsCreated: 0,
  resolved: 0,
  ...(dimension === "channel" ? { inboundByHour: new Array(24).fill(0) } : {}),
  firstResponse: emptyHistogram(),
  resolution: emptyHistogram(),
});

/** mulberry32: a small seeded generator, so every run loads the same data. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const loadMessages = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    /** Index of the first message of this call (seeds the generator: calls are independent). */
    from: v.number(),
    count: v.number(),
    startDay: v.number(),
    days: v.number(),
    agents: v.array(v.string()),
  },
  handler: async (ctx, { organizationId, from, count, startDay, days, agents }) => {
    const random = generator(from + 1);
    const rows = new Map<
      string,
      { dimension: "channel" | "agent"; day: number; key: string; shard: number; f: Fields }
    >();
    const row = (dimension: "channel" | "agent", day: number, key: string, shard: number) => {
      const k = `${dimension}|${day}|${key}|${shard}`;
      let r = rows.get(k);
      if (!r) {
        r = { dimension, day, key, shard, f: empty(dimension) };
        rows.set(k, r);
      }
      return r.f;
    };
    const keys = [...agents, UNASSIGNED];
    let samples = 0;
    for (let i = from; i < from + count; i++) {
      const at = dayOf(startDay) + Math.floor(random() * days) * DAY_MS + Math.floor(random() * DAY_MS);
      const channel = CHANNELS[Math.floor(random() * CHANNELS.length)]!;
      const agent = keys[Math.floor(random() * keys.length)]!;
      const inbound = random() < 0.6;
      const thread = `thread-${Math.floor(i / 5)}`;
      const shard = shardOf(thread);
      const day = dayOf(at);
      const firstOfThread = i % 5 === 0;
      const frt = firstOfThread ? Math.floor(60_000 * (1 + 60 * random() ** 2)) : undefined;
      const res = firstOfThread ? Math.floor(3_600_000 * (1 + 48 * random() ** 2)) : undefined;
      for (const f of [row("channel", day, channel, shard), row("agent", day, agent, shard)]) {
        if (inbound) {
          f.inbound++;
          if (f.inboundByHour) f.inboundByHour[new Date(at).getUTCHours()]!++;
        } else f.outbound++;
        if (firstOfThread) {
          f.threadsCreated++;
          f.resolved++;
          f.firstResponse = addSample(f.firstResponse, frt!);
          f.resolution = addSample(f.resolution, res!);
        }
      }
      if (firstOfThread) samples++;
    }
    for (const r of rows.values()) {
      const stored = await ctx.db
        .query("reportBuckets")
        .withIndex("by_org_dimension_day", (q) =>
          q
            .eq("organizationId", organizationId)
            .eq("dimension", r.dimension)
            .eq("day", r.day)
            .eq("key", r.key)
            .eq("shard", r.shard),
        )
        .unique();
      if (!stored) {
        await ctx.db.insert("reportBuckets", {
          organizationId,
          dimension: r.dimension,
          day: r.day,
          key: r.key,
          shard: r.shard,
          ...r.f,
        });
        continue;
      }
      await ctx.db.patch(stored._id, {
        inbound: stored.inbound + r.f.inbound,
        outbound: stored.outbound + r.f.outbound,
        threadsCreated: stored.threadsCreated + r.f.threadsCreated,
        resolved: stored.resolved + r.f.resolved,
        ...(stored.inboundByHour
          ? { inboundByHour: stored.inboundByHour.map((n, h) => n + (r.f.inboundByHour?.[h] ?? 0)) }
          : {}),
        firstResponse: mergeHistograms(stored.firstResponse, r.f.firstResponse),
        resolution: mergeHistograms(stored.resolution, r.f.resolution),
      });
    }
    return { rows: rows.size, samples };
  },
});

/** Rows of finished days still outside shard 0 (what compaction has left to fold), up to 10,000. */
export const unfoldedRows = internalQuery({
  args: {},
  handler: async (ctx) => {
    const today = dayOf(Date.now());
    let n = 0;
    for (let shard = 1; shard < 16; shard++)
      n += (
        await ctx.db
          .query("reportBuckets")
          .withIndex("by_shard_day", (q) => q.eq("shard", shard).lt("day", today))
          .take(10_000)
      ).length;
    return n;
  },
});
