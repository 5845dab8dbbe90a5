import { describe, expect, it } from "vitest";
import { getDescriptor } from "../src/registry";
import { DEFAULT_TIMESTAMP_WINDOW, trustedTime } from "../src/timestamps";

const NOW = Date.UTC(2026, 10, 29, 3, 0, 0);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe("trustedTime", () => {
  it("believes a provider time inside the window", () => {
    expect(trustedTime(NOW - 10 * MIN, NOW)).toEqual({
      at: NOW - 10 * MIN,
      providerTimestamp: NOW - 10 * MIN,
      trusted: true,
    });
    expect(trustedTime(NOW + 4 * MIN, NOW).at).toBe(NOW + 4 * MIN);
    expect(trustedTime(NOW - 2 * DAY, NOW).trusted).toBe(true);
  });

  it("uses the receipt time for a claim outside the window, keeping the claim", () => {
    const year3000 = Date.UTC(3000, 0, 1);
    expect(trustedTime(year3000, NOW)).toEqual({ at: NOW, providerTimestamp: year3000, trusted: false });
    expect(trustedTime(NOW + 6 * MIN, NOW).at).toBe(NOW);
    expect(trustedTime(NOW - DEFAULT_TIMESTAMP_WINDOW.pastMs - 1, NOW).at).toBe(NOW);
    expect(trustedTime(0, NOW).at).toBe(NOW);
    expect(trustedTime(-1e12, NOW).at).toBe(NOW);
  });

  it("never lets a non-finite value through (1e300 is finite but far outside)", () => {
    expect(trustedTime(1e300, NOW)).toEqual({ at: NOW, providerTimestamp: 1e300, trusted: false });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, null]) {
      const t = trustedTime(bad, NOW);
      expect(t.at).toBe(NOW);
      expect(t.trusted).toBe(false);
      expect(t.providerTimestamp).toBeUndefined();
    }
  });

  it("uses each provider's window: Meta's 7-day retry horizon, chat's short browser window", () => {
    const meta = getDescriptor("meta").timestampWindow;
    const native = getDescriptor("native").timestampWindow;
    expect(trustedTime(NOW - 6 * DAY, NOW, meta).trusted).toBe(true);
    expect(trustedTime(NOW - 6 * DAY, NOW).trusted).toBe(false);
    expect(trustedTime(NOW - 2 * 60 * MIN, NOW, native).trusted).toBe(false);
    expect(trustedTime(NOW - 30 * MIN, NOW, native).trusted).toBe(true);
  });
});
