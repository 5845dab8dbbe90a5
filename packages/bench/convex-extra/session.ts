/**
 * Benchmark probe (copied into the benchmark's private functions folder only): a live Better Auth
 * session for an impersonated identity, so member functions (which check the session, see
 * auth.ts requireLiveIdentity) can be called with the admin key + `{ ..., sessionId }`.
 */
import { v } from "convex/values";
import { components } from "../_generated/api";
import { internalMutation } from "../_generated/server";

export const open = internalMutation({
  args: { subject: v.string() },
  handler: async (ctx, { subject }) => {
    const now = Date.now();
    const session = (await ctx.runMutation(components.betterAuth.adapter.create, {
      input: {
        model: "session",
        data: {
          token: `bench-${crypto.randomUUID()}`,
          userId: subject,
          expiresAt: now + 86_400_000,
          createdAt: now,
          updatedAt: now,
        },
      },
    })) as { _id: string };
    return session._id;
  },
});
