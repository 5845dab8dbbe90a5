/** Channels a message can arrive on. */
export type Channel = "email" | "sms" | "whatsapp" | "webhook" | "chat";
/** inbound = from the contact to us; outbound = from us to the contact. */
export type Direction = "inbound" | "outbound";

/** A single message as seen by the insight extractors. */
export interface MessageInput {
  id: string;
  channel: Channel;
  direction: Direction;
  text: string;
  subject?: string;
  /** Epoch milliseconds. */
  sentAt: number;
  senderName?: string;
  senderIdentifier?: string;
  cc?: string[];
}

/** A reference to a person: by name, email (or both). */
export interface PersonRef {
  name?: string;
  email?: string;
}
