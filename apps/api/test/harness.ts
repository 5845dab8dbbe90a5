import betterAuthTest from "@convex-dev/better-auth/test";
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import workpoolTest from "@convex-dev/workpool/test";
import { convexTest } from "convex-test";
import { components, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import schema from "../convex/schema";

const modules = import.meta.glob("../convex/**/*.ts");

export const SITE = "https://some.convex.site";

export function newBackend() {
  const t = convexTest(schema, modules);
  // The Better Auth component holds the sessions every member function checks (requireLiveIdentity).
  betterAuthTest.register(t);
  // The rate limiter component keeps the chat widget's buckets (chat/rateLimits.ts).
  rateLimiterTest.register(t);
  // The workpool that delivers event webhooks (webhooks/pool.ts).
  workpoolTest.register(t, "webhookWorkpool");
  return t;
}
export type Backend = ReturnType<typeof newBackend>;

export type TestIdentity = {
  issuer: string;
  subject: string;
  tokenIdentifier: string;
  sessionId: string;
};

/**
 * The identity Convex derives from a Better Auth JWT, backed by a live session row: member
 * functions refuse a token whose session is gone (see auth.ts requireLiveIdentity), so tests
 * that act as a user need one. `tokenIdentifier` is what members.userId stores.
 */
export async function openSession(t: Backend, tokenIdentifier: string): Promise<TestIdentity> {
  const subject = tokenIdentifier.split("|").pop() ?? tokenIdentifier;
  const now = Date.now();
  const session = (await t.run((ctx) =>
    ctx.runMutation(components.betterAuth.adapter.create, {
      input: {
        model: "session",
        data: {
          token: `test-${crypto.randomUUID()}`,
          userId: subject,
          expiresAt: Date.UTC(2100, 0, 1),
          createdAt: now,
          updatedAt: now,
        },
      },
    }),
  )) as { _id: string };
  return { issuer: "https://auth.test", subject, tokenIdentifier, sessionId: session._id };
}

/** Adds a member to an organization (no invitation round trip) with a live session for them. */
export async function addMember(
  t: Backend,
  organizationId: Id<"organizations">,
  who: { slug: string; name: string; email: string; role: "admin" | "agent" },
): Promise<{ memberId: Id<"members">; identity: TestIdentity }> {
  const userId = `https://auth.test|${who.slug}`;
  const memberId = await t.run((ctx) =>
    ctx.db.insert("members", {
      organizationId,
      userId,
      email: who.email,
      name: who.name,
      role: who.role,
      createdAt: Date.now(),
    }),
  );
  return { memberId, identity: await openSession(t, userId) };
}

export const SECRETS = {
  twilioAuthToken: "twilio-auth-token-0123456789abcdef",
  vonageSignatureSecret: "vonage-signature-secret-0123456789",
  metaAppSecret: "meta-app-secret-0123456789",
  metaVerifyToken: "meta-verify-token-42",
  resendWebhookSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  genericSigningSecret: "whsec_c2VjcmV0LWZvci1nZW5lcmljLXdlYmhvb2tzLTAxMjM=",
  chatSessionSecret: "chat-session-secret-0123456789abcdef",
  chatIdentitySecret: "chat-identity-secret-0123456789abcdef",
};

/** Receiving endpoints of two organizations used across the webhook tests. */
export const ORG_A = {
  phone: "+14155550100",
  vonagePhone: "+14155550101",
  phoneNumberId: "100000000000001",
  inboundEmail: "support@a.example.com",
  customSlug: "a-crm",
  chatSlug: "a-site",
};
export const ORG_B = {
  phone: "+14155550200",
  vonagePhone: "+14155550201",
  phoneNumberId: "100000000000002",
  inboundEmail: "support@b.example.com",
  customSlug: "b-crm",
  chatSlug: "b-site",
};

export interface SeededOrg {
  organizationId: Id<"organizations">;
  configs: Record<"twilio" | "vonage" | "meta" | "resend" | "generic" | "native", Id<"channelConfigs">>;
  userId: string;
  /** The owner's identity with a live session. */
  identity: TestIdentity;
}

/** An organization with one channel of every provider, receiving on the given endpoints. */
export async function seedOrg(
  t: Backend,
  slug: string,
  endpoints: {
    phone: string;
    vonagePhone: string;
    phoneNumberId: string;
    inboundEmail: string;
    customSlug: string;
    chatSlug: string;
  },
  opts: { coalesceWindowMs?: number } = {},
): Promise<SeededOrg> {
  const userId = `https://auth.test|${slug}-owner`;
  const organizationId = await t.mutation(internal.orgs.admin.createOrganization, {
    name: `Org ${slug}`,
    slug,
    defaultRegion: "US",
    coalesceWindowMs: opts.coalesceWindowMs,
    owner: { userId, email: `owner@${slug}.test` },
  });
  const create = (provider: keyof SeededOrg["configs"], endpoint: string, credentials: Record<string, string>) =>
    t.action(internal.channels.configs.createConfig, {
      organizationId,
      provider,
      endpoints: [endpoint],
      settings: {},
      credentials,
    });
  const configs = {
    twilio: await create("twilio", endpoints.phone, {
      accountSid: "AC00000000000000000000000000000001",
      authToken: SECRETS.twilioAuthToken,
    }),
    vonage: await create("vonage", endpoints.vonagePhone, {
      apiKey: "vonage-key",
      apiSecret: "vonage-secret",
      signatureSecret: SECRETS.vonageSignatureSecret,
    }),
    meta: await create("meta", endpoints.phoneNumberId, {
      accessToken: "meta-access-token",
      appSecret: SECRETS.metaAppSecret,
      verifyToken: `${SECRETS.metaVerifyToken}-${slug}`,
    }),
    resend: await create("resend", endpoints.inboundEmail, {
      apiKey: "re_test_key",
      webhookSecret: SECRETS.resendWebhookSecret,
    }),
    generic: await create("generic", endpoints.customSlug, { signingSecret: SECRETS.genericSigningSecret }),
    native: await create("native", endpoints.chatSlug, {
      sessionSecret: SECRETS.chatSessionSecret,
      identitySecret: SECRETS.chatIdentitySecret,
    }),
  };
  return { organizationId, configs, userId, identity: await openSession(t, userId) };
}

export async function countRows(t: Backend, organizationId: Id<"organizations">) {
  return t.run(async (ctx) => {
    const org = (q: { eq(field: "organizationId", value: Id<"organizations">): unknown }) =>
      q.eq("organizationId", organizationId);
    return {
      messages: (
        await ctx.db
          .query("unifiedMessages")
          .withIndex("by_thread", org as never)
          .collect()
      ).length,
      contacts: (
        await ctx.db
          .query("contacts")
          .withIndex("by_org_last_message", org as never)
          .collect()
      ).length,
      identities: (
        await ctx.db
          .query("contactIdentities")
          .withIndex("by_contact", org as never)
          .collect()
      ).length,
      threads: (
        await ctx.db
          .query("conversationThreads")
          .withIndex("by_org_last", org as never)
          .collect()
      ).length,
      rawEvents: (
        await ctx.db
          .query("inboundEvents")
          .withIndex("by_org_received", org as never)
          .collect()
      ).length,
    };
  });
}

/**
 * A file as the browser uploads it to a Convex upload URL: stored with its Content-Type in the
 * `_storage` metadata. convex-test's storage does not record the type (Convex does), so it is
 * set here the way the upload endpoint would.
 */
export async function storeUpload(t: Backend, body: BlobPart, contentType: string): Promise<Id<"_storage">> {
  const storageId = await t.run((ctx) => ctx.storage.store(new Blob([body], { type: contentType })));
  await t.run(async (ctx) => {
    // _storage is read-only in the typed API; the test writes its metadata as the upload would.
    await (ctx.db as unknown as { patch(id: string, value: object): Promise<void> }).patch(storageId, { contentType });
  });
  return storageId;
}
