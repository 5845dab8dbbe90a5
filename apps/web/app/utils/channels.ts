// Type-only: pages that show channels do not bundle the adapters.
import type { ChannelId } from "@switchboard/channels/ids";

export type { ChannelId };

/**
 * How the dashboard shows each channel, in display order. Keyed by the ChannelId union of
 * packages/channels, so a channel added there fails the typecheck here until it has a label.
 */
const CHANNEL_META = {
  sms: { label: "SMS", icon: "lucide:message-square" },
  whatsapp: { label: "WhatsApp", icon: "lucide:message-circle" },
  email: { label: "Email", icon: "lucide:mail" },
  chat: { label: "Web chat", icon: "lucide:messages-square" },
  webhook: { label: "Webhook", icon: "lucide:webhook" },
} satisfies Record<ChannelId, { label: string; icon: string }>;

export const CHANNELS = Object.keys(CHANNEL_META) as ChannelId[];

export function channelLabel(channel: string): string {
  return CHANNEL_META[channel as ChannelId]?.label ?? channel;
}
export function channelIcon(channel: string): string {
  return CHANNEL_META[channel as ChannelId]?.icon ?? "lucide:circle";
}
