/**
 * Re-derives one contact's insights from scratch, in bounded batches:
 *   clearing  — deletes the derived rows (message insights, commitments, deal, derived timeline
 *               events, extracted relationships from the contact, company domains, profile),
 *               RECOMPUTE_BATCH per step;
 *   replaying — runs the extractor over every message of the contact, oldest first (inbound and
 *               outbound), RECOMPUTE_REPLAY per step; then recomputes preferences + health.
 * Manual relationships, identities, merge suggestions and non-derived events are kept.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id, TableNames } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { getLiveContact } from "../contacts/model";
import { getOwned, requireMember } from "../lib/auth";
import { memberAction, memberQuery } from "../lib/functions";
import { DERIVED_EVENT_KINDS, processMessage } from "./insights";
import { getProfile, refreshProfile } from "./profile";

export const RECOMPUTE_BATCH = 100;
export const RECOMPUTE_REPLAY = 50;
const CLEAR_PHASES = [
  "messageInsights",
  "commitments",
  "deals",
  "contactEvents",
  "contactRelationships",
  "companyDomains",
] as const;

/** Public entry point: starts (or joins) the batched recompute of a contact; returns the job id. */
export const run = memberAction({
  args: { contactId: v.id("contacts") },
  handler: async (ctx, args): Promise<Id<"recomputeJobs">> => {
    return ctx.runMutation(internal.crm.recompute.start, args);
  },
});

export const start = internalMutation({
  args: { organizationId: v.id("organizations"), contactId: v.id("contacts") },
  handler: async (ctx, { organizationId, contactId }) => {
    await requireMember(ctx, organizationId);
    await getLiveContact(ctx, organizationId, contactId);
    const latest = await ctx.db
      .query("recomputeJobs")
      .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
      .order("desc")
      .first();
    if (latest && latest.status !== "done") return latest._id;
    const jobId = await ctx.db.insert("recomputeJobs", {
      organizationId,
      contactId,
      status: "clearing",
      clearPhase: 0,
      cursor: null,
      processed: 0,
      startedAt: Date.now(),
    });
    await ctx.scheduler.runAfter(0, internal.crm.recompute.step, { jobId });
    return jobId;
  },
});

async function clearPage(ctx: MutationCtx, job: Doc<"recomputeJobs">) {
  const { organizationId, contactId } = job;
  const opts = { numItems: RECOMPUTE_BATCH, cursor: job.cursor ?? null };
  const phase = CLEAR_PHASES[job.clearPhase]!;
  let result: { page: Array<{ _id: Id<TableNames> }>; isDone: boolean; continueCursor: string };
  let keep: (doc: unknown) => boolean = () => false;
  switch (phase) {
    case "messageInsights":
      result = await ctx.db
        .query("messageInsights")
        .withIndex("by_contact_at", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
        .paginate(opts);
      break;
    case "commitments":
      result = await ctx.db
        .query("commitments")
        .withIndex("by_contact_status", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
        .paginate(opts);
      break;
    case "deals":
      result = await ctx.db
        .query("deals")
        .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
        .paginate(opts);
      break;
    case "contactEvents":
      result = await ctx.db
        .query("contactEvents")
        .withIndex("by_contact_at", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
        .paginate(opts);
      keep = (e) => !(DERIVED_EVENT_KINDS as readonly string[]).includes((e as Doc<"contactEvents">).kind);
      break;
    case "contactRelationships":
      result = await ctx.db
        .query("contactRelationships")
        .withIndex("by_from", (q) => q.eq("organizationId", organizationId).eq("fromContactId", contactId))
        .paginate(opts);
      keep = (r) => (r as Doc<"contactRelationships">).source === "manual";
      break;
    case "companyDomains":
      result = await ctx.db
        .query("companyDomains")
        .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
        .paginate(opts);
      break;
  }
  for (const doc of result.page) if (!keep(doc)) await ctx.db.delete(doc._id);
  return result;
}

export const step = internalMutation({
  args: { jobId: v.id("recomputeJobs") },
  handler: async (ctx, { jobId }) => {
    const job = await ctx.db.get(jobId);
    if (!job || job.status === "done") return null;
    const { organizationId, contactId } = job;
    const now = Date.now();
    if (job.status === "clearing") {
      const result = await clearPage(ctx, job);
      if (!result.isDone) {
        await ctx.db.patch(jobId, { cursor: result.continueCursor });
      } else if (job.clearPhase + 1 < CLEAR_PHASES.length) {
        await ctx.db.patch(jobId, { clearPhase: job.clearPhase + 1, cursor: null });
      } else {
        // Derived profile and the contact fields it fed.
        const profile = await getProfile(ctx, organizationId, contactId);
        const contact = await ctx.db.get(contactId);
        if (contact) {
          await ctx.db.patch(contactId, {
            dealStage: undefined,
            healthScore: undefined,
            ...(profile?.signature && contact.title === profile.signature.title ? { title: undefined } : {}),
            ...(profile?.signature && contact.company === profile.signature.company ? { company: undefined } : {}),
            updatedAt: now,
          });
        }
        if (profile) await ctx.db.delete(profile._id);
        await ctx.db.patch(jobId, { status: "replaying", cursor: null });
      }
      await ctx.scheduler.runAfter(0, internal.crm.recompute.step, { jobId });
      return null;
    }
    const org = (await ctx.db.get(organizationId))!;
    const result = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
      .paginate({ numItems: RECOMPUTE_REPLAY, cursor: job.cursor ?? null });
    for (const msg of result.page) await processMessage(ctx, org, msg, now);
    const processed = job.processed + result.page.length;
    if (!result.isDone) {
      await ctx.db.patch(jobId, { cursor: result.continueCursor, processed });
      await ctx.scheduler.runAfter(0, internal.crm.recompute.step, { jobId });
      return null;
    }
    await refreshProfile(ctx, organizationId, contactId, now);
    await ctx.db.patch(jobId, { status: "done", processed, cursor: null, finishedAt: now });
    return null;
  },
});

export const get = memberQuery({
  args: { jobId: v.id("recomputeJobs") },
  handler: async (ctx, { organizationId, jobId }) => {
    return getOwned(ctx, organizationId, jobId);
  },
});
