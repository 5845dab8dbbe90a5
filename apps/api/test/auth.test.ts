import { describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import { SITE } from "./harness";
import { authFetch, newAuthBackend, signUp } from "./authSession";

describe("sign-up", () => {
  test("smoke", async () => {
    const t = newAuthBackend();
    const s = await signUp(t, "Ada", "ada@example.com");
    expect(s.tokenIdentifier).toBe(`${SITE}|${s.userId}`);
    const orgId = await s.as.mutation(api.orgs.setup.create, { name: "Acme" });
    expect(await s.as.query(api.orgs.members.myOrganizations, {})).toMatchObject([{ _id: orgId, role: "owner" }]);
    void authFetch;
  });
});
