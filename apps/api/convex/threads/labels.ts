import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { adminMutation, memberMutation, memberQuery } from "../lib/functions";

/**
 * Labels: the organization's catalogue (name + colour; owners and admins manage it), put on
 * threads by any member through the threadLabels join table. A contact shows the labels of any
 * of its threads (by_contact index on the join rows). Every read is a bounded index read.
 */

export const MAX_LABELS = 100;
export const MAX_LABELS_PER_THREAD = 20;
const PURGE_BATCH = 200;
const COLOR = /^#[0-9a-f]{6}$/;

export interface LabelInput {
  name: string;
  color: string;
}

export function cleanLabel(input: LabelInput): LabelInput & { nameKey: string } {
  const name = input.name.trim().replace(/\s+/g, " ");
  const color = input.color.trim().toLowerCase();
  if (!name || name.length > 40) fail("invalid_argument", "name: 1 to 40 characters");
  if (!COLOR.test(color)) fail("invalid_argument", "color: a hex colour like #4f46e5");
  return { name, color, nameKey: name.toLowerCase() };
}

const view = (l: Doc<"labels">) => ({ _id: l._id, name: l.name, color: l.color });
export type LabelView = ReturnType<typeof view>;

/** The catalogue, by name (bounded by MAX_LABELS). */
export async function catalogue(ctx: QueryCtx, organizationId: Id<"organizations">) {
  return (
    await ctx.db
      .query("labels")
      .withIndex("by_name", (q) => q.eq("organizationId", organizationId))
      .take(MAX_LABELS)
  ).map(view);
}

export async function insertLabel(ctx: MutationCtx, organizationId: Id<"organizations">, input: LabelInput) {
  const clean = cleanLabel(input);
  const existing = await ctx.db
    .query("labels")
    .withIndex("by_name", (q) => q.eq("organizationId", organizationId))
    .take(MAX_LABELS);
  if (existing.length >= MAX_LABELS) fail("conflict", `At most ${MAX_LABELS} labels`);
  if (existing.some((l) => l.nameKey === clean.nameKey)) fail("conflict", `A label "${clean.name}" exists`);
  return ctx.db.insert("labels", { organizationId, ...clean, createdAt: Date.now() });
}

/** Labels on one thread, by name. */
export async function labelsOfThread(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  threadId: Id<"conversationThreads">,
  cache = new Map<Id<"labels">, Doc<"labels"> | null>(),
): Promise<LabelView[]> {
  const rows = await ctx.db
    .query("threadLabels")
    .withIndex("by_thread", (q) => q.eq("organizationId", organizationId).eq("threadId", threadId))
    .take(MAX_LABELS_PER_THREAD);
  const out: LabelView[] = [];
  for (const row of rows) {
    if (!cache.has(row.labelId)) cache.set(row.labelId, await ctx.db.get(row.labelId));
    const label = cache.get(row.labelId);
    if (label) out.push(view(label));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Puts a label on a thread (idempotent). */
export async function attachLabel(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  label: Doc<"labels">,
  origin?: "automation",
) {
  const rows = await ctx.db
    .query("threadLabels")
    .withIndex("by_thread", (q) => q.eq("organizationId", thread.organizationId).eq("threadId", thread._id))
    .take(MAX_LABELS_PER_THREAD);
  if (rows.some((r) => r.labelId === label._id)) return;
  if (rows.length >= MAX_LABELS_PER_THREAD) fail("conflict", `At most ${MAX_LABELS_PER_THREAD} labels on a thread`);
  await ctx.db.insert("threadLabels", {
    organizationId: thread.organizationId,
    threadId: thread._id,
    labelId: label._id,
    contactId: thread.contactId,
    origin,
    createdAt: Date.now(),
  });
}

/** Takes a label off a thread (idempotent). */
export async function detachLabel(ctx: MutationCtx, thread: Doc<"conversationThreads">, labelId: Id<"labels">) {
  const row = await ctx.db
    .query("threadLabels")
    .withIndex("by_thread", (q) =>
      q.eq("organizationId", thread.organizationId).eq("threadId", thread._id).eq("labelId", labelId),
    )
    .first();
  if (row) await ctx.db.delete(row._id);
}

export const list = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => catalogue(ctx, organizationId),
});

export const create = adminMutation({
  args: { name: v.string(), color: v.string() },
  handler: async (ctx, { organizationId, ...input }) => insertLabel(ctx, organizationId, input),
});

export const update = adminMutation({
  args: { labelId: v.id("labels"), name: v.string(), color: v.string() },
  handler: async (ctx, { organizationId, labelId, ...input }) => {
    const label = await getOwned(ctx, organizationId, labelId);
    const clean = cleanLabel(input);
    if (clean.nameKey !== label.nameKey) {
      const taken = await ctx.db
        .query("labels")
        .withIndex("by_name", (q) => q.eq("organizationId", organizationId).eq("nameKey", clean.nameKey))
        .first();
      if (taken) fail("conflict", `A label "${clean.name}" exists`);
    }
    await ctx.db.patch(label._id, clean);
    return null;
  },
});

/** Deletes a label; its join rows are removed in scheduled batches (a label may be on many threads). */
export const remove = adminMutation({
  args: { labelId: v.id("labels") },
  handler: async (ctx, { organizationId, labelId }) => {
    const label = await getOwned(ctx, organizationId, labelId);
    await ctx.db.delete(label._id);
    await ctx.scheduler.runAfter(0, internal.threads.labels.purge, { organizationId, labelId });
    return null;
  },
});

export const purge = internalMutation({
  args: { organizationId: v.id("organizations"), labelId: v.id("labels") },
  handler: async (ctx, { organizationId, labelId }) => {
    const rows = await ctx.db
      .query("threadLabels")
      .withIndex("by_label", (q) => q.eq("organizationId", organizationId).eq("labelId", labelId))
      .take(PURGE_BATCH);
    for (const row of rows) await ctx.db.delete(row._id);
    if (rows.length === PURGE_BATCH)
      await ctx.scheduler.runAfter(0, internal.threads.labels.purge, { organizationId, labelId });
    return rows.length;
  },
});

export const forThread = memberQuery({
  args: { threadId: v.id("conversationThreads") },
  handler: async (ctx, { organizationId, threadId }) => {
    await getOwned(ctx, organizationId, threadId);
    return labelsOfThread(ctx, organizationId, threadId);
  },
});

export const addToThread = memberMutation({
  args: { threadId: v.id("conversationThreads"), labelId: v.id("labels") },
  handler: async (ctx, { organizationId, threadId, labelId }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    const label = await getOwned(ctx, organizationId, labelId);
    await attachLabel(ctx, thread, label);
    return null;
  },
});

export const removeFromThread = memberMutation({
  args: { threadId: v.id("conversationThreads"), labelId: v.id("labels") },
  handler: async (ctx, { organizationId, threadId, labelId }) => {
    const thread = await getOwned(ctx, organizationId, threadId);
    await getOwned(ctx, organizationId, labelId);
    await detachLabel(ctx, thread, labelId);
    return null;
  },
});

/**
 * The labels of any of a contact's threads (the roll-up the contact panel shows), by name. The
 * join rows are ordered by label within the contact, so each distinct label is one index read
 * that skips past the previous label: at most MAX_LABELS reads however many threads carry them.
 */
export const forContact = memberQuery({
  args: { contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    await getOwned(ctx, organizationId, contactId);
    const labels: LabelView[] = [];
    let after: Id<"labels"> | null = null;
    for (let i = 0; i < MAX_LABELS; i++) {
      const from: Id<"labels"> | null = after;
      const row: Doc<"threadLabels"> | null = await ctx.db
        .query("threadLabels")
        .withIndex("by_contact", (q) => {
          const base = q.eq("organizationId", organizationId).eq("contactId", contactId);
          return from ? base.gt("labelId", from) : base;
        })
        .first();
      if (!row) break;
      after = row.labelId;
      const label = await ctx.db.get(row.labelId);
      if (label) labels.push(view(label));
    }
    return labels.sort((a, b) => a.name.localeCompare(b.name));
  },
});
