/**
 * The reports page: volume by channel and day, first response and resolution times (median, p90),
 * CSAT, busiest hours, by agent, for a range of whole UTC days. Reads only reportBuckets (at most
 * days x keys x REPORT_SHARDS rows per dimension), never messages.
 */
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { fail } from "../lib/auth";
import { memberQuery } from "../lib/functions";
import { DAY_MS, dayOf, UNASSIGNED } from "./buckets";
import { accumulate, type HistogramTotals, histogramTotals, percentile } from "./histogram";

/** Longest range a report covers (a quarter). */
export const MAX_RANGE_DAYS = 92;
/** Bucket rows read per dimension at most; beyond that the report says it is truncated. */
export const MAX_BUCKETS_PER_DIMENSION = 4000;

interface Totals {
  inbound: number;
  outbound: number;
  threadsCreated: number;
  resolved: number;
  firstResponse: HistogramTotals;
  resolution: HistogramTotals;
  csatCount: number;
  csatSum: number;
}

const emptyTotals = (): Totals => ({
  inbound: 0,
  outbound: 0,
  threadsCreated: 0,
  resolved: 0,
  firstResponse: histogramTotals(),
  resolution: histogramTotals(),
  csatCount: 0,
  csatSum: 0,
});

/** Adds a bucket row into `t`, in place (a report sums hundreds of rows). */
function add(t: Totals, b: Doc<"reportBuckets">): Totals {
  t.inbound += b.inbound;
  t.outbound += b.outbound;
  t.threadsCreated += b.threadsCreated;
  t.resolved += b.resolved;
  accumulate(t.firstResponse, b.firstResponse);
  accumulate(t.resolution, b.resolution);
  t.csatCount += b.csat?.count ?? 0;
  t.csatSum += b.csat?.sum ?? 0;
  return t;
}

const durationSummary = (h: HistogramTotals) => ({
  count: h.count,
  medianMs: percentile(h, 0.5),
  p90Ms: percentile(h, 0.9),
  meanMs: h.count ? Math.round(h.sumMs / h.count) : null,
});

function summary(t: Totals) {
  return {
    inbound: t.inbound,
    outbound: t.outbound,
    threadsCreated: t.threadsCreated,
    resolved: t.resolved,
    firstResponse: durationSummary(t.firstResponse),
    resolution: durationSummary(t.resolution),
    csat: t.csatCount ? { count: t.csatCount, average: t.csatSum / t.csatCount } : null,
  };
}

export const get = memberQuery({
  args: {
    /** Range start and end, ms; widened to whole UTC days. */
    from: v.number(),
    to: v.number(),
  },
  handler: async (ctx, { organizationId, from, to }) => {
    if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) fail("invalid_argument", "The range is empty");
    const fromDay = dayOf(from);
    const toDay = dayOf(to - 1) + DAY_MS;
    if ((toDay - fromDay) / DAY_MS > MAX_RANGE_DAYS)
      fail("invalid_argument", `A report covers at most ${MAX_RANGE_DAYS} days`);

    const read = (dimension: "channel" | "agent") =>
      ctx.db
        .query("reportBuckets")
        .withIndex("by_org_dimension_day", (q) =>
          q.eq("organizationId", organizationId).eq("dimension", dimension).gte("day", fromDay).lt("day", toDay),
        )
        .take(MAX_BUCKETS_PER_DIMENSION + 1);
    const [channelRows, agentRows] = await Promise.all([read("channel"), read("agent")]);
    const truncated = channelRows.length > MAX_BUCKETS_PER_DIMENSION || agentRows.length > MAX_BUCKETS_PER_DIMENSION;
    const channels = channelRows.slice(0, MAX_BUCKETS_PER_DIMENSION);
    const agents = agentRows.slice(0, MAX_BUCKETS_PER_DIMENSION);

    const totals = emptyTotals();
    const byChannel = new Map<string, Totals>();
    const volume = new Map<string, { day: number; channel: string; inbound: number; outbound: number }>();
    const busiestHours = new Array(24).fill(0) as number[];
    for (const b of channels) {
      add(totals, b);
      byChannel.set(b.key, add(byChannel.get(b.key) ?? emptyTotals(), b));
      const k = `${b.day}|${b.key}`;
      const day = volume.get(k) ?? { day: b.day, channel: b.key, inbound: 0, outbound: 0 };
      volume.set(k, { ...day, inbound: day.inbound + b.inbound, outbound: day.outbound + b.outbound });
      if (b.inboundByHour) for (let h = 0; h < 24; h++) busiestHours[h]! += b.inboundByHour[h] ?? 0;
    }
    const byAgent = new Map<string, Totals>();
    for (const b of agents) byAgent.set(b.key, add(byAgent.get(b.key) ?? emptyTotals(), b));
    const agentRowsOut = await Promise.all(
      [...byAgent].map(async ([key, t]) => {
        const id = key === UNASSIGNED ? null : ctx.db.normalizeId("members", key);
        const member = id ? await ctx.db.get(id) : null;
        const own = member?.organizationId === organizationId ? member : null;
        return {
          memberId: own?._id ?? null,
          name: key === UNASSIGNED ? "Unassigned" : (own?.name ?? own?.email ?? "Former member"),
          ...summary(t),
        };
      }),
    );
    return {
      from: fromDay,
      to: toDay,
      totals: summary(totals),
      byChannel: [...byChannel].map(([channel, t]) => ({ channel, ...summary(t) })),
      byAgent: agentRowsOut.sort((a, b) => b.outbound + b.resolved - (a.outbound + a.resolved)),
      volume: [...volume.values()].sort((a, b) => a.day - b.day || a.channel.localeCompare(b.channel)),
      /** Inbound messages per UTC hour of day; the dashboard shifts them to the viewer's zone. */
      busiestHours,
      bucketsRead: channels.length + agents.length,
      truncated,
    };
  },
});
