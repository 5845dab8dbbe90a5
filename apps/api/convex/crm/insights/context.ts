import type { Extraction, MessageInput, SourceSpan } from "@switchboard/insights";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";

/** What every insight phase reads: one message, its (live) contact and what the extractor found. */
export interface MessageContext {
  ctx: MutationCtx;
  org: Doc<"organizations">;
  organizationId: Id<"organizations">;
  contact: Doc<"contacts">;
  contactId: Id<"contacts">;
  msg: Doc<"unifiedMessages">;
  input: MessageInput;
  /** What the extractor found, with the organization's model, a stored AI review and the agents' corrections applied. */
  ext: Extraction;
  /** The signature block, inbound messages only (our own signature says nothing about the contact). */
  sig: Extraction["signature"] | null;
  /** The agents' verdicts on facts of this message, by fact key (crm/insights/facts.ts). */
  reviewed: Map<string, Doc<"factCorrections">>;
  /** The fact key of each of ext.commitments (taken before corrections changed their text). */
  commitmentKeys: string[];
  /** A span of the extractor's text mapped onto the stored message text (undefined when it can't be). */
  span(s: SourceSpan | null | undefined): { start: number; end: number; quote: string } | undefined;
  /** "ai" when a validated AI review was merged into this extraction. */
  source: "rules" | "ai";
  /** The sender's address, inbound email only. */
  senderEmail: string | undefined;
  /** Our own company domain on this email (never a signal about the contact). */
  ownDomain: string | null;
  now: number;
}

/** Fields a phase changes on the contact; written once, after every phase. */
export type ContactPatch = Partial<Doc<"contacts">>;

/** Commitments / relationship candidates taken from one message (a pathological text can't flood). */
export const MAX_PER_MESSAGE = 20;
/** Links kept from one signature: a real signature has a few; more is a footer or a link list. */
export const MAX_SIGNATURE_LINKS = 10;

export function clean(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}
