import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { readPromise } from "./commitmentModel";
import { actorOf, type Commitment, classifyCommitment, extractCommitments } from "./commitments";
import { DEAL_STAGES, type DealCue, detectDealCue } from "./dealStage";
import {
  detectJobAnnouncement,
  detectJobChange,
  detectJobChangeInMessage,
  type JobAnnouncement,
  type JobChange,
  type JobProfile,
} from "./jobChange";
import { extractRelationships, type RelationshipCandidate } from "./relationships";
import { type SentimentResult, scoreSentiment } from "./sentiment";
import { parseSignature, type Signature } from "./signature";
import { findEmails } from "./text";
import type { MessageInput } from "./types";

export interface ExtractionContext {
  /** IANA zone for deadlines. Default "UTC". */
  timezone?: string;
  /**
   * Round 14: IANA zone of the message's reader, for a time given in it ("I'll call at 9am your time"): the
   * contact's for what we send, the organization's for what a contact sends. Without it such a time is read in
   * `timezone`.
   */
  readerTimezone?: string;
  /** Region for phone numbers without a country code. Default "US". */
  defaultRegion?: CountryCode;
  /** Our own email domains (never a contact's company). */
  ownDomains?: string[];
  /** Local hour for date-only deadlines. Default 17. */
  endOfDayHour?: number;
  /** The sender's stored profile; when given, `jobChange` compares it with the parsed signature. */
  previousProfile?: JobProfile;
}

export interface Extraction {
  messageId: string;
  sentiment: SentimentResult;
  commitments: Commitment[];
  signature: Signature | null;
  dealCue: DealCue | null;
  relationships: RelationshipCandidate[];
  /**
   * Set when `ctx.previousProfile` was given and the message announces a new role in its body or
   * carries a signature with a title or company. `span` points at the evidence.
   */
  jobChange: JobChange | null;
  /** A first-person job announcement in the body ("I've joined Y as Head of Sales"), if any. */
  jobAnnouncement?: JobAnnouncement | null;
  /** Which extractor produced the result. */
  source: "deterministic" | "llm";
  /** Why an LLM extractor fell back to the deterministic result. */
  fallbackReason?: string;
}

export interface Extractor {
  extract(msg: MessageInput, ctx?: ExtractionContext): Promise<Extraction>;
}

/** Synchronous deterministic extraction (the default extractor wraps this). */
export function extractDeterministic(msg: MessageInput, ctx: ExtractionContext = {}): Extraction {
  const signature =
    msg.channel === "email" || msg.channel === "webhook" || /\n/.test(msg.text)
      ? parseSignature(msg.text, { defaultRegion: ctx.defaultRegion })
      : null;
  return {
    messageId: msg.id,
    sentiment: scoreSentiment(msg.text),
    commitments: extractCommitments(
      msg,
      { timezone: ctx.timezone, endOfDayHour: ctx.endOfDayHour, readerTimezone: ctx.readerTimezone },
      // round 17: the learned promise reader, asked where no rule read a promise (README "Round 17 — a learned promise reader")
      readPromise,
    ),
    signature,
    dealCue: detectDealCue(msg),
    relationships: extractRelationships(msg, { ownDomains: ctx.ownDomains, signature }),
    jobChange: ctx.previousProfile ? stripSource(detectJobChangeInMessage(ctx.previousProfile, msg)) : null,
    jobAnnouncement: detectJobAnnouncement(msg),
    source: "deterministic",
  };
}

function stripSource(c: ReturnType<typeof detectJobChangeInMessage>): JobChange | null {
  if (!c) return null;
  const { source: _source, ...change } = c;
  return change;
}

function jobChangeFor(signature: Signature | null, ctx: ExtractionContext): JobChange | null {
  if (!ctx.previousProfile || !signature || (!signature.title && !signature.company)) return null;
  return detectJobChange(ctx.previousProfile, { title: signature.title, company: signature.company });
}

/** Rule-based, offline, deterministic extractor. */
export const deterministicExtractor: Extractor = {
  extract: async (msg, ctx) => extractDeterministic(msg, ctx),
};

const nullableString = z
  .string()
  .trim()
  .min(1)
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/** Shape the model must return (validated with zod; anything else triggers the fallback). */
export const llmExtractionSchema = z.object({
  sentiment: z.object({
    score: z.number().min(-1).max(1),
    label: z.enum(["positive", "neutral", "negative"]),
  }),
  commitments: z
    .array(
      z.object({
        text: z.string().min(1),
        action: z.string().min(1).optional(),
        dueAt: z.string().datetime({ offset: true }).nullable().optional(),
      }),
    )
    .default([]),
  signature: z
    .object({
      name: nullableString,
      title: nullableString,
      company: nullableString,
      phones: z.array(z.string()).default([]),
      emails: z.array(z.string()).default([]),
      links: z.array(z.string()).default([]),
    })
    .nullable()
    .default(null),
  dealCue: z
    .object({
      stage: z.enum(DEAL_STAGES as [string, ...string[]]),
      confidence: z.number().min(0).max(1),
      cue: z.string().min(1),
      reopen: z.boolean().optional(),
    })
    .nullable()
    .default(null),
  relationships: z
    .array(
      z.object({
        toName: nullableString,
        toEmail: nullableString,
        type: z.enum(["colleague", "manager", "direct_report", "assistant", "assistant_to"]),
        confidence: z.number().min(0).max(1),
        evidence: z.string().min(1),
      }),
    )
    .default([]),
});
export type LlmExtraction = z.infer<typeof llmExtractionSchema>;

/** Builds the JSON-only prompt sent to the model. */
export function buildExtractionPrompt(msg: MessageInput, ctx: ExtractionContext = {}): string {
  return [
    "You extract CRM facts from one message. Reply with ONE JSON object and nothing else.",
    "Schema:",
    `{"sentiment":{"score":number -1..1,"label":"positive"|"neutral"|"negative"},`,
    ` "commitments":[{"text":sentence containing a promise by the author,"action":string,"dueAt":ISO-8601 with offset or null}],`,
    ` "signature":{"name","title","company":string|null,"phones":[E.164],"emails":[],"links":[]} or null,`,
    ` "dealCue":{"stage":"interest"|"proposal"|"negotiation"|"won"|"lost","confidence":0..1,"cue":quoted text,"reopen":boolean} or null,`,
    ` "relationships":[{"toName":string|null,"toEmail":string|null,"type":"colleague"|"manager"|"direct_report"|"assistant"|"assistant_to","confidence":0..1,"evidence":quoted text}]}`,
    "Rules: ignore quoted replies and disclaimers; questions and conditionals are not commitments;",
    `resolve relative deadlines against sentAt in time zone ${ctx.timezone ?? "UTC"}; a date without time means 17:00.`,
    ...(ctx.readerTimezone ? [`A time "your time" is in the reader's time zone ${ctx.readerTimezone}.`] : []),
    "",
    `direction: ${msg.direction} (inbound = written by the contact, outbound = written by us)`,
    `channel: ${msg.channel}`,
    `sentAt: ${new Date(msg.sentAt).toISOString()}`,
    msg.senderName ? `sender: ${msg.senderName}${msg.senderIdentifier ? ` <${msg.senderIdentifier}>` : ""}` : "",
    msg.cc?.length ? `cc: ${msg.cc.join(", ")}` : "",
    msg.subject ? `subject: ${msg.subject}` : "",
    "message:",
    '"""',
    msg.text,
    '"""',
  ]
    .filter((l) => l !== "")
    .join("\n");
}

/** Pulls the first JSON object out of a model reply (tolerates ```json fences and chatter). */
export function parseJsonReply(reply: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(reply);
  const body = fenced?.[1] ?? reply;
  const start = body.indexOf("{");
  const end = body.lastIndexOf("}");
  if (start < 0 || end <= start) throw new Error("no JSON object in reply");
  return JSON.parse(body.slice(start, end + 1));
}

function toExtraction(msg: MessageInput, data: LlmExtraction, ctx: ExtractionContext): Extraction {
  const region = ctx.defaultRegion ?? "US";
  const sig = data.signature;
  const signature: Signature | null = sig
    ? {
        name: sig.name,
        title: sig.title,
        company: sig.company,
        phones: [
          ...new Set(
            sig.phones
              .map((p) => parsePhoneNumberFromString(p, region))
              .filter((p) => p?.isValid())
              .map((p) => p!.number as string),
          ),
        ],
        emails: sig.emails.flatMap((e) => findEmails(e)),
        links: sig.links,
        raw: "",
        mobileFooter: null,
      }
    : null;
  const sender = findEmails(msg.senderIdentifier ?? "")[0];
  return {
    messageId: msg.id,
    sentiment: {
      score: data.sentiment.score,
      label: data.sentiment.label,
      raw: 0,
      tokens: 0,
      positive: [],
      negative: [],
    },
    commitments: data.commitments.map((c) => {
      const due = c.dueAt ? Date.parse(c.dueAt) : NaN;
      const action = c.action ?? c.text;
      return {
        text: c.text,
        action,
        kind: classifyCommitment(action),
        actor: actorOf(msg.direction),
        who: msg.senderName ?? null,
        dueAt: Number.isFinite(due) ? due : null,
        duePhrase: null,
        sourceMessageId: msg.id,
        createdAt: msg.sentAt,
      };
    }),
    signature,
    jobChange: jobChangeFor(signature, ctx),
    dealCue: data.dealCue
      ? {
          stage: data.dealCue.stage as DealCue["stage"],
          confidence: data.dealCue.confidence,
          cue: data.dealCue.cue,
          reopen: data.dealCue.reopen ?? false,
          sourceMessageId: msg.id,
        }
      : null,
    relationships: data.relationships
      .filter((r) => r.toName || r.toEmail)
      .map((r) => ({
        fromRef: { ...(msg.senderName ? { name: msg.senderName } : {}), ...(sender ? { email: sender } : {}) },
        toRef: { ...(r.toName ? { name: r.toName } : {}), ...(r.toEmail ? { email: r.toEmail.toLowerCase() } : {}) },
        type: r.type,
        confidence: r.confidence,
        evidence: r.evidence,
      })),
    source: "llm",
  };
}

export interface LlmExtractorOptions {
  /** Sends a prompt to an OpenAI-compatible model and resolves with the raw text reply. */
  generate: (prompt: string) => Promise<string>;
  /** Extractor used when the reply is missing, not JSON or fails validation. Default deterministic. */
  fallback?: Extractor;
}

/**
 * LLM-backed extractor. The caller injects `generate` (no network code here). Any failure – `generate`
 * throwing, a non-JSON reply, or a reply that fails {@link llmExtractionSchema} – falls back to the
 * deterministic result with `fallbackReason` set. Phones are re-normalised to E.164; invalid ones dropped.
 */
export function createLlmExtractor(opts: LlmExtractorOptions): Extractor {
  const fallback = opts.fallback ?? deterministicExtractor;
  return {
    async extract(msg, ctx = {}) {
      let reason: string;
      try {
        const reply = await opts.generate(buildExtractionPrompt(msg, ctx));
        const parsed = llmExtractionSchema.safeParse(parseJsonReply(reply));
        if (parsed.success) return toExtraction(msg, parsed.data, ctx);
        reason = `invalid output: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
      } catch (err) {
        reason = `generate/parse failed: ${err instanceof Error ? err.message : String(err)}`;
      }
      const result = await fallback.extract(msg, ctx);
      return { ...result, fallbackReason: reason };
    },
  };
}
