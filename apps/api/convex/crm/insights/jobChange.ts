import { detectJobChange, statedRole } from "@switchboard/insights";
import { type ContactPatch, clean, type MessageContext } from "./context";
import { factKeys } from "./facts";

/**
 * Title/company the contact announces in the body ("I've joined Y as Head of Sales") or carries in
 * the signature: a change against what the contact had is a "job_change" timeline event linked to
 * its quote; the contact takes the new values. An agent's verdict on the message's job change wins:
 * dismissed = nothing changes, corrected = the agent's title/company. Returns the contact fields to patch.
 */
export async function recordJobChange({
  ctx,
  organizationId,
  contact,
  contactId,
  msg,
  sig,
  ext,
  span,
  reviewed,
  source,
}: MessageContext): Promise<ContactPatch> {
  const verdict = reviewed.get(factKeys.jobChange());
  if (verdict?.action === "dismiss" || msg.direction !== "inbound") return {};
  // body announcement merged with the signature, fuller spelling kept (packages/insights statedRole)
  const stated = statedRole(ext.jobAnnouncement, sig);
  let title = clean(stated?.title);
  let company = clean(stated?.company);
  if (verdict?.action === "correct") {
    title = clean(verdict.corrected?.title) ?? title;
    company = clean(verdict.corrected?.company) ?? company;
  }
  if (!title && !company) return {};
  const change = detectJobChange({ title: contact.title, company: contact.company }, { title, company });
  if (change.changed) {
    const from = change.kind === "company" ? contact.company : contact.title;
    const to = change.kind === "company" ? company : title;
    await ctx.db.insert("contactEvents", {
      organizationId,
      contactId,
      kind: "job_change",
      at: msg.sentAt,
      summary:
        change.kind === "company"
          ? `${contact.displayName} moved from ${from} to ${to}${title ? ` (${title})` : ""}`
          : `${contact.displayName} changed title from ${from} to ${to}`,
      data: {
        change: change.kind,
        from: change.from,
        to: change.to,
        factKey: factKeys.jobChange(),
        span: span(stated?.span),
        source: verdict?.action === "correct" ? "agent" : source,
      },
      sourceMessageId: msg._id,
    });
  }
  return { title: title ?? contact.title, company: company ?? contact.company };
}
