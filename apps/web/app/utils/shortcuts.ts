/**
 * The inbox's keyboard shortcuts: one table (the `?` overlay lists it) and one pure handler that
 * maps a keydown to an action. Hand-written rather than a hotkeys library because the rules are
 * few and specific: single keys only, never while the agent types (inputs, textareas, selects,
 * contenteditable, or inside an open dialog), never with a modifier except Shift for `?`.
 */

export type ShortcutAction =
  | "next"
  | "previous"
  | "open"
  | "close"
  | "assignToMe"
  | "label"
  | "search"
  | "reply"
  | "select"
  | "help";

export const SHORTCUTS: { keys: string[]; action: ShortcutAction; description: string }[] = [
  { keys: ["j", "↓"], action: "next", description: "Next conversation" },
  { keys: ["k", "↑"], action: "previous", description: "Previous conversation" },
  { keys: ["Enter"], action: "open", description: "Open the highlighted conversation" },
  { keys: ["x"], action: "select", description: "Select / unselect the highlighted conversation" },
  { keys: ["e"], action: "close", description: "Close (the selection, else the open conversation)" },
  { keys: ["a"], action: "assignToMe", description: "Assign to me (the selection, else the open conversation)" },
  { keys: ["l"], action: "label", description: "Label (the selection, else the open conversation)" },
  { keys: ["/"], action: "search", description: "Search" },
  { keys: ["r"], action: "reply", description: "Reply" },
  { keys: ["?"], action: "help", description: "Show these shortcuts" },
];

const KEYS: Record<string, ShortcutAction> = {
  j: "next",
  ArrowDown: "next",
  k: "previous",
  ArrowUp: "previous",
  Enter: "open",
  x: "select",
  e: "close",
  a: "assignToMe",
  l: "label",
  "/": "search",
  r: "reply",
  "?": "help",
};

/** True when the event comes from somewhere the agent types (or a dialog that owns the keyboard). */
function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== "string") return false;
  if (el.isContentEditable || ["TEXTAREA", "SELECT"].includes(el.tagName)) return true;
  // A checkbox or button keeps the shortcuts (the inbox's selection checkboxes take focus on click).
  if (el.tagName === "INPUT" && !["checkbox", "radio", "button", "submit"].includes((el as HTMLInputElement).type))
    return true;
  return !!el.closest?.('[contenteditable="true"],[role="dialog"],[role="textbox"],[role="combobox"]');
}

type KeyLike = Pick<KeyboardEvent, "key" | "target" | "metaKey" | "ctrlKey" | "altKey" | "defaultPrevented">;

/** The action a keydown means in the inbox, or null (typing, a modifier, an unknown key). */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return null;
  const action = KEYS[e.key] ?? null;
  // Enter on a link or button is that control's own click.
  if (action === "open" && (e.target as HTMLElement | null)?.closest?.("a,button")) return null;
  return action;
}
