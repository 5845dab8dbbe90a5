/**
 * What REST API v1 answers for a stored thread, message or contact: the fields its OpenAPI document
 * declares (routes.ts) and nothing else. Stored documents also carry internal state an integrator
 * must not come to depend on, or should not see at all (debounce jobs, delivery attempts, storage
 * ids, raw provider media URLs), so they are never sent as they are.
 */
import type { Doc } from "../_generated/dataModel";

export function presentThread(t: Doc<"conversationThreads">) {
  return {
    _id: t._id,
    contactId: t.contactId,
    status: t.status,
    subject: t.subject,
    priority: t.priority,
    lastMessageAt: t.lastMessageAt,
    lastMessagePreview: t.lastMessagePreview,
    lastChannel: t.lastChannel,
    teamId: t.teamId,
    assigneeId: t.assigneeId,
    unreadCount: t.unreadCount,
    messageCount: t.messageCount,
  };
}

export function presentMessage(m: Doc<"unifiedMessages">) {
  return {
    _id: m._id,
    threadId: m.threadId,
    contactId: m.contactId,
    channel: m.channel,
    direction: m.direction,
    status: m.status,
    from: m.from,
    to: m.to,
    senderName: m.senderName,
    subject: m.subject,
    text: m.text,
    sentAt: m.sentAt,
    error: m.error ? { code: m.error.code, message: m.error.message } : undefined,
    attachments: m.attachments.map((a) => ({
      contentType: a.contentType,
      size: a.size,
      filename: a.filename,
      caption: a.caption,
    })),
  };
}

export function presentContact(
  c: Doc<"contacts">,
  identities: Pick<Doc<"contactIdentities">, "channel" | "identifier" | "verified">[],
) {
  return {
    _id: c._id,
    displayName: c.displayName,
    company: c.company,
    title: c.title,
    timezone: c.timezone,
    identities: identities.map((i) => ({ channel: i.channel, identifier: i.identifier, verified: i.verified })),
  };
}
