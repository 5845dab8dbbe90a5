import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import ReplyBox from "~/components/inbox/ReplyBox.vue";

const savedReplies = [
  {
    _id: "r1",
    title: "Refund policy",
    shortcut: "refund",
    body: "Hi {{contact.firstName|there}}, {{agent.firstName}} from {{organization.name}} here.",
    scope: "organization" as const,
  },
];
const replyContext = {
  contact: { name: "Maya Chen" },
  agent: { name: "Sam Rivera" },
  organization: { name: "Acme" },
};
const props = {
  channels: ["sms" as const],
  defaultChannel: "sms" as const,
  whatsappWindowOpen: true,
  savedReplies,
  replyContext,
};

describe("ReplyBox: saved replies and length hints", () => {
  test("typing / opens the picker; choosing a reply inserts it with its variables filled", async () => {
    const w = await mountSuspended(ReplyBox, { props, attachTo: document.body });
    const ta = w.get("textarea");
    await ta.trigger("keydown", { key: "/" });
    await new Promise((r) => setTimeout(r, 50));
    const item = [...document.body.querySelectorAll('[data-testid="saved-reply-picker"] [role="option"]')].find((el) =>
      el.textContent?.includes("Refund policy"),
    ) as HTMLElement | undefined;
    expect(item, "the picker lists the saved reply").toBeTruthy();
    item!.click();
    await new Promise((r) => setTimeout(r, 50));
    expect((ta.element as HTMLTextAreaElement).value).toBe("Hi Maya, Sam from Acme here.");
    w.unmount();
  });

  test("a / inside a word stays a slash (no picker)", async () => {
    const w = await mountSuspended(ReplyBox, { props, attachTo: document.body });
    const ta = w.get("textarea");
    await ta.setValue("and");
    (ta.element as HTMLTextAreaElement).setSelectionRange(3, 3);
    const e = new KeyboardEvent("keydown", { key: "/", cancelable: true });
    ta.element.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(false);
    expect(document.body.querySelector('[data-testid="saved-reply-picker"]')).toBeNull();
    w.unmount();
  });

  test("shows SMS segments and switches the hint with the encoding", async () => {
    const w = await mountSuspended(ReplyBox, { props });
    await w.get("textarea").setValue("a".repeat(161));
    expect(w.get('[data-testid="length-hint"]').text()).toBe("2 SMS segments · 145 left in the last · GSM-7");
    await w.get("textarea").setValue("Olá 😀");
    expect(w.get('[data-testid="length-hint"]').text()).toContain("UCS-2");
  });
});
