import { addBusinessMinutes, type BusinessHours, validateBusinessHours } from "@switchboard/insights/businessHours";
import { type ObjectType, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { emitDomainEvent } from "../events/domain";
import { fail, getOwned } from "../lib/auth";
import { adminMutation, memberQuery } from "../lib/functions";
import { businessHours } from "../schema/serviceLevels";
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

/**
 * Team policies read per organization: one per team, and teams are capped by MAX_TEAMS
 * (threads/teams.ts, which imports this module, so the bound is restated here).
 */
const MAX_TEAM_POLICIES = 50;

export type SlaPolicy = Doc<"serviceLevelPolicies">;
/** What the timers read: targets in business minutes and the hours they count in (org or team policy). */
export type SlaTargets = Pick<
  SlaPolicy,
  "businessHours" | "firstResponseMinutes" | "nextResponseMinutes" | "resolutionMinutes"
>;

export async function loadPolicy(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<SlaPolicy | null> {
  return ctx.db
    .query("serviceLevelPolicies")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .first();
}

export async function loadTeamPolicy(ctx: QueryCtx, organizationId: Id<"organizations">, teamId: Id<"teams">) {
  return ctx.db
    .query("teamServiceLevelPolicies")
    .withIndex("by_team", (q) => q.eq("organizationId", organizationId).eq("teamId", teamId))
    .unique();
}

/** The policy a thread's timers follow: its team's when that team has one, else the organization's. */
export async function policyOfThread(
  ctx: QueryCtx,
  thread: { organizationId: Id<"organizations">; teamId?: Id<"teams"> },
): Promise<SlaTargets | null> {
  if (thread.teamId) {
    const team = await loadTeamPolicy(ctx, thread.organizationId, thread.teamId);
    if (team) return team;
  }
  return loadPolicy(ctx, thread.organizationId);
}

function dueAfter(policy: SlaTargets, start: number, minutes: number): number | null {
  return addBusinessMinutes(start, minutes, (policy.businessHours as BusinessHours | undefined) ?? null);
}

const responseMinutes = (policy: SlaTargets, kind: "first_response" | "next_response") =>
  kind === "first_response" ? policy.firstResponseMinutes : policy.nextResponseMinutes;

/** One scheduled breach check (no polling: the scheduler wakes exactly at dueAt). */
function scheduleBreach(
  ctx: MutationCtx,
  threadId: Id<"conversationThreads">,
  target: "response" | "resolution",
  dueAt: number,
) {
  return ctx.scheduler.runAt(dueAt, internal.threads.sla.breach, { threadId, target, dueAt });
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
  const policy = await policyOfThread(ctx, thread);
  if (!policy) return;
  const next = { breaches: 0, ...sla };
  if (!next.response) {
    const kind = next.firstRespondedAt === undefined ? "first_response" : "next_response";
    const minutes = responseMinutes(policy, kind);
    const dueAt = minutes === undefined ? null : dueAfter(policy, msg.at, minutes);
    if (dueAt !== null)
      next.response = { kind, since: msg.at, dueAt, jobId: await scheduleBreach(ctx, thread._id, "response", dueAt) };
  }
  if (!next.resolution && policy.resolutionMinutes !== undefined) {
    const dueAt = dueAfter(policy, msg.at, policy.resolutionMinutes);
    if (dueAt !== null)
      next.resolution = { since: msg.at, dueAt, jobId: await scheduleBreach(ctx, thread._id, "resolution", dueAt) };
  }
  await ctx.db.patch(thread._id, { sla: next });
}

/**
 * Plans a thread's running, unbreached timers again under `policy` (the one it follows now), from
 * the moment each started, so a thread that waited long may breach at once. A breached timer stays
 * as it was; a target the policy no longer has drops its timer; a target it has that the thread
 * runs no timer for starts one (startMissingTimers: a first policy, a new target, a thread moved
 * under a policy). Idempotent: a timer whose due time does not change keeps its scheduled check,
 * and a thread with nothing to change is not written.
 */
export async function replanThread(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  policy: SlaTargets | null,
): Promise<void> {
  const sla = thread.sla;
  if (!sla || (!sla.response && !sla.resolution)) {
    await startMissingTimers(ctx, thread, policy);
    return;
  }
  const next = { ...sla };
  const response = sla.response;
  if (response && response.breachedAt === undefined) {
    const minutes = policy ? responseMinutes(policy, response.kind) : undefined;
    const dueAt = policy && minutes !== undefined ? dueAfter(policy, response.since, minutes) : null;
    next.response = await replanTimer(ctx, thread._id, "response", response, dueAt);
  }
  const resolution = sla.resolution;
  // Timers started before resolution timers recorded their start keep their plan.
  if (resolution && resolution.breachedAt === undefined && resolution.since !== undefined) {
    const dueAt =
      policy?.resolutionMinutes !== undefined ? dueAfter(policy, resolution.since, policy.resolutionMinutes) : null;
    next.resolution = await replanTimer(ctx, thread._id, "resolution", resolution, dueAt);
  }
  if (next.response !== sla.response || next.resolution !== sla.resolution)
    await ctx.db.patch(thread._id, { sla: next });
  // A target the policy gained (or a timer a breach-free thread never had) starts now too.
  if (!next.response || !next.resolution) await startMissingTimers(ctx, { ...thread, sla: next }, policy);
}

/** Closed threads run no timers (closing stops them), so only these statuses are swept. */
const RUNNING_STATUSES = ["open", "pending", "snoozed"] as const;

/** Messages read back to find when the customer started waiting (the thread's newest first). */
const WAIT_LOOKBACK = 50;

/**
 * When the thread's customer started waiting, read from its newest messages: `since` is the
 * oldest customer message of the newest run of them (what an agent answers, or has yet to);
 * `waiting` when no answer followed; `answered` when an answer preceded the run (null: not
 * known within WAIT_LOOKBACK). Null when no customer message is within reach.
 */
async function customerWait(ctx: QueryCtx, thread: Doc<"conversationThreads">) {
  // Read one by one and stop at the answer before the run: a few messages for most threads, so a
  // page of REPLAN_BATCH threads stays far below a transaction's read limits.
  const recent = ctx.db
    .query("unifiedMessages")
    .withIndex("by_thread_sent", (q) => q.eq("organizationId", thread.organizationId).eq("threadId", thread._id))
    .order("desc");
  let read = 0;
  let waiting: boolean | null = null;
  let since: number | null = null;
  for await (const message of recent) {
    read++;
    const inbound = message.direction === "inbound";
    if (waiting === null) waiting = inbound;
    if (inbound) since = message.sentAt;
    else if (since !== null) return { since, waiting, answered: true };
    if (read >= WAIT_LOOKBACK) break;
  }
  if (since === null) return null;
  return { since, waiting: waiting === true, answered: read < WAIT_LOOKBACK ? false : null };
}

/**
 * Starts the timers a thread should run under `policy` but does not: a policy created or given a
 * new target, or a thread moved under one, while the customer already waits. They run from when
 * the customer started waiting (customerWait), as if the policy had been there, so a thread that
 * waited long may breach at once (its check runs at once). The response timer only while the
 * customer's message is unanswered; resolution for any thread not closed. Idempotent: a timer
 * that runs (or has breached) is left alone.
 */
async function startMissingTimers(
  ctx: MutationCtx,
  thread: Doc<"conversationThreads">,
  policy: SlaTargets | null,
): Promise<void> {
  if (!policy || !(RUNNING_STATUSES as readonly string[]).includes(thread.status)) return;
  const sla = thread.sla;
  const wantsResponse =
    !sla?.response && (policy.firstResponseMinutes !== undefined || policy.nextResponseMinutes !== undefined);
  const wantsResolution = !sla?.resolution && policy.resolutionMinutes !== undefined;
  if (!wantsResponse && !wantsResolution) return;
  const wait = await customerWait(ctx, thread);
  if (!wait) return;
  const next = { breaches: 0, ...sla };
  if (wantsResponse && wait.waiting) {
    const kind = sla?.firstRespondedAt !== undefined || wait.answered === true ? "next_response" : "first_response";
    const minutes = responseMinutes(policy, kind);
    const dueAt = minutes === undefined ? null : dueAfter(policy, wait.since, minutes);
    if (dueAt !== null)
      next.response = {
        kind,
        since: wait.since,
        dueAt,
        jobId: await scheduleBreach(ctx, thread._id, "response", dueAt),
      };
  }
  if (wantsResolution) {
    const dueAt = dueAfter(policy, wait.since, policy.resolutionMinutes!);
    if (dueAt !== null)
      next.resolution = {
        since: wait.since,
        dueAt,
        jobId: await scheduleBreach(ctx, thread._id, "resolution", dueAt),
      };
  }
  if (next.response !== sla?.response || next.resolution !== sla?.resolution)
    await ctx.db.patch(thread._id, { sla: next });
}

/** One timer at its new due time: the same timer when that is unchanged, else a new check (none: null drops it). */
async function replanTimer<T extends { dueAt: number; jobId: Id<"_scheduled_functions"> }>(
  ctx: MutationCtx,
  threadId: Id<"conversationThreads">,
  target: "response" | "resolution",
  timer: T,
  dueAt: number | null,
): Promise<T | undefined> {
  if (dueAt === timer.dueAt) return timer;
  await ctx.scheduler.cancel(timer.jobId);
  return dueAt === null ? undefined : { ...timer, dueAt, jobId: await scheduleBreach(ctx, threadId, target, dueAt) };
}

/**
 * A thread moved to another team (or out of any): its timers follow the policy it now follows.
 * Call after `teamId` is patched.
 */
export async function replanSla(ctx: MutationCtx, threadId: Id<"conversationThreads">): Promise<void> {
  const thread = await ctx.db.get(threadId);
  if (thread) await replanThread(ctx, thread, await policyOfThread(ctx, thread));
}

// --------------------------------------------------------------- re-planning after a policy edit

/**
 * Threads re-planned per transaction after a policy edit: each may cancel and schedule two
 * breach checks, and a team can have thousands of open threads, so the sweep goes page by page,
 * each page a scheduled continuation of the last.
 */
export const REPLAN_BATCH = 100;

/**
 * Starts re-planning the timers a policy edit affects (running ones re-planned, missing ones
 * started on threads already waiting): a team's threads (teamId), or the organization's threads
 * that follow its policy (no teamId). `marker` is the edited policy's
 * `updatedAt` (null once it is removed): a later edit starts its own sweep, and the earlier one
 * stops at its next page, as the policy it was started for is gone.
 */
async function startReplan(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  teamId: Id<"teams"> | undefined,
  marker: number | null,
) {
  await ctx.scheduler.runAfter(0, internal.threads.sla.replanPage, {
    organizationId,
    ...(teamId ? { teamId } : {}),
    marker,
    statusIndex: 0,
    cursor: null,
  });
}

/** One page of a policy edit's sweep (startReplan), then its continuation. */
export const replanPage = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    teamId: v.optional(v.id("teams")),
    marker: v.union(v.number(), v.null()),
    statusIndex: v.number(),
    cursor: v.union(v.string(), v.null()),
  },
  handler: async (ctx, { organizationId, teamId, marker, statusIndex, cursor }) => {
    const edited = teamId ? await loadTeamPolicy(ctx, organizationId, teamId) : await loadPolicy(ctx, organizationId);
    if ((edited?.updatedAt ?? null) !== marker) return 0; // superseded by a later edit's sweep
    const status = RUNNING_STATUSES[statusIndex];
    if (!status) return 0;
    const orgPolicy = await loadPolicy(ctx, organizationId);
    const page = await (teamId
      ? ctx.db
          .query("conversationThreads")
          .withIndex("by_org_team_status", (q) =>
            q.eq("organizationId", organizationId).eq("teamId", teamId).eq("status", status),
          )
      : ctx.db
          .query("conversationThreads")
          .withIndex("by_org_status_last", (q) => q.eq("organizationId", organizationId).eq("status", status))
    ).paginate({ numItems: REPLAN_BATCH, cursor });
    // Threads of a team with its own policy follow that one, and the organization's edit leaves them alone.
    const teamsWithPolicy = teamId
      ? new Set<Id<"teams">>()
      : new Set(
          (
            await ctx.db
              .query("teamServiceLevelPolicies")
              .withIndex("by_team", (q) => q.eq("organizationId", organizationId))
              .take(MAX_TEAM_POLICIES)
          ).map((p) => p.teamId),
        );
    for (const thread of page.page) {
      if (!teamId && thread.teamId && teamsWithPolicy.has(thread.teamId)) continue;
      await replanThread(ctx, thread, teamId ? (edited ?? orgPolicy) : orgPolicy);
    }
    const next = page.isDone
      ? { statusIndex: statusIndex + 1, cursor: null }
      : { statusIndex, cursor: page.continueCursor };
    if (next.statusIndex < RUNNING_STATUSES.length)
      await ctx.scheduler.runAfter(0, internal.threads.sla.replanPage, {
        organizationId,
        ...(teamId ? { teamId } : {}),
        marker,
        ...next,
      });
    return page.page.length;
  },
});

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
    await emitDomainEvent(ctx, thread.organizationId, {
      type: "sla.breached",
      threadId: thread._id,
      target,
      dueAt,
      breachedAt: now,
      assigneeId: thread.assigneeId ?? null,
    });
    // The assignee and the lead of the thread's team (once, if they are the same member).
    const team = thread.teamId ? await ctx.db.get(thread.teamId) : null;
    const notified = [...new Set([thread.assigneeId, team?.leadMemberId].filter((m) => m !== undefined))];
    for (const memberId of notified) {
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
          memberId,
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
const targetArgs = {
  businessHours: v.optional(businessHours),
  firstResponseMinutes: target,
  nextResponseMinutes: target,
  resolutionMinutes: target,
};

/** Refuses targets that are not whole minutes in range, and invalid business hours (with what is wrong). */
function checkTargets(input: SlaTargets) {
  for (const key of ["firstResponseMinutes", "nextResponseMinutes", "resolutionMinutes"] as const) {
    const m = input[key];
    if (m !== undefined && (!Number.isInteger(m) || m < 1 || m > MAX_TARGET_MINUTES))
      fail("invalid_argument", `${key} must be a whole number of minutes between 1 and ${MAX_TARGET_MINUTES}`);
  }
  if (input.businessHours) {
    const problems = validateBusinessHours(input.businessHours);
    if (problems.length) fail("invalid_argument", `Business hours: ${problems.join("; ")}`);
  }
}

const policyFields = { ...targetArgs, csatEnabled: v.boolean() };

/** Validates and stores the organization's policy (the settings page and the demo seed). */
export async function savePolicy(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  input: ObjectType<typeof policyFields>,
) {
  checkTargets(input);
  const existing = await loadPolicy(ctx, organizationId);
  const doc = { organizationId, ...input, updatedAt: Date.now() };
  if (existing) await ctx.db.replace(existing._id, doc);
  else await ctx.db.insert("serviceLevelPolicies", doc);
  await startReplan(ctx, organizationId, undefined, doc.updatedAt);
}

/**
 * Saves the organization's policy (owners/admins). New timers follow it at once; the running
 * timers of the threads that follow it are planned again in scheduled batches (replanPage).
 */
export const save = adminMutation({
  args: policyFields,
  handler: async (ctx, { organizationId, ...input }) => {
    await savePolicy(ctx, organizationId, input);
    return null;
  },
});

// --------------------------------------------------------------------------- team policies

/** The organization's team policies (every member: what applies to a thread is not a secret). */
export const teamPolicies = memberQuery({
  args: {},
  handler: async (ctx, { organizationId }) =>
    ctx.db
      .query("teamServiceLevelPolicies")
      .withIndex("by_team", (q) => q.eq("organizationId", organizationId))
      .take(MAX_TEAM_POLICIES),
});

/**
 * Saves a team's own policy (owners/admins): its targets and business hours replace the
 * organization's for the team's threads. New timers follow it at once, and the running timers of
 * the team's threads are planned again in scheduled batches (replanPage).
 */
export const saveTeam = adminMutation({
  args: { teamId: v.id("teams"), ...targetArgs },
  handler: async (ctx, { organizationId, teamId, ...input }) => {
    const team = await getOwned(ctx, organizationId, teamId);
    checkTargets(input);
    const existing = await loadTeamPolicy(ctx, organizationId, team._id);
    const doc = { organizationId, teamId: team._id, ...input, updatedAt: Date.now() };
    if (existing) await ctx.db.replace(existing._id, doc);
    else await ctx.db.insert("teamServiceLevelPolicies", doc);
    await startReplan(ctx, organizationId, team._id, doc.updatedAt);
    return null;
  },
});

/** The team follows the organization's policy again: its threads' running timers too (replanPage). */
export const removeTeam = adminMutation({
  args: { teamId: v.id("teams") },
  handler: async (ctx, { organizationId, teamId }) => {
    const team = await getOwned(ctx, organizationId, teamId);
    if (await forgetTeamPolicy(ctx, organizationId, team._id)) await startReplan(ctx, organizationId, team._id, null);
    return null;
  },
});

/**
 * Deletes a team's policy (its removal, or the team's deletion: then teams.purge re-plans the
 * threads as it takes them out of the team). Whether there was one.
 */
export async function forgetTeamPolicy(ctx: MutationCtx, organizationId: Id<"organizations">, teamId: Id<"teams">) {
  const existing = await loadTeamPolicy(ctx, organizationId, teamId);
  if (existing) await ctx.db.delete(existing._id);
  return existing !== null;
}
