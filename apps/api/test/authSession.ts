/**
 * Real Better Auth sessions inside convex-test (auth*.test.ts / orgs*.test.ts).
 * convex-test does not verify JWTs, so after signing up through the real HTTP routes we fetch the
 * Convex JWT (/api/auth/convex/token) and turn its claims into the identity Convex would derive
 * from it: tokenIdentifier = `${iss}|${sub}`, plus the custom claims (sessionId, email, name...).
 */
import betterAuthTest from "@convex-dev/better-auth/test";
import { type Backend, newBackend, SITE } from "./harness";

export const DASHBOARD = "http://127.0.0.1:3000";
process.env.CONVEX_SITE_URL = SITE;
process.env.SITE_URL = DASHBOARD;
process.env.BETTER_AUTH_SECRET = "test-better-auth-secret-6q0Zb3m9Xv2LpTf8Kc1Rw7Ns4Hd5Yj";

export function newAuthBackend(): Backend {
  const t = newBackend();
  betterAuthTest.register(t);
  return t;
}

export interface Session {
  sessionToken: string;
  jwt: string;
  claims: Record<string, unknown>;
  userId: string;
  tokenIdentifier: string;
  as: ReturnType<Backend["withIdentity"]>;
}

export function authFetch(
  t: Backend,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return t.fetch(`/api/auth${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      origin: DASHBOARD,
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

export function decodeJwt(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1]!;
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (payload.length % 4)) % 4));
  return JSON.parse(json);
}

/** Identity for a session token, via the real token endpoint. */
export async function sessionFor(t: Backend, sessionToken: string): Promise<Session> {
  const res = await authFetch(t, "/convex/token", { headers: { authorization: `Bearer ${sessionToken}` } });
  if (res.status !== 200) throw new Error(`token endpoint: ${res.status} ${await res.text()}`);
  const { token: jwt } = (await res.json()) as { token: string };
  const claims = decodeJwt(jwt);
  const { iss, sub, aud: _aud, exp: _exp, iat: _iat, ...custom } = claims;
  const tokenIdentifier = `${iss}|${sub}`;
  const as = t.withIdentity({ ...custom, issuer: String(iss), subject: String(sub), tokenIdentifier });
  return { sessionToken, jwt, claims, userId: String(sub), tokenIdentifier, as };
}

export async function signUp(
  t: Backend,
  name: string,
  email: string,
  password = "correct horse battery",
): Promise<Session> {
  const res = await authFetch(t, "/sign-up/email", { body: { name, email, password } });
  if (res.status !== 200) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string };
  return sessionFor(t, body.token);
}

export async function signIn(t: Backend, email: string, password: string) {
  return authFetch(t, "/sign-in/email", { body: { email, password } });
}
