import {
  getDescriptor,
  type MediaLimits,
  mediaProblem,
  normalizeContentType,
  PROVIDER_IDS,
  sendableTypes,
} from "@switchboard/channels";
import { v } from "convex/values";
import { jwtVerify, SignJWT } from "jose";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { type ActionCtx, internalQuery, type MutationCtx } from "../_generated/server";
import { fail } from "../lib/auth";
import { derivedSigningKey } from "../lib/crypto";
import { memberMutation } from "../lib/functions";
import { markAttached, recordPendingFile, reserveUploadUrl, UPLOAD_CLAIM_WINDOW_MS } from "./uploads";

/**
 * Files agents attach to replies, and the signed URLs providers fetch them from.
 *
 * 1. `generateUploadUrl` (any member) hands out a Convex upload URL; the browser POSTs the file.
 *    An organization has at most MAX_PENDING_UPLOADS URLs and unsent files pending; files not
 *    sent within a day and uploads never claimed are swept (messages/uploads.ts).
 * 2. `claim` (answers `{ ok, file }` or `{ ok: false, error }`) makes the uploaded file the organization's (a `messageFiles` row): only a file
 *    uploaded in the last UPLOAD_CLAIM_WINDOW_MS and owned by no one, of a type some channel
 *    sends, no larger than the largest any channel takes. Type and size come from storage's own
 *    metadata, never from the client.
 * 3. A reply names claimed files by storage id (`filesForReply`); the channel's descriptor limits
 *    (packages/channels media.ts) are checked before anything is queued.
 * 4. At send time the dispatcher turns each file into `signedMediaUrl`: GET /media/<token>, an
 *    HS256 JWT (jose) naming organization + storage id, valid MEDIA_URL_TTL_MS. Twilio (MediaUrl),
 *    Meta (media `link`) and Resend (attachment `path`) fetch it; nothing else can.
 */

/** Providers fetch media while accepting the send; a retry signs a fresh URL. */
export const MEDIA_URL_TTL_MS = 15 * 60_000;
const MAX_FILENAME = 120;

type StoredAttachment = Doc<"unifiedMessages">["attachments"][number];

const ALL_MEDIA: (MediaLimits | undefined)[] = PROVIDER_IDS.map((p) => getDescriptor(p).media);
const UPLOADABLE_TYPES = sendableTypes(ALL_MEDIA);
const MAX_UPLOAD_BYTES = Math.max(...ALL_MEDIA.flatMap((m) => (m ? Object.values(m.types) : [0])));

/** A display-safe file name: no path, no control characters or quotes, bounded. */
export function cleanFilename(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch !== "\u007f" && !'"<>'.includes(ch))
    .join("")
    .trim()
    .slice(0, MAX_FILENAME);
  return clean || "file";
}

/** An upload URL, unless the organization has MAX_PENDING_UPLOADS pending already (messages/uploads.ts). */
export const generateUploadUrl = memberMutation({
  args: {},
  handler: async (ctx, { organizationId }) => {
    const refused = await reserveUploadUrl(ctx, organizationId, "dashboard");
    if (refused) fail("conflict", refused.message);
    return ctx.storage.generateUploadUrl();
  },
});

/**
 * An upload as a claim finds it: its storage metadata (`file`) when it is recent and nobody or
 * this organization owns it (`owned`: the row of its earlier claim), null when it does not exist,
 * is older than UPLOAD_CLAIM_WINDOW_MS or is another organization's (the dashboard's claim and
 * the REST API's, rest/files.ts).
 */
export async function findUpload(ctx: MutationCtx, organizationId: Id<"organizations">, storageId: Id<"_storage">) {
  const file = await ctx.db.system.get(storageId);
  if (!file || Date.now() - file._creationTime > UPLOAD_CLAIM_WINDOW_MS) return null;
  const taken = await ctx.db
    .query("messageFiles")
    .withIndex("by_storage", (q) => q.eq("storageId", storageId))
    .first();
  if (!taken) return { owned: null, file };
  return taken.organizationId === organizationId ? { owned: taken, file } : null;
}

export const claim = memberMutation({
  args: { storageId: v.id("_storage"), filename: v.string() },
  handler: async (ctx, { organizationId, storageId, filename }) => {
    const upload = await findUpload(ctx, organizationId, storageId);
    if (!upload) fail("not_found", "No such upload");
    if (upload.owned) return { ok: true as const, file: viewOf(upload.owned) };
    const { file } = upload;
    const contentType = normalizeContentType(file.contentType);
    if (!UPLOADABLE_TYPES.has(contentType) || file.size > MAX_UPLOAD_BYTES || file.size === 0) {
      // Refused files are not kept (nobody could ever send them); answered, not thrown, so the
      // delete is not rolled back with the transaction.
      await ctx.storage.delete(storageId);
      return {
        ok: false as const,
        error:
          file.size > MAX_UPLOAD_BYTES
            ? "The file is larger than any channel accepts"
            : `Files of type ${contentType || "(none)"} cannot be sent`,
      };
    }
    const row = {
      organizationId,
      storageId,
      contentType,
      size: file.size,
      filename: cleanFilename(filename),
      uploadedBy: ctx.member._id,
      createdAt: Date.now(),
    };
    await ctx.db.insert("messageFiles", row);
    await recordPendingFile(ctx, organizationId, "dashboard", storageId, true);
    return { ok: true as const, file: viewOf(row) };
  },
});

function viewOf(row: Pick<Doc<"messageFiles">, "storageId" | "contentType" | "size" | "filename">) {
  return { storageId: row.storageId, contentType: row.contentType, size: row.size, filename: row.filename };
}

/** Records a file the system stored for an organization (inbound media), so no one else can claim it. */
export async function recordOwnedFile(
  ctx: MutationCtx,
  row: Omit<Doc<"messageFiles">, "_id" | "_creationTime" | "uploadedBy" | "createdAt">,
): Promise<void> {
  await ctx.db.insert("messageFiles", { ...row, createdAt: Date.now() });
}

export interface ReplyFile {
  storageId: Id<"_storage">;
  caption?: string;
}

/**
 * The attachments of a reply: the organization's claimed files, checked against the channel's
 * limits. Fails (nothing queued) on a foreign or unknown file or a channel that cannot carry them.
 */
export async function filesForReply(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  provider: Doc<"channelConfigs">["provider"],
  files: ReplyFile[],
): Promise<StoredAttachment[]> {
  if (files.length === 0) return [];
  const { media, label: channelLabel } = getDescriptor(provider);
  // Checked before the lookups too, so a long list costs nothing.
  if (!media) fail("invalid_argument", `${channelLabel} cannot send attachments`);
  if (files.length > media.maxCount) {
    fail("invalid_argument", `${channelLabel} sends at most ${media.maxCount} attachment(s) per message`);
  }
  const out: StoredAttachment[] = [];
  for (const f of files) {
    const row = await ctx.db
      .query("messageFiles")
      .withIndex("by_org_storage", (q) => q.eq("organizationId", organizationId).eq("storageId", f.storageId))
      .unique();
    if (!row) fail("not_found", "No such attachment");
    // Named by a message from now on: never swept (rolled back with the reply if it fails).
    await markAttached(ctx, organizationId, row.storageId);
    const caption = f.caption?.trim().slice(0, 1024);
    out.push({
      storageId: row.storageId,
      contentType: row.contentType,
      size: row.size,
      filename: row.filename,
      ...(caption ? { caption } : {}),
    });
  }
  const problem = mediaProblem(
    media,
    channelLabel,
    out.map((a) => ({ contentType: a.contentType!, size: a.size!, filename: a.filename })),
  );
  if (problem) fail("invalid_argument", problem);
  return out;
}

// ------------------------------------------------------------------------------- signed URLs

const encoder = new TextEncoder();

async function mediaKey(): Promise<Uint8Array> {
  return encoder.encode(await derivedSigningKey("media-url"));
}

export const MEDIA_PATH = "/media/";

export async function mediaToken(
  organizationId: Id<"organizations">,
  storageId: Id<"_storage">,
  now = Date.now(),
): Promise<string> {
  return new SignJWT({ o: organizationId, s: storageId })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor((now + MEDIA_URL_TTL_MS) / 1000))
    .sign(await mediaKey());
}

/** The public URL a provider fetches the file from, or undefined when the deployment has no public base URL. */
export async function signedMediaUrl(
  organizationId: Id<"organizations">,
  storageId: Id<"_storage">,
  now = Date.now(),
): Promise<string | undefined> {
  const base = process.env.PUBLIC_WEBHOOK_BASE_URL ?? process.env.CONVEX_SITE_URL;
  if (!base) return undefined;
  return `${base.replace(/\/+$/, "")}${MEDIA_PATH}${await mediaToken(organizationId, storageId, now)}`;
}

/** What a token names, if its signature holds and it has not expired; else null. */
export async function verifyMediaToken(
  token: string,
): Promise<{ organizationId: Id<"organizations">; storageId: Id<"_storage"> } | null> {
  if (token.length > 1000) return null;
  try {
    const { payload } = await jwtVerify(token, await mediaKey(), { algorithms: ["HS256"], requiredClaims: ["exp"] });
    if (typeof payload.o !== "string" || typeof payload.s !== "string") return null;
    return { organizationId: payload.o as Id<"organizations">, storageId: payload.s as Id<"_storage"> };
  } catch {
    return null;
  }
}

/** Stored attachments with a signed URL for each stored file (the dispatcher, just before a send). */
export async function withSignedUrls(
  organizationId: Id<"organizations">,
  attachments: StoredAttachment[],
): Promise<StoredAttachment[]> {
  return Promise.all(
    attachments.map(async (a) => {
      if (!a.storageId) return a;
      const url = await signedMediaUrl(organizationId, a.storageId);
      return url ? { ...a, url } : a;
    }),
  );
}

export const servedFile = internalQuery({
  args: { organizationId: v.string(), storageId: v.string() },
  handler: async (ctx, args) => {
    const organizationId = ctx.db.normalizeId("organizations", args.organizationId);
    const storageId = ctx.db.system.normalizeId("_storage", args.storageId);
    if (!organizationId || !storageId) return null;
    const row = await ctx.db
      .query("messageFiles")
      .withIndex("by_org_storage", (q) => q.eq("organizationId", organizationId).eq("storageId", storageId))
      .unique();
    return row ? { storageId: row.storageId, contentType: row.contentType, filename: row.filename } : null;
  },
});

/**
 * GET /media/<token>: the file, to whoever holds an unexpired token (providers fetching media).
 * Twilio also sends HEAD to validate the type; Convex routes HEAD to the GET handler.
 */
export async function handleMediaRequest(ctx: ActionCtx, request: Request): Promise<Response> {
  const token = new URL(request.url).pathname.slice(MEDIA_PATH.length);
  const named = await verifyMediaToken(token);
  const file = named ? await ctx.runQuery(internal.messages.files.servedFile, named) : null;
  const blob = file ? await ctx.storage.get(file.storageId) : null;
  if (!file || !blob) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(blob, {
    status: 200,
    headers: {
      "content-type": file.contentType,
      "content-length": String(blob.size),
      // Twilio names the file after Content-Disposition (twilio.com/docs/sms/accepted-mime-types).
      "content-disposition": `inline; filename="${encodeURIComponent(file.filename)}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    },
  });
}
