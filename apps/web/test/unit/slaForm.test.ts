import { describe, expect, test } from "vitest";
import { slaFormOf, slaTargetsOfForm } from "~/utils/sla";

describe("SLA policy form (organization and team)", () => {
  test("a stored policy round-trips through the form", () => {
    const stored = {
      businessHours: {
        timeZone: "America/New_York",
        weekly: [
          { day: 1, startMinute: 540, endMinute: 1020 },
          { day: 6, startMinute: 600, endMinute: 840 },
        ],
        holidays: ["2026-12-25"],
      },
      firstResponseMinutes: 30,
      resolutionMinutes: 480,
    };
    const form = slaFormOf(stored, "UTC");
    expect(form.days.map((d) => d.open)).toEqual([false, true, false, false, false, false, true]);
    expect(slaTargetsOfForm(form)).toEqual({ ok: true, value: { ...stored, nextResponseMinutes: undefined } });
  });

  test("no policy: weekdays 09-17 in the given zone; around the clock drops the hours", () => {
    const form = slaFormOf(null, "Europe/Paris");
    expect(form.useHours).toBe(true);
    expect(form.timeZone).toBe("Europe/Paris");
    form.useHours = false;
    form.firstResponse = 15;
    expect(slaTargetsOfForm(form)).toEqual({
      ok: true,
      value: {
        businessHours: undefined,
        firstResponseMinutes: 15,
        nextResponseMinutes: undefined,
        resolutionMinutes: undefined,
      },
    });
  });

  test("a day that closes before it opens, or no open day, is named", () => {
    const form = slaFormOf(null, "UTC");
    form.days[2]!.end = "08:00";
    expect(slaTargetsOfForm(form)).toEqual({ ok: false, error: "Tuesday: opening must be before closing (HH:MM)" });
    for (const d of form.days) d.open = false;
    expect(slaTargetsOfForm(form)).toEqual({ ok: false, error: "Business hours: open at least one day" });
  });
});
