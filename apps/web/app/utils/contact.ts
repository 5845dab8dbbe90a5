import type { ChannelId } from "./channels";

/** Channels a contact can be reached on, from their identities (a phone reaches SMS and WhatsApp). */
export function reachableChannels(identities: { channel: string; kind: string }[]): ChannelId[] {
  const out = new Set<ChannelId>();
  for (const i of identities) {
    out.add(i.channel as ChannelId);
    if (i.kind === "phone") {
      out.add("sms");
      out.add("whatsapp");
    }
  }
  const order: ChannelId[] = ["sms", "whatsapp", "email", "chat", "webhook"];
  return order.filter((c) => out.has(c));
}
