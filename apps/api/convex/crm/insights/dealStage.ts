import { advanceDeal } from "@switchboard/insights";
import type { ContactPatch, MessageContext } from "./context";

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
  const deal = await ctx.db
    .query("deals")
    .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .first();
  const current = deal?.stage ?? null;
  const advance = advanceDeal(current, ext.dealCue);
  if (!advance.changed || !advance.stage) return {};
  const where = span(ext.dealCue.span);
  const by = reviewed.get("dealStage")?.action === "correct" ? ("agent" as const) : source;
  const fields = {
    stage: advance.stage,
    confidence: ext.dealCue.confidence,
    cue: ext.dealCue.cue,
    sourceMessageId: msg._id,
    span: where,
    source: by,
    updatedAt: now,
  };
  if (deal) await ctx.db.patch(deal._id, fields);
  else await ctx.db.insert("deals", { organizationId, contactId, ...fields, createdAt: now });
  await ctx.db.insert("contactEvents", {
    organizationId,
    contactId,
    kind: "deal_stage",
    at: msg.sentAt,
    summary: `Deal ${current ? `moved from ${current} to ${advance.stage}` : `opened at ${advance.stage}`}: “${ext.dealCue.cue}”`,
    data: {
      factKey: "dealStage",
      from: current,
      to: advance.stage,
      cue: ext.dealCue.cue,
      confidence: ext.dealCue.confidence,
      reason: advance.reason,
      span: where,
      source: by,
    },
    sourceMessageId: msg._id,
  });
  return { dealStage: advance.stage };
}
