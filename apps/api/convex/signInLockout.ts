import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";

/**
 * Per-account brute-force limit for /sign-in/email, on top of Better Auth's per-IP rate limit
 * (auth.ts). Better Auth keys its limiter by client IP only, and a client IP is only as good as the
 * forwarded header the platform sets: an attacker who rotates addresses (or a spoofable header)
 * gets a fresh bucket each time. So failures are also counted per email address, whether or not an
 * account exists for it (a lock is no hint that the account exists).
 *
 * After MAX_FAILURES wrong passwords within FAILURE_WINDOW_MS of each other, sign-in for that
 * address answers 429, with the same body as Better Auth's limiter, until FAILURE_WINDOW_MS after
 * the last failure. A successful sign-in clears the count.
 *
 * Stored in Better Auth's `verification` table (identifier + value + expiresAt, indexed and cleaned
 * up by Better Auth) rather than its `rateLimit` table: Better Auth prunes `rateLimit` rows older than
 * its longest built-in window (60 s), which would silently shorten a 15-minute lock.
 * Best effort under concurrency: simultaneous failures may be counted once (each is a separate
 * Convex mutation), which the per-IP limit bounds.
 */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

const TOO_MANY = { message: "Too many requests. Please try again later." };

/** Identifier of an address's failure counter: a hash, so the table holds no plain addresses. */
async function counterId(email: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(email.trim().toLowerCase()));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return `sign-in-failures:${hex}`;
}

function emailOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" && email.length <= 254 ? email : null;
}

export const signInLockout = () =>
  ({
    id: "switchboard-sign-in-lockout",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const email = emailOf(ctx.body);
            if (!email) return;
            const row = await ctx.context.internalAdapter.findVerificationValue(await counterId(email));
            if (!row) return;
            const remainingMs = new Date(row.expiresAt).getTime() - Date.now();
            if (remainingMs > 0 && Number(row.value) >= MAX_FAILURES) {
              throw new APIError("TOO_MANY_REQUESTS", TOO_MANY, {
                "X-Retry-After": String(Math.ceil(remainingMs / 1000)),
              });
            }
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const email = emailOf(ctx.body);
            if (!email) return;
            const returned = ctx.context.returned;
            const id = await counterId(email);
            const failed = isAPIError(returned) && returned.statusCode === 401;
            if (!failed) {
              if (returned && !isAPIError(returned))
                await ctx.context.internalAdapter.deleteVerificationByIdentifier(id);
              return;
            }
            const row = await ctx.context.internalAdapter.findVerificationValue(id);
            const now = Date.now();
            const expiresAt = new Date(now + FAILURE_WINDOW_MS);
            if (!row || new Date(row.expiresAt).getTime() <= now) {
              if (row) await ctx.context.internalAdapter.deleteVerificationByIdentifier(id);
              await ctx.context.internalAdapter.createVerificationValue({ identifier: id, value: "1", expiresAt });
            } else {
              const count = (Number(row.value) || 0) + 1;
              await ctx.context.internalAdapter.updateVerificationByIdentifier(id, { value: String(count), expiresAt });
            }
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
