import type { Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { reactionEvent } from "../schema/validators";
import { findByExternalId } from "./status";

/**
 * Attaches a contact's reaction to the message it reacts to (never a message of its own). One
 * row per (message, reactor): a newer reaction replaces the emoji, a removal keeps the row with
 * an empty emoji (so an older retried reaction cannot resurrect it), a retried delivery of the
 * same reaction changes nothing. A reaction to a message we do not have is ignored (the inbound
 * event log keeps its id). Returns whether anything changed.
 */
export async function applyReaction(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  event: Infer<typeof reactionEvent>,
): Promise<boolean> {
  const target = await findByExternalId(ctx, organizationId, event.channel, event.targetExternalMessageId);
  if (!target) return false;
  const at = event.sentAt ?? Date.now();
  const existing = await ctx.db
    .query("messageReactions")
    .withIndex("by_message", (q) =>
      q.eq("organizationId", organizationId).eq("messageId", target._id).eq("from", event.from.identifier),
    )
    .first();
  if (existing) {
    if (existing.externalMessageId === event.externalMessageId || existing.at > at) return false;
    await ctx.db.patch(existing._id, { emoji: event.emoji, externalMessageId: event.externalMessageId, at });
    return true;
  }
  if (!event.emoji) return false;
  await ctx.db.insert("messageReactions", {
    organizationId,
    messageId: target._id,
    threadId: target.threadId,
    channel: event.channel,
    from: event.from.identifier,
    emoji: event.emoji,
    externalMessageId: event.externalMessageId,
    at,
  });
  return true;
}

/** Reactions shown under one message; more than this from distinct reactors is not a 1:1 chat. */
const MAX_REACTIONS_PER_MESSAGE = 20;

/** The current reactions of a message (removed ones left out), oldest first. */
export async function reactionsOf(ctx: QueryCtx, message: Doc<"unifiedMessages">) {
  const rows = await ctx.db
    .query("messageReactions")
    .withIndex("by_message", (q) => q.eq("organizationId", message.organizationId).eq("messageId", message._id))
    .take(MAX_REACTIONS_PER_MESSAGE);
  return rows
    .filter((r) => r.emoji)
    .sort((a, b) => a.at - b.at)
    .map((r) => ({ emoji: r.emoji, from: r.from, at: r.at }));
}
