import { normalizeIdentifier } from "@switchboard/channels";
import { sha256Hex } from "@switchboard/channels/crypto";
import type { ProviderId } from "@switchboard/channels/ids";

/**
 * The normalised form of a receiving identifier, as stored in channelEndpoints.identifier.
 * Twilio/Vonage numbers become E.164, email addresses are lower-cased, Meta phone_number_ids
 * and custom slugs are kept as they are.
 */
export function normalizeEndpoint(provider: ProviderId, raw: string): string {
  const value = raw.trim();
  switch (provider) {
    case "twilio":
    case "vonage": {
      const phone = normalizeIdentifier("phone", value, {});
      return phone.ok ? phone.value : value;
    }
    case "resend": {
      const email = normalizeIdentifier("email", value, {});
      return email.ok ? email.value : value.toLowerCase();
    }
    default:
      return value;
  }
}

/** Meta's subscribe challenge names no phone number, only the verify token: route by its hash. */
export async function metaVerifyTokenEndpoint(verifyToken: string): Promise<string> {
  return `verify-token:${await sha256Hex(verifyToken)}`;
}
