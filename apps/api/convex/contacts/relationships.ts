/**
 * Relationships between contacts. Manual ones are created/edited by members; extracted ones come
 * from communication (crm/insights.ts) and are deduplicated per (from, to, type), their confidence
 * rising with each new piece of evidence. A manual edit always wins: extraction never touches a
 * manual relationship, and never re-creates one a member deleted.
 */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberMutation } from "../lib/functions";
import { getLiveContact } from "./model";

/** Relationships of one type one contact can have from extraction (keeps every lookup bounded). */
export const MAX_RELATIONSHIPS_PER_TYPE = 200;
export const MAX_EVIDENCE = 20;
/** Extracted confidence never reaches certainty; manual relationships are 1. */
export const MAX_EXTRACTED_CONFIDENCE = 0.99;
/** Types read in both directions (a colleague edge A->B is also B->A). */
export const SYMMETRIC_TYPES = new Set(["colleague"]);

const TYPE_RE = /^[a-z][a-z0-9_]{0,39}$/;
type Evidence = Doc<"contactRelationships">["evidence"][number];

export async function findRelationship(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  from: Id<"contacts">,
  to: Id<"contacts">,
  type: string,
): Promise<Doc<"contactRelationships"> | null> {
  const lookup = async (a: Id<"contacts">, b: Id<"contacts">) => {
    const rows = await ctx.db
      .query("contactRelationships")
      .withIndex("by_from", (q) => q.eq("organizationId", organizationId).eq("fromContactId", a).eq("type", type))
      .take(MAX_RELATIONSHIPS_PER_TYPE);
    return { row: rows.find((r) => r.toContactId === b) ?? null, count: rows.length };
  };
  const direct = await lookup(from, to);
  if (direct.row || !SYMMETRIC_TYPES.has(type)) return direct.row;
  return (await lookup(to, from)).row;
}

async function suppressed(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  from: Id<"contacts">,
  to: Id<"contacts">,
  type: string,
) {
  const one = (a: Id<"contacts">, b: Id<"contacts">) =>
    ctx.db
      .query("relationshipSuppressions")
      .withIndex("by_pair", (q) =>
        q.eq("organizationId", organizationId).eq("fromContactId", a).eq("toContactId", b).eq("type", type),
      )
      .first();
  return (await one(from, to)) !== null || (SYMMETRIC_TYPES.has(type) && (await one(to, from)) !== null);
}

/** confidence' = 1 - (1 - c)(1 - c_new): independent evidence raises it, capped below 1. */
export function combineConfidence(current: number, added: number): number {
  const c = 1 - (1 - current) * (1 - added);
  return Math.round(Math.min(MAX_EXTRACTED_CONFIDENCE, c) * 1000) / 1000;
}

/**
 * Records one piece of extracted evidence for (from, to, type). Returns what happened; a manual or
 * deleted relationship is never changed.
 */
export async function upsertExtractedRelationship(
  ctx: MutationCtx,
  args: {
    organizationId: Id<"organizations">;
    fromContactId: Id<"contacts">;
    toContactId: Id<"contacts">;
    type: string;
    confidence: number;
    evidence: Evidence;
    now: number;
  },
): Promise<"created" | "raised" | "unchanged" | "manual" | "suppressed" | "full"> {
  const { organizationId, fromContactId, toContactId, type, now } = args;
  if (fromContactId === toContactId) return "unchanged";
  if (await suppressed(ctx, organizationId, fromContactId, toContactId, type)) return "suppressed";
  const existing = await findRelationship(ctx, organizationId, fromContactId, toContactId, type);
  if (existing) {
    if (existing.source === "manual") return "manual";
    const same = existing.evidence.some(
      (e) => e.text === args.evidence.text && e.messageId === args.evidence.messageId,
    );
    // Evidence without a message (e.g. "same company domain") counts once.
    if (same || (!args.evidence.messageId && existing.evidence.some((e) => e.text === args.evidence.text)))
      return "unchanged";
    await ctx.db.patch(existing._id, {
      confidence: combineConfidence(existing.confidence, args.confidence),
      evidence: [...existing.evidence, args.evidence].slice(-MAX_EVIDENCE),
      updatedAt: now,
    });
    return "raised";
  }
  const count = await ctx.db
    .query("contactRelationships")
    .withIndex("by_from", (q) =>
      q.eq("organizationId", organizationId).eq("fromContactId", fromContactId).eq("type", type),
    )
    .take(MAX_RELATIONSHIPS_PER_TYPE);
  if (count.length >= MAX_RELATIONSHIPS_PER_TYPE) return "full";
  await ctx.db.insert("contactRelationships", {
    organizationId,
    fromContactId,
    toContactId,
    type,
    source: "agent_extracted",
    confidence: Math.min(MAX_EXTRACTED_CONFIDENCE, Math.round(args.confidence * 1000) / 1000),
    evidence: [args.evidence],
    createdAt: now,
    updatedAt: now,
  });
  return "created";
}

function checkType(type: string) {
  if (!TYPE_RE.test(type))
    fail("invalid_argument", "type must be lower-case letters, digits or _ (e.g. colleague, manager)");
}

/** Adds a manual relationship; an extracted one for the same (from, to, type) becomes manual. */
export const create = memberMutation({
  args: {
    fromContactId: v.id("contacts"),
    toContactId: v.id("contacts"),
    type: v.string(),
    note: v.optional(v.string()),
  },
  handler: async (ctx, { organizationId, fromContactId, toContactId, type, note }) => {
    const member = ctx.member;
    checkType(type);
    if (fromContactId === toContactId) fail("invalid_argument", "A contact cannot be related to itself");
    await getLiveContact(ctx, organizationId, fromContactId);
    await getLiveContact(ctx, organizationId, toContactId);
    const now = Date.now();
    const evidence = { text: note?.trim() || `added by ${member.name ?? member.email}` };
    const existing = await findRelationship(ctx, organizationId, fromContactId, toContactId, type);
    if (existing) {
      if (existing.source === "manual") fail("conflict", "This relationship already exists");
      await ctx.db.patch(existing._id, {
        source: "manual",
        confidence: 1,
        evidence: [...existing.evidence, evidence].slice(-MAX_EVIDENCE),
        updatedAt: now,
      });
      return existing._id;
    }
    const gone = await ctx.db
      .query("relationshipSuppressions")
      .withIndex("by_pair", (q) =>
        q
          .eq("organizationId", organizationId)
          .eq("fromContactId", fromContactId)
          .eq("toContactId", toContactId)
          .eq("type", type),
      )
      .first();
    if (gone) await ctx.db.delete(gone._id);
    return ctx.db.insert("contactRelationships", {
      organizationId,
      fromContactId,
      toContactId,
      type,
      source: "manual",
      confidence: 1,
      evidence: [evidence],
      createdAt: now,
      updatedAt: now,
    });
  },
});

/** Edits a relationship; the edit makes it manual (extraction never overwrites it again). */
export const update = memberMutation({
  args: {
    relationshipId: v.id("contactRelationships"),
    type: v.optional(v.string()),
    confidence: v.optional(v.number()),
    note: v.optional(v.string()),
  },
  handler: async (ctx, { organizationId, relationshipId, type, confidence, note }) => {
    const member = ctx.member;
    const rel = await getOwned(ctx, organizationId, relationshipId);
    if (type !== undefined) checkType(type);
    if (confidence !== undefined && !(confidence >= 0 && confidence <= 1))
      fail("invalid_argument", "confidence must be between 0 and 1");
    await ctx.db.patch(rel._id, {
      source: "manual",
      type: type ?? rel.type,
      confidence: confidence ?? 1,
      evidence: note?.trim()
        ? [...rel.evidence, { text: note.trim() }].slice(-MAX_EVIDENCE)
        : rel.source === "manual"
          ? rel.evidence
          : [...rel.evidence, { text: `confirmed by ${member.name ?? member.email}` }].slice(-MAX_EVIDENCE),
      updatedAt: Date.now(),
    });
    return null;
  },
});

/** Deletes a relationship; extraction will not re-create it. */
export const remove = memberMutation({
  args: { relationshipId: v.id("contactRelationships") },
  handler: async (ctx, { organizationId, relationshipId }) => {
    const rel = await getOwned(ctx, organizationId, relationshipId);
    await ctx.db.delete(rel._id);
    const existing = await ctx.db
      .query("relationshipSuppressions")
      .withIndex("by_pair", (q) =>
        q
          .eq("organizationId", organizationId)
          .eq("fromContactId", rel.fromContactId)
          .eq("toContactId", rel.toContactId)
          .eq("type", rel.type),
      )
      .first();
    if (!existing) {
      await ctx.db.insert("relationshipSuppressions", {
        organizationId,
        fromContactId: rel.fromContactId,
        toContactId: rel.toContactId,
        type: rel.type,
        createdAt: Date.now(),
      });
    }
    return null;
  },
});
