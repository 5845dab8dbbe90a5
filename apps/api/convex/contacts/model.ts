/** Helpers shared by contacts/* and crm/* (no Convex functions here). */
import { FREE_MAIL_DOMAINS } from "@switchboard/insights";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { liveContact } from "./resolve";

/** A contact of the organization that has not been merged away. */
export async function getLiveContact(ctx: QueryCtx, organizationId: Id<"organizations">, contactId: Id<"contacts">) {
  const contact = await getOwned(ctx, organizationId, contactId);
  if (contact.mergedInto) fail("conflict", "This contact was merged into another contact");
  return contact;
}

/** The few contact fields a CRM card or contact list row shows. */
export function contactCard(c: Doc<"contacts">) {
  return {
    _id: c._id,
    displayName: c.displayName,
    company: c.company,
    title: c.title,
    primaryEmail: c.primaryEmail,
    primaryPhone: c.primaryPhone,
    healthScore: c.healthScore,
    dealStage: c.dealStage,
  };
}

/** A row without its system fields, as stored in audit snapshots and given to db.replace. */
export function snapshotOf<T extends { _id: unknown; _creationTime: number }>(
  doc: T,
): Omit<T, "_id" | "_creationTime"> {
  const { _id, _creationTime, ...rest } = doc;
  return rest;
}

/** Canonical unordered pair: the two ids sorted, so (a,b) and (b,a) share one key. */
export function pairOf(x: Id<"contacts">, y: Id<"contacts">) {
  const [a, b] = x < y ? [x, y] : [y, x];
  return { pairKey: `${a}|${b}`, contactAId: a, contactBId: b };
}

/** Company domain of an email address; null for free-mail providers and invalid addresses. */
export function companyDomainOf(email: string | undefined | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at < 1) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain) || FREE_MAIL_DOMAINS.has(domain)) return null;
  return domain;
}

/** Name comparison key: case, accents, punctuation and spacing removed. */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Records that a contact uses a company domain (idempotent); true when it is new. */
export async function registerDomain(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  contactId: Id<"contacts">,
  domain: string,
  now: number,
) {
  const existing = await ctx.db
    .query("companyDomains")
    .withIndex("by_domain", (q) =>
      q.eq("organizationId", organizationId).eq("domain", domain).eq("contactId", contactId),
    )
    .first();
  if (existing) return false;
  await ctx.db.insert("companyDomains", { organizationId, domain, contactId, createdAt: now });
  return true;
}

/** Other live contacts at a company domain (bounded). */
export async function contactsAtDomain(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  domain: string,
  exclude: Id<"contacts">,
  limit: number,
): Promise<Doc<"contacts">[]> {
  const rows = await ctx.db
    .query("companyDomains")
    .withIndex("by_domain", (q) => q.eq("organizationId", organizationId).eq("domain", domain))
    .take(limit + 1);
  const out: Doc<"contacts">[] = [];
  const seen = new Set<string>([exclude]);
  for (const row of rows) {
    const contact = await liveContact(ctx, organizationId, row.contactId);
    if (!contact || seen.has(contact._id)) continue;
    seen.add(contact._id);
    out.push(contact);
  }
  return out.slice(0, limit);
}

/** Live contacts holding an identifier of a kind, other than `exclude` (bounded). */
export async function otherHolders(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  kind: Doc<"contactIdentities">["kind"],
  identifier: string,
  exclude: Id<"contacts">,
): Promise<{ holders: Doc<"contacts">[]; onSelf: boolean }> {
  const identities = await ctx.db
    .query("contactIdentities")
    .withIndex("by_kind_identifier", (q) =>
      q.eq("organizationId", organizationId).eq("kind", kind).eq("identifier", identifier),
    )
    .take(10);
  const holders: Doc<"contacts">[] = [];
  let onSelf = false;
  for (const identity of identities) {
    const contact = await liveContact(ctx, organizationId, identity.contactId);
    if (!contact) continue;
    if (contact._id === exclude) onSelf = true;
    else if (!holders.some((h) => h._id === contact._id)) holders.push(contact);
  }
  return { holders, onSelf };
}

/** The merge suggestion for a pair of contacts, if any (either order). */
export async function findSuggestion(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  x: Id<"contacts">,
  y: Id<"contacts">,
) {
  const { pairKey } = pairOf(x, y);
  return ctx.db
    .query("mergeSuggestions")
    .withIndex("by_pair", (q) => q.eq("organizationId", organizationId).eq("pairKey", pairKey))
    .first();
}
