/**
 * Issue 12 item 1: an admin sets an SLA target in Settings → Service levels; a customer's SMS
 * arrives and the thread shows its first-response target counting down live.
 */
import { expect, test } from "./console";
import { addSimTwilioAccount, addTwilioChannel, shot, signUpWithOrg, simInbound } from "./helpers";

const run = `${Date.now().toString(36)}s`;
const owner = { name: "Sia Owner", email: `sia-${run}@acme.test`, org: `Acme SLA ${run}` };
const twilio = {
  accountSid: `AC${"0".repeat(24)}${(Date.now() + 7).toString(16).slice(-8)}`,
  authToken: `sla-${run}-auth-token-0123456789`,
  numbers: ["+15005550179"],
};

test("an SLA target set in settings counts down on a new thread", async ({ page }, info) => {
  await addSimTwilioAccount(twilio);
  await signUpWithOrg(page, owner);

  await addTwilioChannel(page, twilio);

  await page.getByRole("link", { name: "Service levels" }).click();
  await page.waitForURL(/\/settings\/service-levels/);
  const sla = page.getByTestId("sla-settings");
  await sla.getByLabel("Count only business hours").uncheck();
  await sla.getByLabel("First response").fill("90");
  await sla.getByLabel("Ask the customer for a rating").check();
  await sla.getByRole("button", { name: "Save" }).click();
  await expect(sla.getByRole("status")).toHaveText("Saved");
  await shot(page, info, "sla-01-settings");

  await simInbound({ provider: "twilio", from: "+14155550193", to: twilio.numbers[0], text: "Where is my order?" });
  await page.goto("/inbox");
  await page.getByRole("option").filter({ hasText: "Where is my order?" }).click();
  const badge = page.getByTestId("sla-status").locator("li").first();
  await expect(badge).toHaveAttribute("data-state", "due");
  await expect(badge).toContainText("First response due in");
  const first = await badge.getByRole("timer").textContent();
  expect(first).toMatch(/^1h 2\dm$|^1h 30m$/);
  await shot(page, info, "sla-02-thread");
});
