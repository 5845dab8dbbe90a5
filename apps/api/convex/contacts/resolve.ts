import { normalizeIdentifier } from "@switchboard/channels";
import { type ChannelId, IDENTIFIER_KIND_OF_CHANNEL, type IdentifierKind } from "@switchboard/channels/ids";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { emitDomainEvent } from "../events/domain";

export interface NormalizedIdentifier {
  kind: IdentifierKind;
  identifier: string;
  /** False when the raw value could not be normalised (e.g. an alphanumeric SMS sender id). */
  normalized: boolean;
}

/** E.164 phones (org default region for national numbers), lower-cased emails, trimmed ids. */
export function normalizeFor(channel: ChannelId, raw: string, defaultRegion: string): NormalizedIdentifier {
  const kind = IDENTIFIER_KIND_OF_CHANNEL[channel];
  const result = normalizeIdentifier(kind, raw, { defaultRegion });
  if (result.ok) return { kind, identifier: result.value, normalized: true };
  return { kind, identifier: raw.trim(), normalized: false };
}

export async function findIdentity(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  channel: ChannelId,
  identifier: string,
) {
  return ctx.db
    .query("contactIdentities")
    .withIndex("by_identifier", (q) =>
      q.eq("organizationId", organizationId).eq("channel", channel).eq("identifier", identifier),
    )
    .first();
}

/** Longest mergedInto chain followed (merges of merges); deeper chains count as unresolvable. */
export const MAX_MERGE_HOPS = 8;

/**
 * The contact an id stands for now: itself, or — when it was merged into another contact and its
 * identities have not all been moved yet (a merge runs in batches) — the surviving contact.
 * Null when the chain is broken, too long or leaves the organization.
 */
export async function liveContact(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  contactId: Id<"contacts">,
): Promise<Doc<"contacts"> | null> {
  let contact = await ctx.db.get(contactId);
  for (let hop = 0; contact && hop < MAX_MERGE_HOPS; hop++) {
    if (contact.organizationId !== organizationId) return null;
    if (!contact.mergedInto) return contact;
    contact = await ctx.db.get(contact.mergedInto);
  }
  return null;
}

export interface ResolvedContact {
  contact: Doc<"contacts">;
  identityId: Id<"contactIdentities">;
  identifier: string;
  createdContact: boolean;
  createdIdentity: boolean;
}

/**
 * Identity resolution for one sender, scoped to one organization:
 *  1. exact identity on this channel -> its contact;
 *  2. the same normalised identifier on a sibling channel (SMS and WhatsApp share phones)
 *     -> same contact, new identity for this channel;
 *  3. otherwise a new contact with its first identity.
 * Merge suggestions from softer signals (signatures, names) are the CRM's job (contacts/merge).
 */
export async function resolveContact(
  ctx: MutationCtx,
  args: {
    organizationId: Id<"organizations">;
    channel: ChannelId;
    rawIdentifier: string;
    displayName?: string;
    defaultRegion: string;
    source: "inbound" | "outbound" | "manual";
    now: number;
  },
): Promise<ResolvedContact> {
  const { organizationId, channel, now } = args;
  const { kind, identifier } = normalizeFor(channel, args.rawIdentifier, args.defaultRegion);

  const exact = await findIdentity(ctx, organizationId, channel, identifier);
  if (exact) {
    const contact = await liveContact(ctx, organizationId, exact.contactId);
    if (contact) {
      return { contact, identityId: exact._id, identifier, createdContact: false, createdIdentity: false };
    }
  }

  const sibling = await ctx.db
    .query("contactIdentities")
    .withIndex("by_kind_identifier", (q) =>
      q.eq("organizationId", organizationId).eq("kind", kind).eq("identifier", identifier),
    )
    .first();
  if (sibling) {
    const contact = await liveContact(ctx, organizationId, sibling.contactId);
    if (contact) {
      const identityId = await ctx.db.insert("contactIdentities", {
        organizationId,
        contactId: contact._id,
        channel,
        kind,
        identifier,
        displayName: args.displayName,
        verified: false,
        source: args.source,
        createdAt: now,
      });
      return { contact, identityId, identifier, createdContact: false, createdIdentity: true };
    }
  }

  const contactId = await ctx.db.insert("contacts", {
    organizationId,
    displayName: args.displayName?.trim() || identifier,
    primaryEmail: kind === "email" ? identifier : undefined,
    primaryPhone: kind === "phone" ? identifier : undefined,
    messageCount: 0,
    createdAt: now,
    updatedAt: now,
  });
  const identityId = await ctx.db.insert("contactIdentities", {
    organizationId,
    contactId,
    channel,
    kind,
    identifier,
    displayName: args.displayName,
    verified: false,
    source: args.source,
    createdAt: now,
  });
  const contact = (await ctx.db.get(contactId))!;
  await emitDomainEvent(ctx, organizationId, {
    type: "contact.created",
    contactId,
    displayName: contact.displayName,
    channel,
    identifier,
  });
  return { contact, identityId, identifier, createdContact: true, createdIdentity: true };
}
