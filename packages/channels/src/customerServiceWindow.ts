/**
 * WhatsApp's customer-service window. Its own module, free of adapters and schemas, so the
 * dashboard can import it (`@switchboard/channels/customerServiceWindow`) without bundling them.
 */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a free-form (non-template) message may be sent: WhatsApp allows it for 24 hours after
 * the contact's last inbound message.
 */
export function isCustomerServiceWindowOpen(
  lastInboundAt: number | null | undefined,
  now: number = Date.now(),
): boolean {
  if (lastInboundAt == null || !Number.isFinite(lastInboundAt)) return false;
  return now - lastInboundAt < CUSTOMER_SERVICE_WINDOW_MS;
}
