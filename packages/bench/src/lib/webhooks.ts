/**
 * Signed webhook requests exactly as the providers send them (signing helpers from
 * @switchboard/provider-sim, which the api tests cross-check against the official SDKs).
 */
import { createHash } from "node:crypto";
import { DEFAULT_ACCOUNTS, metaSignature256, svixHeaders, twilioSignature } from "@switchboard/provider-sim";
import type { AdminApi, Identity } from "./admin";

export const ACCOUNTS = DEFAULT_ACCOUNTS;
export const ENDPOINTS = {
  twilio: ACCOUNTS.twilio.numbers[0]!,
  meta: ACCOUNTS.meta.phoneNumberId,
  resend: `support@${ACCOUNTS.resend.domain}`,
};

export interface WebhookRequest {
  provider: "twilio" | "meta" | "resend";
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Provider message id (what dedupe keys on). */
  externalId: string;
}

export const TWILIO_PATH = "/webhooks/sms/twilio";

export function twilioWebhook(
  siteUrl: string,
  from: string,
  text: string,
  sid: string,
  authToken = ACCOUNTS.twilio.authToken,
): WebhookRequest {
  const params: Record<string, string> = {
    AccountSid: ACCOUNTS.twilio.accountSid,
    ApiVersion: "2010-04-01",
    Body: text,
    From: from,
    MessageSid: sid,
    NumMedia: "0",
    NumSegments: "1",
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: "received",
    To: ENDPOINTS.twilio,
  };
  return {
    provider: "twilio",
    path: TWILIO_PATH,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(authToken, siteUrl + TWILIO_PATH, params),
    },
    body: new URLSearchParams(params).toString(),
    externalId: sid,
  };
}

export function metaWebhook(
  waId: string,
  name: string,
  text: string,
  wamid: string,
  appSecret = ACCOUNTS.meta.appSecret,
): WebhookRequest {
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: ACCOUNTS.meta.wabaId,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: ACCOUNTS.meta.displayPhoneNumber, phone_number_id: ENDPOINTS.meta },
              contacts: [{ profile: { name }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: wamid,
                  timestamp: Math.floor(Date.now() / 1000).toString(),
                  type: "text",
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return {
    provider: "meta",
    path: "/webhooks/whatsapp",
    headers: { "content-type": "application/json", "x-hub-signature-256": metaSignature256(appSecret, body) },
    body,
    externalId: wamid,
  };
}

export function resendWebhook(
  from: string,
  subject: string,
  text: string,
  emailId: string,
  opts: { secret?: string; timestampSeconds?: number; svixId?: string } = {},
): WebhookRequest {
  const now = new Date().toISOString();
  const body = JSON.stringify({
    type: "email.received",
    created_at: now,
    data: {
      email_id: emailId,
      created_at: now,
      from,
      to: [ENDPOINTS.resend],
      cc: [],
      bcc: [],
      subject,
      text,
      message_id: `<${emailId}@mail.example.com>`,
      attachments: [],
    },
  });
  return {
    provider: "resend",
    path: "/webhooks/email",
    headers: {
      "content-type": "application/json",
      ...svixHeaders(opts.secret ?? ACCOUNTS.resend.webhookSecret, body, {
        id: opts.svixId,
        timestampSeconds: opts.timestampSeconds,
      }),
    },
    body,
    externalId: emailId,
  };
}

/**
 * Signed delivery number `i` from sender `sender` (default: a new sender per delivery). The
 * sender's number picks the channel (sender % 3: Twilio SMS, WhatsApp, email), matching the
 * identities the seed probe creates for existing contact `n`.
 */
export function mixedWebhook(siteUrl: string, i: number, tag: string, sender = i): WebhookRequest {
  const s = sender;
  const kind = s % 3;
  if (kind === 0) return twilioWebhook(siteUrl, phone(s), `${tag} sms ${i}`, `SM${hex32(`${tag}-${i}`)}`);
  if (kind === 1) return metaWebhook(phone(s).slice(1), `Sender ${s}`, `${tag} wa ${i}`, `wamid.${tag}.${i}`);
  return resendWebhook(
    `Sender ${s} <sender${s}@customers.example>`,
    `${tag} subject ${i}`,
    `${tag} mail ${i}`,
    `em-${tag}-${i}`,
  );
}

/** Valid, distinct US numbers: +1 415 5xx xxxx range. */
export function phone(n: number): string {
  return `+1415${String(2000000 + (n % 8000000)).padStart(7, "0")}`;
}

function hex32(s: string): string {
  return createHash("md5").update(s).digest("hex");
}

export interface SeededOrg {
  organizationId: string;
  configs: Record<"twilio" | "meta" | "resend", string>;
  owner: Identity;
}

/** An organization with Twilio, Meta and Resend channels using the provider-sim dev accounts. */
export async function seedBenchOrg(
  admin: AdminApi,
  slug: string,
  opts: { coalesceWindowMs?: number } = {},
): Promise<SeededOrg> {
  const owner: Identity = {
    subject: `${slug}-owner`,
    issuer: "https://bench.switchboard.test",
    tokenIdentifier: `https://bench.switchboard.test|${slug}-owner`,
  };
  const organizationId = await admin.call<string>("orgs/admin:createOrganization", {
    name: `Bench ${slug}`,
    slug,
    defaultRegion: "US",
    ...(opts.coalesceWindowMs !== undefined
      ? { coalesceWindowMs: opts.coalesceWindowMs, coalesceMaxMs: opts.coalesceWindowMs }
      : {}),
    owner: { userId: owner.tokenIdentifier, email: `owner@${slug}.test` },
  });
  const create = (provider: string, endpoint: string, credentials: Record<string, string>) =>
    admin.call<string>("channels/configs:createConfig", {
      organizationId,
      provider,
      endpoints: [endpoint],
      settings: {},
      credentials,
    });
  const configs = {
    twilio: await create("twilio", ENDPOINTS.twilio, {
      accountSid: ACCOUNTS.twilio.accountSid,
      authToken: ACCOUNTS.twilio.authToken,
    }),
    meta: await create("meta", ENDPOINTS.meta, {
      accessToken: ACCOUNTS.meta.accessToken,
      appSecret: ACCOUNTS.meta.appSecret,
      verifyToken: ACCOUNTS.meta.verifyToken,
    }),
    resend: await create("resend", ENDPOINTS.resend, {
      apiKey: ACCOUNTS.resend.apiKey,
      webhookSecret: ACCOUNTS.resend.webhookSecret,
    }),
  };
  // member functions need the identity's Better Auth session to exist (live sessions)
  const sessionId = await admin.call<string>("benchProbe/session:open", { subject: owner.subject });
  return { organizationId, configs, owner: { ...owner, sessionId } };
}
