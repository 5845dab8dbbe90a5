/**
 * Clean-console guard for the dashboard e2e run. Every browser context a test opens (through
 * `browser.newContext()`) reports its console errors and uncaught page errors here, and each test
 * fails if any arrived during it (or during the hooks before it). Import `test`/`expect` from this
 * file instead of "@playwright/test".
 *
 * Allow-list: one refused rule edit and one refused sign-in (below). If a negative test must provoke an expected network 4xx, add an entry
 * to ALLOWED (an exact URL pattern and status, with the test that needs it), never a broad one.
 */
import { type BrowserContext, test as base, type ConsoleMessage } from "@playwright/test";

export { expect } from "@playwright/test";

interface Allowed {
  /** Why this error is expected, and which test provokes it. */
  reason: string;
  matches: (text: string, url: string) => boolean;
}
const ALLOWED: Allowed[] = [
  {
    reason:
      "automation.spec.ts 'the admin edits the rule': the backend refuses a bad pattern on purpose; the Convex client logs the refused mutation",
    matches: (text) =>
      text.startsWith("[CONVEX M(automation/rules:update)]") && text.includes('"message":"pattern: unclosed ("'),
  },
  {
    reason: "sign-in.spec.ts: a wrong password is refused with 401 on purpose; Chromium logs the failed request",
    matches: (text, url) =>
      text.startsWith("Failed to load resource: the server responded with a status of 401") &&
      url.endsWith("/api/auth/sign-in/email"),
  },
];

const problems: string[] = [];

function formatMessage(message: ConsoleMessage): string {
  const where = message.location();
  return `console.error ${message.page()?.url() ?? "?"}: ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`;
}

function watch(context: BrowserContext) {
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    const url = message.location().url ?? "";
    if (ALLOWED.some((entry) => entry.matches(message.text(), url))) return;
    problems.push(formatMessage(message));
  });
  context.on("weberror", (error) => {
    problems.push(`pageerror ${error.page()?.url() ?? "?"}: ${error.error().stack ?? error.error().message}`);
  });
}

export const test = base.extend<{ cleanConsole: undefined }>({
  // Worker-scoped: wraps newContext so contexts created in beforeAll hooks are watched too.
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        watch(context);
        return context;
      };
      await use(browser);
    },
    { scope: "worker" },
  ],
  cleanConsole: [
    async ({}, use) => {
      await use(undefined);
      const seen = problems.splice(0);
      base.expect(seen, "console errors / page errors while this test ran").toEqual([]);
    },
    { auto: true },
  ],
});
