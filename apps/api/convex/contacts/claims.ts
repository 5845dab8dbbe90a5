import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { suggestMerge } from "./mergeSuggestions";
import { liveContact, type ResolvedContact } from "./resolve";

/**
 * What a sender says about who they are, applied to the contact their identity resolved to.
 * Today the chat widget's session claims (docs/chat-widget.md "Verified visitors"):
 *
 * - **verified** (the site signed the user id with the widget's identity secret): the identity is
 *   marked verified and the email is linked: a brand-new contact made for this message is folded
 *   into the contact that already owns the email (no duplicate); a contact with history becomes a
 *   strong merge suggestion (a merge of history is an agent's call); nobody owns it yet: the
 *   email becomes a verified identity of this contact.
 * - **unverified**: the email is only remembered on the identity as a claim, and when another
 *   contact owns it, a weak merge suggestion is made. Never merged or linked on a claim alone:
 *   anyone can type someone else's address into a chat widget.
 *
 * Writes only when something changes, so a chatty visitor costs no extra write per message.
 */
export async function applySenderClaims(
  ctx: MutationCtx,
  resolved: ResolvedContact,
  claims: { email?: string; verified?: boolean },
  now: number,
): Promise<Doc<"contacts">> {
  const { contact } = resolved;
  const organizationId = contact.organizationId;
  const identity = await ctx.db.get(resolved.identityId);
  if (!identity) return contact;
  const email = normalizeEmail(claims.email);

  if (!claims.verified) {
    if (!email || identity.claimedEmail === email) return contact;
    await ctx.db.patch(identity._id, { claimedEmail: email });
    const owner = await emailOwner(ctx, organizationId, email);
    if (owner && owner._id !== contact._id) {
      await suggestMerge(
        ctx,
        organizationId,
        contact._id,
        owner._id,
        {
          signal: "claimed_email",
          detail: `An unverified chat visitor says they are ${email}`,
          key: `claimed_email:${identity._id}:${email}`,
          weight: 0.4,
        },
        now,
      );
    }
    return contact;
  }

  if (!identity.verified || identity.claimedEmail) {
    await ctx.db.patch(identity._id, { verified: true, claimedEmail: undefined });
  }
  if (!email) return contact;
  const owner = await emailOwner(ctx, organizationId, email);
  if (!owner) {
    await ctx.db.insert("contactIdentities", {
      organizationId,
      contactId: contact._id,
      channel: "email",
      kind: "email",
      identifier: email,
      verified: true,
      source: "inbound",
      createdAt: now,
    });
    if (!contact.primaryEmail) await ctx.db.patch(contact._id, { primaryEmail: email, updatedAt: now });
    return (await ctx.db.get(contact._id)) ?? contact;
  }
  if (owner._id === contact._id) return contact;
  if (resolved.createdContact) {
    // The contact was made a moment ago for this very message: the identity moves to the
    // person the site vouched for and the empty contact goes away.
    await ctx.db.patch(identity._id, { contactId: owner._id });
    await ctx.db.delete(contact._id);
    return owner;
  }
  await suggestMerge(
    ctx,
    organizationId,
    contact._id,
    owner._id,
    {
      signal: "verified_email",
      detail: `The site verified this chat visitor as ${email}`,
      key: `verified_email:${identity._id}:${email}`,
      weight: 0.95,
    },
    now,
  );
  return contact;
}

function normalizeEmail(raw: string | undefined): string | null {
  const email = raw?.trim().toLowerCase();
  return email && email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** The live contact that owns an email: an email identity (any channel), else a primary email. */
async function emailOwner(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  email: string,
): Promise<Doc<"contacts"> | null> {
  const identity = await ctx.db
    .query("contactIdentities")
    .withIndex("by_kind_identifier", (q) =>
      q.eq("organizationId", organizationId).eq("kind", "email").eq("identifier", email),
    )
    .first();
  if (identity) {
    const contact = await liveContact(ctx, organizationId, identity.contactId);
    if (contact) return contact;
  }
  const byPrimary = await ctx.db
    .query("contacts")
    .withIndex("by_org_email", (q) => q.eq("organizationId", organizationId).eq("primaryEmail", email))
    .take(5);
  return byPrimary.find((c) => !c.mergedInto) ?? null;
}
