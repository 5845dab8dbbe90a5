import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import MessageBubble, { type MessageView } from "~/components/inbox/MessageBubble.vue";
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

  test("images render inline with alt text, other files as links", async () => {
    const w = await mountSuspended(MessageBubble, {
      props: {
        message: {
          ...base,
          attachments: [
            { url: "https://media.example/p.jpg", contentType: "image/jpeg", caption: "Tracking page" },
            { url: "https://media.example/invoice.pdf", contentType: "application/pdf", filename: "invoice.pdf" },
          ],
        },
      },
    });
    expect(w.get("img").attributes("alt")).toBe("Tracking page");
    const link = w.findAll("a").find((a) => a.text().includes("invoice.pdf"))!;
    expect(link.attributes("href")).toBe("https://media.example/invoice.pdf");
    expect(link.attributes("rel")).toContain("noopener");
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
