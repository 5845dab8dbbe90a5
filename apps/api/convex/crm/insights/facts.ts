/**
 * Facts of one message as stored: where each came from (a span of the message text), a key that
 * names it across recomputes, and the agent's corrections applied on top of what the extractor said.
 */
import type { Extraction, SourceSpan } from "@switchboard/insights";
import type { Doc } from "../../_generated/dataModel";

/** Longest quote stored with a fact: a signature block or a long sentence is cut (the offsets stay exact). */
export const MAX_QUOTE_CHARS = 500;

/**
 * A span over the text the extractor saw, mapped to offsets in the stored message text. The
 * extractor sees at most MAX_EXTRACT_CHARS: the head of a longer text, a newline, then its tail
 * (crm/insights.ts boundedText), so a span in the tail is shifted back. Returns undefined when the
 * span does not point at its quote in the stored text (never a misleading link).
 */
export function messageSpan(
  span: SourceSpan | null | undefined,
  text: string,
  extracted: string,
  tailLength: number,
): { start: number; end: number; quote: string } | undefined {
  if (!span) return undefined;
  let { start, end } = span;
  if (extracted !== text) {
    const headLength = extracted.length - tailLength - 1;
    if (start >= headLength + 1) {
      const shift = text.length - extracted.length;
      start += shift;
      end += shift;
    } else if (end > headLength) return undefined;
  }
  if (start < 0 || end > text.length || end <= start) return undefined;
  const quote = text.slice(start, end);
  if (quote !== span.quote) return undefined;
  return { start, end, quote: quote.length > MAX_QUOTE_CHARS ? `${quote.slice(0, MAX_QUOTE_CHARS - 1)}…` : quote };
}

/** Names a fact within its message; stable across recomputes (the extractor is deterministic). */
export const factKeys = {
  sentiment: () => "sentiment",
  dealStage: () => "dealStage",
  jobChange: () => "jobChange",
  signature: () => "signature",
  commitment: (text: string) => `commitment:${text.trim().toLowerCase().replace(/\s+/g, " ").slice(0, 200)}`,
  relationship: (type: string, ref: { email?: string | null; name?: string | null }) =>
    `relationship:${type}:${(ref.email ?? ref.name ?? "").trim().toLowerCase()}`,
};

export type Correction = Doc<"factCorrections">;

const SENTIMENT_SCORE = { positive: 0.5, neutral: 0, negative: -0.5 } as const;

/**
 * What the extraction says once the agents' verdicts on this message are applied: dismissed facts
 * are gone, corrected ones carry the agent's value. (Job-change corrections are applied by the
 * jobChange phase, which compares against the contact.) Returns the keys of the facts an agent
 * confirmed or corrected, so the phases can mark them.
 */
export function applyCorrections(
  ext: Extraction,
  corrections: Correction[],
): { ext: Extraction; reviewed: Map<string, Correction>; commitmentKeys: string[] } {
  const byKey = new Map(corrections.map((c) => [c.factKey, c]));
  const reviewed = new Map(corrections.map((c) => [c.factKey, c]));
  const commitmentKeys: string[] = [];
  let { sentiment, dealCue, signature, commitments, relationships } = ext;
  const s = byKey.get(factKeys.sentiment());
  if (s?.action === "correct" && s.corrected?.label in SENTIMENT_SCORE) {
    const label = s.corrected.label as keyof typeof SENTIMENT_SCORE;
    sentiment = { ...sentiment, label, score: sentiment.label === label ? sentiment.score : SENTIMENT_SCORE[label] };
  } else if (s?.action === "dismiss") {
    sentiment = { ...sentiment, label: "neutral", score: 0 };
  }
  const d = byKey.get(factKeys.dealStage());
  if (d?.action === "dismiss") dealCue = null;
  else if (d?.action === "correct" && typeof d.corrected?.stage === "string") {
    // Certain and allowed to move any way (reopen): the agent's word replaces the cue's.
    dealCue = {
      stage: d.corrected.stage,
      confidence: 1,
      cue: dealCue?.cue ?? d.span?.quote ?? "set by an agent",
      reopen: true,
      sourceMessageId: ext.messageId,
      span: dealCue?.span ?? d.span ?? null,
    };
  }
  const sig = byKey.get(factKeys.signature());
  if (sig?.action === "dismiss") signature = null;
  else if (sig?.action === "correct" && signature) {
    signature = {
      ...signature,
      title: sig.corrected?.title ?? signature.title,
      company: sig.corrected?.company ?? signature.company,
    };
  }
  commitments = commitments.flatMap((c) => {
    const key = factKeys.commitment(c.text);
    const k = byKey.get(key);
    if (k?.action === "dismiss") return [];
    commitmentKeys.push(key);
    if (k?.action === "correct") {
      const dueAt = k.corrected && "dueAt" in k.corrected ? (k.corrected.dueAt ?? null) : c.dueAt;
      return [{ ...c, text: k.corrected?.text ?? c.text, action: k.corrected?.text ?? c.action, dueAt }];
    }
    return [c];
  });
  relationships = relationships.flatMap((r) => {
    const k = byKey.get(factKeys.relationship(r.type, r.toRef));
    if (k?.action === "dismiss") return [];
    if (k?.action === "correct" && typeof k.corrected?.type === "string") return [{ ...r, type: k.corrected.type }];
    return [r];
  });
  return { ext: { ...ext, sentiment, dealCue, signature, commitments, relationships }, reviewed, commitmentKeys };
}
