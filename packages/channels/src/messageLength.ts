import type { ChannelId } from "./ids";

/**
 * Composer length hints per channel: how an SMS splits into segments and how close a WhatsApp
 * text is to Meta's limit. Hand-written (no maintained library covers GSM 03.38 segmenting
 * without Node buffers); the rules are the carriers' and Twilio's:
 *   - GSM-7 (3GPP TS 23.038 basic set): 160 septets in one SMS, 153 per part when concatenated
 *     (the UDH takes 7); characters of the extension table (e.g. `€ [ ] { } ^ ~ \ |`) cost 2.
 *   - anything outside GSM-7 switches the whole message to UCS-2: 70 UTF-16 units in one SMS,
 *     67 per part; a surrogate pair (emoji) is 2 units and is never split across parts.
 *     (twilio.com/docs/glossary/what-sms-character-limit, twilio.com/docs/glossary/what-is-ucs-2-character-encoding)
 *   - Twilio accepts an SMS `Body` of at most 1600 characters (it sends it as up to 10+ segments).
 *   - WhatsApp text messages: `text.body` at most 4096 characters
 *     (developers.facebook.com/docs/whatsapp/cloud-api/reference/messages, text object).
 */

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "^{}\\[~]|€\f";
const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;
/** Twilio Programmable Messaging: Body is at most 1600 characters. */
export const SMS_BODY_LIMIT = 1600;
/** Meta Cloud API: text.body is at most 4096 characters. */
export const WHATSAPP_TEXT_LIMIT = 4096;

export type SmsEncoding = "gsm7" | "ucs2";

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Units still free in the last segment before another one starts. */
  remaining: number;
  /** The characters that forced UCS-2 (at most 5, for the hint), else []. */
  nonGsm: string[];
}

/** Septets a character costs in GSM-7, or null when it is not in the GSM-7 alphabet. */
function gsmCost(ch: string): 1 | 2 | null {
  if (BASIC.has(ch)) return 1;
  if (EXTENSION.has(ch)) return 2;
  return null;
}

/** Greedy packing of indivisible costs into parts: the number of parts and the room left in the last. */
function pack(costs: number[], total: number, single: number, part: number): { segments: number; remaining: number } {
  if (total === 0) return { segments: 0, remaining: single };
  if (total <= single) return { segments: 1, remaining: single - total };
  let segments = 1;
  let used = 0;
  for (const c of costs) {
    if (used + c > part) {
      segments++;
      used = 0;
    }
    used += c;
  }
  return { segments, remaining: part - used };
}

/** How an SMS body is encoded and how many segments it is billed as. */
export function smsLength(text: string): SmsLength {
  const chars = [...text]; // code points: a surrogate pair stays one element
  const nonGsm: string[] = [];
  const gsmCosts: number[] = [];
  for (const ch of chars) {
    const cost = gsmCost(ch);
    if (cost === null) {
      if (nonGsm.length < 5 && !nonGsm.includes(ch)) nonGsm.push(ch);
    } else gsmCosts.push(cost);
  }
  if (nonGsm.length === 0) {
    const units = gsmCosts.reduce((a, b) => a + b, 0);
    return { encoding: "gsm7", units, ...pack(gsmCosts, units, SMS_LIMITS.gsm7.single, SMS_LIMITS.gsm7.part), nonGsm };
  }
  const costs = chars.map((ch) => ch.length); // UTF-16 units: 2 for a surrogate pair
  const units = costs.reduce((a, b) => a + b, 0);
  return { encoding: "ucs2", units, ...pack(costs, units, SMS_LIMITS.ucs2.single, SMS_LIMITS.ucs2.part), nonGsm };
}

export type LengthHint =
  | { kind: "sms"; sms: SmsLength; over: boolean; text: string }
  | { kind: "limit"; length: number; limit: number; over: boolean; text: string }
  | { kind: "none" };

/** The composer's hint for a draft on a channel (SMS segments, WhatsApp limit, nothing for the rest). */
export function lengthHint(channel: ChannelId, draft: string): LengthHint {
  if (channel === "sms") {
    const sms = smsLength(draft);
    const enc = sms.encoding === "gsm7" ? "GSM-7" : "UCS-2";
    const why = sms.nonGsm.length ? ` (because of ${sms.nonGsm.join(" ")})` : "";
    const length = [...draft].length;
    if (length > SMS_BODY_LIMIT)
      return { kind: "sms", sms, over: true, text: `${length}/${SMS_BODY_LIMIT}: too long for one SMS send` };
    const text =
      sms.segments <= 1
        ? `${sms.units}/${sms.encoding === "gsm7" ? SMS_LIMITS.gsm7.single : SMS_LIMITS.ucs2.single} · 1 SMS · ${enc}${why}`
        : `${sms.segments} SMS segments · ${sms.remaining} left in the last · ${enc}${why}`;
    return { kind: "sms", sms, over: false, text };
  }
  if (channel === "whatsapp") {
    const length = [...draft].length;
    const over = length > WHATSAPP_TEXT_LIMIT;
    return {
      kind: "limit",
      length,
      limit: WHATSAPP_TEXT_LIMIT,
      over,
      text: over
        ? `${length}/${WHATSAPP_TEXT_LIMIT}: ${length - WHATSAPP_TEXT_LIMIT} over WhatsApp's limit`
        : `${length}/${WHATSAPP_TEXT_LIMIT}`,
    };
  }
  return { kind: "none" };
}
