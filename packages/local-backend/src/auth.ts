import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from "jose";

export type Identity = Record<string, unknown> & { tokenIdentifier: string; subject: string; issuer: string };

export interface AuthProvider {
  type?: "customJwt";
  domain?: string;
  issuer?: string;
  jwks?: string;
  algorithm?: "RS256" | "ES256";
  applicationID?: string;
}

const IDENTITY_ATTRIBUTE_BY_CLAIM: Record<string, string> = {
  sub: "subject",
  iss: "issuer",
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const DROPPED_CLAIMS = new Set(["aud", "exp", "iat", "nbf", "jti"]);

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthError";
  }
}

function trimSlash(s: string) {
  return s.endsWith("/") ? s.slice(0, -1) : s;
}

function identityFromClaims(payload: JWTPayload): Identity {
  const id: Record<string, unknown> = {};
  for (const [claim, value] of Object.entries(payload)) {
    if (DROPPED_CLAIMS.has(claim)) continue;
    const attr = IDENTITY_ATTRIBUTE_BY_CLAIM[claim] ?? claim;
    id[attr] = value;
  }
  id.tokenIdentifier = `${payload.iss}|${payload.sub}`;
  return id as Identity;
}

type KeySet = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

export class AuthVerifier {
  private keySets = new Map<string, Promise<KeySet>>();
  constructor(private getProviders: () => AuthProvider[]) {}

  private keySet(jwks: string): Promise<KeySet> {
    let ks = this.keySets.get(jwks);
    if (!ks) {
      ks = (async () => {
        if (jwks.startsWith("data:")) {
          const comma = jwks.indexOf(",");
          const meta = jwks.slice(5, comma);
          const body = jwks.slice(comma + 1);
          const text = meta.endsWith(";base64")
            ? Buffer.from(body, "base64").toString("utf8")
            : decodeURIComponent(body);
          return createLocalJWKSet(JSON.parse(text));
        }
        return createRemoteJWKSet(new URL(jwks));
      })();
      this.keySets.set(jwks, ks);
      ks.catch(() => this.keySets.delete(jwks));
    }
    return ks;
  }

  private async oidcJwks(domain: string): Promise<string> {
    const res = await fetch(`${trimSlash(domain)}/.well-known/openid-configuration`);
    if (!res.ok) throw new AuthError(`Could not fetch OIDC configuration for ${domain}: ${res.status}`);
    const j = (await res.json()) as { jwks_uri?: string };
    if (!j.jwks_uri) throw new AuthError(`OIDC configuration for ${domain} has no jwks_uri`);
    return j.jwks_uri;
  }

  /** Verify a JWT and return the identity, or throw AuthError. */
  async verify(token: string): Promise<{ identity: Identity; exp: number | null }> {
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw new AuthError("Could not parse JWT payload. Check that the token is a valid JWT format.");
    }
    const providers = this.getProviders();
    if (providers.length === 0)
      throw new AuthError(
        "No auth provider found matching the given token (no providers configured in auth.config.ts)",
      );
    const iss = claims.iss ?? "";
    const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    let lastError: unknown = null;
    for (const p of providers) {
      const isCustom = p.type === "customJwt";
      const issuer = isCustom ? p.issuer : p.domain;
      if (!issuer || trimSlash(issuer) !== trimSlash(iss)) continue;
      if (p.applicationID && !aud.includes(p.applicationID)) {
        lastError = new AuthError(
          `No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: ${JSON.stringify({ iss, aud })}`,
        );
        continue;
      }
      try {
        const jwksUrl = isCustom ? p.jwks! : await this.oidcJwks(p.domain!);
        const ks = await this.keySet(jwksUrl);
        const { payload } = await jwtVerify(token, ks, {
          algorithms: isCustom && p.algorithm ? [p.algorithm] : undefined,
          clockTolerance: 0,
        });
        if (!payload.sub) throw new AuthError("JWT is missing the `sub` claim");
        return { identity: identityFromClaims(payload), exp: typeof payload.exp === "number" ? payload.exp : null };
      } catch (e) {
        lastError = e;
      }
    }
    if (lastError instanceof AuthError) throw lastError;
    if (lastError) {
      const code = (lastError as { code?: string } | null)?.code;
      if (code === "ERR_JWT_EXPIRED") throw new AuthError("Token expired");
      throw new AuthError(`Could not verify OIDC token claim. ${(lastError as Error).message}`);
    }
    throw new AuthError(
      `No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: ${JSON.stringify({ iss, aud })}`,
    );
  }
}

export function parseAdminIdentity(b64: string | undefined): Identity | null {
  if (!b64) return null;
  try {
    const j = JSON.parse(Buffer.from(b64, "base64").toString("utf8"));
    return normalizeImpersonated(j);
  } catch {
    return null;
  }
}
export function normalizeImpersonated(raw: unknown): Identity | null {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const j = raw as Record<string, unknown>;
  const subject = typeof j.subject === "string" ? j.subject : "impersonated";
  const issuer = typeof j.issuer === "string" ? j.issuer : "https://convex.local";
  const tokenIdentifier = typeof j.tokenIdentifier === "string" ? j.tokenIdentifier : `${issuer}|${subject}`;
  return { ...j, subject, issuer, tokenIdentifier };
}
