import { expect, test } from "./console";
import { signUpWithOrg } from "./helpers";

// Signing in returns to the page that asked for it, and only ever to a page of this site.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const owner = { name: "Sana Signin", email: `sana-${run}@initech.test`, org: `Signin ${run}` };
const password = "correct horse battery staple 42";

test("a signed-out visit to a page signs in and returns there; another host's redirect is ignored", async ({
  browser,
}) => {
  const first = await browser.newContext();
  await signUpWithOrg(await first.newPage(), owner);
  await first.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/contacts");
  await page.waitForURL(/\/sign-in\?redirect=(%2F|\/)contacts$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/contacts$/);
  await context.close();

  for (const target of ["//evil.example/", "/\\evil.example/"]) {
    const other = await browser.newContext();
    const visitor = await other.newPage();
    await visitor.goto(`/sign-in?redirect=${encodeURIComponent(target)}`);
    await visitor.getByLabel("Email").fill(owner.email);
    await visitor.getByLabel("Password").fill(password);
    await visitor.getByRole("button", { name: "Sign in" }).click();
    await visitor.waitForURL(/\/inbox/);
    expect(new URL(visitor.url()).host).toBe(new URL(test.info().project.use.baseURL ?? "").host);
    await other.close();
  }
});
