/**
 * Benchmark probe (copied into the benchmark's private functions folder only): bulk-inserts
 * `unifiedMessages` with the corpus of searchCorpus.ts, a batch per transaction, spread over the
 * threads given, so a million searchable messages load in minutes instead of a million webhooks.
 * The documents are what ingest stores for an inbound SMS (same required fields).
 */
import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { messageText } from "./searchCorpus";

export const insertMessages = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    threads: v.array(v.object({ threadId: v.id("conversationThreads"), contactId: v.id("contacts") })),
    from: v.number(),
    count: v.number(),
  },
  handler: async (ctx, { organizationId, threads, from, count }) => {
    // idempotent: a batch retried after a lost response is not inserted twice
    const done = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_external", (q) =>
        q.eq("organizationId", organizationId).eq("channel", "sms").eq("externalMessageId", `SMbench${from}`),
      )
      .first();
    if (done) return 0;
    const now = Date.now();
    for (let n = from; n < from + count; n++) {
      const { threadId, contactId } = threads[n % threads.length]!;
      const at = now - 90 * 86_400_000 + n;
      await ctx.db.insert("unifiedMessages", {
        organizationId,
        threadId,
        contactId,
        channel: "sms",
        provider: "twilio",
        direction: "inbound",
        status: "received",
        externalMessageId: `SMbench${n}`,
        from: "+14155550000",
        to: "+14155550100",
        text: messageText(n),
        attachments: [],
        sentAt: at,
        receivedAt: at,
        statusHistory: [{ status: "received", at }],
      });
    }
    return count;
  },
});

/** Threads (with their contacts) of the organization to spread the messages over. */
export const threadsForSeed = internalQuery({
  args: { organizationId: v.id("organizations"), count: v.number() },
  handler: async (ctx, { organizationId, count }) =>
    (
      await ctx.db
        .query("conversationThreads")
        .withIndex("by_org_last", (q) => q.eq("organizationId", organizationId))
        .take(count)
    ).map((t) => ({ threadId: t._id, contactId: t.contactId })),
});
