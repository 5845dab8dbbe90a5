import { twilioAdapter, twilioCredentialsSchema, twilioSettingsSchema } from "../adapters/twilio";
import { listTwilioInbound } from "../adapters/twilioList";
import { type ProviderDescriptor, receivingEndpoints, singleEndpointRouting } from "../descriptor";
import { TWILIO_MMS_MEDIA } from "../media";
import { normalizePhoneEndpoint } from "./endpoints";

/** Twilio Programmable Messaging (SMS/MMS). */
export const twilioDescriptor: ProviderDescriptor = {
  id: "twilio",
  channel: "sms",
  label: "Twilio",
  adapter: twilioAdapter,
  credentials: {
    schema: twilioCredentialsSchema,
    secretFields: ["authToken", "webhookSharedKeySecret"],
    text: {
      accountSid: { label: "Account SID", placeholder: "AC…", help: "Twilio Console > Account info." },
      authToken: { label: "Auth token", help: "Signs Twilio's webhooks (X-Twilio-Signature) and authenticates sends." },
      webhookSharedKeySecret: {
        label: "Webhook SharedKey secret (optional)",
        help: "Only when a Twilio Webhook Rule signs these URLs with a SharedKey (HMAC-SHA1 or HMAC-SHA256).",
      },
      webhookSharedKeyId: { label: "Webhook SharedKey id (optional)", placeholder: "KY…" },
    },
  },
  settings: {
    schema: twilioSettingsSchema,
    text: {
      apiBaseUrl: { label: "API base URL (optional)", placeholder: "https://api.twilio.com" },
      messagingServiceSid: {
        label: "Messaging Service SID (optional)",
        placeholder: "MG…",
        help: "Send through a Messaging Service instead of the number.",
      },
      timeoutMs: { label: "Request timeout (ms)", hidden: true },
    },
  },
  webhookSecretField: "authToken",
  webhookSecretKeys: ["authToken", "webhookSharedKeySecret", "webhookSharedKeyId"],
  endpoints: {
    text: { label: "Phone numbers (E.164)", placeholder: "+14155550100" },
    normalize: normalizePhoneEndpoint,
    derive: (receiving) => receivingEndpoints(receiving, normalizePhoneEndpoint),
  },
  // Inbound: our number is To; status callbacks: our number is From.
  routing: singleEndpointRouting(twilioAdapter, normalizePhoneEndpoint),
  // Twilio reads the reply as TwiML; an empty <Response/> means "no auto-reply".
  acknowledge: () => ({
    status: 200,
    headers: { "content-type": "text/xml" },
    body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
  }),
  webhooks: [
    { path: "/webhooks/sms", method: "POST", match: "exact", handler: "delivery" },
    {
      path: "/webhooks/sms/twilio",
      method: "POST",
      match: "exact",
      handler: "delivery",
      label: "Messaging webhook (A message comes in)",
    },
    {
      path: "/webhooks/sms/twilio/status",
      method: "POST",
      match: "exact",
      handler: "delivery",
      label: "Status callback",
    },
  ],
  statusCallbackPath: "/webhooks/sms/twilio/status",
  transport: "provider",
  media: TWILIO_MMS_MEDIA,
  inboundList: listTwilioInbound,
  statusLookup: true,
  // Sends, polls and lists through the official SDK in a Node action (src/node/twilioSdk.ts).
  sdk: { package: "twilio", operations: ["send", "deliveryStatus", "inboundList"] },
};
