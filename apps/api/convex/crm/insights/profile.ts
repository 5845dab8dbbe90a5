import { getProfile } from "../profile";
import { clean, MAX_SIGNATURE_LINKS, type MessageContext } from "./context";

/** The latest signature (with a title or company) is kept on the contact's profile. */
export async function storeSignatureProfile({
  ctx,
  organizationId,
  contactId,
  msg,
  sig,
  span,
  now,
}: MessageContext): Promise<void> {
  if (!sig) return;
  const title = clean(sig.title);
  const company = clean(sig.company);
  if (!title && !company) return;
  const profile = await getProfile(ctx, organizationId, contactId);
  const signature = {
    title,
    company,
    phones: sig.phones,
    links: sig.links.slice(0, MAX_SIGNATURE_LINKS),
    sourceMessageId: msg._id,
    at: msg.sentAt,
    span: span(sig.span),
  };
  if (profile) await ctx.db.patch(profile._id, { signature });
  else
    await ctx.db.insert("contactProfiles", {
      organizationId,
      contactId,
      signature,
      basedOnMessages: 0,
      computedAt: now,
    });
}
