import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";

/**
 * Uploads that are started and never used, bounded and swept (the upload URL flow of the
 * dashboard's composer and of REST, and REST's direct upload; messages/files.ts, rest/files.ts).
 *
 * - Handing out an upload URL records a `url` row; claiming an upload turns the organization's
 *   oldest live one into a `file` row (the file it now owns, not yet in any message); a REST
 *   direct upload records a `file` row. A reply that attaches the file deletes its row
 *   (`markAttached`, from filesForReply), so a file a message names never has one.
 * - An organization has at most MAX_PENDING_UPLOADS live rows per source (its dashboard members,
 *   its API keys): more upload URLs (or direct uploads) from that source are refused until some
 *   are used or expire (`pendingRefusal`).
 * - The hourly `sweep` deletes `url` rows past UPLOAD_CLAIM_WINDOW_MS (the URL can no longer be
 *   claimed), files with a `file` row older than UNATTACHED_FILE_TTL_MS (claimed, never sent:
 *   the file, its messageFiles row and the pending row), and blobs in `_storage` older than
 *   UNCLAIMED_BLOB_TTL_MS (2 h) which no organization owns (uploaded to a URL and never claimed: Convex never tells the
 *   server the storage id of such an upload, so the sweep walks `_storage` in creation order
 *   from where it stopped, storageSweeps). Each pass is bounded (SWEEP_BATCH of each kind) and
 *   schedules its own continuation while a kind had a full page; everything is idempotent.
 *
 * Files of inbound messages and of the demo seed are recorded as owned and attached at once
 * (recordOwnedFile) and never get a row, so the sweep cannot touch them.
 */

const HOUR = 60 * 60_000;
/**
 * An upload must be claimed this soon after it is made (the composer claims it at once); Convex's
 * upload URLs expire after an hour too (docs.convex.dev/file-storage/upload-files).
 */
export const UPLOAD_CLAIM_WINDOW_MS = HOUR;
/** A file claimed or uploaded and not attached to a message within this is deleted. */
export const UNATTACHED_FILE_TTL_MS = 24 * HOUR;
/**
 * A blob nobody owns this long after it was stored is deleted: it can no longer be claimed (the
 * window is an hour), and the system's own files (inbound media, the seed) are owned within
 * seconds of being stored. Kept short because an upload URL takes a file of any size.
 */
export const UNCLAIMED_BLOB_TTL_MS = UPLOAD_CLAIM_WINDOW_MS + HOUR;
/** Upload URLs handed out and files not yet attached, per organization and source. */
export const MAX_PENDING_UPLOADS = 100;
/** Rows (and blobs) of each kind one sweep transaction handles. */
export const SWEEP_BATCH = 100;

export type PendingRefusal = { retryAfterMs: number; message: string };
/** Who started an upload: counted apart, so an integration cannot use up the agents' allowance (nor they its). */
export type UploadSource = Doc<"pendingUploads">["source"];

/** Upload URLs of the source still inside the claim window, oldest first. */
function liveUploadUrls(ctx: QueryCtx, organizationId: Id<"organizations">, source: UploadSource, now: number) {
  return ctx.db.query("pendingUploads").withIndex("by_org_source_kind_at", (q) =>
    q
      .eq("organizationId", organizationId)
      .eq("source", source)
      .eq("kind", "url")
      .gt("at", now - UPLOAD_CLAIM_WINDOW_MS),
  );
}

/** Null when the organization may start another upload; else why not and when it may. */
export async function pendingRefusal(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  source: UploadSource,
  now = Date.now(),
): Promise<PendingRefusal | null> {
  const urls = await liveUploadUrls(ctx, organizationId, source, now).take(MAX_PENDING_UPLOADS);
  const files = await ctx.db
    .query("pendingUploads")
    .withIndex("by_org_source_kind_at", (q) =>
      q.eq("organizationId", organizationId).eq("source", source).eq("kind", "file"),
    )
    .take(MAX_PENDING_UPLOADS - urls.length);
  if (urls.length + files.length < MAX_PENDING_UPLOADS) return null;
  // The earliest a slot frees by itself: the oldest URL expiring, or the oldest file swept.
  const frees = Math.min(
    urls[0] ? urls[0].at + UPLOAD_CLAIM_WINDOW_MS : Number.POSITIVE_INFINITY,
    files[0] ? files[0].at + UNATTACHED_FILE_TTL_MS + HOUR : Number.POSITIVE_INFINITY,
  );
  return {
    retryAfterMs: Math.max(1000, frees - now),
    message: `${MAX_PENDING_UPLOADS} uploads are pending (upload URLs not yet claimed, or files not yet sent in a message); send or let them expire before starting another`,
  };
}

/** Records an upload URL about to be handed out, unless the organization has too many pending. */
export async function reserveUploadUrl(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  source: UploadSource,
): Promise<PendingRefusal | null> {
  const now = Date.now();
  const refused = await pendingRefusal(ctx, organizationId, source, now);
  if (refused) return refused;
  await ctx.db.insert("pendingUploads", { organizationId, source, kind: "url", at: now });
  return null;
}

/**
 * A file became the organization's without being in a message yet: claimed from an upload URL
 * (`fromUrl`: that URL's row is used up; the oldest, as uploads do not say which URL they came
 * through) or uploaded directly.
 */
export async function recordPendingFile(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  source: UploadSource,
  storageId: Id<"_storage">,
  fromUrl: boolean,
): Promise<void> {
  const now = Date.now();
  if (fromUrl) {
    const url = await liveUploadUrls(ctx, organizationId, source, now).first();
    if (url) await ctx.db.delete(url._id);
  }
  await ctx.db.insert("pendingUploads", { organizationId, source, kind: "file", at: now, storageId });
}

/** A message names the file now: it is kept for good (filesForReply). */
export async function markAttached(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  storageId: Id<"_storage">,
): Promise<void> {
  const row = await ctx.db
    .query("pendingUploads")
    .withIndex("by_org_storage", (q) => q.eq("organizationId", organizationId).eq("storageId", storageId))
    .first();
  if (row) await ctx.db.delete(row._id);
}

/** One bounded pass of the sweep (see the module comment); continues itself while there is more. */
export const sweep = internalMutation({
  args: {},
  handler: async (ctx) => {
    const now = Date.now();
    const expiredUrls = await ctx.db
      .query("pendingUploads")
      .withIndex("by_kind_at", (q) => q.eq("kind", "url").lt("at", now - UPLOAD_CLAIM_WINDOW_MS))
      .take(SWEEP_BATCH);
    for (const row of expiredUrls) await ctx.db.delete(row._id);

    const staleFiles = await ctx.db
      .query("pendingUploads")
      .withIndex("by_kind_at", (q) => q.eq("kind", "file").lt("at", now - UNATTACHED_FILE_TTL_MS))
      .take(SWEEP_BATCH);
    for (const row of staleFiles) {
      const storageId = row.storageId;
      if (storageId) {
        const owned = await ctx.db
          .query("messageFiles")
          .withIndex("by_org_storage", (q) => q.eq("organizationId", row.organizationId).eq("storageId", storageId))
          .unique();
        if (owned) await ctx.db.delete(owned._id);
        if (await ctx.db.system.get(storageId)) await ctx.storage.delete(storageId);
      }
      await ctx.db.delete(row._id);
    }

    const orphans = await sweepUnclaimedBlobs(ctx, now - UNCLAIMED_BLOB_TTL_MS);

    const more =
      expiredUrls.length === SWEEP_BATCH || staleFiles.length === SWEEP_BATCH || orphans.scanned === SWEEP_BATCH;
    if (more) await ctx.scheduler.runAfter(0, internal.messages.uploads.sweep, {});
    return { expiredUrls: expiredUrls.length, staleFiles: staleFiles.length, unclaimed: orphans.deleted, more };
  },
});

/**
 * The next page of `_storage` (creation order, from where the last pass stopped, up to `before`):
 * blobs no organization owns are deleted. Owned files are left alone: attached ones for good,
 * unattached ones are the `file` rows' business.
 */
async function sweepUnclaimedBlobs(ctx: MutationCtx, before: number): Promise<{ scanned: number; deleted: number }> {
  const state = await ctx.db.query("storageSweeps").first();
  const after = state?.scannedThrough ?? 0;
  const page = await ctx.db.system
    .query("_storage")
    .withIndex("by_creation_time", (q) => q.gt("_creationTime", after).lt("_creationTime", before))
    .take(SWEEP_BATCH);
  let deleted = 0;
  for (const blob of page) {
    const owner = await ctx.db
      .query("messageFiles")
      .withIndex("by_storage", (q) => q.eq("storageId", blob._id))
      .first();
    if (!owner) {
      await ctx.storage.delete(blob._id);
      deleted++;
    }
  }
  const last = page.at(-1);
  if (last) {
    if (state) await ctx.db.patch(state._id, { scannedThrough: last._creationTime });
    else await ctx.db.insert("storageSweeps", { scannedThrough: last._creationTime });
  }
  return { scanned: page.length, deleted };
}
