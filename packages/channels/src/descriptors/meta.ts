import {
  metaAdapter,
  metaCredentialsSchema,
  metaRoutingKeys,
  metaSettingsSchema,
  parseMetaDelivery,
} from "../adapters/meta";
import { sha256Hex } from "../crypto";
import { jsonAcknowledgement, type ProviderDescriptor, receivingEndpoints } from "../descriptor";
import { WHATSAPP_MEDIA } from "../media";
import { keepEndpoint } from "./endpoints";

/** Meta's subscribe challenge names no phone number, only the verify token: it routes by its hash. */
export async function verifyTokenEndpoint(verifyToken: string): Promise<{ kind: "verifyToken"; identifier: string }> {
  return { kind: "verifyToken", identifier: await sha256Hex(verifyToken) };
}

/** WhatsApp through Meta's Cloud API. */
export const metaDescriptor: ProviderDescriptor = {
  id: "meta",
  channel: "whatsapp",
  label: "Meta WhatsApp Cloud API",
  adapter: metaAdapter,
  credentials: {
    schema: metaCredentialsSchema,
    secretFields: ["accessToken", "appSecret", "verifyToken"],
    text: {
      accessToken: { label: "Access token", help: "A system user token with whatsapp_business_messaging." },
      appSecret: { label: "App secret", help: "App settings > Basic; signs X-Hub-Signature-256." },
      verifyToken: { label: "Verify token", help: "Any string; enter the same one in the webhook subscription." },
    },
  },
  settings: {
    schema: metaSettingsSchema,
    text: {
      apiBaseUrl: { label: "API base URL (optional)", placeholder: "https://graph.facebook.com" },
      apiVersion: { label: "API version (optional)", placeholder: "v21.0" },
      phoneNumberId: { label: "Sending phone number id", hidden: true },
      wabaId: { label: "WhatsApp Business Account id (optional)" },
      timeoutMs: { label: "Request timeout (ms)", hidden: true },
    },
  },
  webhookSecretField: "appSecret",
  webhookSecretKeys: ["appSecret"],
  endpoints: {
    text: { label: "Phone number ids", placeholder: "100000000000001" },
    normalize: keepEndpoint,
    async derive(receiving, credentials) {
      const out = await receivingEndpoints(receiving, keepEndpoint);
      if (credentials.verifyToken) out.push(await verifyTokenEndpoint(credentials.verifyToken));
      return out;
    },
    mirroredSetting: "phoneNumberId",
  },
  // One POST may batch several business numbers: every value is routed by its own phone_number_id.
  routing: {
    keys: (req) => metaRoutingKeys(req).map(keepEndpoint),
    parts: (req) => parseMetaDelivery(req).map((p) => ({ endpoint: keepEndpoint(p.phoneNumberId), events: p.events })),
  },
  acknowledge: jsonAcknowledgement,
  async handshake(query) {
    const mode = query.get("hub.mode");
    const token = query.get("hub.verify_token");
    const challenge = query.get("hub.challenge");
    if (mode !== "subscribe" || !token || !challenge) {
      return { ok: false, status: 400, reason: "Expected hub.mode=subscribe, hub.verify_token and hub.challenge" };
    }
    return {
      ok: true,
      endpoint: await verifyTokenEndpoint(token),
      reply: { status: 200, headers: { "content-type": "text/plain" }, body: challenge },
    };
  },
  webhooks: [
    { path: "/webhooks/whatsapp", method: "GET", match: "exact", handler: "handshake" },
    {
      path: "/webhooks/whatsapp",
      method: "POST",
      match: "exact",
      handler: "delivery",
      label: "Callback URL (verify token = the one you saved)",
    },
  ],
  transport: "provider",
  media: WHATSAPP_MEDIA,
  // Meta retries an unacknowledged webhook with decreasing frequency for up to 7 days
  // (developers.facebook.com/docs/whatsapp/cloud-api/guides/set-up-webhooks).
  timestampWindow: { futureMs: 5 * 60_000, pastMs: 7 * 24 * 60 * 60_000 },
};
