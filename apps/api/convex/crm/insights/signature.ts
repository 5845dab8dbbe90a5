import { SIGNAL_WEIGHTS, suggestMerge } from "../../contacts/mergeSuggestions";
import { otherHolders } from "../../contacts/model";
import type { MessageContext } from "./context";

/** Phones/emails read from one signature: a real one lists a few; more is a footer or a directory. */
export const MAX_SIGNATURE_IDENTIFIERS = 6;
/** Other contacts suggested for merging per identifier: several holders already means a shared line. */
export const MAX_HOLDERS_SUGGESTED = 3;

/**
 * Signature identifiers: a phone or email nobody holds becomes an identity of the contact
 * (source "signature", unverified); one another contact holds becomes a merge suggestion.
 */
export async function applySignatureIdentities({
  ctx,
  organizationId,
  contact,
  contactId,
  msg,
  sig,
  senderEmail,
  now,
}: MessageContext) {
  if (!sig) return;
  const found: Array<{ kind: "phone" | "email"; value: string }> = [
    ...sig.phones.map((p) => ({ kind: "phone" as const, value: p })),
    ...sig.emails.filter((e) => e !== senderEmail).map((e) => ({ kind: "email" as const, value: e.toLowerCase() })),
  ];
  for (const { kind, value } of found.slice(0, MAX_SIGNATURE_IDENTIFIERS)) {
    const { holders, onSelf } = await otherHolders(ctx, organizationId, kind, value, contactId);
    for (const other of holders.slice(0, MAX_HOLDERS_SUGGESTED)) {
      await suggestMerge(
        ctx,
        organizationId,
        contactId,
        other._id,
        {
          signal: "signature_identifier",
          detail: `${kind === "phone" ? "Phone" : "Email"} ${value} in the signature of a ${msg.channel} message from "${contact.displayName}" belongs to "${other.displayName}"`,
          key: `sig:${kind}:${value}`,
          weight: kind === "phone" ? SIGNAL_WEIGHTS.signature_phone : SIGNAL_WEIGHTS.signature_email,
          messageId: msg._id,
        },
        now,
      );
    }
    if (!onSelf && holders.length === 0) {
      await ctx.db.insert("contactIdentities", {
        organizationId,
        contactId,
        channel: kind === "phone" ? "sms" : "email",
        kind,
        identifier: value,
        verified: false,
        source: "signature",
        createdAt: now,
      });
    }
  }
}
