import { vonageAcceptsChannel, vonageAdapter, vonageCredentialsSchema, vonageSettingsSchema } from "../adapters/vonage";
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
      signatureMethod: {
        label: "SMS API signature method (optional)",
        placeholder: "md5hash",
        help: "Only for SMS API webhooks signed with sig: md5hash, md5, sha1, sha256 or sha512, as in Dashboard > Settings.",
      },
      inboundChannels: {
        label: "Also accept (optional)",
        placeholder: "whatsapp, viber_service, messenger",
        help: "Messages API channels taken inbound besides SMS and MMS.",
      },
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
  accepts: (event, settings) => event.kind !== "message" || vonageAcceptsChannel(event.providerChannel, settings),
  acknowledge: jsonAcknowledgement,
  webhooks: [
    { path: "/webhooks/sms/vonage", method: "POST", match: "exact", handler: "delivery", label: "Inbound URL" },
    { path: "/webhooks/sms/vonage/status", method: "POST", match: "exact", handler: "delivery", label: "Status URL" },
    // The SMS API may deliver with GET (query parameters) when the dashboard says so.
    { path: "/webhooks/sms/vonage", method: "GET", match: "exact", handler: "delivery" },
    { path: "/webhooks/sms/vonage/status", method: "GET", match: "exact", handler: "delivery" },
  ],
  statusCallbackPath: "/webhooks/sms/vonage/status",
  transport: "provider",
};
