import { clean, MAX_SIGNATURE_LINKS, type MessageContext } from "./context";
import type { Mentions } from "./relationships";

/** Mentions of people who are not contacts kept per message (shown as hints, not data). */
export const MAX_MENTIONS = 10;

/** The per-message row: sentiment, deal cue, mentions and the signature as read. */
export async function storeMessageInsight(
  { ctx, organizationId, contactId, msg, ext, sig, span, source }: MessageContext,
  mentions: Mentions,
) {
  await ctx.db.insert("messageInsights", {
    organizationId,
    contactId,
    messageId: msg._id,
    direction: msg.direction,
    at: msg.sentAt,
    sentiment: ext.sentiment.score,
    sentimentLabel: ext.sentiment.label,
    sentimentSpan: span(ext.sentiment.span),
    source,
    dealCue: ext.dealCue
      ? {
          stage: ext.dealCue.stage,
          confidence: ext.dealCue.confidence,
          cue: ext.dealCue.cue,
          reopen: ext.dealCue.reopen,
          span: span(ext.dealCue.span),
        }
      : undefined,
    mentions: mentions.length ? mentions.slice(0, MAX_MENTIONS) : undefined,
    signature: sig
      ? {
          name: clean(sig.name),
          title: clean(sig.title),
          company: clean(sig.company),
          phones: sig.phones,
          emails: sig.emails,
          links: sig.links.slice(0, MAX_SIGNATURE_LINKS),
          span: span(sig.span),
        }
      : undefined,
  });
}
