import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
import { authComponent, createAuth, siteUrls } from "./auth";
import { handleChatMessage } from "./chat/messages";
import { handleChatPreflight, handleSessionStart, handleWidgetPolicy } from "./chat/sessions";
import { routeProvider } from "./inbound/routes";
import { handleMediaRequest, MEDIA_PATH } from "./messages/files";
import { handleRest } from "./rest/routes";
import { handleCsatPage, handleCsatRating } from "./threads/csat";

const http = httpRouter();

// Provider webhooks: each descriptor (packages/channels) declares its routes, one line per provider.
routeProvider(http, "twilio");
routeProvider(http, "vonage");
routeProvider(http, "meta");
routeProvider(http, "resend");
routeProvider(http, "generic");
// Native chat messages enter through the widget's front door (origin + rate limits, chat/), which
// then hands them to the same pipeline; sessions and the widget policy are chat routes of their own.
routeProvider(http, "native", { delivery: handleChatMessage });
http.route({ pathPrefix: "/chat/sessions/", method: "POST", handler: httpAction(handleSessionStart) });
http.route({ pathPrefix: "/chat/widgets/", method: "GET", handler: httpAction(handleWidgetPolicy) });
for (const pathPrefix of ["/chat/sessions/", "/webhooks/chat/"]) {
  http.route({ pathPrefix, method: "OPTIONS", handler: httpAction(handleChatPreflight) });
}

// Reply attachments, fetched by providers through short-lived signed URLs (messages/files.ts).
http.route({ pathPrefix: MEDIA_PATH, method: "GET", handler: httpAction(handleMediaRequest) });

// REST API v1 for integrators (API keys), and its OpenAPI document.
for (const method of ["GET", "POST", "PATCH", "DELETE", "OPTIONS"] as const) {
  http.route({ pathPrefix: "/api/v1/", method, handler: httpAction(handleRest) });
}

// Customer-satisfaction rating links (signed tokens, threads/csat.ts): the form and its answer.
http.route({ pathPrefix: "/csat/", method: "GET", handler: httpAction(handleCsatPage) });
http.route({ pathPrefix: "/csat/", method: "POST", handler: httpAction(handleCsatRating) });

// Better Auth (sign-up, sign-in, sessions, Convex JWTs): /api/auth/*, CORS for the dashboard origin.
authComponent.registerRoutesLazy(http, createAuth, { cors: true, trustedOrigins: siteUrls() });

export default http;
