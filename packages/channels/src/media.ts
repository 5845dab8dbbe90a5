/**
 * What a channel accepts as outbound media, declared by each provider's descriptor (`media`).
 * A provider without `media` sends no attachments: replies with files are refused before they
 * are queued. The numbers come from the providers' documentation (cited at each declaration);
 * the backend checks every reply against them, and the composer shows the same limits.
 */

import type { ChannelId } from "./ids";

const MB = 1024 * 1024;

export interface MediaLimits {
  /** Files in one message. */
  readonly maxCount: number;
  /** Sum of the files' sizes in one message. */
  readonly maxTotalBytes: number;
  /** Accepted content types and the largest file of each; any other type is refused. */
  readonly types: Readonly<Record<string, number>>;
  /** Where the numbers come from. */
  readonly source: string;
}

export interface OutgoingFile {
  contentType: string;
  size: number;
  filename?: string;
}

/** Never sent or served, whatever a descriptor says: they run script where they are opened. */
const NEVER_SERVED = new Set(["text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript"]);

/** Why these files cannot go out on a channel with these limits, or null when they can. */
export function mediaProblem(
  limits: MediaLimits | undefined,
  channelLabel: string,
  files: OutgoingFile[],
): string | null {
  if (files.length === 0) return null;
  if (!limits) return `${channelLabel} cannot send attachments`;
  if (files.length > limits.maxCount) {
    return `${channelLabel} sends at most ${limits.maxCount} attachment${limits.maxCount === 1 ? "" : "s"} per message`;
  }
  let total = 0;
  for (const file of files) {
    const name = file.filename ?? "The file";
    const type = normalizeContentType(file.contentType);
    const max = NEVER_SERVED.has(type) ? undefined : limits.types[type];
    if (max === undefined) return `${channelLabel} does not accept ${type || "files without a type"} (${name})`;
    if (file.size > max)
      return `${name} is ${formatBytes(file.size)}; ${channelLabel} accepts ${type} up to ${formatBytes(max)}`;
    total += file.size;
  }
  if (total > limits.maxTotalBytes) {
    return `The attachments total ${formatBytes(total)}; ${channelLabel} accepts up to ${formatBytes(limits.maxTotalBytes)} per message`;
  }
  return null;
}

/** `image/JPEG; charset=x` -> `image/jpeg`. */
export function normalizeContentType(raw: string | undefined): string {
  return (raw ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Every type some channel can send: what an upload may be at all. */
export function sendableTypes(all: readonly (MediaLimits | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const limits of all)
    for (const type of Object.keys(limits?.types ?? {})) if (!NEVER_SERVED.has(type)) out.add(type);
  return out;
}

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

const each = (types: readonly string[], max: number): Record<string, number> =>
  Object.fromEntries(types.map((t) => [t, max]));

const IMAGES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
const OFFICE = [
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
] as const;

/**
 * Twilio MMS: up to 10 media files, 5 MB for the message and its media together.
 * https://www.twilio.com/docs/sms/accepted-mime-types and https://twilio.com/docs/api/errors/21623
 */
export const TWILIO_MMS_MEDIA: MediaLimits = {
  maxCount: 10,
  maxTotalBytes: 5 * MB,
  types: each(
    [
      ...IMAGES,
      "application/pdf",
      "text/vcard",
      "text/plain",
      "audio/mpeg",
      "audio/ogg",
      "audio/amr",
      "video/mp4",
      "video/3gpp",
    ],
    5 * MB,
  ),
  source: "https://www.twilio.com/docs/sms/accepted-mime-types",
};

/**
 * WhatsApp Cloud API: one media object per message; images (JPEG, PNG) 5 MB, audio and video
 * 16 MB, documents 100 MB (Meta's "Supported media types", also in
 * https://docs.aws.amazon.com/social-messaging/latest/userguide/supported-media-types.html).
 * WebP is a sticker there, not an image, so it is not offered.
 */
export const WHATSAPP_MEDIA: MediaLimits = {
  maxCount: 1,
  maxTotalBytes: 100 * MB,
  types: {
    ...each(["image/jpeg", "image/png"], 5 * MB),
    ...each(["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg", "video/mp4", "video/3gpp"], 16 * MB),
    ...each(["application/pdf", "text/plain", ...OFFICE], 100 * MB),
  },
  source: "https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types",
};

/**
 * Resend: 40 MB per email after Base64 encoding, so 30 MB of files
 * (https://resend.com/docs/dashboard/emails/attachments). Resend names no count; 20 bounds the
 * provider fetches one send causes.
 */
export const RESEND_EMAIL_MEDIA: MediaLimits = {
  maxCount: 20,
  maxTotalBytes: 30 * MB,
  types: each(
    [
      ...IMAGES,
      "application/pdf",
      "text/plain",
      "text/csv",
      "text/calendar",
      "text/vcard",
      "application/zip",
      ...OFFICE,
      "audio/mpeg",
      "audio/mp4",
      "video/mp4",
    ],
    30 * MB,
  ),
  source: "https://resend.com/docs/dashboard/emails/attachments",
};

/** Native chat: our own limit, 10 MB a file; the visitor's browser opens them from storage. */
export const CHAT_MEDIA: MediaLimits = {
  maxCount: 10,
  maxTotalBytes: 25 * MB,
  types: each([...IMAGES, "application/pdf", "text/plain", "audio/mpeg", "video/mp4"], 10 * MB),
  source: "packages/channels/src/media.ts",
};

/**
 * The limits the composer checks as files are attached, by channel (the first provider of each
 * channel that sends media). The chosen channel config's descriptor stays authoritative: the
 * backend checks it before queueing (an SMS channel on Vonage refuses files).
 */
export const COMPOSER_MEDIA: Readonly<Partial<Record<ChannelId, MediaLimits>>> = {
  sms: TWILIO_MMS_MEDIA,
  whatsapp: WHATSAPP_MEDIA,
  email: RESEND_EMAIL_MEDIA,
  chat: CHAT_MEDIA,
};
