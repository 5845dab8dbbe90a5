import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import EntryField from "~/components/entry/EntryField.vue";
import EntryForm from "~/components/entry/EntryForm.vue";
import { safeRedirect } from "~/lib/redirect";

describe("safeRedirect", () => {
  test("keeps paths of this site", () => {
    expect(safeRedirect("/inbox")).toBe("/inbox");
    expect(safeRedirect("/invite/abc?x=1#y")).toBe("/invite/abc?x=1#y");
    expect(safeRedirect("/")).toBe("/");
  });

  test("refuses other hosts, schemes, control characters and non-strings", () => {
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "inbox",
      "",
      "/\tevil",
      "/\u0000",
      "/\n//evil.example",
      undefined,
      null,
      ["/inbox"],
    ]) {
      expect(safeRedirect(bad), String(bad)).toBeNull();
    }
  });
});

describe("EntryForm", () => {
  test("shows the error, the busy label, and emits submit once per submission", async () => {
    const w = await mountSuspended(EntryForm, {
      props: {
        title: "Sign in",
        submitLabel: "Sign in",
        busyLabel: "Signing in…",
        busy: false,
        error: "Wrong password",
      },
      slots: { default: () => "fields" },
    });
    expect(w.get("h2").text()).toBe("Sign in");
    expect(w.get("[role=alert]").text()).toBe("Wrong password");
    const button = w.get("button[type=submit]");
    expect(button.text()).toBe("Sign in");
    expect(w.get("fieldset").attributes("disabled")).toBeUndefined();
    await w.get("form").trigger("submit");
    expect(w.emitted("submit")).toHaveLength(1);

    await w.setProps({ busy: true, error: null });
    expect(w.find("[role=alert]").exists()).toBe(false);
    expect(button.text()).toBe("Signing in…");
    expect(button.attributes("disabled")).toBeDefined();
  });
});

describe("EntryField", () => {
  test("labels its input, passes attributes to it and describes it by its hint", async () => {
    const w = await mountSuspended(EntryField, {
      props: { id: "password", label: "Password", hint: "At least 12 characters", modelValue: "" },
      attrs: { type: "password", autocomplete: "new-password", required: "" },
    });
    const input = w.get("input");
    expect(w.get("label").attributes("for")).toBe("password");
    expect(input.attributes("id")).toBe("password");
    expect(input.attributes("type")).toBe("password");
    expect(input.attributes("autocomplete")).toBe("new-password");
    expect(input.attributes("required")).toBeDefined();
    expect(input.attributes("aria-describedby")).toBe("password-hint");
    expect(w.get("#password-hint").text()).toBe("At least 12 characters");
    expect(w.get("div").attributes("type")).toBeUndefined();

    await input.setValue("correct horse");
    expect(w.emitted("update:modelValue")?.[0]).toEqual(["correct horse"]);
  });

  test("without a hint it keeps a describedby given by the page", async () => {
    const w = await mountSuspended(EntryField, {
      props: { id: "org-region", label: "Country", modelValue: "US" },
      attrs: { "aria-describedby": "org-region-hint" },
    });
    expect(w.get("input").attributes("aria-describedby")).toBe("org-region-hint");
    expect(w.get("input").element.value).toBe("US");
  });
});
