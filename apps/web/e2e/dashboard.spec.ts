import type { Page } from "@playwright/test";
import { expect, test } from "./console";
import { shot, signUpWithOrg, simAccounts, simInbound, stack } from "./helpers";

// One organization's whole story, in order: each step builds on the previous one.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const owner = { name: "Olivia Owner", email: `olivia-${run}@acme.test`, org: `Acme ${run}` };
const rival = { name: "Rex Rival", email: `rex-${run}@globex.test`, org: `Globex ${run}` };
const MAYA = "+14155550142";
const LUIS = "+14155550177";
const WIDGET = `acme-site-${run}`;
const WA_CONTACT = "14155550188";

let page: Page;
/** Path of the first organization's SMS thread (opened by URL from the other organization). */
let threadPath = "";

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await shot(page, info, "failure");
});
test.afterAll(async () => {
  await page.context().close();
});

async function addChannel(
  p: Page,
  provider: string,
  fields: Record<string, string>,
  advanced: Record<string, string> = {},
) {
  await p.getByRole("button", { name: "Add channel" }).click();
  const form = p.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Provider").selectOption(provider);
  for (const [label, value] of Object.entries(fields))
    await form.getByLabel(label, { exact: false }).first().fill(value);
  if (Object.keys(advanced).length) {
    await form.getByText("Advanced settings").click();
    for (const [label, value] of Object.entries(advanced)) await form.getByLabel(label, { exact: false }).fill(value);
  }
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form).toBeHidden();
}

test("sign up, create an organization and configure SMS + web chat", async ({}, info) => {
  await signUpWithOrg(page, owner);
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(owner.org);
  await shot(page, info, "01-empty-inbox");

  const accounts = await simAccounts();
  const twilio = Array.isArray(accounts.twilio) ? accounts.twilio[0] : accounts.twilio;
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.waitForURL(/\/settings\/channels/);
  await expect(page.getByText("No channels yet")).toBeVisible();
  await addChannel(
    page,
    "twilio",
    {
      Name: "SMS",
      "Phone numbers": twilio.numbers[0],
      "Account SID": twilio.accountSid,
      "Auth token": twilio.authToken,
    },
    { "API base URL": stack().simUrl },
  );
  const sms = page.getByRole("article", { name: "SMS" });
  await expect(sms).toBeVisible();
  await expect(sms.getByText("authToken · stored")).toBeVisible();
  await expect(sms.getByText(`${stack().siteUrl}/webhooks/sms/twilio`, { exact: true })).toBeVisible();
  // Credentials are write-only: the page never contains the secret.
  expect(await page.content()).not.toContain(twilio.authToken);

  await sms.getByRole("button", { name: "Test connection" }).click();
  await expect(sms.getByTestId("test-result")).toContainText("healthy");

  await addChannel(page, "native", {
    Name: "Website chat",
    "Widget keys": WIDGET,
    "Session secret": `s3cret-${run}-0123456789abcdefghijklmnop`,
  });
  await expect(page.getByRole("article", { name: "Website chat" })).toContainText(`/webhooks/chat/${WIDGET}`);
  await shot(page, info, "02-settings-channels");
});

test("a signed webhook appears in the open inbox without reload", async ({}, info) => {
  await page.getByRole("link", { name: "Inbox" }).click();
  await page.waitForURL(/\/inbox/);
  await expect(page.getByTestId("inbox-empty")).toBeVisible();
  await simInbound({
    provider: "twilio",
    from: MAYA,
    text: "Hi, Maya here. Can we talk about the renewal tomorrow? Thanks, great work!",
  });
  const row = page.getByRole("option").filter({ hasText: "Can we talk about the renewal" });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("unread-badge")).toHaveText("1");
  await simInbound({ provider: "twilio", from: LUIS, text: "My order #4812 still has not arrived, this is terrible." });
  await expect(page.getByRole("option").filter({ hasText: "#4812" })).toBeVisible();
  await shot(page, info, "03-inbox-live");

  // Keyboard: j moves to the newest conversation, k to the next, Enter opens it.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inbox\/.+/);
  await expect(page.getByRole("region", { name: "Conversation" })).toContainText("renewal");
});

test("reply and see the status tick reach delivered", async ({}, info) => {
  const conversation = page.getByRole("region", { name: "Conversation" });
  threadPath = new URL(page.url()).pathname;
  await expect(conversation.getByTestId("reply-channel")).toHaveValue("sms");
  await conversation.getByLabel("Message").fill("Happy to! I will call you at 10am.");
  await conversation.getByRole("button", { name: "Send" }).click();
  const sent = conversation.locator('article[data-direction="outbound"]').filter({ hasText: "call you at 10am" });
  await expect(sent).toBeVisible();
  await expect(sent.locator("[data-status]")).toHaveAttribute("data-status", "delivered");
  // The unread badge cleared when the thread was opened.
  await expect(
    page.getByRole("option").filter({ hasText: "call you at 10am" }).getByTestId("unread-badge"),
  ).toHaveCount(0);
  await shot(page, info, "04-thread-delivered");

  // Assign to me and close, then the open filter hides it.
  await conversation.getByTestId("assign").selectOption({ label: `${owner.name} (me)` });
  await conversation.getByRole("button", { name: "Close" }).click();
  await expect(conversation.getByRole("button", { name: "Re-open" })).toBeVisible();
  await expect(page.getByRole("option").filter({ hasText: "call you at 10am" })).toHaveCount(0);
  await page.getByLabel("Status").selectOption("closed");
  await expect(page.getByRole("option").filter({ hasText: "call you at 10am" })).toBeVisible();
  await page.getByLabel("Status").selectOption("open");
});

test("the contact view shows timeline, sentiment chart and relationship graph", async ({}, info) => {
  await page.getByRole("link", { name: "Contacts" }).click();
  await page.waitForURL(/\/contacts$/);
  const mayaLink = page.getByRole("link").filter({ hasText: MAYA });
  await expect(mayaLink).toBeVisible();
  await mayaLink.click();
  await page.waitForURL(/\/contacts\/.+/);
  await expect(page.getByTestId("timeline")).toContainText("Can we talk about the renewal");
  await expect(page.getByTestId("timeline")).toContainText("call you at 10am");
  // Sentiment is extracted after the coalescing window, then pushed live.
  await expect(page.getByTestId("sentiment-chart").locator("canvas")).toBeVisible({ timeout: 60_000 });

  const graphCard = page.getByRole("region", { name: "Relationship map" });
  await expect(graphCard.getByTestId("graph-empty")).toBeVisible();
  await graphCard.getByLabel("Relationship", { exact: true }).fill("colleague");
  await graphCard.getByLabel("Of / with").selectOption({ index: 1 });
  await graphCard.getByRole("button", { name: "Add", exact: true }).click();
  await expect(graphCard.getByTestId("relationship-graph").locator("svg").first()).toBeVisible();
  await expect(graphCard.getByRole("button", { name: /colleague/ })).toBeVisible();
  await shot(page, info, "05-contact-crm");
});

test("accept a merge suggestion and follow its progress", async ({}, info) => {
  const identities = page.getByRole("region", { name: "Identities" });
  await identities.getByLabel("Channel").selectOption("sms");
  await identities.getByLabel("Address").fill(LUIS);
  await identities.getByRole("button", { name: "Add", exact: true }).click();
  await expect(identities.getByRole("status")).toContainText("merge suggestion was created");
  const dupes = page.getByRole("region", { name: "Possible duplicates" });
  await expect(dupes.getByTestId("merge-suggestions")).toContainText("already belongs to");
  await shot(page, info, "06-merge-suggestion");
  await dupes.getByRole("button", { name: /Merge into this contact/ }).click();
  await expect(dupes.locator('[data-merge-status="done"]').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("identities")).toContainText(LUIS);
  await expect(page.getByTestId("timeline")).toContainText("#4812");
  await shot(page, info, "07-merged");
});

test("a failing provider raises the channel-health banner, and it clears when healthy", async ({}, info) => {
  const sim = stack().simUrl;
  const post = (path: string, body: object) =>
    fetch(`${sim}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  const sms = page.getByRole("article", { name: "SMS" });
  await expect(page.getByTestId("health-banner")).toHaveCount(0);
  expect((await post("/_sim/fail", { provider: "twilio", mode: "5xx" })).status).toBe(200);
  await sms.getByRole("button", { name: "Test connection" }).click();
  await expect(sms.getByTestId("test-result")).not.toContainText("healthy");
  const banner = page.getByTestId("health-banner");
  await expect(banner).toContainText("SMS");
  await expect(sms.locator("[data-health]")).not.toHaveAttribute("data-health", "healthy");
  await shot(page, info, "09-health-banner");
  expect((await post("/_sim/heal", { provider: "twilio" })).status).toBe(200);
  await sms.getByRole("button", { name: "Test connection" }).click();
  await expect(sms.getByTestId("test-result")).toContainText("healthy");
  await expect(banner).toHaveCount(0);
});

test("API keys are shown once and can be revoked; members are listed", async ({}, info) => {
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await page.getByLabel("Key name").fill("Billing sync");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-key");
  await expect(shown).toContainText("will not be shown again");
  const key = (await shown.locator("code").textContent())!.trim();
  expect(key.length).toBeGreaterThan(20);
  const row = page.getByRole("row").filter({ hasText: "Billing sync" });
  await expect(row).toContainText(key.slice(0, 10));
  await shot(page, info, "10-api-keys");
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(key)).toHaveCount(0);
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(row).toContainText("Revoked");

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("row").filter({ hasText: owner.email })).toContainText("(you)");
});

test("an agent of another organization sees none of it", async ({ browser }, info) => {
  const context = await browser.newContext();
  const other = await context.newPage();
  await signUpWithOrg(other, rival);
  await expect(other.getByTestId("inbox-empty")).toBeVisible();
  await other.getByLabel("Status").selectOption("");
  await expect(other.getByTestId("inbox-empty")).toBeVisible();
  await expect(other.getByText("renewal")).toHaveCount(0);

  // Opening the first organization's thread or contact by URL is refused by the backend.
  expect(threadPath).toMatch(/^\/inbox\/.+/);
  await other.goto(threadPath);
  await expect(other.getByRole("alert")).toContainText(/not found|not a member/i);
  await page.getByRole("link", { name: "Contacts" }).click();
  const contactHref = await page.getByRole("link").filter({ hasText: MAYA }).getAttribute("href");
  await other.goto(contactHref!);
  await expect(other.getByRole("alert")).toContainText(/not found|not a member/i);
  await other.getByRole("link", { name: "Contacts" }).click();
  await expect(other.getByText("No contacts yet")).toBeVisible();
  await shot(other, info, "11-other-org-isolated");
  await context.close();
});

test("visitor chat round trip", async ({ browser }, info) => {
  // An anonymous visitor: a fresh browser context with no dashboard session.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/chat/${WIDGET}`);
  await expect(visitor.getByText("Ask us anything")).toBeVisible();
  await visitor.getByLabel("Your name (optional)").fill("Vera Visitor");
  await visitor.getByLabel("Message", { exact: true }).fill("Do you offer a nonprofit discount?");
  await visitor.getByRole("button", { name: "Send" }).click();
  await expect(visitor.locator('[data-direction="inbound"]').filter({ hasText: "nonprofit discount" })).toBeVisible();

  await page.getByRole("link", { name: "Inbox" }).click();
  const row = page.getByRole("option").filter({ hasText: "nonprofit discount" });
  await expect(row).toBeVisible();
  await row.click();
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(conversation.getByTestId("reply-channel")).toHaveValue("chat");
  await conversation.getByLabel("Message").fill("Yes: 30% off for registered nonprofits.");
  await conversation.getByRole("button", { name: "Send" }).click();

  await expect(visitor.locator('[data-direction="outbound"]').filter({ hasText: "30% off" })).toBeVisible();
  await shot(visitor, info, "12-visitor-chat");
  await visitorContext.close();
});

test("WhatsApp: a closed 24-hour window switches the composer to the provider's templates, and the template is delivered", async ({}, info) => {
  const accounts = await simAccounts();
  const meta = Array.isArray(accounts.meta) ? accounts.meta[0] : accounts.meta;
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.waitForURL(/\/settings\/channels/);
  await addChannel(
    page,
    "meta",
    {
      Name: "WhatsApp",
      "Phone number ids": meta.phoneNumberId,
      "Access token": meta.accessToken,
      "App secret": meta.appSecret,
      "Verify token": meta.verifyToken,
    },
    { "API base URL": stack().simUrl, "WhatsApp Business Account id": meta.wabaId },
  );
  await expect(page.getByRole("article", { name: "WhatsApp" })).toBeVisible();

  // The contact wrote 25 hours ago (Meta retries for 7 days, so the provider's time is trusted).
  await simInbound({
    provider: "meta",
    from: WA_CONTACT,
    profileName: "Wanda Whats",
    text: "Is the blue model back in stock?",
    timestamp: Date.now() - 25 * 60 * 60 * 1000,
  });
  await page.getByRole("link", { name: "Inbox" }).click();
  const row = page.getByRole("option").filter({ hasText: "blue model back in stock" });
  await expect(row).toBeVisible();
  await row.click();
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(conversation.getByTestId("reply-channel")).toHaveValue("whatsapp");
  await expect(conversation.getByTestId("whatsapp-window")).toHaveAttribute("data-state", "closed");

  // Template mode, fed by the simulator's template list (not a fixed list in the app).
  const picker = conversation.getByTestId("template-picker");
  await expect(picker).toBeVisible();
  await expect(conversation.getByLabel("Message", { exact: true })).toHaveCount(0);
  await expect(picker.locator('input[type="radio"][value="request_update|es"]')).toHaveCount(1);
  await expect(picker.locator('input[type="radio"][value^="winter_sale|"]')).toHaveCount(0);
  await picker.locator('input[type="radio"][value="request_update|en_US"]').check();
  await picker.getByLabel("Body {{1}}").fill("Wanda");
  await picker.getByLabel("Body {{2}}").fill("#2207");
  await picker.getByLabel("Body {{3}}").fill("the blue model is back in stock");
  await expect(picker.getByTestId("template-preview")).toContainText(
    "Hi Wanda, there is an update on your request #2207",
  );
  await shot(page, info, "13-whatsapp-template-picker");
  await conversation.getByRole("button", { name: "Send template" }).click();

  const sent = conversation.locator('article[data-direction="outbound"]').filter({ hasText: "request #2207" });
  await expect(sent).toBeVisible();
  // WhatsApp reports delivered, then read (the simulator's contact reads it at once).
  await expect(sent.locator("[data-status]")).toHaveAttribute("data-status", /^(delivered|read)$/);
  await shot(page, info, "14-whatsapp-template-delivered");

  // The contact answers: the window re-opens live, counting down from 24 hours, and free text is back.
  await simInbound({ provider: "meta", from: WA_CONTACT, text: "Great, I'll take two." });
  await expect(conversation.getByTestId("whatsapp-window")).toHaveAttribute("data-state", "open");
  await expect(conversation.getByRole("timer")).toContainText(/^2[34]h \d\dm left$/);
  await expect(conversation.getByLabel("Message", { exact: true })).toBeVisible();
  await shot(page, info, "15-whatsapp-window-open");
});
