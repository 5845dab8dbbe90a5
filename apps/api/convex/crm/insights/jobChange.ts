import { detectJobChange } from "@switchboard/insights";
import { type ContactPatch, clean, type MessageContext } from "./context";

/**
 * Title/company from the signature: a change against what the contact had is a "job_change"
 * timeline event; the contact takes the new values. Returns the contact fields to patch.
 */
export async function recordJobChange({
  ctx,
  organizationId,
  contact,
  contactId,
  msg,
  sig,
}: MessageContext): Promise<ContactPatch> {
  const title = clean(sig?.title);
  const company = clean(sig?.company);
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
      data: { change: change.kind, from: change.from, to: change.to },
      sourceMessageId: msg._id,
    });
  }
  return { title: title ?? contact.title, company: company ?? contact.company };
}
