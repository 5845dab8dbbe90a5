import { type AdapterContext, getDescriptor, type InboundEvent, type InboundMessage } from "@switchboard/channels";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { type ActionCtx, internalAction, internalMutation, internalQuery } from "../_generated/server";
import { adapterContext } from "../channels/runtime";
import { type ChannelRef, hydrateMessages } from "../channels/transport";
import { rememberEmailMessageIds } from "../threads/emailMessageIds";
import { previewOf } from "../threads/model";

/** Attempts to fetch a metadata-only message's content before giving up (backoff doubles). */
export const MAX_HYDRATE_ATTEMPTS = 6;
export const HYDRATE_BASE_DELAY_MS = 30_000;
/** How long a delivery (webhook or reconciliation) waits for a metadata-only message's content. */
export const HYDRATE_TIMEOUT_MS = 5_000;

/**
 * Fetches the content of metadata-only messages (Resend's email.received) before they are
 * stored, within HYDRATE_TIMEOUT_MS (through the provider's SDK when its descriptor says so). A
 * failure keeps the event as it is: it is stored `contentPending` and `run` below retries, so
 * nothing acknowledged is lost for want of a body.
 */
export async function hydrateBeforeStore<E extends InboundEvent>(
  ctx: ActionCtx,
  channel: ChannelRef,
  events: E[],
  adapterCtx: AdapterContext,
): Promise<E[]> {
  const pending = events.filter((e): e is E & InboundMessage => e.kind === "message" && e.contentPending === true);
  if (pending.length === 0) return events;
  let filled: InboundMessage[];
  try {
    filled = await hydrateMessages(ctx, channel, adapterCtx, pending, HYDRATE_TIMEOUT_MS);
  } catch {
    return events;
  }
  const byId = new Map(filled.map((m) => [m.externalMessageId, m]));
  return events.map((e) =>
    e.kind === "message" && e.contentPending ? ((byId.get(e.externalMessageId) ?? e) as E) : e,
  );
}

export const load = internalQuery({
  args: { messageId: v.id("unifiedMessages") },
  handler: async (ctx, { messageId }) => {
    const message = await ctx.db.get(messageId);
    if (!message?.contentPending || !message.channelConfigId) return null;
    const config = await ctx.db.get(message.channelConfigId);
    return config ? { message, config } : null;
  },
});

export const fill = internalMutation({
  args: {
    messageId: v.id("unifiedMessages"),
    text: v.string(),
    html: v.optional(v.string()),
    inReplyTo: v.optional(v.array(v.string())),
    emailMessageId: v.optional(v.string()),
  },
  handler: async (ctx, { messageId, ...content }) => {
    const message = await ctx.db.get(messageId);
    if (!message?.contentPending) return;
    await ctx.db.patch(messageId, { ...content, contentPending: undefined });
    // Replies to this email quote its Message-ID: record it now that it is known.
    if (content.emailMessageId) await rememberEmailMessageIds(ctx, message, [content.emailMessageId]);
    const thread = await ctx.db.get(message.threadId);
    if (thread && thread.lastMessageAt === message.sentAt && !thread.lastMessagePreview) {
      await ctx.db.patch(thread._id, {
        lastMessagePreview: previewOf(content.text, message.attachments.length, message.subject),
      });
    }
  },
});

/**
 * Retries fetching the body of a message the provider announced with metadata only (Resend's
 * email.received) when the fetch during the webhook failed. The message itself was stored and
 * acknowledged already; this only fills in its content.
 */
export const run = internalAction({
  args: { messageId: v.id("unifiedMessages"), attempt: v.number() },
  handler: async (ctx, { messageId, attempt }) => {
    const loaded = await ctx.runQuery(internal.inbound.hydrate.load, { messageId });
    if (!loaded) return "done";
    const { message, config } = loaded;
    if (!getDescriptor(config.provider).adapter.hydrateInbound || !message.externalMessageId) return "unsupported";
    const pending: InboundMessage = {
      kind: "message",
      channel: message.channel,
      provider: message.provider,
      externalMessageId: message.externalMessageId,
      from: { identifier: message.from },
      to: message.to,
      text: message.text,
      attachments: message.attachments,
      contentPending: true,
    };
    try {
      const [hydrated] = await hydrateMessages(
        ctx,
        config,
        await adapterContext(config),
        [pending],
        HYDRATE_TIMEOUT_MS,
      );
      if (!hydrated) throw new Error("nothing fetched");
      if (hydrated.contentPending) throw new Error("content still pending");
      await ctx.runMutation(internal.inbound.hydrate.fill, {
        messageId,
        text: hydrated.text,
        html: hydrated.html,
        inReplyTo: hydrated.inReplyTo,
        emailMessageId: hydrated.emailMessageId,
      });
      return "filled";
    } catch {
      if (attempt + 1 >= MAX_HYDRATE_ATTEMPTS) return "gave up";
      await ctx.scheduler.runAfter(HYDRATE_BASE_DELAY_MS * 2 ** attempt, internal.inbound.hydrate.run, {
        messageId,
        attempt: attempt + 1,
      });
      return "retrying";
    }
  },
});
