/**
 * The adapter half of email threading (issue 15.3): our Message-ID goes out as a header, and the
 * Message-ID Resend reports in delivery webhooks (resend.com/changelog/message-id-for-sent-emails,
 * resend.com/docs/webhooks/emails/delivered) comes back on the status event.
 */
import { describe, expect, it } from "vitest";
import { buildResendEmail, resendAdapter } from "../src";

describe("resend Message-IDs", () => {
  it("sends our Message-ID beside In-Reply-To/References", () => {
    const body = buildResendEmail({
      messageId: "m1",
      to: "ann@example.org",
      from: "support@a.example.com",
      text: "hi",
      subject: "Re: x",
      emailMessageId: "<abc@a.example.com>",
      inReplyTo: "<p@example.org>",
    });
    expect(body.headers).toEqual({
      "Message-ID": "<abc@a.example.com>",
      "In-Reply-To": "<p@example.org>",
      References: "<p@example.org>",
    });
  });

  it("reports the Message-ID of a delivery event", async () => {
    const rawBody = JSON.stringify({
      type: "email.sent",
      created_at: "2026-07-08T23:41:12.126Z",
      data: {
        email_id: "56761188-7520-42d8-8898-ff6fc54ce618",
        created_at: "2026-07-08T23:41:11.894719+00:00",
        from: "Acme <onboarding@resend.dev>",
        to: ["delivered@resend.dev"],
        subject: "Sending this example",
        message_id: "<0100019a-rewritten@email.amazonses.com>",
      },
    });
    const events = await resendAdapter.parseInbound({
      method: "POST",
      url: "https://x.test/webhooks/email",
      headers: { "content-type": "application/json" },
      rawBody,
    });
    expect(events).toEqual([
      expect.objectContaining({
        kind: "status",
        status: "sent",
        externalMessageId: "56761188-7520-42d8-8898-ff6fc54ce618",
        emailMessageId: "<0100019a-rewritten@email.amazonses.com>",
      }),
    ]);
  });
});
