import { getDescriptor, trustedTime } from "@switchboard/channels";
import type { Infer } from "convex/values";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { type ActionCtx, internalMutation, type MutationCtx } from "../_generated/server";
import { applySenderClaims } from "../contacts/claims";
import { resolveContact } from "../contacts/resolve";
import { emitDomainEvent } from "../events/domain";
import { safeInboundAttachments, scheduleMediaFetch } from "../messages/attachments";
import { applyReaction } from "../messages/reactions";
import { applyStatus, findByExternalId } from "../messages/status";
import { encrypted, inboundEvent, type inboundMessage, providerId, type statusEvent } from "../schema/validators";
import { addParticipant, findThreadByReferences, rememberEmailMessageIds } from "../threads/emailMessageIds";
import { findOrCreateThread, previewOf, touchThread } from "../threads/model";
import { noteInboundForHooks } from "./coalesce";
import { HYDRATE_BASE_DELAY_MS } from "./hydrate";
import { readOrganizationLookups } from "./lookups";

export const DEFAULT_RAW_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Events applied in one transaction. A message event costs about ten reads and six writes
 * (dedupe, identity, contact, thread, message, coalescer), so 100 stay far below Convex's
 * per-mutation limits (8,192 documents written, 1 s of execution: docs.convex.dev/production/state/limits)
 * and short enough not to stall other mutations of the deployment; a 5,000-event delivery took
 * 12.4 s as one transaction. Larger deliveries are split by `ingestDelivery`.
 */
export const MAX_EVENTS_PER_TRANSACTION = 100;
/** Ids kept on the raw-event row (the sealed body holds every event; Convex arrays stop at 8,192). */
const MAX_IDS_LOGGED = 1000;

const rawDelivery = v.object({
  method: v.string(),
  path: v.string(),
  headers: v.record(v.string(), v.string()),
  body: encrypted,
  bodyBytes: v.number(),
});
const ingestSummary = v.object({
  stored: v.array(v.id("unifiedMessages")),
  duplicates: v.number(),
  statusesApplied: v.number(),
  statusesIgnored: v.number(),
  reactionsApplied: v.number(),
});

type InboundMessageArg = Infer<typeof inboundMessage>;

export interface IngestResult {
  stored: Id<"unifiedMessages">[];
  duplicates: number;
  statusesApplied: number;
  statusesIgnored: number;
  reactionsApplied: number;
}

type IngestArgs = {
  organizationId: Id<"organizations">;
  channelConfigId: Id<"channelConfigs">;
  provider: Infer<typeof providerId>;
  events: Infer<typeof inboundEvent>[];
  raw: Infer<typeof rawDelivery>;
};

/**
 * One webhook delivery, verified and parsed by the HTTP action (or replayed by an operator),
 * applied in transactions of at most MAX_EVENTS_PER_TRANSACTION events, one after the other; the
 * raw event is logged with the last one. Returns only when every transaction has committed, so
 * the caller acknowledges the provider only then. A failure part-way throws (the provider gets a
 * 5xx and retries): the retry finds the committed messages by their provider id (duplicates) and
 * re-applies statuses monotonically, so nothing is stored twice and nothing acknowledged is lost.
 */
export async function ingestDelivery(ctx: ActionCtx, args: IngestArgs): Promise<IngestResult> {
  const total: IngestResult = {
    stored: [],
    duplicates: 0,
    statusesApplied: 0,
    statusesIgnored: 0,
    reactionsApplied: 0,
  };
  const chunks = Math.max(1, Math.ceil(args.events.length / MAX_EVENTS_PER_TRANSACTION));
  for (let i = 0; i < chunks; i++) {
    const events = args.events.slice(i * MAX_EVENTS_PER_TRANSACTION, (i + 1) * MAX_EVENTS_PER_TRANSACTION);
    const last = i === chunks - 1;
    const result: IngestResult = await ctx.runMutation(internal.inbound.ingest.ingest, {
      organizationId: args.organizationId,
      channelConfigId: args.channelConfigId,
      provider: args.provider,
      events,
      ...(last
        ? {
            raw: args.raw,
            prior: { ...total, stored: total.stored.slice(0, MAX_IDS_LOGGED) },
            externalIds: args.events.slice(0, MAX_IDS_LOGGED).map((e) => e.externalMessageId),
          }
        : {}),
    });
    total.stored.push(...result.stored);
    total.duplicates += result.duplicates;
    total.statusesApplied += result.statusesApplied;
    total.statusesIgnored += result.statusesIgnored;
    total.reactionsApplied += result.reactionsApplied;
  }
  return total;
}

/**
 * One bounded slice of a delivery, in ONE transaction: each message deduplicated, its sender
 * resolved to a contact, linked to a thread, stored, and queued for the coalesced downstream
 * hooks; status events advance outbound messages monotonically. The slice that carries `raw`
 * (the last) also logs the delivery, with the counts of the slices before it (`prior`).
 * Call it through `ingestDelivery`.
 */
export const ingest = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    channelConfigId: v.id("channelConfigs"),
    provider: providerId,
    events: v.array(inboundEvent),
    raw: v.optional(rawDelivery),
    prior: v.optional(ingestSummary),
    externalIds: v.optional(v.array(v.string())),
  },
  handler: async (ctx, args): Promise<IngestResult> => {
    if (args.events.length > MAX_EVENTS_PER_TRANSACTION) {
      throw new Error(`at most ${MAX_EVENTS_PER_TRANSACTION} events per transaction: use ingestDelivery`);
    }
    // Independent reads issued together reach the database in one round trip (the local
    // backend batches them; Convex runs them concurrently): the organization, the channel, the
    // first message's dedupe lookup and the organization rows the helpers read later (lookups.ts).
    // Before the ownership check, but nothing read is used or returned unless it passes.
    const first = args.events[0]?.kind === "message" ? args.events[0] : undefined;
    const [org, config, firstExisting] = await Promise.all([
      ctx.db.get(args.organizationId),
      ctx.db.get(args.channelConfigId),
      first ? findByExternalId(ctx, args.organizationId, first.channel, first.externalMessageId) : undefined,
      readOrganizationLookups(ctx, args.organizationId),
    ]);
    if (!org || !config || config.organizationId !== org._id) {
      throw new Error("channel config does not belong to the organization");
    }
    const now = Date.now();
    const result: IngestResult = {
      stored: [],
      duplicates: 0,
      statusesApplied: 0,
      statusesIgnored: 0,
      reactionsApplied: 0,
    };
    for (const event of args.events) {
      if (event.kind === "message") {
        const id = await storeInboundMessage(ctx, org, config, event, now, event === first ? firstExisting : undefined);
        if (id) result.stored.push(id);
        else result.duplicates++;
      } else if (event.kind === "reaction") {
        if (await applyReaction(ctx, org._id, event)) result.reactionsApplied++;
      } else if (await applyStatus(ctx, org._id, event, now)) {
        result.statusesApplied++;
        if (event.emailMessageId) await rememberRewrittenMessageId(ctx, org._id, event);
      } else {
        result.statusesIgnored++;
      }
    }
    if (!args.raw) return result;
    const prior = args.prior ?? {
      stored: [],
      duplicates: 0,
      statusesApplied: 0,
      statusesIgnored: 0,
      reactionsApplied: 0,
    };
    const outcome =
      result.stored.length + prior.stored.length > 0
        ? "stored"
        : result.duplicates + prior.duplicates > 0
          ? "duplicate"
          : result.statusesApplied + prior.statusesApplied > 0
            ? "status"
            : result.reactionsApplied + prior.reactionsApplied > 0
              ? "reaction"
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
      messageIds: [...prior.stored, ...result.stored].slice(0, MAX_IDS_LOGGED),
      externalIds: (args.externalIds ?? args.events.map((e) => e.externalMessageId)).slice(0, MAX_IDS_LOGGED),
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
  /** this message's dedupe lookup when the caller made it already (null: none stored) */
  known?: Doc<"unifiedMessages"> | null,
): Promise<Id<"unifiedMessages"> | null> {
  const existing =
    known !== undefined ? known : await findByExternalId(ctx, org._id, msg.channel, msg.externalMessageId);
  if (existing) return null;

  const resolved = await resolveContact(ctx, {
    organizationId: org._id,
    channel: msg.channel,
    rawIdentifier: msg.from.identifier,
    displayName: msg.from.displayName,
    defaultRegion: org.defaultRegion,
    source: "inbound",
    now,
  });
  const { identifier } = resolved;
  // A sender who says who they are (verified or not): contacts/claims.ts decides what that links.
  const contact =
    msg.from.email || msg.from.verified
      ? await applySenderClaims(ctx, resolved, { email: msg.from.email, verified: msg.from.verified }, now)
      : resolved.contact;
  // The provider's time orders the message only inside its plausible window (issue 14.5).
  const time = trustedTime(msg.sentAt, now, getDescriptor(config.provider).timestampWindow);
  const sentAt = time.at;
  // Sender-chosen URLs: only http(s) is kept, and the media is copied into storage (messages/attachments.ts).
  const attachments = safeInboundAttachments(msg.attachments);
  const preview = previewOf(msg.text, attachments.length, msg.subject);
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
    attachments,
    contentPending: msg.contentPending,
    unsupported: msg.unsupported,
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
  await scheduleMediaFetch(ctx, messageId, attachments);
  if (msg.contentPending) {
    await ctx.scheduler.runAfter(HYDRATE_BASE_DELAY_MS, internal.inbound.hydrate.run, { messageId, attempt: 0 });
  }
  await emitDomainEvent(ctx, org._id, {
    type: "message.received",
    messageId,
    threadId: thread._id,
    contactId: contact._id,
    channel: msg.channel,
    from: identifier,
    to: msg.to,
    subject: msg.subject,
    text: msg.text,
    sentAt,
  });
  const [stored, freshThread] = await Promise.all([ctx.db.get(messageId), ctx.db.get(thread._id)]);
  await noteInboundForHooks(ctx, org, freshThread!, stored!._creationTime, now);
  return messageId;
}
