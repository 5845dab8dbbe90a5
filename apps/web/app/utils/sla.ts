import type { Doc } from "@switchboard/api/convex/_generated/dataModel";

export type ThreadSla = NonNullable<Doc<"conversationThreads">["sla"]>;

export interface SlaTargetState {
  target: "first_response" | "next_response" | "resolution";
  label: string;
  dueAt: number;
  /** Breached by the backend's check, or due time passed (the check runs at that moment). */
  breached: boolean;
  /** ms until due (0 once breached). */
  remainingMs: number;
}

const LABELS = { first_response: "First response", next_response: "Next response", resolution: "Resolution" };

/** The running targets of a thread at `now`, soonest first. The backend's breach check is the authority; the clock fills the seconds between. */
export function slaTargets(sla: ThreadSla | null | undefined, now: number): SlaTargetState[] {
  if (!sla) return [];
  const out: SlaTargetState[] = [];
  const add = (target: SlaTargetState["target"], t: { dueAt: number; breachedAt?: number }) => {
    const breached = t.breachedAt !== undefined || now >= t.dueAt;
    out.push({ target, label: LABELS[target], dueAt: t.dueAt, breached, remainingMs: breached ? 0 : t.dueAt - now });
  };
  if (sla.response) add(sla.response.kind, sla.response);
  if (sla.resolution) add("resolution", sla.resolution);
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

/** Minutes after midnight <-> "HH:MM" for the business-hours form. */
export function minutesToTime(m: number): string {
  if (m >= 1440) return "24:00";
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
export function timeToMinutes(s: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!match) return null;
  const m = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && m <= 1440 ? m : null;
}

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The business-hours and targets part of an SLA policy form (organization or team). */
export interface SlaForm {
  useHours: boolean;
  timeZone: string;
  days: { open: boolean; start: string; end: string }[];
  holidays: string;
  firstResponse: string | number;
  nextResponse: string | number;
  resolution: string | number;
}

/** What the backend stores for a policy's hours and targets (threads/sla save / saveTeam). */
export interface SlaTargetsInput {
  businessHours?: {
    timeZone: string;
    weekly: { day: number; startMinute: number; endMinute: number }[];
    holidays: string[];
  };
  firstResponseMinutes?: number;
  nextResponseMinutes?: number;
  resolutionMinutes?: number;
}

/** A form filled from a stored policy, or the defaults (weekdays 09-17 in the browser's zone) when there is none. */
export function slaFormOf(p: SlaTargetsInput | null | undefined, defaultTimeZone = "UTC"): SlaForm {
  const hours = p?.businessHours;
  return {
    useHours: p ? !!hours : true,
    timeZone: hours?.timeZone ?? defaultTimeZone,
    days: WEEKDAYS.map((_, day) => {
      if (!hours) return { open: day >= 1 && day <= 5, start: "09:00", end: "17:00" };
      const i = hours.weekly.find((w) => w.day === day);
      return i
        ? { open: true, start: minutesToTime(i.startMinute), end: minutesToTime(i.endMinute) }
        : { open: false, start: "09:00", end: "17:00" };
    }),
    holidays: hours?.holidays.join("\n") ?? "",
    firstResponse: p?.firstResponseMinutes ?? "",
    nextResponse: p?.nextResponseMinutes ?? "",
    resolution: p?.resolutionMinutes ?? "",
  };
}

const minutesOf = (x: string | number) => (x === "" ? undefined : Number(x));

/** The form's values for the backend, or the first thing wrong with it (the backend checks again). */
export function slaTargetsOfForm(form: SlaForm): { ok: true; value: SlaTargetsInput } | { ok: false; error: string } {
  const weekly = [];
  for (const [day, d] of form.days.entries()) {
    if (!d.open) continue;
    const startMinute = timeToMinutes(d.start);
    const endMinute = timeToMinutes(d.end);
    if (startMinute === null || endMinute === null || startMinute >= endMinute)
      return { ok: false, error: `${WEEKDAYS[day]}: opening must be before closing (HH:MM)` };
    weekly.push({ day, startMinute, endMinute });
  }
  if (form.useHours && weekly.length === 0) return { ok: false, error: "Business hours: open at least one day" };
  const holidays = form.holidays
    .split(/[\s,]+/)
    .map((h) => h.trim())
    .filter(Boolean);
  return {
    ok: true,
    value: {
      businessHours: form.useHours ? { timeZone: form.timeZone.trim(), weekly, holidays } : undefined,
      firstResponseMinutes: minutesOf(form.firstResponse),
      nextResponseMinutes: minutesOf(form.nextResponse),
      resolutionMinutes: minutesOf(form.resolution),
    },
  };
}
