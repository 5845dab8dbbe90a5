import type { Doc } from "../../_generated/dataModel";
import { suggestFromNameAndDomain } from "../../contacts/identities";
import { companyDomainOf, contactsAtDomain, otherHolders, registerDomain } from "../../contacts/model";
import { upsertExtractedRelationship } from "../../contacts/relationships";
import { clean, MAX_PER_MESSAGE, type MessageContext } from "./context";

/** Contacts at the sender's company domain linked as colleagues per message. */
export const DOMAIN_COLLEAGUES = 10;
/** Confidence of the "same company domain" colleague signal. */
export const DOMAIN_COLLEAGUE_CONFIDENCE = 0.4;

export type Mentions = NonNullable<Doc<"messageInsights">["mentions"]>;

/**
 * People the message names, resolved to contacts by email address -> extracted relationships;
 * the ones that are not contacts are returned as mentions. Then the sender's company domain:
 * colleagues at the same domain and name+domain duplicate suggestions.
 */
export async function linkRelationships(m: MessageContext): Promise<Mentions> {
  const { ctx, organizationId, contactId, msg, ext, now, span } = m;
  const mentions: Mentions = [];
  for (const r of ext.relationships.slice(0, MAX_PER_MESSAGE)) {
    const email = r.toRef.email?.toLowerCase();
    let target: Doc<"contacts"> | null = null;
    if (email) {
      const { holders, onSelf } = await otherHolders(ctx, organizationId, "email", email, contactId);
      if (onSelf) continue;
      target = holders[0] ?? null;
    }
    if (!target) {
      mentions.push({ name: clean(r.toRef.name), email, type: r.type, confidence: r.confidence, evidence: r.evidence });
      continue;
    }
    await upsertExtractedRelationship(ctx, {
      organizationId,
      fromContactId: contactId,
      toContactId: target._id,
      type: r.type,
      confidence: r.confidence,
      evidence: { messageId: msg._id, text: r.evidence, span: span(r.span) },
      now,
    });
  }
  await linkCompanyDomain(m);
  return mentions;
}

async function linkCompanyDomain({
  ctx,
  organizationId,
  contact,
  contactId,
  msg,
  senderEmail,
  ownDomain,
  now,
}: MessageContext) {
  const senderDomain = companyDomainOf(senderEmail);
  // Domain signals are evaluated once per (contact, domain): the first time the contact writes
  // from it (they are not per-message evidence, and this keeps each message's reads small).
  if (
    !senderDomain ||
    senderDomain === ownDomain ||
    !(await registerDomain(ctx, organizationId, contactId, senderDomain, now))
  )
    return;
  for (const peer of await contactsAtDomain(ctx, organizationId, senderDomain, contactId, DOMAIN_COLLEAGUES)) {
    await upsertExtractedRelationship(ctx, {
      organizationId,
      fromContactId: contactId,
      toContactId: peer._id,
      type: "colleague",
      confidence: DOMAIN_COLLEAGUE_CONFIDENCE,
      evidence: { text: `same company domain ${senderDomain}` },
      now,
    });
  }
  await suggestFromNameAndDomain(ctx, organizationId, contact, senderDomain, now, msg._id);
}
