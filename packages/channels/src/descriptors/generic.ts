import { genericAdapter, genericCredentialsSchema, genericSettingsSchema } from "../adapters/generic";
import { jsonAcknowledgement, type ProviderDescriptor, receivingEndpoints, singleEndpointRouting } from "../descriptor";
import { keepEndpoint } from "./endpoints";

/** Any system that speaks Standard Webhooks, in and out. */
export const genericDescriptor: ProviderDescriptor = {
  id: "generic",
  channel: "webhook",
  label: "Generic signed webhook",
  adapter: genericAdapter,
  credentials: {
    schema: genericCredentialsSchema,
    secretFields: ["signingSecret", "outboundSigningSecret"],
    text: {
      signingSecret: { label: "Signing secret (whsec_…)", help: "Verifies inbound requests (Standard Webhooks)." },
      outboundSigningSecret: {
        label: "Outbound signing secret (optional)",
        help: "Signs what we send; defaults to the signing secret.",
      },
    },
  },
  settings: {
    schema: genericSettingsSchema,
    text: {
      outboundUrl: { label: "Outbound URL (optional)", help: "Where outbound messages are POSTed." },
      healthUrl: { label: "Health URL (optional)", help: "GET, 2xx = healthy." },
      timeoutMs: { label: "Request timeout (ms)", hidden: true },
    },
  },
  webhookSecretField: "signingSecret",
  webhookSecretKeys: ["signingSecret", "previousSigningSecret"],
  endpoints: {
    text: { label: "Webhook slugs", placeholder: "my-crm" },
    normalize: keepEndpoint,
    derive: (receiving) => receivingEndpoints(receiving, keepEndpoint),
  },
  // The slug after /webhooks/custom/.
  routing: singleEndpointRouting(genericAdapter, keepEndpoint),
  acknowledge: jsonAcknowledgement,
  webhooks: [
    { path: "/webhooks/custom/", method: "POST", match: "prefix", handler: "delivery", label: "Inbound webhook" },
  ],
  transport: "provider",
};
