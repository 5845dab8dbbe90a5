/** Form fields per provider (mirrors the zod schemas in packages/channels/src/adapters/*). */
export type ProviderKey = "twilio" | "vonage" | "meta" | "resend" | "generic" | "native";

export interface ProviderForm {
  channel: string;
  endpointLabel: string;
  endpointPlaceholder: string;
  credentials: { key: string; label: string }[];
  settings: { key: string; label: string; placeholder?: string }[];
}

export const PROVIDER_FORMS: Record<ProviderKey, ProviderForm> = {
  twilio: {
    channel: "sms",
    endpointLabel: "Phone numbers (E.164)",
    endpointPlaceholder: "+14155550100",
    credentials: [
      { key: "accountSid", label: "Account SID" },
      { key: "authToken", label: "Auth token" },
    ],
    settings: [
      { key: "apiBaseUrl", label: "API base URL (optional)", placeholder: "https://api.twilio.com" },
      { key: "messagingServiceSid", label: "Messaging Service SID (optional)", placeholder: "MG…" },
    ],
  },
  vonage: {
    channel: "sms",
    endpointLabel: "Phone numbers (E.164)",
    endpointPlaceholder: "+14155550101",
    credentials: [
      { key: "apiKey", label: "API key" },
      { key: "apiSecret", label: "API secret" },
      { key: "signatureSecret", label: "Signature secret" },
    ],
    settings: [{ key: "apiBaseUrl", label: "API base URL (optional)" }],
  },
  meta: {
    channel: "whatsapp",
    endpointLabel: "Phone number ids",
    endpointPlaceholder: "100000000000001",
    credentials: [
      { key: "accessToken", label: "Access token" },
      { key: "appSecret", label: "App secret" },
      { key: "verifyToken", label: "Verify token" },
    ],
    settings: [
      { key: "apiBaseUrl", label: "API base URL (optional)" },
      { key: "apiVersion", label: "API version (optional)", placeholder: "v21.0" },
      { key: "wabaId", label: "WhatsApp Business Account id (optional)" },
    ],
  },
  resend: {
    channel: "email",
    endpointLabel: "Inbound addresses",
    endpointPlaceholder: "support@example.com",
    credentials: [
      { key: "apiKey", label: "API key" },
      { key: "webhookSecret", label: "Webhook signing secret (whsec_…)" },
    ],
    settings: [
      { key: "apiBaseUrl", label: "API base URL (optional)" },
      { key: "fromName", label: "From name (optional)", placeholder: "Acme Support" },
    ],
  },
  generic: {
    channel: "webhook",
    endpointLabel: "Webhook slugs",
    endpointPlaceholder: "my-crm",
    credentials: [
      { key: "signingSecret", label: "Signing secret (whsec_…)" },
      { key: "outboundSigningSecret", label: "Outbound signing secret (optional)" },
    ],
    settings: [
      { key: "outboundUrl", label: "Outbound URL (optional)" },
      { key: "healthUrl", label: "Health URL (optional)" },
    ],
  },
  native: {
    channel: "chat",
    endpointLabel: "Widget keys",
    endpointPlaceholder: "website",
    credentials: [{ key: "sessionSecret", label: "Session secret (32+ characters)" }],
    settings: [{ key: "allowedOrigins", label: "Allowed origins (optional, comma-separated)" }],
  },
};
export const PROVIDER_KEYS = Object.keys(PROVIDER_FORMS) as ProviderKey[];
