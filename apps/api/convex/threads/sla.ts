import { addBusinessMinutes, type BusinessHours, validateBusinessHours } from "@switchboard/insights/businessHours";
import { type ObjectType, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { emitAutomationEvent } from "../automation/events";
import { fail } from "../lib/auth";
import { adminMutation, memberQuery } from "../lib/functions";
import { businessHours } from "../schema/serviceLevels";
import { emitEvent } from "../webhooks/events";
import { notifyMember } from "./notifications";

/**
 * SLA policies and the per-thread timers they produce. Targets are business minutes
 * (@switchboard/insights/businessHours: time zone, weekly intervals, holidays, DST-correct).
 *
 * - A customer message with no response timer running starts one (first response, or next
 *   response once an agent has answered) and, when none runs, the resolution timer.
 * - Each timer is one `ctx.scheduler.runAt(dueAt, breach)`; an agent's message cancels the
 *   response timer, closing the thread cancels both. No polling scan ever looks for due threads.
 * - A breach marks the timer (the dashboard shows "breached"; before, it counts down to dueAt
 *   from the thread's `sla` field) and notifies the assignee.
 */

/** A target longer than a year of business minutes is a typo. */
const MAX_TARGET_MINUTES = 366 * 24 * 60;

export type SlaPolicy = Doc<"serviceLevelPolicies">;

export async function loadPolicy(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<SlaPolicy | null> {
  return ctx.db
    .query("serviceLevelPolicies")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .first();
}

function dueAfter(policy: SlaPolicy, start: number, minutes: number): number | null {
  return addBusinessMinutes(start, minutes, (policy.businessHours as BusinessHours | undefined) ?? null);
}

/**
 * Called by touchThread (threads/model.ts) when a message lands in `thread` (the document as it
 * was before). Inbound starts timers; outbound is an answer and stops the response timer.
 */
export async function applyMessageToSla(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  msg: { direction: "inbound" | "outbound"; at: number },
): Promise<void> {
  const sla = thread.sla;
  if (msg.direction === "outbound") {
    if (!sla?.response) return;
    if (!sla.response.breachedAt) await ctx.scheduler.cancel(sla.response.jobId);
    await ctx.db.patch(thread._id, {
      sla: { ...sla, response: undefined, firstRespondedAt: sla.firstRespondedAt ?? msg.at },
    });
    return;
  }
  if (sla?.response && sla.resolution) return; // both clocks already run from an earlier message
  const policy = await loadPolicy(ctx, thread.organizationId);
  if (!policy) return;
  const next = { breaches: 0, ...sla };
  if (!next.response) {
    const kind = next.firstRespondedAt === undefined ? "first_response" : "next_response";
    const minutes = kind === "first_response" ? policy.firstResponseMinutes : policy.nextResponseMinutes;
    const dueAt = minutes === undefined ? null : dueAfter(policy, msg.at, minutes);
    if (dueAt !== null) {
      const jobId = await ctx.scheduler.runAt(dueAt, internal.threads.sla.breach, {
        threadId: thread._id,
        target: "response",
        dueAt,
      });
      next.response = { kind, since: msg.at, dueAt, jobId };
    }
  }
  if (!next.resolution && policy.resolutionMinutes !== undefined) {
    const dueAt = dueAfter(policy, msg.at, policy.resolutionMinutes);
    if (dueAt !== null) {
      const jobId = await ctx.scheduler.runAt(dueAt, internal.threads.sla.breach, {
        threadId: thread._id,
        target: "resolution",
        dueAt,
      });
      next.resolution = { dueAt, jobId };
    }
  }
  await ctx.db.patch(thread._id, { sla: next });
}

/** Closing a thread stops both timers (a breach already recorded stays counted in `breaches`). */
export async function stopSlaTimers(ctx: MutationCtx, thread: Doc<"conversationThreads">): Promise<void> {
  const sla = thread.sla;
  if (!sla || (!sla.response && !sla.resolution)) return;
  for (const timer of [sla.response, sla.resolution]) {
    if (timer && !timer.breachedAt) await ctx.scheduler.cancel(timer.jobId);
  }
  await ctx.db.patch(thread._id, { sla: { ...sla, response: undefined, resolution: undefined } });
}

/** Internal: a timer's due moment came. Stale jobs (timer replaced or stopped) do nothing. */
export const breach = internalMutation({
  args: {
    threadId: v.id("conversationThreads"),
    target: v.union(v.literal("response"), v.literal("resolution")),
    dueAt: v.number(),
  },
  handler: async (ctx, { threadId, target, dueAt }) => {
    const thread = await ctx.db.get(threadId);
    const timer = thread?.sla?.[target];
    if (!thread?.sla || !timer || timer.dueAt !== dueAt || timer.breachedAt !== undefined) return null;
    const now = Date.now();
    await ctx.db.patch(thread._id, {
      sla: { ...thread.sla, [target]: { ...timer, breachedAt: now }, breaches: thread.sla.breaches + 1 },
    });
    await emitEvent(ctx, thread.organizationId, "sla.breached", {
      threadId: thread._id,
      target,
      dueAt,
      breachedAt: now,
      assigneeId: thread.assigneeId ?? null,
    });
    await emitAutomationEvent(ctx, thread.organizationId, { trigger: "sla.breached", threadId: thread._id });
    if (thread.assigneeId) {
      const what =
        target === "resolution"
          ? "Resolution"
          : thread.sla.response?.kind === "next_response"
            ? "Next response"
            : "First response";
      await notifyMember(
        ctx,
        {
          organizationId: thread.organizationId,
          memberId: thread.assigneeId,
          kind: "sla_breach",
          threadId: thread._id,
          authorName: "SLA",
          preview: `${what} target breached: ${thread.lastMessagePreview}`.slice(0, 200),
        },
        now,
      );
    }
    return null;
  },
});

// --------------------------------------------------------------------------- policy (settings)

export const get = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) => loadPolicy(ctx, organizationId),
});

const target = v.optional(v.number());

const policyFields = {
  businessHours: v.optional(businessHours),
  firstResponseMinutes: target,
  nextResponseMinutes: target,
  resolutionMinutes: target,
  csatEnabled: v.boolean(),
};

/** Validates and stores the organization's policy (the settings page and the demo seed). */
export async function savePolicy(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  input: ObjectType<typeof policyFields>,
) {
  for (const key of ["firstResponseMinutes", "nextResponseMinutes", "resolutionMinutes"] as const) {
    const m = input[key];
    if (m !== undefined && (!Number.isInteger(m) || m < 1 || m > MAX_TARGET_MINUTES))
      fail("invalid_argument", `${key} must be a whole number of minutes between 1 and ${MAX_TARGET_MINUTES}`);
  }
  if (input.businessHours) {
    const problems = validateBusinessHours(input.businessHours);
    if (problems.length) fail("invalid_argument", `Business hours: ${problems.join("; ")}`);
  }
  const existing = await loadPolicy(ctx, organizationId);
  const doc = { organizationId, ...input, updatedAt: Date.now() };
  if (existing) await ctx.db.replace(existing._id, doc);
  else await ctx.db.insert("serviceLevelPolicies", doc);
}

/** Saves the organization's policy (owners/admins). Applies to timers started from now on. */
export const save = adminMutation({
  args: policyFields,
  handler: async (ctx, { organizationId, ...input }) => {
    await savePolicy(ctx, organizationId, input);
    return null;
  },
});
