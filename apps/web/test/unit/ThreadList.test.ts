import { mountSuspended } from "@nuxt/test-utils/runtime";
import { afterEach, describe, expect, test } from "vitest";
import ThreadList, { type ThreadRow } from "~/components/inbox/ThreadList.vue";

const rows: ThreadRow[] = ["Ada", "Grace", "Linus"].map((name, i) => ({
  _id: `t${i}`,
  contactName: name,
  lastMessagePreview: `hello from ${name}`,
  lastMessageAt: Date.now() - i * 60_000,
  lastChannel: i === 0 ? "whatsapp" : "sms",
  lastDirection: i === 2 ? "outbound" : "inbound",
  unreadCount: i === 0 ? 3 : 0,
  status: "open",
}));

const press = (key: string, target: EventTarget = window) =>
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));

let mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const w of mounted) w.unmount();
  mounted = [];
});

describe("ThreadList", () => {
  test("j/k move the cursor and Enter opens the thread under it", async () => {
    const w = await mountSuspended(ThreadList, {
      props: { threads: rows, status: "Exhausted" },
      attachTo: document.body,
    });
    mounted.push(w);
    press("j");
    await nextTick();
    expect(w.get('[data-active="true"]').attributes("data-thread-id")).toBe("t0");
    press("j");
    press("j");
    press("j");
    await nextTick();
    expect(w.get('[data-active="true"]').attributes("data-thread-id")).toBe("t2");
    press("k");
    await nextTick();
    expect(w.get('[data-active="true"]').attributes("data-thread-id")).toBe("t1");
    press("Enter");
    expect(w.emitted("open")).toEqual([["t1"]]);
  });

  test("keys typed into a text field are not shortcuts", async () => {
    const w = await mountSuspended(ThreadList, {
      props: { threads: rows, status: "Exhausted" },
      attachTo: document.body,
    });
    mounted.push(w);
    const input = document.createElement("input");
    document.body.appendChild(input);
    press("j", input);
    press("Enter", input);
    await nextTick();
    expect(w.find('[data-active="true"]').exists()).toBe(false);
    expect(w.emitted("open")).toBeUndefined();
    input.remove();
  });

  test("shows the unread badge, channel icon label, outbound prefix; clicking opens", async () => {
    const w = await mountSuspended(ThreadList, { props: { threads: rows, status: "Exhausted", selectedId: "t1" } });
    mounted.push(w);
    const badges = w.findAll('[data-testid="unread-badge"]');
    expect(badges).toHaveLength(1);
    expect(badges[0]!.text()).toBe("3");
    expect(badges[0]!.attributes("aria-label")).toBe("3 unread");
    expect(w.get('[data-thread-id="t1"]').attributes("aria-selected")).toBe("true");
    expect(w.get('[data-thread-id="t2"]').text()).toContain("You: hello from Linus");
    expect(w.get('[data-thread-id="t0"]').find('[aria-label="WhatsApp"]').exists()).toBe(true);
    await w.get('[data-thread-id="t2"]').trigger("click");
    expect(w.emitted("open")).toEqual([["t2"]]);
  });

  test("loading, empty and error states; load more", async () => {
    const loading = await mountSuspended(ThreadList, { props: { threads: [], status: "LoadingFirstPage" } });
    expect(loading.find('[aria-busy="true"]').exists()).toBe(true);
    const empty = await mountSuspended(ThreadList, { props: { threads: [], status: "Exhausted" } });
    expect(empty.find('[data-testid="inbox-empty"]').exists()).toBe(true);
    const failed = await mountSuspended(ThreadList, {
      props: { threads: [], status: "Exhausted", error: "You are not a member" },
    });
    expect(failed.get('[role="alert"]').text()).toBe("You are not a member");
    const more = await mountSuspended(ThreadList, { props: { threads: rows, status: "CanLoadMore" } });
    await more.get("button").trigger("click");
    expect(more.emitted("loadMore")).toHaveLength(1);
    mounted.push(loading, empty, failed, more);
  });
});

describe("ThreadList per-agent unread", () => {
  test("the caller's own unread counts replace the shared count", async () => {
    const w = await mountSuspended(ThreadList, {
      props: {
        threads: rows,
        status: "Exhausted",
        unread: { t0: { unread: 0, more: false }, t1: { unread: 20, more: true } },
      },
    });
    mounted.push(w);
    const badges = w.findAll('[data-testid="unread-badge"]');
    // t0 has a shared count of 3 but this agent read it; t1 is unread for this agent only.
    expect(badges.map((b) => b.attributes("aria-label"))).toEqual(["20+ unread"]);
    expect(w.get('[data-thread-id="t1"]').text()).toContain("20+");
  });
});

describe("ThreadList bulk selection", () => {
  test("checkboxes toggle, shift-click selects a range, x toggles the highlighted row; clicks do not open", async () => {
    const five: ThreadRow[] = [0, 1, 2, 3, 4].map((i) => ({ ...rows[0]!, _id: `s${i}`, contactName: `C${i}` }));
    const w = await mountSuspended(ThreadList, {
      props: { threads: five, status: "Exhausted", selection: [] as string[] },
      attachTo: document.body,
    });
    mounted.push(w);
    const boxes = () => w.findAll('[data-testid="thread-select"]');
    const last = () => w.emitted("update:selection")!.at(-1)![0] as string[];
    expect(boxes()).toHaveLength(5);
    await boxes()[1]!.trigger("click");
    expect(last()).toEqual(["s1"]);
    await w.setProps({ selection: last() });
    await boxes()[3]!.trigger("click", { shiftKey: true });
    expect(last().sort()).toEqual(["s1", "s2", "s3"]);
    await w.setProps({ selection: last() });
    await boxes()[2]!.trigger("click");
    expect(last().sort()).toEqual(["s1", "s3"]);
    await w.setProps({ selection: last() });
    expect(w.emitted("open")).toBeUndefined();
    // Keyboard: j to the first row, x selects it.
    press("j");
    await nextTick();
    press("x");
    expect(last().sort()).toEqual(["s0", "s1", "s3"]);
    expect(w.emitted("active")!.at(-1)).toEqual(["s0"]);
  });

  test("without a selection model there are no checkboxes", async () => {
    const w = await mountSuspended(ThreadList, { props: { threads: rows, status: "Exhausted" } });
    mounted.push(w);
    expect(w.find('[data-testid="thread-select"]').exists()).toBe(false);
  });
});
