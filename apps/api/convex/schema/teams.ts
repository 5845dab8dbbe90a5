import { defineTable } from "convex/server";
import { v } from "convex/values";
import { channelId } from "./validators";

/** How a team hands out its new threads (threads/autoAssign.ts). */
export const assignmentPolicy = v.union(v.literal("manual"), v.literal("round_robin"), v.literal("fewest_open"));

/**
 * Teams and the assignment state they need (spread into defineSchema by ../schema.ts). Counters
 * live in their own small rows so nothing hot is a document that every query reads: the team
 * row changes when an admin edits it, the cursor when a new thread is routed to the team, and a
 * member's workload when one of their threads is assigned, closed or re-opened.
 */
export const teamsTables = {
  teams: defineTable({
    organizationId: v.id("organizations"),
    name: v.string(),
    /** Lower-cased name: unique per organization. */
    nameKey: v.string(),
    leadMemberId: v.optional(v.id("members")),
    policy: assignmentPolicy,
    /** New threads on these channels are routed to this team; empty = every channel no other team claims. */
    channels: v.array(channelId),
    createdAt: v.number(),
  }).index("by_name", ["organizationId", "nameKey"]),

  teamMembers: defineTable({
    organizationId: v.id("organizations"),
    teamId: v.id("teams"),
    memberId: v.id("members"),
    createdAt: v.number(),
  })
    .index("by_team", ["organizationId", "teamId", "memberId"])
    .index("by_member", ["organizationId", "memberId", "teamId"]),

  /** Round-robin position of a team: the member who got its last auto-assigned thread. */
  teamCursors: defineTable({
    organizationId: v.id("organizations"),
    teamId: v.id("teams"),
    lastMemberId: v.id("members"),
  }).index("by_team", ["organizationId", "teamId"]),

  /**
   * A member's workload: threads assigned to them that are not closed (maintained on assign,
   * close, re-open and snooze; never counted by a scan), their capacity and availability.
   */
  workloads: defineTable({
    organizationId: v.id("organizations"),
    memberId: v.id("members"),
    openThreads: v.number(),
    /** Most open threads auto-assignment gives them; absent = no limit. */
    capacity: v.optional(v.number()),
    /** "away" members get no auto-assigned threads. */
    availability: v.union(v.literal("online"), v.literal("away")),
  }).index("by_member", ["organizationId", "memberId"]),
};
