import { relayChat } from "../../../utils/chatRelay";

/** Same-origin relay for starting a visitor session: forwarded to /chat/sessions/<widgetKey>. */
export default defineEventHandler((event) =>
  relayChat(
    event,
    String(useRuntimeConfig().public.convexSiteUrl),
    (key) => `/chat/sessions/${encodeURIComponent(key)}`,
    {
      requireToken: false,
    },
  ),
);
