import { CHANNEL_IDS, THREAD_STATUSES } from "@switchboard/channels/ids";
import { z } from "zod";
import { canonicalTimeZone } from "../lib/timezone";

/** An IANA time zone name, stored in its canonical spelling ("europe/paris" -> "Europe/Paris"). */
const timezone = z
  .string()
  .max(64)
  .refine((name) => canonicalTimeZone(name) !== null, { message: "not an IANA time zone name (e.g. Europe/Paris)" })
  .transform((name) => canonicalTimeZone(name)!);

/** Request bodies and query parameters of REST API v1; the OpenAPI document derives from them. */
export const sendMessageBody = z
  .object({
    threadId: z.string().min(1),
    channel: z.enum(CHANNEL_IDS).optional(),
    text: z.string().max(32_000).default(""),
    subject: z.string().max(500).optional(),
    template: z
      .object({ name: z.string().min(1), language: z.string().min(2), components: z.array(z.unknown()).optional() })
      .optional(),
    /** Files uploaded with POST /api/v1/files (their `id`); the channel's limits are checked on send. */
    attachments: z
      .array(z.object({ fileId: z.string().min(1).max(64), caption: z.string().max(1024).optional() }))
      .max(20)
      .optional(),
  })
  .refine((b) => b.text.trim().length > 0 || b.template || (b.attachments?.length ?? 0) > 0, {
    message: "text, template or attachments is required",
    path: ["text"],
  });

/** POST /api/v1/files/claim: a file uploaded to an upload URL, by the storage id that URL answered. */
export const claimFileBody = z.object({
  storageId: z.string().min(1).max(64),
  filename: z.string().min(1).max(255).optional(),
  channel: z.enum(CHANNEL_IDS).optional(),
});

/** POST /api/v1/files: the body is the file; these name it and (optionally) the channel it is for. */
export const uploadQuery = z.object({
  filename: z.string().min(1).max(255).optional(),
  channel: z
    .enum(CHANNEL_IDS)
    .optional()
    .describe("check the file against this channel's limits now, not only when it is sent"),
});

export const createContactBody = z.object({
  displayName: z.string().min(1).max(200).optional(),
  company: z.string().max(200).optional(),
  title: z.string().max(200).optional(),
  timezone: timezone.optional(),
  identities: z
    .array(z.object({ channel: z.enum(CHANNEL_IDS), identifier: z.string().min(1).max(320) }))
    .min(1, "at least one identity (channel + identifier) is required")
    .max(20),
});

export const updateContactBody = z
  .object({
    displayName: z.string().min(1).max(200).optional(),
    company: z.string().max(200).optional(),
    title: z.string().max(200).optional(),
    timezone: timezone.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to update" });

export const listQuery = z.object({
  /** Opaque: exactly the nextCursor of the previous page. Bounded here; its content is checked by the query. */
  cursor: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  status: z.enum(THREAD_STATUSES).optional(),
});

export const createNoteBody = z.object({ text: z.string().min(1).max(4000) });

export const createLabelBody = z.object({
  name: z.string().min(1).max(40),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a hex colour like #4f46e5"),
});

export const addThreadLabelBody = z.object({ labelId: z.string().min(1).max(64) });

export const createSavedReplyBody = z.object({
  title: z.string().min(1).max(100),
  shortcut: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "a lower-case word of letters, digits, - or _"),
  body: z.string().min(1).max(4000),
});

/** GET /api/v1/search: one page of the best matches (no cursor: relevance order, bounded). */
export const searchQuery = z.object({
  q: z.string().trim().min(1, "a search term is required").max(200),
  channel: z.enum(CHANNEL_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** PATCH a thread: its team and/or assignee (null clears; absent leaves as is). */
export const updateThreadBody = z
  .object({
    teamId: z.string().min(1).max(64).nullable().optional(),
    assigneeId: z.string().min(1).max(64).nullable().optional(),
  })
  .strict()
  .refine((b) => b.teamId !== undefined || b.assigneeId !== undefined, { message: "nothing to update" });
