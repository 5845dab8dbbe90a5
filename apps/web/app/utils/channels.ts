/** Mirrors CHANNEL_IDS in packages/channels/src/ids.ts (the API types check the values). */
export type ChannelId = "email" | "sms" | "whatsapp" | "webhook" | "chat";
export const CHANNELS: ChannelId[] = ["sms", "whatsapp", "email", "chat", "webhook"];

export const CHANNEL_META: Record<ChannelId, { label: string; icon: string }> = {
  sms: { label: "SMS", icon: "lucide:message-square" },
  whatsapp: { label: "WhatsApp", icon: "lucide:message-circle" },
  email: { label: "Email", icon: "lucide:mail" },
  chat: { label: "Web chat", icon: "lucide:messages-square" },
  webhook: { label: "Webhook", icon: "lucide:webhook" },
};

export function channelLabel(channel: string): string {
  return CHANNEL_META[channel as ChannelId]?.label ?? channel;
}
export function channelIcon(channel: string): string {
  return CHANNEL_META[channel as ChannelId]?.icon ?? "lucide:circle";
}

export const PROVIDER_LABEL: Record<string, string> = {
  twilio: "Twilio",
  vonage: "Vonage",
  meta: "Meta WhatsApp Cloud API",
  resend: "Resend",
  generic: "Generic signed webhook",
  native: "Native web chat",
};
