"use node";
/**
 * The providers' official SDKs (twilio, resend), which need Node.js: Convex runs this module in
 * its Node runtime, so it holds actions only. channels/transport.ts calls these for the
 * operations a descriptor routes through its SDK (`descriptor.sdk`); the SDK transports are in
 * `@switchboard/channels/node`. Credentials are decrypted here, inside the action, and never
 * cross a function boundary; settings.apiBaseUrl (checked by the URL policy) points the SDKs at
 * the provider simulator. Webhook signatures stay in the isolate (Web Crypto), see inbound/.
 */
import type {
  InboundListResult,
  InboundMessage,
  SdkContext,
  SdkTransport,
  SendResult,
  StatusEvent,
} from "@switchboard/channels";
import { getSdkTransport } from "@switchboard/channels/node";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { type ActionCtx, internalAction } from "../_generated/server";
import { inboundMessage, outboundMessage } from "../schema/validators";
import { adapterContextFor, cachedCredentials, deploymentUrlPolicy, redactSecrets } from "./runtime";

async function sdkContext(
  ctx: ActionCtx,
  channelConfigId: Id<"channelConfigs">,
  timeoutMs?: number,
): Promise<{ transport: SdkTransport; sdkCtx: SdkContext } | null> {
  const config: Doc<"channelConfigs"> | null = await ctx.runQuery(internal.channels.transport.loadConfig, {
    channelConfigId,
  });
  if (!config) return null;
  const credentials = await cachedCredentials(config.organizationId, config._id, config.credentials);
  const sdkCtx: SdkContext = {
    ...adapterContextFor(credentials, config.settings, timeoutMs ? { timeoutMs } : {}),
    urlPolicy: deploymentUrlPolicy(),
  };
  return { transport: getSdkTransport(config.provider), sdkCtx };
}

export const send = internalAction({
  args: { channelConfigId: v.id("channelConfigs"), message: outboundMessage },
  handler: async (ctx, { channelConfigId, message }): Promise<SendResult> => {
    const loaded = await sdkContext(ctx, channelConfigId);
    if (!loaded)
      return { ok: false, retryable: false, error: { code: "no_channel", message: "channel config not found" } };
    const { transport, sdkCtx } = loaded;
    try {
      const result = await transport.send(sdkCtx, message);
      if (result.ok) return result;
      return {
        ...result,
        error: { ...result.error, message: redactSecrets(result.error.message, sdkCtx.credentials) },
      };
    } catch (error) {
      // An SDK or transport bug must not lose the message: a retryable failure, like the adapters'.
      const text = error instanceof Error ? error.message : String(error);
      return { ok: false, retryable: true, error: { message: redactSecrets(text, sdkCtx.credentials) } };
    }
  },
});

export const lookUpStatuses = internalAction({
  args: { channelConfigId: v.id("channelConfigs"), externalMessageIds: v.array(v.string()) },
  handler: async (ctx, { channelConfigId, externalMessageIds }): Promise<(StatusEvent | null)[]> => {
    const loaded = await sdkContext(ctx, channelConfigId);
    const lookUp = loaded?.transport.getDeliveryStatus;
    if (!loaded || !lookUp) return externalMessageIds.map(() => null);
    // One at a time, like the adapter path (channels/transport.ts): the provider's rate limit.
    const out: (StatusEvent | null)[] = [];
    for (const id of externalMessageIds) out.push(await lookUp(loaded.sdkCtx, id).catch(() => null));
    return out;
  },
});

export const listReceived = internalAction({
  args: {
    channelConfigId: v.id("channelConfigs"),
    sinceMs: v.number(),
    pageSize: v.number(),
    cursor: v.optional(v.string()),
  },
  handler: async (ctx, { channelConfigId, ...req }): Promise<InboundListResult> => {
    const loaded = await sdkContext(ctx, channelConfigId);
    const list = loaded?.transport.inboundList;
    if (!loaded || !list) return { ok: false as const, retryable: false, error: "no SDK list for this channel" };
    const page: InboundListResult = await list(loaded.sdkCtx, req).catch((error: unknown) => ({
      ok: false as const,
      retryable: true,
      error: error instanceof Error ? error.message : String(error),
    }));
    return page.ok ? page : { ...page, error: redactSecrets(page.error, loaded.sdkCtx.credentials) };
  },
});

export const hydrate = internalAction({
  args: { channelConfigId: v.id("channelConfigs"), messages: v.array(inboundMessage), timeoutMs: v.number() },
  handler: async (ctx, { channelConfigId, messages, timeoutMs }): Promise<InboundMessage[]> => {
    const loaded = await sdkContext(ctx, channelConfigId, timeoutMs);
    const fill = loaded?.transport.hydrateInbound;
    if (!loaded || !fill) return messages;
    return Promise.all(messages.map((m) => fill(loaded.sdkCtx, m).catch(() => m)));
  },
});
