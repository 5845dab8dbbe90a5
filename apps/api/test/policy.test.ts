import { describe, expect, test } from "vitest";
import { DOWN_AFTER_FAILURES, healthAfterFailure } from "../convex/channels/health";
import { backoffMs, probeDelayMs } from "../convex/outbound/policy";

describe("delivery policy", () => {
  test("exponential backoff with equal jitter stays within [half, full] of the nominal delay", () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const nominal = 2_000 * 2 ** (attempt - 1);
      expect(backoffMs(attempt, () => 0)).toBe(nominal / 2);
      expect(backoffMs(attempt, () => 1)).toBe(nominal);
    }
  });
  test("backoff is capped at 5 minutes and honours Retry-After", () => {
    expect(backoffMs(30, () => 1)).toBe(300_000);
    expect(backoffMs(1, () => 0, 60_000)).toBe(60_000);
  });
  test("a channel turns down after consecutive failures and probes back off", () => {
    expect(healthAfterFailure(1)).toBe("degraded");
    expect(healthAfterFailure(DOWN_AFTER_FAILURES)).toBe("down");
    expect(probeDelayMs(DOWN_AFTER_FAILURES + 1)).toBe(2 * probeDelayMs(DOWN_AFTER_FAILURES));
    expect(probeDelayMs(1000)).toBe(300_000);
  });
});
