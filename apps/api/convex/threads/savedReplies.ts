import { unknownVariables } from "@switchboard/channels/replyTemplate";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { ADMIN_ROLES, fail, getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";

/**
 * Saved replies: organization-wide ones (no owner; owners and admins manage them, every member
 * uses them) and personal ones (owner = a member; only they see or change them). Bodies
 * carry variables (`{{contact.firstName}}`...) that the composer renders with
 * packages/channels/src/replyTemplate.ts before the agent sends.
 */

export const MAX_SAVED_REPLIES_PER_SCOPE = 200;
const SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const MAX_TITLE = 100;
const MAX_BODY = 4000;

const scope = v.union(v.literal("organization"), v.literal("personal"));

export interface SavedReplyInput {
  title: string;
  shortcut: string;
  body: string;
}

/** Trimmed and validated fields, or a ConvexError naming the field. */
export function cleanSavedReply(input: SavedReplyInput): SavedReplyInput {
  const title = input.title.trim();
  const shortcut = input.shortcut.trim().toLowerCase();
  const body = input.body.trim();
  if (!title || title.length > MAX_TITLE) fail("invalid_argument", `title: 1 to ${MAX_TITLE} characters`);
  if (!SHORTCUT.test(shortcut))
    fail("invalid_argument", "shortcut: a lower-case word of letters, digits, - or _ (at most 32)");
  if (!body || body.length > MAX_BODY) fail("invalid_argument", `body: 1 to ${MAX_BODY} characters`);
  const unknown = unknownVariables(body);
  if (unknown.length) fail("invalid_argument", `body: unknown variable ${unknown.map((u) => `{{${u}}}`).join(", ")}`);
  return { title, shortcut, body };
}

/** Whose replies: the organization's, or one member's. */
export type ReplyOwner = "organization" | Id<"members">;

/** Saved replies of one owner, ordered by shortcut. */
export async function repliesOf(ctx: QueryCtx, organizationId: Id<"organizations">, owner: ReplyOwner) {
  return ctx.db
    .query("savedReplies")
    .withIndex("by_owner_shortcut", (q) => q.eq("organizationId", organizationId).eq("owner", owner))
    .take(MAX_SAVED_REPLIES_PER_SCOPE);
}

/** Inserts a saved reply in a scope, refusing a duplicate shortcut or a full scope. */
export async function insertSavedReply(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  owner: ReplyOwner,
  input: SavedReplyInput,
): Promise<Id<"savedReplies">> {
  const clean = cleanSavedReply(input);
  const existing = await repliesOf(ctx, organizationId, owner);
  if (existing.length >= MAX_SAVED_REPLIES_PER_SCOPE)
    fail("conflict", `At most ${MAX_SAVED_REPLIES_PER_SCOPE} saved replies here`);
  if (existing.some((r) => r.shortcut === clean.shortcut)) fail("conflict", `The shortcut /${clean.shortcut} is taken`);
  const now = Date.now();
  return ctx.db.insert("savedReplies", { organizationId, owner, ...clean, createdAt: now, updatedAt: now });
}

/** A saved reply the caller may change: their own, or an organization-wide one if they administer. */
async function editable(
  ctx: QueryCtx & { member: Doc<"members"> },
  organizationId: Id<"organizations">,
  id: Id<"savedReplies">,
) {
  const reply = await getOwned(ctx, organizationId, id);
  if (reply.owner === "organization") {
    if (!ADMIN_ROLES.includes(ctx.member.role)) fail("forbidden", "Only owners and admins change organization replies");
  } else if (reply.owner !== ctx.member._id) fail("not_found", "Not found"); // someone else's: invisible
  return reply;
}

const view = (r: Doc<"savedReplies">) => ({
  _id: r._id,
  title: r.title,
  shortcut: r.shortcut,
  body: r.body,
  scope: r.owner === "organization" ? ("organization" as const) : ("personal" as const),
  updatedAt: r.updatedAt,
});

/** The caller's personal replies and the organization's, plus what the variables render from. */
export const list = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const [mine, shared, org] = await Promise.all([
      repliesOf(ctx, organizationId, ctx.member._id),
      repliesOf(ctx, organizationId, "organization"),
      ctx.db.get(organizationId),
    ]);
    return {
      replies: [...mine, ...shared].map(view),
      canManageOrganization: ADMIN_ROLES.includes(ctx.member.role),
      context: {
        agent: { name: ctx.member.name ?? "", email: ctx.member.email },
        organization: { name: org?.name ?? "" },
      },
    };
  },
});

export const create = memberMutation({
  args: { scope, title: v.string(), shortcut: v.string(), body: v.string() },
  handler: async (ctx, { organizationId, scope, ...input }) => {
    if (scope === "organization" && !ADMIN_ROLES.includes(ctx.member.role))
      fail("forbidden", "Only owners and admins create organization replies");
    return insertSavedReply(ctx, organizationId, scope === "personal" ? ctx.member._id : "organization", input);
  },
});

export const update = memberMutation({
  args: { savedReplyId: v.id("savedReplies"), title: v.string(), shortcut: v.string(), body: v.string() },
  handler: async (ctx, { organizationId, savedReplyId, ...input }) => {
    const reply = await editable(ctx, organizationId, savedReplyId);
    const clean = cleanSavedReply(input);
    if (clean.shortcut !== reply.shortcut) {
      const taken = await ctx.db
        .query("savedReplies")
        .withIndex("by_owner_shortcut", (q) =>
          q.eq("organizationId", organizationId).eq("owner", reply.owner).eq("shortcut", clean.shortcut),
        )
        .first();
      if (taken) fail("conflict", `The shortcut /${clean.shortcut} is taken`);
    }
    await ctx.db.patch(reply._id, { ...clean, updatedAt: Date.now() });
    return null;
  },
});

export const remove = memberMutation({
  args: { savedReplyId: v.id("savedReplies") },
  handler: async (ctx, { organizationId, savedReplyId }) => {
    const reply = await editable(ctx, organizationId, savedReplyId);
    await ctx.db.delete(reply._id);
    return null;
  },
});
