/**
 * The one ConvexClient of the dashboard (`useNuxtApp().$convex`), authenticated with the
 * Better Auth session: whenever the session changes, `setAuth` is given a token fetcher that asks
 * <convexSiteUrl>/api/auth/convex/token for a fresh JWT (Convex refreshes it before it expires);
 * on sign-out the client drops its auth. Browser only (the session lives in localStorage).
 */
import { ConvexClient } from "convex/browser";
import { applySession, authState, createSwitchboardAuthClient, type SessionData } from "~/lib/authClient";

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
