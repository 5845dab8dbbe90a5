/**
 * Route guard. The dashboard renders in the browser only (`ssr: false`: the session lives in
 * localStorage), so this always runs with the session available.
 *   signed out            -> /sign-in?redirect=<path>   (/sign-up for invitation links)
 *   signed in, no org     -> /onboarding                (except on invitation links)
 *   signed in on sign-in/sign-up -> the redirect target or /
 *   agent on /settings/*  -> /inbox
 * Authorization itself is enforced by the backend on every call; this is navigation only.
 */

import { whenOrganizationsSettled } from "~/composables/useOrganization";
import { authState, whenAuthReady } from "~/lib/authClient";
import { safeRedirect } from "~/lib/redirect";

const PUBLIC = new Set(["/sign-in", "/sign-up"]);

export default defineNuxtRouteMiddleware(async (to) => {
  // Pages for anonymous people, e.g. the embeddable visitor chat (/chat/<widgetKey>).
  if (to.meta.public) return;
  await whenAuthReady();
  const user = authState.user.value;
  const isInvite = to.path.startsWith("/invite/");

  if (!user) {
    if (PUBLIC.has(to.path)) return;
    return navigateTo(
      { path: isInvite ? "/sign-up" : "/sign-in", query: { redirect: to.fullPath } },
      { replace: true },
    );
  }

  if (PUBLIC.has(to.path)) return navigateTo(safeRedirect(to.query.redirect) ?? "/", { replace: true });
  if (isInvite) return;

  const status = await whenOrganizationsSettled();
  const { organizations, role } = useOrganization();
  if (status === "ready" && organizations.value.length === 0 && to.path !== "/onboarding") {
    return navigateTo("/onboarding", { replace: true });
  }
  // Agents work the inbox and contacts; settings and members are for owners and admins.
  if (role.value === "agent" && (to.path === "/settings" || to.path.startsWith("/settings/"))) {
    return navigateTo("/inbox", { replace: true });
  }
});
