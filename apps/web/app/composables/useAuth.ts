/**
 * The signed-in user and the sign-up / sign-in / sign-out actions (Better Auth, email + password).
 *
 *   const { user, isLoading, signIn, signUp, signOut } = useAuth();
 *
 * `user` is null when signed out; `isLoading` is true until the first session check finished
 * (always true during SSR: the session lives in the browser). Actions throw an `Error` whose
 * message can be shown as is. signOut() also navigates to /sign-in.
 */
import type { ConvexClient } from "convex/browser";
import type { Ref } from "vue";
import {
  type AuthUser,
  applySession,
  authErrorMessage,
  authState,
  MIN_PASSWORD_LENGTH,
  type SessionData,
} from "~/lib/authClient";

export interface UseAuth {
  user: Ref<AuthUser | null>;
  isLoading: Ref<boolean>;
  signIn(email: string, password: string): Promise<void>;
  signUp(name: string, email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

export function useAuth(): UseAuth {
  const convex = import.meta.client ? ((useNuxtApp() as unknown as { $convex?: ConvexClient }).$convex ?? null) : null;

  const client = () => {
    const auth = authState.client.value;
    if (!auth || !convex) throw new Error("Sign-in is only available in the browser.");
    return { auth, convex };
  };

  /** Reads the session the server now has and mirrors it (instead of waiting for the atom). */
  const sync = async () => {
    const { auth, convex } = client();
    const { data, error } = await auth.getSession({ fetchOptions: { throw: false } });
    if (error) throw new Error(authErrorMessage(error));
    applySession(convex, auth, (data as SessionData) ?? null);
  };

  return {
    user: authState.user,
    isLoading: authState.isLoading,

    async signIn(email, password) {
      const { auth } = client();
      if (!email.trim() || !password) throw new Error("Enter your email and password.");
      const { error } = await auth.signIn
        .email({ email: email.trim(), password }, { throw: false })
        .catch((e: unknown) => ({
          error: { message: e instanceof Error ? e.message : String(e), status: 0 },
        }));
      if (error) throw new Error(authErrorMessage(error));
      await sync();
    },

    async signUp(name, email, password) {
      const { auth } = client();
      if (!name.trim()) throw new Error("Enter your name.");
      if (!email.trim()) throw new Error("Enter your email address.");
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw new Error(`The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
      }
      const { error } = await auth.signUp
        .email({ name: name.trim(), email: email.trim(), password }, { throw: false })
        .catch((e: unknown) => ({ error: { message: e instanceof Error ? e.message : String(e), status: 0 } }));
      if (error) throw new Error(authErrorMessage(error));
      await sync();
    },

    async signOut() {
      const { auth, convex } = client();
      try {
        await auth.signOut({ fetchOptions: { throw: false } });
      } finally {
        // Local state goes regardless: the stored session cookie was already cleared by the
        // cross-domain plugin, even if the server could not be reached.
        applySession(convex, auth, null);
      }
      await navigateTo("/sign-in");
    },
  };
}
