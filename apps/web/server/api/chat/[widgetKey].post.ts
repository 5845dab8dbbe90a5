import { relayChat } from "../../utils/chatRelay";

/**
 * Same-origin relay for the visitor widget's messages: POST /api/chat/<widgetKey> is forwarded
 * to the backend's /webhooks/chat/<widgetKey> (server/utils/chatRelay.ts). It exists because
 * the hosted widget page talks to its own origin; the backend's checks all apply.
 */
export default defineEventHandler((event) =>
  relayChat(
    event,
    String(useRuntimeConfig().public.convexSiteUrl),
    (key) => `/webhooks/chat/${encodeURIComponent(key)}`,
    {
      requireToken: true,
    },
  ),
);
