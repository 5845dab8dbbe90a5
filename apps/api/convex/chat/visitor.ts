import { verifyVisitorToken } from "@switchboard/channels";
import { ConvexError, v } from "convex/values";
import { credentialAad, decryptString } from "../lib/crypto";
import { visitorQuery } from "../lib/functions";
import { attachmentViews } from "../messages/attachments";

/**
 * The visitor chat widget. No Convex auth here: a visitor is authorised by the session token
 * (HS256 JWT keyed with the native channel's sessionSecret) that POST /chat/sessions/<widgetKey>
 * issues (chat/sessions.ts). Messages are posted to /webhooks/chat/<widgetKey> with that token
 * (chat/messages.ts); `listMessages` shows the visitor their own conversation and nothing else.
 * Convex queries do not see the caller's Origin, so the origin check happens where the token is
 * issued: without a token from an allowed origin there is nothing to read here.
 */

export const VISITOR_MESSAGE_LIMIT = 100;

function visitorError(message: string): never {
  throw new ConvexError({ code: "not_found", message });
}

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
      messages: await Promise.all(
        mine.map(async (m) => ({
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
          // Their own conversation: stored copies, and http(s) links only (messages/attachments.ts).
          attachments: await attachmentViews(ctx, m.attachments),
        })),
      ),
    };
  },
});
