import { base64url } from "jose";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { authComponent } from "../auth";
import { fail } from "../lib/auth";
import { canonicalTimeZone } from "../lib/timezone";
import type { MemberRole } from "../schema/validators";

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Bounds for every list read here (no unbounded scans). */
export const MAX_MEMBERSHIPS_PER_USER = 100;
export const MAX_MEMBERS_PER_ORG = 1000;
export const MAX_PENDING_INVITES_PER_ORG = 200;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !EMAIL.test(e)) fail("invalid_argument", `"${email}" is not a valid email address`);
  return e;
}

export interface OrganizationInput {
  name: string;
  slug: string;
  defaultRegion?: string;
  timezone?: string;
  coalesceWindowMs?: number;
  coalesceMaxMs?: number;
  owner?: { userId: string; email: string; name?: string; role?: MemberRole };
}

/** Inserts an organization (and optionally its first member). Shared by orgs/admin and orgs/setup. */
export async function insertOrganization(ctx: MutationCtx, args: OrganizationInput): Promise<Id<"organizations">> {
  const name = args.name.trim();
  if (!name || name.length > 100) fail("invalid_argument", "Give the organization a name (up to 100 characters)");
  if (!SLUG.test(args.slug))
    fail("invalid_argument", `Invalid organization slug "${args.slug}": use a-z, 0-9 and dashes`);
  if (await slugTaken(ctx, args.slug)) fail("conflict", `Organization slug "${args.slug}" is taken`);
  const region = (args.defaultRegion ?? "US").toUpperCase();
  if (!/^[A-Z]{2}$/.test(region)) {
    fail("invalid_argument", `Invalid default region "${args.defaultRegion}": use an ISO 3166 code such as US`);
  }
  const timezone = args.timezone === undefined ? "UTC" : canonicalTimeZone(args.timezone);
  if (!timezone) fail("invalid_argument", `Unknown timezone "${args.timezone}": use an IANA name such as Europe/Paris`);
  const now = Date.now();
  const organizationId = await ctx.db.insert("organizations", {
    name,
    slug: args.slug,
    defaultRegion: region,
    timezone,
    coalesceWindowMs: args.coalesceWindowMs,
    coalesceMaxMs: args.coalesceMaxMs,
    createdAt: now,
  });
  if (args.owner) {
    await ctx.db.insert("members", {
      organizationId,
      userId: args.owner.userId,
      email: args.owner.email.trim().toLowerCase(),
      name: args.owner.name,
      role: args.owner.role ?? "owner",
      createdAt: now,
    });
  }
  return organizationId;
}

export async function slugTaken(ctx: QueryCtx, slug: string): Promise<boolean> {
  return (
    (await ctx.db
      .query("organizations")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .first()) !== null
  );
}

/** "Acme Support, Inc." -> "acme-support-inc" (may be empty for names without a-z/0-9). */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
}

/** The signed-in user, from the identity's Better Auth session (which must still be valid). */
export interface SignedInUser {
  /** identity.tokenIdentifier: what members.userId stores and requireMember compares. */
  tokenIdentifier: string;
  authUserId: string;
  email: string;
  emailVerified: boolean;
  name?: string;
}

export async function requireUser(ctx: QueryCtx): Promise<SignedInUser> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) fail("unauthenticated", "Sign in first");
  const user = await authComponent.safeGetAuthUser(ctx);
  if (!user) fail("unauthenticated", "Your session has ended; sign in again");
  return {
    tokenIdentifier: identity.tokenIdentifier,
    authUserId: String(user._id),
    email: user.email.trim().toLowerCase(),
    emailVerified: user.emailVerified === true,
    name: user.name || undefined,
  };
}

export async function membershipOf(ctx: QueryCtx, organizationId: Id<"organizations">, userId: string) {
  return ctx.db
    .query("members")
    .withIndex("by_org_user", (q) => q.eq("organizationId", organizationId).eq("userId", userId))
    .first();
}

/** Owners of an organization other than `except`, at most `limit` of them. */
export async function otherOwners(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  except: Id<"members">,
  limit = 1,
) {
  const owners: Doc<"members">[] = [];
  // Bounded: one organization's members, through an index starting with organizationId.
  for await (const m of ctx.db
    .query("members")
    .withIndex("by_org_user", (q) => q.eq("organizationId", organizationId))) {
    if (m.role === "owner" && m._id !== except) {
      owners.push(m);
      if (owners.length >= limit) break;
    }
  }
  return owners;
}

// ---------------------------------------------------------------------------------------------
// Invitation links: `<invitationId>.<HMAC-SHA256(secret, invitationId:email)>`, base64url.
// Nothing secret is stored; the link is only valid for the invited address and until expiry.
// The key is derived from BETTER_AUTH_SECRET, which every deployment running auth has.

const encoder = new TextEncoder();

async function inviteKey(): Promise<CryptoKey> {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret) throw new Error("BETTER_AUTH_SECRET is not set on this deployment");
  return crypto.subtle.importKey(
    "raw",
    encoder.encode(`switchboard-invite:${secret}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

export async function invitationToken(invitationId: Id<"invitations">, email: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await inviteKey(), encoder.encode(`${invitationId}:${email}`));
  return `${invitationId}.${base64url.encode(new Uint8Array(mac))}`;
}

/** The invitation a token names, if its signature is valid (constant-time check); else null. */
export async function invitationFromToken(ctx: QueryCtx, token: string): Promise<Doc<"invitations"> | null> {
  const dot = token.indexOf(".");
  if (dot <= 0 || token.length > 200) return null;
  const id = ctx.db.normalizeId("invitations", token.slice(0, dot));
  let mac: Uint8Array;
  try {
    mac = base64url.decode(token.slice(dot + 1));
  } catch {
    return null;
  }
  if (!id) return null;
  const invitation = await ctx.db.get(id);
  if (!invitation) return null;
  const ok = await crypto.subtle.verify(
    "HMAC",
    await inviteKey(),
    mac as BufferSource,
    encoder.encode(`${invitation._id}:${invitation.email}`),
  );
  return ok ? invitation : null;
}
