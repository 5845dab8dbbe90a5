/**
 * Issue 11, items 4 and 9: an admin creates a team with round-robin assignment and joins it; new
 * conversations are auto-assigned and counted live in the "Mine" view; two threads are selected
 * (checkbox, shift-click) and closed in one bulk action; `?` lists the keyboard shortcuts.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./console";
import { addSimTwilioAccount, addTwilioChannel, shot, signUpWithOrg, simInbound } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = `${Date.now().toString(36)}t`;
const owner = { name: "Tara Lead", email: `tara-${run}@acme.test`, org: `Teams Co ${run}` };
// A Twilio account of this spec's own, so its number is not another spec's organization's.
const twilio = {
  accountSid: `AC${"0".repeat(24)}${(Date.now() + 7).toString(16).slice(-8)}`,
  authToken: `teams-${run}-auth-token-0123456789`,
  numbers: ["+15005550188"],
};
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await shot(page, info, "teams-failure");
});

test("an admin creates a round-robin team and joins it", async ({}, info) => {
  await addSimTwilioAccount(twilio);
  await signUpWithOrg(page, owner);
  await addTwilioChannel(page, twilio);

  await page.goto("/settings/teams");
  const create = page.getByTestId("team-create");
  await create.getByRole("textbox").first().fill("Support");
  await create.getByRole("button", { name: "Create team" }).click();
  const card = page.locator('[data-team="Support"]');
  await expect(card).toBeVisible();
  await card.getByRole("combobox").last().click();
  await page.getByRole("option", { name: owner.name }).click();
  await expect(card.locator(`[data-member="${owner.name}"]`)).toBeVisible();
  await shot(page, info, "teams-01-team");
});

test("new conversations are auto-assigned and counted live in Mine; bulk close and ? overlay", async ({}, info) => {
  await page.goto("/inbox");
  const views = page.getByTestId("inbox-views");
  for (const [i, from] of ["+14155550301", "+14155550302", "+14155550303"].entries())
    await simInbound({ provider: "twilio", from, to: twilio.numbers[0], text: `Question number ${i + 1}` });
  await expect(views.locator('[data-view="mine"]')).toContainText("3");
  await views.locator('[data-view="mine"]').click();
  const list = page.getByRole("listbox", { name: "Conversations" });
  await expect(list.getByRole("option")).toHaveCount(3);

  const boxes = list.getByTestId("thread-select");
  await boxes.nth(0).click();
  await boxes.nth(1).click({ modifiers: ["Shift"] });
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("2 selected");
  await shot(page, info, "teams-02-selected");
  await bar.getByTestId("bulk-close").click();
  await expect(views.locator('[data-view="mine"]')).toContainText("1");
  await expect(list.getByRole("option")).toHaveCount(1);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByTestId("shortcuts-list")).toContainText("Assign to me");
  await shot(page, info, "teams-03-shortcuts");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
});
