/**
 * Manual identity management on a contact. Identifiers are normalised exactly like inbound
 * (E.164 with the organization's default region, WhatsApp wa_id as international, lower-cased
 * email). An identifier that already belongs to another contact is never duplicated: it becomes
 * a merge suggestion instead.
 */

import { normalizeIdentifier } from "@switchboard/channels";
import { type ChannelId, IDENTIFIER_KIND_OF_CHANNEL } from "@switchboard/channels/ids";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { emitDomainEvent } from "../events/domain";
import { fail, getOwned } from "../lib/auth";
import { memberMutation } from "../lib/functions";
import { channelId } from "../schema/validators";
import { SIGNAL_WEIGHTS, suggestMerge } from "./mergeSuggestions";
import { companyDomainOf, contactsAtDomain, getLiveContact, nameKey, otherHolders, registerDomain } from "./model";
import { findIdentity } from "./resolve";

/** Normalises a manually entered identifier; throws invalid_argument when it cannot be. */
export function normalizeManual(channel: ChannelId, raw: string, defaultRegion: string) {
  const kind = IDENTIFIER_KIND_OF_CHANNEL[channel];
  const result = normalizeIdentifier(kind, raw, { defaultRegion, assumeInternational: channel === "whatsapp" });
  if (!result.ok) fail("invalid_argument", result.error);
  return { kind, identifier: result.value };
}

/**
 * Same display name at the same company domain -> merge suggestion (bounded: at most
 * DOMAIN_PEERS contacts of the domain are compared).
 */
export const DOMAIN_PEERS = 25;
export async function suggestFromNameAndDomain(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  contact: Doc<"contacts">,
  domain: string,
  now: number,
  messageId?: Id<"unifiedMessages">,
) {
  const key = nameKey(contact.displayName);
  if (!key || key.includes("@") || !/[a-z]/.test(key) || /^\d/.test(contact.displayName.replace(/^\+/, ""))) return [];
  const peers = await contactsAtDomain(ctx, organizationId, domain, contact._id, DOMAIN_PEERS);
  const out: Id<"mergeSuggestions">[] = [];
  for (const peer of peers) {
    if (nameKey(peer.displayName) !== key) continue;
    const id = await suggestMerge(
      ctx,
      organizationId,
      contact._id,
      peer._id,
      {
        signal: "name_domain",
        detail: `Both are named "${contact.displayName}" and write from @${domain}`,
        key: `name_domain:${domain}:${key}`,
        weight: SIGNAL_WEIGHTS.name_domain,
        messageId,
      },
      now,
    );
    if (id) out.push(id);
  }
  return out;
}

export const add = memberMutation({
  args: {
    contactId: v.id("contacts"),
    channel: channelId,
    identifier: v.string(),
    displayName: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const member = ctx.member;
    const contact = await getLiveContact(ctx, args.organizationId, args.contactId);
    const org = (await ctx.db.get(args.organizationId))!;
    const { kind, identifier } = normalizeManual(args.channel, args.identifier, org.defaultRegion);
    const now = Date.now();

    const exact = await findIdentity(ctx, args.organizationId, args.channel, identifier);
    if (exact && exact.contactId === contact._id)
      return { status: "exists" as const, identityId: exact._id, identifier };

    const { holders } = await otherHolders(ctx, args.organizationId, kind, identifier, contact._id);
    if (holders.length > 0) {
      const other = holders[0]!;
      const suggestionId = await suggestMerge(
        ctx,
        args.organizationId,
        contact._id,
        other._id,
        {
          signal: "manual_identifier",
          detail: `${identifier} was added to "${contact.displayName}" by ${member.name ?? member.email} but already belongs to "${other.displayName}"`,
          key: `manual:${kind}:${identifier}`,
          weight: SIGNAL_WEIGHTS.manual_identifier,
        },
        now,
      );
      return { status: "suggested" as const, suggestionId, otherContactId: other._id, identifier };
    }
    if (exact) {
      // The identity points at a contact that no longer resolves (deleted/broken chain): take it over.
      await ctx.db.patch(exact._id, { contactId: contact._id, source: "manual" });
      return { status: "added" as const, identityId: exact._id, identifier };
    }
    const identityId = await ctx.db.insert("contactIdentities", {
      organizationId: args.organizationId,
      contactId: contact._id,
      channel: args.channel,
      kind,
      identifier,
      displayName: args.displayName,
      verified: false,
      source: "manual",
      createdAt: now,
    });
    await ctx.db.patch(contact._id, {
      ...(kind === "email" && !contact.primaryEmail ? { primaryEmail: identifier } : {}),
      ...(kind === "phone" && !contact.primaryPhone ? { primaryPhone: identifier } : {}),
      updatedAt: now,
    });
    if (kind === "email") {
      const domain = companyDomainOf(identifier);
      if (domain && (await registerDomain(ctx, args.organizationId, contact._id, domain, now))) {
        await suggestFromNameAndDomain(ctx, args.organizationId, contact, domain, now);
      }
    }
    await emitDomainEvent(ctx, args.organizationId, { type: "contact.updated", contactId: contact._id });
    return { status: "added" as const, identityId, identifier };
  },
});

export const remove = memberMutation({
  args: { identityId: v.id("contactIdentities") },
  handler: async (ctx, { organizationId, identityId }) => {
    const identity = await getOwned(ctx, organizationId, identityId);
    const contact = await getLiveContact(ctx, organizationId, identity.contactId);
    await ctx.db.delete(identity._id);
    const patch: Partial<Doc<"contacts">> = {};
    if (contact.primaryEmail === identity.identifier) patch.primaryEmail = undefined;
    if (contact.primaryPhone === identity.identifier) patch.primaryPhone = undefined;
    if (Object.keys(patch).length) await ctx.db.patch(contact._id, { ...patch, updatedAt: Date.now() });
    await emitDomainEvent(ctx, organizationId, { type: "contact.updated", contactId: contact._id });
    return null;
  },
});

export const verify = memberMutation({
  args: { identityId: v.id("contactIdentities"), verified: v.optional(v.boolean()) },
  handler: async (ctx, { organizationId, identityId, verified }) => {
    const identity = await getOwned(ctx, organizationId, identityId);
    await getLiveContact(ctx, organizationId, identity.contactId);
    await ctx.db.patch(identity._id, { verified: verified ?? true });
    return null;
  },
});
