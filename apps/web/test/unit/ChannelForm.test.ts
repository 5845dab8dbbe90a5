import { mockNuxtImport, mountSuspended } from "@nuxt/test-utils/runtime";
import { getDescriptor, settingsFormOf } from "@switchboard/channels";
import { describe, expect, test, vi } from "vitest";
import { ref } from "vue";
import ChannelForm from "~/components/settings/ChannelForm.vue";

const { run } = vi.hoisted(() => ({ run: vi.fn(async (_args: unknown) => "cfg_1") }));
mockNuxtImport("useConvexAction", () => () => ({ run, isPending: ref(false), errorMessage: ref("") }));

const org = "org_1" as never;

describe("ChannelForm (fields derived from the provider descriptors)", () => {
  test("shows each provider's credential and setting fields, labels, help and secret-ness", async () => {
    const w = await mountSuspended(ChannelForm, { props: { organizationId: org } });
    const select = w.get<HTMLSelectElement>("select");
    // One option per descriptor, labelled from it.
    expect(select.findAll("option").map((o) => o.text())).toEqual([
      "Twilio (SMS)",
      "Vonage (SMS)",
      "Meta WhatsApp Cloud API (WhatsApp)",
      "Resend (Email)",
      "Generic signed webhook (Webhook)",
      "Native web chat (Web chat)",
    ]);
    for (const provider of ["twilio", "meta", "native"] as const) {
      await select.setValue(provider);
      const form = settingsFormOf(getDescriptor(provider));
      const credentialInputs = w.findAll('input[id*="-c-"]');
      expect(credentialInputs.map((i) => i.attributes("id")!.split("-c-")[1])).toEqual(
        form.credentials.map((f) => f.key),
      );
      for (const f of form.credentials) {
        const input = w.get(`input[id$="-c-${f.key}"]`);
        expect(input.attributes("type"), `${provider}.${f.key}`).toBe(f.secret ? "password" : "text");
        expect(w.get(`label[for="${input.attributes("id")}"]`).text()).toContain(f.label);
        if (f.help) expect(w.text()).toContain(f.help);
      }
      expect(w.findAll('input[id*="-s-"]').map((i) => i.attributes("id")!.split("-s-")[1])).toEqual(
        form.settings.map((f) => f.key),
      );
      expect(w.text()).toContain(getDescriptor(provider).endpoints.text.label);
    }
    // Hidden settings are not offered.
    expect(w.find('input[id$="-s-widgetKey"]').exists()).toBe(false);
  });

  test("editing keeps hidden settings (the mirrored widget key) and sends only what the form holds", async () => {
    run.mockClear();
    const w = await mountSuspended(ChannelForm, {
      props: {
        organizationId: org,
        existing: {
          _id: "cfg_9" as never,
          provider: "native",
          name: "Site chat",
          enabled: true,
          endpoints: ["website"],
          settings: { widgetKey: "website", tokenTtlSeconds: "600", allowedOrigins: "https://a.example" },
          storedCredentials: ["sessionSecret"],
        },
      },
    });
    expect(w.get('input[id$="-c-sessionSecret"]').attributes("placeholder")).toContain("leave blank to keep");
    await w.get("form").trigger("submit");
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]![0]).toMatchObject({
      provider: "native",
      endpoints: ["website"],
      settings: { widgetKey: "website", tokenTtlSeconds: "600", allowedOrigins: "https://a.example" },
      credentials: {},
    });
  });
});
