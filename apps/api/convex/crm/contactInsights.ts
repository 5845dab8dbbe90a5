/**
 * Read side of the CRM (the contact view). Every query reads through an index with a bound
 * (take / paginate); see docs/crm.md "Limits".
 */
import { sentimentTrend } from "@switchboard/insights";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { contactCard } from "../contacts/model";
import { SYMMETRIC_TYPES } from "../contacts/relationships";
import { getOwned } from "../lib/auth";
import { memberQuery } from "../lib/functions";
import { timeZoneOr } from "../lib/timezone";
import { getProfile } from "./profile";

export const GRAPH_FIRST_DEGREE = 25;
export const GRAPH_SECOND_DEGREE = 10;
export const GRAPH_EXPAND = 10;
export const SENTIMENT_MAX_POINTS = 500;

/** Everything the CRM knows about a contact, derived from its messages (bounded reads). */
export const getSummary = memberQuery({
  args: { contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    const contact = await getOwned(ctx, organizationId, contactId);
    const [identities, profile, deal, openCommitments, recentInsights, recentEvents, outgoing, incoming] =
      await Promise.all([
        ctx.db
          .query("contactIdentities")
          .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
          .take(50),
        getProfile(ctx, organizationId, contactId),
        ctx.db
          .query("deals")
          .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
          .first(),
        ctx.db
          .query("commitments")
          .withIndex("by_contact_status", (q) =>
            q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", "open"),
          )
          .take(50),
        ctx.db
          .query("messageInsights")
          .withIndex("by_contact_at", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
          .order("desc")
          .take(20),
        ctx.db
          .query("contactEvents")
          .withIndex("by_contact_at", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
          .order("desc")
          .take(10),
        ctx.db
          .query("contactRelationships")
          .withIndex("by_from", (q) => q.eq("organizationId", organizationId).eq("fromContactId", contactId))
          .take(50),
        ctx.db
          .query("contactRelationships")
          .withIndex("by_to", (q) => q.eq("organizationId", organizationId).eq("toContactId", contactId))
          .take(50),
      ]);
    const now = Date.now();
    // The thread of each source message shown (<= 61 reads), so a fact's quote opens its message.
    const sourceIds = [
      ...new Set<Id<"unifiedMessages">>([
        ...openCommitments.map((c) => c.sourceMessageId),
        ...(deal ? [deal.sourceMessageId] : []),
        ...recentEvents.flatMap((e) => (e.sourceMessageId ? [e.sourceMessageId] : [])),
      ]),
    ];
    const sourceMessages = await Promise.all(sourceIds.map((id) => ctx.db.get(id)));
    const threadOf: Record<string, Id<"conversationThreads">> = {};
    for (const m of sourceMessages) if (m && m.organizationId === organizationId) threadOf[m._id] = m.threadId;
    const mentions = recentInsights.flatMap((i) => (i.mentions ?? []).map((m) => ({ ...m, messageId: i.messageId })));
    const relationships = [...outgoing, ...incoming].filter((r) => r.fromContactId !== r.toContactId);
    return {
      contact,
      identities,
      mergedInto: contact.mergedInto ?? null,
      health: profile?.health ?? null,
      preferences: profile?.preferences ?? null,
      signature: profile?.signature ?? null,
      deal,
      openCommitments: openCommitments.map((c) => ({ ...c, overdue: c.dueAt !== undefined && c.dueAt < now })),
      recentSentiment: recentInsights
        .filter((i) => i.direction === "inbound")
        .map((i) => ({ at: i.at, score: i.sentiment, label: i.sentimentLabel, messageId: i.messageId })),
      recentEvents,
      relationshipCount: relationships.length,
      mentions: mentions.slice(0, 20),
      threadOf,
    };
  },
});

/** Relationship graph around a contact: nodes + edges to depth 2, bounded per level. */
export const getGraph = memberQuery({
  args: { contactId: v.id("contacts"), depth: v.optional(v.number()) },
  handler: async (ctx, { organizationId, contactId, depth }) => {
    const root = await getOwned(ctx, organizationId, contactId);
    const maxDepth = depth === 1 ? 1 : 2;
    const edgesOf = async (id: Id<"contacts">, limit: number) => {
      const [out, inc] = await Promise.all([
        ctx.db
          .query("contactRelationships")
          .withIndex("by_from", (q) => q.eq("organizationId", organizationId).eq("fromContactId", id))
          .take(limit),
        ctx.db
          .query("contactRelationships")
          .withIndex("by_to", (q) => q.eq("organizationId", organizationId).eq("toContactId", id))
          .take(limit),
      ]);
      return [...out, ...inc].filter((r) => r.fromContactId !== r.toContactId);
    };
    const edges = new Map<string, Doc<"contactRelationships">>();
    const level = new Map<Id<"contacts">, number>([[root._id, 0]]);
    const first = await edgesOf(root._id, GRAPH_FIRST_DEGREE);
    for (const e of first) edges.set(e._id, e);
    const neighbours = [...new Set(first.map((e) => (e.fromContactId === root._id ? e.toContactId : e.fromContactId)))];
    for (const n of neighbours) if (!level.has(n)) level.set(n, 1);
    if (maxDepth === 2) {
      for (const n of neighbours.slice(0, GRAPH_EXPAND)) {
        for (const e of await edgesOf(n, GRAPH_SECOND_DEGREE)) {
          edges.set(e._id, e);
          for (const id of [e.fromContactId, e.toContactId]) if (!level.has(id)) level.set(id, 2);
        }
      }
    }
    const nodes = [];
    for (const [id, depthOf] of level) {
      const c = id === root._id ? root : await ctx.db.get(id);
      if (!c || c.organizationId !== organizationId || c.mergedInto) continue;
      nodes.push({ ...contactCard(c), depth: depthOf });
    }
    const live = new Set(nodes.map((n) => n._id));
    // After a merge the survivor may hold the same edge twice: keep the manual / most confident.
    const best = new Map<string, Doc<"contactRelationships">>();
    for (const e of edges.values()) {
      if (!live.has(e.fromContactId) || !live.has(e.toContactId)) continue;
      const ends = SYMMETRIC_TYPES.has(e.type)
        ? [e.fromContactId, e.toContactId].sort()
        : [e.fromContactId, e.toContactId];
      const key = `${ends.join("|")}|${e.type}`;
      const seen = best.get(key);
      const rank = (r: Doc<"contactRelationships">) => (r.source === "manual" ? 2 : 1) + r.confidence;
      if (!seen || rank(e) > rank(seen)) best.set(key, e);
    }
    return {
      nodes,
      edges: [...best.values()].map((e) => ({
        _id: e._id,
        from: e.fromContactId,
        to: e.toContactId,
        type: e.type,
        source: e.source,
        confidence: e.confidence,
        evidence: e.evidence,
      })),
    };
  },
});

/** Sentiment of the contact's own messages over time: points + rolling day/week buckets. */
export const getSentiment = memberQuery({
  args: {
    contactId: v.id("contacts"),
    bucket: v.optional(v.union(v.literal("day"), v.literal("week"))),
    limit: v.optional(v.number()),
  },
  handler: async (ctx, { organizationId, contactId, bucket, limit }) => {
    const contact = await getOwned(ctx, organizationId, contactId);
    const org = await ctx.db.get(organizationId);
    const rows = await ctx.db
      .query("messageInsights")
      .withIndex("by_contact_at", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
      .order("desc")
      .take(Math.max(1, Math.min(SENTIMENT_MAX_POINTS, limit ?? 200)));
    const points = rows
      .filter((r) => r.direction === "inbound")
      .reverse()
      .map((r) => ({ at: r.at, score: r.sentiment, label: r.sentimentLabel, messageId: r.messageId }));
    const series = sentimentTrend(points, {
      bucket: bucket ?? "week",
      timezone: timeZoneOr(contact.timezone, org?.timezone),
    });
    return { points, series };
  },
});

/** Communication preferences (preferred channel, response times, active hours, patterns). */
export const getPreferences = memberQuery({
  args: { contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    await getOwned(ctx, organizationId, contactId);
    const profile = await getProfile(ctx, organizationId, contactId);
    return profile
      ? {
          preferences: profile.preferences ?? null,
          computedAt: profile.computedAt,
          basedOnMessages: profile.basedOnMessages,
        }
      : null;
  },
});
