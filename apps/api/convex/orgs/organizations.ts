import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { fail } from "../lib/auth";
import { signedInQuery, userMutation } from "../lib/functions";
import { insertOrganization, MAX_MEMBERSHIPS_PER_USER, SLUG, slugify, slugTaken } from "./model";

/**
 * Onboarding: the signed-in user creates an organization and becomes its owner.
 * `slug` is optional (derived from the name, made unique with a suffix); a given slug must be free.
 */
export const create = userMutation({
  args: {
    name: v.string(),
    slug: v.optional(v.string()),
    defaultRegion: v.optional(v.string()),
    timezone: v.optional(v.string()),
  },
  handler: async (ctx, args): Promise<Id<"organizations">> => {
    const user = ctx.user;
    const memberships = await ctx.db
      .query("members")
      .withIndex("by_user", (q) => q.eq("userId", user.tokenIdentifier))
      .take(MAX_MEMBERSHIPS_PER_USER);
    if (memberships.length >= MAX_MEMBERSHIPS_PER_USER) {
      fail("conflict", `You are already a member of ${MAX_MEMBERSHIPS_PER_USER} organizations`);
    }
    const name = args.name.trim();
    if (!name) fail("invalid_argument", "Give the organization a name");
    let slug = args.slug?.trim().toLowerCase();
    if (slug === undefined || slug === "") {
      slug = await freeSlug(ctx, slugify(name) || "org");
    } else if (!SLUG.test(slug)) {
      fail("invalid_argument", `Invalid organization slug "${slug}": use a-z, 0-9 and dashes`);
    }
    return insertOrganization(ctx, {
      name,
      slug,
      defaultRegion: args.defaultRegion,
      timezone: args.timezone,
      owner: { userId: user.tokenIdentifier, email: user.email, name: user.name, role: "owner" },
    });
  },
});

async function freeSlug(ctx: Parameters<typeof slugTaken>[0], base: string): Promise<string> {
  if (!(await slugTaken(ctx, base))) return base;
  for (let n = 2; n <= 20; n++) {
    const candidate = `${base}-${n}`;
    if (!(await slugTaken(ctx, candidate))) return candidate;
  }
  // Deterministic inside a mutation; unique enough after 20 collisions, and re-checked.
  const candidate = `${base}-${Date.now().toString(36)}`;
  if (await slugTaken(ctx, candidate)) fail("conflict", "Could not find a free slug; choose one");
  return candidate;
}

/** The caller's organizations (no organization argument: this is how the dashboard picks one). */
export const listMine = signedInQuery({
  args: {},
  handler: async (ctx) => {
    const memberships = await ctx.db
      .query("members")
      .withIndex("by_user", (q) => q.eq("userId", ctx.tokenIdentifier))
      .take(MAX_MEMBERSHIPS_PER_USER);
    const orgs = await Promise.all(
      memberships.map(async (m) => {
        const org = await ctx.db.get(m.organizationId);
        return org ? { _id: org._id, name: org.name, slug: org.slug, role: m.role, memberId: m._id } : null;
      }),
    );
    return orgs
      .filter((o): o is NonNullable<typeof o> => o !== null)
      .sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
  },
});
