import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction, internalQuery } from "../_generated/server";

export const DEMO_SLUG = "demo";

/** Receiving endpoints of the demo organization (the provider simulator posts to them). */
export const DEMO_ENDPOINTS = {
  twilioNumber: "+14155550100",
  vonageNumber: "+14155550199",
  metaPhoneNumberId: "109876543210001",
  inboundEmail: "support@demo.switchboard.test",
  customSlug: "demo-crm",
  chatSlug: "demo-site",
};

export const findDemo = internalQuery({
  args: {},
  handler: async (ctx) =>
    (await ctx.db.query("organizations").withIndex("by_slug", (q) => q.eq("slug", DEMO_SLUG)).first())?._id ?? null,
});

/**
 * Creates the demo organization with one channel per provider, all pointed at the provider
 * simulator (`apiBaseUrl`). Idempotent: returns the existing organization on later starts.
 * Conversations are then posted through the real webhook pipeline by scripts/dev.ts.
 */
export const ensureDemo = internalAction({
  args: {
    simUrl: v.string(),
    secrets: v.object({
      twilioAccountSid: v.string(),
      twilioAuthToken: v.string(),
      vonageApiKey: v.string(),
      vonageApiSecret: v.string(),
      vonageSignatureSecret: v.string(),
      metaAccessToken: v.string(),
      metaAppSecret: v.string(),
      metaVerifyToken: v.string(),
      resendApiKey: v.string(),
      resendWebhookSecret: v.string(),
      genericSigningSecret: v.string(),
      chatSessionSecret: v.string(),
    }),
    owner: v.optional(v.object({ userId: v.string(), email: v.string(), name: v.optional(v.string()) })),
  },
  handler: async (ctx, { simUrl, secrets, owner }): Promise<{ organizationId: Id<"organizations">; created: boolean }> => {
    const existing = await ctx.runQuery(internal.seed.demo.findDemo, {});
    if (existing) return { organizationId: existing, created: false };
    const organizationId: Id<"organizations"> = await ctx.runMutation(internal.orgs.admin.createOrganization, {
      name: "Demo Co",
      slug: DEMO_SLUG,
      defaultRegion: "US",
      timezone: "America/Los_Angeles",
      owner,
    });
    const e = DEMO_ENDPOINTS;
    const channels: { provider: "twilio" | "vonage" | "meta" | "resend" | "generic" | "native"; name: string; endpoints: string[]; settings: Record<string, string>; credentials: Record<string, string> }[] = [
      {
        provider: "twilio",
        name: "SMS (Twilio)",
        endpoints: [e.twilioNumber],
        settings: { apiBaseUrl: simUrl },
        credentials: { accountSid: secrets.twilioAccountSid, authToken: secrets.twilioAuthToken },
      },
      {
        provider: "vonage",
        name: "SMS (Vonage)",
        endpoints: [e.vonageNumber],
        settings: { apiBaseUrl: simUrl },
        credentials: { apiKey: secrets.vonageApiKey, apiSecret: secrets.vonageApiSecret, signatureSecret: secrets.vonageSignatureSecret },
      },
      {
        provider: "meta",
        name: "WhatsApp",
        endpoints: [e.metaPhoneNumberId],
        settings: { apiBaseUrl: simUrl },
        credentials: { accessToken: secrets.metaAccessToken, appSecret: secrets.metaAppSecret, verifyToken: secrets.metaVerifyToken },
      },
      {
        provider: "resend",
        name: "Email",
        endpoints: [e.inboundEmail],
        settings: { apiBaseUrl: simUrl, fromName: "Demo Co Support" },
        credentials: { apiKey: secrets.resendApiKey, webhookSecret: secrets.resendWebhookSecret },
      },
      {
        provider: "generic",
        name: "CRM webhook",
        endpoints: [e.customSlug],
        settings: {},
        credentials: { signingSecret: secrets.genericSigningSecret },
      },
      {
        provider: "native",
        name: "Website chat",
        endpoints: [e.chatSlug],
        settings: {},
        credentials: { sessionSecret: secrets.chatSessionSecret },
      },
    ];
    for (const channel of channels) {
      await ctx.runAction(internal.channels.configs.createConfig, { organizationId, ...channel });
    }
    return { organizationId, created: true };
  },
});
