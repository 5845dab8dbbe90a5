/**
 * Derived per-contact knowledge: communication preferences and the health score, recomputed from
 * a bounded window of the contact's most recent rows (never the whole history): messages,
 * sentiment points, open commitments and the newest CSAT ratings.
 */
import { analysePreferences, type Commitment, computeHealthScore, HEALTH_CSAT_WINDOW } from "@switchboard/insights";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { timeZoneOr } from "../lib/timezone";

/** Most recent messages / sentiment points / open commitments the profile is computed from. */
export const PROFILE_WINDOW = 200;
export const PROFILE_COMMITMENTS = 100;

export async function getProfile(ctx: QueryCtx, organizationId: Id<"organizations">, contactId: Id<"contacts">) {
  return ctx.db
    .query("contactProfiles")
    .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .first();
}

export function toCommitment(c: Doc<"commitments">): Commitment {
  return {
    text: c.text,
    action: c.action,
    kind: c.kind as Commitment["kind"],
    actor: c.actor,
    who: c.who ?? null,
    dueAt: c.dueAt ?? null,
    duePhrase: c.duePhrase ?? null,
    sourceMessageId: c.sourceMessageId,
    createdAt: c.createdAt,
    fulfilledAt: c.status === "done" ? (c.doneAt ?? c.createdAt) : null,
  };
}

/** Recomputes preferences + health for one contact and writes contacts.healthScore. */
export async function refreshProfile(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  contactId: Id<"contacts">,
  now: number,
) {
  const contact = await ctx.db.get(contactId);
  if (!contact || contact.organizationId !== organizationId) return null;
  const org = await ctx.db.get(organizationId);
  const messages = await ctx.db
    .query("unifiedMessages")
    .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .order("desc")
    .take(PROFILE_WINDOW);
  const insights = await ctx.db
    .query("messageInsights")
    .withIndex("by_contact_at", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .order("desc")
    .take(PROFILE_WINDOW);
  const open = await ctx.db
    .query("commitments")
    .withIndex("by_contact_status", (q) =>
      q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", "open"),
    )
    .take(PROFILE_COMMITMENTS);
  // Rated requests only: an unrated request has no ratedAt, and undefined sorts before numbers.
  const ratings = await ctx.db
    .query("csatRequests")
    .withIndex("by_contact_rated", (q) =>
      q.eq("organizationId", organizationId).eq("contactId", contactId).gte("ratedAt", 0),
    )
    .order("desc")
    .take(HEALTH_CSAT_WINDOW);
  const history = messages.map((m) => ({ channel: m.channel, direction: m.direction, sentAt: m.sentAt }));
  const timezone = timeZoneOr(contact.timezone, org?.timezone);
  const preferences = analysePreferences(history, { now, timezone });
  const health = computeHealthScore({
    now,
    messages: history,
    sentiment: insights.filter((i) => i.direction === "inbound").map((i) => ({ at: i.at, score: i.sentiment })),
    commitments: open.map(toCommitment),
    csat: ratings.flatMap((r) =>
      r.score !== undefined && r.ratedAt !== undefined ? [{ at: r.ratedAt, score: r.score }] : [],
    ),
  });
  const existing = await getProfile(ctx, organizationId, contactId);
  const fields = { preferences, health, basedOnMessages: messages.length, computedAt: now };
  if (existing) await ctx.db.patch(existing._id, fields);
  else await ctx.db.insert("contactProfiles", { organizationId, contactId, ...fields });
  if (contact.healthScore !== health.score) await ctx.db.patch(contactId, { healthScore: health.score });
  return health;
}

/**
 * Internal: recomputes one contact's profile now. Scheduled by modules below crm/ in the layering
 * (threads/csat.ts when a rating lands), which may not import this file.
 */
export const refresh = internalMutation({
  args: { organizationId: v.id("organizations"), contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    await refreshProfile(ctx, organizationId, contactId, Date.now());
    return null;
  },
});
