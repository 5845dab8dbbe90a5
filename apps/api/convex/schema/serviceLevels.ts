import { defineTable } from "convex/server";
import { v } from "convex/values";
import { channelId } from "./validators";

/**
 * Service levels: the organization's business hours and SLA targets (one policy row per
 * organization, and per team that overrides it), the per-thread timers they produce, and customer-satisfaction
 * (CSAT) requests. Spread into defineSchema by ../schema.ts; the thread fields are used by
 * ./messages.ts.
 */

/** A target's running timer: the scheduled breach check and when it fired (if it did). */
const slaTimer = v.object({
  dueAt: v.number(),
  jobId: v.id("_scheduled_functions"),
  breachedAt: v.optional(v.number()),
});

export const threadSla = v.object({
  /** The reply the customer is waiting for: the first of the thread, or the next after they wrote again. */
  response: v.optional(
    v.object({
      kind: v.union(v.literal("first_response"), v.literal("next_response")),
      since: v.number(),
      ...slaTimer.fields,
    }),
  ),
  /** Resolution of the thread: runs from its first unanswered customer message until it is closed. */
  resolution: v.optional(v.object({ ...slaTimer.fields, since: v.optional(v.number()) })),
  firstRespondedAt: v.optional(v.number()),
  /** Targets breached in this thread so far (reports read this, not the timers). */
  breaches: v.number(),
});

export const threadCsat = v.object({
  requestId: v.id("csatRequests"),
  requestedAt: v.number(),
  score: v.optional(v.number()),
  ratedAt: v.optional(v.number()),
});

export const businessHours = v.object({
  timeZone: v.string(),
  weekly: v.array(v.object({ day: v.number(), startMinute: v.number(), endMinute: v.number() })),
  holidays: v.array(v.string()),
});

export const serviceLevelTables = {
  /** The organization's policy: business hours (absent = around the clock) and targets in business minutes. */
  serviceLevelPolicies: defineTable({
    organizationId: v.id("organizations"),
    businessHours: v.optional(businessHours),
    firstResponseMinutes: v.optional(v.number()),
    nextResponseMinutes: v.optional(v.number()),
    resolutionMinutes: v.optional(v.number()),
    /** Ask the customer for a rating when a thread is closed. */
    csatEnabled: v.boolean(),
    updatedAt: v.number(),
  }).index("by_org", ["organizationId"]),

  /**
   * A team's own policy, overriding the organization's for the team's threads: its targets and
   * business hours replace the organization's wholesale (an absent target = no such timer for the
   * team). CSAT stays an organization setting.
   */
  teamServiceLevelPolicies: defineTable({
    organizationId: v.id("organizations"),
    teamId: v.id("teams"),
    businessHours: v.optional(businessHours),
    firstResponseMinutes: v.optional(v.number()),
    nextResponseMinutes: v.optional(v.number()),
    resolutionMinutes: v.optional(v.number()),
    updatedAt: v.number(),
  }).index("by_team", ["organizationId", "teamId"]),

  /** One rating request per resolution of a thread; the signed link names it. */
  csatRequests: defineTable({
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    contactId: v.id("contacts"),
    channel: channelId,
    /** The message that carried the link; absent when it could not be sent (see `error`). */
    messageId: v.optional(v.id("unifiedMessages")),
    error: v.optional(v.string()),
    requestedAt: v.number(),
    expiresAt: v.number(),
    score: v.optional(v.number()),
    ratedAt: v.optional(v.number()),
  })
    .index("by_thread", ["organizationId", "threadId", "requestedAt"])
    .index("by_contact", ["organizationId", "contactId", "requestedAt"])
    // The contact's newest ratings, for its health score (crm/profile.ts).
    .index("by_contact_rated", ["organizationId", "contactId", "ratedAt"])
    .index("by_org_rated", ["organizationId", "ratedAt"]),
};
