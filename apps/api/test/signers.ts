/**
 * Webhook requests signed the way each provider signs them. Where the provider ships an SDK it
 * is the oracle (twilio, svix for Resend, standardwebhooks); Meta and Vonage publish only the
 * algorithm, implemented here independently of packages/channels with node:crypto.
 */
import { createHash, createHmac } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import twilio from "twilio";
import { SECRETS, SITE } from "./harness";

export interface SignedRequest {
  path: string;
  init: { method: string; headers: Record<string, string>; body: string };
}

export function twilioInbound(
  params: Record<string, string>,
  opts: { path?: string; authToken?: string } = {},
): SignedRequest {
  const path = opts.path ?? "/webhooks/sms/twilio";
  const signature = twilio.getExpectedTwilioSignature(opts.authToken ?? SECRETS.twilioAuthToken, SITE + path, params);
  return {
    path,
    init: {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(params).toString(),
    },
  };
}

export function twilioSms(from: string, to: string, body: string, sid: string) {
  return twilioInbound({
    AccountSid: "AC00000000000000000000000000000001",
    ApiVersion: "2010-04-01",
    Body: body,
    From: from,
    MessageSid: sid,
    NumMedia: "0",
    NumSegments: "1",
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: "received",
    To: to,
  });
}

function base64url(input: Buffer | string) {
  return Buffer.from(input).toString("base64url");
}

function vonageJwt(body: string, secret = SECRETS.vonageSignatureSecret, iat = Math.floor(Date.now() / 1000)) {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const claims = base64url(
    JSON.stringify({
      iat,
      jti: `jti-${iat}-${Math.random().toString(36).slice(2)}`,
      iss: "Vonage",
      payload_hash: createHash("sha256").update(body).digest("hex"),
      api_key: "vonage-key",
      application_id: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
    }),
  );
  const signature = createHmac("sha256", secret).update(`${header}.${claims}`).digest("base64url");
  return `${header}.${claims}.${signature}`;
}

export function vonageInbound(payload: object, opts: { path?: string; secret?: string } = {}): SignedRequest {
  const body = JSON.stringify(payload);
  return {
    path: opts.path ?? "/webhooks/sms/vonage",
    init: {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${vonageJwt(body, opts.secret)}` },
      body,
    },
  };
}

export function vonageSms(from: string, to: string, text: string, uuid: string) {
  return vonageInbound({
    channel: "sms",
    message_uuid: uuid,
    to,
    from,
    timestamp: new Date().toISOString(),
    text,
    message_type: "text",
  });
}

export function metaRequest(payload: object, appSecret = SECRETS.metaAppSecret): SignedRequest {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
  return {
    path: "/webhooks/whatsapp",
    init: { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signature }, body },
  };
}

export function metaEnvelope(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export function metaText(phoneNumberId: string, waId: string, name: string, texts: { id: string; body: string }[]) {
  const ts = Math.floor(Date.now() / 1000).toString();
  return metaEnvelope(phoneNumberId, {
    contacts: [{ profile: { name }, wa_id: waId }],
    messages: texts.map((t) => ({ from: waId, id: t.id, timestamp: ts, type: "text", text: { body: t.body } })),
  });
}

export function metaStatus(
  phoneNumberId: string,
  wamid: string,
  status: "sent" | "delivered" | "read" | "failed",
  recipient: string,
) {
  return metaEnvelope(phoneNumberId, {
    statuses: [
      {
        id: wamid,
        status,
        timestamp: Math.floor(Date.now() / 1000).toString(),
        recipient_id: recipient,
        ...(status === "failed" ? { errors: [{ code: 131026, title: "Message undeliverable" }] } : {}),
      },
    ],
  });
}

export function resendRequest(
  payload: object,
  opts: { secret?: string; timestamp?: Date; id?: string } = {},
): SignedRequest {
  const body = JSON.stringify(payload);
  const id = opts.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = opts.timestamp ?? new Date();
  const signature = new SvixWebhook(opts.secret ?? SECRETS.resendWebhookSecret).sign(id, timestamp, body);
  return {
    path: "/webhooks/email",
    init: {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "svix-id": id,
        "svix-timestamp": Math.floor(timestamp.getTime() / 1000).toString(),
        "svix-signature": signature,
      },
      body,
    },
  };
}

export function resendInbound(from: string, to: string, subject: string, text: string, emailId: string) {
  return {
    type: "email.received",
    created_at: new Date().toISOString(),
    data: {
      email_id: emailId,
      created_at: new Date().toISOString(),
      from,
      to: [to],
      cc: [],
      bcc: [],
      subject,
      text,
      message_id: `<${emailId}@mail.example.com>`,
      attachments: [],
    },
  };
}

export function genericRequest(
  slug: string,
  payload: object,
  opts: { secret?: string; timestamp?: Date; id?: string } = {},
): SignedRequest {
  const body = JSON.stringify(payload);
  const id = opts.id ?? `wh_${Math.random().toString(36).slice(2)}`;
  const timestamp = opts.timestamp ?? new Date();
  const signature = new StandardWebhook(opts.secret ?? SECRETS.genericSigningSecret).sign(id, timestamp, body);
  return {
    path: `/webhooks/custom/${slug}`,
    init: {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": Math.floor(timestamp.getTime() / 1000).toString(),
        "webhook-signature": signature,
      },
      body,
    },
  };
}
