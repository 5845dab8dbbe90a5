import { createHmac } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./console";
import { shot, signUpWithOrg } from "./helpers";

/**
 * Issue 11 items 7 and 8 in the browser: a site-verified visitor chats; the agent sees them typing
 * and that they are verified; the visitor sees the agent typing and "Read" once the agent opened
 * the conversation. Two browser contexts: the agent's dashboard and the anonymous visitor.
 */
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const agent = { name: "Tara Typist", email: `tara-${run}@acme.test`, org: `Typing ${run}` };
const WIDGET = `typing-site-${run}`;

let page: Page;
let identitySecret = "";

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await shot(page, info, "failure");
});
test.afterAll(async () => {
  await page.context().close();
});

test("an admin adds a chat widget with a generated identity secret", async ({}, info) => {
  await signUpWithOrg(page, agent);
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.waitForURL(/\/settings\/channels/);
  await page.getByRole("button", { name: "Add channel" }).click();
  const form = page.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Provider").selectOption("native");
  await form.getByLabel("Name").fill("Website chat");
  await form.getByLabel("Widget keys", { exact: false }).fill(WIDGET);
  await form.getByLabel("Session secret", { exact: false }).fill(`s3cret-${run}-0123456789abcdefghijklmnop`);
  // Generated in the browser and shown once, with what the site's server does with it.
  await form.getByRole("button", { name: "Generate" }).last().click();
  await expect(form.getByTestId("generated-identitySecret")).toContainText("createHmac");
  identitySecret = await form.getByLabel("Identity secret", { exact: false }).inputValue();
  expect(identitySecret.length).toBeGreaterThanOrEqual(32);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("article", { name: "Website chat" })).toContainText(`/webhooks/chat/${WIDGET}`);
  // Stored encrypted, never shown again.
  expect(await page.content()).not.toContain(identitySecret);
  await shot(page, info, "01-chat-widget-settings");
});

test("typing both ways, 'read' for the visitor, and a verified visitor in the contact panel", async ({
  browser,
}, info) => {
  const userId = `customer-${run}`;
  const userHash = createHmac("sha256", identitySecret).update(userId).digest("hex");
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const fragment = new URLSearchParams({ userId, userHash, email: `ada-${run}@example.com`, name: "Ada Verified" });
  await visitor.goto(`/chat/${WIDGET}#${fragment}`);
  await expect(visitor.getByTestId("verified-visitor")).toBeVisible();
  await visitor.getByLabel("Message", { exact: true }).fill("Is my order on its way?");
  await visitor.getByRole("button", { name: "Send" }).click();
  const sent = visitor.locator('[data-direction="inbound"]').filter({ hasText: "order on its way" });
  await expect(sent).toBeVisible();
  await expect(visitor.getByTestId("read-receipt")).toHaveCount(0);

  // The agent opens the conversation: the visitor's message shows "Read".
  await page.getByRole("link", { name: "Inbox" }).click();
  const row = page.getByRole("option").filter({ hasText: "order on its way" });
  await expect(row.getByTestId("unread-badge")).toHaveText("1");
  await row.click();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);
  await expect(sent.getByTestId("read-receipt")).toHaveText("Read");
  const panel = page.getByRole("complementary", { name: "Contact details" });
  await expect(panel.getByTestId("visitor-verified")).toContainText("verified visitor");

  // The agent types: the visitor sees it.
  const conversation = page.getByRole("region", { name: "Conversation" });
  await conversation.getByLabel("Message").pressSequentially("It shipped yesterday", { delay: 20 });
  await expect(visitor.getByTestId("agent-typing")).toContainText("is typing");
  await shot(visitor, info, "02-visitor-sees-agent-typing-and-read");

  // The visitor types: the agent sees it.
  await visitor.getByLabel("Message", { exact: true }).pressSequentially("Great, thanks", { delay: 20 });
  await expect(conversation.getByTestId("typing-indicator")).toContainText("Ada Verified is typing");
  await shot(page, info, "03-agent-sees-visitor-typing");

  // The reply ends the agent's typing for the visitor.
  await conversation.getByRole("button", { name: "Send" }).click();
  await expect(visitor.locator('[data-direction="outbound"]').filter({ hasText: "shipped yesterday" })).toBeVisible();
  await expect(visitor.getByTestId("agent-typing")).toHaveCount(0);
  await shot(visitor, info, "04-visitor-after-reply");
  await visitorContext.close();
});

test("an unverified visitor claiming the same email stays a separate, unverified contact", async ({
  browser,
}, info) => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  // No userHash: the email is only a claim.
  await visitor.goto(`/chat/${WIDGET}#${new URLSearchParams({ email: `ada-${run}@example.com`, name: "Not Ada" })}`);
  await expect(visitor.getByText("Ask us anything")).toBeVisible();
  await expect(visitor.getByTestId("verified-visitor")).toHaveCount(0);
  await visitor.getByLabel("Message", { exact: true }).fill("Please send me Ada's invoices");
  await visitor.getByRole("button", { name: "Send" }).click();

  const row = page.getByRole("option").filter({ hasText: "Ada's invoices" });
  await row.click();
  const panel = page.getByRole("complementary", { name: "Contact details" });
  await expect(panel.getByTestId("visitor-unverified")).toContainText(`unverified`);
  await expect(panel.getByTestId("visitor-unverified")).toContainText(`claims ada-${run}@example.com`);
  await expect(panel).not.toContainText("Ada Verified");
  await shot(page, info, "05-unverified-visitor-panel");
  await visitorContext.close();
});
