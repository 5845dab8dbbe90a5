import { createClient, type GenericCtx } from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { type BetterAuthOptions, betterAuth } from "better-auth/minimal";
import type { UserIdentity } from "convex/server";
import { ConvexError } from "convex/values";
import { components } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import authConfig from "./auth.config";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordPolicy } from "./passwordPolicy";
import { signInLockout } from "./signInLockout";

/**
 * Authentication: Better Auth running inside Convex (@convex-dev/better-auth component).
 *
 * Routes: <CONVEX_SITE_URL>/api/auth/* (registered in http.ts, CORS for SITE_URL). The dashboard
 * runs on another origin (SITE_URL), so it uses the cross-domain plugin: the session cookie
 * travels in the `Better-Auth-Cookie` header and is kept in the browser's localStorage, and Convex
 * calls carry a short-lived JWT (CONVEX_JWT_TTL_SECONDS, RS256) from /api/auth/convex/token, which
 * the Convex client fetches again before it expires. Signing out deletes the session; a JWT minted
 * before that stays cryptographically valid until it expires, so every function that acts for a
 * user also checks that the session named in the token still exists (requireLiveIdentity below).
 *
 * Hardening (issue 14 item 13), see docs/auth.md:
 *   - per-IP rate limits stored in the component's `rateLimit` table (RATE_LIMIT below), and a
 *     per-account lock after repeated wrong passwords (signInLockout.ts); both answer 429;
 *   - passwords of at least MIN_PASSWORD_LENGTH characters that zxcvbn does not find guessable
 *     (passwordPolicy.ts), on sign-up and on every password change/reset;
 *   - sign-in answers 401 INVALID_EMAIL_OR_PASSWORD alike for an unknown address and a wrong
 *     password, and hashes the given password in both cases (Better Auth), so timing matches.
 *
 * Environment (deployment env vars):
 *   BETTER_AUTH_SECRET  32+ random bytes (base64); signs sessions and cookies
 *   SITE_URL            dashboard origin(s), comma-separated; the first one is used for redirects
 *   CONVEX_SITE_URL     set by Convex itself (HTTP actions URL): JWT issuer and Better Auth baseURL
 *   AUTH_CLIENT_IP_HEADER  optional: the request header that carries the client address as set
 *                       by a proxy in front of the deployment (default x-forwarded-for)
 */
export const authComponent = createClient<DataModel>(components.betterAuth);

/** Dashboard origins allowed to call the auth routes (CORS + Better Auth's origin check). */
export function siteUrls(): string[] {
  const urls = (process.env.SITE_URL ?? "")
    .split(",")
    .map((s) => s.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  return urls.length > 0 ? urls : ["http://localhost:3000"];
}

/** Lifetime of the Convex JWT: how long a token can outlive its session at most. */
export const CONVEX_JWT_TTL_SECONDS = 5 * 60;

/**
 * Per-IP limits (Better Auth keys them `<ip>|<path>`). Better Auth resets a bucket once `window`
 * seconds passed since its last allowed request. Windows stay <= 60 s: Better Auth prunes rows
 * older than its longest built-in window (60 s) whatever the configured rules say.
 */
export const RATE_LIMIT = {
  enabled: true,
  storage: "database",
  window: 10,
  max: 100,
  customRules: {
    "/sign-in/email": { window: 60, max: 10 },
    "/sign-up/email": { window: 60, max: 5 },
    "/change-password": { window: 60, max: 5 },
    "/reset-password": { window: 60, max: 5 },
    "/request-password-reset": { window: 60, max: 3 },
  },
} satisfies BetterAuthOptions["rateLimit"];

/**
 * Sign-ups a minute per address: 5 unless the deployment sets SWITCHBOARD_SIGNUP_PER_MINUTE (a
 * positive integer). The end-to-end stack raises it: its browsers all sign up from 127.0.0.1.
 */
function withSignUpLimit(rules: typeof RATE_LIMIT) {
  const max = Number(process.env.SWITCHBOARD_SIGNUP_PER_MINUTE);
  if (!Number.isInteger(max) || max <= 0) return rules;
  return { ...rules, customRules: { ...rules.customRules, "/sign-up/email": { window: 60, max } } };
}

export const createAuthOptions = (ctx: GenericCtx<DataModel>) => {
  const origins = siteUrls();
  const ipHeader = process.env.AUTH_CLIENT_IP_HEADER?.trim().toLowerCase();
  return {
    baseURL: process.env.CONVEX_SITE_URL,
    trustedOrigins: origins,
    database: authComponent.adapter(ctx),
    emailAndPassword: {
      enabled: true,
      // No mail is sent by this deployment yet; invitations are bound to a signed link instead
      // (see orgs/members.ts), so an unverified address alone never grants access. Without a
      // verification mail, sign-up of a taken address has to say so (422): see docs/auth.md.
      requireEmailVerification: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      // A password reset ends every session of the user (and so their Convex tokens).
      revokeSessionsOnPasswordReset: true,
    },
    rateLimit: withSignUpLimit(RATE_LIMIT),
    ...(ipHeader ? { advanced: { ipAddress: { ipAddressHeaders: [ipHeader] } } } : {}),
    plugins: [
      crossDomain({ siteUrl: origins[0]! }),
      convex({ authConfig, jwt: { expirationSeconds: CONVEX_JWT_TTL_SECONDS } }),
      passwordPolicy(),
      signInLockout(),
    ],
  } satisfies BetterAuthOptions;
};

export const createAuth = (ctx: GenericCtx<DataModel>) => betterAuth(createAuthOptions(ctx));

/**
 * The caller's identity, only if the Better Auth session named in its JWT still exists and has
 * not expired. Convex itself only checks the JWT's signature and `exp`, so without this a token
 * minted before sign-out keeps working until it expires. One indexed read in the component; a
 * subscribed query re-runs (and fails) as soon as the session is deleted.
 *
 * Throws ConvexError { code: "unauthenticated" }: "Sign in first" without a token,
 * "Your session has ended; sign in again" when the session is gone.
 */
export async function requireLiveIdentity(ctx: Pick<QueryCtx, "auth" | "runQuery">): Promise<UserIdentity> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new ConvexError({ code: "unauthenticated", message: "Sign in first" });
  const sessionId = typeof identity.sessionId === "string" ? identity.sessionId : null;
  const session = sessionId
    ? ((await ctx.runQuery(components.betterAuth.adapter.findOne, {
        model: "session",
        where: [
          { field: "_id", value: sessionId },
          { field: "expiresAt", operator: "gt", value: Date.now() },
        ],
      })) as { userId?: string } | null)
    : null;
  if (!session || session.userId !== identity.subject) {
    throw new ConvexError({ code: "unauthenticated", message: "Your session has ended; sign in again" });
  }
  return identity;
}
