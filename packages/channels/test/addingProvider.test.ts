/**
 * "Adding a provider touches packages/channels only": a seventh provider registered as one more
 * descriptor is picked up by the registry, the HTTP route table, the settings form, the webhook
 * URL list and delivery routing, with no other change.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type ChannelAdapter,
  createRegistry,
  descriptors,
  hmacSha256Hex,
  InboundParseError,
  jsonAcknowledgement,
  type ProviderDescriptor,
  type ProviderId,
  planDelivery,
  receivingEndpoints,
  settingsFormOf,
  singleEndpointRouting,
  timingSafeEqual,
  webhookUrlsOf,
} from "../src/index";
import { webhook } from "./helpers";

const pigeonAdapter: ChannelAdapter = {
  // A real provider adds its id to PROVIDER_IDS in ids.ts; the fake borrows the type.
  id: "pigeon" as ProviderId,
  channel: "sms",
  routingKey: (req) => new URL(req.url).searchParams.get("loft"),
  async validateSignature(req, secrets) {
    if (!secrets.loftKey) return { ok: false, status: 401, reason: "no loft key" };
    const sig = req.headers["x-pigeon-signature"];
    if (!sig) return { ok: false, status: 401, reason: "unsigned" };
    return timingSafeEqual(sig, await hmacSha256Hex(secrets.loftKey, req.rawBody))
      ? { ok: true }
      : { ok: false, status: 403, reason: "mismatch" };
  },
  parseInbound(req) {
    const body = JSON.parse(req.rawBody) as { id?: string; from?: string; text?: string };
    if (!body.id || !body.from) throw new InboundParseError("pigeon: id and from are required");
    return [
      {
        kind: "message",
        channel: "sms",
        provider: "pigeon" as ProviderId,
        externalMessageId: body.id,
        from: { identifier: body.from },
        to: new URL(req.url).searchParams.get("loft")!,
        text: body.text ?? "",
        attachments: [],
      },
    ];
  },
  send: async (_ctx, msg) => ({ ok: true, externalMessageId: `p_${msg.messageId}`, status: "sent" }),
  getDeliveryStatus: async () => null,
  healthCheck: async () => ({ state: "healthy", latencyMs: 0 }),
};

const keep = (raw: string) => raw.trim().toLowerCase();
const pigeon: ProviderDescriptor<"pigeon"> = {
  id: "pigeon",
  channel: "sms",
  label: "Carrier pigeon",
  adapter: pigeonAdapter,
  credentials: {
    schema: z.object({ loftKey: z.string().min(8), ringId: z.string().optional() }),
    secretFields: ["loftKey"],
    text: { loftKey: { label: "Loft key", help: "Signs every pigeon." }, ringId: { label: "Ring id" } },
  },
  settings: {
    schema: z.object({ flightMinutes: z.string().optional() }),
    text: { flightMinutes: { label: "Flight time", placeholder: "30" } },
  },
  webhookSecretField: "loftKey",
  webhookSecretKeys: ["loftKey"],
  endpoints: { text: { label: "Lofts" }, normalize: keep, derive: (r) => receivingEndpoints(r, keep) },
  routing: singleEndpointRouting(pigeonAdapter, keep),
  acknowledge: jsonAcknowledgement,
  webhooks: [{ path: "/webhooks/pigeon", method: "POST", match: "exact", handler: "delivery", label: "Landing URL" }],
  transport: "provider",
};

describe("adding a seventh provider", () => {
  const registry = createRegistry<string>([...descriptors, pigeon]);

  it("the registry and route table pick it up", () => {
    expect(registry.get("pigeon")).toBe(pigeon);
    expect(registry.has("pigeon")).toBe(true);
    expect(registry.descriptors).toHaveLength(7);
    expect(registry.routes()).toContainEqual({
      provider: "pigeon",
      path: "/webhooks/pigeon",
      method: "POST",
      match: "exact",
      handler: "delivery",
      label: "Landing URL",
    });
    expect(registry.routes()).toHaveLength(descriptors.flatMap((d) => d.webhooks).length + 1);
  });

  it("the settings form and webhook URLs derive from it", () => {
    expect(settingsFormOf(registry.get("pigeon"))).toEqual({
      provider: "pigeon",
      channel: "sms",
      label: "Carrier pigeon",
      endpoints: { label: "Lofts" },
      credentials: [
        { key: "loftKey", label: "Loft key", help: "Signs every pigeon.", required: true, secret: true },
        { key: "ringId", label: "Ring id", required: false, secret: false },
      ],
      settings: [{ key: "flightMinutes", label: "Flight time", placeholder: "30", required: false, secret: false }],
    });
    expect(webhookUrlsOf(pigeon, ["north"], "https://h.example")).toEqual([
      { label: "Landing URL", path: "/webhooks/pigeon", url: "https://h.example/webhooks/pigeon" },
    ]);
  });

  it("deliveries route through the generic planner", async () => {
    const body = JSON.stringify({ id: "coo-1", from: "+14155550199", text: "coo" });
    const sig = createHmac("sha256", "loft-key-123").update(body).digest("hex");
    const req = webhook("https://h.example/webhooks/pigeon?loft=North", body, { "x-pigeon-signature": sig });
    const channel = { id: "cfgP", credentials: { loftKey: "loft-key-123" } };
    const plan = await planDelivery(registry.get("pigeon"), req, {
      find: async (endpoint) => (endpoint === "north" ? channel : null),
      id: (c) => c.id,
      enabled: () => true,
      hasCredential: (c, f) => f in c.credentials,
      secrets: async (c) => c.credentials,
    });
    expect(plan).toMatchObject({
      ok: true,
      routed: [{ endpoints: ["north"], events: [{ externalMessageId: "coo-1", text: "coo" }] }],
      unroutable: [],
    });
  });

  it("refuses a provider registered twice or claiming another provider's route", () => {
    expect(() => createRegistry<string>([...descriptors, pigeon, pigeon])).toThrow(/twice/);
    const thief = {
      ...pigeon,
      id: "thief",
      webhooks: [
        { path: "/webhooks/email", method: "POST" as const, match: "exact" as const, handler: "delivery" as const },
      ],
    };
    expect(() => createRegistry<string>([...descriptors, thief])).toThrow(/claimed by two providers/);
    const badSecret = { ...pigeon, id: "bad", webhooks: [], webhookSecretField: "nope" };
    expect(() => createRegistry<string>([...descriptors, badSecret])).toThrow(/not a credential field/);
  });
});
