import type { AdapterContext } from "@switchboard/channels";
import type { Doc } from "../_generated/dataModel";
import { decryptCredentials } from "../inbound/webhooks";

/** Adapter context for a config: decrypted credentials live only inside the running action. */
export async function adapterContext(config: Doc<"channelConfigs">): Promise<AdapterContext> {
  return {
    credentials: await decryptCredentials(config.organizationId, config.credentials),
    settings: config.settings,
    // Wrapped: some runtimes reject fetch called as a method of another object.
    fetch: (input, init) => fetch(input, init),
  };
}

/** Where providers should post status callbacks for messages we send. */
export function statusCallbackUrl(provider: Doc<"channelConfigs">["provider"]): string | undefined {
  const base = process.env.PUBLIC_WEBHOOK_BASE_URL ?? process.env.CONVEX_SITE_URL;
  if (!base) return undefined;
  const root = base.replace(/\/$/, "");
  if (provider === "twilio") return `${root}/webhooks/sms/twilio/status`;
  if (provider === "vonage") return `${root}/webhooks/sms/vonage/status`;
  return undefined;
}

/**
 * Removes every credential value from a provider's error text before it is stored or shown:
 * error bodies sometimes echo a token back, and secrets never leave the server.
 */
export function redactSecrets(text: string, credentials: Record<string, string | undefined>): string {
  let out = text;
  for (const value of Object.values(credentials)) {
    if (value && value.length >= 4) out = out.split(value).join("[redacted]");
  }
  return out;
}
