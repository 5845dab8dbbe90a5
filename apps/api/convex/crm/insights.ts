/**
 * Insight extraction: the downstream hook for coalesced inbound bursts, and the per-message
 * processing shared with crm/recompute.ts. Everything stored links to its source message.
 *
 * Per message (idempotent: skipped once unifiedMessages.insightsAt is set):
 *   messageInsights  sentiment (+ deal cue, signature, mentions of people who are not contacts)
 *   commitments      new promises; open ones of the contact fulfilled by this message -> done
 *   signature        (inbound only) phones/emails -> identity (source "signature") or, when they
 *                    belong to another contact, a merge suggestion; title/company -> contact
 *                    profile, a change -> "job_change" timeline event
 *   deal cue         advanceDeal -> deals row + "deal_stage" timeline event
 *   relationships    candidates resolved to contacts by email -> contactRelationships
 *                    (agent_extracted); same company domain -> colleague; name+domain duplicates
 * Per burst: the contact's preferences + health score are recomputed (crm/profile.ts).
 * Each step is a phase in crm/insights/ (one file each, with its caps named there).
 */
import {
  type CorrectionModel,
  correctedDealCue,
  correctedSentiment,
  type Extraction,
  extractDeterministic,
  type LlmReview,
  type MessageInput,
  mergeReview,
  uncertainty,
} from "@switchboard/insights";
import { v } from "convex/values";
import type { CountryCode } from "libphonenumber-js";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { companyDomainOf } from "../contacts/model";
import { liveContact } from "../contacts/resolve";
import { authorTimeZone, readerTimeZone } from "../lib/timezone";
import { burstHookArgs } from "../schema/validators";
import { applyCommitments } from "./insights/commitments";
import type { MessageContext } from "./insights/context";
import { advanceDealStage } from "./insights/dealStage";
import { applyCorrections, messageSpan } from "./insights/facts";
import { recordJobChange } from "./insights/jobChange";
import { storeMessageInsight } from "./insights/messageInsight";
import { storeSignatureProfile } from "./insights/profile";
import { linkRelationships } from "./insights/relationships";
import { applySignatureIdentities } from "./insights/signature";
import { refreshProfile } from "./profile";

/** Timeline event kinds produced by extraction (recompute deletes and re-creates them). */
export const DERIVED_EVENT_KINDS = ["job_change", "deal_stage"] as const;

/** Longest text handed to the extractor: the head (body) and the tail (signature) of longer ones. */
export const MAX_EXTRACT_CHARS = 20_000;

/** The tail of a longer text kept for the extractor (where its signature is). */
const EXTRACT_TAIL_CHARS = Math.floor(MAX_EXTRACT_CHARS / 5);

function boundedText(text: string): string {
  if (text.length <= MAX_EXTRACT_CHARS) return text;
  return `${text.slice(0, MAX_EXTRACT_CHARS - EXTRACT_TAIL_CHARS)}\n${text.slice(-EXTRACT_TAIL_CHARS)}`;
}

export function toMessageInput(m: Doc<"unifiedMessages">): MessageInput {
  return {
    id: m._id,
    channel: m.channel,
    direction: m.direction,
    text: boundedText(m.text),
    subject: m.subject,
    sentAt: m.sentAt,
    senderName: m.direction === "inbound" ? m.senderName : undefined,
    senderIdentifier: m.direction === "inbound" ? m.from : undefined,
    cc: m.cc,
  };
}

/** Agents' verdicts read per message (a message has a handful of facts; more is abuse). */
export const MAX_CORRECTIONS_PER_MESSAGE = 100;

/** The organization's correction model (crm/corrections.ts keeps it up to date), or null. */
export async function correctionModelOf(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
): Promise<CorrectionModel | null> {
  const row = await ctx.db
    .query("correctionModels")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .first();
  return (row?.model as CorrectionModel | undefined) ?? null;
}

/**
 * The extraction as the organization sees it: the rules, adjusted by what its agents' corrections
 * taught (learned phrases, neutral band, suppressed cues), then a stored, validated AI review of
 * this message if there is one. Pure apart from the two reads; the corrections of the message
 * itself are applied by the caller.
 */
async function organizationExtraction(
  ctx: MutationCtx,
  org: Doc<"organizations">,
  msg: Doc<"unifiedMessages">,
  input: MessageInput,
  base: Extraction,
  model: CorrectionModel | null,
): Promise<{ ext: Extraction; reviewed: boolean }> {
  let ext = base;
  if (model) {
    const label = correctedSentiment(input.text, model);
    const sentiment =
      label === ext.sentiment.label
        ? ext.sentiment
        : {
            ...ext.sentiment,
            label,
            score:
              label === "positive"
                ? Math.max(ext.sentiment.score, 0.1)
                : label === "negative"
                  ? Math.min(ext.sentiment.score, -0.1)
                  : 0,
          };
    ext = { ...ext, sentiment, dealCue: correctedDealCue({ ...input, id: msg._id }, model) };
  }
  const review = await ctx.db
    .query("aiReviews")
    .withIndex("by_message", (q) => q.eq("organizationId", org._id).eq("messageId", msg._id))
    .first();
  if (review?.status === "applied" && review.review) {
    return { ext: mergeReview(input, ext, review.review as LlmReview).extraction, reviewed: true };
  }
  return { ext, reviewed: false };
}

/**
 * When the organization has an AI endpoint and the rules are unsure about this message, a review is
 * queued (once per message: the aiReviews row is the guard) for ai/reviews.ts to send.
 */
async function requestReviewIfUnsure(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  contactId: Id<"contacts">,
  msg: Doc<"unifiedMessages">,
  input: MessageInput,
  ext: Extraction,
  now: number,
) {
  if (msg.direction !== "inbound") return;
  const settings = await ctx.db
    .query("aiSettings")
    .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
    .first();
  if (!settings?.enabled) return;
  const reasons = uncertainty(input, ext);
  if (reasons.length === 0) return;
  const existing = await ctx.db
    .query("aiReviews")
    .withIndex("by_message", (q) => q.eq("organizationId", organizationId).eq("messageId", msg._id))
    .first();
  if (existing) return;
  const reviewId = await ctx.db.insert("aiReviews", {
    organizationId,
    messageId: msg._id,
    contactId,
    status: "pending",
    reasons,
    createdAt: now,
  });
  await ctx.scheduler.runAfter(0, internal.ai.reviews.run, { reviewId });
}

/** Extracts and stores the insights of one message. Returns the contact it was attributed to. */
export async function processMessage(
  ctx: MutationCtx,
  org: Doc<"organizations">,
  msg: Doc<"unifiedMessages">,
  now: number,
): Promise<Id<"contacts"> | null> {
  const organizationId = org._id;
  // Mid-merge a message may still point at the merged contact: attribute to the survivor.
  const contact = await liveContact(ctx, organizationId, msg.contactId);
  if (!contact) return null;
  const contactId = contact._id;
  const input = toMessageInput(msg);
  const ownDomain = msg.channel === "email" ? companyDomainOf(msg.direction === "inbound" ? msg.to : msg.from) : null;
  const inbound = msg.direction === "inbound";
  let ext: Extraction;
  try {
    // Pure and before any write: a message the extractor cannot handle is marked processed and
    // skipped, it never blocks the rest of the burst.
    ext = extractDeterministic(input, {
      timezone: authorTimeZone(msg.direction, contact.timezone, org.timezone),
      readerTimezone: readerTimeZone(msg.direction, contact.timezone, org.timezone),
      defaultRegion: org.defaultRegion as CountryCode,
      ownDomains: ownDomain ? [ownDomain] : [],
      previousProfile: inbound ? { title: contact.title, company: contact.company } : undefined,
    });
  } catch (err) {
    console.error(
      `insights: extraction failed for message ${msg._id}: ${err instanceof Error ? err.message : String(err)}`,
    );
    await ctx.db.patch(msg._id, { insightsAt: now });
    return null;
  }
  const rules = ext;
  const learned = await organizationExtraction(ctx, org, msg, input, ext, await correctionModelOf(ctx, organizationId));
  const corrections = await ctx.db
    .query("factCorrections")
    .withIndex("by_message", (q) => q.eq("organizationId", organizationId).eq("messageId", msg._id))
    .take(MAX_CORRECTIONS_PER_MESSAGE);
  const applied = applyCorrections(learned.ext, corrections);
  ext = applied.ext;
  const m: MessageContext = {
    ctx,
    org,
    organizationId,
    contact,
    contactId,
    msg,
    input,
    ext,
    sig: inbound ? ext.signature : null,
    senderEmail: inbound && msg.channel === "email" ? msg.from.toLowerCase() : undefined,
    ownDomain,
    now,
    reviewed: applied.reviewed,
    commitmentKeys: applied.commitmentKeys,
    span: (s) => messageSpan(s, msg.text, input.text, EXTRACT_TAIL_CHARS),
    source: learned.reviewed ? "ai" : "rules",
  };
  // The phases, in this order (later ones read what earlier ones wrote, e.g. identities).
  await applyCommitments(m);
  const mentions = await linkRelationships(m);
  await applySignatureIdentities(m);
  const jobPatch = await recordJobChange(m);
  await storeSignatureProfile(m);
  const dealPatch = await advanceDealStage(m);
  await storeMessageInsight(m, mentions);
  const contactPatch = { ...jobPatch, ...dealPatch };
  if (Object.keys(contactPatch).length) await ctx.db.patch(contactId, { ...contactPatch, updatedAt: now });
  await ctx.db.patch(msg._id, { insightsAt: now });
  // The model is asked about what the rules (and the organization's learning) found, not about
  // what agents already settled.
  if (!learned.reviewed) await requestReviewIfUnsure(ctx, organizationId, contactId, msg, input, rules, now);
  return contactId;
}

/** Messages extracted per hook transaction; a bigger burst continues in a scheduled follow-up. */
export const HOOK_BATCH = 50;

/** Is `contactId` being re-derived from scratch? Its replay walks to the newest message and picks up what arrives meanwhile. */
async function isRecomputing(ctx: QueryCtx, organizationId: Id<"organizations">, contactId: Id<"contacts">) {
  const job = await ctx.db
    .query("recomputeJobs")
    .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
    .order("desc")
    .first();
  return !!job && job.status !== "done";
}

/** Downstream hook (inbound/hooks.ts): one coalesced burst of inbound messages. */
export const onBurst = internalMutation({
  args: burstHookArgs,
  handler: async (ctx, args) => {
    const org = await ctx.db.get(args.organizationId);
    if (!org) return { processed: 0 };
    const now = Date.now();
    const touched = new Set<Id<"contacts">>();
    let processed = 0;
    const batch = args.messageIds.slice(0, HOOK_BATCH);
    const recomputing = new Map<Id<"contacts">, boolean>();
    for (const id of batch) {
      const msg = await ctx.db.get(id);
      if (!msg || msg.organizationId !== org._id || msg.insightsAt !== undefined) continue;
      // Processing it here too would duplicate the rows a running replay writes.
      if (!recomputing.has(msg.contactId))
        recomputing.set(msg.contactId, await isRecomputing(ctx, org._id, msg.contactId));
      if (recomputing.get(msg.contactId)) continue;
      const contactId = await processMessage(ctx, org, msg, now);
      if (contactId) touched.add(contactId);
      processed++;
    }
    const rest = args.messageIds.slice(HOOK_BATCH);
    if (rest.length > 0) {
      await ctx.scheduler.runAfter(0, internal.crm.insights.onBurst, { ...args, messageIds: rest });
    }
    for (const contactId of touched) await refreshProfile(ctx, org._id, contactId, now);
    return { processed };
  },
});

/**
 * An agent's reply (outbound/replies.ts), scheduled when it is queued: our side's promises ("I'll send
 * the revised quote by Friday") are tracked as they are made, not only after a recompute.
 */
export const onReply = internalMutation({
  args: { organizationId: v.id("organizations"), messageId: v.id("unifiedMessages") },
  handler: async (ctx, { organizationId, messageId }) => {
    const [org, msg] = await Promise.all([ctx.db.get(organizationId), ctx.db.get(messageId)]);
    if (!org || !msg || msg.organizationId !== organizationId || msg.insightsAt !== undefined) return { processed: 0 };
    if (await isRecomputing(ctx, organizationId, msg.contactId)) return { processed: 0 };
    const now = Date.now();
    const contactId = await processMessage(ctx, org, msg, now);
    if (contactId) await refreshProfile(ctx, organizationId, contactId, now);
    return { processed: contactId ? 1 : 0 };
  },
});
