import { CUSTOMER_SERVICE_WINDOW_MS, isCustomerServiceWindowOpen } from "@switchboard/channels/customerServiceWindow";

export type { TemplateValues, WhatsAppTemplate } from "@switchboard/channels/whatsappTemplates";
export {
  renderTemplate,
  templateComponents,
  templateValueErrors,
} from "@switchboard/channels/whatsappTemplates";

/** The customer-service window, as the backend enforces it (packages/channels). */
export const WHATSAPP_WINDOW_MS = CUSTOMER_SERVICE_WINDOW_MS;

/** Whether the WhatsApp customer-service window is open given the contact's last inbound WhatsApp message. */
export const whatsappWindowOpen = isCustomerServiceWindowOpen;

export interface WindowState {
  open: boolean;
  /** When it closes (open) or closed (closed); null when the contact never wrote on WhatsApp. */
  closesAt: number | null;
  /** ms until it closes (0 when closed). */
  remainingMs: number;
}

/** The window at `now`, from the thread's last inbound WhatsApp time. */
export function whatsappWindowState(lastInboundAt: number | null | undefined, now: number): WindowState {
  if (typeof lastInboundAt !== "number" || !Number.isFinite(lastInboundAt)) {
    return { open: false, closesAt: null, remainingMs: 0 };
  }
  const closesAt = lastInboundAt + WHATSAPP_WINDOW_MS;
  const open = isCustomerServiceWindowOpen(lastInboundAt, now);
  return { open, closesAt, remainingMs: open ? Math.max(0, closesAt - now) : 0 };
}

/** "23h 59m", "12m 05s", "40s": the countdown shown while the window is open. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, "0")}s`;
  return `${sec}s`;
}

/** A stable key for a template (names repeat across languages). */
export function templateKey(t: { name: string; language: string }): string {
  return `${t.name}|${t.language}`;
}
