import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import ReplyBox from "~/components/inbox/ReplyBox.vue";

const base = { channels: ["sms", "whatsapp", "email"] as const, whatsappWindowOpen: true };

/** Templates as channels/whatsappTemplates.list returns them (parsed from Meta's API). */
const templates = [
  {
    name: "hello_world",
    language: "en_US",
    category: "UTILITY",
    header: "Hello World",
    body: "Welcome!",
    buttons: [],
    parameterFormat: "POSITIONAL" as const,
    headerVariables: [],
    bodyVariables: [],
  },
  {
    name: "request_update",
    language: "en_US",
    category: "UTILITY",
    body: "Hi {{1}}, your request {{2}}: {{3}}. Reply to continue.",
    buttons: [],
    parameterFormat: "POSITIONAL" as const,
    headerVariables: [],
    bodyVariables: ["1", "2", "3"],
  },
  {
    name: "request_update",
    language: "es",
    category: "UTILITY",
    body: "Hola {{1}}, {{2}}: {{3}}.",
    buttons: [],
    parameterFormat: "POSITIONAL" as const,
    headerVariables: [],
    bodyVariables: ["1", "2", "3"],
  },
];

describe("ReplyBox", () => {
  test("defaults to the contact's last channel and follows it until the agent picks one", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: { ...base, channels: [...base.channels], defaultChannel: "email" },
    });
    const select = w.get<HTMLSelectElement>('[data-testid="reply-channel"]');
    expect(select.element.value).toBe("email");
    expect(select.text()).toContain("Email (last used)");
    // Email offers a subject.
    expect(w.find('input[aria-label="Subject"]').exists()).toBe(true);

    await w.setProps({ defaultChannel: "sms" });
    expect(select.element.value).toBe("sms");

    await select.setValue("whatsapp");
    await w.setProps({ defaultChannel: "email" });
    expect(select.element.value).toBe("whatsapp");
  });

  test("falls back to the first reachable channel when the last one is not reachable", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: { ...base, channels: ["sms", "email"], defaultChannel: "chat" },
    });
    expect(w.get<HTMLSelectElement>('[data-testid="reply-channel"]').element.value).toBe("sms");
  });

  test("sends text on the chosen channel (button and Ctrl+Enter)", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: { ...base, channels: [...base.channels], defaultChannel: "sms" },
    });
    const button = w.get('button[type="submit"]');
    expect(button.attributes("disabled")).toBeDefined();
    await w.get("textarea").setValue("  On its way!  ");
    expect(button.attributes("disabled")).toBeUndefined();
    await w.get("form").trigger("submit");
    expect(w.emitted("send")?.[0]).toEqual([{ channel: "sms", text: "On its way!" }]);
    // Free text on SMS never asks the provider for templates.
    expect(w.emitted("needTemplates")).toBeUndefined();

    await w.get("textarea").trigger("keydown", { key: "Enter", ctrlKey: true });
    expect(w.emitted("send")).toHaveLength(2);
    await w.get("textarea").trigger("keydown", { key: "Enter" });
    expect(w.emitted("send")).toHaveLength(2);
  });

  test("WhatsApp with the 24-hour window closed offers only the provider's templates, variables filled", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: {
        ...base,
        channels: [...base.channels],
        defaultChannel: "whatsapp",
        whatsappWindowOpen: false,
        templates,
      },
    });
    expect(w.find('[data-testid="template-picker"]').exists()).toBe(true);
    expect(w.emitted("needTemplates")).toHaveLength(1);
    expect(w.find("textarea").exists()).toBe(false);
    expect(w.text()).toContain("24-hour window is closed");
    // Listed from the provider: same name in two languages are two choices.
    expect(w.findAll('input[type="radio"]').map((r) => r.attributes("value"))).toEqual([
      "hello_world|en_US",
      "request_update|en_US",
      "request_update|es",
    ]);
    const button = w.get('button[type="submit"]');
    expect(button.text()).toContain("Send template");
    expect(button.attributes("disabled")).toBeDefined();

    await w.get('input[type="radio"][value="request_update|en_US"]').setValue(true);
    // Three body variables: not sendable until each is filled.
    const inputs = w.get('[data-testid="template-form"]').findAll('input[type="text"]');
    expect(inputs).toHaveLength(3);
    expect(button.attributes("disabled")).toBeDefined();
    expect(w.get('[data-testid="template-preview"]').text()).toContain("Hi [1], your request [2]: [3].");
    await inputs[0]!.setValue("Maya");
    await inputs[1]!.setValue("#1042");
    await inputs[2]!.setValue("shipped");
    expect(w.get('[data-testid="template-preview"]').text()).toContain("Hi Maya, your request #1042: shipped.");
    expect(button.attributes("disabled")).toBeUndefined();
    await w.get("form").trigger("submit");
    expect(w.emitted("send")?.[0]).toEqual([
      {
        channel: "whatsapp",
        text: "Hi Maya, your request #1042: shipped. Reply to continue.",
        template: {
          name: "request_update",
          language: "en_US",
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Maya" },
                { type: "text", text: "#1042" },
                { type: "text", text: "shipped" },
              ],
            },
          ],
        },
      },
    ]);
  });

  test("a template without variables is sent without components", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: { ...base, channels: ["whatsapp"], defaultChannel: "whatsapp", whatsappWindowOpen: false, templates },
    });
    await w.get('input[type="radio"][value="hello_world|en_US"]').setValue(true);
    await w.get("form").trigger("submit");
    expect(w.emitted("send")?.[0]).toEqual([
      { channel: "whatsapp", text: "Hello World\n\nWelcome!", template: { name: "hello_world", language: "en_US" } },
    ]);
  });

  test("while templates load, or when listing fails, the picker says so", async () => {
    const loading = await mountSuspended(ReplyBox, {
      props: {
        ...base,
        channels: ["whatsapp"],
        defaultChannel: "whatsapp",
        whatsappWindowOpen: false,
        templatesLoading: true,
      },
    });
    expect(loading.text()).toContain("Loading templates");
    const failed = await mountSuspended(ReplyBox, {
      props: {
        ...base,
        channels: ["whatsapp"],
        defaultChannel: "whatsapp",
        whatsappWindowOpen: false,
        templatesError: "Could not list WhatsApp templates: Invalid OAuth access token.",
      },
    });
    expect(failed.get('[role="alert"]').text()).toContain("Invalid OAuth access token");
    expect(failed.get('button[type="submit"]').attributes("disabled")).toBeDefined();
  });

  test("the template picker is only for WhatsApp: SMS stays free text", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: { ...base, channels: [...base.channels], defaultChannel: "whatsapp", whatsappWindowOpen: false },
    });
    await w.get('[data-testid="reply-channel"]').setValue("sms");
    expect(w.find('[data-testid="template-picker"]').exists()).toBe(false);
    expect(w.find("textarea").exists()).toBe(true);
  });

  test("an open window allows free text on WhatsApp; errors are announced", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: {
        ...base,
        channels: [...base.channels],
        defaultChannel: "whatsapp",
        error: "No enabled whatsapp channel is configured",
      },
    });
    expect(w.find('[data-testid="template-picker"]').exists()).toBe(false);
    expect(w.get('[role="alert"]').text()).toBe("No enabled whatsapp channel is configured");
  });

  test("a contact with no reachable channel cannot be replied to", async () => {
    const w = await mountSuspended(ReplyBox, {
      props: { channels: [], defaultChannel: null, whatsappWindowOpen: true },
    });
    expect(w.text()).toContain("no channel we can reply on");
    expect(w.find("textarea").exists()).toBe(false);
  });
});
