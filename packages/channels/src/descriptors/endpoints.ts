import { normalizeIdentifier } from "../identifiers";

/** Receiving numbers are stored in E.164; a value that is not a number is kept as typed. */
export function normalizePhoneEndpoint(raw: string): string {
  const value = raw.trim();
  const phone = normalizeIdentifier("phone", value, {});
  return phone.ok ? phone.value : value;
}

/** Inbound addresses are stored as bare lower-cased addresses. */
export function normalizeEmailEndpoint(raw: string): string {
  const value = raw.trim();
  const email = normalizeIdentifier("email", value, {});
  return email.ok ? email.value : value.toLowerCase();
}

/** Ids, slugs and widget keys are stored as typed. */
export const keepEndpoint = (raw: string): string => raw.trim();
