import { describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import { authFetch, DASHBOARD, decodeJwt, newAuthBackend, sessionFor, signIn, signUp } from "./authSession";
import { SITE } from "./harness";

const PASSWORD = "correct horse battery";

describe("email + password accounts (Better Auth in Convex)", () => {
  test("sign-up creates the user and a session whose Convex identity is <CONVEX_SITE_URL>|<user id>", async () => {
    const t = newAuthBackend();
    const res = await authFetch(t, "/sign-up/email", {
      body: { name: "Ada Lovelace", email: "Ada@Example.com", password: PASSWORD },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      token: string;
      user: { id: string; email: string; name: string; emailVerified: boolean };
    };
    expect(body.user).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace", emailVerified: false });
    expect(body.token).toEqual(expect.any(String));

    const s = await sessionFor(t, body.token);
    expect(s.claims).toMatchObject({
      iss: SITE,
      aud: "convex",
      sub: body.user.id,
      email: "ada@example.com",
      name: "Ada Lovelace",
    });
    expect(s.claims.sessionId).toEqual(expect.any(String));
    expect(s.tokenIdentifier).toBe(`${SITE}|${body.user.id}`);
    // The password is never in the token.
    expect(s.jwt).not.toContain(PASSWORD);
    expect(JSON.stringify(s.claims)).not.toContain(PASSWORD);
  });

  test("sign-in accepts the right password only", async () => {
    const t = newAuthBackend();
    await signUp(t, "Ada", "ada@example.com", PASSWORD);

    const ok = await signIn(t, "ada@example.com", PASSWORD);
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    expect((await sessionFor(t, token)).claims.email).toBe("ada@example.com");

    const wrong = await signIn(t, "ada@example.com", "not the password");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
    const unknown = await signIn(t, "nobody@example.com", PASSWORD);
    expect(unknown.status).toBe(401);
  });

  test("an email can register once; short passwords are refused", async () => {
    const t = newAuthBackend();
    await signUp(t, "Ada", "ada@example.com", PASSWORD);
    const again = await authFetch(t, "/sign-up/email", {
      body: { name: "Other", email: "ada@example.com", password: "another long password" },
    });
    expect(again.status).toBe(422);
    const short = await authFetch(t, "/sign-up/email", {
      body: { name: "Bob", email: "bob@example.com", password: "short" },
    });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ code: "PASSWORD_TOO_SHORT" });
  });

  test("cross-domain: the session cookie travels in Better-Auth-Cookie headers, as the dashboard sends it", async () => {
    const t = newAuthBackend();
    const res = await authFetch(t, "/sign-up/email", {
      body: { name: "Ada", email: "ada@example.com", password: PASSWORD },
      headers: { "better-auth-cookie": "" },
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-better-auth-cookie");
    expect(setCookie).toContain("better-auth.session_token=");
    // The browser stores name=value pairs and sends them back in the header.
    const cookie = setCookie!
      .split(/,(?=\s*[\w.-]+=)/)
      .map((c) => c.split(";")[0]!.trim())
      .join("; ");
    const session = await authFetch(t, "/get-session", { headers: { "better-auth-cookie": cookie } });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { email: "ada@example.com" } });
    const jwt = await authFetch(t, "/convex/token", { headers: { "better-auth-cookie": cookie } });
    expect(jwt.status).toBe(200);
    expect(decodeJwt(((await jwt.json()) as { token: string }).token)).toMatchObject({ email: "ada@example.com" });
  });

  test("CORS answers the dashboard origin only", async () => {
    const t = newAuthBackend();
    const preflight = (origin: string) =>
      t.fetch("/api/auth/sign-in/email", {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,better-auth-cookie",
        },
      });
    const ok = await preflight(DASHBOARD);
    expect(ok.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("better-auth-cookie");
    const evil = await preflight("https://evil.example");
    expect(evil.headers.get("access-control-allow-origin")).not.toBe("https://evil.example");
  });

  test("sign-out ends the session: no new Convex token, and functions that need the user refuse it", async () => {
    const t = newAuthBackend();
    const s = await signUp(t, "Ada", "ada@example.com", PASSWORD);
    await s.as.mutation(api.orgs.organizations.create, { name: "Acme" });

    const out = await authFetch(t, "/sign-out", { body: {}, headers: { authorization: `Bearer ${s.sessionToken}` } });
    expect(out.status).toBe(200);
    await expect(sessionFor(t, s.sessionToken)).rejects.toThrow(/401/);
    // A JWT minted before sign-out still names the session, which no longer exists.
    await expect(s.as.mutation(api.orgs.organizations.create, { name: "Second" })).rejects.toThrow(/session has ended/);
  });
});

describe("the Convex side of a session", () => {
  test("calls without an identity are refused by every public orgs function", async () => {
    const t = newAuthBackend();
    const owner = await signUp(t, "Ada", "ada@example.com");
    const organizationId = await owner.as.mutation(api.orgs.organizations.create, { name: "Acme" });
    const memberId = (await owner.as.query(api.orgs.members.list, { organizationId }))[0]!._id;

    const calls: Array<[string, () => Promise<unknown>]> = [
      ["myOrganizations", () => t.query(api.orgs.organizations.listMine, {})],
      ["list", () => t.query(api.orgs.members.list, { organizationId })],
      ["listInvites", () => t.query(api.orgs.invitations.list, { organizationId })],
      [
        "invite",
        () => t.mutation(api.orgs.invitations.create, { organizationId, email: "x@example.com", role: "agent" }),
      ],
      ["setRole", () => t.mutation(api.orgs.members.setRole, { organizationId, memberId, role: "agent" })],
      ["remove", () => t.mutation(api.orgs.members.remove, { organizationId, memberId })],
      ["acceptInvites", () => t.mutation(api.orgs.invitations.accept, {})],
      ["invitation", () => t.query(api.orgs.invitations.get, { token: "x.y" })],
      ["setup.create", () => t.mutation(api.orgs.organizations.create, { name: "Nope" })],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name).rejects.toThrow(/Sign in first/);
    }
  });

  test("setup.create: the signed-in user owns the new organization; myOrganizations lists it", async () => {
    const t = newAuthBackend();
    const ada = await signUp(t, "Ada", "ada@example.com");
    const acme = await ada.as.mutation(api.orgs.organizations.create, {
      name: "Acme Support, Inc.",
      timezone: "Europe/Paris",
      defaultRegion: "fr",
    });
    const acme2 = await ada.as.mutation(api.orgs.organizations.create, { name: "Acme Support Inc" });

    const mine = await ada.as.query(api.orgs.organizations.listMine, {});
    expect(
      mine.map((o) => ({ _id: o._id, slug: o.slug, role: o.role })).sort((a, b) => a.slug.localeCompare(b.slug)),
    ).toEqual([
      { _id: acme, slug: "acme-support-inc", role: "owner" },
      { _id: acme2, slug: "acme-support-inc-2", role: "owner" },
    ]);
    const org = await t.run((ctx) => ctx.db.get(acme));
    expect(org).toMatchObject({ name: "Acme Support, Inc.", timezone: "Europe/Paris", defaultRegion: "FR" });
    const members = await t.run((ctx) =>
      ctx.db
        .query("members")
        .withIndex("by_org_user", (q) => q.eq("organizationId", acme))
        .collect(),
    );
    // The membership is keyed by the identity's tokenIdentifier: what requireMember compares.
    expect(members).toMatchObject([
      { userId: ada.tokenIdentifier, email: "ada@example.com", name: "Ada", role: "owner" },
    ]);

    // Another user sees none of it.
    const bob = await signUp(t, "Bob", "bob@example.com");
    expect(await bob.as.query(api.orgs.organizations.listMine, {})).toEqual([]);
    await expect(bob.as.query(api.orgs.members.list, { organizationId: acme })).rejects.toThrow(/not a member/);
  });

  test("setup.create validates its input", async () => {
    const t = newAuthBackend();
    const ada = await signUp(t, "Ada", "ada@example.com");
    await expect(ada.as.mutation(api.orgs.organizations.create, { name: "  " })).rejects.toThrow(/name/);
    await expect(ada.as.mutation(api.orgs.organizations.create, { name: "Acme", slug: "Bad Slug!" })).rejects.toThrow(
      /Invalid organization slug/,
    );
    await expect(
      ada.as.mutation(api.orgs.organizations.create, { name: "Acme", timezone: "Mars/Olympus" }),
    ).rejects.toThrow(/Unknown timezone/);
    await expect(
      ada.as.mutation(api.orgs.organizations.create, { name: "Acme", defaultRegion: "USA" }),
    ).rejects.toThrow(/default region/);
    await ada.as.mutation(api.orgs.organizations.create, { name: "Acme", slug: "acme" });
    await expect(ada.as.mutation(api.orgs.organizations.create, { name: "Acme", slug: "acme" })).rejects.toThrow(
      /taken/,
    );
    // Names without a-z/0-9 still get a slug.
    const id = await ada.as.mutation(api.orgs.organizations.create, { name: "日本" });
    expect((await t.run((ctx) => ctx.db.get(id)))!.slug).toBe("org");
  });

  test("the operator path (orgs/admin:createOrganization) keeps working", async () => {
    const t = newAuthBackend();
    const ada = await signUp(t, "Ada", "ada@example.com");
    const { internal } = await import("../convex/_generated/api");
    const organizationId = await t.mutation(internal.orgs.admin.createOrganization, {
      name: "Ops Co",
      slug: "ops-co",
      owner: { userId: ada.tokenIdentifier, email: "Ada@Example.com" },
    });
    expect(await ada.as.query(api.orgs.organizations.listMine, {})).toMatchObject([
      { _id: organizationId, role: "owner" },
    ]);
    await expect(t.mutation(internal.orgs.admin.createOrganization, { name: "Dup", slug: "ops-co" })).rejects.toThrow(
      /taken/,
    );
  });
});
