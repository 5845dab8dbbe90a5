/**
 * Benchmark probe (copied into the benchmark's private functions folder only): creates `count`
 * existing contacts through the real code paths (resolveContact -> contact + identity,
 * findOrCreateThread -> an open thread), one transaction per batch, so table sizes of 100k can
 * be reached in seconds instead of replaying 100k webhooks.
 */
import { v } from "convex/values";
import { internalMutation } from "../_generated/server";
import { resolveContact } from "../contacts/resolve";
import { findOrCreateThread } from "../threads/model";

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
      await findOrCreateThread(ctx, {
        organizationId,
        contactId: contact._id,
        channel,
        direction: "inbound",
        preview: `seed ${n}`,
        at: now - 86_400_000 + n,
      });
    }
    return count;
  },
});

/**
 * Faster bulk variant for large sizes: the same three documents resolveContact and
 * findOrCreateThread would create for a first-time sender (identifiers are already normalized:
 * E.164 phones, lower-case emails), inserted without the lookups.
 */
export const insertContacts = internalMutation({
  args: { organizationId: v.id("organizations"), from: v.number(), count: v.number() },
  handler: async (ctx, { organizationId, from, count }) => {
    const now = Date.now();
    for (let n = from; n < from + count; n++) {
      const { channel, raw } = senderIdentifier(n);
      const kind = channel === "email" ? "email" : "phone";
      const identifier = channel === "whatsapp" ? `+${raw}` : raw;
      const displayName = `Sender ${n}`;
      const contactId = await ctx.db.insert("contacts", {
        organizationId,
        displayName,
        primaryEmail: kind === "email" ? identifier : undefined,
        primaryPhone: kind === "phone" ? identifier : undefined,
        messageCount: 0,
        createdAt: now,
        updatedAt: now,
      });
      await ctx.db.insert("contactIdentities", {
        organizationId,
        contactId,
        channel,
        kind,
        identifier,
        displayName,
        verified: false,
        source: "inbound",
        createdAt: now,
      });
      const at = now - 86_400_000 + n;
      await ctx.db.insert("conversationThreads", {
        organizationId,
        contactId,
        status: "open",
        lastMessageAt: at,
        lastMessagePreview: `seed ${n}`,
        lastChannel: channel,
        lastDirection: "inbound",
        unreadCount: 0,
        messageCount: 0,
        createdAt: at,
      });
    }
    return count;
  },
});
