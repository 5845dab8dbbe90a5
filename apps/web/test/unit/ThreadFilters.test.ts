import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import ThreadFilters from "~/components/inbox/ThreadFilters.vue";
import { emptyFilters, filterArgs, type InboxFilters } from "~/utils/inbox";

describe("ThreadFilters", () => {
  test("every control emits the updated filters", async () => {
    const start = emptyFilters();
    const w = await mountSuspended(ThreadFilters, {
      props: {
        modelValue: start,
        assignees: [
          { _id: "m1", name: "Ada", isMe: true },
          { _id: "m2", name: "Grace" },
        ],
      },
    });
    const [status, channel, assignee] = w.findAll("select");
    expect((status!.element as HTMLSelectElement).value).toBe("open");

    await channel!.setValue("whatsapp");
    await status!.setValue("snoozed");
    await assignee!.setValue("m2");
    await w.get('input[type="search"]').setValue("invoice");
    const updates = w.emitted("update:modelValue")!.map((e) => e[0] as InboxFilters);
    expect(updates[0]).toEqual({ ...start, channel: "whatsapp" });
    expect(updates[1]).toEqual({ ...start, status: "snoozed" });
    expect(updates[2]).toEqual({ ...start, assignee: "m2" });
    expect(updates[3]).toEqual({ ...start, search: "invoice" });
  });

  test("the assignee list offers me, unassigned and the other members (not me twice)", async () => {
    const w = await mountSuspended(ThreadFilters, {
      props: {
        modelValue: emptyFilters(),
        assignees: [
          { _id: "m1", name: "Ada", isMe: true },
          { _id: "m2", name: "Grace" },
        ],
      },
    });
    const options = w
      .findAll("select")[2]!
      .findAll("option")
      .map((o) => o.text());
    expect(options).toEqual(["Anyone", "Me", "Unassigned", "Grace"]);
  });

  test("controls are labelled", async () => {
    const w = await mountSuspended(ThreadFilters, { props: { modelValue: emptyFilters() } });
    for (const control of w.findAll("select, input")) {
      const id = control.attributes("id");
      expect(id).toBeTruthy();
      expect(w.find(`label[for="${id}"]`).exists()).toBe(true);
    }
  });

  test("filterArgs leaves empty filters out and trims the search", () => {
    expect(filterArgs({ status: "", channel: "", assignee: "", search: "  " })).toEqual({});
    expect(filterArgs({ status: "open", channel: "sms", assignee: "me", search: " bob " })).toEqual({
      status: "open",
      channel: "sms",
      assignee: "me",
      search: "bob",
    });
  });
});
