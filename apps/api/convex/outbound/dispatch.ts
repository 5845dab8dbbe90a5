import type { SendResult } from "@switchboard/channels";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { type ActionCtx, internalAction } from "../_generated/server";
import { adapterContext, redactSecrets, statusCallbackUrl } from "../channels/runtime";
import { type ChannelRef, sendMessage } from "../channels/transport";
import { withoutUndefined } from "../lib/values";
import { withSignedUrls } from "../messages/files";
import { leaseMs } from "./policy";
import type { ClaimedMessage } from "./queue";

/** Batches one dispatcher run may send before handing over to a fresh run. */
const MAX_BATCHES_PER_RUN = 20;

/**
 * Drains one channel config's outbound queue in order through its adapter. One dispatcher per
 * config at a time (lease, guarded by a watchdog run at its expiry: see queue.ts holdLease). A failing message blocks the rest of its thread for this run so
 * per-thread order holds; when the channel turns down the rest of the batch goes back to the
 * queue untouched and a probe takes over.
 */
export const run = internalAction({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => {
    const acquired = await ctx.runMutation(internal.outbound.queue.acquireLease, { channelConfigId });
    if (acquired === null) return { sent: 0, skipped: true };
    let leaseUntil: number = acquired;
    const halfLease = leaseMs() / 2;
    let sent = 0;
    try {
      const config = await ctx.runQuery(internal.outbound.queue.loadConfig, { channelConfigId });
      if (!config) return { sent, skipped: true };
      const adapterCtx = await adapterContext(config);
      const callbackUrl = statusCallbackUrl(config.provider);

      let leaseLost = false;
      for (let batchNo = 0; batchNo < MAX_BATCHES_PER_RUN && !leaseLost; batchNo++) {
        const claim = await ctx.runMutation(internal.outbound.queue.claimBatch, { channelConfigId });
        if (claim.kind !== "batch" || claim.messages.length === 0) break;
        const failedThreads = new Set<Id<"conversationThreads">>();
        const putBack: Id<"unifiedMessages">[] = [];
        let channelDown = false;
        for (const message of claim.messages) {
          if (channelDown || failedThreads.has(message.threadId)) {
            putBack.push(message._id);
            continue;
          }
          // Renew while at least half the lease is left, so the watchdog never fires under a live
          // dispatcher (one send is bounded by the adapter timeout, 15 s < half of 60 s).
          if (leaseUntil - Date.now() < halfLease) {
            const renewed: number | null = await ctx.runMutation(internal.outbound.queue.renewLease, {
              channelConfigId,
              held: leaseUntil,
            });
            // Another dispatcher took the expired lease and re-queued this batch: stop sending.
            if (renewed === null) {
              leaseLost = true;
              break;
            }
            leaseUntil = renewed;
          }
          const started = Date.now();
          const result = await sendOne(ctx, config, adapterCtx, message, callbackUrl);
          const outcome = result.ok
            ? { ...result, latencyMs: Date.now() - started }
            : {
                ...result,
                error: { ...result.error, message: redactSecrets(result.error.message, adapterCtx.credentials) },
              };
          const health = await ctx.runMutation(internal.outbound.queue.recordSendResult, {
            messageId: message._id,
            outcome: withoutUndefined(outcome),
          });
          if (result.ok) sent++;
          else if (result.retryable) {
            failedThreads.add(message.threadId);
            channelDown = health === "down";
          }
        }
        // After a lost lease these messages belong to the new dispatcher (it re-queued them).
        if (putBack.length && !leaseLost) {
          await ctx.runMutation(internal.outbound.queue.requeue, { messageIds: putBack });
        }
        if (channelDown) break;
      }
    } finally {
      // Arms the next wake-up. A crash skips this; the watchdog armed with the lease covers it.
      await ctx.runMutation(internal.outbound.queue.releaseLease, { channelConfigId, held: leaseUntil });
    }
    return { sent, skipped: false };
  },
});

/** Through the adapter, or the provider's SDK in a Node action when its descriptor says so. */
async function sendOne(
  ctx: ActionCtx,
  channel: ChannelRef & { organizationId: Id<"organizations"> },
  adapterCtx: Awaited<ReturnType<typeof adapterContext>>,
  message: ClaimedMessage,
  statusCallbackUrl: string | undefined,
): Promise<SendResult> {
  try {
    return await sendMessage(ctx, channel, adapterCtx, {
      messageId: message._id,
      to: message.to,
      from: message.from,
      text: message.text,
      subject: message.subject,
      html: message.html,
      // Stored files go out as short-lived signed URLs the provider fetches (messages/files.ts).
      attachments: await withSignedUrls(channel.organizationId, message.attachments),
      inReplyTo: message.inReplyTo?.[0],
      references: message.inReplyTo,
      emailMessageId: message.emailMessageId,
      template: message.template,
      statusCallbackUrl,
    });
  } catch (error) {
    // An adapter bug must not lose the message: treat it as a retryable failure.
    return { ok: false, retryable: true, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}
