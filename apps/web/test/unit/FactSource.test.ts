import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import FactSource from "~/components/contact/FactSource.vue";

describe("FactSource", () => {
  test("hover shows the quote; the fact links to its message in its thread", async () => {
    const w = await mountSuspended(FactSource, {
      props: { quote: "I'll send the security questionnaire by Friday", messageId: "m1", threadId: "t1" },
      slots: { default: () => "Send the security questionnaire" },
    });
    const link = w.get('[data-testid="fact-source"]');
    expect(link.attributes("href")).toBe("/inbox/t1?message=m1");
    expect(link.text()).toBe("Send the security questionnaire");
    const tip = w.get('[role="tooltip"]');
    const hidden = () => (tip.attributes("style") ?? "").includes("display: none");
    expect(hidden()).toBe(true);
    await link.trigger("mouseenter");
    expect(hidden()).toBe(false);
    expect(tip.text()).toContain("“I'll send the security questionnaire by Friday”");
    expect(link.attributes("aria-describedby")).toBe(tip.attributes("id"));
    await link.trigger("mouseleave");
    expect(hidden()).toBe(true);
  });

  test("a quote without a known thread is still shown, without a link", async () => {
    const w = await mountSuspended(FactSource, {
      props: { quote: "going with another vendor" },
      slots: { default: () => "lost" },
    });
    expect(w.find("a").exists()).toBe(false);
    const tip = w.get('[role="tooltip"]');
    expect(tip.attributes("style")).toContain("display: none");
    await w.get('[data-testid="fact-source"]').trigger("focus");
    expect(tip.attributes("style") ?? "").not.toContain("display: none");
  });

  test("no span: only the content, no tooltip", async () => {
    const w = await mountSuspended(FactSource, {
      props: { quote: null, messageId: "m1", threadId: "t1" },
      slots: { default: () => "Deal: none" },
    });
    expect(w.text()).toBe("Deal: none");
    expect(w.find('[role="tooltip"]').exists()).toBe(false);
    expect(w.find('[data-testid="fact-source"]').exists()).toBe(false);
  });
});
