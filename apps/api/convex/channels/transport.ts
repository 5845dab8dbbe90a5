import {
  type AdapterContext,
  getDescriptor,
  type InboundListRequest,
  type InboundListResult,
  type InboundMessage,
  type OutboundMessage,
  type ProviderId,
  type SendResult,
  type StatusEvent,
  usesSdk,
} from "@switchboard/channels";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { type ActionCtx, internalQuery } from "../_generated/server";
import { withoutUndefined } from "../lib/values";

/**
 * How a channel's messages leave and its provider is asked: through the adapter's fetch in this
 * isolate, or through the provider's official SDK in a Node action (channels/sdk.ts) for the
 * operations its descriptor routes there (`descriptor.sdk`). Callers never decide by provider.
 */

/** The channel a call is for: the Node action loads the config (and decrypts) itself. */
export interface ChannelRef {
  _id: Id<"channelConfigs">;
  provider: ProviderId;
}

export const loadConfig = internalQuery({
  args: { channelConfigId: v.id("channelConfigs") },
  handler: async (ctx, { channelConfigId }) => ctx.db.get(channelConfigId),
});

export async function sendMessage(
  ctx: ActionCtx,
  channel: ChannelRef,
  adapterCtx: AdapterContext,
  message: OutboundMessage,
): Promise<SendResult> {
  const descriptor = getDescriptor(channel.provider);
  if (!usesSdk(descriptor, "send")) return descriptor.adapter.send(adapterCtx, message);
  return ctx.runAction(internal.channels.sdk.send, {
    channelConfigId: channel._id,
    message: withoutUndefined(message),
  });
}

/** Each message's status as the provider reports it now (null: unknown or not final yet). */
export async function lookUpStatuses(
  ctx: ActionCtx,
  channel: ChannelRef,
  adapterCtx: AdapterContext,
  externalMessageIds: string[],
): Promise<(StatusEvent | null)[]> {
  const descriptor = getDescriptor(channel.provider);
  if (usesSdk(descriptor, "deliveryStatus")) {
    return ctx.runAction(internal.channels.sdk.lookUpStatuses, { channelConfigId: channel._id, externalMessageIds });
  }
  // One at a time, as the poll always asked: a batch of 50 at once would meet the rate limit.
  const out: (StatusEvent | null)[] = [];
  for (const id of externalMessageIds)
    out.push(await descriptor.adapter.getDeliveryStatus(adapterCtx, id).catch(() => null));
  return out;
}

/** One page of recently received messages; null when the provider has no such list. */
export async function listReceived(
  ctx: ActionCtx,
  channel: ChannelRef,
  adapterCtx: AdapterContext,
  req: InboundListRequest,
): Promise<InboundListResult | null> {
  const descriptor = getDescriptor(channel.provider);
  if (!descriptor.inboundList) return null;
  if (!usesSdk(descriptor, "inboundList")) return descriptor.inboundList(adapterCtx, req);
  return ctx.runAction(internal.channels.sdk.listReceived, { channelConfigId: channel._id, ...withoutUndefined(req) });
}

/**
 * Metadata-only messages (`contentPending`) completed with their content, within `timeoutMs`;
 * a message whose fetch fails comes back unchanged (still pending).
 */
export async function hydrateMessages(
  ctx: ActionCtx,
  channel: ChannelRef,
  adapterCtx: AdapterContext,
  messages: InboundMessage[],
  timeoutMs: number,
): Promise<InboundMessage[]> {
  const descriptor = getDescriptor(channel.provider);
  const hydrateInbound = descriptor.adapter.hydrateInbound;
  if (!hydrateInbound || messages.length === 0) return messages;
  if (usesSdk(descriptor, "hydrateInbound")) {
    return ctx.runAction(internal.channels.sdk.hydrate, {
      channelConfigId: channel._id,
      messages: messages.map(withoutUndefined),
      timeoutMs,
    });
  }
  const bounded = { ...adapterCtx, timeoutMs };
  return Promise.all(messages.map((m) => hydrateInbound(bounded, m).catch(() => m)));
}
