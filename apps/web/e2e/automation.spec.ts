/**
 * Issue 12, automation rules end to end: an admin writes in settings the rule "WhatsApp message
 * containing 'refund' -> label billing, assign team Billing, reply with a saved reply"; a
 * WhatsApp message arrives through the provider simulator's Meta endpoint (signed like Meta's
 * webhooks); the open inbox shows the thread with all three effects live, and the reports page
 * counts the message in its charts. Then the admin edits the rule (a bad pattern is refused).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./console";
import { shot, signUpWithOrg, simInbound, stack } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = `${Date.now().toString(36)}r`;
const owner = { name: "Ruth Rules", email: `ruth-${run}@umbrella.test`, org: `Umbrella ${run}` };
// A Meta (WhatsApp) account of this spec's own in the simulator, so its phone number id is not
// another spec's organization's. Not the simulator's default account.
const meta = {
  phoneNumberId: `7${Date.now().toString().slice(-12)}`,
  accessToken: `rules-${run}-access-token`,
  appSecret: `rules-${run}-app-secret-0123456789`,
  verifyToken: `rules-${run}-verify`,
  displayPhoneNumber: "15005550191",
  wabaId: `8${Date.now().toString().slice(-12)}`,
};
const FIRST_CONTACT = "14155550461";
const REFUND_CONTACT = "14155550462";

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await shot(page, info, "automation-failure");
});
test.afterAll(async () => {
  await page.context().close();
});

async function addSimMetaAccount() {
  const res = await fetch(`${stack().simUrl}/_sim/configure`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "meta", account: meta, default: false }),
  });
  expect(res.status).toBe(200);
}

const whatsappInbound = (from: string, profileName: string, text: string) =>
  simInbound({ provider: "meta", account: meta.phoneNumberId, from, profileName, text });

test("an admin sets up WhatsApp, a Billing team, a billing label and an organization-wide saved reply", async ({}, info) => {
  await addSimMetaAccount();
  await signUpWithOrg(page, owner);

  await page.goto("/settings/channels");
  await page.getByRole("button", { name: "Add channel" }).click();
  const form = page.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Provider").selectOption("meta");
  for (const [label, value] of Object.entries({
    Name: "WhatsApp",
    "Phone number ids": meta.phoneNumberId,
    "Access token": meta.accessToken,
    "App secret": meta.appSecret,
    "Verify token": meta.verifyToken,
  }))
    await form.getByLabel(label, { exact: false }).first().fill(value);
  await form.getByText("Advanced settings").click();
  await form.getByLabel("API base URL", { exact: false }).fill(stack().simUrl);
  await form.getByLabel("WhatsApp Business Account id", { exact: false }).fill(meta.wabaId);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("article", { name: "WhatsApp" })).toBeVisible();

  // The Billing team: round robin, the owner in it; it takes SMS only, so no WhatsApp thread is
  // routed there on its own (only the rule puts one in it).
  await page.goto("/settings/teams");
  const create = page.getByTestId("team-create");
  await create.getByRole("textbox").first().fill("Billing");
  await create.getByLabel("SMS").check();
  await create.getByRole("button", { name: "Create team" }).click();
  const card = page.locator('[data-team="Billing"]');
  await expect(card).toBeVisible();
  await card.getByRole("combobox").last().click();
  await page.getByRole("option", { name: owner.name }).click();
  await expect(card.locator(`[data-member="${owner.name}"]`)).toBeVisible();

  // A first WhatsApp conversation, where the admin creates the label and the saved reply.
  await page.goto("/inbox");
  await whatsappInbound(FIRST_CONTACT, "Felix First", "Hello, are you open on Sundays?");
  const first = page.getByRole("option").filter({ hasText: "open on Sundays" });
  await expect(first).toBeVisible();
  await first.click();
  const conversation = page.getByRole("region", { name: "Conversation" });
  await conversation.getByRole("button", { name: "Edit labels" }).click();
  const labels = page.getByTestId("label-picker");
  await labels.getByLabel("New label name").fill("billing");
  await labels.getByRole("button", { name: "Create label" }).click();
  await expect(conversation.getByTestId("thread-labels").getByTestId("label-badge")).toHaveText("billing");
  await page.keyboard.press("Escape");

  await conversation.getByRole("button", { name: "Reply", exact: true }).click();
  await conversation.getByRole("button", { name: "Manage saved replies" }).click();
  const manager = page.getByRole("dialog", { name: "Saved replies" });
  await manager.getByLabel("Title").fill("Refund received");
  await manager.getByLabel("Shortcut").fill("refund");
  await manager.getByLabel("Text").fill("Hi {{contact.firstName|there}}, billing is looking into your refund.");
  await manager.getByLabel("Visible to").click();
  await page.getByRole("option", { name: "Whole organization" }).click();
  await manager.getByRole("button", { name: "Create reply" }).click();
  await expect(manager.getByText("/refund")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(manager).toBeHidden();
  await shot(page, info, "automation-01-setup");
});

test("the admin writes the rule in settings", async ({}, info) => {
  await page.goto("/settings/automation");
  const form = page.getByTestId("rule-form");
  await form.getByLabel("Name").fill("Refunds on WhatsApp to Billing");
  await form.getByLabel("When").selectOption("message.received");
  await form.getByLabel("Channel").selectOption("whatsapp");
  await form.getByLabel("Text contains").fill("refund");
  await form.getByLabel("Add label").selectOption({ label: "billing" });
  await form.getByLabel("Assign to team").selectOption({ label: "Billing" });
  await form.getByLabel("Reply with").selectOption({ label: "/refund Refund received" });
  await form.getByRole("button", { name: "Create rule" }).click();
  const rules = page.getByTestId("rules");
  await expect(rules).toContainText("Refunds on WhatsApp to Billing");
  await expect(rules).toContainText('if channel is whatsapp and text contains "refund"');
  await expect(rules).toContainText("then label billing, assign team Billing, reply /refund");
  await shot(page, info, "automation-02-rule");
});

test("a WhatsApp message about a refund gets the label, the team and the reply live", async ({}, info) => {
  await page.goto("/inbox");
  await expect(page.getByRole("option").filter({ hasText: "open on Sundays" })).toBeVisible();
  await whatsappInbound(REFUND_CONTACT, "Rita Refund", "Hi, I still have not received my refund for order 5521");
  const row = page.getByRole("option").filter({ hasText: "refund for order 5521" });
  await expect(row).toBeVisible();
  await row.click();
  const conversation = page.getByRole("region", { name: "Conversation" });
  // Still untouched: rules run once the burst is coalesced (a 30 s quiet window by default), and
  // then the open thread changes without a reload.
  await expect(conversation.getByTestId("thread-team").locator("option:checked")).toHaveText("No team");
  await expect(conversation.getByTestId("thread-labels").getByTestId("label-badge")).toHaveText("billing", {
    timeout: 75_000,
  });
  await expect(conversation.getByTestId("thread-team").locator("option:checked")).toHaveText("Team: Billing");
  // Billing's round robin gave it to its only member.
  await expect(conversation.getByTestId("assign").locator("option:checked")).toHaveText(`${owner.name} (me)`);
  const reply = conversation
    .locator('article[data-direction="outbound"]')
    .filter({ hasText: "Hi Rita, billing is looking into your refund." });
  await expect(reply).toBeVisible();
  await expect(reply.locator("[data-status]")).toHaveAttribute("data-status", /^(sent|delivered|read)$/);
  await shot(page, info, "automation-03-thread");

  // The run log names the rule and what each action did.
  await page.goto("/settings/automation");
  const runs = page.getByTestId("runs");
  await expect(runs).toContainText("Refunds on WhatsApp to Billing");
  await expect(runs).toContainText("assignTeam: done (Billing");
  await expect(runs).toContainText("reply: done (/refund)");
  await shot(page, info, "automation-04-runs");
});

test("the reports page counts the new message in its charts", async ({}, info) => {
  await page.getByRole("link", { name: "Reports" }).click();
  await page.waitForURL(/\/reports/);
  await expect(page.getByTestId("total-inbound")).toHaveText("2");
  await expect(page.getByTestId("report-channels")).toContainText("WhatsApp");
  // Two customer messages and the rule's reply.
  await expect(page.getByTestId("volume-chart").getByRole("img")).toHaveAttribute("aria-label", /3 in total/);
  await expect(page.getByTestId("hours-chart").getByRole("img")).toHaveAttribute("aria-label", /busiest \d\d:00 \(2\)/);
  await shot(page, info, "automation-05-reports");
});

test("the admin edits the rule: a bad pattern is refused with its reason, a valid edit is saved", async ({}, info) => {
  await page.goto("/settings/automation");
  const rules = page.getByTestId("rules");
  await rules.getByRole("button", { name: "Edit Refunds on WhatsApp to Billing" }).click();
  const form = page.getByTestId("rule-form");
  await expect(form.getByTestId("rule-editing")).toContainText("Refunds on WhatsApp to Billing");
  await expect(form.getByLabel("Name")).toHaveValue("Refunds on WhatsApp to Billing");
  await expect(form.getByLabel("Channel")).toHaveValue("whatsapp");
  await expect(form.getByLabel("Text contains")).toHaveValue("refund");

  await form.getByLabel("Text matches (pattern)").fill("(refund");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(form.getByRole("alert")).toContainText("pattern: unclosed (");
  await expect(rules).not.toContainText("text matches");

  await form.getByLabel("Text matches (pattern)").fill("");
  await form.getByLabel("Name").fill("Refunds on WhatsApp to Billing, urgent");
  await form.getByLabel("Set priority").selectOption("urgent");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(rules).toContainText("Refunds on WhatsApp to Billing, urgent");
  await expect(rules).toContainText("then label billing, assign team Billing, reply /refund, priority urgent");
  // Back to creating; the rule is still one rule, still enabled.
  await expect(form.getByRole("button", { name: "Create rule" })).toBeVisible();
  await expect(rules.getByRole("listitem")).toHaveCount(1);
  await expect(rules.getByRole("checkbox", { name: "Enable Refunds on WhatsApp to Billing, urgent" })).toBeChecked();
  await shot(page, info, "automation-06-edit");
});
