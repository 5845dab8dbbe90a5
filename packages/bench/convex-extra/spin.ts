/**
 * Probe for the isolation benchmark (copied into the private functions folder only): a
 * mutation that keeps its user code busy for `ms`, like a runaway regex or loop in one
 * organization's code. Convex allows 1 s of user code per mutation.
 */
import { v } from "convex/values";
import { internalMutation } from "../_generated/server";

export const busyMutation = internalMutation({
  args: { ms: v.number() },
  handler: async (ctx, { ms }) => {
    await ctx.db.query("organizations").first();
    const until = Date.now() + ms;
    let spins = 0;
    while (Date.now() < until) spins++;
    return spins;
  },
});
