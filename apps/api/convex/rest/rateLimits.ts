import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { v } from "convex/values";
import { components } from "../_generated/api";
import { internalMutation } from "../_generated/server";

/**
 * Rate limits of REST API v1, charged after the key is authenticated (rest/routes.ts), so an
 * unknown or revoked key never creates a bucket: garbage keys cost a hash lookup, not memory.
 * Token buckets of the @convex-dev/rate-limiter component (as chat/rateLimits.ts), per key and
 * class of request, and one per organization over all of its keys:
 *
 * - `read`: GET of anything;
 * - `write`: POST/PATCH/DELETE of JSON resources (messages, contacts, notes, labels, ...);
 * - `upload`: a file's bytes (POST /api/v1/files) or a claim (POST /api/v1/files/claim);
 * - `uploadUrl`: POST /api/v1/files/upload-url, much stricter: each URL lets its holder put a
 *   file of any size into storage without the API seeing the bytes.
 *
 * Files are also limited per organization over all its keys (`restUploadPerOrganization`).
 *
 * A refused request writes nothing: the key's bucket is checked (not consumed) first, then the
 * organization's consumed, then the key's; the key's `lastUsedAt` is touched in the same
 * transaction, so an answered request costs one mutation.
 *
 * The per-key buckets are not sharded: the check-then-consume above needs the one document the
 * check read, and a key's own bucket is written at most at that key's rate (10 a second), by one
 * integration. The organization's bucket, shared by all its keys, is.
 */
export const restRateLimiter = new RateLimiter(components.rateLimiter, {
  /** 10 reads a second sustained, a burst of 120 (a dashboard-like integration paging a list). */
  restReadPerKey: { kind: "token bucket", rate: 600, period: MINUTE, capacity: 120 },
  /** 2 writes a second sustained, a burst of 60 (a CRM sync importing contacts). */
  restWritePerKey: { kind: "token bucket", rate: 120, period: MINUTE, capacity: 60 },
  /** Files: 30 a minute, a burst of 10; each is up to 20 MB of the action's memory and storage. */
  restUploadPerKey: { kind: "token bucket", rate: 30, period: MINUTE, capacity: 10 },
  /** Upload URLs: 10 a minute, a burst of 5 (and pending uploads are capped, messages/uploads.ts). */
  restUploadUrlPerKey: { kind: "token bucket", rate: 10, period: MINUTE, capacity: 5 },
  /**
   * Every request of every key of one organization (keys are free to create for an admin, so the
   * per-key buckets alone would not bound one organization). Sharded: it is written per request.
   */
  restPerOrganization: { kind: "token bucket", rate: 1800, period: MINUTE, capacity: 600, shards: 10 },
  /**
   * Files of all of an organization's keys: each direct upload holds up to 20 MB in an action's
   * memory, so more keys must not mean more of them at once.
   */
  restUploadPerOrganization: { kind: "token bucket", rate: 120, period: MINUTE, capacity: 30 },
});

export type RestBucket = "read" | "write" | "upload" | "uploadUrl";

const PER_KEY = {
  read: "restReadPerKey",
  write: "restWritePerKey",
  upload: "restUploadPerKey",
  uploadUrl: "restUploadUrlPerKey",
} as const;

/** The class of a request (method and path), which names the key's bucket it is charged to. */
export function restBucketOf(method: string, path: string): RestBucket {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD") return "read";
  const p = path.replace(/\/+$/, "");
  if (m === "POST" && p === "/api/v1/files/upload-url") return "uploadUrl";
  if (m === "POST" && (p === "/api/v1/files" || p === "/api/v1/files/claim")) return "upload";
  return "write";
}

/** Retry-After of a refusal, in whole seconds (at least 1), from the limiter's milliseconds. */
export const retryAfterSeconds = (ms: number | undefined) => Math.max(1, Math.ceil((ms ?? 1000) / 1000));

/**
 * Charges one request of an authenticated key: `{ ok: true }`, or the milliseconds until it
 * could pass (nothing written then). Records the key's last use (once a minute at most).
 */
export const charge = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    keyId: v.id("apiKeys"),
    bucket: v.union(v.literal("read"), v.literal("write"), v.literal("upload"), v.literal("uploadUrl")),
  },
  handler: async (
    ctx,
    { organizationId, keyId, bucket },
  ): Promise<{ ok: true } | { ok: false; retryAfter: number }> => {
    const name = PER_KEY[bucket];
    const own = await restRateLimiter.check(ctx, name, { key: keyId });
    if (!own.ok) return { ok: false, retryAfter: own.retryAfter };
    const files = bucket === "upload";
    if (files) {
      const orgFiles = await restRateLimiter.check(ctx, "restUploadPerOrganization", { key: organizationId });
      if (!orgFiles.ok) return { ok: false, retryAfter: orgFiles.retryAfter };
    }
    const org = await restRateLimiter.limit(ctx, "restPerOrganization", { key: organizationId });
    if (!org.ok) return { ok: false, retryAfter: org.retryAfter };
    // The checks above saw the same (unsharded) buckets in this transaction: these cannot refuse.
    if (files) await restRateLimiter.limit(ctx, "restUploadPerOrganization", { key: organizationId });
    await restRateLimiter.limit(ctx, name, { key: keyId });
    const key = await ctx.db.get(keyId);
    // Coarse (once a minute) so busy integrations don't write the key on every call.
    if (key && (key.lastUsedAt ?? 0) < Date.now() - 60_000) await ctx.db.patch(keyId, { lastUsedAt: Date.now() });
    return { ok: true };
  },
});
