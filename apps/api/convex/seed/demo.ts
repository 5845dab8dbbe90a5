import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction, internalQuery } from "../_generated/server";
import { checkBaseUrl } from "../ai/endpoint";
import { aiKeyAad } from "../ai/settings";
import { encryptString } from "../lib/crypto";
import { providerId } from "../schema/validators";

export const DEMO_SLUG = "demo";

export const findDemo = internalQuery({
  args: {},
  handler: async (ctx) =>
    (
      await ctx.db
        .query("organizations")
        .withIndex("by_slug", (q) => q.eq("slug", DEMO_SLUG))
        .first()
    )?._id ?? null,
});

/**
 * Creates the demo organization with the given channels (packages/dev/src/dev.ts points them at the
 * provider simulator). Idempotent: later starts return the existing organization. Demo
 * conversations are then posted through the real webhook pipeline by packages/dev/src/dev.ts.
 */
export const ensureDemo = internalAction({
  args: {
    channels: v.array(
      v.object({
        provider: providerId,
        name: v.string(),
        endpoints: v.array(v.string()),
        settings: v.record(v.string(), v.string()),
        credentials: v.record(v.string(), v.string()),
      }),
    ),
    owner: v.optional(v.object({ userId: v.string(), email: v.string(), name: v.optional(v.string()) })),
    /** The AI endpoint of the demo (packages/dev: the provider simulator's chat completions). */
    ai: v.optional(v.object({ baseUrl: v.string(), model: v.string(), apiKey: v.string() })),
  },
  handler: async (ctx, { channels, owner, ai }): Promise<{ organizationId: Id<"organizations">; created: boolean }> => {
    const existing = await ctx.runQuery(internal.seed.demo.findDemo, {});
    if (existing) return { organizationId: existing, created: false };
    const organizationId: Id<"organizations"> = await ctx.runMutation(internal.orgs.admin.createOrganization, {
      name: "Demo Co",
      slug: DEMO_SLUG,
      defaultRegion: "US",
      timezone: "America/Los_Angeles",
      owner,
    });
    for (const channel of channels) {
      await ctx.runAction(internal.channels.configs.createConfig, { organizationId, ...channel });
    }
    if (ai) {
      const checked = checkBaseUrl(ai.baseUrl);
      if (!checked.ok) throw new Error(`demo AI endpoint: ${checked.error}`);
      await ctx.runMutation(internal.ai.settings.store, {
        organizationId,
        baseUrl: checked.url,
        model: ai.model,
        apiKey: await encryptString(ai.apiKey, aiKeyAad(organizationId)),
        enabled: true,
      });
    }
    return { organizationId, created: true };
  },
});
