import { ConvexError } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { MemberRole } from "../schema/validators";

/** Roles allowed to administer an organization (channels, members, API keys). */
export const ADMIN_ROLES: readonly MemberRole[] = ["owner", "admin"];
export const ANY_ROLE: readonly MemberRole[] = ["owner", "admin", "agent"];

export type ErrorCode = "unauthenticated" | "forbidden" | "not_found" | "invalid_argument" | "conflict";

export function fail(code: ErrorCode, message: string): never {
  throw new ConvexError({ code, message });
}

/**
 * The caller's membership in `organizationId`, or a ConvexError. The organization a client
 * names is only a choice among the caller's own memberships: it is checked here, never trusted.
 * Not being a member and the organization not existing look the same (no probing).
 */
export async function requireMember(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  roles: readonly MemberRole[] = ANY_ROLE,
): Promise<Doc<"members">> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) fail("unauthenticated", "Sign in first");
  const member = await ctx.db
    .query("members")
    .withIndex("by_org_user", (q) => q.eq("organizationId", organizationId).eq("userId", identity.tokenIdentifier))
    .first();
  if (!member) fail("forbidden", "You are not a member of this organization");
  if (!roles.includes(member.role)) fail("forbidden", `This needs one of the roles: ${roles.join(", ")}`);
  return member;
}

export async function getOwnedKey(ctx: QueryCtx, organizationId: Id<"organizations">, id: Id<"apiKeys">) {
  const key = await ctx.db.get(id);
  if (!key || key.organizationId !== organizationId) fail("not_found", "Not found");
  return key;
}

/** Loads a document and checks it belongs to the organization; otherwise not_found. */
export async function getOwned<T extends "contacts" | "conversationThreads" | "unifiedMessages" | "channelConfigs">(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  id: Id<T>,
): Promise<Doc<T>> {
  const doc = (await ctx.db.get(id)) as (Doc<T> & { organizationId: Id<"organizations"> }) | null;
  if (!doc || doc.organizationId !== organizationId) fail("not_found", "Not found");
  return doc;
}
