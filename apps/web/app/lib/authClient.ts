/**
 * Better Auth in the browser, talking to the auth routes on the Convex site URL
 * (<convexSiteUrl>/api/auth/*, see apps/api/convex/auth.ts).
 *
 * The dashboard and Convex are different origins, so the cross-domain plugin keeps the session
 * cookie in localStorage and sends it as a `Better-Auth-Cookie` header (no third-party cookies).
 * Convex calls carry a short-lived JWT (5 minutes) from /api/auth/convex/token; the ConvexClient
 * calls the fetcher given to setAuth again before it expires (see plugins/convex.client.ts). Once
 * the session ends (sign-out, reset, expiry) no new token is issued, and the backend refuses the
 * last one at once (requireLiveIdentity in apps/api/convex/auth.ts).
 *
 * State lives here as module singletons, written only in the browser (by the plugin); on the
 * server they stay at their initial values (no user, loading).
 */
import { convexClient, crossDomainClient } from "@convex-dev/better-auth/client/plugins";
import { createAuthClient } from "better-auth/client";
import type { ConvexClient } from "convex/browser";
import { ref, shallowRef, watch } from "vue";

export function createSwitchboardAuthClient(baseURL: string) {
  return createAuthClient({
    baseURL,
    plugins: [convexClient(), crossDomainClient({ storagePrefix: "switchboard" })],
  });
}
export type SwitchboardAuthClient = ReturnType<typeof createSwitchboardAuthClient>;

export interface AuthUser {
  id: string;
  email: string;
  name?: string;
}

/** "pending": token being fetched/validated; "authenticated": Convex accepted the JWT. */
export type ConvexAuthStatus = "signedOut" | "pending" | "authenticated" | "rejected";

export const authState = {
  client: shallowRef<SwitchboardAuthClient | null>(null),
  user: ref<AuthUser | null>(null),
  sessionId: ref<string | null>(null),
  /** True until the first session check finished (in the browser). */
  isLoading: ref(true),
  convex: ref<ConvexAuthStatus>("signedOut"),
};

/** Resolves once the first session check is done (immediately on the server). */
export function whenAuthReady(): Promise<void> {
  if (import.meta.server || !authState.isLoading.value) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = watch(authState.isLoading, (loading) => {
      if (loading) return;
      stop();
      resolve();
    });
  });
}

/** Mirrors a Better Auth session into authState and the ConvexClient's auth (idempotent). */
export type SessionData = { user: { id: string; email: string; name?: string | null }; session: { id: string } } | null;

export function applySession(convex: ConvexClient, auth: SwitchboardAuthClient, data: SessionData) {
  authState.user.value = data
    ? { id: data.user.id, email: data.user.email, ...(data.user.name ? { name: data.user.name } : {}) }
    : null;
  authState.isLoading.value = false;
  const sessionId = data?.session.id ?? null;
  if (sessionId === authState.sessionId.value && authState.convex.value !== "signedOut") return;
  authState.sessionId.value = sessionId;
  if (!sessionId) {
    // ConvexClient has no clearAuth of its own; its underlying BaseConvexClient does.
    convex.client.clearAuth();
    authState.convex.value = "signedOut";
    return;
  }
  authState.convex.value = "pending";
  convex.setAuth(
    async () => {
      const { data: token } = await auth.convex.token({ fetchOptions: { throw: false } });
      return token?.token ?? null;
    },
    (isAuthenticated) => {
      // Ignore callbacks of a session that was replaced in the meantime.
      if (authState.sessionId.value !== sessionId) return;
      authState.convex.value = isAuthenticated ? "authenticated" : "rejected";
    },
  );
}

/** Same as the server's MIN_PASSWORD_LENGTH (apps/api/convex/passwordPolicy.ts). */
export const MIN_PASSWORD_LENGTH = 10;

const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "Wrong email or password.",
  USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email already exists. Sign in instead.",
  PASSWORD_TOO_SHORT: `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`,
  PASSWORD_TOO_LONG: "The password is too long: use at most 128 characters.",
  INVALID_EMAIL: "That email address doesn't look right.",
};

/** A human sentence for a Better Auth client error ({ code, message, status }). */
export function authErrorMessage(
  error: { code?: string; message?: string; status?: number; statusText?: string } | null | undefined,
): string {
  if (!error) return "Something went wrong. Try again.";
  if (error.code && MESSAGES[error.code]) return MESSAGES[error.code]!;
  // PASSWORD_TOO_WEAK: the server's message says why (zxcvbn's hint), so it is shown as is.
  // 429: the per-address limit lifts within a minute, the per-account lock within 15 minutes.
  if (error.status === 429) return "Too many attempts. Wait a few minutes and try again.";
  if (error.status === 0 || (!error.status && !error.message))
    return "Can't reach the server. Check that the backend is running.";
  return error.message || error.statusText || "Something went wrong. Try again.";
}
