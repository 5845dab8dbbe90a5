import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { liveTypists, TYPING_SIGNAL_MS, useTypingSignal } from "~/composables/typing";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("useTypingSignal", () => {
  test("keystrokes send 'typing' at most once per window, then 'stopped' when idle or on stop()", async () => {
    const sent: boolean[] = [];
    const signal = useTypingSignal(async (typing) => {
      sent.push(typing);
    });
    for (let i = 0; i < 10; i++) {
      signal.input();
      vi.advanceTimersByTime(200);
    }
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(TYPING_SIGNAL_MS);
    signal.input();
    expect(sent).toEqual([true, true]);
    // Idle: one stop.
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([true, true, false]);
    signal.stop();
    expect(sent).toEqual([true, true, false]);
    // After a stop, the next keystroke signals at once.
    signal.input();
    signal.stop();
    expect(sent).toEqual([true, true, false, true, false]);
  });

  test("a failing send does not throw into the composer", async () => {
    const signal = useTypingSignal(() => Promise.reject(new Error("offline")));
    expect(() => signal.input()).not.toThrow();
    await Promise.resolve();
  });
});

describe("liveTypists", () => {
  test("keeps only rows whose expiry is still ahead", () => {
    const rows = [
      { name: "Ada", typingUntil: 2_000 },
      { name: "Grace", typingUntil: 1_000 },
    ];
    expect(liveTypists(rows, 1_000).map((r) => r.name)).toEqual(["Ada"]);
    expect(liveTypists(undefined, 0)).toEqual([]);
  });
});
