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
 */
import { advanceDeal, detectJobChange, extractDeterministic, fulfilmentEvidence, type MessageInput } from "@switchboard/insights";
import type { CountryCode } from "libphonenumber-js";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { suggestFromNameAndDomain } from "../contacts/identities";
import { companyDomainOf, contactsAtDomain, otherHolders, registerDomain } from "../contacts/model";
import { upsertExtractedRelationship } from "../contacts/relationships";
import { liveContact } from "../contacts/resolve";
import { SIGNAL_WEIGHTS, suggestMerge } from "../contacts/mergeSuggestions";
import { getProfile, refreshProfile, toCommitment } from "./profile";

/** Open commitments of the contact checked for fulfilment by each new message. */
export const FULFILMENT_WINDOW = 50;
/** Contacts at the sender's company domain linked as colleagues per message. */
export const DOMAIN_COLLEAGUES = 10;
/** Timeline event kinds produced by extraction (recompute deletes and re-creates them). */
export const DERIVED_EVENT_KINDS = ["job_change", "deal_stage"] as const;
/** Commitments / relationship candidates taken from one message. */
export const MAX_PER_MESSAGE = 20;
/** Confidence of the "same company domain" colleague signal. */
export const DOMAIN_COLLEAGUE_CONFIDENCE = 0.4;

/** Longest text handed to the extractor: the head (body) and the tail (signature) of longer ones. */
export const MAX_EXTRACT_CHARS = 20_000;

function boundedText(text: string): string {
  if (text.length <= MAX_EXTRACT_CHARS) return text;
  const tail = Math.floor(MAX_EXTRACT_CHARS / 5);
  return `${text.slice(0, MAX_EXTRACT_CHARS - tail)}\n${text.slice(-tail)}`;
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

function clean(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
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
  let ext: ReturnType<typeof extractDeterministic>;
  try {
    // Pure and before any write: a message the extractor cannot handle is marked processed and
    // skipped, it never blocks the rest of the burst.
    ext = extractDeterministic(input, {
      timezone: contact.timezone ?? org.timezone,
      defaultRegion: org.defaultRegion as CountryCode,
      ownDomains: ownDomain ? [ownDomain] : [],
    });
  } catch (err) {
    console.error(`insights: extraction failed for message ${msg._id}: ${err instanceof Error ? err.message : String(err)}`);
    await ctx.db.patch(msg._id, { insightsAt: now });
    return null;
  }
  const inbound = msg.direction === "inbound";
  const sig = inbound ? ext.signature : null;
  const senderEmail = inbound && msg.channel === "email" ? msg.from.toLowerCase() : undefined;

  // Commitments: earlier open promises fulfilled by this message, then this message's own.
  const open = await ctx.db
    .query("commitments")
    .withIndex("by_contact_status", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId).eq("status", "open"))
    .take(FULFILMENT_WINDOW);
  for (const c of open) {
    if (c.sourceMessageId === msg._id) continue;
    const evidence = fulfilmentEvidence(toCommitment(c), input);
    if (evidence) {
      await ctx.db.patch(c._id, { status: "done", doneAt: msg.sentAt, doneByMessageId: msg._id, doneEvidence: evidence });
    }
  }
  for (const c of ext.commitments.slice(0, MAX_PER_MESSAGE)) {
    await ctx.db.insert("commitments", {
      organizationId,
      contactId,
      sourceMessageId: msg._id,
      text: c.text,
      action: c.action,
      kind: c.kind,
      actor: c.actor,
      who: clean(c.who),
      status: "open",
      dueAt: c.dueAt ?? undefined,
      duePhrase: clean(c.duePhrase),
      createdAt: c.createdAt,
    });
  }

  // Relationships: resolve the people named to contacts by email address.
  const mentions: NonNullable<Doc<"messageInsights">["mentions"]> = [];
  for (const r of ext.relationships.slice(0, MAX_PER_MESSAGE)) {
    const email = r.toRef.email?.toLowerCase();
    let target: Doc<"contacts"> | null = null;
    if (email) {
      const { holders, onSelf } = await otherHolders(ctx, organizationId, "email", email, contactId);
      if (onSelf) continue;
      target = holders[0] ?? null;
    }
    if (!target) {
      mentions.push({ name: clean(r.toRef.name), email, type: r.type, confidence: r.confidence, evidence: r.evidence });
      continue;
    }
    await upsertExtractedRelationship(ctx, {
      organizationId,
      fromContactId: contactId,
      toContactId: target._id,
      type: r.type,
      confidence: r.confidence,
      evidence: { messageId: msg._id, text: r.evidence },
      now,
    });
  }
  const senderDomain = companyDomainOf(senderEmail);
  // Domain signals are evaluated once per (contact, domain): the first time the contact writes
  // from it (they are not per-message evidence, and this keeps each message's reads small).
  if (senderDomain && senderDomain !== ownDomain && (await registerDomain(ctx, organizationId, contactId, senderDomain, now))) {
    for (const peer of await contactsAtDomain(ctx, organizationId, senderDomain, contactId, DOMAIN_COLLEAGUES)) {
      await upsertExtractedRelationship(ctx, {
        organizationId,
        fromContactId: contactId,
        toContactId: peer._id,
        type: "colleague",
        confidence: DOMAIN_COLLEAGUE_CONFIDENCE,
        evidence: { text: `same company domain ${senderDomain}` },
        now,
      });
    }
    await suggestFromNameAndDomain(ctx, organizationId, contact, senderDomain, now, msg._id);
  }

  // Signature: identifiers -> identities or merge suggestions; title/company -> profile.
  let contactPatch: Partial<Doc<"contacts">> = {};
  if (sig) {
    const found: Array<{ kind: "phone" | "email"; value: string }> = [
      ...sig.phones.map((p) => ({ kind: "phone" as const, value: p })),
      ...sig.emails.filter((e) => e !== senderEmail).map((e) => ({ kind: "email" as const, value: e.toLowerCase() })),
    ];
    for (const { kind, value } of found.slice(0, 6)) {
      const { holders, onSelf } = await otherHolders(ctx, organizationId, kind, value, contactId);
      for (const other of holders.slice(0, 3)) {
        await suggestMerge(
          ctx,
          organizationId,
          contactId,
          other._id,
          {
            signal: "signature_identifier",
            detail: `${kind === "phone" ? "Phone" : "Email"} ${value} in the signature of a ${msg.channel} message from "${contact.displayName}" belongs to "${other.displayName}"`,
            key: `sig:${kind}:${value}`,
            weight: kind === "phone" ? SIGNAL_WEIGHTS.signature_phone : SIGNAL_WEIGHTS.signature_email,
            messageId: msg._id,
          },
          now,
        );
      }
      if (!onSelf && holders.length === 0) {
        await ctx.db.insert("contactIdentities", {
          organizationId,
          contactId,
          channel: kind === "phone" ? "sms" : "email",
          kind,
          identifier: value,
          verified: false,
          source: "signature",
          createdAt: now,
        });
      }
    }
    const title = clean(sig.title);
    const company = clean(sig.company);
    if (title || company) {
      const change = detectJobChange({ title: contact.title, company: contact.company }, { title, company });
      if (change.changed) {
        const from = change.kind === "company" ? contact.company : contact.title;
        const to = change.kind === "company" ? company : title;
        await ctx.db.insert("contactEvents", {
          organizationId,
          contactId,
          kind: "job_change",
          at: msg.sentAt,
          summary:
            change.kind === "company"
              ? `${contact.displayName} moved from ${from} to ${to}${title ? ` (${title})` : ""}`
              : `${contact.displayName} changed title from ${from} to ${to}`,
          data: { change: change.kind, from: change.from, to: change.to },
          sourceMessageId: msg._id,
        });
      }
      contactPatch = { ...contactPatch, title: title ?? contact.title, company: company ?? contact.company };
      const profile = await getProfile(ctx, organizationId, contactId);
      const signature = {
        title,
        company,
        phones: sig.phones,
        links: sig.links.slice(0, 10),
        sourceMessageId: msg._id,
        at: msg.sentAt,
      };
      if (profile) await ctx.db.patch(profile._id, { signature });
      else await ctx.db.insert("contactProfiles", { organizationId, contactId, signature, basedOnMessages: 0, computedAt: now });
    }
  }

  // Deal stage.
  if (ext.dealCue) {
    const deal = await ctx.db
      .query("deals")
      .withIndex("by_contact", (q) => q.eq("organizationId", organizationId).eq("contactId", contactId))
      .first();
    const current = deal?.stage ?? null;
    const advance = advanceDeal(current, ext.dealCue);
    if (advance.changed && advance.stage) {
      const fields = {
        stage: advance.stage,
        confidence: ext.dealCue.confidence,
        cue: ext.dealCue.cue,
        sourceMessageId: msg._id,
        updatedAt: now,
      };
      if (deal) await ctx.db.patch(deal._id, fields);
      else await ctx.db.insert("deals", { organizationId, contactId, ...fields, createdAt: now });
      await ctx.db.insert("contactEvents", {
        organizationId,
        contactId,
        kind: "deal_stage",
        at: msg.sentAt,
        summary: `Deal ${current ? `moved from ${current} to ${advance.stage}` : `opened at ${advance.stage}`}: “${ext.dealCue.cue}”`,
        data: { from: current, to: advance.stage, cue: ext.dealCue.cue, confidence: ext.dealCue.confidence, reason: advance.reason },
        sourceMessageId: msg._id,
      });
      contactPatch = { ...contactPatch, dealStage: advance.stage };
    }
  }

  await ctx.db.insert("messageInsights", {
    organizationId,
    contactId,
    messageId: msg._id,
    direction: msg.direction,
    at: msg.sentAt,
    sentiment: ext.sentiment.score,
    sentimentLabel: ext.sentiment.label,
    dealCue: ext.dealCue
      ? { stage: ext.dealCue.stage, confidence: ext.dealCue.confidence, cue: ext.dealCue.cue, reopen: ext.dealCue.reopen }
      : undefined,
    mentions: mentions.length ? mentions.slice(0, 10) : undefined,
    signature: sig
      ? {
          name: clean(sig.name),
          title: clean(sig.title),
          company: clean(sig.company),
          phones: sig.phones,
          emails: sig.emails,
          links: sig.links.slice(0, 10),
        }
      : undefined,
  });
  if (Object.keys(contactPatch).length) await ctx.db.patch(contactId, { ...contactPatch, updatedAt: now });
  await ctx.db.patch(msg._id, { insightsAt: now });
  return contactId;
}

/** Messages extracted per hook transaction; a bigger burst continues in a scheduled follow-up. */
export const HOOK_BATCH = 50;

/** Downstream hook (inbound/hooks.ts): one coalesced burst of inbound messages. */
export const onBurst = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    threadId: v.id("conversationThreads"),
    hookRunId: v.id("hookRuns"),
    messageIds: v.array(v.id("unifiedMessages")),
  },
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
      // A contact being re-derived from scratch: its replay walks to the newest message and
      // picks this one up (processing it here too would duplicate its rows).
      if (!recomputing.has(msg.contactId)) {
        const job = await ctx.db
          .query("recomputeJobs")
          .withIndex("by_contact", (q) => q.eq("organizationId", org._id).eq("contactId", msg.contactId))
          .order("desc")
          .first();
        recomputing.set(msg.contactId, !!job && job.status !== "done");
      }
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
