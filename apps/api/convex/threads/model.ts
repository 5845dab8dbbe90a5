import type { ChannelId, Direction } from "@switchboard/channels/ids";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { emitDomainEvent } from "../events/domain";
import { recordMessage, recordResolution } from "../reports/buckets";
import { routeNewThread } from "./autoAssign";
import { applyMessageToSla, stopSlaTimers } from "./sla";
import { countStatusChange, setThreadStatus } from "./workload";

const PREVIEW_LENGTH = 140;

export function previewOf(text: string, attachmentCount: number, subject?: string): string {
  const body = text.replace(/\s+/g, " ").trim();
  const base =
    body ||
    (subject ? subject.trim() : "") ||
    (attachmentCount > 0 ? `📎 ${attachmentCount} attachment${attachmentCount > 1 ? "s" : ""}` : "");
  return base.length > PREVIEW_LENGTH ? `${base.slice(0, PREVIEW_LENGTH - 1)}…` : base;
}

/**
 * The contact's current conversation: the newest thread that is not closed (open, pending or
 * snoozed), else a new open thread. Three bounded index reads, no scan.
 */
export async function findOrCreateThread(
  ctx: MutationCtx,
  args: {
    organizationId: Id<"organizations">;
    contactId: Id<"contacts">;
    channel: ChannelId;
    direction: Direction;
    subject?: string;
    preview: string;
    at: number;
  },
): Promise<{ thread: Doc<"conversationThreads">; created: boolean }> {
  const { organizationId, contactId } = args;
  // the three lookups are independent: issued together, they are one round trip on the local backend
  const candidates = await Promise.all(
    (["open", "pending", "snoozed"] as const).map((status) =>
      ctx.db
        .query("conversationThreads")
        .withIndex("by_contact_status", (q) =>
          q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", status),
        )
        .order("desc")
        .first(),
    ),
  );
  let newest: Doc<"conversationThreads"> | null = null;
  for (const candidate of candidates)
    if (candidate && (!newest || candidate.lastMessageAt > newest.lastMessageAt)) newest = candidate;
  if (newest) return { thread: newest, created: false };

  const threadId = await ctx.db.insert("conversationThreads", {
    organizationId,
    contactId,
    status: "open",
    subject: args.subject,
    lastMessageAt: args.at,
    lastMessagePreview: args.preview,
    lastChannel: args.channel,
    lastDirection: args.direction,
    unreadCount: 0,
    messageCount: 0,
    createdAt: args.at,
  });
  // The one place a thread is born: an inbound one is routed to its team and auto-assigned.
  if (args.direction === "inbound") await routeNewThread(ctx, (await ctx.db.get(threadId))!);
  await emitDomainEvent(ctx, organizationId, { type: "thread.created", threadId, contactId, channel: args.channel });
  return { thread: (await ctx.db.get(threadId))!, created: true };
}

/** Thread bookkeeping after a message lands in it. Inbound mail re-opens snoozed/pending threads. */
export async function touchThread(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  msg: {
    channel: ChannelId;
    direction: Direction;
    preview: string;
    at: number;
    subject?: string;
    channelConfigId?: Id<"channelConfigs">;
    /** Outbound: the agent who wrote it (reports count replies per agent). */
    authorMemberId?: Id<"members">;
  },
) {
  // Report counters (volume, busiest hours, first response) for this message, from the thread as it was.
  await recordMessage(ctx, thread, msg);
  const inbound = msg.direction === "inbound";
  const latest = msg.at >= thread.lastMessageAt;
  // An inbound WhatsApp message (re)opens the 24-hour window; a late retry of an older one does not shorten it.
  const opensWindow =
    inbound &&
    msg.channel === "whatsapp" &&
    msg.channelConfigId !== undefined &&
    msg.at >= (thread.whatsappWindow?.lastInboundAt ?? 0);
  await ctx.db.patch(thread._id, {
    lastMessageAt: Math.max(thread.lastMessageAt, msg.at),
    ...(latest ? { lastMessagePreview: msg.preview, lastChannel: msg.channel, lastDirection: msg.direction } : {}),
    ...(inbound
      ? {
          unreadCount: thread.unreadCount + 1,
          lastInboundAt: Math.max(thread.lastInboundAt ?? 0, msg.at),
          status: "open" as const,
          snoozedUntil: undefined,
        }
      : {}),
    ...(opensWindow ? { whatsappWindow: { lastInboundAt: msg.at, channelConfigId: msg.channelConfigId! } } : {}),
    subject: thread.subject ?? msg.subject,
    messageCount: thread.messageCount + 1,
  });
  // A contact writing into a closed thread re-opens it: it counts against its assignee again.
  if (inbound) await countStatusChange(ctx, thread, "open");
  // Service levels: a customer message starts the response/resolution timers, an answer stops one.
  await applyMessageToSla(ctx, thread, { direction: msg.direction, at: msg.at });
}

/**
 * A member changes a thread's status (one thread, or many in bulk): the workload counters move;
 * closing resolves it (report counters), stops its SLA clocks and asks the customer for a rating
 * (threads/csat.ts); any change raises the thread.statusChanged domain event (the automation
 * trigger; a close is also the thread.resolved webhook).
 */
export async function changeThreadStatus(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  status: Doc<"conversationThreads">["status"],
  extra: Partial<Doc<"conversationThreads">> = {},
  /** Seed-only (seed/history.ts): when the change happened, for a backdated demo history. */
  at?: number,
) {
  await setThreadStatus(ctx, thread, status, extra);
  const now = at ?? Date.now();
  if (status === "closed" && thread.status !== "closed") {
    await recordResolution(ctx, thread, now);
    await stopSlaTimers(ctx, thread);
    await ctx.scheduler.runAfter(0, internal.threads.csat.request, {
      threadId: thread._id,
      ...(at !== undefined ? { at } : {}),
    });
  }
  // One event for any change: a close is also the thread.resolved webhook (events/domain.ts).
  await emitDomainEvent(ctx, thread.organizationId, {
    type: "thread.statusChanged",
    threadId: thread._id,
    contactId: thread.contactId,
    assigneeId: thread.assigneeId ?? null,
    from: thread.status,
    to: status,
    at: now,
  });
}
