/**
 * Files integrators attach to messages (`attachments` on `POST /api/v1/messages`), uploaded one of
 * two ways:
 *
 * - `POST /api/v1/files`: the file is the request body of an HTTP action, which Convex caps at
 *   20 MB (docs.convex.dev/file-storage/upload-files, "Uploading files via an HTTP action"; the
 *   local backend enforces the same limit);
 * - for larger files, Convex's upload URL flow (same page, "Uploading files via upload URLs"):
 *   `POST /api/v1/files/upload-url`, the bytes POSTed to that URL, then `POST /api/v1/files/claim`
 *   with the storage id it answered, which makes the file the organization's like an agent's claim.
 *
 * The same limits as the dashboard composer either way: with `channel` the file is checked against
 * that channel's media limits (`COMPOSER_MEDIA`, packages/channels media.ts), without it against the
 * largest any channel sends; the send checks the chosen channel's descriptor again
 * (messages/files.ts `filesForReply`), as it does for agents.
 */

import { type ChannelId, PROVIDER_IDS } from "@switchboard/channels/ids";
import { COMPOSER_MEDIA, type MediaLimits, normalizeContentType, sendableTypes } from "@switchboard/channels/media";
import { getDescriptor } from "@switchboard/channels/registry";
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, internalQuery } from "../_generated/server";
import { readCapped } from "../lib/http";
import { cleanFilename, findUpload, recordOwnedFile } from "../messages/files";
import { pendingRefusal, recordPendingFile, reserveUploadUrl } from "../messages/uploads";
import { channelId } from "../schema/validators";

/** Convex's limit on an HTTP action's request body (the direct upload). */
export const REST_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

const ALL_MEDIA: (MediaLimits | undefined)[] = PROVIDER_IDS.map((p) => getDescriptor(p).media);
const SENDABLE = sendableTypes(ALL_MEDIA);
/** Every type an upload may have (the OpenAPI document lists them). */
export const UPLOADABLE_CONTENT_TYPES = [...SENDABLE].sort();

/** The largest file of `type` some channel sends (0 when none does). */
function largestSendable(type: string): number {
  return Math.max(0, ...ALL_MEDIA.map((m) => m?.types[type] ?? 0));
}

export type UploadRule =
  | { ok: true; contentType: string; maxBytes: number }
  | { ok: false; status: 415 | 422; code: string; message: string };

/** Whether a file of this Content-Type may be uploaded (for this channel), and the largest it may be. */
export function uploadRule(rawContentType: string | undefined, channel?: ChannelId): UploadRule {
  const contentType = normalizeContentType(rawContentType);
  if (channel) {
    const limits = COMPOSER_MEDIA[channel];
    if (!limits)
      return { ok: false, status: 422, code: "cannot_send", message: `The ${channel} channel sends no attachments` };
    if (!sendableTypes([limits]).has(contentType))
      return {
        ok: false,
        status: 415,
        code: "unsupported_media_type",
        message: `The ${channel} channel does not accept ${contentType || "files without a type"}; send the file's type as Content-Type`,
      };
    return { ok: true, contentType, maxBytes: limits.types[contentType]! };
  }
  if (!SENDABLE.has(contentType))
    return {
      ok: false,
      status: 415,
      code: "unsupported_media_type",
      message: `Files of type ${contentType || "(none)"} cannot be sent on any channel; send the file's type as Content-Type`,
    };
  return { ok: true, contentType, maxBytes: largestSendable(contentType) };
}

/**
 * The request body, at most `maxBytes` (lib/http readCapped: counted as it arrives); a declared
 * Content-Length over the limit is refused before reading.
 */
export async function readBounded(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | "too_large"> {
  if (Number(request.headers.get("content-length") ?? Number.NaN) > maxBytes) return "too_large";
  return (await readCapped(request, maxBytes)) ?? "too_large";
}

type Refusal = { status: 400 | 404 | 413 | 415 | 422; code: string; message: string };

/** A file as the API answers it: `id` is what `attachments[].fileId` names. */
const apiView = (row: Pick<Doc<"messageFiles">, "storageId" | "contentType" | "size" | "filename">) => ({
  id: row.storageId,
  contentType: row.contentType,
  size: row.size,
  filename: row.filename,
});

/** Why a stored file of this type and size cannot be the organization's (for this channel), or null. */
function refusalOf(contentType: string | undefined, size: number, channel?: ChannelId): Refusal | null {
  const rule = uploadRule(contentType, channel);
  if (!rule.ok) return rule;
  if (size > rule.maxBytes)
    return {
      status: 413,
      code: "payload_too_large",
      message: `${rule.contentType} files are accepted up to ${rule.maxBytes} bytes${channel ? ` on ${channel}` : ""}`,
    };
  if (size === 0) return { status: 400, code: "invalid_request", message: "The file is empty" };
  return null;
}

/**
 * Makes a file the HTTP action stored the organization's (a `messageFiles` row, as an agent's
 * claim does), its size read from storage's metadata. Returns what the API answers, or the
 * pending-uploads refusal: the route asks before reading the body, but concurrent uploads all pass
 * that check, so the cap is decided here, in the transaction that records the file (a refused
 * file is deleted; nothing else is written).
 */
export const record = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    storageId: v.id("_storage"),
    contentType: v.string(),
    filename: v.optional(v.string()),
  },
  handler: async (ctx, { organizationId, storageId, contentType, filename }) => {
    const file = await ctx.db.system.get(storageId);
    if (!file) throw new Error("The stored file is missing");
    const refused = await pendingRefusal(ctx, organizationId, "api");
    if (refused) {
      await ctx.storage.delete(storageId);
      return { refused };
    }
    const row = { organizationId, storageId, contentType, size: file.size, filename: cleanFilename(filename) };
    await recordOwnedFile(ctx, row);
    await recordPendingFile(ctx, organizationId, "api", storageId, false);
    return { file: apiView(row) };
  },
});

/**
 * `POST /api/v1/files/claim`: a file the integrator uploaded to an upload URL becomes the
 * organization's, if it is recent, nobody else's, and of a type and size the channel (or some
 * channel) sends; type and size come from storage's metadata, never from the request. A refused
 * file is deleted (nobody could send it), as the dashboard's claim does. Claiming again answers
 * the same file.
 */
export const claim = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    storageId: v.string(),
    filename: v.optional(v.string()),
    channel: v.optional(channelId),
  },
  handler: async (ctx, { organizationId, storageId, filename, channel }) => {
    const id = ctx.db.system.normalizeId("_storage", storageId);
    const upload = id ? await findUpload(ctx, organizationId, id) : null;
    if (!id || !upload) return { refused: { status: 404, code: "not_found", message: "No such upload" } as Refusal };
    if (upload.owned) return { file: apiView(upload.owned) };
    const refused = refusalOf(upload.file.contentType, upload.file.size, channel);
    if (refused) {
      await ctx.storage.delete(id);
      return { refused };
    }
    const row = {
      organizationId,
      storageId: id,
      contentType: normalizeContentType(upload.file.contentType),
      size: upload.file.size,
      filename: cleanFilename(filename),
    };
    await recordOwnedFile(ctx, row);
    await recordPendingFile(ctx, organizationId, "api", id, true);
    return { file: apiView(row) };
  },
});

/**
 * Whether the organization may upload another file directly (asked before the body is read), or
 * why not: too many uploads pending (messages/uploads.ts).
 */
export const uploadRefusal = internalQuery({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => pendingRefusal(ctx, organizationId, "api"),
});

/** `POST /api/v1/files/upload-url`: a Convex upload URL, unless too many uploads are pending. */
export const issueUploadUrl = internalMutation({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const refused = await reserveUploadUrl(ctx, organizationId, "api");
    return refused ? { refused } : { uploadUrl: await ctx.storage.generateUploadUrl() };
  },
});
