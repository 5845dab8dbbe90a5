export { DEFAULT_WEBHOOK_PATHS } from "./core";
export { DEFAULT_ACCOUNTS } from "./defaults";
export { DEFAULT_META_TEMPLATES } from "./providers/meta-templates";
export { routeProvider, startProviderSim } from "./server";
export {
  metaSignature1,
  metaSignature256,
  sha256Hex,
  svixHeaders,
  svixMessageId,
  svixSecretBytes,
  twilioSignature,
  vonageSmsSignature,
  vonageWebhookJwt,
} from "./signing";
export type {
  FaultMode,
  InboundResult,
  MetaAccount,
  MetaTemplate,
  OpenAIAccount,
  ProviderSim,
  ProviderSimOptions,
  RecordedRequest,
  ResendAccount,
  SimAccount,
  SimAccounts,
  SimFault,
  SimInboundMessage,
  SimInboundRecord,
  SimMedia,
  SimMessageInfo,
  SimProvider,
  SimStatus,
  SimStatusError,
  SimWebhookFault,
  TwilioAccount,
  TwilioWebhookOptions,
  VonageAccount,
  VonageSigMethod,
  WebhookDelivery,
  WebhookPaths,
  WebhookRetryPolicy,
} from "./types";
export { isSimProvider, SIM_PROVIDERS } from "./types";
