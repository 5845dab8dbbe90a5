/**
 * Issue 11 "Must show": search finds a message by a word from its body and opens it in its
 * thread (highlighted snippet in the results, the message scrolled to and marked in the thread).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./console";
import { shot, signUpWithOrg } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = `${Date.now().toString(36)}s`;
const agent = { name: "Sam Search", email: `sam-${run}@acme.test`, org: `Acme Search ${run}` };
const WIDGET = `search-site-${run}`;

let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await shot(page, info, "search-failure");
});
test.afterAll(async () => {
  await page.context().close();
});

test("search finds a message by a word from its body and opens it in its thread", async ({ browser }, info) => {
  await signUpWithOrg(page, agent);
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.waitForURL(/\/settings\/channels/);
  await page.getByRole("button", { name: "Add channel" }).click();
  const form = page.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Provider").selectOption("native");
  await form.getByLabel("Name", { exact: false }).first().fill("Website chat");
  await form.getByLabel("Widget keys", { exact: false }).fill(WIDGET);
  await form.getByLabel("Session secret", { exact: false }).fill(`s3cret-${run}-0123456789abcdefghijklmnop`);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form).toBeHidden();

  // A visitor writes three messages; the word searched for is only in the middle one's body.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/chat/${WIDGET}`);
  await visitor.getByLabel("Your name (optional)").fill("Wanda Visitor");
  for (const text of [
    "Hello, do you ship to Norway?",
    "Also my zeppelin model arrived with a broken propeller.",
    "Thanks in advance for checking.",
  ]) {
    await visitor.getByLabel("Message", { exact: true }).fill(text);
    await visitor.getByRole("button", { name: "Send" }).click();
    await expect(visitor.locator('[data-direction="inbound"]').filter({ hasText: text })).toBeVisible();
  }
  await visitorContext.close();

  await page.getByRole("link", { name: "Inbox" }).click();
  await page.waitForURL(/\/inbox/);
  await expect(page.getByRole("option").filter({ hasText: "Thanks in advance" })).toBeVisible();

  await page.getByLabel("Search conversations").fill("Zeppelin");
  const results = page.getByTestId("search-results");
  const hit = results.getByRole("button").filter({ hasText: "broken propeller" });
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark")).toHaveText("zeppelin");
  // the other messages of the thread do not match
  await expect(results.getByRole("button")).toHaveCount(1);
  await shot(page, info, "search-results");

  const messageId = await hit.getAttribute("data-search-message");
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/inbox/[^/?]+\\?message=${messageId}`));
  const conversation = page.getByRole("region", { name: "Conversation" });
  const message = conversation.locator(`[data-message-id="${messageId}"]`);
  await expect(message).toContainText("zeppelin model arrived");
  await expect(message).toHaveAttribute("data-focused", "true");
  await expect(message).toBeInViewport();
  await shot(page, info, "search-opened-message");
});
