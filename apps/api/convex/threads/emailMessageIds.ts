import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/**
 * Email threading by RFC 5322 headers (issue 15.3). Every Message-ID we know for a message is
 * stored in `emailMessageIds` (organizationId first); a reply names its parent in In-Reply-To and
 * its ancestors in References, and joins the thread of the first one we know, but only when its
 * sender took part: the thread's contact, a participant, or an addressee of the referenced email
 * (a colleague in CC who replies-all). Strangers answering one broadcast name the same parent but
 * were never its addressees, so each keeps a thread of their own.
 */

/** Longest Message-ID we store or look up (RFC 5322 caps a header line at 998 characters). */
const MAX_MESSAGE_ID_LENGTH = 998;
/** Header ids looked up per inbound email: In-Reply-To plus the newest References. */
const MAX_REFERENCE_LOOKUPS = 20;
/** Contacts a thread lists as participants besides its own contact. */
export const MAX_PARTICIPANTS = 50;

/** `<local@domain>` with the angle brackets, or null for something that is not a Message-ID. */
export function normalizeMessageId(raw: string): string | null {
  const t = raw.trim();
  if (!t || t.length > MAX_MESSAGE_ID_LENGTH) return null;
  const bare = t.replace(/^<|>$/g, "");
  if (!bare || /[\s<>]/.test(bare)) return null;
  return `<${bare}>`;
}

/**
 * The ids to look up, most specific first: In-Reply-To (the adapters put it first), then the
 * References from newest (last) to oldest, at most MAX_REFERENCE_LOOKUPS.
 */
export function referenceOrder(ids: readonly string[]): string[] {
  const [first, ...rest] = ids;
  const ordered = first === undefined ? [] : [first, ...rest.reverse()];
  const out: string[] = [];
  for (const raw of ordered) {
    const id = normalizeMessageId(raw);
    if (id && !out.includes(id)) out.push(id);
    if (out.length >= MAX_REFERENCE_LOOKUPS) break;
  }
  return out;
}

/** Records Message-IDs for a message (idempotent: an id already pointing at it is skipped). */
export async function rememberEmailMessageIds(
  ctx: MutationCtx,
  message: Pick<Doc<"unifiedMessages">, "_id" | "organizationId" | "threadId">,
  ids: readonly (string | undefined)[],
): Promise<void> {
  for (const raw of ids) {
    const messageId = raw ? normalizeMessageId(raw) : null;
    if (!messageId) continue;
    const known = await ctx.db
      .query("emailMessageIds")
      .withIndex("by_org_message_id", (q) => q.eq("organizationId", message.organizationId).eq("messageId", messageId))
      .take(10);
    if (known.some((k) => k.unifiedMessageId === message._id)) continue;
    await ctx.db.insert("emailMessageIds", {
      organizationId: message.organizationId,
      messageId,
      unifiedMessageId: message._id,
      threadId: message.threadId,
    });
  }
}

function addressesOf(message: Doc<"unifiedMessages">): Set<string> {
  return new Set([message.from, message.to, ...(message.cc ?? [])].map((a) => a.trim().toLowerCase()));
}

function isParticipant(thread: Doc<"conversationThreads">, contactId: Id<"contacts">): boolean {
  return thread.contactId === contactId || (thread.participantContactIds ?? []).includes(contactId);
}

/**
 * The thread an inbound email continues, by its In-Reply-To/References, or null (then the caller
 * falls back to the contact's open thread). Bounded: at most MAX_REFERENCE_LOOKUPS index reads.
 */
export async function findThreadByReferences(
  ctx: MutationCtx,
  args: {
    organizationId: Id<"organizations">;
    references: readonly string[];
    sender: { contactId: Id<"contacts">; address: string };
  },
): Promise<Doc<"conversationThreads"> | null> {
  const sender = args.sender.address.trim().toLowerCase();
  for (const messageId of referenceOrder(args.references)) {
    const rows = await ctx.db
      .query("emailMessageIds")
      .withIndex("by_org_message_id", (q) => q.eq("organizationId", args.organizationId).eq("messageId", messageId))
      .take(10);
    for (const row of rows) {
      const [thread, referenced] = await Promise.all([ctx.db.get(row.threadId), ctx.db.get(row.unifiedMessageId)]);
      if (!thread || thread.organizationId !== args.organizationId) continue;
      // The message may have moved (contact merge) since the id was recorded: its thread wins.
      const current = referenced && referenced.threadId !== thread._id ? await ctx.db.get(referenced.threadId) : thread;
      if (!current) continue;
      if (isParticipant(current, args.sender.contactId)) return current;
      if (referenced && addressesOf(referenced).has(sender)) return current;
    }
  }
  return null;
}

/** Adds a contact who wrote in a thread as a participant (bounded; the thread's contact is implicit). */
export async function addParticipant(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  contactId: Id<"contacts">,
): Promise<void> {
  if (isParticipant(thread, contactId)) return;
  const current = thread.participantContactIds ?? [];
  if (current.length >= MAX_PARTICIPANTS) return;
  await ctx.db.patch(thread._id, { participantContactIds: [...current, contactId] });
}
