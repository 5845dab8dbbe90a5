/**
 * Read side of the CRM (the contact view). Every query reads through an index with a bound
 * (take / paginate); see docs/crm.md "Limits".
 */
import { sentimentTrend } from "@switchboard/insights";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { getOwnedDoc } from "../contacts/lib";
import { SYMMETRIC_TYPES } from "../contacts/relationships";
import { commitmentStatus, dealStage } from "../schema/crm";
import { getProfile } from "./profile";
import { memberMutation, memberQuery } from "../lib/functions";

export const GRAPH_FIRST_DEGREE = 25;
export const GRAPH_SECOND_DEGREE = 10;
export const GRAPH_EXPAND = 10;
export const SENTIMENT_MAX_POINTS = 500;

function contactCard(c: Doc<"contacts">) {
  return {
    _id: c._id,
    displayName: c.displayName,
    company: c.company,
    title: c.title,
    primaryEmail: c.primaryEmail,
    primaryPhone: c.primaryPhone,
    healthScore: c.healthScore,
    dealStage: c.dealStage,
  };
}

/** Everything the CRM knows about a contact, derived from its messages (bounded reads). */
export const summary = memberQuery({
  args: { contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    const contact = await getOwnedDoc(ctx, organizationId, contactId);
    const [identities, profile, deal, openCommitments, recentInsights, recentEvents, outgoing, incoming] = await Promise.all([
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
        .withIndex("by_contact_status", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", "open"))
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
    };
  },
});

/** Relationship graph around a contact: nodes + edges to depth 2, bounded per level. */
export const graph = memberQuery({
  args: { contactId: v.id("contacts"), depth: v.optional(v.number()) },
  handler: async (ctx, { organizationId, contactId, depth }) => {
    const root = await getOwnedDoc(ctx, organizationId, contactId);
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
      const ends = SYMMETRIC_TYPES.has(e.type) ? [e.fromContactId, e.toContactId].sort() : [e.fromContactId, e.toContactId];
      const key = `${ends.join("|")}|${e.type}`;
      const seen = best.get(key);
      const rank = (r: Doc<"contactRelationships">) => (r.source === "manual" ? 2 : 1) + r.confidence;
      if (!seen || rank(e) > rank(seen)) best.set(key, e);
    }
    return {
      nodes,
      edges: [...best.values()]
        .map((e) => ({
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
export const sentiment = memberQuery({
  args: {
    contactId: v.id("contacts"),
    bucket: v.optional(v.union(v.literal("day"), v.literal("week"))),
    limit: v.optional(v.number()),
  },
  handler: async (ctx, { organizationId, contactId, bucket, limit }) => {
    const contact = await getOwnedDoc(ctx, organizationId, contactId);
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
    const series = sentimentTrend(points, { bucket: bucket ?? "week", timezone: contact.timezone ?? org?.timezone ?? "UTC" });
    return { points, series };
  },
});

/** Commitments (open by default), soonest deadline first; of one contact or the whole organization. */
export const commitments = memberQuery({
  args: {
    contactId: v.optional(v.id("contacts")),
    status: v.optional(commitmentStatus),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, contactId, status, paginationOpts }) => {
    const s = status ?? "open";
    if (contactId) await getOwnedDoc(ctx, organizationId, contactId);
    const page = await (contactId
      ? ctx.db
          .query("commitments")
          .withIndex("by_contact_status", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", s))
      : ctx.db.query("commitments").withIndex("by_status_due", (q) => q.eq("organizationId", organizationId).eq("status", s))
    ).paginate(paginationOpts);
    const now = Date.now();
    return {
      ...page,
      page: page.page.map((c) => ({ ...c, overdue: c.status === "open" && c.dueAt !== undefined && c.dueAt < now })),
    };
  },
});

/** Marks a commitment done (or re-opens it). */
export const setCommitmentDone = memberMutation({
  args: { commitmentId: v.id("commitments"), done: v.optional(v.boolean()) },
  handler: async (ctx, { organizationId, commitmentId, done }) => {
    const member = ctx.member;
    const c = await getOwnedDoc(ctx, organizationId, commitmentId);
    if (done === false) {
      await ctx.db.patch(c._id, {
        status: "open",
        doneAt: undefined,
        doneByMemberId: undefined,
        doneByMessageId: undefined,
        doneEvidence: undefined,
      });
    } else {
      if (c.status === "done") return null;
      await ctx.db.patch(c._id, { status: "done", doneAt: Date.now(), doneByMemberId: member._id, doneEvidence: "marked done" });
    }
    return null;
  },
});

/** Communication preferences (preferred channel, response times, active hours, patterns). */
export const preferences = memberQuery({
  args: { contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    await getOwnedDoc(ctx, organizationId, contactId);
    const profile = await getProfile(ctx, organizationId, contactId);
    return profile ? { preferences: profile.preferences ?? null, computedAt: profile.computedAt, basedOnMessages: profile.basedOnMessages } : null;
  },
});

/** Deals, most recently changed first, optionally one stage. */
export const deals = memberQuery({
  args: { stage: v.optional(dealStage), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { organizationId, stage, paginationOpts }) => {
    const page = await (stage
      ? ctx.db.query("deals").withIndex("by_stage", (q) => q.eq("organizationId", organizationId).eq("stage", stage))
      : ctx.db.query("deals").withIndex("by_updated", (q) => q.eq("organizationId", organizationId))
    )
      .order("desc")
      .paginate(paginationOpts);
    const contacts = await Promise.all(page.page.map((d) => ctx.db.get(d.contactId)));
    return {
      ...page,
      page: page.page.map((d, i) => ({ ...d, contact: contacts[i] ? contactCard(contacts[i]!) : null })),
    };
  },
});
