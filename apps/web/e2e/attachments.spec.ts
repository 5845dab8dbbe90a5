/**
 * Issue 11, item 6 "Must show": an attachment is sent and received. The agent attaches an image
 * in the composer (chip with its size), sends it as MMS; the provider (simulator) gets a MediaUrl,
 * fetching that signed URL returns the very bytes, and the thread previews the image inline.
 */
import { expect, test } from "./console";
import { addSimTwilioAccount, addTwilioChannel, shot, signUpWithOrg, simInbound, stack } from "./helpers";

const run = `${Date.now().toString(36)}a`;
const owner = { name: "Ada Attach", email: `ada-${run}@acme.test`, org: `Acme Files ${run}` };
const twilio = {
  accountSid: `AC${"0".repeat(24)}${(Date.now() + 7).toString(16).slice(-8)}`,
  authToken: `files-${run}-auth-token-0123456789`,
  numbers: ["+15005550178"],
};
const CUSTOMER = "+14155550193";
// A real 1x1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

test("an image attached in the composer goes out as MMS media and shows inline", async ({ page }, info) => {
  await addSimTwilioAccount(twilio);

  await signUpWithOrg(page, owner);
  await addTwilioChannel(page, twilio);

  await simInbound({ provider: "twilio", from: CUSTOMER, to: twilio.numbers[0], text: "Can you send the label?" });
  await page.getByRole("link", { name: "Inbox" }).click();
  await page.getByRole("option").filter({ hasText: "send the label" }).click();
  await page.waitForURL(/\/inbox\/.+/);

  const conversation = page.getByRole("region", { name: "Conversation" });
  await conversation
    .getByTestId("attach-input")
    .setInputFiles({ name: "label.png", mimeType: "image/png", buffer: PNG });
  const chip = conversation.locator('[data-attachment-chip="label.png"]');
  await expect(chip).toContainText(`${PNG.byteLength} B`);
  await conversation.getByPlaceholder(/reply/i).fill("Here is your return label");
  await shot(page, info, "attach-01-chip");
  await conversation.getByRole("button", { name: "Send", exact: true }).click();
  await expect(chip).toBeHidden();

  const bubble = conversation.locator('article[data-direction="outbound"]').filter({ hasText: "return label" });
  await expect(bubble.locator('[data-attachment="inline"] img')).toBeVisible();

  // The provider received the media URL, and fetching it (as Twilio does) returns the file.
  let mediaUrl = "";
  await expect(async () => {
    const requests = (await (await fetch(`${stack().simUrl}/_sim/requests?provider=twilio`)).json()) as {
      method: string;
      path: string;
      body: Record<string, string | string[]>;
    }[];
    const send = requests.find((r) => r.method === "POST" && r.body.Body === "Here is your return label");
    mediaUrl = [send?.body.MediaUrl ?? []].flat()[0] ?? "";
    expect(mediaUrl).toContain("/media/");
  }).toPass({ timeout: 20_000 });
  const served = await fetch(mediaUrl);
  expect(served.status).toBe(200);
  expect(served.headers.get("content-type")).toBe("image/png");
  expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  await shot(page, info, "attach-02-sent");
});
