import { mountSuspended } from "@nuxt/test-utils/runtime";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import SlaStatus from "~/components/inbox/SlaStatus.vue";
import { minutesToTime, slaTargets, type ThreadSla, timeToMinutes } from "~/utils/sla";

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const job = "job" as ThreadSla["resolution"] extends infer R ? (R extends { jobId: infer J } ? J : never) : never;

const sla = (responseDue: number, resolution?: { dueAt: number; breachedAt?: number }): ThreadSla => ({
  response: { kind: "first_response", since: NOW - 60_000, dueAt: responseDue, jobId: job },
  resolution: resolution ? { ...resolution, jobId: job } : undefined,
  breaches: resolution?.breachedAt ? 1 : 0,
});

describe("slaTargets", () => {
  test("soonest first; breached by the backend or by the clock", () => {
    const targets = slaTargets(sla(NOW + 90_000, { dueAt: NOW - 1, breachedAt: NOW - 1 }), NOW);
    expect(targets.map((t) => [t.label, t.breached, t.remainingMs])).toEqual([
      ["Resolution", true, 0],
      ["First response", false, 90_000],
    ]);
    expect(slaTargets(sla(NOW), NOW)[0]!.breached).toBe(true);
    expect(slaTargets(null, NOW)).toEqual([]);
  });

  test("time fields", () => {
    expect(minutesToTime(540)).toBe("09:00");
    expect(minutesToTime(1440)).toBe("24:00");
    expect(timeToMinutes("17:30")).toBe(1050);
    expect(timeToMinutes("24:00")).toBe(1440);
    expect(timeToMinutes("9:75")).toBeNull();
    expect(timeToMinutes("25:00")).toBeNull();
  });
});

describe("SlaStatus", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  test("counts down with a local timer and turns breached at the due moment without new data", async () => {
    const w = await mountSuspended(SlaStatus, { props: { sla: sla(NOW + 62_000) } });
    const badge = () => w.get('[data-testid="sla-status"] li');
    expect(badge().attributes("data-state")).toBe("due");
    expect(badge().get('[role="timer"]').text()).toBe("1m 02s");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(badge().get('[role="timer"]').text()).toBe("1m 00s");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(badge().attributes("data-state")).toBe("breached");
    expect(badge().text()).toContain("First response breached");
  }, 30_000); // the first mount boots the Nuxt environment: slow on a loaded machine

  test("renders nothing without running targets", async () => {
    const w = await mountSuspended(SlaStatus, { props: { sla: null } });
    expect(w.find('[data-testid="sla-status"]').exists()).toBe(false);
  }, 30_000);
});
