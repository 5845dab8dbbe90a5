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
}

export function emptyFilters(): InboxFilters {
  return { status: "open", channel: "", assignee: "", search: "", label: "" };
}

/** Filters -> the arguments of inbox/actions:list (empty values left out). */
export function filterArgs(f: InboxFilters) {
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.assignee ? { assignee: f.assignee } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.label ? { label: f.label } : {}),
  };
}
