/**
 * Issue 12 item 4: an admin configures the AI endpoint (the provider simulator's deterministic
 * chat completions) in Settings → AI; on a customer's SMS thread, Summarise shows a summary derived
 * from the message and Draft reply fills the composer with an editable draft (nothing is sent).
 */
import { expect, test } from "./console";
import { addSimTwilioAccount, addTwilioChannel, shot, signUpWithOrg, simInbound, stack } from "./helpers";

const run = `${Date.now().toString(36)}a`;
const owner = { name: "Ada Owner", email: `ada-${run}@acme.test`, org: `Acme AI ${run}` };
const twilio = {
  accountSid: `AC${"0".repeat(24)}${(Date.now() + 11).toString(16).slice(-8)}`,
  authToken: `ai-${run}-auth-token-0123456789`,
  numbers: ["+15005550164"],
};
// The simulator's default OpenAI-compatible account (packages/provider-sim defaults).
const SIM_OPENAI_KEY = "sk-sim-0000000000000000000000000000";

test("configure AI, summarise a thread, draft a reply into the composer", async ({ page }, info) => {
  await addSimTwilioAccount(twilio);
  await signUpWithOrg(page, owner);
  await addTwilioChannel(page, twilio);

  await simInbound({
    provider: "twilio",
    from: "+14155550164",
    to: twilio.numbers[0],
    text: "My parcel never arrived. I want a refund please.",
  });

  // Before configuration: the thread offers the empty state, no buttons.
  await page.goto("/inbox");
  await page.getByRole("option").filter({ hasText: "My parcel never arrived" }).click();
  await expect(page.getByTestId("ai-not-configured")).toBeVisible();
  await expect(page.getByTestId("ai-draft")).toHaveCount(0);

  await page.goto("/settings/ai");
  const form = page.getByTestId("ai-settings");
  await form.getByLabel("Base URL").fill(`${stack().simUrl}/v1`);
  await form.getByLabel("Model").fill("sim-gpt-4o-mini");
  await form.getByLabel("API key").fill(SIM_OPENAI_KEY);
  await form.getByLabel("Monthly token cap").fill("100000");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved");

  await page.goto("/inbox");
  await page.getByRole("option").filter({ hasText: "My parcel never arrived" }).click();
  await page.getByTestId("ai-summarize").click();
  await expect(page.getByTestId("ai-summary-text")).toHaveText(
    '1 message. The customer wrote: "My parcel never arrived.". Waiting for a reply.',
  );
  await expect(page.getByTestId("ai-summarize")).toHaveText(/Refresh/);

  await page.getByTestId("ai-draft").click();
  const composer = page.locator('[data-shortcut="reply"] textarea');
  await expect(composer).toHaveValue(/^Hi, thanks for reaching out about "My parcel never arrived\."/);
  // Editable, and not sent: the thread still has one message.
  await composer.fill(`${await composer.inputValue()} — Ada`);
  await expect(composer).toHaveValue(/— Ada$/);
  await expect(page.getByText("No subject · 1 messages")).toBeVisible();
  await shot(page, info, "ai-01-thread");

  // Usage is counted and shown against the cap.
  await page.goto("/settings/ai");
  await expect(page.getByTestId("ai-month")).toContainText(/in 2 calls/);
  await expect(page.getByTestId("ai-month")).toContainText("cap 100,000");
  await shot(page, info, "ai-02-usage");
});
