/**
 * Does the account behind these credentials own this receiving endpoint? Asked of the provider
 * before a channel may claim a number, phone_number_id or inbound address, so that nobody can
 * claim another company's endpoint first (receiving routes are unique across organizations).
 *
 * - twilio: `GET /2010-04-01/Accounts/{Sid}/IncomingPhoneNumbers.json?PhoneNumber=` lists the
 *   account's numbers matching it (https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource).
 * - meta: `GET /{version}/{phone-number-id}` answers only when the token can manage that number
 *   (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/phone-numbers).
 * - resend: `GET /domains` lists the account's domains; the address's domain must be one of them
 *   (https://resend.com/docs/api-reference/domains/list-domains).
 * - vonage, generic, native: nothing to ask (generic slugs and widget keys are names we hand out).
 */
import { META_DEFAULT_API_VERSION, META_DEFAULT_BASE_URL } from "./adapters/meta";
import { RESEND_DEFAULT_BASE_URL } from "./adapters/resend";
import { TWILIO_DEFAULT_BASE_URL } from "./adapters/twilio";
import { baseUrl, basicAuth, httpRequest, isObject } from "./http";
import type { ProviderId } from "./ids";
import type { AdapterContext } from "./types";

/** Per endpoint: owned, not owned (or not checkable with these credentials), or not askable. */
export type Ownership = "owned" | "not_owned" | "unverifiable";

const listOf = (json: unknown, key: string): unknown[] =>
  isObject(json) && Array.isArray(json[key]) ? (json[key] as unknown[]) : [];

async function twilioOwns(ctx: AdapterContext, number: string): Promise<boolean> {
  const { accountSid, authToken } = ctx.credentials;
  if (!accountSid || !authToken) return false;
  const url =
    `${baseUrl(ctx, TWILIO_DEFAULT_BASE_URL)}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}` +
    `/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(number)}`;
  const out = await httpRequest(ctx, {
    method: "GET",
    url,
    headers: { authorization: basicAuth(accountSid, authToken), accept: "application/json" },
  });
  if (out.kind !== "response" || out.status !== 200) return false;
  return listOf(out.json, "incoming_phone_numbers").some((n) => isObject(n) && n.phone_number === number);
}

async function metaOwns(ctx: AdapterContext, phoneNumberId: string): Promise<boolean> {
  const token = ctx.credentials.accessToken;
  if (!token || !/^\d{1,32}$/.test(phoneNumberId)) return false;
  const version = ctx.settings.apiVersion?.trim() || META_DEFAULT_API_VERSION;
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${baseUrl(ctx, META_DEFAULT_BASE_URL)}/${version}/${phoneNumberId}?fields=id,display_phone_number`,
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
  });
  return out.kind === "response" && out.status === 200 && isObject(out.json) && out.json.id === phoneNumberId;
}

async function resendDomains(ctx: AdapterContext): Promise<Set<string>> {
  const key = ctx.credentials.apiKey;
  if (!key) return new Set();
  const out = await httpRequest(ctx, {
    method: "GET",
    url: `${baseUrl(ctx, RESEND_DEFAULT_BASE_URL)}/domains`,
    headers: { authorization: `Bearer ${key}`, accept: "application/json" },
  });
  if (out.kind !== "response" || out.status !== 200) return new Set();
  return new Set(
    listOf(out.json, "data")
      .filter((d) => isObject(d) && typeof d.name === "string" && d.status === "verified")
      .map((d) => String((d as { name: string }).name).toLowerCase()),
  );
}

/**
 * Asks the provider about each receiving endpoint (already normalised: E.164, lower-cased
 * address, phone_number_id). Never throws: a failed call counts as not owned.
 */
export async function verifyEndpointOwnership(
  provider: ProviderId,
  ctx: AdapterContext,
  endpoints: readonly string[],
): Promise<Map<string, Ownership>> {
  const result = new Map<string, Ownership>();
  const verdict = (owned: boolean): Ownership => (owned ? "owned" : "not_owned");
  switch (provider) {
    case "twilio":
      for (const e of endpoints) result.set(e, verdict(await twilioOwns(ctx, e)));
      break;
    case "meta":
      for (const e of endpoints) result.set(e, verdict(await metaOwns(ctx, e)));
      break;
    case "resend": {
      const domains = await resendDomains(ctx);
      for (const e of endpoints) result.set(e, verdict(domains.has(e.split("@").pop() ?? "")));
      break;
    }
    default:
      for (const e of endpoints) result.set(e, "unverifiable");
  }
  return result;
}
