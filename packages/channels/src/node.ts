/**
 * `@switchboard/channels/node`: the SDK transports, for Convex Node actions ("use node") only.
 * Everything else in this package runs in the V8 isolate; these import the official SDKs, which
 * need Node. A descriptor declares which operations go through its transport (`descriptor.sdk`).
 */
import type { ProviderId } from "./ids";
import { resendSdkTransport } from "./node/resendSdk";
import { twilioSdkTransport } from "./node/twilioSdk";
import type { SdkTransport } from "./sdkTransport";

const transports: Partial<Record<ProviderId, SdkTransport>> = {
  twilio: twilioSdkTransport,
  resend: resendSdkTransport,
};

/** The SDK transport of a provider whose descriptor declares `sdk`; throws for any other. */
export function getSdkTransport(provider: ProviderId | string): SdkTransport {
  const transport = transports[provider as ProviderId];
  if (!transport) throw new Error(`no SDK transport for provider "${provider}"`);
  return transport;
}
