import { CUSTOMER_SERVICE_WINDOW_MS, isCustomerServiceWindowOpen } from "@switchboard/channels/customerServiceWindow";

/** Pre-approved WhatsApp message templates offered when the 24-hour window is closed. */
export interface WhatsAppTemplate {
  name: string;
  language: string;
  label: string;
  preview: string;
}

export const WHATSAPP_TEMPLATES: WhatsAppTemplate[] = [
  {
    name: "hello_world",
    language: "en_US",
    label: "Hello world",
    preview: "Hello World! Welcome and congratulations!",
  },
  {
    name: "follow_up",
    language: "en",
    label: "Follow-up",
    preview: "Hi! We have an update on your request. Reply to this message to continue the conversation.",
  },
  {
    name: "reopen_conversation",
    language: "en",
    label: "Re-open conversation",
    preview: "Hello, we tried to reach you about your recent message. Reply when it suits you.",
  },
];

/** The customer-service window, as the backend enforces it (packages/channels). */
export const WHATSAPP_WINDOW_MS = CUSTOMER_SERVICE_WINDOW_MS;

/** Whether the WhatsApp customer-service window is open given the contact's last inbound WhatsApp message. */
export const whatsappWindowOpen = isCustomerServiceWindowOpen;
