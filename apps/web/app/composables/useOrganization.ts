/**
 * The organizations of the signed-in user and the one the dashboard works in.
 *
 *   const { organizationId, organizations, role, switchTo } = useOrganization();
 *
 * `organizations` is live (orgs/members:myOrganizations). `organizationId` is the selected one:
 * the last choice (persisted in localStorage) if the user is still a member, else the first
 * organization, null when there is none. The server checks membership on every call; the
 * selection is only a choice among the user's own memberships.
 */
import { api } from "@switchboard/api/convex/_generated/api";
import type { Id } from "@switchboard/api/convex/_generated/dataModel";
import type { ConvexClient } from "convex/browser";
import { effectScope, type Ref, ref, watch } from "vue";
import { authState } from "~/lib/authClient";

export type OrgRole = "owner" | "admin" | "agent";
export interface OrganizationSummary {
  _id: Id<"organizations">;
  name: string;
  slug: string;
  role: OrgRole;
}
/** idle: signed out / server; loading: waiting for the list; ready; error: the list failed. */
export type OrganizationsStatus = "idle" | "loading" | "ready" | "error";

export interface UseOrganization {
  organizationId: Ref<Id<"organizations"> | null>;
  organizations: Ref<OrganizationSummary[]>;
  role: Ref<OrgRole | null>;
  switchTo(id: Id<"organizations">): void;
}

const STORAGE_KEY = "switchboard.organizationId";

const organizations = ref<OrganizationSummary[]>([]);
const organizationId = ref<Id<"organizations"> | null>(null);
const role = ref<OrgRole | null>(null);
/** Loading state of the list (used by the auth middleware to route to onboarding). */
export const organizationsStatus = ref<OrganizationsStatus>("idle");
export const organizationsError = ref<string | null>(null);

let started = false;

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function writeStored(id: string) {
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // storage unavailable (private mode): the choice lasts for this page only
  }
}

let chosen: string | null = null;

function reconcile() {
  const list = organizations.value;
  const current = list.find((o) => o._id === chosen) ?? list[0] ?? null;
  organizationId.value = current?._id ?? null;
  role.value = current?.role ?? null;
}

function start(convex: ConvexClient) {
  started = true;
  chosen = readStored();
  // Lives as long as the app (one subscription shared by every caller).
  effectScope(true).run(() => {
    let unsubscribe: (() => void) | null = null;
    watch(
      () => (authState.convex.value === "authenticated" ? authState.sessionId.value : null),
      (sessionId) => {
        unsubscribe?.();
        unsubscribe = null;
        organizations.value = [];
        organizationsError.value = null;
        reconcile();
        if (!sessionId) {
          organizationsStatus.value = authState.convex.value === "rejected" ? "error" : "idle";
          if (authState.convex.value === "rejected")
            organizationsError.value = "The server did not accept your session.";
          return;
        }
        organizationsStatus.value = "loading";
        unsubscribe = convex.onUpdate(
          api.orgs.organizations.listMine,
          {},
          (list) => {
            organizations.value = list.map(({ _id, name, slug, role }) => ({ _id, name, slug, role }));
            organizationsStatus.value = "ready";
            organizationsError.value = null;
            reconcile();
          },
          (error) => {
            organizationsStatus.value = "error";
            organizationsError.value = error.message;
          },
        );
      },
      { immediate: true },
    );
  });
}

export function useOrganization(): UseOrganization {
  if (import.meta.client && !started) {
    const convex = (useNuxtApp() as unknown as { $convex?: ConvexClient }).$convex;
    if (convex) start(convex);
  }
  return {
    organizationId,
    organizations,
    role,
    switchTo(id) {
      chosen = id;
      writeStored(id);
      reconcile();
    },
  };
}

/** Resolves when the organization list is known (ready or failed) or the user is signed out. */
export function whenOrganizationsSettled(): Promise<OrganizationsStatus> {
  useOrganization();
  const settled = () => {
    const s = organizationsStatus.value;
    if (s === "ready" || s === "error") return true;
    // Signed out for good (not merely waiting for Convex to accept the token).
    return s === "idle" && authState.convex.value === "signedOut" && !authState.isLoading.value;
  };
  if (import.meta.server || settled()) return Promise.resolve(organizationsStatus.value);
  return new Promise((resolve) => {
    const stop = watch([organizationsStatus, authState.convex, authState.isLoading], () => {
      if (!settled()) return;
      stop();
      resolve(organizationsStatus.value);
    });
  });
}
