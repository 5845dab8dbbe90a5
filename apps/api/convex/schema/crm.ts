/**
 * CRM tables (merge suggestions, merges audit, insights, commitments, deals...).
 * Spread into defineSchema by ../schema.ts. Every table carries organizationId and every index
 * starts with it. Every derived row links back to the message it came from (sourceMessageId /
 * messageId): the CRM is a view on the communication, not a separate store.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { literals } from "./validators";

export const MERGE_SIGNALS = [
  "signature_identifier",
  "name_domain",
  "manual_identifier",
  "manual",
  /** A chat visitor's site-verified email names another contact (contacts/claims.ts). */
  "verified_email",
  /** An unverified chat visitor claims another contact's email: never merged without an agent. */
  "claimed_email",
] as const;
export const mergeSignal = literals(MERGE_SIGNALS);

export const SUGGESTION_STATUSES = ["open", "accepted", "dismissed"] as const;
export const suggestionStatus = literals(SUGGESTION_STATUSES);

export const MERGE_STATUSES = ["running", "done", "undoing", "undone"] as const;
export const mergeStatus = literals(MERGE_STATUSES);

export const COMMITMENT_STATUSES = ["open", "done"] as const;
export const commitmentStatus = literals(COMMITMENT_STATUSES);

export const DEAL_STAGE_IDS = ["interest", "proposal", "negotiation", "won", "lost"] as const;
export const dealStage = literals(DEAL_STAGE_IDS);

/** Where a fact came from in its message: `quote === message.text.slice(start, end)`. */
export const sourceSpan = v.object({ start: v.number(), end: v.number(), quote: v.string() });

/** The kinds of extracted fact an agent can confirm, correct or dismiss (crm/corrections.ts). */
export const FACT_KINDS = ["commitment", "dealStage", "jobChange", "relationship", "sentiment", "signature"] as const;
export const factKind = literals(FACT_KINDS);
export const CORRECTION_ACTIONS = ["confirm", "correct", "dismiss"] as const;
export const correctionAction = literals(CORRECTION_ACTIONS);

/** Who produced a stored fact: the deterministic rules, the organization's AI endpoint, or an agent. */
export const factSource = v.union(v.literal("rules"), v.literal("ai"), v.literal("agent"));

export const mergeReason = v.object({
  signal: mergeSignal,
  /** Human-readable evidence shown next to the suggestion. */
  detail: v.string(),
  /** Dedupe key of this piece of evidence (same evidence twice does not raise the score). */
  key: v.string(),
  weight: v.number(),
  messageId: v.optional(v.id("unifiedMessages")),
  at: v.number(),
});

export const crmTables = {
  /** Possible duplicates. pairKey = the two contact ids sorted and joined by "|". */
  mergeSuggestions: defineTable({
    organizationId: v.id("organizations"),
    pairKey: v.string(),
    contactAId: v.id("contacts"),
    contactBId: v.id("contacts"),
    status: suggestionStatus,
    /** Noisy-or of the reasons' weights, 0..1. */
    score: v.number(),
    reasons: v.array(mergeReason),
    createdAt: v.number(),
    updatedAt: v.number(),
    resolvedAt: v.optional(v.number()),
    resolvedBy: v.optional(v.id("members")),
    mergeId: v.optional(v.id("contactMerges")),
  })
    .index("by_pair", ["organizationId", "pairKey"])
    .index("by_status_score", ["organizationId", "status", "score"])
    .index("by_a", ["organizationId", "contactAId", "status"])
    .index("by_b", ["organizationId", "contactBId", "status"]),

  /** Merge audit entries: one per merge, with the prior state of both contact rows for undo. */
  contactMerges: defineTable({
    organizationId: v.id("organizations"),
    survivorId: v.id("contacts"),
    loserId: v.id("contacts"),
    status: mergeStatus,
    /** Index into MERGE_MOVES of the phase being moved (merge) — see contacts/merge.ts. */
    phase: v.number(),
    /** Rows moved so far / rows restored so far (progress bar). */
    moved: v.number(),
    restored: v.number(),
    /** Estimate of the rows to move (known counters), for the progress bar. */
    estimatedTotal: v.number(),
    batches: v.number(),
    /** Undo walks the batches backwards; the next batch seq to restore is < this. */
    undoCursor: v.optional(v.number()),
    /** Full rows (minus system fields) before the merge; undo replaces them back. */
    loserBefore: v.any(),
    survivorBefore: v.any(),
    survivorProfileBefore: v.optional(v.any()),
    suggestionId: v.optional(v.id("mergeSuggestions")),
    suggestionBefore: v.optional(v.any()),
    eventId: v.optional(v.id("contactEvents")),
    startedBy: v.optional(v.id("members")),
    startedAt: v.number(),
    finishedAt: v.optional(v.number()),
    undoneBy: v.optional(v.id("members")),
    undoneAt: v.optional(v.number()),
  })
    .index("by_survivor", ["organizationId", "survivorId", "status"])
    .index("by_loser", ["organizationId", "loserId", "status"])
    .index("by_org_started", ["organizationId", "startedAt"]),

  /** The ids moved by one merge batch (<= MERGE_BATCH), in order: the undo log. */
  contactMergeBatches: defineTable({
    organizationId: v.id("organizations"),
    mergeId: v.id("contactMerges"),
    seq: v.number(),
    table: v.string(),
    field: v.string(),
    ids: v.array(v.string()),
  }).index("by_merge_seq", ["organizationId", "mergeId", "seq"]),

  /** Per-message extraction result (sentiment + cues); one row per processed message. */
  messageInsights: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    messageId: v.id("unifiedMessages"),
    direction: v.union(v.literal("inbound"), v.literal("outbound")),
    at: v.number(),
    sentiment: v.number(),
    sentimentLabel: v.union(v.literal("positive"), v.literal("neutral"), v.literal("negative")),
    /** The body the sentiment was read from. */
    sentimentSpan: v.optional(sourceSpan),
    dealCue: v.optional(
      v.object({
        stage: dealStage,
        confidence: v.number(),
        cue: v.string(),
        reopen: v.boolean(),
        span: v.optional(sourceSpan),
      }),
    ),
    /** "ai" when the organization's AI endpoint reviewed this message and its answer was merged. */
    source: v.optional(factSource),
    /** Relationship candidates naming people who are not (yet) contacts. */
    mentions: v.optional(
      v.array(
        v.object({
          name: v.optional(v.string()),
          email: v.optional(v.string()),
          type: v.string(),
          confidence: v.number(),
          evidence: v.string(),
        }),
      ),
    ),
    signature: v.optional(
      v.object({
        name: v.optional(v.string()),
        title: v.optional(v.string()),
        company: v.optional(v.string()),
        phones: v.array(v.string()),
        emails: v.array(v.string()),
        links: v.array(v.string()),
        span: v.optional(sourceSpan),
      }),
    ),
  })
    .index("by_contact_at", ["organizationId", "contactId", "at"])
    .index("by_message", ["organizationId", "messageId"]),

  /** Promises found in messages ("I'll send the proposal by Friday"). */
  commitments: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    sourceMessageId: v.id("unifiedMessages"),
    text: v.string(),
    action: v.string(),
    kind: v.string(),
    /** Who promised: the contact or us. */
    actor: v.union(v.literal("contact"), v.literal("us")),
    who: v.optional(v.string()),
    status: commitmentStatus,
    /** Deadline (ms); commitments without one sort first in the due-date indexes. */
    dueAt: v.optional(v.number()),
    duePhrase: v.optional(v.string()),
    createdAt: v.number(),
    doneAt: v.optional(v.number()),
    /** The later message that fulfilled it, or the member who marked it done. */
    doneByMessageId: v.optional(v.id("unifiedMessages")),
    doneByMemberId: v.optional(v.id("members")),
    doneEvidence: v.optional(v.string()),
    /** The promise in its message. */
    span: v.optional(sourceSpan),
    /** Stable identity across recomputes (crm/corrections.ts factKey). */
    factKey: v.optional(v.string()),
    source: v.optional(factSource),
    /** Set when an agent confirmed or corrected it. */
    reviewed: v.optional(v.object({ action: correctionAction, memberId: v.id("members"), at: v.number() })),
  })
    .index("by_contact_status", ["organizationId", "contactId", "status", "dueAt"])
    .index("by_status_due", ["organizationId", "status", "dueAt"])
    .index("by_message", ["organizationId", "sourceMessageId"]),

  /** Deal stage per contact, driven by deal-stage cues in messages. */
  deals: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    stage: dealStage,
    confidence: v.number(),
    cue: v.string(),
    sourceMessageId: v.id("unifiedMessages"),
    span: v.optional(sourceSpan),
    source: v.optional(factSource),
    updatedAt: v.number(),
    createdAt: v.number(),
  })
    .index("by_contact", ["organizationId", "contactId"])
    .index("by_stage", ["organizationId", "stage", "updatedAt"])
    .index("by_updated", ["organizationId", "updatedAt"]),

  /** Derived per-contact knowledge: preferences, health breakdown, signature profile. */
  contactProfiles: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    preferences: v.optional(v.any()),
    health: v.optional(v.any()),
    signature: v.optional(
      v.object({
        title: v.optional(v.string()),
        company: v.optional(v.string()),
        phones: v.array(v.string()),
        links: v.array(v.string()),
        sourceMessageId: v.id("unifiedMessages"),
        at: v.number(),
        span: v.optional(sourceSpan),
      }),
    ),
    /** Window the health/preferences were computed over (bounded reads). */
    basedOnMessages: v.number(),
    computedAt: v.number(),
  }).index("by_contact", ["organizationId", "contactId"]),

  /** Company email domains of contacts (non-free-mail), for colleague / duplicate signals. */
  companyDomains: defineTable({
    organizationId: v.id("organizations"),
    domain: v.string(),
    contactId: v.id("contacts"),
    createdAt: v.number(),
  })
    .index("by_domain", ["organizationId", "domain", "contactId"])
    .index("by_contact", ["organizationId", "contactId", "domain"]),

  /** A relationship a member deleted: extraction never re-creates it. */
  relationshipSuppressions: defineTable({
    organizationId: v.id("organizations"),
    fromContactId: v.id("contacts"),
    toContactId: v.id("contacts"),
    type: v.string(),
    createdAt: v.number(),
  }).index("by_pair", ["organizationId", "fromContactId", "toContactId", "type"]),

  /** Batched re-derivation of one contact's insights (crm/recompute.ts). */
  recomputeJobs: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    status: v.union(v.literal("clearing"), v.literal("replaying"), v.literal("done")),
    clearPhase: v.number(),
    /** Pagination cursor of the current phase (Convex paginate cursor). */
    cursor: v.optional(v.union(v.string(), v.null())),
    processed: v.number(),
    startedAt: v.number(),
    finishedAt: v.optional(v.number()),
  }).index("by_contact", ["organizationId", "contactId", "startedAt"]),

  /**
   * An agent's verdict on one extracted fact. Kept per organization, never touched by a recompute
   * (the replay applies it instead), shown in the timeline, and the labelled examples the
   * organization's correction model learns from (packages/insights learnFromCorrections).
   */
  factCorrections: defineTable({
    organizationId: v.id("organizations"),
    contactId: v.id("contacts"),
    messageId: v.id("unifiedMessages"),
    kind: factKind,
    /** Which fact of the message (crm/corrections.ts factKey): stable across recomputes. */
    factKey: v.string(),
    action: correctionAction,
    /** What the extractor said and what the agent says instead (shape per kind). */
    extracted: v.optional(v.any()),
    corrected: v.optional(v.any()),
    span: v.optional(sourceSpan),
    /** The message as a labelled example (sentiment and deal stage): what the learner reads. */
    example: v.optional(
      v.object({
        text: v.string(),
        subject: v.optional(v.string()),
        direction: v.union(v.literal("inbound"), v.literal("outbound")),
      }),
    ),
    memberId: v.id("members"),
    at: v.number(),
  })
    .index("by_message", ["organizationId", "messageId", "factKey"])
    .index("by_contact", ["organizationId", "contactId", "at"])
    .index("by_kind", ["organizationId", "kind", "at"]),

  /** The organization's correction model (learnFromCorrections), rebuilt after each correction. */
  correctionModels: defineTable({
    organizationId: v.id("organizations"),
    model: v.any(),
    examples: v.number(),
    updatedAt: v.number(),
  }).index("by_org", ["organizationId"]),
};
