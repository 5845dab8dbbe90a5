import type { Id } from "../convex/_generated/dataModel";
import type { Backend } from "./harness";

export interface VisitorSession {
  token: string;
  visitorId: string;
  expiresAt: number;
  verified: boolean;
  organizationId: Id<"organizations">;
  channelConfigId: Id<"channelConfigs">;
}

/** POST /chat/sessions/<widgetKey>, as the widget page (through the relay) does. */
export function requestSession(
  t: Backend,
  widgetKey: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  return t.fetch(`/chat/sessions/${widgetKey}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** A session that must succeed. */
export async function startSession(
  t: Backend,
  widgetKey: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<VisitorSession> {
  const res = await requestSession(t, widgetKey, body, headers);
  if (res.status !== 200) throw new Error(`session start answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as VisitorSession;
}

/** POST /webhooks/chat/<widgetKey> with a visitor token. */
export function postChat(
  t: Backend,
  widgetKey: string,
  token: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return t.fetch(`/webhooks/chat/${widgetKey}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
}

export const viewOf = (s: VisitorSession) => ({
  organizationId: s.organizationId,
  channelConfigId: s.channelConfigId,
  token: s.token,
});
