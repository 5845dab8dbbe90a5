import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import MessageBubble, { type AttachmentView, type MessageView } from "~/components/inbox/MessageBubble.vue";
import { reachableChannels } from "~/utils/contact";
import { WHATSAPP_WINDOW_MS, whatsappWindowOpen } from "~/utils/whatsapp";

const base: MessageView = {
  _id: "m1",
  direction: "inbound",
  channel: "whatsapp",
  status: "received",
  text: "Here is the tracking page",
  sentAt: Date.UTC(2026, 10, 25, 12),
  attachments: [],
};

describe("MessageBubble", () => {
  test("inbound messages have no delivery ticks; outbound show theirs", async () => {
    const inbound = await mountSuspended(MessageBubble, { props: { message: base } });
    expect(inbound.find("[data-status]").exists()).toBe(false);
    expect(inbound.text()).toContain("WhatsApp");
    const outbound = await mountSuspended(MessageBubble, {
      props: {
        message: {
          ...base,
          direction: "outbound",
          status: "failed",
          error: { message: "Invalid number" },
          senderName: "Ada",
        },
      },
    });
    expect(outbound.get("[data-status]").attributes("data-status")).toBe("failed");
    expect(outbound.text()).toContain("Invalid number");
    expect(outbound.text()).toContain("Ada");
  });

  test("stored images render inline with alt text, stored files as downloads", async () => {
    const w = await mountSuspended(MessageBubble, {
      props: {
        message: {
          ...base,
          attachments: [
            {
              mediaUrl: "https://api.example/api/storage/s1",
              inline: true,
              contentType: "image/jpeg",
              caption: "Tracking page",
            },
            {
              mediaUrl: "https://api.example/api/storage/s2",
              inline: false,
              contentType: "application/pdf",
              filename: "invoice.pdf",
            },
          ],
        },
      },
    });
    expect(w.get("img").attributes("alt")).toBe("Tracking page");
    expect(w.get("img").attributes("src")).toBe("https://api.example/api/storage/s1");
    const link = w.findAll("a").find((a) => a.text().includes("invoice.pdf"))!;
    expect(link.attributes("href")).toBe("https://api.example/api/storage/s2");
    expect(link.attributes("download")).toBe("invoice.pdf");
    expect(link.attributes("rel")).toContain("noopener");
  });

  test("a sender's remote image is never loaded, and only http(s) links are rendered (issue 14.10)", async () => {
    const w = await mountSuspended(MessageBubble, {
      props: {
        message: {
          ...base,
          attachments: [
            // Not yet (or never) stored: a tracking pixel must not load.
            // (typed as the backend's view; the last three are what old rows could still hold)
            {
              url: "https://tracker.example/pixel.gif?agent=1",
              contentType: "image/gif",
              filename: "pixel.gif",
              inline: false,
            },
            { url: "javascript:alert(document.cookie)", filename: "click.png" },
            { url: "data:text/html,<script>alert(1)</script>", filename: "data.html" },
            { mediaUrl: "javascript:alert(2)", inline: true, contentType: "image/png", filename: "evil.png" },
          ] satisfies AttachmentView[],
        },
      },
    });
    expect(w.findAll("img")).toHaveLength(0);
    const hrefs = w.findAll("a").map((a) => a.attributes("href"));
    expect(hrefs).toEqual(["https://tracker.example/pixel.gif?agent=1"]);
    expect(w.html()).not.toMatch(/javascript:|data:text/);
    expect(w.text()).toContain("pixel.gif (external link)");
    expect(w.findAll("[data-attachment]").map((e) => e.attributes("data-attachment"))).toEqual([
      "link",
      "unavailable",
      "unavailable",
      "unavailable",
    ]);
  });

  test("templates and email subjects are shown", async () => {
    const w = await mountSuspended(MessageBubble, {
      props: {
        message: {
          ...base,
          direction: "outbound",
          status: "sent",
          subject: "Re: Invoice",
          template: { name: "hello_world", language: "en_US" },
        },
      },
    });
    expect(w.text()).toContain("Re: Invoice");
    expect(w.text()).toContain("hello_world");
  });
});

describe("reply helpers", () => {
  test("a phone reaches SMS and WhatsApp; order is stable", () => {
    expect(
      reachableChannels([
        { channel: "email", kind: "email" },
        { channel: "sms", kind: "phone" },
      ]),
    ).toEqual(["sms", "whatsapp", "email"]);
    expect(reachableChannels([{ channel: "chat", kind: "chat" }])).toEqual(["chat"]);
    expect(reachableChannels([])).toEqual([]);
  });

  test("the WhatsApp window is 24 hours from the last inbound WhatsApp message", () => {
    const now = Date.UTC(2026, 10, 25, 12);
    expect(whatsappWindowOpen(now - WHATSAPP_WINDOW_MS + 1000, now)).toBe(true);
    expect(whatsappWindowOpen(now - WHATSAPP_WINDOW_MS, now)).toBe(false);
    expect(whatsappWindowOpen(undefined, now)).toBe(false);
    expect(whatsappWindowOpen(null, now)).toBe(false);
  });
});
