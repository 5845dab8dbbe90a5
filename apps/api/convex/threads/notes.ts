import { findMentions } from "@switchboard/insights/mentions";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";
import { notifyMember } from "./notifications";

/**
 * Private notes in a thread: the team talks about the conversation beside it. A note is stored in
 * threadNotes only (never unifiedMessages), so it is never sent, queued, extracted or counted as
 * a message. `@handle` mentions (packages/insights/src/mentions.ts) notify the members named.
 */

export const MAX_NOTE_LENGTH = 4000;
/** Notes one thread view shows (newest; a thread with more shows the latest ones). */
export const MAX_NOTES_LISTED = 200;
/** Members considered for mentions (an organization's member list is bounded the same way elsewhere). */
const MAX_MENTIONABLE = 200;
const PREVIEW_LENGTH = 140;

export interface NoteAuthor {
  memberId?: Id<"members">;
  name: string;
}

/** Validates, stores a note and notifies the members it mentions (the author is never notified). */
export async function addNote(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  author: NoteAuthor,
  rawText: string,
  /** Seed-only (seed/history.ts): when the note was written, for a backdated demo history. */
  at?: number,
): Promise<Id<"threadNotes">> {
  const text = rawText.trim();
  if (!text) fail("invalid_argument", "A note needs some text");
  if (text.length > MAX_NOTE_LENGTH) fail("invalid_argument", `A note is at most ${MAX_NOTE_LENGTH} characters`);
  const members = await ctx.db
    .query("members")
    .withIndex("by_org_user", (q) => q.eq("organizationId", thread.organizationId))
    .take(MAX_MENTIONABLE);
  const mentioned = findMentions(
    text,
    members.map((m) => ({ id: m._id, name: m.name, email: m.email })),
  ) as Id<"members">[];
  const now = at ?? Date.now();
  const noteId = await ctx.db.insert("threadNotes", {
    organizationId: thread.organizationId,
    threadId: thread._id,
    authorMemberId: author.memberId,
    authorName: author.name,
    text,
    mentionMemberIds: mentioned,
    createdAt: now,
  });
  const preview = text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
  for (const memberId of mentioned) {
    if (memberId === author.memberId) continue;
    await notifyMember(
      ctx,
      {
        organizationId: thread.organizationId,
        memberId,
        kind: "mention",
        threadId: thread._id,
        noteId,
        authorName: author.name,
        preview,
      },
      now,
    );
  }
  return noteId;
}

/** The newest notes of a thread, oldest first (bounded by MAX_NOTES_LISTED). */
export async function notesOf(ctx: QueryCtx, organizationId: Id<"organizations">, threadId: Id<"conversationThreads">) {
  const rows = await ctx.db
    .query("threadNotes")
    .withIndex("by_thread_created", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
    .order("desc")
    .take(MAX_NOTES_LISTED);
  return rows.reverse();
}

export const list = memberQuery({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    await getOwned(ctx, organizationId, threadId);
    return notesOf(ctx, organizationId, threadId);
  },
});

export const create = memberMutation({
  args: { threadId: v.id("conversationThreads"), text: v.string() },
  handler: async (ctx, { organizationId, threadId, text }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    return addNote(ctx, thread, { memberId: ctx.member._id, name: ctx.member.name ?? ctx.member.email }, text);
  },
});
