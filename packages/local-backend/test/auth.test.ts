import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, makeKeys, start, waitFor } from "./helpers.js";

const api = anyApi as any;
let b: Awaited<ReturnType<typeof start>>;
let keys: Awaited<ReturnType<typeof makeKeys>>;
let otherKeys: Awaited<ReturnType<typeof makeKeys>>;

beforeAll(async () => {
  keys = await makeKeys();
  otherKeys = await makeKeys();
  b = await start({ env: { TEST_JWKS: keys.jwks } });
});
afterAll(async () => {
  await b?.stop();
});

describe("auth", () => {
  it("accepts a valid customJwt token over the WebSocket and builds the identity", async () => {
    const token = await keys.sign({ sub: "user-1", email: "u1@example.com", given_name: "Ada", org: "acme" });
    const c = client(b.url);
    try {
      const changes: boolean[] = [];
      c.setAuth(
        async () => token,
        (ok) => changes.push(ok),
      );
      let identity: any;
      c.onUpdate(api.messages.whoami, {}, (v) => (identity = v));
      await waitFor(
        () => changes,
        (ch) => ch.includes(true),
      );
      await waitFor(
        () => identity,
        (i) => !!i && i.subject === "user-1",
      );
      expect(identity).toMatchObject({
        subject: "user-1",
        issuer: "https://issuer.test",
        tokenIdentifier: "https://issuer.test|user-1",
        email: "u1@example.com",
        givenName: "Ada",
        org: "acme",
      });
    } finally {
      await c.close();
    }
  });

  it("refuses a bad signature and a wrong audience with onChange(false)", async () => {
    for (const token of [
      await otherKeys.sign({ sub: "evil" }),
      await keys.sign({ sub: "user-2" }, { aud: "someone-else" }),
      await keys.sign({ sub: "user-3" }, { iss: "https://other-issuer.test" }),
    ]) {
      const c = client(b.url);
      try {
        const changes: boolean[] = [];
        c.setAuth(
          async () => token,
          (ok) => changes.push(ok),
        );
        await waitFor(
          () => changes,
          (ch) => ch.includes(false),
        );
        expect(changes).not.toContain(true);
      } finally {
        await c.close();
      }
    }
  });

  it("refetches an expired token", async () => {
    const c = client(b.url);
    try {
      const calls: { forceRefreshToken: boolean }[] = [];
      const changes: boolean[] = [];
      c.setAuth(
        async (args) => {
          calls.push(args);
          return await keys.sign({ sub: "short" }, { expSeconds: calls.length === 1 ? 2 : 3600 });
        },
        (ok) => changes.push(ok),
      );
      await waitFor(
        () => changes,
        (ch) => ch.includes(true),
      );
      await new Promise((r) => setTimeout(r, 2500));
      // the server rejects the expired token on the next call; the client refetches and retries
      const id = await c.mutation(api.messages.send, { author: "short", body: "after refresh", channel: "auth" });
      expect(typeof id).toBe("string");
      expect(calls.length).toBeGreaterThanOrEqual(2);
      const who = await c.query(api.messages.whoami, {});
      expect(who?.subject).toBe("short");
    } finally {
      await c.close();
    }
  });

  it("verifies OIDC tokens whose keys are discovered from the issuer domain", async () => {
    const token = await keys.sign({ sub: "oidc-user", name: "Oidc" }, { iss: b.siteUrl, aud: "convex" });
    const http = new ConvexHttpClient(b.url);
    http.setAuth(token);
    expect(await http.query(api.messages.whoami, {})).toMatchObject({
      subject: "oidc-user",
      issuer: b.siteUrl,
      tokenIdentifier: `${b.siteUrl}|oidc-user`,
      name: "Oidc",
    });
    const wrongAud = new ConvexHttpClient(b.url);
    wrongAud.setAuth(await keys.sign({ sub: "oidc-user" }, { iss: b.siteUrl, aud: "other" }));
    await expect(wrongAud.query(api.messages.whoami, {})).rejects.toThrow();
  });

  it("ConvexHttpClient with auth sees the same identity; admin key can impersonate and call internal functions", async () => {
    const token = await keys.sign({ sub: "http-user" });
    const http = new ConvexHttpClient(b.url);
    http.setAuth(token);
    expect(await http.query(api.messages.whoami, {})).toMatchObject({
      subject: "http-user",
      tokenIdentifier: "https://issuer.test|http-user",
    });
    const bad = new ConvexHttpClient(b.url);
    bad.setAuth(await otherKeys.sign({ sub: "x" }));
    await expect(bad.query(api.messages.whoami, {})).rejects.toThrow();

    const admin = new ConvexHttpClient(b.url);
    (admin as any).setAdminAuth(b.adminKey, { subject: "imp", issuer: "https://issuer.test" });
    expect(await admin.query(api.messages.whoami, {})).toMatchObject({ subject: "imp" });
    expect(await (admin as any).function(api.messages.secret, undefined, {})).toBe("secret");
  });
});
