import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import RatingPrompt from "~/components/chat/RatingPrompt.vue";

describe("chat widget rating prompt", () => {
  test("five labelled buttons; a click emits its score once", async () => {
    const w = await mountSuspended(RatingPrompt, { props: { score: null } });
    const buttons = w.findAll("button");
    expect(buttons.map((b) => b.attributes("aria-label"))).toEqual([
      "1 out of 5: Poor",
      "2 out of 5: Fair",
      "3 out of 5: Good",
      "4 out of 5: Very good",
      "5 out of 5: Great",
    ]);
    await buttons[3]!.trigger("click");
    expect(w.emitted("rate")).toEqual([[4]]);
    expect(buttons[3]!.attributes("aria-pressed")).toBe("true");
  });

  test("while sending, the buttons are disabled and emit nothing; an error is announced", async () => {
    const w = await mountSuspended(RatingPrompt, {
      props: { score: null, busy: true, error: "This rating has expired" },
    });
    for (const b of w.findAll("button")) expect(b.attributes("disabled")).toBeDefined();
    await w.findAll("button")[0]!.trigger("click");
    expect(w.emitted("rate")).toBeUndefined();
    expect(w.get('[role="alert"]').text()).toBe("This rating has expired");
  });

  test("once rated, a thank-you with the score replaces the buttons", async () => {
    const w = await mountSuspended(RatingPrompt, { props: { score: 5 } });
    expect(w.findAll("button")).toHaveLength(0);
    expect(w.get('[data-testid="rating-thanks"]').text()).toContain("5 out of 5");
  });
});
