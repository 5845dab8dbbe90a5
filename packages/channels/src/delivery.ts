/**
 * Routing one webhook delivery, provider-independently: every receiving endpoint it names is
 * looked up, the signature is verified with each addressed channel's own secret, and every event
 * goes to the channel of its own endpoint. Events no verified channel may take are returned as
 * `unroutable` (to be logged deliberately), never silently dropped: a provider gets its 2xx only
 * when each event is stored or logged. The caller supplies the lookups (Convex queries), so this
 * stays pure and testable.
 */
import type { DeliveryPart, ProviderDescriptor } from "./descriptor";
import {
  type InboundEvent,
  InboundParseError,
  type VerifyOptions,
  type WebhookRequest,
  type WebhookSecrets,
} from "./types";

/** More distinct endpoints than this in one delivery is not a real provider batch (400). */
export const MAX_ENDPOINTS_PER_DELIVERY = 50;

export interface DeliveryLookup<C> {
  /** The channel config receiving at this normalised endpoint (kind `receiving`), or null. */
  find(endpoint: string): Promise<C | null>;
  /** A stable id of the channel (endpoints of one channel are grouped). */
  id(channel: C): string;
  enabled(channel: C): boolean;
  /** Whether a credential field is stored (checked before anything is decrypted). */
  hasCredential(channel: C, field: string): boolean;
  /** The channel's decrypted credentials, passed to validateSignature as `secrets`. */
  secrets(channel: C): Promise<WebhookSecrets>;
  /** The channel's settings (signature method, enabled sub-channels), for `validateSignature` and `accepts`. */
  settings?(channel: C): Readonly<Record<string, string | undefined>>;
}

/** Why events of a delivery were logged instead of stored (schema validators derive from this). */
export const UNROUTABLE_REASONS = [
  "unknown_endpoint",
  "channel_disabled",
  "not_configured",
  "signature_mismatch",
  "channel_not_enabled",
] as const;
export type UnroutableReason = (typeof UNROUTABLE_REASONS)[number];

export interface RoutedEvents<C> {
  channel: C;
  /** The decrypted secrets that verified the delivery (reuse them, e.g. to hydrate content). */
  secrets: WebhookSecrets;
  endpoints: string[];
  events: InboundEvent[];
}

export interface UnroutableEvents {
  endpoint: string;
  reason: UnroutableReason;
  events: InboundEvent[];
}

export type DeliveryRejection = {
  ok: false;
  status: 400 | 401 | 403 | 404 | 503;
  code: string;
  message: string;
};

export type DeliveryPlan<C> =
  | { ok: true; routed: RoutedEvents<C>[]; unroutable: UnroutableEvents[] }
  | DeliveryRejection;

const reject = (status: DeliveryRejection["status"], code: string, message: string): DeliveryRejection => ({
  ok: false,
  status,
  code,
  message,
});

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Plans a delivery. Rejections carry the HTTP status to answer with nothing stored:
 * 400 malformed/unroutable, 404 no endpoint known, 403 every addressed channel disabled or the
 * signature fits none of them, 401 nothing to check against, 503 the channel has no webhook secret.
 * A delivery is only rejected when no addressed channel can take it; otherwise the events of
 * endpoints that cannot (unknown, disabled, unconfigured, or another account's secret) are
 * returned as unroutable.
 */
export async function planDelivery<C>(
  descriptor: ProviderDescriptor<string>,
  req: WebhookRequest,
  lookup: DeliveryLookup<C>,
  opts: VerifyOptions = {},
): Promise<DeliveryPlan<C>> {
  let keys: string[];
  try {
    keys = [...new Set(descriptor.routing.keys(req))];
  } catch (error) {
    return reject(400, "malformed_payload", errorMessage(error));
  }
  if (keys.length === 0) return reject(400, "unroutable", "The request names no receiving endpoint");
  if (keys.length > MAX_ENDPOINTS_PER_DELIVERY) {
    return reject(400, "too_many_endpoints", `A delivery may name at most ${MAX_ENDPOINTS_PER_DELIVERY} endpoints`);
  }

  // Endpoint -> channel, and why an endpoint cannot take events.
  const channelOf = new Map<string, C>();
  const blocked = new Map<string, UnroutableReason>();
  const channels = new Map<string, { channel: C; endpoints: string[] }>();
  for (const key of keys) {
    const channel = await lookup.find(key);
    if (!channel) {
      blocked.set(key, "unknown_endpoint");
      continue;
    }
    channelOf.set(key, channel);
    const id = lookup.id(channel);
    const entry = channels.get(id) ?? { channel, endpoints: [] };
    entry.endpoints.push(key);
    channels.set(id, entry);
  }
  if (channels.size === 0)
    return reject(404, "unknown_endpoint", `No ${descriptor.id} channel receives for this endpoint`);

  // The first reason no channel can take the delivery, reported when none can.
  let firstRejection: DeliveryRejection | undefined;
  const verified = new Map<string, WebhookSecrets>();
  for (const [id, { channel, endpoints }] of channels) {
    let reason: UnroutableReason | undefined;
    if (!lookup.enabled(channel)) {
      reason = "channel_disabled";
      firstRejection ??= reject(403, "channel_disabled", "This channel is disabled");
    } else if (!lookup.hasCredential(channel, descriptor.webhookSecretField)) {
      reason = "not_configured";
      firstRejection ??= reject(
        503,
        "not_configured",
        `The channel has no ${descriptor.webhookSecretField}; webhooks are refused until it is set`,
      );
    } else {
      const secrets = await lookup.secrets(channel);
      const settings = lookup.settings?.(channel);
      const verdict = await descriptor.adapter.validateSignature(req, secrets, settings ? { ...opts, settings } : opts);
      if (verdict.ok) verified.set(id, secrets);
      else {
        reason = "signature_mismatch";
        firstRejection ??= reject(verdict.status, "invalid_signature", verdict.reason);
      }
    }
    if (reason) for (const e of endpoints) blocked.set(e, reason);
  }
  if (verified.size === 0)
    return firstRejection ?? reject(403, "invalid_signature", "No channel verifies this delivery");

  let parts: DeliveryPart[];
  try {
    parts = descriptor.routing.parts(req);
  } catch (error) {
    if (error instanceof InboundParseError) return reject(400, "malformed_payload", error.message);
    throw error;
  }

  const routed = new Map<string, RoutedEvents<C>>();
  const unroutable = new Map<string, UnroutableEvents>();
  for (const part of parts) {
    const channel = channelOf.get(part.endpoint);
    const id = channel === undefined ? undefined : lookup.id(channel);
    const secrets = id === undefined ? undefined : verified.get(id);
    if (channel === undefined || id === undefined || secrets === undefined) {
      const reason = blocked.get(part.endpoint) ?? "unknown_endpoint";
      const entry = unroutable.get(part.endpoint) ?? { endpoint: part.endpoint, reason, events: [] };
      entry.events.push(...part.events);
      unroutable.set(part.endpoint, entry);
      continue;
    }
    const settings = lookup.settings?.(channel) ?? {};
    const accepted = descriptor.accepts ? part.events.filter((e) => descriptor.accepts!(e, settings)) : part.events;
    if (accepted.length < part.events.length) {
      const refused = part.events.filter((e) => !accepted.includes(e));
      const key = `${part.endpoint}\u0000channel_not_enabled`;
      const entry = unroutable.get(key) ?? { endpoint: part.endpoint, reason: "channel_not_enabled", events: [] };
      entry.events.push(...refused);
      unroutable.set(key, entry);
      if (accepted.length === 0) continue;
    }
    const entry = routed.get(id) ?? { channel, secrets, endpoints: [], events: [] };
    if (!entry.endpoints.includes(part.endpoint)) entry.endpoints.push(part.endpoint);
    entry.events.push(...accepted);
    routed.set(id, entry);
  }
  return { ok: true, routed: [...routed.values()], unroutable: [...unroutable.values()] };
}
