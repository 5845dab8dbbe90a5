import { defineTable } from "convex/server";
import { v } from "convex/values";

/**
 * The team's own tools in the inbox: private notes with @mentions and the notifications they
 * raise, saved replies, and labels on threads (spread into defineSchema by ../schema.ts).
 * Notes live in their own table, not in unifiedMessages: nothing that sends, queues, extracts
 * insights or runs rules reads this table, so a note can never reach the customer.
 */
export const inboxTables = {
  threadNotes: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    /** The member who wrote it; absent when written through the REST API (authorName says which key). */
    authorMemberId: v.optional(v.id("members")),
    authorName: v.string(),
    text: v.string(),
    mentionMemberIds: v.array(v.id("members")),
    createdAt: v.number(),
  }).index("by_thread_created", ["organizationId", "threadId", "createdAt"]),

  /**
   * A member's in-app notifications: being mentioned in a note (noteId), or a service-level
   * target of a thread assigned to them breached (threads/sla.ts; no noteId).
   */
  notifications: defineTable({
    organizationId: v.id("organizations"),
    memberId: v.id("members"),
    kind: v.union(v.literal("mention"), v.literal("sla_breach")),
    threadId: v.id("conversationThreads"),
    noteId: v.optional(v.id("threadNotes")),
    authorName: v.string(),
    preview: v.string(),
    createdAt: v.number(),
    readAt: v.optional(v.number()),
    /** True until read: indexed as a value (an index range on an absent field is not portable). */
    unread: v.boolean(),
  })
    .index("by_member_created", ["organizationId", "memberId", "createdAt"])
    .index("by_member_unread", ["organizationId", "memberId", "unread"]),

  /** Saved replies: organization-wide (owner "organization"; admins manage) or personal (a member; owner only). */
  savedReplies: defineTable({
    organizationId: v.id("organizations"),
    owner: v.union(v.literal("organization"), v.id("members")),
    title: v.string(),
    /** Lower-case word the `/` picker matches first (e.g. "refund"). */
    shortcut: v.string(),
    body: v.string(),
    createdAt: v.number(),
    updatedAt: v.number(),
  }).index("by_owner_shortcut", ["organizationId", "owner", "shortcut"]),

  /** The organization's label catalogue (admins manage). */
  labels: defineTable({
    organizationId: v.id("organizations"),
    name: v.string(),
    /** Lower-cased name: unique per organization. */
    nameKey: v.string(),
    /** `#rrggbb`. */
    color: v.string(),
    createdAt: v.number(),
  }).index("by_name", ["organizationId", "nameKey"]),

  /**
   * A label on a thread. The join row carries the thread's contact so "labels of any of this
   * contact's threads" is one bounded index read (by_contact), and the label filter reads
   * by_label; nothing here is written per message. Contact merges move contactId (MERGE_MOVES).
   */
  threadLabels: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    labelId: v.id("labels"),
    contactId: v.id("contacts"),
    /** Put there by an automation rule (never a trigger of rules). */
    origin: v.optional(v.literal("automation")),
    createdAt: v.number(),
  })
    .index("by_thread", ["organizationId", "threadId", "labelId"])
    .index("by_label", ["organizationId", "labelId"])
    .index("by_contact", ["organizationId", "contactId", "labelId"]),
};
