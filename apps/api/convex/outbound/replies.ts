import { getDescriptor, isCustomerServiceWindowOpen } from "@switchboard/channels";
import { type ChannelId, IDENTIFIER_KIND_OF_CHANNEL } from "@switchboard/channels/ids";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberMutation } from "../lib/functions";
import { filesForReply, type ReplyFile } from "../messages/files";
import { channelId } from "../schema/validators";
import { rememberEmailMessageIds } from "../threads/emailMessageIds";
import { previewOf, touchThread } from "../threads/model";
import { kickDispatcher } from "./queue";

const MAX_TEXT = 32_000;
/** Serialized size of a template's components (3 components × 1,024-character variables fit easily). */
const MAX_TEMPLATE_COMPONENTS_JSON = 16_000;
/** How far back in a thread we look for threading headers and the WhatsApp window. */
const RECENT_MESSAGES = 50;

export async function addressOn(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  contactId: Id<"contacts">,
  channel: ChannelId,
): Promise<string | null> {
  const identities = await ctx.db
    .query("contactIdentities")
    .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .take(100);
  const exact = identities.find((i) => i.channel === channel);
  if (exact) return exact.identifier;
  // SMS and WhatsApp share phone numbers: a number known from one reaches the other.
  const kind = IDENTIFIER_KIND_OF_CHANNEL[channel];
  return identities.find((i) => i.kind === kind && kind !== "external")?.identifier ?? null;
}

async function pickConfig(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  channel: ChannelId,
  preferred?: Id<"channelConfigs">,
): Promise<Doc<"channelConfigs"> | null> {
  if (preferred) {
    const config = await ctx.db.get(preferred);
    if (config && config.organizationId === organizationId && config.channel === channel && config.enabled)
      return config;
  }
  const configs = await ctx.db
    .query("channelConfigs")
    .withIndex("by_org_channel", (q) => q.eq("organizationId", organizationId).eq("channel", channel))
    .take(20);
  return configs.find((c) => c.enabled) ?? null;
}

async function sendingEndpoint(ctx: MutationCtx, config: Doc<"channelConfigs">): Promise<string> {
  const endpoints = await ctx.db
    .query("channelEndpoints")
    .withIndex("by_config", (q) => q.eq("organizationId", config.organizationId).eq("channelConfigId", config._id))
    .take(10);
  const usable = endpoints.find((e) => e.kind === "receiving");
  if (!usable) fail("invalid_argument", `The ${config.name} channel has no sending endpoint configured`);
  return usable.identifier;
}

export interface ReplyInput {
  organizationId: Id<"organizations">;
  threadId: Id<"conversationThreads">;
  channel?: ChannelId;
  text: string;
  subject?: string;
  /** Files claimed through messages/files.ts (`claim`), by storage id. */
  attachments?: ReplyFile[];
  template?: Doc<"unifiedMessages">["template"];
}

/**
 * Queues a reply in a thread on any of the contact's channels (default: the channel the
 * contact last used). The message is stored `queued` in the same transaction and the channel's
 * dispatcher is woken; chat replies are delivered at once through reactive queries.
 * Shared by the inbox (agents) and the REST API (integrators).
 */
export async function queueReply(
  ctx: MutationCtx,
  args: ReplyInput,
  author: { memberId?: Id<"members">; name: string; origin?: "automation" },
  /**
   * Seed-only (seed/history.ts, never reachable from a public function): a reply that went out at
   * `at` in the past, stored as delivered with no dispatch, so the demo's history is backdated.
   */
  history?: { at: number },
): Promise<Id<"unifiedMessages">> {
  const thread = await getOwned(ctx, args.organizationId, args.threadId);
  const contact = await getOwned(ctx, args.organizationId, thread.contactId);
  const text = args.text.trim();
  if (!text && !args.template && !(args.attachments?.length ?? 0)) fail("invalid_argument", "The reply is empty");
  if (text.length > MAX_TEXT) fail("invalid_argument", `The reply is longer than ${MAX_TEXT} characters`);
  if (args.template) {
    // Meta's limits: lower-case names of at most 512 characters, BCP-47-like language codes.
    if (!/^[a-z0-9_]{1,512}$/.test(args.template.name) || !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(args.template.language))
      fail("invalid_argument", "Unknown template name or language");
    if (JSON.stringify(args.template.components ?? []).length > MAX_TEMPLATE_COMPONENTS_JSON)
      fail("invalid_argument", "The template's variables are too long");
  }

  const recent = await ctx.db
    .query("unifiedMessages")
    .withIndex("by_thread", (q) => q.eq("organizationId", args.organizationId).eq("threadId", thread._id))
    .order("desc")
    .take(RECENT_MESSAGES);
  const lastInbound = recent.find((m) => m.direction === "inbound");
  const channel: ChannelId = args.channel ?? lastInbound?.channel ?? contact.lastChannel ?? thread.lastChannel;
  const lastInboundOnChannel = recent.find((m) => m.direction === "inbound" && m.channel === channel);

  const config = await pickConfig(ctx, args.organizationId, channel, lastInboundOnChannel?.channelConfigId);
  if (!config) fail("invalid_argument", `No enabled ${channel} channel is configured`);
  const to = await addressOn(ctx, args.organizationId, contact._id, channel);
  if (!to) fail("invalid_argument", `${contact.displayName} has no ${channel} address`);
  const from = await sendingEndpoint(ctx, config);
  // Before anything is stored: a channel without media, a foreign file or a limit refuses the reply.
  const attachments = await filesForReply(ctx, args.organizationId, config.provider, args.attachments ?? []);

  const now = history?.at ?? Date.now();
  if (channel === "whatsapp" && !args.template && !isCustomerServiceWindowOpen(lastInboundOnChannel?.sentAt, now)) {
    fail(
      "invalid_argument",
      "The WhatsApp 24-hour customer service window is closed: send an approved template instead",
    );
  }

  // Email threading: reply to the newest inbound mail so the contact's client keeps one thread.
  const lastEmail =
    channel === "email" ? recent.find((m) => m.direction === "inbound" && m.channel === "email") : undefined;
  const subject =
    channel === "email"
      ? (args.subject ??
        (thread.subject ? (/^re:/i.test(thread.subject) ? thread.subject : `Re: ${thread.subject}`) : "Your message"))
      : undefined;
  // Our own Message-ID, so a reply quoting it finds this thread (threads/emailMessageIds.ts).
  const emailMessageId =
    channel === "email" ? `<${crypto.randomUUID()}@${from.split("@")[1] ?? "switchboard"}>` : undefined;
  const native = getDescriptor(config.provider).transport === "in-app";
  // Delivered at once: in-app chat, and the seed's past replies (no provider call).
  const delivered = native || history !== undefined;

  const status = delivered ? ("delivered" as const) : ("queued" as const);
  const messageText = text || (args.template ? `[template: ${args.template.name}]` : "");
  const messageId = await ctx.db.insert("unifiedMessages", {
    organizationId: args.organizationId,
    threadId: thread._id,
    contactId: contact._id,
    channelConfigId: config._id,
    channel,
    provider: config.provider,
    direction: "outbound",
    status,
    from,
    to,
    senderName: author.name,
    text: messageText,
    subject,
    attachments,
    inReplyTo: lastEmail?.emailMessageId ? [lastEmail.emailMessageId, ...(lastEmail.inReplyTo ?? [])] : undefined,
    emailMessageId,
    template: args.template,
    sentAt: now,
    statusHistory: delivered
      ? [
          { status: "queued", at: now },
          { status: "delivered", at: now },
        ]
      : [{ status: "queued", at: now }],
    authorMemberId: author.memberId,
    origin: author.origin,
    ...(native ? { externalMessageId: `chat:${crypto.randomUUID()}` } : {}),
    ...(history && !native ? { externalMessageId: `history:${crypto.randomUUID()}` } : {}),
  });
  if (emailMessageId) {
    await rememberEmailMessageIds(ctx, { _id: messageId, organizationId: args.organizationId, threadId: thread._id }, [
      emailMessageId,
    ]);
  }
  const preview = previewOf(messageText, attachments.length, subject);
  await touchThread(ctx, thread, { channel, direction: "outbound", preview, at: now, authorMemberId: author.memberId });
  await ctx.db.patch(thread._id, { unreadCount: 0 });
  await ctx.db.patch(contact._id, {
    lastMessageAt: Math.max(contact.lastMessageAt ?? 0, now),
    messageCount: contact.messageCount + 1,
    updatedAt: now,
  });
  if (!delivered) await kickDispatcher(ctx, config);
  // Our side's promises join the CRM as they are made (a seeded past reply waits for the seed's recompute).
  if (!history)
    await ctx.scheduler.runAfter(0, internal.crm.insights.onReply, { organizationId: args.organizationId, messageId });
  return messageId;
}

export const replyArgs = {
  organizationId: v.id("organizations"),
  threadId: v.id("conversationThreads"),
  channel: v.optional(channelId),
  text: v.string(),
  subject: v.optional(v.string()),
  attachments: v.optional(v.array(v.object({ storageId: v.id("_storage"), caption: v.optional(v.string()) }))),
  template: v.optional(v.object({ name: v.string(), language: v.string(), components: v.optional(v.array(v.any())) })),
};

/** An agent's reply from the inbox. */
export const send = memberMutation({
  args: replyArgs,
  handler: async (ctx, args) => {
    const member = ctx.member;
    return queueReply(ctx, args, { memberId: member._id, name: member.name ?? member.email });
  },
});
