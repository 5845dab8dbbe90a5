import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, type TestInfo } from "@playwright/test";

export interface Stack {
  webUrl: string;
  apiUrl: string;
  siteUrl: string;
  simUrl: string;
  adminKey: string;
}
export function stack(): Stack {
  return JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), ".stack.json"), "utf8"));
}

/** Asks the provider simulator to deliver a signed inbound webhook to the backend. */
export async function simInbound(body: Record<string, unknown>) {
  const res = await fetch(`${stack().simUrl}/_sim/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text);
}

export interface SimTwilioAccount {
  accountSid: string;
  authToken: string;
  numbers: string[];
}

/**
 * Gives the simulator a Twilio account of this spec's own. It does not become the default account,
 * which other specs' inbound messages without a `to` go through.
 */
export async function addSimTwilioAccount(account: SimTwilioAccount) {
  const res = await fetch(`${stack().simUrl}/_sim/configure`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "twilio", account, default: false }),
  });
  expect(res.status).toBe(200);
}

/** Adds an SMS channel (Twilio, pointed at the simulator) in Settings → Channels, as an admin would. */
export async function addTwilioChannel(page: Page, account: SimTwilioAccount, number = account.numbers[0]!) {
  await page.goto("/settings/channels");
  await page.getByRole("button", { name: "Add channel" }).click();
  const form = page.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Provider").selectOption("twilio");
  for (const [label, value] of Object.entries({
    Name: "SMS",
    "Phone numbers": number,
    "Account SID": account.accountSid,
    "Auth token": account.authToken,
  }))
    await form.getByLabel(label, { exact: false }).first().fill(value);
  await form.getByText("Advanced settings").click();
  await form.getByLabel("API base URL", { exact: false }).fill(stack().simUrl);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form).toBeHidden();
}

export async function simAccounts() {
  return (await fetch(`${stack().simUrl}/_sim/accounts`)).json();
}

export async function shot(page: Page, info: TestInfo, name: string) {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await info.attach(name, { path, contentType: "image/png" });
}

export async function signUpWithOrg(page: Page, who: { name: string; email: string; org: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Work email").fill(who.email);
  await page.getByLabel("Password").fill("correct horse battery staple 42");
  await page.getByRole("button", { name: /sign up|create account/i }).click();
  await page.waitForURL(/\/onboarding/);
  await page.getByLabel("Organization name").fill(who.org);
  await page.getByRole("button", { name: /create/i }).click();
  await page.waitForURL(/\/inbox/);
}
