import type { Infer } from "convex/values";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type MutationCtx, type QueryCtx } from "../_generated/server";
import { readCapped } from "../lib/http";
import { checkMediaUrl, isHttpUrl } from "../lib/mediaUrl";
import type { attachment } from "../schema/validators";
import { recordOwnedFile } from "./files";

/**
 * Attachments of inbound messages. A sender (an anonymous visitor, an SMS or email sender)
 * chooses these URLs, so:
 * - only http(s) URLs are kept (`javascript:`, `data:`, `file:` ... are dropped when the message
 *   is stored), and an attachment with neither a safe URL nor a provider media id is dropped;
 * - the media is fetched once, server-side and without any credentials, into Convex file
 *   storage (`fetchMedia`, scheduled by the store): SSRF rules of lib/mediaUrl.ts on every hop,
 *   bounded size and time, and only the content types below (never HTML or SVG, which would
 *   run script where storage is served; image bytes must match their type);
 * - the dashboard shows stored images inline and everything else as a link; it never loads a
 *   remote URL by itself (apps/web MessageBubble).
 */

type Attachment = Infer<typeof attachment>;
export type StoredAttachment = Doc<"unifiedMessages">["attachments"][number];

export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;
export const MEDIA_FETCH_TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 3;

/** Types stored; images among them are shown inline. Anything else stays a link only. */
export const INLINE_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export const STORED_MEDIA_TYPES = new Set<string>([
  ...INLINE_IMAGE_TYPES,
  "application/pdf",
  "text/plain",
  "text/vcard",
  "audio/mpeg",
  "audio/ogg",
  "audio/aac",
  "audio/amr",
  "audio/mp4",
  "video/mp4",
  "video/3gpp",
]);

/** Magic numbers of the inline image types: a stored "image" must really be one. */
const IMAGE_SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  "image/png": (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/gif": (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38,
  "image/webp": (b) =>
    b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45,
};

/** The attachments worth storing: http(s) URLs only; others keep their media id or are dropped. */
export function safeInboundAttachments(list: Attachment[]): Attachment[] {
  const kept: Attachment[] = [];
  for (const a of list) {
    const { url, ...rest } = a;
    if (isHttpUrl(url)) kept.push({ ...rest, url });
    else if (rest.mediaId) kept.push(rest);
  }
  return kept;
}

/** Called by the inbound store after inserting a message: fetch its remote media, if any. */
export async function scheduleMediaFetch(
  ctx: MutationCtx,
  messageId: Id<"unifiedMessages">,
  attachments: Attachment[],
): Promise<void> {
  if (attachments.some((a) => a.url)) {
    await ctx.scheduler.runAfter(0, internal.messages.attachments.fetchMedia, { messageId });
  }
}

export const pendingMedia = internalQuery({
  args: { messageId: v.id("unifiedMessages") },
  handler: async (ctx, { messageId }) => {
    const message = await ctx.db.get(messageId);
    if (message?.direction !== "inbound") return [];
    return message.attachments.flatMap((a, index) =>
      a.url && !a.storageId && !a.mediaError ? [{ index, url: a.url }] : [],
    );
  },
});

export const recordMedia = internalMutation({
  args: {
    messageId: v.id("unifiedMessages"),
    index: v.number(),
    url: v.string(),
    stored: v.optional(v.object({ storageId: v.id("_storage"), contentType: v.string(), size: v.number() })),
    error: v.optional(v.string()),
  },
  handler: async (ctx, { messageId, index, url, stored, error }) => {
    const message = await ctx.db.get(messageId);
    const current = message?.attachments[index];
    if (!message || current?.url !== url || current.storageId) {
      // The message changed or went away meanwhile: keep no orphan file.
      if (stored) await ctx.storage.delete(stored.storageId);
      return;
    }
    // The file is this organization's: no other organization can claim it for a reply.
    if (stored) {
      await recordOwnedFile(ctx, {
        organizationId: message.organizationId,
        storageId: stored.storageId,
        contentType: stored.contentType,
        size: stored.size,
        filename: current.filename ?? "media",
      });
    }
    const attachments = [...message.attachments];
    attachments[index] = stored
      ? { ...current, storageId: stored.storageId, contentType: stored.contentType, size: stored.size }
      : { ...current, mediaError: error ?? "not fetched" };
    await ctx.db.patch(messageId, { attachments });
  },
});

/** Downloads each remote attachment of a message into file storage (see the module comment). */
export const fetchMedia = internalAction({
  args: { messageId: v.id("unifiedMessages") },
  handler: async (ctx, { messageId }): Promise<number> => {
    const pending: { index: number; url: string }[] = await ctx.runQuery(internal.messages.attachments.pendingMedia, {
      messageId,
    });
    for (const { index, url } of pending) {
      const result = await downloadMedia(url);
      if (result.ok) {
        const storageId = await ctx.storage.store(new Blob([result.bytes], { type: result.contentType }));
        await ctx.runMutation(internal.messages.attachments.recordMedia, {
          messageId,
          index,
          url,
          stored: { storageId, contentType: result.contentType, size: result.bytes.byteLength },
        });
      } else {
        await ctx.runMutation(internal.messages.attachments.recordMedia, {
          messageId,
          index,
          url,
          error: result.error,
        });
      }
    }
    return pending.length;
  },
});

export type MediaDownload =
  | { ok: true; bytes: Uint8Array<ArrayBuffer>; contentType: string }
  | { ok: false; error: string };

/**
 * One bounded download: no credentials or cookies, redirects followed by hand (at most
 * MAX_REDIRECTS) so every hop passes the SSRF check, a deadline for the whole download, the
 * size capped while reading (a lying or missing Content-Length cannot get past it).
 */
export async function downloadMedia(
  rawUrl: string,
  opts: { fetch?: typeof fetch; timeoutMs?: number; maxBytes?: number } = {},
): Promise<MediaDownload> {
  const doFetch = opts.fetch ?? fetch;
  const maxBytes = opts.maxBytes ?? MAX_MEDIA_BYTES;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? MEDIA_FETCH_TIMEOUT_MS);
  let target = rawUrl;
  try {
    for (let hop = 0; ; hop++) {
      const check = checkMediaUrl(target);
      if (!check.ok) return { ok: false, error: `refused: ${check.reason}` };
      const res = await doFetch(check.url.href, {
        method: "GET",
        redirect: "manual",
        credentials: "omit",
        headers: { accept: [...STORED_MEDIA_TYPES].join(", ") },
        signal,
      });
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get("location");
        await res.body?.cancel();
        if (!location || hop >= MAX_REDIRECTS) return { ok: false, error: "too many or empty redirects" };
        target = new URL(location, check.url).href;
        continue;
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        return { ok: false, error: `the server answered ${res.status}` };
      }
      const contentType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!STORED_MEDIA_TYPES.has(contentType)) {
        await res.body?.cancel();
        return { ok: false, error: `content type ${contentType || "(none)"} is not stored` };
      }
      const declared = Number(res.headers.get("content-length") ?? "0");
      if (declared > maxBytes) {
        await res.body?.cancel();
        return { ok: false, error: `larger than ${maxBytes} bytes` };
      }
      const bytes = await readCapped(res, maxBytes);
      if (!bytes) return { ok: false, error: `larger than ${maxBytes} bytes` };
      const signature = IMAGE_SIGNATURES[contentType];
      if (signature && !signature(bytes)) return { ok: false, error: `the content is not ${contentType}` };
      return { ok: true, bytes, contentType };
    }
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { ok: false, error: timedOut ? "timed out" : "the download failed" };
  }
}

/** What a reader of a message sees of an attachment: the stored copy's URL, never a way to load the remote one. */
export interface AttachmentView {
  filename?: string;
  contentType?: string;
  caption?: string;
  size?: number;
  /** Served from file storage: safe to show (inline when `inline`) or download. */
  mediaUrl?: string;
  inline: boolean;
  /** The sender's http(s) link, for an explicit click only; never loaded automatically. */
  url?: string;
}

export async function attachmentViews(ctx: QueryCtx, attachments: StoredAttachment[]): Promise<AttachmentView[]> {
  return Promise.all(
    attachments.map(async (a) => {
      const mediaUrl = a.storageId ? ((await ctx.storage.getUrl(a.storageId)) ?? undefined) : undefined;
      return {
        ...(a.filename !== undefined ? { filename: a.filename } : {}),
        ...(a.contentType !== undefined ? { contentType: a.contentType } : {}),
        ...(a.caption !== undefined ? { caption: a.caption } : {}),
        ...(a.size !== undefined ? { size: a.size } : {}),
        ...(mediaUrl ? { mediaUrl } : {}),
        inline: !!mediaUrl && (INLINE_IMAGE_TYPES as readonly string[]).includes(a.contentType ?? ""),
        ...(isHttpUrl(a.url) ? { url: a.url } : {}),
      };
    }),
  );
}

/** A message with its attachments as views (for queries that return messages to a browser). */
export async function withAttachmentViews<M extends { attachments: StoredAttachment[] }>(
  ctx: QueryCtx,
  message: M,
): Promise<Omit<M, "attachments"> & { attachments: AttachmentView[] }> {
  return { ...message, attachments: await attachmentViews(ctx, message.attachments) };
}
