/**
 * Agents' verdicts on extracted facts: confirm, correct or dismiss. A verdict is stored per
 * organization (factCorrections), takes effect at once on the stored facts, is shown in the
 * timeline (a "correction" event, which a recompute keeps), and is re-applied by every recompute
 * (crm/insights.ts reads the message's verdicts before storing anything). Sentiment and deal-stage
 * verdicts are labelled examples: the organization's correction model (packages/insights
 * learnFromCorrections) is rebuilt from them after each one.
 */
import { type Correction as LearnerExample, learnFromCorrections } from "@switchboard/insights";
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { fail, getOwned } from "../lib/auth";
import { memberMutation, memberQuery } from "../lib/functions";
import { correctionAction, dealStage, factKind } from "../schema/crm";
import { factKeys } from "./insights/facts";

/** Message text kept with a labelled example (enough for the learner's phrases; bounded row size). */
export const EXAMPLE_TEXT_CHARS = 4000;
/** Newest examples per field the model is rebuilt from (bounded read per rebuild). */
export const LEARN_WINDOW = 250;

const SENTIMENT_SCORE = { positive: 0.5, neutral: 0, negative: -0.5 } as const;
const sentimentLabel = v.union(v.literal("positive"), v.literal("neutral"), v.literal("negative"));

type Target = {
  contactId: Id<"contacts">;
  messageId: Id<"unifiedMessages">;
  factKey: string;
  extracted: unknown;
  span?: { start: number; end: number; quote: string };
  what: string;
};

async function insightOf(ctx: MutationCtx, organizationId: Id<"organizations">, messageId: Id<"unifiedMessages">) {
  const row = await ctx.db
    .query("messageInsights")
    .withIndex("by_message", (q) => q.eq("organizationId", organizationId).eq("messageId", messageId))
    .first();
  if (!row) fail("not_found", "No insights for this message");
  return row;
}

async function eventOf(ctx: MutationCtx, msg: Doc<"unifiedMessages">, contactId: Id<"contacts">, kind: string) {
  const rows = await ctx.db
    .query("contactEvents")
    .withIndex("by_contact_at", (q) =>
      q.eq("organizationId", msg.organizationId).eq("contactId", contactId).eq("at", msg.sentAt),
    )
    .take(20);
  return rows.find((e) => e.kind === kind && e.sourceMessageId === msg._id) ?? null;
}

export const record = memberMutation({
  args: {
    kind: factKind,
    action: correctionAction,
    /** commitment: the commitment; relationship: the relationship; other kinds: the message. */
    commitmentId: v.optional(v.id("commitments")),
    relationshipId: v.optional(v.id("contactRelationships")),
    messageId: v.optional(v.id("unifiedMessages")),
    corrected: v.optional(
      v.object({
        stage: v.optional(dealStage),
        label: v.optional(sentimentLabel),
        text: v.optional(v.string()),
        dueAt: v.optional(v.union(v.number(), v.null())),
        title: v.optional(v.string()),
        company: v.optional(v.string()),
        type: v.optional(v.string()),
      }),
    ),
  },
  handler: async (ctx, args) => {
    const { organizationId, member } = ctx;
    const now = Date.now();
    const c = args.corrected ?? {};
    if (args.action === "correct") {
      const need = {
        commitment: c.text !== undefined || c.dueAt !== undefined,
        dealStage: !!c.stage,
        sentiment: !!c.label,
        jobChange: !!(c.title || c.company),
        signature: !!(c.title || c.company),
        relationship: !!c.type,
      }[args.kind];
      if (!need) fail("invalid_argument", `A ${args.kind} correction needs its corrected value`);
      if (c.text !== undefined && (c.text.trim().length === 0 || c.text.length > 500))
        fail("invalid_argument", "Text must be 1-500 characters");
      for (const s of [c.title, c.company])
        if (s !== undefined && s.length > 200) fail("invalid_argument", "Title and company are at most 200 characters");
      if (c.type !== undefined && !/^[a-z][a-z0-9_]{0,39}$/.test(c.type))
        fail("invalid_argument", "Invalid relationship type");
      if (c.dueAt != null && !Number.isFinite(c.dueAt)) fail("invalid_argument", "Invalid due date");
    }
    const target = await resolveTarget(ctx, organizationId, args);
    const msg = await getOwned(ctx, organizationId, target.messageId);
    const existing = await ctx.db
      .query("factCorrections")
      .withIndex("by_message", (q) =>
        q.eq("organizationId", organizationId).eq("messageId", msg._id).eq("factKey", target.factKey),
      )
      .first();
    const row = {
      organizationId,
      contactId: target.contactId,
      messageId: msg._id,
      kind: args.kind,
      factKey: target.factKey,
      action: args.action,
      extracted: existing?.extracted ?? target.extracted,
      corrected: args.action === "correct" ? c : undefined,
      span: target.span,
      // Labelled example for the learner: the message as the extractor saw it (bounded).
      example:
        args.kind === "sentiment" || args.kind === "dealStage"
          ? { text: msg.text.slice(0, EXAMPLE_TEXT_CHARS), subject: msg.subject, direction: msg.direction }
          : undefined,
      memberId: member._id,
      at: now,
    };
    // One verdict per fact: a new one replaces the previous.
    let correctionId = existing?._id;
    if (correctionId) await ctx.db.replace(correctionId, row);
    else correctionId = await ctx.db.insert("factCorrections", row);
    await applyLive(ctx, organizationId, msg, target, args.kind, args.action, c, member._id, now, args.relationshipId);
    const who = member.name ?? member.email ?? "an agent";
    const verb = args.action === "confirm" ? "confirmed" : args.action === "dismiss" ? "dismissed" : "corrected";
    const to =
      args.action === "correct"
        ? ` to ${c.stage ?? c.label ?? c.text ?? c.type ?? [c.title, c.company].filter(Boolean).join(" at ")}`
        : "";
    await ctx.db.insert("contactEvents", {
      organizationId,
      contactId: target.contactId,
      kind: "correction",
      at: now,
      summary: `${who} ${verb} ${target.what}${to}`,
      data: {
        kind: args.kind,
        action: args.action,
        factKey: target.factKey,
        extracted: row.extracted,
        corrected: row.corrected,
        span: target.span,
      },
      sourceMessageId: msg._id,
    });
    if (args.kind === "sentiment" || args.kind === "dealStage") {
      await ctx.scheduler.runAfter(0, internal.crm.corrections.relearn, { organizationId });
    }
    return correctionId;
  },
});

async function resolveTarget(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  args: {
    kind: string;
    commitmentId?: Id<"commitments">;
    relationshipId?: Id<"contactRelationships">;
    messageId?: Id<"unifiedMessages">;
  },
): Promise<Target> {
  if (args.kind === "commitment") {
    if (!args.commitmentId) fail("invalid_argument", "commitmentId is required");
    const row = await getOwned(ctx, organizationId, args.commitmentId);
    return {
      contactId: row.contactId,
      messageId: row.sourceMessageId,
      factKey: row.factKey ?? factKeys.commitment(row.text),
      extracted: { text: row.text, dueAt: row.dueAt ?? null },
      span: row.span,
      what: `the commitment “${row.text}”`,
    };
  }
  if (args.kind === "relationship") {
    if (!args.relationshipId) fail("invalid_argument", "relationshipId is required");
    const rel = await getOwned(ctx, organizationId, args.relationshipId);
    const ev = [...rel.evidence].reverse().find((e) => e.messageId);
    if (!ev?.messageId) fail("invalid_argument", "This relationship was not extracted from a message");
    const to = await ctx.db.get(rel.toContactId);
    return {
      contactId: rel.fromContactId,
      messageId: ev.messageId,
      factKey: factKeys.relationship(rel.type, { email: to?.primaryEmail, name: to?.displayName }),
      extracted: { type: rel.type, toContactId: rel.toContactId },
      span: ev.span,
      what: `the ${rel.type} relationship with ${to?.displayName ?? "a contact"}`,
    };
  }
  if (!args.messageId) fail("invalid_argument", "messageId is required");
  const insight = await insightOf(ctx, organizationId, args.messageId);
  const msg = await getOwned(ctx, organizationId, args.messageId);
  switch (args.kind) {
    case "sentiment":
      return {
        contactId: insight.contactId,
        messageId: msg._id,
        factKey: factKeys.sentiment(),
        extracted: { label: insight.sentimentLabel, score: insight.sentiment },
        span: insight.sentimentSpan,
        what: "the sentiment",
      };
    case "dealStage":
      return {
        contactId: insight.contactId,
        messageId: msg._id,
        factKey: factKeys.dealStage(),
        extracted: insight.dealCue ? { stage: insight.dealCue.stage, cue: insight.dealCue.cue } : null,
        span: insight.dealCue?.span,
        what: `the deal stage${insight.dealCue ? ` ${insight.dealCue.stage}` : ""}`,
      };
    case "signature":
      return {
        contactId: insight.contactId,
        messageId: msg._id,
        factKey: factKeys.signature(),
        extracted: insight.signature ? { title: insight.signature.title, company: insight.signature.company } : null,
        span: insight.signature?.span,
        what: "the signature",
      };
    default: {
      const event = await eventOf(ctx, msg, insight.contactId, "job_change");
      return {
        contactId: insight.contactId,
        messageId: msg._id,
        factKey: factKeys.jobChange(),
        extracted: event?.data ? { from: event.data.from, to: event.data.to } : null,
        span: event?.data?.span,
        what: "the job change",
      };
    }
  }
}

/** The verdict's effect on what is stored now (a recompute reaches the same state from the verdicts). */
async function applyLive(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  msg: Doc<"unifiedMessages">,
  target: Target,
  kind: string,
  action: "confirm" | "correct" | "dismiss",
  c: {
    stage?: Doc<"deals">["stage"];
    label?: "positive" | "neutral" | "negative";
    text?: string;
    dueAt?: number | null;
    title?: string;
    company?: string;
    type?: string;
  },
  memberId: Id<"members">,
  now: number,
  relationshipId?: Id<"contactRelationships">,
) {
  const reviewed = { action, memberId, at: now };
  const { contactId } = target;
  switch (kind) {
    case "commitment": {
      const row = (
        await ctx.db
          .query("commitments")
          .withIndex("by_message", (q) => q.eq("organizationId", organizationId).eq("sourceMessageId", msg._id))
          .take(50)
      ).find((x) => (x.factKey ?? factKeys.commitment(x.text)) === target.factKey);
      if (!row) return;
      if (action === "dismiss") await ctx.db.delete(row._id);
      else if (action === "confirm") await ctx.db.patch(row._id, { reviewed });
      else
        await ctx.db.patch(row._id, {
          reviewed,
          source: "agent",
          ...(c.text !== undefined ? { text: c.text.trim(), action: c.text.trim() } : {}),
          ...(c.dueAt !== undefined ? { dueAt: c.dueAt ?? undefined } : {}),
        });
      return;
    }
    case "sentiment": {
      if (action === "confirm") return;
      const row = await insightOf(ctx, organizationId, msg._id);
      const label = action === "dismiss" ? "neutral" : c.label!;
      await ctx.db.patch(row._id, {
        sentimentLabel: label,
        sentiment: row.sentimentLabel === label ? row.sentiment : SENTIMENT_SCORE[label],
      });
      return;
    }
    case "dealStage": {
      if (action === "confirm") return;
      const row = await insightOf(ctx, organizationId, msg._id);
      const deal = await ctx.db
        .query("deals")
        .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
        .first();
      const event = await eventOf(ctx, msg, contactId, "deal_stage");
      if (action === "dismiss") {
        await ctx.db.patch(row._id, { dealCue: undefined });
        if (event) await ctx.db.delete(event._id);
        if (deal?.sourceMessageId === msg._id) {
          const previous = (event?.data?.from as Doc<"deals">["stage"] | null | undefined) ?? null;
          if (previous) await ctx.db.patch(deal._id, { stage: previous, source: "agent", updatedAt: now });
          else await ctx.db.delete(deal._id);
          await ctx.db.patch(contactId, { dealStage: previous ?? undefined, updatedAt: now });
        }
        return;
      }
      const stage = c.stage!;
      const cue = row.dealCue?.cue ?? target.span?.quote ?? "set by an agent";
      await ctx.db.patch(row._id, { dealCue: { stage, confidence: 1, cue, reopen: true, span: row.dealCue?.span } });
      if (event)
        await ctx.db.patch(event._id, {
          summary: `Deal stage set to ${stage} by an agent: “${cue}”`,
          data: { ...event.data, to: stage, source: "agent" },
        });
      // The contact's current deal follows when this message set it (a later message's stage stands).
      if (!deal || deal.sourceMessageId === msg._id) {
        const fields = {
          stage,
          confidence: 1,
          cue,
          sourceMessageId: msg._id,
          span: row.dealCue?.span,
          source: "agent" as const,
          updatedAt: now,
        };
        if (deal) await ctx.db.patch(deal._id, fields);
        else await ctx.db.insert("deals", { organizationId, contactId, ...fields, createdAt: now });
        await ctx.db.patch(contactId, { dealStage: stage, updatedAt: now });
      }
      return;
    }
    case "jobChange": {
      const event = await eventOf(ctx, msg, contactId, "job_change");
      if (action === "dismiss") {
        if (event) {
          await ctx.db.delete(event._id);
          await ctx.db.patch(contactId, {
            title: event.data?.from?.title ?? undefined,
            company: event.data?.from?.company ?? undefined,
            updatedAt: now,
          });
        }
      } else if (action === "correct") {
        await ctx.db.patch(contactId, {
          ...(c.title ? { title: c.title.trim() } : {}),
          ...(c.company ? { company: c.company.trim() } : {}),
          updatedAt: now,
        });
        if (event)
          await ctx.db.patch(event._id, {
            data: {
              ...event.data,
              to: { title: c.title ?? event.data?.to?.title, company: c.company ?? event.data?.to?.company },
              source: "agent",
            },
          });
      }
      return;
    }
    case "signature": {
      const profile = await ctx.db
        .query("contactProfiles")
        .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
        .first();
      if (!profile?.signature || profile.signature.sourceMessageId !== msg._id || action === "confirm") return;
      if (action === "dismiss") await ctx.db.patch(profile._id, { signature: undefined });
      else {
        await ctx.db.patch(profile._id, {
          signature: {
            ...profile.signature,
            title: c.title ?? profile.signature.title,
            company: c.company ?? profile.signature.company,
          },
        });
        await ctx.db.patch(contactId, {
          ...(c.title ? { title: c.title.trim() } : {}),
          ...(c.company ? { company: c.company.trim() } : {}),
          updatedAt: now,
        });
      }
      return;
    }
    case "relationship": {
      const rel = relationshipId ? await ctx.db.get(relationshipId) : null;
      if (!rel) return;
      if (action === "dismiss") {
        // Like a member deleting it: extraction never re-creates a suppressed relationship.
        await ctx.db.insert("relationshipSuppressions", {
          organizationId,
          fromContactId: rel.fromContactId,
          toContactId: rel.toContactId,
          type: rel.type,
          createdAt: now,
        });
        await ctx.db.delete(rel._id);
      } else {
        // A confirmed or corrected relationship becomes manual: recompute keeps manual edges.
        await ctx.db.patch(rel._id, {
          source: "manual",
          confidence: 1,
          ...(c.type ? { type: c.type } : {}),
          updatedAt: now,
        });
      }
      return;
    }
  }
}

/** Rebuilds the organization's correction model from its newest labelled examples. */
export const relearn = internalMutation({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const examples: LearnerExample[] = [];
    for (const kind of ["sentiment", "dealStage"] as const) {
      const rows = await ctx.db
        .query("factCorrections")
        .withIndex("by_kind", (q) => q.eq("organizationId", organizationId).eq("kind", kind))
        .order("desc")
        .take(LEARN_WINDOW);
      for (const r of rows) {
        const example = learnerExample(r);
        if (example) examples.push(example);
      }
    }
    const model = learnFromCorrections(examples);
    const existing = await ctx.db
      .query("correctionModels")
      .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
      .first();
    const row = { organizationId, model, examples: examples.length, updatedAt: Date.now() };
    if (existing) await ctx.db.replace(existing._id, row);
    else await ctx.db.insert("correctionModels", row);
    return examples.length;
  },
});

/** A stored verdict as the learner's labelled example (null when it teaches nothing). */
export function learnerExample(r: Doc<"factCorrections">): LearnerExample | null {
  if (!r.example) return null;
  const msg = { text: r.example.text, subject: r.example.subject, direction: r.example.direction };
  if (r.kind === "sentiment") {
    const label = r.action === "correct" ? r.corrected?.label : r.action === "confirm" ? r.extracted?.label : null;
    return label ? { field: "sentiment", msg, label } : null;
  }
  if (r.kind === "dealStage") {
    if (r.action === "dismiss") return { field: "dealStage", msg, label: null };
    const stage = r.action === "correct" ? r.corrected?.stage : r.extracted?.stage;
    return stage ? { field: "dealStage", msg, label: stage } : null;
  }
  return null;
}

/** The verdicts on one contact's facts, newest first. */
export const list = memberQuery({
  args: { contactId: v.id("contacts"), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { organizationId, contactId, paginationOpts }) => {
    await getOwned(ctx, organizationId, contactId);
    return ctx.db
      .query("factCorrections")
      .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
      .order("desc")
      .paginate(paginationOpts);
  },
});
