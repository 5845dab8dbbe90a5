import { verifyVisitorToken } from "@switchboard/channels";
import { ConvexError, v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { credentialAad, decryptString } from "../lib/crypto";
import { visitorMutation, visitorQuery } from "../lib/functions";
import { attachmentViews } from "../messages/attachments";
import { rateFromWidget, ratingPromptOf } from "../threads/csat";
import { lastReadByAgents } from "../threads/reads";
import { setTypingState, typistsOf } from "../threads/typing";
import { chatRateLimiter } from "./rateLimits";

/**
 * The visitor chat widget. No Convex auth here: a visitor is authorised by the session token
 * (HS256 JWT keyed with the native channel's sessionSecret) that POST /chat/sessions/<widgetKey>
 * issues (chat/sessions.ts). Messages are posted to /webhooks/chat/<widgetKey> with that token
 * (chat/messages.ts); `listMessages` shows the visitor their own conversation and nothing else,
 * and `setTyping` is the only thing a visitor writes here.
 * Convex queries do not see the caller's Origin, so the origin check happens where the token is
 * issued: without a token from an allowed origin there is nothing to read here.
 */

export const VISITOR_MESSAGE_LIMIT = 100;
/** Messages looked through for the visitor's current thread when they type. */
const TYPING_THREAD_LOOKUP = 50;

function visitorError(message: string): never {
  throw new ConvexError({ code: "not_found", message });
}

const visitorArgs = {
  organizationId: v.id("organizations"),
  channelConfigId: v.id("channelConfigs"),
  token: v.string(),
};

/**
 * The visitor a token stands for, on this widget: the token must verify with the widget's
 * session secret, and a widget that requires verification accepts only verified visitors.
 */
async function requireVisitor(
  ctx: QueryCtx,
  {
    organizationId,
    channelConfigId,
    token,
  }: { organizationId: Id<"organizations">; channelConfigId: Id<"channelConfigs">; token: string },
) {
  const config = await ctx.db.get(channelConfigId);
  if (!config || config.organizationId !== organizationId || config.provider !== "native" || !config.enabled) {
    visitorError("This chat is not available");
  }
  const sealed = config.credentials.sessionSecret;
  if (!sealed) visitorError("This chat is not available");
  const secret = await decryptString(sealed, credentialAad(organizationId, "sessionSecret"));
  const verdict = await verifyVisitorToken(secret, token);
  if (!verdict.ok) throw new ConvexError({ code: "unauthenticated", message: "Your chat session has expired" });
  if (config.settings.requireVerification === "true" && !verdict.claims.verified) {
    throw new ConvexError({ code: "unauthenticated", message: "This chat is for signed-in users only" });
  }
  const identity = await ctx.db
    .query("contactIdentities")
    .withIndex("by_identifier", (q) =>
      q.eq("organizationId", organizationId).eq("channel", "chat").eq("identifier", verdict.visitorId),
    )
    .first();
  return { visitorId: verdict.visitorId, identity };
}

/** The visitor's chat messages, newest first (at most `limit`). */
async function visitorMessages(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  contactId: Id<"contacts">,
  visitorId: string,
  scan: number,
): Promise<Doc<"unifiedMessages">[]> {
  const rows = await ctx.db
    .query("unifiedMessages")
    .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .order("desc")
    .take(scan);
  return rows.filter(
    (m) => m.channel === "chat" && (m.direction === "outbound" ? m.to === visitorId : m.from === visitorId),
  );
}

/**
 * The visitor's own chat messages, oldest first (the newest VISITOR_MESSAGE_LIMIT), with what the
 * widget shows around them: an agent typing (until `typingUntil`; the widget hides it on its own
 * clock) and `readUpTo`, the last time an agent read the conversation (their messages sent up to
 * then show "read").
 */
export const listMessages = visitorQuery({
  args: visitorArgs,
  handler: async (ctx, args) => {
    const { organizationId } = args;
    const { visitorId, identity } = await requireVisitor(ctx, args);
    if (!identity) return { visitorId, messages: [], agentTyping: null, readUpTo: null, rating: null };
    const mine = (await visitorMessages(ctx, organizationId, identity.contactId, visitorId, VISITOR_MESSAGE_LIMIT * 2))
      .slice(0, VISITOR_MESSAGE_LIMIT)
      .reverse();
    const threadId = mine.at(-1)?.threadId;
    const latestThread = threadId ? await ctx.db.get(threadId) : null;
    const typists = threadId ? await typistsOf(ctx, organizationId, threadId) : [];
    const agent = typists.filter((t) => t.role === "agent").sort((a, b) => b.typingUntil - a.typingUntil)[0];
    return {
      visitorId,
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
      agentTyping: agent ? { name: agent.name ?? "Support", typingUntil: agent.typingUntil } : null,
      readUpTo: threadId ? await lastReadByAgents(ctx, organizationId, threadId) : null,
      // The built-in rating prompt once the latest conversation is resolved (threads/csat.ts).
      rating: latestThread ? await ratingPromptOf(ctx, latestThread, identity.contactId, Date.now()) : null,
    };
  },
});

/**
 * The visitor rates their resolved conversation from the widget's prompt: `rating` is the signed
 * token `listMessages` handed them, checked exactly like the rating link's (threads/csat.ts), and
 * it must name a request of this visitor's own contact. One score per resolution.
 */
export const rate = visitorMutation({
  args: { ...visitorArgs, rating: v.string(), score: v.number() },
  handler: async (ctx, args) => {
    const { identity } = await requireVisitor(ctx, args);
    if (!identity) visitorError("There is no conversation to rate");
    const outcome = await rateFromWidget(
      ctx,
      { organizationId: args.organizationId, contactId: identity.contactId },
      args.rating,
      args.score,
    );
    if (outcome === "invalid") throw new ConvexError({ code: "invalid_argument", message: "This rating is not valid" });
    if (outcome === "expired") throw new ConvexError({ code: "invalid_argument", message: "This rating has expired" });
    if (outcome === "rate_limited") throw new ConvexError({ code: "rate_limited", message: "Too many requests" });
    return outcome;
  },
});

/**
 * The visitor is (or stops) typing. Throttled per visitor (threads/typing.ts) and, for the writes
 * that happen, rate-limited per widget and visitor. Nothing happens before their first message
 * (there is no conversation to type into yet).
 */
export const setTyping = visitorMutation({
  args: { ...visitorArgs, typing: v.boolean() },
  handler: async (ctx, args) => {
    const { organizationId, channelConfigId } = args;
    const { visitorId, identity } = await requireVisitor(ctx, args);
    if (!identity) return "unchanged" as const;
    const [latest] = await visitorMessages(ctx, organizationId, identity.contactId, visitorId, TYPING_THREAD_LOOKUP);
    if (!latest) return "unchanged" as const;
    return setTypingState(
      ctx,
      {
        organizationId,
        threadId: latest.threadId,
        typist: "visitor",
        role: "visitor",
        typing: args.typing,
        now: Date.now(),
      },
      async () => (await chatRateLimiter.limit(ctx, "typingPerVisitor", { key: `${channelConfigId}|${visitorId}` })).ok,
    );
  },
});
