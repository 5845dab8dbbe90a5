import { vonageAdapter, vonageCredentialsSchema, vonageSettingsSchema } from "../adapters/vonage";
import { jsonAcknowledgement, type ProviderDescriptor, receivingEndpoints, singleEndpointRouting } from "../descriptor";
import { normalizePhoneEndpoint } from "./endpoints";

/** Vonage Messages API (SMS/MMS). */
export const vonageDescriptor: ProviderDescriptor = {
  id: "vonage",
  channel: "sms",
  label: "Vonage",
  adapter: vonageAdapter,
  credentials: {
    schema: vonageCredentialsSchema,
    secretFields: ["apiSecret", "signatureSecret"],
    text: {
      apiKey: { label: "API key" },
      apiSecret: { label: "API secret" },
      signatureSecret: { label: "Signature secret", help: "Dashboard > Settings; signs the webhook JWT (HS256)." },
    },
  },
  settings: {
    schema: vonageSettingsSchema,
    text: {
      apiBaseUrl: { label: "API base URL (optional)", placeholder: "https://api.nexmo.com" },
      timeoutMs: { label: "Request timeout (ms)", hidden: true },
    },
  },
  webhookSecretField: "signatureSecret",
  webhookSecretKeys: ["signatureSecret", "apiKey"],
  endpoints: {
    text: { label: "Phone numbers (E.164)", placeholder: "+14155550101" },
    normalize: normalizePhoneEndpoint,
    derive: (receiving) => receivingEndpoints(receiving, normalizePhoneEndpoint),
  },
  // Inbound: our number is `to`; status webhooks: our number is `from`.
  routing: singleEndpointRouting(vonageAdapter, normalizePhoneEndpoint),
  acknowledge: jsonAcknowledgement,
  webhooks: [
    { path: "/webhooks/sms/vonage", method: "POST", match: "exact", handler: "delivery", label: "Inbound URL" },
    { path: "/webhooks/sms/vonage/status", method: "POST", match: "exact", handler: "delivery", label: "Status URL" },
  ],
  statusCallbackPath: "/webhooks/sms/vonage/status",
  transport: "provider",
};
