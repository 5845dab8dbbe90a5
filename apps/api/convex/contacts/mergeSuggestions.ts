/**
 * Merge suggestions: possible duplicates found from signals, each with its evidence and a score.
 * One row per unordered pair (pairKey); a dismissed pair is never suggested again.
 */
import { paginationOptsValidator } from "convex/server";
import { type Infer, v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";
import type { mergeReason } from "../schema/crm";
import { startMerge } from "./merges";
import { findSuggestion, pairOf } from "./model";
import { liveContact } from "./resolve";

export type MergeReason = Infer<typeof mergeReason>;
/** Evidence kept per suggestion (oldest dropped beyond this). */
export const MAX_REASONS = 20;

/** Signal weights (see docs/crm.md "Merge suggestions"). */
export const SIGNAL_WEIGHTS = {
  manual_identifier: 0.9,
  signature_email: 0.7,
  signature_phone: 0.6,
  name_domain: 0.5,
  verified_email: 0.95,
  claimed_email: 0.4,
} as const;

/** score = 1 - Π(1 - weight) over distinct pieces of evidence (noisy-or), 3 decimals. */
export function scoreOf(reasons: Pick<MergeReason, "weight">[]): number {
  const miss = reasons.reduce((acc, r) => acc * (1 - Math.min(0.99, Math.max(0, r.weight))), 1);
  return Math.round((1 - miss) * 1000) / 1000;
}

/**
 * Adds evidence that x and y are the same person. Creates the suggestion, or adds the reason to
 * the open one (the same evidence key twice changes nothing). Dismissed or accepted pairs are left
 * alone: returns null.
 */
export async function suggestMerge(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  x: Id<"contacts">,
  y: Id<"contacts">,
  reason: Omit<MergeReason, "at">,
  now: number,
): Promise<Id<"mergeSuggestions"> | null> {
  const cx = await liveContact(ctx, organizationId, x);
  const cy = await liveContact(ctx, organizationId, y);
  if (!cx || !cy || cx._id === cy._id) return null;
  const existing = await findSuggestion(ctx, organizationId, cx._id, cy._id);
  const full: MergeReason = { ...reason, at: now };
  if (existing) {
    if (existing.status !== "open") return null;
    if (existing.reasons.some((r) => r.key === reason.key)) return existing._id;
    const reasons = [...existing.reasons, full].slice(-MAX_REASONS);
    await ctx.db.patch(existing._id, { reasons, score: scoreOf(reasons), updatedAt: now });
    return existing._id;
  }
  return ctx.db.insert("mergeSuggestions", {
    organizationId,
    ...pairOf(cx._id, cy._id),
    status: "open",
    score: scoreOf([full]),
    reasons: [full],
    createdAt: now,
    updatedAt: now,
  });
}

async function withContacts(ctx: QueryCtx, s: Doc<"mergeSuggestions">) {
  const [a, b] = await Promise.all([ctx.db.get(s.contactAId), ctx.db.get(s.contactBId)]);
  const summary = (c: Doc<"contacts"> | null) =>
    c && {
      _id: c._id,
      displayName: c.displayName,
      company: c.company,
      primaryEmail: c.primaryEmail,
      primaryPhone: c.primaryPhone,
      messageCount: c.messageCount,
      mergedInto: c.mergedInto,
    };
  return { ...s, contactA: summary(a), contactB: summary(b), stale: !a || !b || !!a.mergedInto || !!b.mergedInto };
}

/** Open suggestions, best first (paginated), or the open suggestions of one contact (bounded). */
export const list = memberQuery({
  args: {
    contactId: v.optional(v.id("contacts")),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, { organizationId, contactId, paginationOpts }) => {
    if (contactId) {
      await getOwned(ctx, organizationId, contactId);
      const [asA, asB] = await Promise.all([
        ctx.db
          .query("mergeSuggestions")
          .withIndex("by_a", (q) =>
            q.eq("organizationId", organizationId).eq("contactAId", contactId).eq("status", "open"),
          )
          .take(50),
        ctx.db
          .query("mergeSuggestions")
          .withIndex("by_b", (q) =>
            q.eq("organizationId", organizationId).eq("contactBId", contactId).eq("status", "open"),
          )
          .take(50),
      ]);
      const rows = [...asA, ...asB].sort((p, q) => q.score - p.score);
      return { page: await Promise.all(rows.map((s) => withContacts(ctx, s))), isDone: true, continueCursor: "" };
    }
    const page = await ctx.db
      .query("mergeSuggestions")
      .withIndex("by_status_score", (q) => q.eq("organizationId", organizationId).eq("status", "open"))
      .order("desc")
      .paginate(paginationOpts);
    return { ...page, page: await Promise.all(page.page.map((s) => withContacts(ctx, s))) };
  },
});

/** Not the same person: the pair is never suggested again. */
export const dismiss = memberMutation({
  args: { suggestionId: v.id("mergeSuggestions") },
  handler: async (ctx, { organizationId, suggestionId }) => {
    const member = ctx.member;
    const s = await getOwned(ctx, organizationId, suggestionId);
    if (s.status !== "open") fail("conflict", `This suggestion is already ${s.status}`);
    await ctx.db.patch(s._id, {
      status: "dismissed",
      resolvedAt: Date.now(),
      resolvedBy: member._id,
      updatedAt: Date.now(),
    });
    return null;
  },
});

/**
 * Same person: starts the merge (batched; follow it with contacts.merge.get). The survivor is the
 * given contact, else the one with more messages (older on a tie).
 */
export const accept = memberMutation({
  args: {
    suggestionId: v.id("mergeSuggestions"),
    survivorId: v.optional(v.id("contacts")),
  },
  handler: async (ctx, { organizationId, suggestionId, survivorId }) => {
    const member = ctx.member;
    const s = await getOwned(ctx, organizationId, suggestionId);
    if (s.status !== "open") fail("conflict", `This suggestion is already ${s.status}`);
    const a = await getOwned(ctx, organizationId, s.contactAId);
    const b = await getOwned(ctx, organizationId, s.contactBId);
    let survivor: Id<"contacts">;
    if (survivorId) {
      if (survivorId !== a._id && survivorId !== b._id)
        fail("invalid_argument", "The survivor must be one of the pair");
      survivor = survivorId;
    } else {
      survivor =
        a.messageCount !== b.messageCount
          ? a.messageCount > b.messageCount
            ? a._id
            : b._id
          : a.createdAt <= b.createdAt
            ? a._id
            : b._id;
    }
    const loser = survivor === a._id ? b._id : a._id;
    return startMerge(ctx, { organizationId, survivorId: survivor, loserId: loser, member, now: Date.now() });
  },
});
