/**
 * What a provider sends and reads through its official SDK in a Node.js action ("use node"),
 * instead of the isolate adapter's fetch calls. The descriptor only declares it (`sdk`): this file
 * holds the types, isolate-safe; the implementations live behind `@switchboard/channels/node`
 * (src/node.ts), which only Node actions import, because the SDKs need Node (twilio uses
 * node:os/util/url and axios; the isolate has none of them).
 *
 * What stays on the adapters' fetch, and why: webhook signature checks (HTTP actions run in the
 * isolate, which has no Node; Web Crypto does it, the SDKs' validators are the test oracles),
 * health probes and endpoint-ownership checks (short isolate actions on a schedule or a settings
 * save: a Node action each would add a runtime hop for the same GET), and Vonage, Meta and the
 * generic webhook, whose sends the product does not specify with an SDK.
 */
import type { InboundListRequest, InboundListResult } from "./inboundList";
import type { AdapterContext, InboundMessage, OutboundMessage, SendResult, StatusEvent } from "./types";
import type { UrlPolicy } from "./urlPolicy";

/** The operations a provider can route through its SDK (each mirrors an adapter/descriptor function). */
export const SDK_OPERATIONS = ["send", "deliveryStatus", "inboundList", "hydrateInbound"] as const;
export type SdkOperation = (typeof SDK_OPERATIONS)[number];

/** Declared on a descriptor: the SDK package and which operations go through it. */
export interface SdkDeclaration {
  /** The npm package (`twilio`, `resend`), pinned in packages/channels/package.json. */
  readonly package: string;
  readonly operations: readonly SdkOperation[];
}

/**
 * The adapter context plus the deployment's URL policy: an SDK that takes an HTTP client gets
 * `fetch` (already guarded); one that calls the global fetch itself (resend) has its base URL
 * checked against `urlPolicy` before each call instead.
 */
export interface SdkContext extends AdapterContext {
  urlPolicy: UrlPolicy;
}

/** The SDK half of a provider: the same results as the adapter's fetch-based functions. */
export interface SdkTransport {
  send(ctx: SdkContext, msg: OutboundMessage): Promise<SendResult>;
  getDeliveryStatus?(ctx: SdkContext, externalMessageId: string): Promise<StatusEvent | null>;
  inboundList?(ctx: SdkContext, req: InboundListRequest): Promise<InboundListResult>;
  hydrateInbound?(ctx: SdkContext, message: InboundMessage): Promise<InboundMessage>;
}

/** Whether a descriptor routes `operation` through its SDK transport. */
export function usesSdk(descriptor: { readonly sdk?: SdkDeclaration }, operation: SdkOperation): boolean {
  return descriptor.sdk?.operations.includes(operation) ?? false;
}
