import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import StatusTicks from "~/components/inbox/StatusTicks.vue";

describe("StatusTicks", () => {
  test.each([
    ["queued", "Queued"],
    ["sending", "Sending"],
    ["sent", "Sent"],
    ["delivered", "Delivered"],
    ["read", "Read"],
  ])("%s shows %s and no failure reason", async (status, label) => {
    const w = await mountSuspended(StatusTicks, { props: { status } });
    expect(w.attributes("data-status")).toBe(status);
    expect(w.text()).toContain(label);
    expect(w.find('[data-testid="failure-reason"]').exists()).toBe(false);
    expect(w.attributes("title")).toBe(label);
  });

  test("failed shows the provider's reason", async () => {
    const w = await mountSuspended(StatusTicks, {
      props: { status: "failed", error: { code: "21610", message: "Attempt to send to unsubscribed recipient" } },
    });
    expect(w.text()).toContain("Failed");
    expect(w.get('[data-testid="failure-reason"]').text()).toContain("Attempt to send to unsubscribed recipient");
    expect(w.attributes("title")).toBe("Failed: Attempt to send to unsubscribed recipient");
  });

  test("failed without a reason says so", async () => {
    const w = await mountSuspended(StatusTicks, { props: { status: "failed" } });
    expect(w.get('[data-testid="failure-reason"]').text()).toContain("No reason given");
  });

  test("read is visually distinct from delivered", async () => {
    const read = await mountSuspended(StatusTicks, { props: { status: "read" } });
    const delivered = await mountSuspended(StatusTicks, { props: { status: "delivered" } });
    expect(read.html()).toContain("text-sky-600");
    expect(delivered.html()).not.toContain("text-sky-600");
  });
});
