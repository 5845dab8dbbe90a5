import type { ProviderId } from "@switchboard/channels/ids";
import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
import { authComponent, createAuth, siteUrls } from "./auth";
import { handleChatMessage } from "./chat/messages";
import { handleChatPreflight, handleSessionStart, handleWidgetPolicy } from "./chat/sessions";
import { handleMetaSubscribe } from "./inbound/metaSubscribe";
import { handleWebhook } from "./inbound/webhooks";
import { handleRest } from "./rest/routes";

const http = httpRouter();

const webhook = (provider: ProviderId) => httpAction((ctx, request) => handleWebhook(ctx, request, provider));

// SMS: Twilio is the default SMS provider for /webhooks/sms; status callbacks share the handler
// (the adapter tells a status callback from an inbound message by its fields).
for (const path of ["/webhooks/sms", "/webhooks/sms/twilio", "/webhooks/sms/twilio/status"]) {
  http.route({ path, method: "POST", handler: webhook("twilio") });
}
for (const path of ["/webhooks/sms/vonage", "/webhooks/sms/vonage/status"]) {
  http.route({ path, method: "POST", handler: webhook("vonage") });
}

// WhatsApp (Meta Cloud API): GET is the subscription challenge, POST carries messages + statuses.
http.route({ path: "/webhooks/whatsapp", method: "GET", handler: httpAction(handleMetaSubscribe) });
http.route({ path: "/webhooks/whatsapp", method: "POST", handler: webhook("meta") });

// Email (Resend): inbound mail and delivery events.
http.route({ path: "/webhooks/email", method: "POST", handler: webhook("resend") });

// Generic signed webhooks: /webhooks/custom/<slug>.
http.route({ pathPrefix: "/webhooks/custom/", method: "POST", handler: webhook("generic") });

// Native chat: visitor sessions (/chat/sessions/<widgetKey>) and messages posted by the widget
// (/webhooks/chat/<widgetKey>), behind the widget's origin and rate-limit checks (chat/).
http.route({ pathPrefix: "/chat/sessions/", method: "POST", handler: httpAction(handleSessionStart) });
http.route({ pathPrefix: "/chat/widgets/", method: "GET", handler: httpAction(handleWidgetPolicy) });
http.route({ pathPrefix: "/webhooks/chat/", method: "POST", handler: httpAction(handleChatMessage) });
for (const pathPrefix of ["/chat/sessions/", "/webhooks/chat/"]) {
  http.route({ pathPrefix, method: "OPTIONS", handler: httpAction(handleChatPreflight) });
}

// REST API v1 for integrators (API keys), and its OpenAPI document.
for (const method of ["GET", "POST", "PATCH", "OPTIONS"] as const) {
  http.route({ pathPrefix: "/api/v1/", method, handler: httpAction(handleRest) });
}

// Better Auth (sign-up, sign-in, sessions, Convex JWTs): /api/auth/*, CORS for the dashboard origin.
authComponent.registerRoutesLazy(http, createAuth, { cors: true, trustedOrigins: siteUrls() });

export default http;
