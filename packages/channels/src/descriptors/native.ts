import { nativeAdapter, nativeCredentialsSchema, nativeSettingsSchema } from "../adapters/native";
import { jsonAcknowledgement, type ProviderDescriptor, receivingEndpoints, singleEndpointRouting } from "../descriptor";
import { CHAT_MEDIA } from "../media";
import { keepEndpoint } from "./endpoints";

/** Our own web chat widget: no external provider. */
export const nativeDescriptor: ProviderDescriptor = {
  id: "native",
  channel: "chat",
  label: "Native web chat",
  adapter: nativeAdapter,
  credentials: {
    schema: nativeCredentialsSchema,
    secretFields: ["sessionSecret", "identitySecret"],
    text: {
      sessionSecret: {
        label: "Session secret (32+ characters)",
        help: "Signs visitor session tokens.",
        generate: { usage: "Used only by Switchboard; nothing to copy." },
      },
      identitySecret: {
        label: "Identity secret (32+ characters, optional)",
        help: "Your server signs the signed-in user's id with it: hex(HMAC-SHA256(identitySecret, userId)).",
        generate: {
          usage: [
            "// On your server (never in the browser), for the signed-in user:",
            "// Node (crypto module); any HMAC-SHA256 library gives the same hex string:",
            'const userHash = crypto.createHmac("sha256", IDENTITY_SECRET).update(user.id).digest("hex");',
            "// Then open the widget with the user (the fragment never reaches a server):",
            '// <iframe src="https://<dashboard>/chat/<widgetKey>#userId=<user.id>&userHash=<userHash>&email=<email>&name=<name>">',
            '// or later: iframe.contentWindow.postMessage({ type: "switchboard:identify", userId, userHash, email, name }, "https://<dashboard>")',
          ].join("\n"),
        },
      },
    },
  },
  settings: {
    schema: nativeSettingsSchema,
    text: {
      widgetKey: { label: "Widget key", hidden: true },
      allowedOrigins: { label: "Allowed origins (optional, comma-separated)", placeholder: "https://example.com" },
      tokenTtlSeconds: { label: "Visitor token lifetime (s)", hidden: true },
      requireVerification: {
        label: "Require verified visitors (true/false)",
        placeholder: "false",
        help: "true: only visitors your site signed in and verified (userHash) can chat.",
      },
    },
  },
  webhookSecretField: "sessionSecret",
  webhookSecretKeys: ["sessionSecret"],
  endpoints: {
    text: { label: "Widget keys", placeholder: "website" },
    normalize: keepEndpoint,
    derive: (receiving) => receivingEndpoints(receiving, keepEndpoint),
    mirroredSetting: "widgetKey",
  },
  // The segment after /chat/, or ?widget=, or body.widgetKey.
  routing: singleEndpointRouting(nativeAdapter, keepEndpoint),
  acknowledge: jsonAcknowledgement,
  webhooks: [
    { path: "/webhooks/chat/", method: "POST", match: "prefix", handler: "delivery", label: "Widget message endpoint" },
  ],
  transport: "in-app",
  media: CHAT_MEDIA,
  // The time comes from the visitor's browser: believed only for a message the widget queued
  // while offline for up to an hour; anything else (1e300, year 3000) is the receipt time.
  timestampWindow: { futureMs: 2 * 60_000, pastMs: 60 * 60_000 },
};
