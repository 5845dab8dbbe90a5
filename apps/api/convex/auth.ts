import { createClient, type GenericCtx } from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { betterAuth, type BetterAuthOptions } from "better-auth/minimal";
import { components } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import authConfig from "./auth.config";

/**
 * Authentication: Better Auth running inside Convex (@convex-dev/better-auth component).
 *
 * Routes: <CONVEX_SITE_URL>/api/auth/* (registered in http.ts, CORS for SITE_URL). The dashboard
 * runs on another origin (SITE_URL), so it uses the cross-domain plugin: the session cookie
 * travels in the `Better-Auth-Cookie` header and is kept in the browser's localStorage, and Convex
 * calls carry a short-lived JWT (15 min, RS256) from /api/auth/convex/token.
 *
 * Environment (deployment env vars):
 *   BETTER_AUTH_SECRET  32+ random bytes (base64); signs sessions and cookies
 *   SITE_URL            dashboard origin(s), comma-separated; the first one is used for redirects
 *   CONVEX_SITE_URL     set by Convex itself (HTTP actions URL): JWT issuer and Better Auth baseURL
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

export const createAuthOptions = (ctx: GenericCtx<DataModel>) => {
  const origins = siteUrls();
  return {
    baseURL: process.env.CONVEX_SITE_URL,
    trustedOrigins: origins,
    database: authComponent.adapter(ctx),
    emailAndPassword: {
      enabled: true,
      // No mail is sent by this deployment yet; invitations are bound to a signed link instead
      // (see orgs/members.ts), so an unverified address alone never grants access.
      requireEmailVerification: false,
      minPasswordLength: 8,
      maxPasswordLength: 128,
    },
    plugins: [crossDomain({ siteUrl: origins[0]! }), convex({ authConfig })],
  } satisfies BetterAuthOptions;
};

export const createAuth = (ctx: GenericCtx<DataModel>) => betterAuth(createAuthOptions(ctx));
