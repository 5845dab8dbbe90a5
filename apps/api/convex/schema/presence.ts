import { defineTable } from "convex/server";
import { v } from "convex/values";

/**
 * Who is typing in a thread and how far each agent has read it (spread into defineSchema by
 * ../schema.ts). Both are one small row per (thread, person), never a document written per message.
 */
export const presenceTables = {
  /**
   * Short-lived: a typist's row says "typing until `typingUntil`"; it is deleted by a scheduled
   * job once expired (threads/typing.ts). Written at most once per throttle window per typist.
   */
  typingIndicators: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    /** "visitor" for the contact's side, otherwise the member id. */
    typist: v.string(),
    role: v.union(v.literal("visitor"), v.literal("agent")),
    memberId: v.optional(v.id("members")),
    /** What the other side is shown (an agent's name, never their email). */
    name: v.optional(v.string()),
    typingUntil: v.number(),
    updatedAt: v.number(),
  }).index("by_thread_typist", ["organizationId", "threadId", "typist"]),

  /** Per-(thread, member) read marker: everything up to `readAt` was seen by that member. */
  threadReads: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    memberId: v.id("members"),
    readAt: v.number(),
  })
    .index("by_member_thread", ["organizationId", "memberId", "threadId"])
    .index("by_thread_read", ["organizationId", "threadId", "readAt"]),
};
