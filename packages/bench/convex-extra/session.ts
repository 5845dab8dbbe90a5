/**
 * Benchmark probe (copied into the benchmark's private functions folder only): a live Better Auth
 * session for a benchmark identity, since member functions refuse an identity whose session does
 * not exist (convex/auth.ts requireLiveIdentity). Same row as apps/api/test/harness.ts openSession.
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
          expiresAt: now + 30 * 86_400_000,
          createdAt: now,
          updatedAt: now,
        },
      },
    })) as { _id: string };
    return session._id;
  },
});
