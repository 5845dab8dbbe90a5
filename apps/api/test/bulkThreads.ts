/**
 * Many waiting SMS threads of one contact, written straight to the tables (as ingest stores them),
 * for the tests of sweeps that work in pages (threads/sla.ts replanPage). Every third thread is
 * `pending`, the rest `open`; `shape(i)` sets what differs per test (team, last message time) and
 * `each` runs after each insert (a stored message, a running timer).
 */
import type { Doc, Id } from "../convex/_generated/dataModel";
import type { MutationCtx } from "../convex/_generated/server";

type ThreadShape = Partial<Pick<Doc<"conversationThreads">, "teamId" | "lastMessageAt" | "createdAt">>;

export async function insertWaitingThreads(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  options: {
    count: number;
    at: number;
    shape?: (i: number) => ThreadShape;
    each?: (thread: Doc<"conversationThreads">, i: number) => Promise<void>;
  },
): Promise<Id<"conversationThreads">[]> {
  const { count, at } = options;
  const contactId = await ctx.db.insert("contacts", {
    organizationId,
    displayName: "Bulk",
    messageCount: 0,
    createdAt: at,
    updatedAt: at,
  });
  const ids: Id<"conversationThreads">[] = [];
  for (let i = 0; i < count; i++) {
    const id = await ctx.db.insert("conversationThreads", {
      organizationId,
      contactId,
      status: i % 3 === 0 ? "pending" : "open",
      lastMessageAt: at,
      lastMessagePreview: `#${i}`,
      lastChannel: "sms",
      lastDirection: "inbound",
      unreadCount: 1,
      messageCount: 1,
      createdAt: at,
      ...options.shape?.(i),
    });
    await options.each?.((await ctx.db.get(id))!, i);
    ids.push(id);
  }
  return ids;
}
