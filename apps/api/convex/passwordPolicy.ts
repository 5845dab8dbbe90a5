import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";

/**
 * Password policy for every endpoint that sets a password: at least MIN_PASSWORD_LENGTH
 * characters (Better Auth's own minPasswordLength check, see auth.ts) and not guessable by a
 * cracker's dictionary, as judged offline by zxcvbn-ts with its common-password and English
 * dictionaries (no network: nothing leaves the deployment, unlike Better Auth's haveIBeenPwned).
 *
 * The check runs as a before-hook, so a weak password is refused before the sign-up endpoint
 * looks the email up: the answer to a weak password does not depend on whether the account exists.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn score 3 = "safely unguessable": more than 10^8 guesses by its estimate. */
export const MIN_PASSWORD_SCORE = 3;

/** Paths and the body field that carries the new password. */
const PASSWORD_FIELDS: Record<string, "password" | "newPassword"> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
  "/set-password": "newPassword",
};

export interface PasswordVerdict {
  ok: boolean;
  /** Why it was refused, in words a person can act on. */
  reason?: string;
}

type Zxcvbn = {
  check(
    password: string,
    userInputs?: string[],
  ): { score: number; feedback: { warning: string | null; suggestions: string[] } };
};
let zxcvbn: Promise<Zxcvbn> | null = null;

/**
 * The dictionaries are ~5 MB of JS and take a few hundred ms to rank, so they are imported on
 * first use: the many Convex functions that import auth.ts (for its session check) never load them.
 */
function loadZxcvbn(): Promise<Zxcvbn> {
  zxcvbn ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      maxLength: MAX_PASSWORD_LENGTH,
    });
  })();
  return zxcvbn;
}

/**
 * Judges a new password. Length limits are Better Auth's (they answer PASSWORD_TOO_SHORT /
 * PASSWORD_TOO_LONG), so out-of-range lengths pass here. The account's name and address are not
 * fed to zxcvbn as known words: the seeded demo account (packages/dev) would fail that.
 */
export async function judgePassword(password: string): Promise<PasswordVerdict> {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) return { ok: true };
  const result = (await loadZxcvbn()).check(password);
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const hint = result.feedback.warning || result.feedback.suggestions[0];
  return {
    ok: false,
    reason: `This password is too easy to guess${hint ? `: ${hint.replace(/\.$/, "")}` : ""}. Add more words or characters.`,
  };
}

const PASSWORD_TOO_WEAK = "PASSWORD_TOO_WEAK";

export const passwordPolicy = () =>
  ({
    id: "switchboard-password-policy",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path !== undefined && Object.hasOwn(PASSWORD_FIELDS, ctx.path),
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as Record<string, unknown>;
            const password = body[PASSWORD_FIELDS[ctx.path!]!];
            if (typeof password !== "string") return; // the endpoint's own validation answers
            const verdict = await judgePassword(password);
            if (!verdict.ok) throw APIError.from("BAD_REQUEST", { code: PASSWORD_TOO_WEAK, message: verdict.reason! });
          }),
        },
      ],
    },
    $ERROR_CODES: {
      [PASSWORD_TOO_WEAK]: { code: PASSWORD_TOO_WEAK, message: "This password is too easy to guess." },
    },
  }) satisfies BetterAuthPlugin;
