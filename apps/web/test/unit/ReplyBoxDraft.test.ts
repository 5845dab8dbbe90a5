import { mountSuspended } from "@nuxt/test-utils/runtime";
import { flushPromises } from "@vue/test-utils";
import { describe, expect, test } from "vitest";
import ReplyBox from "~/components/inbox/ReplyBox.vue";

describe("ReplyBox Draft reply", () => {
  test("no draft function (AI not configured): no button", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: { channels: ["sms"], defaultChannel: "sms", whatsappWindowOpen: true },
    });
    expect(w.find('[data-testid="ai-draft"]').exists()).toBe(false);
  });

  test("fills the composer with the draft for the chosen channel; the agent edits and sends it as usual", async () => {
    const asked: string[] = [];
    const draft = async (channel: string) => {
      asked.push(channel);
      return `Hi, a draft for ${channel}.`;
    };
    const w = await mountSuspended(ReplyBox, {
      props: { channels: ["sms", "email"], defaultChannel: "sms", whatsappWindowOpen: true, draft },
    });
    await w.get<HTMLSelectElement>('[data-testid="reply-channel"]').setValue("email");
    await w.get('[data-testid="ai-draft"]').trigger("click");
    await flushPromises();
    expect(asked).toEqual(["email"]);
    const area = w.get<HTMLTextAreaElement>("textarea");
    expect(area.element.value).toBe("Hi, a draft for email.");
    // Nothing is sent until the agent sends.
    expect(w.emitted("send")).toBeUndefined();
    await area.setValue("Hi, a draft for email. Edited.");
    await w.get("form").trigger("submit");
    expect(w.emitted("send")?.[0]?.[0]).toEqual({ channel: "email", text: "Hi, a draft for email. Edited." });
  });

  test("a refusal (over the cap) is shown and the text is kept", async () => {
    const draft = async () => {
      throw new Error("The organization's monthly AI token cap is reached");
    };
    const w = await mountSuspended(ReplyBox, {
      props: { channels: ["sms"], defaultChannel: "sms", whatsappWindowOpen: true, draft },
    });
    await w.get<HTMLTextAreaElement>("textarea").setValue("my own words");
    await w.get('[data-testid="ai-draft"]').trigger("click");
    await flushPromises();
    expect(w.get('[data-testid="ai-draft-error"]').text()).toMatch(/monthly AI token cap/);
    expect(w.get<HTMLTextAreaElement>("textarea").element.value).toBe("my own words");
  });
});
