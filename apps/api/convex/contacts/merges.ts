/**
 * Contact merge and undo, in bounded batches.
 *
 * merge(survivor, loser):
 *   start  — checks (same org, not self, neither merged, no merge running on either), snapshots
 *            both contact rows (+ the survivor's derived profile and the pair's suggestion), marks
 *            the loser `mergedInto`, writes the audit row and a "merge" timeline event, schedules step.
 *   step   — moves at most MERGE_BATCH rows whose contact reference points at the loser, walking
 *            MERGE_MOVES in order; every batch's ids go to contactMergeBatches (the undo log);
 *            then schedules itself again (ctx.scheduler.runAfter(0)). The last step folds the
 *            loser's counters into the survivor and recomputes its derived profile.
 * undo(merge):
 *   walks the batches backwards, one batch per step, pointing each row that still references
 *   the survivor back at the loser; then replaces both contact rows (and the survivor's profile
 *   and the suggestion) with their snapshots and deletes the merge timeline event.
 */

import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id, TableNames } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { refreshProfile } from "../crm/profile";
import { emitDomainEvent } from "../events/domain";
import { fail, getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";
import { findSuggestion, snapshotOf } from "./model";

/** Rows moved (or restored) per mutation. */
export const MERGE_BATCH = 100;

interface Move {
  table: TableNames;
  index: string;
  field: string;
}

/** Every reference to a contact that a merge moves, in order (identities first: new mail routes right). */
export const MERGE_MOVES: readonly Move[] = [
  { table: "contactIdentities", index: "by_contact", field: "contactId" },
  { table: "conversationThreads", index: "by_contact_status", field: "contactId" },
  { table: "unifiedMessages", index: "by_contact", field: "contactId" },
  { table: "contactEvents", index: "by_contact_at", field: "contactId" },
  { table: "contactRelationships", index: "by_from", field: "fromContactId" },
  { table: "contactRelationships", index: "by_to", field: "toContactId" },
  { table: "messageInsights", index: "by_contact_at", field: "contactId" },
  { table: "commitments", index: "by_contact_status", field: "contactId" },
  { table: "deals", index: "by_contact", field: "contactId" },
  { table: "companyDomains", index: "by_contact", field: "contactId" },
  { table: "threadLabels", index: "by_contact", field: "contactId" },
  // Ratings follow the person, so the survivor's health score counts them.
  { table: "csatRequests", index: "by_contact", field: "contactId" },
];

type AnyDoc = { _id: string; [field: string]: unknown };
/** An index range builder of whichever table a move names. */
type EqChain = { eq(field: string, value: unknown): EqChain };

/** Up to `limit` rows of `move.table` whose `move.field` is `contactId` (through its index). */
async function rowsReferencing(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  move: Move,
  contactId: Id<"contacts">,
  limit: number,
): Promise<AnyDoc[]> {
  // The tables differ, the shape does not: every index in MERGE_MOVES starts with
  // (organizationId, <field>), so a dynamic query is safe here.
  const db = ctx.db as unknown as {
    query(t: string): { withIndex(i: string, r: (q: EqChain) => unknown): { take(n: number): Promise<AnyDoc[]> } };
  };
  return db
    .query(move.table)
    .withIndex(move.index, (q) => q.eq("organizationId", organizationId).eq(move.field, contactId))
    .take(limit);
}

async function activeMergeOf(ctx: MutationCtx, organizationId: Id<"organizations">, contactId: Id<"contacts">) {
  for (const status of ["running", "undoing"] as const) {
    const asSurvivor = await ctx.db
      .query("contactMerges")
      .withIndex("by_survivor", (q) =>
        q.eq("organizationId", organizationId).eq("survivorId", contactId).eq("status", status),
      )
      .first();
    if (asSurvivor) return asSurvivor;
    const asLoser = await ctx.db
      .query("contactMerges")
      .withIndex("by_loser", (q) =>
        q.eq("organizationId", organizationId).eq("loserId", contactId).eq("status", status),
      )
      .first();
    if (asLoser) return asLoser;
  }
  return null;
}

async function profileOf(ctx: MutationCtx, organizationId: Id<"organizations">, contactId: Id<"contacts">) {
  return ctx.db
    .query("contactProfiles")
    .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .first();
}

export async function startMerge(
  ctx: MutationCtx,
  args: {
    organizationId: Id<"organizations">;
    survivorId: Id<"contacts">;
    loserId: Id<"contacts">;
    member?: Doc<"members">;
    now: number;
  },
): Promise<Id<"contactMerges">> {
  const { organizationId, survivorId, loserId, now } = args;
  if (survivorId === loserId) fail("invalid_argument", "A contact cannot be merged into itself");
  // Both must belong to the caller's organization (cross-organization ids are simply not found).
  const survivor = await getOwned(ctx, organizationId, survivorId);
  const loser = await getOwned(ctx, organizationId, loserId);
  if (survivor.mergedInto) fail("conflict", `"${survivor.displayName}" was already merged into another contact`);
  if (loser.mergedInto) fail("conflict", `"${loser.displayName}" was already merged into another contact`);
  if ((await activeMergeOf(ctx, organizationId, survivorId)) || (await activeMergeOf(ctx, organizationId, loserId))) {
    fail("conflict", "A merge involving one of these contacts is still running");
  }
  const profile = await profileOf(ctx, organizationId, survivorId);
  const suggestion = await findSuggestion(ctx, organizationId, survivorId, loserId);
  const mergeId = await ctx.db.insert("contactMerges", {
    organizationId,
    survivorId,
    loserId,
    status: "running",
    phase: 0,
    moved: 0,
    restored: 0,
    estimatedTotal: loser.messageCount,
    batches: 0,
    loserBefore: snapshotOf(loser),
    survivorBefore: snapshotOf(survivor),
    survivorProfileBefore: profile ? { _id: profile._id, ...snapshotOf(profile) } : undefined,
    suggestionId: suggestion?._id,
    suggestionBefore: suggestion ? snapshotOf(suggestion) : undefined,
    startedBy: args.member?._id,
    startedAt: now,
  });
  if (suggestion && suggestion.status === "open") {
    await ctx.db.patch(suggestion._id, {
      status: "accepted",
      mergeId,
      resolvedAt: now,
      resolvedBy: args.member?._id,
      updatedAt: now,
    });
  }
  await ctx.db.patch(loserId, { mergedInto: survivorId, updatedAt: now });
  const eventId = await ctx.db.insert("contactEvents", {
    organizationId,
    contactId: survivorId,
    kind: "merge",
    at: now,
    summary: `Merged "${loser.displayName}" into this contact`,
    data: { mergeId, loserId, loserName: loser.displayName },
  });
  await ctx.db.patch(mergeId, { eventId });
  await ctx.scheduler.runAfter(0, internal.contacts.merges.step, { mergeId });
  return mergeId;
}

/** Merges `loserId` into `survivorId` (batched; follow progress with `get`). */
export const start = memberMutation({
  args: { survivorId: v.id("contacts"), loserId: v.id("contacts") },
  handler: async (ctx, args) => {
    const member = ctx.member;
    return startMerge(ctx, { ...args, member, now: Date.now() });
  },
});

export const step = internalMutation({
  args: { mergeId: v.id("contactMerges") },
  handler: async (ctx, { mergeId }) => {
    const m = await ctx.db.get(mergeId);
    if (m?.status !== "running") return null;
    let budget = MERGE_BATCH;
    let { phase, moved, batches } = m;
    while (phase < MERGE_MOVES.length && budget > 0) {
      const move = MERGE_MOVES[phase]!;
      const rows = await rowsReferencing(ctx, m.organizationId, move, m.loserId, budget);
      if (rows.length > 0) {
        for (const row of rows) {
          await ctx.db.patch(row._id as Id<TableNames>, { [move.field]: m.survivorId });
        }
        await ctx.db.insert("contactMergeBatches", {
          organizationId: m.organizationId,
          mergeId,
          seq: batches,
          table: move.table,
          field: move.field,
          ids: rows.map((r) => r._id),
        });
        batches++;
        moved += rows.length;
        budget -= rows.length;
      }
      if (budget > 0) phase++; // fewer rows than asked for: this phase is done
    }
    if (phase < MERGE_MOVES.length) {
      await ctx.db.patch(mergeId, { phase, moved, batches, estimatedTotal: Math.max(m.estimatedTotal, moved + 1) });
      await ctx.scheduler.runAfter(0, internal.contacts.merges.step, { mergeId });
      return null;
    }
    // Finalise: the survivor takes over the loser's counters and missing profile fields.
    const now = Date.now();
    const survivor = (await ctx.db.get(m.survivorId))!;
    const loser = m.loserBefore as Doc<"contacts">;
    const later = (loser.lastMessageAt ?? 0) > (survivor.lastMessageAt ?? 0);
    await ctx.db.patch(m.survivorId, {
      messageCount: survivor.messageCount + loser.messageCount,
      lastMessageAt: maxOpt(survivor.lastMessageAt, loser.lastMessageAt),
      lastInboundAt: maxOpt(survivor.lastInboundAt, loser.lastInboundAt),
      lastChannel: later ? loser.lastChannel : survivor.lastChannel,
      primaryEmail: survivor.primaryEmail ?? loser.primaryEmail,
      primaryPhone: survivor.primaryPhone ?? loser.primaryPhone,
      company: survivor.company ?? loser.company,
      title: survivor.title ?? loser.title,
      timezone: survivor.timezone ?? loser.timezone,
      dealStage: survivor.dealStage ?? loser.dealStage,
      updatedAt: now,
    });
    await ctx.db.patch(mergeId, { phase, moved, batches, estimatedTotal: moved, status: "done", finishedAt: now });
    await emitDomainEvent(ctx, m.organizationId, {
      type: "contact.merged",
      mergeId,
      survivorId: m.survivorId,
      mergedId: m.loserId,
    });
    await refreshProfile(ctx, m.organizationId, m.survivorId, now);
    return null;
  },
});

function maxOpt(a: number | undefined, b: number | undefined) {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** Reverts a finished merge (batched), restoring both contacts' prior rows. */
export const undo = memberMutation({
  args: { mergeId: v.id("contactMerges") },
  handler: async (ctx, { organizationId, mergeId }) => {
    const member = ctx.member;
    const m = await getOwned(ctx, organizationId, mergeId);
    if (m.status !== "done") fail("conflict", `Only a finished merge can be undone (this one is ${m.status})`);
    const survivor = await ctx.db.get(m.survivorId);
    const loser = await ctx.db.get(m.loserId);
    if (!survivor || !loser) fail("conflict", "One of the merged contacts no longer exists");
    if (survivor.mergedInto) fail("conflict", "The surviving contact was merged again since: undo that merge first");
    if (loser.mergedInto !== m.survivorId) fail("conflict", "The merged contact changed since the merge");
    await ctx.db.patch(mergeId, { status: "undoing", undoCursor: m.batches, restored: 0, undoneBy: member._id });
    await ctx.scheduler.runAfter(0, internal.contacts.merges.undoStep, { mergeId });
    return null;
  },
});

export const undoStep = internalMutation({
  args: { mergeId: v.id("contactMerges") },
  handler: async (ctx, { mergeId }) => {
    const m = await ctx.db.get(mergeId);
    if (m?.status !== "undoing") return null;
    const cursor = m.undoCursor ?? m.batches;
    const batch = await ctx.db
      .query("contactMergeBatches")
      .withIndex("by_merge_seq", (q) =>
        q.eq("organizationId", m.organizationId).eq("mergeId", mergeId).lt("seq", cursor),
      )
      .order("desc")
      .first();
    if (batch) {
      let restored = 0;
      for (const id of batch.ids) {
        const doc = (await ctx.db.get(id as Id<TableNames>)) as AnyDoc | null;
        // Rows deleted or re-pointed since the merge are left as they are.
        if (doc && doc[batch.field] === m.survivorId) {
          await ctx.db.patch(id as Id<TableNames>, { [batch.field]: m.loserId });
          restored++;
        }
      }
      await ctx.db.patch(mergeId, { undoCursor: batch.seq, restored: m.restored + restored });
      await ctx.scheduler.runAfter(0, internal.contacts.merges.undoStep, { mergeId });
      return null;
    }
    await ctx.db.replace(m.loserId, m.loserBefore as Doc<"contacts">);
    await ctx.db.replace(m.survivorId, m.survivorBefore as Doc<"contacts">);
    const current = await profileOf(ctx, m.organizationId, m.survivorId);
    const before = m.survivorProfileBefore as (Doc<"contactProfiles"> & { _id: Id<"contactProfiles"> }) | undefined;
    if (before) {
      const { _id, ...fields } = before;
      if (current && current._id !== _id) await ctx.db.delete(current._id);
      if (await ctx.db.get(_id)) await ctx.db.replace(_id, fields);
    } else if (current) {
      await ctx.db.delete(current._id);
    }
    if (m.suggestionId && m.suggestionBefore && (await ctx.db.get(m.suggestionId))) {
      await ctx.db.replace(m.suggestionId, m.suggestionBefore as Doc<"mergeSuggestions">);
    }
    if (m.eventId && (await ctx.db.get(m.eventId))) await ctx.db.delete(m.eventId);
    await ctx.db.patch(mergeId, { status: "undone", undoneAt: Date.now(), undoCursor: 0 });
    return null;
  },
});

/** One merge's audit entry and progress (for a progress bar: moved / estimatedTotal). */
export const get = memberQuery({
  args: { mergeId: v.id("contactMerges") },
  handler: async (ctx, { organizationId, mergeId }) => {
    const m = await getOwned(ctx, organizationId, mergeId);
    const total = Math.max(1, m.estimatedTotal);
    return {
      _id: m._id,
      survivorId: m.survivorId,
      loserId: m.loserId,
      status: m.status,
      phase: MERGE_MOVES[m.phase]?.table ?? "finished",
      moved: m.moved,
      restored: m.restored,
      batches: m.batches,
      estimatedTotal: m.estimatedTotal,
      progress:
        m.status === "running"
          ? Math.min(0.99, m.moved / total)
          : m.status === "undoing"
            ? 1 - (m.undoCursor ?? m.batches) / Math.max(1, m.batches)
            : 1,
      loserBefore: m.loserBefore as Omit<Doc<"contacts">, "_id" | "_creationTime">,
      startedAt: m.startedAt,
      finishedAt: m.finishedAt,
      undoneAt: m.undoneAt,
    };
  },
});

/** Merges a contact took part in, newest first (bounded). */
export const listForContact = memberQuery({
  args: { contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    await getOwned(ctx, organizationId, contactId);
    const rows: Doc<"contactMerges">[] = [];
    for (const status of ["running", "done", "undoing", "undone"] as const) {
      rows.push(
        ...(await ctx.db
          .query("contactMerges")
          .withIndex("by_survivor", (q) =>
            q.eq("organizationId", organizationId).eq("survivorId", contactId).eq("status", status),
          )
          .order("desc")
          .take(20)),
        ...(await ctx.db
          .query("contactMerges")
          .withIndex("by_loser", (q) =>
            q.eq("organizationId", organizationId).eq("loserId", contactId).eq("status", status),
          )
          .order("desc")
          .take(20)),
      );
    }
    return rows
      .sort((a, b) => b.startedAt - a.startedAt)
      .map(({ loserBefore: _l, survivorBefore: _s, survivorProfileBefore: _p, suggestionBefore: _g, ...rest }) => rest);
  },
});
