import type { ChannelId } from "./channels";

export type ThreadStatus = "open" | "pending" | "snoozed" | "closed";
export const THREAD_STATUSES: ThreadStatus[] = ["open", "pending", "snoozed", "closed"];

export interface InboxFilters {
  status: ThreadStatus | "";
  channel: ChannelId | "";
  /** "" = anyone, "me", "unassigned" or a member id. */
  assignee: string;
  search: string;
  /** A label id, or "" for any. */
  label: string;
  /** A team id ("my team" views), or "" for any. */
  team: string;
}

export function emptyFilters(): InboxFilters {
  return { status: "open", channel: "", assignee: "", search: "", label: "", team: "" };
}

/** Filters -> the arguments of inbox/actions:list (empty values left out). */
export function filterArgs(f: InboxFilters) {
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.assignee ? { assignee: f.assignee } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.label ? { label: f.label } : {}),
    ...(f.team ? { team: f.team } : {}),
  };
}

export type InboxView = "all" | "mine" | "unassigned" | `team:${string}`;

/** The view a set of filters shows (the tab highlighted above the list). */
export function viewOf(f: InboxFilters): InboxView {
  if (f.team && !f.assignee) return `team:${f.team}`;
  if (f.team) return "all";
  if (f.assignee === "me") return "mine";
  if (f.assignee === "unassigned") return "unassigned";
  return "all";
}

/** Filters for a view: it sets assignee and team, keeps the rest; views list work that is not closed. */
export function withView(f: InboxFilters, view: InboxView): InboxFilters {
  const base = { ...f, assignee: "", team: "" };
  if (view === "mine") return { ...base, assignee: "me" };
  if (view === "unassigned") return { ...base, assignee: "unassigned" };
  if (view.startsWith("team:")) return { ...base, team: view.slice(5) };
  return base;
}

/** A live view count as shown on its tab: 99+ past the cap. */
export function countLabel(c: { count: number; capped: boolean } | undefined) {
  return c ? `${c.count}${c.capped ? "+" : ""}` : "";
}
