import { resendAdapter, resendCredentialsSchema, resendSettingsSchema } from "../adapters/resend";
import { listResendInbound } from "../adapters/resendList";
import { jsonAcknowledgement, type ProviderDescriptor, receivingEndpoints, singleEndpointRouting } from "../descriptor";
import { RESEND_EMAIL_MEDIA } from "../media";
import { normalizeEmailEndpoint } from "./endpoints";

/** Email through Resend (sending, inbound email.received, delivery events). */
export const resendDescriptor: ProviderDescriptor = {
  id: "resend",
  channel: "email",
  label: "Resend",
  adapter: resendAdapter,
  credentials: {
    schema: resendCredentialsSchema,
    secretFields: ["apiKey", "webhookSecret"],
    text: {
      apiKey: { label: "API key", placeholder: "re_…" },
      webhookSecret: { label: "Webhook signing secret (whsec_…)", help: "Webhooks > your endpoint > Signing secret." },
    },
  },
  settings: {
    schema: resendSettingsSchema,
    text: {
      apiBaseUrl: { label: "API base URL (optional)", placeholder: "https://api.resend.com" },
      fromName: { label: "From name (optional)", placeholder: "Acme Support" },
      timeoutMs: { label: "Request timeout (ms)", hidden: true },
    },
  },
  webhookSecretField: "webhookSecret",
  webhookSecretKeys: ["webhookSecret", "previousWebhookSecret"],
  endpoints: {
    text: { label: "Inbound addresses", placeholder: "support@example.com" },
    normalize: normalizeEmailEndpoint,
    derive: (receiving) => receivingEndpoints(receiving, normalizeEmailEndpoint),
  },
  // email.received: the first `to` address; delivery events: the `from` address.
  routing: singleEndpointRouting(resendAdapter, normalizeEmailEndpoint),
  acknowledge: jsonAcknowledgement,
  webhooks: [
    {
      path: "/webhooks/email",
      method: "POST",
      match: "exact",
      handler: "delivery",
      label: "Webhook endpoint (email.received + delivery events)",
    },
  ],
  transport: "provider",
  media: RESEND_EMAIL_MEDIA,
  inboundList: listResendInbound,
  statusLookup: true,
  // Sends, polls and lists through the official SDK in a Node action (src/node/resendSdk.ts).
  sdk: { package: "resend", operations: ["send", "deliveryStatus", "inboundList", "hydrateInbound"] },
};
