/** Pre-approved WhatsApp message templates offered when the 24-hour window is closed. */
export interface WhatsAppTemplate {
  name: string;
  language: string;
  label: string;
  preview: string;
}

export const WHATSAPP_TEMPLATES: WhatsAppTemplate[] = [
  { name: "hello_world", language: "en_US", label: "Hello world", preview: "Hello World! Welcome and congratulations!" },
  { name: "follow_up", language: "en", label: "Follow-up", preview: "Hi! We have an update on your request. Reply to this message to continue the conversation." },
  { name: "reopen_conversation", language: "en", label: "Re-open conversation", preview: "Hello, we tried to reach you about your recent message. Reply when it suits you." },
];

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Whether the WhatsApp customer-service window is open given the contact's last inbound WhatsApp message. */
export function whatsappWindowOpen(lastInboundAt: number | null | undefined, now: number = Date.now()): boolean {
  return lastInboundAt !== null && lastInboundAt !== undefined && now - lastInboundAt < WHATSAPP_WINDOW_MS;
}
