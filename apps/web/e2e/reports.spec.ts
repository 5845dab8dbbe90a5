import type { Page } from "@playwright/test";
import { expect, test } from "./console";
import { shot, signUpWithOrg, simAccounts, simInbound, stack } from "./helpers";

// Reports and event webhooks (issue 12.5/12.6): an SMS lands in the reports page's charts and
// totals live; an admin subscribes a webhook endpoint and sees its secret once. (Refused URLs are
// covered by apps/api/test/webhooks.test.ts: provoking one here would log the action's error.)
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const owner = { name: "Rita Reports", email: `rita-${run}@initech.test`, org: `Initech ${run}` };
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await shot(page, info, "failure");
});
test.afterAll(async () => {
  await page.context().close();
});

test("a new SMS shows up in the reports page's totals and charts", async ({}, info) => {
  await signUpWithOrg(page, owner);
  const accounts = await simAccounts();
  const vonage = Array.isArray(accounts.vonage) ? accounts.vonage[0] : accounts.vonage;
  const number = `+${vonage.numbers[0]}`;
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.waitForURL(/\/settings\/channels/);
  await page.getByRole("button", { name: "Add channel" }).click();
  const form = page.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Provider").selectOption("vonage");
  await form.getByLabel("Name", { exact: false }).first().fill("Vonage SMS");
  await form.getByLabel("Phone numbers", { exact: false }).fill(number);
  await form.getByLabel("API key", { exact: false }).first().fill(vonage.apiKey);
  await form.getByLabel("API secret", { exact: false }).fill(vonage.apiSecret);
  await form.getByLabel("Signature secret", { exact: false }).fill(vonage.signatureSecret);
  await form.getByText("Advanced settings").click();
  await form.getByLabel("API base URL", { exact: false }).fill(stack().simUrl);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form).toBeHidden();

  await page.getByRole("link", { name: "Reports" }).click();
  await page.waitForURL(/\/reports/);
  await expect(page.getByTestId("total-inbound")).toHaveText("0");
  await simInbound({
    provider: "vonage",
    from: "+14155550199",
    to: vonage.numbers[0],
    text: "Is my refund on its way?",
  });
  // Live: the subscription updates without a reload.
  await expect(page.getByTestId("total-inbound")).toHaveText("1");
  await expect(page.getByTestId("report-channels")).toContainText("SMS");
  await expect(page.getByTestId("volume-chart").getByRole("img")).toHaveAttribute("aria-label", /1 in total/);
  await expect(page.getByTestId("hours-chart").getByRole("img")).toHaveAttribute("aria-label", /busiest \d\d:00 \(1\)/);
  await expect(page.getByTestId("report-agents")).toContainText("Unassigned");
  await shot(page, info, "reports");
});

test("an admin adds a webhook endpoint and sees its signing secret once", async ({}, info) => {
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("link", { name: "Webhooks" }).click();
  await page.waitForURL(/\/settings\/webhooks/);
  await expect(page.getByText("No webhook endpoints yet.")).toBeVisible();

  await page.getByLabel("Endpoint URL").fill("https://hooks.partner.example.com/events");
  // Subscribed to an event this test never causes, so nothing is sent anywhere.
  await page.getByLabel("message.received").uncheck();
  await page.getByLabel("contact.merged").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = page.getByTestId("webhook-secret");
  await expect(secret).toContainText("whsec_");
  const value = (await secret.locator("code").textContent())!.trim();
  await expect(page.getByTestId("webhook-endpoints")).toContainText("https://hooks.partner.example.com/events");
  await expect(page.getByTestId("webhook-endpoints")).toContainText("contact.merged");
  await shot(page, info, "webhooks");
  await secret.getByRole("button", { name: "Done" }).click();
  await expect(secret).toBeHidden();
  // Shown once: after a reload, the secret is nowhere on the page.
  await page.reload();
  await expect(page.getByTestId("webhook-endpoints")).toBeVisible();
  expect(await page.content()).not.toContain(value);

  await page.getByRole("button", { name: "Delivery log" }).click();
  await expect(page.getByText("No deliveries yet.")).toBeVisible();
});
