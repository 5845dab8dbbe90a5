/**
 * IANA time zone names, checked with the runtime's own Intl data (the same data every date
 * computation here uses, so a name accepted here never throws later).
 */

/** Shape of an IANA name ("Europe/Paris", "America/Argentina/Buenos_Aires", "UTC"); offsets are not names. */
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const MAX_LENGTH = 64;

/** The canonical spelling of an IANA time zone name, or null when Intl does not know it. */
export function canonicalTimeZone(name: string): string | null {
  const value = name.trim();
  if (value.length === 0 || value.length > MAX_LENGTH || !IANA_SHAPE.test(value)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const isTimeZone = (name: string): boolean => canonicalTimeZone(name) !== null;

/**
 * The first usable zone of `candidates`, else UTC. Readers use this instead of trusting a stored
 * value: a row written before validation existed (or by an older version) must never make a CRM
 * query or recompute throw.
 */
export function timeZoneOr(...candidates: (string | undefined | null)[]): string {
  for (const candidate of candidates) {
    if (candidate && isTimeZone(candidate)) return candidate;
  }
  return "UTC";
}

/**
 * The zone a message's author writes in, for reading its dates ("by Friday 5pm"): the contact's for
 * what they send us, the organization's for what our agents send them.
 */
export function authorTimeZone(
  direction: "inbound" | "outbound",
  contactZone: string | undefined | null,
  orgZone: string | undefined | null,
): string {
  return direction === "inbound" ? timeZoneOr(contactZone, orgZone) : timeZoneOr(orgZone);
}

/**
 * The zone a message's reader lives in, for a time the author gives in it ("I'll call at 9am your time"): the
 * contact's for what our agents send them, the organization's for what they send us; undefined when that zone is
 * not set or not valid (the extractor then reads such a time in the author's zone).
 */
export function readerTimeZone(
  direction: "inbound" | "outbound",
  contactZone: string | undefined | null,
  orgZone: string | undefined | null,
): string | undefined {
  const zone = direction === "outbound" ? contactZone : orgZone;
  return (zone && canonicalTimeZone(zone)) || undefined;
}
