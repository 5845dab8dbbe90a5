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
