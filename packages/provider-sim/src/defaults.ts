import type { SimAccounts } from "./types";

/**
 * Deterministic development accounts, configured at start for every provider the caller does
 * not pass in `accounts`. Handy for `pnpm dev`; tests should configure their own.
 */
export const DEFAULT_ACCOUNTS: SimAccounts = {
  twilio: {
    accountSid: "AC5a1c0ffee000000000000000000005e1",
    authToken: "5a1a17e5717e0000000000000000cafe",
    // +15005550006 is Twilio's "valid From" magic number.
    numbers: ["+15005550006", "+15555550100"],
  },
  vonage: {
    apiKey: "5a1e5b0b",
    apiSecret: "SimVonageSecret1",
    signatureSecret: "sim-vonage-signature-secret-0123456789abcdef",
    numbers: ["447700900000"],
    applicationId: "5a1e5b0b-0000-4000-8000-000000000001",
  },
  meta: {
    accessToken: "EAASimAccessToken0000000000000000",
    appSecret: "5a1a99e5ec2e70000000000000000000",
    phoneNumberId: "106540352242922",
    verifyToken: "switchboard-sim-verify-token",
    displayPhoneNumber: "15550783881",
    wabaId: "102290129340398",
  },
  resend: {
    apiKey: "re_Sim_123456789abcdefghijklmnop",
    webhookSecret: `whsec_${Buffer.from("provider-sim-resend-webhook-secret-32b").toString("base64")}`,
    domain: "switchboard.test",
  },
  openai: {
    apiKey: "sk-sim-0000000000000000000000000000",
    models: ["sim-gpt-4o-mini", "sim-gpt-4o"],
  },
};
