import { ConvexError } from "convex/values";
import type { Doc, Id, TableNames } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { requireLiveIdentity } from "../auth";
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
  // The token alone is not enough: its Better Auth session must still exist (signed-out tokens die).
  const identity = await requireLiveIdentity(ctx);
  const member = await ctx.db
    .query("members")
    .withIndex("by_org_user", (q) => q.eq("organizationId", organizationId).eq("userId", identity.tokenIdentifier))
    .first();
  if (!member) fail("forbidden", "You are not a member of this organization");
  if (!roles.includes(member.role)) fail("forbidden", `This needs one of the roles: ${roles.join(", ")}`);
  return member;
}

/** An org-scoped document if it belongs to the organization, else null (the one owned-document loader). */
export async function findOwned<T extends TableNames>(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  id: Id<T>,
): Promise<Doc<T> | null> {
  const doc = (await ctx.db.get(id)) as (Doc<T> & { organizationId?: Id<"organizations"> }) | null;
  return doc && doc.organizationId === organizationId ? doc : null;
}

/** Like findOwned, but a document of another organization (or none) is not_found. */
export async function getOwned<T extends TableNames>(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  id: Id<T>,
): Promise<Doc<T>> {
  const doc = await findOwned(ctx, organizationId, id);
  if (!doc) fail("not_found", "Not found");
  return doc;
}
