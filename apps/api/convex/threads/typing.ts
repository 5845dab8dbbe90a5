import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";

/**
 * Typing indicators: ephemeral rows, one per (thread, typist), saying "typing until". Readers
 * get `typingUntil` and hide the indicator with a local timer when it passes (a reactive query
 * cannot re-run on the clock). A scheduled job deletes each row once it has expired.
 */

/** How long one "typing" lasts without a renewal. */
export const TYPING_TTL_MS = 6_000;
/** At most one write per typist per window (keystrokes in between change nothing). */
export const TYPING_THROTTLE_MS = 3_000;
/** Typists shown per thread (a thread has a visitor and a few agents). */
const MAX_TYPISTS = 20;

export type TypingWrite = "written" | "throttled" | "unchanged";

async function findIndicator(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  threadId: Id<"conversationThreads">,
  typist: string,
) {
  return ctx.db
    .query("typingIndicators")
    .withIndex("by_thread_typist", (q) =>
      q.eq("organizationId", organizationId).eq("threadId", threadId).eq("typist", typist),
    )
    .first();
}

/**
 * Starts (renews) or stops a typist's indicator. A start within TYPING_THROTTLE_MS of the last
 * write is dropped; a stop is written only while the indicator is live. `beforeWrite` runs only
 * when a write will happen (the visitor's rate limit is consumed there, not per keystroke).
 */
export async function setTypingState(
  ctx: MutationCtx,
  args: {
    organizationId: Id<"organizations">;
    threadId: Id<"conversationThreads">;
    typist: string;
    role: Doc<"typingIndicators">["role"];
    memberId?: Id<"members">;
    name?: string;
    typing: boolean;
    now: number;
  },
  beforeWrite?: () => Promise<boolean>,
): Promise<TypingWrite> {
  const { organizationId, threadId, typist, now } = args;
  const existing = await findIndicator(ctx, organizationId, threadId, typist);
  if (!args.typing) {
    if (!existing || existing.typingUntil <= now) return "unchanged";
    if (beforeWrite && !(await beforeWrite())) return "throttled";
    await ctx.db.patch(existing._id, { typingUntil: now, updatedAt: now });
    return "written";
  }
  if (existing && now - existing.updatedAt < TYPING_THROTTLE_MS) return "throttled";
  if (beforeWrite && !(await beforeWrite())) return "throttled";
  const typingUntil = now + TYPING_TTL_MS;
  if (existing) {
    await ctx.db.patch(existing._id, { typingUntil, updatedAt: now, ...(args.name ? { name: args.name } : {}) });
    return "written";
  }
  const id = await ctx.db.insert("typingIndicators", {
    organizationId,
    threadId,
    typist,
    role: args.role,
    ...(args.memberId ? { memberId: args.memberId } : {}),
    ...(args.name ? { name: args.name } : {}),
    typingUntil,
    updatedAt: now,
  });
  await ctx.scheduler.runAt(typingUntil, internal.threads.typing.expire, { indicatorId: id });
  return "written";
}

/** Live typists of a thread (rows not yet deleted; the reader compares typingUntil to its clock). */
export async function typistsOf(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  threadId: Id<"conversationThreads">,
): Promise<Doc<"typingIndicators">[]> {
  return ctx.db
    .query("typingIndicators")
    .withIndex("by_thread_typist", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
    .take(MAX_TYPISTS);
}

/** An agent is (or stops) typing a reply in a thread. */
export const setTyping = memberMutation({
  args: { threadId: v.id("conversationThreads"), typing: v.boolean() },
  handler: async (ctx, { organizationId, threadId, typing }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    const name = ctx.member.name?.trim() || undefined;
    return setTypingState(ctx, {
      organizationId,
      threadId: thread._id,
      typist: ctx.member._id,
      role: "agent",
      memberId: ctx.member._id,
      ...(name && !name.includes("@") ? { name } : {}),
      typing,
      now: Date.now(),
    });
  },
});

/** Who else is typing in a thread: the visitor and other agents (not the caller). */
export const listTyping = memberQuery({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    await getOwned(ctx, organizationId, threadId);
    const rows = await typistsOf(ctx, organizationId, threadId);
    return rows
      .filter((r) => r.typist !== ctx.member._id)
      .map((r) => ({
        role: r.role,
        name: r.name ?? (r.role === "visitor" ? "Visitor" : "An agent"),
        typingUntil: r.typingUntil,
      }));
  },
});

/** Deletes an expired indicator, or looks again when it was renewed since. */
export const expire = internalMutation({
  args: { indicatorId: v.id("typingIndicators") },
  handler: async (ctx, { indicatorId }) => {
    const row = await ctx.db.get(indicatorId);
    if (!row) return null;
    const now = Date.now();
    if (row.typingUntil <= now) await ctx.db.delete(row._id);
    else await ctx.scheduler.runAt(row.typingUntil, internal.threads.typing.expire, { indicatorId });
    return null;
  },
});
