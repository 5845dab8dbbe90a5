import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { memberRole } from "../schema/validators";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Operator/seed entry point: a new organization, optionally with its first member. */
export const createOrganization = internalMutation({
  args: {
    name: v.string(),
    slug: v.string(),
    defaultRegion: v.optional(v.string()),
    timezone: v.optional(v.string()),
    coalesceWindowMs: v.optional(v.number()),
    coalesceMaxMs: v.optional(v.number()),
    owner: v.optional(v.object({ userId: v.string(), email: v.string(), name: v.optional(v.string()), role: v.optional(memberRole) })),
  },
  handler: async (ctx, args) => {
    if (!SLUG.test(args.slug)) throw new Error(`Invalid organization slug "${args.slug}": use a-z, 0-9 and dashes`);
    const taken = await ctx.db.query("organizations").withIndex("by_slug", (q) => q.eq("slug", args.slug)).first();
    if (taken) throw new Error(`Organization slug "${args.slug}" is taken`);
    const region = (args.defaultRegion ?? "US").toUpperCase();
    if (!/^[A-Z]{2}$/.test(region)) throw new Error(`Invalid default region "${args.defaultRegion}": use an ISO 3166 code such as US`);
    const now = Date.now();
    const organizationId = await ctx.db.insert("organizations", {
      name: args.name.trim(),
      slug: args.slug,
      defaultRegion: region,
      timezone: args.timezone ?? "UTC",
      coalesceWindowMs: args.coalesceWindowMs,
      coalesceMaxMs: args.coalesceMaxMs,
      createdAt: now,
    });
    if (args.owner) {
      await ctx.db.insert("members", {
        organizationId,
        userId: args.owner.userId,
        email: args.owner.email.toLowerCase(),
        name: args.owner.name,
        role: args.owner.role ?? "owner",
        createdAt: now,
      });
    }
    return organizationId;
  },
});
