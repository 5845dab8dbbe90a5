import { getDescriptor, trustedTime } from "@switchboard/channels";
import type { Infer } from "convex/values";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { resolveContact } from "../contacts/resolve";
import { applyStatus, findByExternalId } from "../messages/status";
import { encrypted, inboundEvent, type inboundMessage, providerId, type statusEvent } from "../schema/validators";
import { addParticipant, findThreadByReferences, rememberEmailMessageIds } from "../threads/emailMessageIds";
import { findOrCreateThread, previewOf, touchThread } from "../threads/model";
import { noteInboundForHooks } from "./coalesce";
import { HYDRATE_BASE_DELAY_MS } from "./hydrate";

export const DEFAULT_RAW_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

type InboundMessageArg = Infer<typeof inboundMessage>;

export interface IngestResult {
  stored: Id<"unifiedMessages">[];
  duplicates: number;
  statusesApplied: number;
  statusesIgnored: number;
}

/**
 * One webhook delivery, verified and parsed by the HTTP action, applied in ONE transaction:
 * the raw event is logged, each message deduplicated, its sender resolved to a contact, linked
 * to a thread, stored, and queued for the coalesced downstream hooks; status events advance
 * outbound messages monotonically. Acknowledging the provider only after this commits is what
 * makes "nothing acknowledged is ever lost" hold.
 */
export const ingest = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    provider: providerId,
    events: v.array(inboundEvent),
    raw: v.object({
      method: v.string(),
      path: v.string(),
      headers: v.record(v.string(), v.string()),
      body: encrypted,
      bodyBytes: v.number(),
    }),
  },
  handler: async (ctx, args): Promise<IngestResult> => {
    const org = await ctx.db.get(args.organizationId);
    const config = await ctx.db.get(args.channelConfigId);
    if (!org || !config || config.organizationId !== org._id) {
      throw new Error("channel config does not belong to the organization");
    }
    const now = Date.now();
    const result: IngestResult = { stored: [], duplicates: 0, statusesApplied: 0, statusesIgnored: 0 };
    for (const event of args.events) {
      if (event.kind === "message") {
        const id = await storeInboundMessage(ctx, org, config, event, now);
        if (id) result.stored.push(id);
        else result.duplicates++;
      } else if (await applyStatus(ctx, org._id, event, now)) {
        result.statusesApplied++;
        if (event.emailMessageId) await rememberRewrittenMessageId(ctx, org._id, event);
      } else {
        result.statusesIgnored++;
      }
    }
    const outcome =
      result.stored.length > 0
        ? "stored"
        : result.duplicates > 0
          ? "duplicate"
          : result.statusesApplied > 0
            ? "status"
            : "ignored";
    await ctx.db.insert("inboundEvents", {
      organizationId: org._id,
      channelConfigId: config._id,
      provider: args.provider,
      receivedAt: now,
      expiresAt: now + (org.rawEventRetentionDays ?? DEFAULT_RAW_RETENTION_DAYS) * DAY_MS,
      method: args.raw.method,
      path: args.raw.path,
      headers: args.raw.headers,
      body: args.raw.body,
      bodyBytes: args.raw.bodyBytes,
      outcome,
      messageIds: result.stored,
      externalIds: args.events.map((e) => e.externalMessageId),
    });
    return result;
  },
});

/**
 * A provider's delivery event names the Message-ID it actually sent our email with (Resend's
 * `data.message_id`, which may differ from the one we set): replies will quote that one.
 */
async function rememberRewrittenMessageId(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  event: Infer<typeof statusEvent>,
) {
  const message = await findByExternalId(ctx, organizationId, event.channel, event.externalMessageId);
  if (message?.channel === "email") await rememberEmailMessageIds(ctx, message, [event.emailMessageId]);
}

/** Returns the new message id, or null when this provider id was already stored (a retry). */
export async function storeInboundMessage(
  ctx: MutationCtx,
  org: Doc<"organizations">,
  config: Doc<"channelConfigs">,
  msg: InboundMessageArg,
  now: number,
): Promise<Id<"unifiedMessages"> | null> {
  const existing = await findByExternalId(ctx, org._id, msg.channel, msg.externalMessageId);
  if (existing) return null;

  const { contact, identifier } = await resolveContact(ctx, {
    organizationId: org._id,
    channel: msg.channel,
    rawIdentifier: msg.from.identifier,
    displayName: msg.from.displayName,
    defaultRegion: org.defaultRegion,
    source: "inbound",
    now,
  });
  // The provider's time orders the message only inside its plausible window (issue 14.5).
  const time = trustedTime(msg.sentAt, now, getDescriptor(config.provider).timestampWindow);
  const sentAt = time.at;
  const preview = previewOf(msg.text, msg.attachments.length, msg.subject);
  // Email continues the thread its In-Reply-To/References name (when the sender took part in it),
  // otherwise the contact's open thread.
  const referenced =
    msg.channel === "email" && msg.inReplyTo?.length
      ? await findThreadByReferences(ctx, {
          organizationId: org._id,
          references: msg.inReplyTo,
          sender: { contactId: contact._id, address: identifier },
        })
      : null;
  if (referenced) await addParticipant(ctx, referenced, contact._id);
  const thread =
    referenced ??
    (
      await findOrCreateThread(ctx, {
        organizationId: org._id,
        contactId: contact._id,
        channel: msg.channel,
        direction: "inbound",
        subject: msg.subject,
        preview,
        at: sentAt,
      })
    ).thread;
  const messageId = await ctx.db.insert("unifiedMessages", {
    organizationId: org._id,
    threadId: thread._id,
    contactId: contact._id,
    channelConfigId: config._id,
    channel: msg.channel,
    provider: msg.provider,
    direction: "inbound",
    status: "received",
    externalMessageId: msg.externalMessageId,
    from: identifier,
    to: msg.to,
    senderName: msg.from.displayName,
    text: msg.text,
    subject: msg.subject,
    html: msg.html,
    attachments: msg.attachments,
    contentPending: msg.contentPending,
    emailMessageId: msg.emailMessageId,
    inReplyTo: msg.inReplyTo,
    cc: msg.cc,
    sentAt,
    ...(time.providerTimestamp !== undefined ? { providerTimestamp: time.providerTimestamp } : {}),
    receivedAt: now,
    statusHistory: [{ status: "received", at: now }],
  });
  if (msg.emailMessageId) {
    await rememberEmailMessageIds(ctx, { _id: messageId, organizationId: org._id, threadId: thread._id }, [
      msg.emailMessageId,
    ]);
  }
  await touchThread(ctx, thread, {
    channel: msg.channel,
    direction: "inbound",
    preview,
    at: sentAt,
    subject: msg.subject,
    channelConfigId: config._id,
  });
  await ctx.db.patch(contact._id, {
    lastMessageAt: Math.max(contact.lastMessageAt ?? 0, sentAt),
    lastInboundAt: Math.max(contact.lastInboundAt ?? 0, sentAt),
    lastChannel: msg.channel,
    messageCount: contact.messageCount + 1,
    updatedAt: now,
    ...(msg.from.displayName && contact.displayName === identifier ? { displayName: msg.from.displayName } : {}),
  });
  if (msg.contentPending) {
    await ctx.scheduler.runAfter(HYDRATE_BASE_DELAY_MS, internal.inbound.hydrate.run, { messageId, attempt: 0 });
  }
  const stored = (await ctx.db.get(messageId))!;
  const freshThread = (await ctx.db.get(thread._id))!;
  await noteInboundForHooks(ctx, org, freshThread, stored._creationTime, now);
  return messageId;
}
