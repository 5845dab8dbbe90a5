/**
 * Issue 14 item 5 (dashboard part): one message with a bad time must not break the inbox.
 * Before, `new Date(1e300).toISOString()` threw a RangeError while rendering the thread list.
 */
import { mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test } from "vitest";
import MessageBubble, { type MessageView } from "~/components/inbox/MessageBubble.vue";
import ThreadList, { type ThreadRow } from "~/components/inbox/ThreadList.vue";
import { dayMonth, duration, fullTime, isoTime, NO_TIME, percent, shortTime, validTime } from "~/utils/format";

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const YEAR_3000 = Date.UTC(3000, 0, 3, 9, 30);
const BAD = [
  Number.NaN,
  1e300,
  -1e300,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  8.64e15 + 1,
  undefined,
  null,
];
/** What a query result can carry at runtime whatever the types say. */
const JUNK = ["2026-11-29", {}, true] as unknown as number[];

describe("time formatting never throws", () => {
  test.each([...BAD, ...JUNK].map((v) => [String(typeof v === "object" ? JSON.stringify(v) : v), v] as const))(
    "%s shows the placeholder everywhere",
    (_label, at) => {
      expect(validTime(at)).toBeNull();
      expect(shortTime(at as number, NOW)).toBe(NO_TIME);
      expect(fullTime(at as number)).toBe(NO_TIME);
      expect(dayMonth(at as number, NOW)).toBe(NO_TIME);
      expect(isoTime(at as number)).toBeUndefined();
    },
  );

  test("year 3000 is a real date: shown with its year, never as 'just now'", () => {
    expect(isoTime(YEAR_3000)).toBe("3000-01-03T09:30:00.000Z");
    expect(shortTime(YEAR_3000, NOW)).toMatch(/3000/);
    expect(shortTime(YEAR_3000, NOW)).not.toBe("just now");
    expect(fullTime(YEAR_3000)).toMatch(/3000/);
    expect(dayMonth(YEAR_3000, NOW)).toMatch(/3000/);
  });

  test("negative times (before 1970) and the extremes a Date can hold still format", () => {
    expect(isoTime(-1)).toBe("1969-12-31T23:59:59.999Z");
    expect(shortTime(-1, NOW)).toMatch(/1969/);
    expect(fullTime(-86_400_000)).toMatch(/1969/);
    expect(isoTime(8.64e15)).toBe("+275760-09-13T00:00:00.000Z");
    expect(() => shortTime(-8.64e15, NOW)).not.toThrow();
  });

  test("ordinary times keep their compact forms", () => {
    expect(shortTime(NOW - 10_000, NOW)).toBe("just now");
    expect(shortTime(NOW + 30_000, NOW)).toBe("just now"); // a little clock skew
    expect(shortTime(NOW - 5 * 60_000, NOW)).toBe("5m");
    expect(shortTime(NOW - 3 * 3_600_000, NOW)).toBe("3h");
    expect(shortTime(NOW - 40 * 86_400_000, NOW)).not.toMatch(/2026/);
    expect(shortTime(Date.UTC(2024, 4, 2), NOW)).toMatch(/2024/);
  });

  test("durations and percentages: bad numbers show the placeholder", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -5, undefined, null]) expect(duration(bad)).toBe(NO_TIME);
    expect(duration(90_000)).toBe("2 min");
    expect(duration(2 * 86_400_000)).toBe("2.0 days");
    expect(percent(Number.NaN)).toBe(NO_TIME);
    expect(percent(0.42)).toBe("42%");
  });
});

describe("components with a bad time render instead of throwing", () => {
  test("the thread list shows every thread, the broken ones with a placeholder", async () => {
    const threads: ThreadRow[] = [1e300, Number.NaN, YEAR_3000, NOW - 60_000].map((lastMessageAt, i) => ({
      _id: `t${i}`,
      contactName: `Contact ${i}`,
      lastMessagePreview: `preview ${i}`,
      lastMessageAt,
      lastChannel: "sms",
      lastDirection: "inbound",
      unreadCount: 0,
      status: "open",
    }));
    const w = await mountSuspended(ThreadList, { props: { threads, status: "Exhausted" } });
    expect(w.findAll("[data-thread-id]")).toHaveLength(4);
    const times = w.findAll("time");
    expect(times).toHaveLength(4);
    expect(times[0]!.text()).toBe(NO_TIME);
    expect(times[0]!.attributes("datetime")).toBeUndefined();
    expect(times[1]!.text()).toBe(NO_TIME);
    expect(times[2]!.attributes("datetime")).toBe("3000-01-03T09:30:00.000Z");
    expect(times[3]!.attributes("datetime")).toBe(new Date(NOW - 60_000).toISOString());
    w.unmount();
  });

  test("a message with timestamp 1e300 still shows its text", async () => {
    const message: MessageView = {
      _id: "m1",
      direction: "inbound",
      channel: "chat",
      status: "received",
      text: "hello from the future",
      sentAt: 1e300,
      attachments: [],
    };
    const w = await mountSuspended(MessageBubble, { props: { message } });
    expect(w.text()).toContain("hello from the future");
    expect(w.get("time").text()).toBe(NO_TIME);
  });
});
