import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import ViewTabs from "~/components/inbox/ViewTabs.vue";
import { countLabel, emptyFilters, filterArgs, type InboxFilters, viewOf, withView } from "~/utils/inbox";

describe("inbox views", () => {
  test("a view sets assignee / team and keeps the other filters", () => {
    const f = { ...emptyFilters(), channel: "sms", assignee: "m1" } as InboxFilters;
    expect(filterArgs(withView(f, "mine"))).toEqual({ status: "open", channel: "sms", assignee: "me" });
    expect(filterArgs(withView(f, "unassigned"))).toMatchObject({ assignee: "unassigned" });
    expect(filterArgs(withView(f, "team:t1"))).toEqual({ status: "open", channel: "sms", team: "t1" });
    expect(filterArgs(withView(f, "all"))).toEqual({ status: "open", channel: "sms" });
    expect(viewOf(withView(f, "team:t1"))).toBe("team:t1");
    expect(viewOf(f)).toBe("all");
    expect(countLabel({ count: 99, capped: true })).toBe("99+");
    expect(countLabel({ count: 3, capped: false })).toBe("3");
  });

  test("tabs show the live counts (99+ past the cap) and switch the view", async () => {
    const w = await mountSuspended(ViewTabs, {
      props: {
        modelValue: emptyFilters(),
        counts: {
          mine: { count: 2, capped: false },
          unassigned: { count: 99, capped: true },
          teams: [{ teamId: "t1", name: "Billing", count: 5, capped: false }],
        },
      },
    });
    expect(w.get('[data-view="mine"]').text()).toContain("2");
    expect(w.get('[data-view="unassigned"]').text()).toContain("99+");
    expect(w.get('[data-view="team:t1"]').text()).toContain("Billing");
    expect(w.get('[data-view="all"]').attributes("aria-current")).toBe("page");
    await w.get('[data-view="team:t1"]').trigger("click");
    expect((w.emitted("update:modelValue")![0]![0] as InboxFilters).team).toBe("t1");
  });
});
