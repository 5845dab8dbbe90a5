import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { hmacSha256Hex, timingSafeEqual } from "@switchboard/channels/crypto";
import { v } from "convex/values";
import { components, internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { type ActionCtx, internalMutation, type MutationCtx, type QueryCtx } from "../_generated/server";
import { derivedSigningKey } from "../lib/crypto";
import { clientIpOf, jsonError } from "../lib/http";
import { queueReply } from "../outbound/replies";
import { recordCsat } from "../reports/buckets";
import { loadPolicy } from "./sla";

/**
 * Customer satisfaction (CSAT). Closing a thread (threads.setStatus) schedules `request`: when
 * the organization's policy asks for ratings, one csatRequests row per resolution is stored and
 * a message with a signed link goes out on the thread's channel (chat, email, SMS, WhatsApp
 * alike, through the normal reply queue). The link opens a tiny public page (GET /csat/<token>)
 * whose form posts a score 1-5 (POST /csat/<token>). The score lands on the request row (reports
 * read by_org_rated), on the thread (`csat.score`) and, through a scheduled profile refresh, in
 * the contact's health score (crm/profile.ts reads the newest ratings by_contact_rated).
 *
 * The token is `<requestId>.<expiresAt>.<hmac>`: HMAC-SHA-256 under a key derived from the
 * deployment's encryption key, so it cannot be forged or re-dated, and is short enough for an
 * SMS (a JWT via jose would be three times longer for the same two claims). A bad, forged or
 * expired token answers 4xx before anything is read or written.
 */

/** How long a rating link works. */
export const CSAT_TTL_MS = 14 * 24 * HOUR;
/** A contact is asked at most once in this span (a thread closed, re-opened and closed again; a new thread). */
export const CSAT_MIN_INTERVAL_MS = 24 * HOUR;
const MAX_TOKEN_LENGTH = 200;
const MAX_BODY_BYTES = 1024;

const csatRateLimiter = new RateLimiter(components.rateLimiter, {
  /** Ratings of one link: a person clicks a few times at most. */
  csatPerRequest: { kind: "token bucket", rate: 5, period: MINUTE, capacity: 5 },
  csatPerIp: { kind: "token bucket", rate: 30, period: MINUTE, capacity: 30 },
});

const tokenKey = () => derivedSigningKey("csat-token");

export async function signCsatToken(requestId: Id<"csatRequests">, expiresAt: number): Promise<string> {
  return `${requestId}.${expiresAt}.${await hmacSha256Hex(await tokenKey(), `${requestId}.${expiresAt}`)}`;
}

/** The request a token names, or why it is refused (nothing is read from the database here). */
export async function verifyCsatToken(
  token: string,
  now: number,
): Promise<{ requestId: string } | { error: "invalid" | "expired" }> {
  if (token.length > MAX_TOKEN_LENGTH) return { error: "invalid" };
  // Document ids are opaque: anything id-like here, normalizeId decides in `record`.
  const m = /^([A-Za-z0-9;_]{1,64})\.(\d{1,15})\.([0-9a-f]{64})$/.exec(token);
  if (!m) return { error: "invalid" };
  const [, id, exp, mac] = m as unknown as [string, string, string, string];
  const expected = await hmacSha256Hex(await tokenKey(), `${id}.${exp}`);
  if (!timingSafeEqual(mac, expected)) return { error: "invalid" };
  if (Number(exp) <= now) return { error: "expired" };
  return { requestId: id };
}

function siteUrl(): string {
  return (process.env.PUBLIC_WEBHOOK_BASE_URL ?? process.env.CONVEX_SITE_URL ?? "").replace(/\/+$/, "");
}

/** Internal (scheduled by setStatus on close): asks the customer for a rating, once per resolution. */
export const request = internalMutation({
  // `at`: seed-only (seed/history.ts), the backdated moment of the close.
  args: { threadId: v.id("conversationThreads"), at: v.optional(v.number()) },
  handler: async (ctx, { threadId, at }) => requestRating(ctx, threadId, at),
});

/** The rating request of a closed thread; `at` (seed-only) backdates it. */
export async function requestRating(ctx: MutationCtx, threadId: Id<"conversationThreads">, at?: number) {
  const thread = await ctx.db.get(threadId);
  if (thread?.status !== "closed") return null; // re-opened before we got here
  const policy = await loadPolicy(ctx, thread.organizationId);
  if (!policy?.csatEnabled) return null;
  const now = at ?? Date.now();
  const recent = await ctx.db
    .query("csatRequests")
    .withIndex("by_contact", (q) =>
      q
        .eq("organizationId", thread.organizationId)
        .eq("contactId", thread.contactId)
        .gt("requestedAt", now - CSAT_MIN_INTERVAL_MS),
    )
    .first();
  if (recent) return null;
  const expiresAt = now + CSAT_TTL_MS;
  const requestId = await ctx.db.insert("csatRequests", {
    organizationId: thread.organizationId,
    threadId: thread._id,
    contactId: thread.contactId,
    channel: thread.lastChannel,
    requestedAt: now,
    expiresAt,
  });
  await ctx.db.patch(thread._id, { csat: { requestId, requestedAt: now } });
  const link = `${siteUrl()}/csat/${encodeURIComponent(await signCsatToken(requestId, expiresAt))}`;
  try {
    // queueReply validates everything (address, channel, WhatsApp window) before it writes.
    const messageId = await queueReply(
      ctx,
      {
        organizationId: thread.organizationId,
        threadId: thread._id,
        text: `Thanks for contacting us! How did we do? Rate this conversation (1-5): ${link}`,
      },
      { name: "Switchboard" },
      at === undefined ? undefined : { at },
    );
    await ctx.db.patch(requestId, { messageId });
  } catch (e) {
    await ctx.db.patch(requestId, { error: e instanceof Error ? e.message.slice(0, 300) : "send failed" });
  }
  return null;
}

/** Internal: stores a verified token's score; refused when already rated or the thread is gone. */
export const record = internalMutation({
  // `at`: seed-only (seed/history.ts), when the backdated rating was given.
  args: { requestId: v.string(), score: v.number(), at: v.optional(v.number()) },
  handler: async (ctx, { requestId, score, at }) => recordRating(ctx, requestId, score, at),
});

/**
 * Stores a rating of a request on the request, the thread, the reports and (scheduled) the
 * contact's health score: the one place a rating lands, for the link's page, the chat widget's
 * built-in prompt and the seed alike. The caller verified the token. `at` (seed-only) backdates it.
 */
export async function recordRating(ctx: MutationCtx, requestId: string, score: number, at?: number) {
  const id = ctx.db.normalizeId("csatRequests", requestId);
  const row = id ? await ctx.db.get(id) : null;
  if (!row) return "not_found" as const;
  if (row.ratedAt !== undefined) return "already_rated" as const;
  const now = at ?? Date.now();
  await ctx.db.patch(row._id, { score, ratedAt: now });
  const thread = await ctx.db.get(row.threadId);
  if (thread?.csat?.requestId === row._id)
    await ctx.db.patch(thread._id, { csat: { ...thread.csat, score, ratedAt: now } });
  // The reports' CSAT figures (day bucket of the rating, the thread's channel and agent).
  if (thread) await recordCsat(ctx, thread, score, now);
  // The contact's health score weighs its newest ratings (packages/insights computeHealthScore).
  // Scheduled rather than inline: crm/ sits above threads/ in the layering; it runs right after.
  await ctx.scheduler.runAfter(0, internal.crm.profile.refresh, {
    organizationId: row.organizationId,
    contactId: row.contactId,
  });
  return "rated" as const;
}

export const isScore = (score: unknown): score is number =>
  typeof score === "number" && Number.isInteger(score) && score >= 1 && score <= 5;

/**
 * What the chat widget shows for a visitor's thread (chat/visitor.ts): the rating request of its
 * latest resolution, with a signed token while it is open to a score. Only for the request's own
 * contact: a visitor never gets a token for someone else's conversation.
 */
export async function ratingPromptOf(
  ctx: QueryCtx,
  thread: Doc<"conversationThreads">,
  contactId: Id<"contacts">,
  now: number,
) {
  if (!thread.csat || thread.contactId !== contactId) return null;
  const row = await ctx.db.get(thread.csat.requestId);
  if (!row || row.contactId !== contactId || row.organizationId !== thread.organizationId) return null;
  if (row.score === undefined && row.expiresAt <= now) return null;
  return {
    messageId: row.messageId ?? null,
    score: row.score ?? null,
    token: row.score === undefined ? await signCsatToken(row._id, row.expiresAt) : null,
  };
}

/**
 * The chat widget's rating: the same signed token as the link, verified the same way, and the
 * request must be this visitor's contact's. Rate-limited per request like the link's form.
 */
export async function rateFromWidget(
  ctx: MutationCtx,
  visitor: { organizationId: Id<"organizations">; contactId: Id<"contacts"> },
  token: string,
  score: number,
): Promise<"rated" | "already_rated" | "invalid" | "expired" | "rate_limited"> {
  if (!isScore(score)) return "invalid";
  const verified = await verifyCsatToken(token, Date.now());
  if ("error" in verified) return verified.error;
  const id = ctx.db.normalizeId("csatRequests", verified.requestId);
  const row = id ? await ctx.db.get(id) : null;
  if (!row || row.organizationId !== visitor.organizationId || row.contactId !== visitor.contactId) return "invalid";
  const limit = await csatRateLimiter.limit(ctx, "csatPerRequest", { key: row._id });
  if (!limit.ok) return "rate_limited";
  const outcome = await recordRating(ctx, row._id, score);
  return outcome === "not_found" ? "invalid" : outcome;
}

// ------------------------------------------------------------------------------- HTTP (public)

function tokenOf(request: Request): string {
  try {
    return decodeURIComponent(new URL(request.url).pathname.replace(/^\/csat\//, ""));
  } catch {
    return ""; // malformed escapes: refused like any other bad token
  }
}

function page(status: number, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Rate your conversation</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;text-align:center}button{font-size:1.5rem;margin:.25rem;padding:.5rem .9rem;cursor:pointer}</style></head><body>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    },
  });
}

const refused = (error: "invalid" | "expired") =>
  error === "expired"
    ? page(410, "<h1>This link has expired</h1>")
    : page(404, "<h1>This rating link is not valid</h1>");

/** GET /csat/<token>: the rating form (nothing is stored by viewing it). */
export async function handleCsatPage(_ctx: ActionCtx, request: Request): Promise<Response> {
  const verified = await verifyCsatToken(tokenOf(request), Date.now());
  if ("error" in verified) return refused(verified.error);
  const buttons = [1, 2, 3, 4, 5]
    .map((n) => `<button name="score" value="${n}" aria-label="${n} out of 5">${n}</button>`)
    .join("");
  return page(200, `<h1>How did we do?</h1><p>1 = poor, 5 = great</p><form method="post">${buttons}</form>`);
}

/** POST /csat/<token> with `score=1..5` (form) or `{"score":n}` (JSON). */
export async function handleCsatRating(ctx: ActionCtx, request: Request): Promise<Response> {
  const verified = await verifyCsatToken(tokenOf(request), Date.now());
  if ("error" in verified) return refused(verified.error);
  for (const [name, key] of [
    ["csatPerIp", clientIpOf(request)],
    ["csatPerRequest", verified.requestId],
  ] as const) {
    if (!key) continue;
    const status = await csatRateLimiter.limit(ctx, name, { key });
    if (!status.ok) return jsonError(429, "rate_limited", "Too many requests; try again later");
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) return jsonError(413, "too_large", "Body too large");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return jsonError(413, "too_large", "Body too large");
  let raw: unknown;
  if ((request.headers.get("content-type") ?? "").includes("application/json")) {
    try {
      raw = (JSON.parse(text) as { score?: unknown }).score;
    } catch {
      raw = undefined;
    }
  } else {
    raw = new URLSearchParams(text).get("score");
  }
  const score = typeof raw === "string" && /^[1-5]$/.test(raw) ? Number(raw) : raw;
  if (!isScore(score)) return page(400, "<h1>Choose a score from 1 to 5</h1>");
  const outcome = await ctx.runMutation(internal.threads.csat.record, { requestId: verified.requestId, score });
  if (outcome === "not_found") return refused("invalid");
  if (outcome === "already_rated") return page(409, "<h1>You have already rated this conversation. Thank you!</h1>");
  return page(200, "<h1>Thank you for your feedback!</h1>");
}
