/**
 * Adapters over the auth engineer's composables (useAuth.ts / useOrganization.ts). They are
 * resolved with import.meta.glob so the dashboard builds and typechecks before those files land;
 * once they exist these return exactly what they return.
 */
import type { Id } from "@switchboard/api/convex/_generated/dataModel";
import { type Ref, ref } from "vue";

export interface OrganizationApi {
  organizationId: Ref<Id<"organizations"> | null>;
  organizations: Ref<{ _id: Id<"organizations">; name: string; slug: string; role: string }[]>;
  role: Ref<"owner" | "admin" | "agent" | null>;
  switchTo(id: Id<"organizations">): void;
}
export interface AuthApi {
  user: Ref<{ id: string; email: string; name?: string } | null>;
  isLoading: Ref<boolean>;
  signOut(): unknown;
}

const orgModules = import.meta.glob<{ useOrganization?: () => OrganizationApi }>("./useOrganization.ts", {
  eager: true,
});
const authModules = import.meta.glob<{ useAuth?: () => AuthApi }>("./useAuth.ts", { eager: true });

export function useOrg(): OrganizationApi {
  const impl = Object.values(orgModules)[0]?.useOrganization;
  if (impl) return impl();
  return { organizationId: ref(null), organizations: ref([]), role: ref(null), switchTo: () => {} };
}

export function useSession(): AuthApi {
  const impl = Object.values(authModules)[0]?.useAuth;
  if (impl) return impl();
  return { user: ref(null), isLoading: ref(false), signOut: () => {} };
}
