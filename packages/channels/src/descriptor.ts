/**
 * A provider descriptor: everything the backend and the dashboard need to know about one
 * provider, in one object. Convex and the dashboard only read descriptors (through the
 * registry); no code outside a descriptor switches on a provider name.
 */
import type { z } from "zod";
import type { ChannelId, EndpointKind, ProviderId } from "./ids";
import type { InboundLister } from "./inboundList";
import type { MediaLimits } from "./media";
import type { SdkDeclaration } from "./sdkTransport";
import type { TimestampWindow } from "./timestamps";
import type { ChannelAdapter, InboundEvent, WebhookRequest } from "./types";

/** Label, help and placeholder the settings form shows for one field. */
export interface FieldText {
  label: string;
  help?: string;
  placeholder?: string;
  /** Kept in the schema (set by code or operators) but not shown in the form. */
  hidden?: boolean;
  /**
   * A random secret of our own making (not one a provider hands out): the form offers to
   * generate it and shows it once, with `usage` (what the admin's own code does with it).
   */
  generate?: { usage: string };
}

/** A stored routing endpoint: what kind of identifier it is, and its normalised value. */
export interface Endpoint {
  kind: EndpointKind;
  identifier: string;
}

/** A webhook route the provider needs on our HTTP router. */
export interface WebhookRoute {
  /** An exact path, or with `match: "prefix"` a prefix whose rest names the endpoint (slug, widget key). */
  path: string;
  method: "GET" | "POST";
  match: "exact" | "prefix";
  /** `delivery`: the signed inbound pipeline. `handshake`: the provider's subscription challenge. */
  handler: "delivery" | "handshake";
  /** Shown in settings, to copy into the provider's console. Routes without a label are aliases. */
  label?: string;
}

/** An HTTP answer as plain data (the HTTP layer turns it into a Response). */
export interface WebhookReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The events of a delivery that belong to one receiving endpoint. */
export interface DeliveryPart {
  /** Normalised receiving endpoint (kind `receiving`). */
  endpoint: string;
  events: InboundEvent[];
}

export type HandshakeResult =
  | { ok: true; endpoint: Endpoint; reply: WebhookReply }
  | { ok: false; status: 400; reason: string };

/** `Id` is open so tests can register a provider the product does not ship. */
export interface ProviderDescriptor<Id extends string = ProviderId> {
  readonly id: Id;
  readonly channel: ChannelId;
  /** Display name ("Twilio"). */
  readonly label: string;
  readonly adapter: ChannelAdapter;
  readonly credentials: {
    readonly schema: z.ZodObject;
    /** Encrypted at rest like every credential, and never shown again once saved. */
    readonly secretFields: readonly string[];
    readonly text: Readonly<Record<string, FieldText>>;
  };
  readonly settings: {
    readonly schema: z.ZodObject;
    readonly text: Readonly<Record<string, FieldText>>;
  };
  /** The credential the webhook signature is computed with; deliveries are refused (503) until it is set. */
  readonly webhookSecretField: string;
  /** Every `secrets` key validateSignature reads (the secret field first, then rotation/extra keys). */
  readonly webhookSecretKeys: readonly string[];
  readonly endpoints: {
    /** What the admin types as receiving endpoints ("Phone numbers (E.164)"). */
    readonly text: FieldText;
    /** The normalised form stored for routing (E.164 number, lower-cased address, id as is). */
    normalize(raw: string): string;
    /**
     * The routing endpoints a channel config answers for: its receiving endpoints, plus any
     * endpoint of another kind its credentials imply (Meta: the verify token's hash).
     */
    derive(
      receiving: readonly string[],
      credentials: Readonly<Record<string, string | undefined>>,
    ): Promise<Endpoint[]>;
    /** A settings field that mirrors the first receiving endpoint (the adapter reads it there). */
    readonly mirroredSetting?: string;
  };
  readonly routing: {
    /** Every receiving endpoint a delivery addresses, normalised and deduplicated (a Meta batch names several). */
    keys(req: WebhookRequest): string[];
    /** Parses a delivery and groups its events by the receiving endpoint each belongs to. Throws InboundParseError. */
    parts(req: WebhookRequest): DeliveryPart[];
  };
  /**
   * Whether a channel config takes this event (a provider account may deliver channels the
   * config has not enabled: Vonage WhatsApp/Viber/Messenger). Events it refuses are logged as
   * unroutable (`channel_not_enabled`), never stored. Absent: every event is taken.
   */
  accepts?(event: InboundEvent, settings: Readonly<Record<string, string | undefined>>): boolean;
  /** The reply a provider expects once a delivery is stored (TwiML for Twilio, JSON otherwise). */
  acknowledge(result: { stored: number; duplicates: number }): WebhookReply;
  /** A provider's GET subscription challenge (Meta), answered without a signed body. */
  readonly handshake?: (query: URLSearchParams) => Promise<HandshakeResult>;
  readonly webhooks: readonly WebhookRoute[];
  /** The path status callbacks are posted to, when the provider takes a per-message callback URL. */
  readonly statusCallbackPath?: string;
  /**
   * `provider`: messages leave through an external API (queued, probed for health).
   * `in-app`: our own transport (native chat): delivered on send, nothing to probe.
   */
  readonly transport: "provider" | "in-app";
  /** Lists recently received messages through the provider's API (inbound gap recovery); absent when the provider has no such list (inboundList.ts says why). */
  readonly inboundList?: InboundLister;
  /** The adapter's getDeliveryStatus can look a sent message up (a message without callbacks is polled). */
  readonly statusLookup?: boolean;
  /**
   * The operations that go through the provider's official SDK in a Node action instead of the
   * adapter's fetch (`@switchboard/channels/node` implements them). Absent: the adapter does it all.
   */
  readonly sdk?: SdkDeclaration;
  /**
   * How far the message times this provider reports are believed around our receipt time
   * (`trustedTime`); DEFAULT_TIMESTAMP_WINDOW when the provider does not declare one.
   */
  readonly timestampWindow?: TimestampWindow;
  /** Outbound attachments this provider sends (media.ts); absent: replies with files are refused. */
  readonly media?: MediaLimits;
}

/** The JSON acknowledgement most providers accept. */
export function jsonAcknowledgement(result: { stored: number; duplicates: number }): WebhookReply {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ok: true, ...result }),
  };
}

/**
 * Routing for providers whose deliveries address exactly one endpoint: the adapter's
 * routingKey, normalised, and every parsed event belongs to it.
 */
export function singleEndpointRouting(
  adapter: ChannelAdapter,
  normalize: (raw: string) => string,
): ProviderDescriptor["routing"] {
  const keys = (req: WebhookRequest) => {
    const key = adapter.routingKey(req);
    return key ? [normalize(key)] : [];
  };
  return {
    keys,
    parts(req) {
      const [endpoint] = keys(req);
      const events = adapter.parseInbound(req);
      return endpoint ? [{ endpoint, events }] : [];
    },
  };
}

/** Endpoints for providers whose only endpoints are the receiving ones. */
export async function receivingEndpoints(
  receiving: readonly string[],
  normalize: (raw: string) => string,
): Promise<Endpoint[]> {
  const seen = new Set<string>();
  const out: Endpoint[] = [];
  for (const raw of receiving) {
    const value = raw.trim();
    if (!value) continue;
    const identifier = normalize(value);
    if (seen.has(identifier)) continue;
    seen.add(identifier);
    out.push({ kind: "receiving", identifier });
  }
  return out;
}
