/**
 * The demo organization's channels and conversations for `pnpm dev`. Channels use the provider
 * simulator's development accounts; conversations are posted through the simulator, so they
 * travel the real signed-webhook pipeline.
 */

import { randomBytes } from "node:crypto";
import { createVisitorToken } from "@switchboard/channels";
import { DEFAULT_ACCOUNTS, type ProviderSim } from "@switchboard/provider-sim";

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

/**
 * The demo organization's AI endpoint: the simulator's deterministic chat completions, so thread
 * summaries, reply drafts and insight reviews work offline (Settings → AI can replace or remove it).
 */
export function demoAi(simUrl: string) {
  return {
    baseUrl: `${simUrl}/v1`,
    model: DEFAULT_ACCOUNTS.openai.models![0]!,
    apiKey: DEFAULT_ACCOUNTS.openai.apiKey,
  };
}

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

const hours = (n: number) => Date.now() - n * 3600_000;

/** Posts the demo conversations; each goes through signature check, dedupe, identity, thread. */
export async function seedDemoConversations(sim: ProviderSim, siteUrl: string, secrets: DemoSecrets) {
  const post = async (
    provider: Parameters<ProviderSim["sendInbound"]>[0],
    msg: Parameters<ProviderSim["sendInbound"]>[1],
  ) => {
    const result = await sim.sendInbound(provider, msg);
    if (result.status !== 200) throw new Error(`demo ${provider} webhook answered ${result.status}: ${result.body}`);
  };
  await post("resend", {
    from: "Maya Chen <maya.chen@northwind.example>",
    subject: "Renewal and the new analytics add-on",
    text:
      "Hi team,\n\nWe're happy with the pilot and would like a proposal for the annual plan with the analytics add-on. " +
      "I'll send over our seat count by Friday.\n\nBest,\nMaya Chen\nHead of Operations, Northwind Traders\n+1 (415) 555-0142\nmaya.chen@northwind.example",
    timestamp: hours(30),
  });
  await post("twilio", {
    from: "+14155550142",
    text: "Hi, Maya here - just sent the seat count by email. Can we talk tomorrow?",
    timestamp: hours(5),
  });
  await post("meta", {
    from: "14155550177",
    profileName: "Luis Ortega",
    text: "Hola! My order #4812 still hasn't arrived :(",
    timestamp: hours(3),
  });
  await post("meta", {
    from: "14155550177",
    profileName: "Luis Ortega",
    media: [{ contentType: "image/jpeg", caption: "This is the tracking page" }],
    timestamp: hours(3) + 60_000,
  });
  await post("vonage", {
    from: "447700900123",
    text: "Please call me back about the invoice, it was charged twice.",
    timestamp: hours(2),
  });
  await post("resend", {
    from: "Priya Natarajan <priya@lumen.example>",
    subject: "Great support, thank you",
    text: "Thanks a lot for the quick fix yesterday, everything works perfectly now!\n\nPriya Natarajan\nCTO, Lumen Labs",
    timestamp: hours(1),
  });
  const { token } = await createVisitorToken(secrets.chatSessionSecret, "visitor_demo_1");
  const chat = await fetch(`${siteUrl}/webhooks/chat/${DEMO_WIDGET_KEY}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      clientMessageId: "demo-1",
      name: "Website visitor",
      text: "Do you offer a nonprofit discount?",
    }),
  });
  if (!chat.ok) throw new Error(`demo chat webhook answered ${chat.status}: ${await chat.text()}`);
}

export const DEMO_USER = { name: "Demo Owner", email: "demo@switchboard.test", password: "switchboard-demo" };

/**
 * A dashboard account that owns the demo organization, created through the real auth routes:
 * sign up (Better Auth on the site URL), then accept an operator invitation with the user's
 * Convex token. Idempotent: an existing account just signs in and accepts nothing new.
 */
export async function ensureDemoUser(opts: {
  siteUrl: string;
  cloudUrl: string;
  dashboardOrigin: string;
  invite: (email: string) => Promise<{ token: string }>;
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
  let res = await auth("/sign-up/email", DEMO_USER);
  if (res.status !== 200) res = await auth("/sign-in/email", { email: DEMO_USER.email, password: DEMO_USER.password });
  if (res.status !== 200) throw new Error(`demo user sign-in failed: ${res.status} ${await res.text()}`);
  const { token: sessionToken } = (await res.json()) as { token: string };
  const tokenRes = await auth("/convex/token", undefined, sessionToken);
  if (tokenRes.status !== 200) throw new Error(`demo user token failed: ${tokenRes.status}`);
  const { token: jwt } = (await tokenRes.json()) as { token: string };
  const invitation = await opts.invite(DEMO_USER.email);
  const { ConvexHttpClient } = await import("convex/browser");
  const { makeFunctionReference } = await import("convex/server");
  const client = new ConvexHttpClient(opts.cloudUrl);
  client.setAuth(jwt);
  await client.mutation(makeFunctionReference<"mutation">("orgs/invitations:accept"), { token: invitation.token });
}
