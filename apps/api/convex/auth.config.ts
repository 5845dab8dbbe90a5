import { getAuthConfigProvider } from "@convex-dev/better-auth/auth-config";
import type { AuthConfig } from "convex/server";

/**
 * Convex verifies the JWTs minted by Better Auth (see auth.ts): issuer = CONVEX_SITE_URL,
 * audience "convex", RS256, keys served at <CONVEX_SITE_URL>/api/auth/convex/jwks.
 * The identity's tokenIdentifier is therefore `<CONVEX_SITE_URL>|<better-auth user id>`, which is
 * what `members.userId` stores.
 */
export default {
  providers: [getAuthConfigProvider()],
} satisfies AuthConfig;
