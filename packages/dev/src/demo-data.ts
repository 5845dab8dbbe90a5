/**
 * The demo organization's channels and logins for `pnpm dev`. Channels use the provider
 * simulator's development accounts (agents' replies go out through it); the 90 days of history
 * are played by the backend's `seed/history:run` from apps/api/convex/seed/demoData.ts.
 */

import { randomBytes } from "node:crypto";
import { DEFAULT_ACCOUNTS } from "@switchboard/provider-sim";

export interface DemoSecrets {
  genericSigningSecret: string;
  chatSessionSecret: string;
}

export function newDemoSecrets(): DemoSecrets {
  return {
    genericSigningSecret: `whsec_${randomBytes(24).toString("base64")}`,
    chatSessionSecret: randomBytes(32).toString("hex"),
  };
}

const DEMO_WIDGET_KEY = "demo-site";
const DEMO_CUSTOM_SLUG = "demo-crm";

export function demoChannels(simUrl: string, secrets: DemoSecrets) {
  const a = DEFAULT_ACCOUNTS;
  return [
    {
      provider: "twilio" as const,
      name: "SMS (Twilio)",
      endpoints: [a.twilio.numbers[0]!],
      settings: { apiBaseUrl: simUrl },
      credentials: { accountSid: a.twilio.accountSid, authToken: a.twilio.authToken },
    },
    {
      provider: "vonage" as const,
      name: "SMS (Vonage)",
      endpoints: [a.vonage.numbers![0]!],
      settings: { apiBaseUrl: simUrl },
      credentials: {
        apiKey: a.vonage.apiKey,
        apiSecret: a.vonage.apiSecret,
        signatureSecret: a.vonage.signatureSecret,
      },
    },
    {
      provider: "meta" as const,
      name: "WhatsApp",
      endpoints: [a.meta.phoneNumberId],
      settings: { apiBaseUrl: simUrl },
      credentials: { accessToken: a.meta.accessToken, appSecret: a.meta.appSecret, verifyToken: a.meta.verifyToken },
    },
    {
      provider: "resend" as const,
      name: "Email",
      endpoints: [`support@${a.resend.domain}`],
      settings: { apiBaseUrl: simUrl, fromName: "Demo Co Support" },
      credentials: { apiKey: a.resend.apiKey, webhookSecret: a.resend.webhookSecret },
    },
    {
      provider: "generic" as const,
      name: "CRM webhook",
      endpoints: [DEMO_CUSTOM_SLUG],
      settings: {},
      credentials: { signingSecret: secrets.genericSigningSecret },
    },
    {
      provider: "native" as const,
      name: "Website chat",
      endpoints: [DEMO_WIDGET_KEY],
      settings: {},
      credentials: { sessionSecret: secrets.chatSessionSecret },
    },
  ];
}

/**
 * The demo's two dashboard logins: the owner, and a second agent (mentions, "my team", round-robin).
 * Names and emails match DEMO_MEMBERS in apps/api/convex/seed/demoData.ts, which the history
 * seed looks members up by.
 */
export const DEMO_USERS = [
  { name: "Demo Owner", email: "demo@switchboard.test", password: "switchboard-demo", role: "owner" },
  { name: "Sam Rivera", email: "sam@switchboard.test", password: "switchboard-demo", role: "agent" },
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/**
 * A dashboard account in the demo organization, created through the real auth routes: sign up
 * (Better Auth on the site URL), then accept an operator invitation with the user's Convex token.
 * An existing account signs in instead.
 */
export async function ensureDemoUser(opts: {
  user: DemoUser;
  siteUrl: string;
  cloudUrl: string;
  dashboardOrigin: string;
  invite: (email: string, role: DemoUser["role"]) => Promise<{ token: string }>;
}) {
  const auth = (path: string, body: unknown, token?: string) =>
    fetch(`${opts.siteUrl}/api/auth${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        origin: opts.dashboardOrigin,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const { name, email, password } = opts.user;
  let res = await auth("/sign-up/email", { name, email, password });
  if (res.status !== 200) res = await auth("/sign-in/email", { email, password });
  if (res.status !== 200) throw new Error(`demo user sign-in failed: ${res.status} ${await res.text()}`);
  const { token: sessionToken } = (await res.json()) as { token: string };
  const tokenRes = await auth("/convex/token", undefined, sessionToken);
  if (tokenRes.status !== 200) throw new Error(`demo user token failed: ${tokenRes.status}`);
  const { token: jwt } = (await tokenRes.json()) as { token: string };
  const invitation = await opts.invite(email, opts.user.role);
  const { ConvexHttpClient } = await import("convex/browser");
  const { makeFunctionReference } = await import("convex/server");
  const client = new ConvexHttpClient(opts.cloudUrl);
  client.setAuth(jwt);
  await client.mutation(makeFunctionReference<"mutation">("orgs/invitations:accept"), { token: invitation.token });
}
