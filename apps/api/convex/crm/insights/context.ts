import type { extractDeterministic, MessageInput } from "@switchboard/insights";
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
  ext: ReturnType<typeof extractDeterministic>;
  /** The signature block, inbound messages only (our own signature says nothing about the contact). */
  sig: ReturnType<typeof extractDeterministic>["signature"] | null;
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
