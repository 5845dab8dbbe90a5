// @vitest-environment node
// Issue 14 item 15: receiving endpoints are not first-come. The provider (here the simulator,
// which serves Twilio IncomingPhoneNumbers, Meta phone numbers and Resend domains) must confirm
// that the account of the credentials owns an endpoint, and a refusal never says who holds it.
import { DEFAULT_ACCOUNTS, type ProviderSim, startProviderSim } from "@switchboard/provider-sim";
import type { ConvexError } from "convex/values";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { type Backend, newBackend, ORG_A, ORG_B, type SeededOrg, seedOrg } from "../harness";

const A = DEFAULT_ACCOUNTS;
const ATTACKER_TWILIO = {
  accountSid: "AC0000000000000000000000000000a77a",
  authToken: "attacker-auth-token-000000000000",
};
let sim: ProviderSim;
let t: Backend;
let victim: SeededOrg;
let attacker: SeededOrg;

beforeAll(async () => {
  sim = await startProviderSim({ webhookBaseUrl: "http://127.0.0.1:9", autoDeliver: false });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = sim.url;
  sim.reset();
  t = newBackend();
  victim = await seedOrg(t, "victim", ORG_A);
  attacker = await seedOrg(t, "attacker", ORG_B);
});
afterEach(() => {
  delete process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST;
});

type Provider = "twilio" | "meta" | "resend";
const save = (org: SeededOrg, provider: Provider, endpoint: string, credentials: Record<string, string>) =>
  t.withIdentity(org.identity).action(api.channels.settings.save, {
    organizationId: org.organizationId,
    provider,
    endpoints: [endpoint],
    settings: { apiBaseUrl: sim.url },
    credentials,
  });

/** The refusal's {code, message}, with the endpoint replaced so two refusals can be compared. */
async function refusal(p: Promise<unknown>, endpoint: string) {
  try {
    await p;
  } catch (error) {
    const data = (error as ConvexError<{ code: string; message: string }>).data;
    return { code: data.code, message: data.message.replace(endpoint, "<endpoint>") };
  }
  throw new Error("expected a refusal");
}

const routes = (identifier: string) =>
  t.run((ctx) =>
    ctx.db
      .query("channelEndpoints")
      .filter((q) => q.eq(q.field("identifier"), identifier))
      .collect(),
  );

describe("14.15 receiving endpoints are verified with the provider, not first-come", () => {
  test("Twilio: only the account owning the number may claim it; taken and unowned look the same", async () => {
    const number = "+15555550100"; // owned by the simulator's default account
    sim.configure("twilio", { ...ATTACKER_TWILIO, numbers: ["+15005550999"] });
    const attackerCreds = { ...ATTACKER_TWILIO };

    // Not owned by the attacker, and nobody holds it yet: refused, nothing stored.
    const unowned = await refusal(save(attacker, "twilio", number, attackerCreds), number);
    expect(await routes(number)).toHaveLength(0);

    // The owner claims it.
    const ownerCreds = { accountSid: A.twilio.accountSid, authToken: A.twilio.authToken };
    expect(await save(victim, "twilio", number, ownerCreds)).toEqual(expect.any(String));
    expect(await routes(number)).toMatchObject([{ organizationId: victim.organizationId }]);

    // Taken (even when the provider says the attacker's account has it too): the same answer.
    sim.configure("twilio", { ...ATTACKER_TWILIO, numbers: [number] });
    const taken = await refusal(save(attacker, "twilio", number, attackerCreds), number);
    expect(taken).toEqual(unowned);
    expect(taken.message).not.toMatch(/victim|Org victim|already used/i);
    expect(taken.message).not.toContain(victim.organizationId);
    expect(await routes(number)).toMatchObject([{ organizationId: victim.organizationId }]);
    // The ownership question went to the provider API with the attacker's own credentials.
    expect(sim.requests("twilio").some((r) => r.path.endsWith("/IncomingPhoneNumbers.json"))).toBe(true);
  });

  test("Meta: the phone_number_id must be one the access token can read", async () => {
    const id = A.meta.phoneNumberId;
    const creds = (accessToken: string) => ({
      accessToken,
      appSecret: "attacker-app-secret-0000",
      verifyToken: `verify-${accessToken.slice(-6)}`,
    });
    const unowned = await refusal(save(attacker, "meta", id, creds("EAAattackerToken000000000000")), id);
    expect(unowned.code).toBe("conflict");
    expect(await routes(id)).toHaveLength(0);
    expect(await save(victim, "meta", id, creds(A.meta.accessToken))).toEqual(expect.any(String));
  });

  test("Resend: the inbound address must be on a verified domain of the API key's account", async () => {
    const creds = { apiKey: A.resend.apiKey, webhookSecret: A.resend.webhookSecret };
    const elsewhere = "support@victim-company.example";
    const unowned = await refusal(save(attacker, "resend", elsewhere, creds), elsewhere);
    expect(unowned.code).toBe("conflict");
    expect(await routes(elsewhere)).toHaveLength(0);
    const own = `help@${A.resend.domain}`;
    expect(await save(attacker, "resend", own, creds)).toEqual(expect.any(String));
    // Someone else holding it gets the same answer as an unowned domain.
    const second = await refusal(save(victim, "resend", own, creds), own);
    expect(second).toEqual(unowned);
  });
});
