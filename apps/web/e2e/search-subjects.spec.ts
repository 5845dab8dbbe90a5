/**
 * Issue 11 item 5: search covers thread subjects. An inbound email (Resend, through the provider
 * simulator) starts a thread whose subject holds a word that is in no message body; searching for
 * it lists the thread under "Subjects" with the word marked, and a click opens the thread.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./console";
import { shot, signUpWithOrg, simInbound, stack } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = `${Date.now().toString(36)}j`;
const agent = { name: "Sue Subject", email: `sue-${run}@acme.test`, org: `Acme Subjects ${run}` };
// This spec's own Resend account (not the simulator's default), on its own domain.
const account = {
  apiKey: `re_Subj_${run}_abcdefghijklmnop`,
  webhookSecret: `whsec_${Buffer.from(`subject-spec-webhook-secret-${run}`.padEnd(32, "x")).toString("base64")}`,
  domain: `subj-${run}.test`,
};
const inbox = `support@${account.domain}`;

let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await shot(page, info, "search-subjects-failure");
});
test.afterAll(async () => {
  await page.context().close();
});

test("a word from an email's subject finds its thread; a click opens it", async ({}, info) => {
  const res = await fetch(`${stack().simUrl}/_sim/configure`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "resend", account, default: false }),
  });
  expect(res.status).toBe(200);

  await signUpWithOrg(page, agent);
  await page.goto("/settings/channels");
  await page.getByRole("button", { name: "Add channel" }).click();
  const form = page.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Provider").selectOption("resend");
  for (const [label, value] of Object.entries({
    Name: "Email",
    "Inbound addresses": inbox,
    "API key": account.apiKey,
    "Webhook signing secret": account.webhookSecret,
  }))
    await form.getByLabel(label, { exact: false }).first().fill(value);
  await form.getByText("Advanced settings").click();
  await form.getByLabel("API base URL", { exact: false }).fill(stack().simUrl);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form).toBeHidden();

  await simInbound({
    provider: "resend",
    from: "dana@example.org",
    profileName: "Dana Reyes",
    to: inbox,
    subject: "Dirigible warranty claim",
    text: "It stopped working after a week.",
  });

  await page.getByRole("link", { name: "Inbox" }).click();
  await page.waitForURL(/\/inbox/);
  await expect(page.getByRole("option").filter({ hasText: "Dana Reyes" })).toBeVisible();

  await page.getByLabel("Search conversations").fill("dirigible");
  const results = page.getByTestId("search-results");
  const hit = results.locator("[data-search-thread]");
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText("Dana Reyes");
  await expect(hit.locator("mark")).toHaveText("Dirigible");
  // the word is in no message body: no message hit
  await expect(results.locator("[data-search-message]")).toHaveCount(0);
  await shot(page, info, "search-subject-results");

  const threadId = await hit.getAttribute("data-search-thread");
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/inbox/${threadId}$`));
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(conversation).toContainText("Dirigible warranty claim");
  await expect(conversation).toContainText("It stopped working after a week.");
});
