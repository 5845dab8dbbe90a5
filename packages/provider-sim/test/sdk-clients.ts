/**
 * How the official SDKs are pointed at the simulator (the same recipe works in a Convex "use node" action).
 *
 * twilio: the SDK has no base-URL option; TWILIO_EDGE/TWILIO_REGION only rewrite the hostname to
 * api.<edge>.<region>.twilio.com. Its `httpClient` option takes any RequestClient, so a subclass
 * rewrites https://<product>.twilio.com to the sim before the request goes out. Paging follows
 * `next_page_uri`, which the SDK turns into https://api.twilio.com/... and this client rewrites too.
 *
 * resend: `new Resend(key, { baseUrl })`, or RESEND_BASE_URL in the environment.
 */
import { Resend } from "resend";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";

class SimTwilioRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.replace(/^https:\/\/[a-z0-9.-]+\.twilio\.com/i, this.baseUrl.replace(/\/+$/, ""));
    return super.request<TData>({ ...opts, uri });
  }
}

export function twilioClient(simUrl: string, accountSid: string, authToken: string) {
  return twilio(accountSid, authToken, { httpClient: new SimTwilioRequestClient(simUrl) });
}

export function resendClient(simUrl: string, apiKey: string) {
  return new Resend(apiKey, { baseUrl: simUrl });
}
