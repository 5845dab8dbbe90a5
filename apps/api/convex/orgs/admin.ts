import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { fail } from "../lib/auth";
import { memberRole } from "../schema/validators";
import { createInvitation } from "./invitations";
import { insertOrganization } from "./model";

/** Operator/seed entry point: a new organization, optionally with its first member. */
export const createOrganization = internalMutation({
  args: {
    name: v.string(),
    slug: v.string(),
    defaultRegion: v.optional(v.string()),
    timezone: v.optional(v.string()),
    coalesceWindowMs: v.optional(v.number()),
    coalesceMaxMs: v.optional(v.number()),
    owner: v.optional(
      v.object({ userId: v.string(), email: v.string(), name: v.optional(v.string()), role: v.optional(memberRole) }),
    ),
  },
  handler: async (ctx, args) => insertOrganization(ctx, args),
});

/**
 * Operator entry point: an invitation link into an existing organization, e.g. to join the demo
 * organization `pnpm dev` seeds (it has no members):
 *   pnpm exec convex run orgs/admin:invite '{"slug":"demo","email":"you@example.com","role":"owner"}'
 * (with CONVEX_SELF_HOSTED_URL / CONVEX_SELF_HOSTED_ADMIN_KEY pointing at the local backend).
 * Open <dashboard>/invite/<token>, sign up with that email, and the invitation is accepted.
 */
export const invite = internalMutation({
  args: { slug: v.string(), email: v.string(), role: memberRole },
  handler: async (ctx, { slug, email, role }) => {
    const org = await ctx.db
      .query("organizations")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .first();
    if (!org) fail("not_found", `No organization with slug "${slug}"`);
    return createInvitation(ctx, { organizationId: org._id, email, role, invitedBy: undefined });
  },
});
