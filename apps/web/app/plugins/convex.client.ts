/**
 * The one ConvexClient of the dashboard (`useNuxtApp().$convex`), authenticated with the
 * Better Auth session: whenever the session changes, `setAuth` is given a token fetcher that asks
 * <convexSiteUrl>/api/auth/convex/token for a fresh JWT (Convex refreshes it before it expires);
 * on sign-out the client drops its auth. Browser only (the session lives in localStorage).
 */
import { ConvexClient } from "convex/browser";
import { authState, createSwitchboardAuthClient, type SwitchboardAuthClient } from "~/lib/authClient";

type SessionData = { user: { id: string; email: string; name?: string | null }; session: { id: string } } | null;

export function applySession(convex: ConvexClient, auth: SwitchboardAuthClient, data: SessionData) {
  authState.user.value = data
    ? { id: data.user.id, email: data.user.email, ...(data.user.name ? { name: data.user.name } : {}) }
    : null;
  authState.isLoading.value = false;
  const sessionId = data?.session.id ?? null;
  if (sessionId === authState.sessionId.value && authState.convex.value !== "signedOut") return;
  authState.sessionId.value = sessionId;
  if (!sessionId) {
    convex.clearAuth();
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

export default defineNuxtPlugin(() => {
  const config = useRuntimeConfig();
  const convex = new ConvexClient(config.public.convexUrl as string);
  const auth = createSwitchboardAuthClient(config.public.convexSiteUrl as string);
  authState.client.value = auth;

  // The session atom fetches /get-session when first subscribed, again after sign-in/sign-out
  // and when the tab regains focus.
  auth.useSession.subscribe((state) => {
    if (state.isPending) return;
    if (state.error && !state.data) {
      // Backend unreachable: treat as signed out (the sign-in page reports the error on use).
      applySession(convex, auth, null);
      return;
    }
    applySession(convex, auth, (state.data as SessionData) ?? null);
  });

  return { provide: { convex } };
});
