/**
 * Notes, labels and saved replies behind REST API v1 (internal: the HTTP layer resolved the
 * organization from the API key; every id from the URL or body is checked against it). An API
 * key acts for the organization, not a member: it writes notes as "API: <key name>" and sees only
 * organization-wide saved replies, never a member's personal ones.
 */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { attachLabel, catalogue, detachLabel, insertLabel, labelsOfThread } from "../threads/labels";
import { addNote, notesOf } from "../threads/notes";
import { insertSavedReply, repliesOf } from "../threads/savedReplies";

async function ownedThread(ctx: QueryCtx, organizationId: Id<"organizations">, rawId: string) {
  const id = ctx.db.normalizeId("conversationThreads", rawId);
  const thread = id ? await ctx.db.get(id) : null;
  return thread && thread.organizationId === organizationId ? thread : null;
}
async function ownedLabel(ctx: QueryCtx, organizationId: Id<"organizations">, rawId: string) {
  const id = ctx.db.normalizeId("labels", rawId);
  const label = id ? await ctx.db.get(id) : null;
  return label && label.organizationId === organizationId ? label : null;
}

const noteView = (n: Doc<"threadNotes">) => ({
  _id: n._id,
  threadId: n.threadId,
  authorName: n.authorName,
  text: n.text,
  mentionMemberIds: n.mentionMemberIds,
  createdAt: n.createdAt,
});

/** A ConvexError's {code, message} as data, so the HTTP layer answers 400/409 instead of 500. */
function refusal(e: unknown): { refused: { code: string; message: string } } {
  const data = (e as { data?: { code?: string; message?: string } }).data;
  if (data?.code && data.message) return { refused: { code: data.code, message: data.message } };
  throw e;
}

export const notes = internalQuery({
  args: { organizationId: v.id("organizations"), threadId: v.string() },
  handler: async (ctx, { organizationId, threadId }) => {
    const thread = await ownedThread(ctx, organizationId, threadId);
    return thread ? (await notesOf(ctx, organizationId, thread._id)).map(noteView) : null;
  },
});

export const createNote = internalMutation({
  args: { organizationId: v.id("organizations"), threadId: v.string(), text: v.string(), apiKeyName: v.string() },
  handler: async (ctx, { organizationId, threadId, text, apiKeyName }) => {
    const thread = await ownedThread(ctx, organizationId, threadId);
    if (!thread) return null;
    try {
      const id = await addNote(ctx, thread, { name: `API: ${apiKeyName}` }, text);
      return { note: noteView((await ctx.db.get(id))!) };
    } catch (e) {
      return refusal(e);
    }
  },
});

export const labels = internalQuery({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => catalogue(ctx, organizationId),
});

export const createLabel = internalMutation({
  args: { organizationId: v.id("organizations"), name: v.string(), color: v.string() },
  handler: async (ctx, { organizationId, name, color }) => {
    try {
      const id = await insertLabel(ctx, organizationId, { name, color });
      const label = (await ctx.db.get(id))!;
      return { label: { _id: label._id, name: label.name, color: label.color } };
    } catch (e) {
      return refusal(e);
    }
  },
});

export const threadLabels = internalQuery({
  args: { organizationId: v.id("organizations"), threadId: v.string() },
  handler: async (ctx, { organizationId, threadId }) => {
    const thread = await ownedThread(ctx, organizationId, threadId);
    return thread ? labelsOfThread(ctx, organizationId, thread._id) : null;
  },
});

/** Adds or removes a label on a thread; null when the thread or the label is not the organization's. */
export const setThreadLabel = internalMutation({
  args: { organizationId: v.id("organizations"), threadId: v.string(), labelId: v.string(), on: v.boolean() },
  handler: async (ctx, { organizationId, threadId, labelId, on }) => {
    const [thread, label] = await Promise.all([
      ownedThread(ctx, organizationId, threadId),
      ownedLabel(ctx, organizationId, labelId),
    ]);
    if (!thread || !label) return null;
    try {
      if (on) await attachLabel(ctx, thread, label);
      else await detachLabel(ctx, thread, label._id);
    } catch (e) {
      return refusal(e);
    }
    return { labels: await labelsOfThread(ctx, organizationId, thread._id) };
  },
});

const replyView = (r: Doc<"savedReplies">) => ({
  _id: r._id,
  title: r.title,
  shortcut: r.shortcut,
  body: r.body,
  updatedAt: r.updatedAt,
});

export const savedReplies = internalQuery({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => (await repliesOf(ctx, organizationId, "organization")).map(replyView),
});

export const createSavedReply = internalMutation({
  args: { organizationId: v.id("organizations"), title: v.string(), shortcut: v.string(), body: v.string() },
  handler: async (ctx, { organizationId, ...input }) => {
    try {
      const id = await insertSavedReply(ctx, organizationId, "organization", input);
      return { savedReply: replyView((await ctx.db.get(id))!) };
    } catch (e) {
      return refusal(e);
    }
  },
});
