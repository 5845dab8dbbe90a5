/**
 * Benchmark probe (copied into the benchmark's private functions folder only): creates `count`
 * existing contacts through the real code paths (resolveContact -> contact + identity,
 * findOrCreateThread -> an open thread), one transaction per batch, so table sizes of 100k can
 * be reached in seconds instead of replaying 100k webhooks.
 */
import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { resolveContact } from "../contacts/resolve";
import { findOrCreateThread } from "../inbox/link";

const CHANNELS = ["sms", "whatsapp", "email"] as const;

export function senderIdentifier(n: number): { channel: (typeof CHANNELS)[number]; raw: string } {
  const channel = CHANNELS[n % 3]!;
  const phone = `+1415${String(2000000 + (n % 8000000)).padStart(7, "0")}`;
  if (channel === "email") return { channel, raw: `sender${n}@customers.example` };
  return { channel, raw: channel === "whatsapp" ? phone.slice(1) : phone };
}

export const seedContacts = internalMutation({
  args: { organizationId: v.id("organizations"), from: v.number(), count: v.number() },
  handler: async (ctx, { organizationId, from, count }) => {
    const org = (await ctx.db.get(organizationId))!;
    const now = Date.now();
    for (let n = from; n < from + count; n++) {
      const { channel, raw } = senderIdentifier(n);
      const { contact } = await resolveContact(ctx, {
        organizationId,
        channel,
        rawIdentifier: raw,
        displayName: `Sender ${n}`,
        defaultRegion: org.defaultRegion,
        source: "inbound",
        now,
      });
      await findOrCreateThread(ctx, { organizationId, contactId: contact._id, channel, direction: "inbound", preview: `seed ${n}`, at: now - 86_400_000 + n });
    }
    return count;
  },
});
