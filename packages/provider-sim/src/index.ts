export { startProviderSim, routeProvider } from "./server";
export { DEFAULT_ACCOUNTS } from "./defaults";
export { DEFAULT_META_TEMPLATES } from "./providers/meta-templates";
export { DEFAULT_WEBHOOK_PATHS } from "./core";
export {
  twilioSignature,
  vonageWebhookJwt,
  vonageSmsSignature,
  metaSignature256,
  metaSignature1,
  svixHeaders,
  svixSecretBytes,
  svixMessageId,
  sha256Hex,
} from "./signing";
export { SIM_PROVIDERS, isSimProvider } from "./types";
export type {
  SimProvider,
  ProviderSim,
  ProviderSimOptions,
  SimAccount,
  SimAccounts,
  TwilioAccount,
  VonageAccount,
  MetaAccount,
  ResendAccount,
  OpenAIAccount,
  VonageSigMethod,
  MetaTemplate,
  TwilioWebhookOptions,
  WebhookRetryPolicy,
  SimWebhookFault,
  SimInboundRecord,
  SimFault,
  FaultMode,
  RecordedRequest,
  WebhookDelivery,
  WebhookPaths,
  SimStatus,
  SimStatusError,
  SimMedia,
  SimInboundMessage,
  InboundResult,
  SimMessageInfo,
} from "./types";
