import { isStatusAdvance } from "@switchboard/channels/ids";
import type { Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { emitDomainEvent } from "../events/domain";
import type { statusEvent } from "../schema/validators";

/**
 * Delivery status of outbound messages, whoever reports it: a provider's status webhook
 * (inbound/ingest), a poll (outbound/poll), or a callback that arrived before our own send
 * recorded the provider id (kept as an orphan, replayed by outbound/queue once it is known).
 */

/** How long a status callback for a not-yet-known provider id waits for its message. */
export const ORPHAN_STATUS_TTL_MS = 10 * 60_000;
/** Orphans replayed per send: a provider sends a handful of statuses per message at most. */
const ORPHAN_REPLAY_LIMIT = 20;

type StatusEventArg = Infer<typeof statusEvent>;

export async function findByExternalId(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  channel: Doc<"unifiedMessages">["channel"],
  externalMessageId: string,
) {
  return ctx.db
    .query("unifiedMessages")
    .withIndex("by_external", (q) =>
      q.eq("organizationId", organizationId).eq("channel", channel).eq("externalMessageId", externalMessageId),
    )
    .first();
}

/**
 * Moves an outbound message forward (sent -> delivered -> read, or failed) and never back,
 * whatever order the callbacks arrive in. Returns false for unknown ids and stale statuses.
 */
export async function applyStatus(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  event: StatusEventArg,
  now: number,
): Promise<boolean> {
  const message = await findByExternalId(ctx, organizationId, event.channel, event.externalMessageId);
  if (!message) {
    // Possibly our own send whose provider id is not recorded yet: keep it for a while.
    await ctx.db.insert("orphanStatuses", {
      organizationId,
      channel: event.channel,
      externalMessageId: event.externalMessageId,
      status: event.status,
      occurredAt: event.occurredAt ?? now,
      error: event.error,
      expiresAt: now + ORPHAN_STATUS_TTL_MS,
    });
    return false;
  }
  if (message.direction !== "outbound") return false;
  if (!isStatusAdvance(message.status, event.status)) return false;
  await ctx.db.patch(message._id, {
    status: event.status,
    statusHistory: [...message.statusHistory, { status: event.status, at: event.occurredAt ?? now }],
    ...(event.status === "failed"
      ? { error: event.error ?? { message: "The provider reported the message as failed" } }
      : {}),
  });
  await emitStatusEvent(ctx, message, event.status, event.occurredAt ?? now);
  return true;
}

/** Applies, oldest first, the status callbacks that arrived before `message`'s provider id was known. */
export async function replayOrphanStatuses(
  ctx: MutationCtx,
  message: Doc<"unifiedMessages">,
  externalMessageId: string,
  now: number,
) {
  const orphans = await ctx.db
    .query("orphanStatuses")
    .withIndex("by_external", (q) =>
      q
        .eq("organizationId", message.organizationId)
        .eq("channel", message.channel)
        .eq("externalMessageId", externalMessageId),
    )
    .take(ORPHAN_REPLAY_LIMIT);
  for (const o of orphans.sort((a, b) => a.occurredAt - b.occurredAt)) {
    await applyStatus(
      ctx,
      message.organizationId,
      {
        kind: "status",
        channel: o.channel,
        provider: message.provider,
        externalMessageId: o.externalMessageId,
        status: o.status,
        occurredAt: o.occurredAt,
        error: o.error,
      },
      now,
    );
    await ctx.db.delete(o._id);
  }
}

/** The message.status event webhook for an outbound message's new status (provider callback or send outcome). */
export async function emitStatusEvent(
  ctx: MutationCtx,
  message: Doc<"unifiedMessages">,
  status: Doc<"unifiedMessages">["status"],
  at: number,
) {
  await emitDomainEvent(ctx, message.organizationId, {
    type: "message.status",
    messageId: message._id,
    threadId: message.threadId,
    channel: message.channel,
    status,
    at,
  });
}
