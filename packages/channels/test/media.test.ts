import { describe, expect, test } from "vitest";
import {
  CHAT_MEDIA,
  COMPOSER_MEDIA,
  getDescriptor,
  mediaProblem,
  RESEND_EMAIL_MEDIA,
  sendableTypes,
  TWILIO_MMS_MEDIA,
  WHATSAPP_MEDIA,
} from "../src/index";

const MB = 1024 * 1024;

describe("outbound media limits per channel", () => {
  test("Twilio MMS: 5 MB for all media together, at most 10 files (twilio.com/docs/sms/accepted-mime-types)", () => {
    expect(mediaProblem(TWILIO_MMS_MEDIA, "SMS", [{ contentType: "image/png", size: 4 * MB }])).toBeNull();
    expect(
      mediaProblem(TWILIO_MMS_MEDIA, "SMS", [
        { contentType: "image/png", size: 3 * MB },
        { contentType: "image/jpeg", size: 3 * MB },
      ]),
    ).toMatch(/total 6 MB; SMS accepts up to 5 MB/);
    const eleven = Array.from({ length: 11 }, () => ({ contentType: "image/png", size: 1000 }));
    expect(mediaProblem(TWILIO_MMS_MEDIA, "SMS", eleven)).toMatch(/at most 10 attachments/);
  });

  test("WhatsApp: one file per message; images 5 MB, video 16 MB, documents 100 MB", () => {
    expect(mediaProblem(WHATSAPP_MEDIA, "WhatsApp", [{ contentType: "image/jpeg", size: 6 * MB }])).toMatch(
      /up to 5 MB/,
    );
    expect(mediaProblem(WHATSAPP_MEDIA, "WhatsApp", [{ contentType: "video/mp4", size: 15 * MB }])).toBeNull();
    expect(mediaProblem(WHATSAPP_MEDIA, "WhatsApp", [{ contentType: "video/mp4", size: 17 * MB }])).toMatch(/16 MB/);
    expect(mediaProblem(WHATSAPP_MEDIA, "WhatsApp", [{ contentType: "application/pdf", size: 90 * MB }])).toBeNull();
    expect(
      mediaProblem(WHATSAPP_MEDIA, "WhatsApp", [
        { contentType: "image/png", size: 10 },
        { contentType: "image/png", size: 10 },
      ]),
    ).toMatch(/at most 1 attachment per message/);
  });

  test("email: 40 MB per email after Base64 is 30 MB of files (resend.com/docs/dashboard/emails/attachments)", () => {
    expect(
      mediaProblem(RESEND_EMAIL_MEDIA, "Email", [
        { contentType: "application/pdf", size: 20 * MB },
        { contentType: "application/zip", size: 9 * MB },
      ]),
    ).toBeNull();
    expect(
      mediaProblem(RESEND_EMAIL_MEDIA, "Email", [
        { contentType: "application/pdf", size: 20 * MB },
        { contentType: "application/zip", size: 11 * MB },
      ]),
    ).toMatch(/total 31 MB/);
  });

  test("chat: 10 MB a file", () => {
    expect(mediaProblem(CHAT_MEDIA, "Chat", [{ contentType: "image/gif", size: 10 * MB }])).toBeNull();
    expect(mediaProblem(CHAT_MEDIA, "Chat", [{ contentType: "image/gif", size: 10 * MB + 1 }])).toMatch(/10 MB/);
  });

  test("a channel without media, an unknown type, and script-running types are refused", () => {
    expect(mediaProblem(undefined, "Webhook", [{ contentType: "image/png", size: 1 }])).toBe(
      "Webhook cannot send attachments",
    );
    expect(mediaProblem(undefined, "Webhook", [])).toBeNull();
    expect(mediaProblem(RESEND_EMAIL_MEDIA, "Email", [{ contentType: "application/x-msdownload", size: 1 }])).toMatch(
      /does not accept application\/x-msdownload/,
    );
    const lying = { ...CHAT_MEDIA, types: { ...CHAT_MEDIA.types, "text/html": MB, "image/svg+xml": MB } };
    expect(mediaProblem(lying, "Chat", [{ contentType: "text/html; charset=utf-8", size: 1 }])).toMatch(
      /does not accept/,
    );
    expect(mediaProblem(lying, "Chat", [{ contentType: "IMAGE/SVG+XML", size: 1 }])).toMatch(/does not accept/);
    expect(sendableTypes([lying]).has("text/html")).toBe(false);
  });

  test("descriptors declare media for MMS, WhatsApp, email and chat only", () => {
    expect(getDescriptor("twilio").media).toBe(TWILIO_MMS_MEDIA);
    expect(getDescriptor("meta").media).toBe(WHATSAPP_MEDIA);
    expect(getDescriptor("resend").media).toBe(RESEND_EMAIL_MEDIA);
    expect(getDescriptor("native").media).toBe(CHAT_MEDIA);
    expect(getDescriptor("generic").media).toBeUndefined();
    expect(getDescriptor("vonage").media).toBeUndefined();
  });
});

test("the composer's per-channel limits are the descriptors' own", () => {
  expect(COMPOSER_MEDIA.sms).toBe(getDescriptor("twilio").media);
  expect(COMPOSER_MEDIA.whatsapp).toBe(getDescriptor("meta").media);
  expect(COMPOSER_MEDIA.email).toBe(getDescriptor("resend").media);
  expect(COMPOSER_MEDIA.chat).toBe(getDescriptor("native").media);
  expect(COMPOSER_MEDIA.webhook).toBeUndefined();
});
