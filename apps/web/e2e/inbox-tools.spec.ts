/**
 * Issue 11, items 1-3 "Must show": two agents in two browser contexts. The owner mentions a
 * teammate in a private note and the teammate sees the notification live (and, with the tab in
 * the background, as a browser notification); a saved reply with variables is inserted with `/`
 * and sent; a label on a thread narrows the inbox and shows on the contact.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./console";
import { addSimTwilioAccount, addTwilioChannel, shot, signUpWithOrg, simInbound } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = `${Date.now().toString(36)}i`;
const owner = { name: "Olive Owner", email: `olive-${run}@acme.test`, org: `Acme Tools ${run}` };
const agent = { name: "Sam Rivera", email: `sam-${run}@acme.test` };
const handle = `sam-${run}`;
// A Twilio account of this spec's own, so its number is not another spec's organization's.
const twilio = {
  accountSid: `AC${"0".repeat(24)}${Date.now().toString(16).slice(-8)}`,
  authToken: `tools-${run}-auth-token-0123456789`,
  numbers: ["+15005550177"],
};
const MAYA = "+14155550191";
const LUIS = "+14155550192";

let ownerCtx: BrowserContext;
let agentCtx: BrowserContext;
let ownerPage: Page;
let agentPage: Page;
let threadPath = "";

test.beforeAll(async ({ browser }) => {
  ownerCtx = await browser.newContext();
  ownerPage = await ownerCtx.newPage();
  agentCtx = await browser.newContext();
  // The teammate's browser: desktop notifications allowed, recorded instead of shown by the OS.
  await agentCtx.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordingNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
  });
  agentPage = await agentCtx.newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) {
    await shot(ownerPage, info, "tools-failure-owner");
    await shot(agentPage, info, "tools-failure-agent");
  }
});
test.afterAll(async () => {
  await ownerCtx.close();
  await agentCtx.close();
});

test("the owner sets up SMS and invites a teammate, who joins from the link", async ({}, info) => {
  await addSimTwilioAccount(twilio);

  await signUpWithOrg(ownerPage, owner);
  await addTwilioChannel(ownerPage, twilio);

  await ownerPage.goto("/settings/members");
  await ownerPage.getByLabel("Email").fill(agent.email);
  await ownerPage.getByRole("button", { name: "Invite" }).click();
  const link = (await ownerPage.getByRole("status").locator("code").textContent())!.trim();
  expect(link).toContain("/invite/");

  await agentPage.goto(new URL(link).pathname);
  await agentPage.waitForURL(/\/sign-up/);
  await agentPage.getByLabel("Your name").fill(agent.name);
  await agentPage.getByLabel("Work email").fill(agent.email);
  await agentPage.getByLabel("Password").fill("correct horse battery staple 42");
  await agentPage.getByRole("button", { name: /sign up|create account/i }).click();
  await agentPage.getByRole("button", { name: `Join ${owner.org}` }).click();
  await agentPage.waitForURL((url) => !url.pathname.startsWith("/invite"));
  await agentPage.goto("/inbox");
  await expect(agentPage.getByRole("navigation", { name: "Main" })).toContainText(owner.org);

  await simInbound({ provider: "twilio", from: MAYA, to: twilio.numbers[0], text: "Hi, is my refund on its way?" });
  await simInbound({ provider: "twilio", from: LUIS, to: twilio.numbers[0], text: "Do you ship to Canada?" });
  await ownerPage.getByRole("link", { name: "Inbox" }).click();
  await ownerPage.getByRole("option").filter({ hasText: "refund on its way" }).click();
  await ownerPage.waitForURL(/\/inbox\/.+/);
  threadPath = new URL(ownerPage.url()).pathname;
  await expect(agentPage.getByRole("option").filter({ hasText: "refund on its way" })).toBeVisible();
  await shot(agentPage, info, "tools-01-agent-joined");
});

test("a private note mentions the teammate, who is notified live", async ({}, info) => {
  const conversation = ownerPage.getByRole("region", { name: "Conversation" });
  await conversation.getByTestId("note-mode").click();
  const note = conversation.getByTestId("note-input");
  await note.click();
  await note.pressSequentially("Can you check the refund, @sam-");
  const suggestion = conversation
    .getByRole("listbox", { name: "Mention a teammate" })
    .getByRole("option")
    .filter({ hasText: agent.name });
  await expect(suggestion).toBeVisible();
  await note.press("Enter"); // picks the suggestion
  await expect(note).toHaveValue(`Can you check the refund, @${handle} `);
  await note.pressSequentially("please?");

  // The teammate's tab is in the background when the mention lands.
  await agentPage.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
  });
  await conversation.getByRole("button", { name: "Add note" }).click();

  const shown = conversation.getByTestId("note").filter({ hasText: "check the refund" });
  await expect(shown).toBeVisible();
  await expect(shown).toContainText("Private note");
  // A note is not a message: no outbound bubble was created for it.
  await expect(conversation.locator('article[data-direction="outbound"]')).toHaveCount(0);
  await shot(ownerPage, info, "tools-02-note-written");

  const count = agentPage.getByTestId("notification-count");
  await expect(count).toHaveText("1");
  await expect
    .poll(() =>
      agentPage.evaluate(() => (window as unknown as { __notifications: { title: string }[] }).__notifications),
    )
    .toEqual([expect.objectContaining({ title: `${owner.name} mentioned you` })]);

  await agentPage.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
  });
  await agentPage.getByTestId("notification-bell").click();
  const item = agentPage.getByTestId("notification").filter({ hasText: "check the refund" });
  await expect(item).toBeVisible();
  await shot(agentPage, info, "tools-03-notification");
  await item.click();
  await agentPage.waitForURL((url) => url.pathname === threadPath);
  await expect(agentPage.getByTestId("note").filter({ hasText: "check the refund" })).toBeVisible();
  await expect(count).toHaveCount(0); // read
});

test("a saved reply with variables is inserted with / and sent", async ({}, info) => {
  const conversation = ownerPage.getByRole("region", { name: "Conversation" });
  await conversation.getByRole("button", { name: "Reply", exact: true }).click();
  await conversation.getByRole("button", { name: "Manage saved replies" }).click();
  const manager = ownerPage.getByRole("dialog", { name: "Saved replies" });
  await manager.getByLabel("Title").fill("Refund status");
  await manager.getByLabel("Shortcut").fill("refund");
  await manager
    .getByLabel("Text")
    .fill("Hi {{contact.firstName|there}}, {{agent.firstName}} from {{organization.name}}: your refund is on its way.");
  await manager.getByRole("button", { name: "Create reply" }).click();
  await expect(manager.getByText("/refund")).toBeVisible();
  await ownerPage.keyboard.press("Escape");
  await expect(manager).toBeHidden();

  const message = conversation.getByLabel("Message");
  await message.click();
  await message.press("/");
  const picker = ownerPage.getByTestId("saved-reply-picker");
  await expect(picker).toBeVisible();
  await ownerPage.keyboard.type("refund");
  await shot(ownerPage, info, "tools-04-saved-reply-picker");
  await ownerPage.keyboard.press("Enter");
  const expected = `Hi there, Olive from ${owner.org}: your refund is on its way.`;
  await expect(message).toHaveValue(expected);
  await expect(conversation.getByTestId("length-hint")).toContainText("1 SMS · GSM-7");
  await conversation.getByRole("button", { name: "Send", exact: true }).click();
  const sent = conversation.locator('article[data-direction="outbound"]').filter({ hasText: expected });
  await expect(sent).toBeVisible();
  await expect(sent.locator("[data-status]")).toHaveAttribute("data-status", "delivered");
  await shot(ownerPage, info, "tools-05-saved-reply-sent");
});

test("a label narrows the inbox and shows on the contact", async ({}, info) => {
  const conversation = ownerPage.getByRole("region", { name: "Conversation" });
  await conversation.getByRole("button", { name: "Edit labels" }).click();
  const picker = ownerPage.getByTestId("label-picker");
  await picker.getByLabel("New label name").fill("Refunds");
  await picker.getByRole("button", { name: "Create label" }).click();
  await expect(picker.getByRole("checkbox", { name: "Refunds" })).toBeChecked();
  await ownerPage.keyboard.press("Escape");
  await expect(conversation.getByTestId("thread-labels").getByTestId("label-badge")).toHaveText("Refunds");
  await expect(ownerPage.getByTestId("contact-labels")).toContainText("Refunds");

  // Both conversations are listed until the label filter narrows the list to the labelled one.
  const list = ownerPage.getByRole("listbox", { name: "Conversations" });
  await expect(list.getByRole("option")).toHaveCount(2);
  await ownerPage.getByTestId("label-filter").click();
  await ownerPage.getByRole("option", { name: "Refunds" }).click();
  await expect(list.getByRole("option")).toHaveCount(1);
  await expect(list.getByRole("option")).toContainText("refund is on its way");
  await expect(list.getByRole("option").getByTestId("label-badge")).toHaveText("Refunds");
  await shot(ownerPage, info, "tools-06-label-filter");

  // The teammate sees the label live on the thread they have open.
  await expect(agentPage.getByTestId("thread-labels").getByTestId("label-badge")).toHaveText("Refunds");
});
