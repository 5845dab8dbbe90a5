import { advanceDeal, type DealCue, type DealStage } from "@switchboard/insights";
import type { Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { ContactPatch, MessageContext } from "./context";
import { factKeys } from "./facts";

/**
 * Moves the contact's deal forward (or opens it) on one cue: deals row + "deal_stage" event.
 * Shared by the insight pipeline and the AI review step (ai/reviews.ts), which differ only in
 * who is credited and the note in the summary. Returns the new stage, or null when nothing moved.
 */
export async function applyDealCue(
  ctx: MutationCtx,
  d: {
    organizationId: Id<"organizations">;
    contactId: Id<"contacts">;
    cue: DealCue;
    messageId: Id<"unifiedMessages">;
    sentAt: number;
    span: { start: number; end: number; quote: string } | undefined;
    source: "rules" | "ai" | "agent";
    /** Put after the stage change in the event summary, e.g. " (AI review)". */
    note?: string;
    now: number;
  },
): Promise<DealStage | null> {
  const { organizationId, contactId, cue, span } = d;
  const deal = await ctx.db
    .query("deals")
    .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .first();
  const current = deal?.stage ?? null;
  const advance = advanceDeal(current, cue);
  if (!advance.changed || !advance.stage) return null;
  const fields = {
    stage: advance.stage,
    confidence: cue.confidence,
    cue: cue.cue,
    sourceMessageId: d.messageId,
    span,
    source: d.source,
    updatedAt: d.now,
  };
  if (deal) await ctx.db.patch(deal._id, fields);
  else await ctx.db.insert("deals", { organizationId, contactId, ...fields, createdAt: d.now });
  await ctx.db.insert("contactEvents", {
    organizationId,
    contactId,
    kind: "deal_stage",
    at: d.sentAt,
    summary: `Deal ${current ? `moved from ${current} to ${advance.stage}` : `opened at ${advance.stage}`}${d.note ?? ""}: “${cue.cue}”`,
    data: {
      factKey: factKeys.dealStage(),
      from: current,
      to: advance.stage,
      cue: cue.cue,
      confidence: cue.confidence,
      reason: advance.reason,
      span,
      source: d.source,
    },
    sourceMessageId: d.messageId,
  });
  return advance.stage;
}

/** A deal cue moves the contact's deal forward (or opens it): deals row + "deal_stage" event. */
export async function advanceDealStage({
  ctx,
  organizationId,
  contactId,
  msg,
  ext,
  span,
  reviewed,
  source,
  now,
}: MessageContext): Promise<ContactPatch> {
  if (!ext.dealCue) return {};
  const stage = await applyDealCue(ctx, {
    organizationId,
    contactId,
    cue: ext.dealCue,
    messageId: msg._id,
    sentAt: msg.sentAt,
    span: span(ext.dealCue.span),
    source: reviewed.get("dealStage")?.action === "correct" ? "agent" : source,
    now,
  });
  return stage ? { dealStage: stage } : {};
}
