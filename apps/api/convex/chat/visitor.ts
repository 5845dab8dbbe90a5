import { createVisitorToken, verifyVisitorToken } from "@switchboard/channels";
import { ConvexError, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { credentialAad, decryptString } from "../lib/crypto";
import { visitorAction, visitorQuery } from "../lib/functions";

/**
 * The visitor chat widget. No Convex auth here: a visitor is authorised by the session token
 * (HMAC of the native channel's sessionSecret) that `start` issues. Messages are posted to the
 * existing /webhooks/chat/<widgetKey> route with that token; `messages` shows the visitor their
 * own conversation and nothing else.
 */

const VISITOR_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
export const VISITOR_MESSAGE_LIMIT = 100;

function visitorError(message: string): never {
  throw new ConvexError({ code: "not_found", message });
}

function newVisitorId(): string {
  return `v_${crypto.randomUUID().replace(/-/g, "")}`;
}

/** Starts (or resumes, with a valid token) a visitor session for a widget. */
export const start = visitorAction({
  args: { widgetKey: v.string(), token: v.optional(v.string()), visitorId: v.optional(v.string()) },
  handler: async (
    ctx,
    { widgetKey, token, visitorId },
  ): Promise<{
    token: string;
    visitorId: string;
    expiresAt: number;
    organizationId: Id<"organizations">;
    channelConfigId: Id<"channelConfigs">;
  }> => {
    const route = await ctx.runQuery(internal.inbound.routing.findEndpoint, {
      provider: "native",
      identifier: widgetKey.trim(),
    });
    if (!route?.enabled) visitorError("This chat is not available");
    const sealed = route.credentials.sessionSecret;
    if (!sealed) visitorError("This chat is not available");
    const secret = await decryptString(sealed, credentialAad(route.organizationId, "sessionSecret"));
    const base = { organizationId: route.organizationId, channelConfigId: route.channelConfigId };
    if (token) {
      const verdict = await verifyVisitorToken(secret, token);
      // Resume while more than a day is left; otherwise re-issue for the same visitor.
      if (verdict.ok && verdict.expiresAt - Date.now() > 24 * 60 * 60 * 1000) {
        return { token, visitorId: verdict.visitorId, expiresAt: verdict.expiresAt, ...base };
      }
      if (verdict.ok) visitorId = verdict.visitorId;
    }
    const id = visitorId && VISITOR_ID_RE.test(visitorId) && token ? visitorId : newVisitorId();
    const ttl = route.settings.tokenTtlSeconds ? Number(route.settings.tokenTtlSeconds) : undefined;
    const issued = await createVisitorToken(secret, id, ttl ? { ttlSeconds: ttl } : {});
    return { token: issued.token, visitorId: id, expiresAt: issued.expiresAt, ...base };
  },
});

/** The visitor's own chat messages, oldest first (the newest VISITOR_MESSAGE_LIMIT). */
export const listMessages = visitorQuery({
  args: { organizationId: v.id("organizations"), channelConfigId: v.id("channelConfigs"), token: v.string() },
  handler: async (ctx, { organizationId, channelConfigId, token }) => {
    const config = await ctx.db.get(channelConfigId);
    if (!config || config.organizationId !== organizationId || config.provider !== "native" || !config.enabled) {
      visitorError("This chat is not available");
    }
    const sealed = config.credentials.sessionSecret;
    if (!sealed) visitorError("This chat is not available");
    const secret = await decryptString(sealed, credentialAad(organizationId, "sessionSecret"));
    const verdict = await verifyVisitorToken(secret, token);
    if (!verdict.ok) throw new ConvexError({ code: "unauthenticated", message: "Your chat session has expired" });
    const identity = await ctx.db
      .query("contactIdentities")
      .withIndex("by_identifier", (q) =>
        q.eq("organizationId", organizationId).eq("channel", "chat").eq("identifier", verdict.visitorId),
      )
      .first();
    if (!identity) return { visitorId: verdict.visitorId, messages: [] };
    const rows = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", identity.contactId))
      .order("desc")
      .take(VISITOR_MESSAGE_LIMIT * 2);
    const mine = rows
      .filter(
        (m) =>
          m.channel === "chat" &&
          (m.direction === "outbound" ? m.to === verdict.visitorId : m.from === verdict.visitorId),
      )
      .slice(0, VISITOR_MESSAGE_LIMIT)
      .reverse();
    return {
      visitorId: verdict.visitorId,
      messages: mine.map((m) => ({
        _id: m._id,
        direction: m.direction,
        text: m.text,
        sentAt: m.sentAt,
        // Agents are shown by name only; never their email or member id.
        senderName:
          m.direction === "outbound"
            ? m.senderName?.includes("@")
              ? "Support"
              : (m.senderName ?? "Support")
            : undefined,
        attachments: m.attachments.map((a) => ({ url: a.url, filename: a.filename, contentType: a.contentType })),
      })),
    };
  },
});
