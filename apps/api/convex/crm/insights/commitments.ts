import { fulfilmentEvidence } from "@switchboard/insights";
import { toCommitment } from "../profile";
import { clean, MAX_PER_MESSAGE, type MessageContext } from "./context";

/** Open commitments of the contact checked for fulfilment by each new message. */
export const FULFILMENT_WINDOW = 50;

/** Earlier open promises this message fulfils are closed, then this message's own promises are stored. */
export async function applyCommitments({
  ctx,
  organizationId,
  contactId,
  msg,
  input,
  ext,
  span,
  reviewed,
  commitmentKeys,
  source,
}: MessageContext): Promise<void> {
  const open = await ctx.db
    .query("commitments")
    .withIndex("by_contact_status", (q) =>
      q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", "open"),
    )
    .take(FULFILMENT_WINDOW);
  for (const c of open) {
    if (c.sourceMessageId === msg._id) continue;
    const evidence = fulfilmentEvidence(toCommitment(c), input);
    if (evidence) {
      await ctx.db.patch(c._id, {
        status: "done",
        doneAt: msg.sentAt,
        doneByMessageId: msg._id,
        doneEvidence: evidence,
      });
    }
  }
  for (const [i, c] of ext.commitments.slice(0, MAX_PER_MESSAGE).entries()) {
    const factKey = commitmentKeys[i];
    const review = factKey ? reviewed.get(factKey) : undefined;
    await ctx.db.insert("commitments", {
      organizationId,
      contactId,
      sourceMessageId: msg._id,
      text: c.text,
      action: c.action,
      kind: c.kind,
      actor: c.actor,
      who: clean(c.who),
      status: "open",
      dueAt: c.dueAt ?? undefined,
      duePhrase: clean(c.duePhrase),
      createdAt: c.createdAt,
      span: span(c.span),
      factKey,
      source: review?.action === "correct" ? "agent" : source,
      reviewed:
        review && review.action !== "dismiss"
          ? { action: review.action, memberId: review.memberId, at: review.at }
          : undefined,
    });
  }
}
