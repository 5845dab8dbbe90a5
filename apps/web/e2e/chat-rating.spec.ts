/**
 * Issue 12, team service levels and the chat widget's rating prompt in the browser: an admin
 * gives the chat team its own SLA policy (15 minutes, around the clock) over the organization's
 * (90 minutes); a visitor's conversation is routed to the team and counts down from 15 minutes;
 * the agent resolves it, the widget shows a 1-5 prompt, the visitor's score shows in the reports.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./console";
import { shot, signUpWithOrg } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = `${Date.now().toString(36)}c`;
const owner = { name: "Cora Csat", email: `cora-${run}@hooli.test`, org: `Hooli ${run}` };
const WIDGET = `rating-site-${run}`;

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await shot(page, info, "chat-rating-failure");
});
test.afterAll(async () => {
  await page.context().close();
});

test("an admin adds a chat widget, ratings, and a Chat team with its own SLA policy", async ({}, info) => {
  await signUpWithOrg(page, owner);
  await page.goto("/settings/channels");
  await page.getByRole("button", { name: "Add channel" }).click();
  const form = page.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Provider").selectOption("native");
  await form.getByLabel("Name").fill("Website chat");
  await form.getByLabel("Widget keys", { exact: false }).fill(WIDGET);
  await form.getByLabel("Session secret", { exact: false }).fill(`s3cret-${run}-0123456789abcdefghijklmnop`);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form).toBeHidden();

  await page.goto("/settings/teams");
  const create = page.getByTestId("team-create");
  await create.getByRole("textbox").first().fill("Chat");
  await create.getByLabel("Web chat").check();
  await create.getByRole("button", { name: "Create team" }).click();
  const card = page.locator('[data-team="Chat"]');
  await expect(card).toBeVisible();
  await card.getByRole("combobox").last().click();
  await page.getByRole("option", { name: owner.name }).click();
  await expect(card.locator(`[data-member="${owner.name}"]`)).toBeVisible();

  await page.goto("/settings/service-levels");
  const sla = page.getByTestId("sla-settings");
  await sla.getByLabel("Count only business hours").uncheck();
  await sla.getByLabel("First response").fill("90");
  await sla.getByLabel("Ask the customer for a rating").check();
  await sla.getByRole("button", { name: "Save" }).click();
  await expect(sla.getByRole("status")).toHaveText("Saved");

  const teams = page.getByTestId("team-sla");
  const chat = teams.locator('[data-team="Chat"]');
  await expect(chat.getByTestId("team-sla-summary")).toHaveText("Follows the organization's policy");
  await chat.getByRole("button", { name: "Override Chat's policy" }).click();
  const teamForm = chat.getByRole("form", { name: "Chat service levels" });
  await teamForm.getByLabel("Count only business hours").uncheck();
  await teamForm.getByLabel("First response").fill("15");
  await teamForm.getByRole("button", { name: "Save team policy" }).click();
  await expect(teamForm.getByRole("status")).toHaveText("Saved");
  await expect(chat.getByTestId("team-sla-summary")).toHaveText("Own policy: first response 15 min · around the clock");
  await shot(page, info, "chat-rating-01-team-policy");
});

test("the team's conversation follows its policy; once resolved the visitor rates it in the widget", async ({
  browser,
}, info) => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/chat/${WIDGET}`);
  await expect(visitor.getByText("Ask us anything")).toBeVisible();
  await visitor.getByLabel("Your name (optional)").fill("Rae Rater");
  await visitor.getByLabel("Message", { exact: true }).fill("Can I change my delivery address?");
  await visitor.getByRole("button", { name: "Send" }).click();

  await page.goto("/inbox");
  const row = page.getByRole("option").filter({ hasText: "change my delivery address" });
  await expect(row).toBeVisible();
  await row.click();
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(conversation.getByTestId("thread-team").locator("option:checked")).toHaveText("Team: Chat");
  // The team's 15 minutes, not the organization's 90.
  const badge = page.getByTestId("sla-status").locator("li").first();
  await expect(badge).toContainText("First response due in");
  expect(await badge.getByRole("timer").textContent()).toMatch(/^1[45]m( \d\ds)?$/);
  await shot(page, info, "chat-rating-02-team-sla");

  await conversation.getByLabel("Message").fill("Yes, done: it ships to the new address.");
  await conversation.getByRole("button", { name: "Send", exact: true }).click();
  await expect(visitor.locator('[data-direction="outbound"]').filter({ hasText: "new address" })).toBeVisible();
  await conversation.getByRole("button", { name: "Close", exact: true }).click();

  // The widget shows the built-in prompt live; the visitor rates 5.
  const prompt = visitor.getByTestId("rating-prompt");
  await expect(prompt).toContainText("How did we do?");
  await shot(visitor, info, "chat-rating-03-prompt");
  await prompt.getByRole("button", { name: "5 out of 5: Great" }).click();
  await expect(visitor.getByTestId("rating-thanks")).toHaveText("Thank you! You rated this conversation 5 out of 5.");
  await shot(visitor, info, "chat-rating-04-thanks");
  await visitorContext.close();

  await page.getByRole("link", { name: "Reports" }).click();
  await page.waitForURL(/\/reports/);
  await expect(page.getByTestId("report-totals")).toContainText("5.00 / 5 (1)");
  await shot(page, info, "chat-rating-05-reports");
});
