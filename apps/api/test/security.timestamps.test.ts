/**
 * Issue 14.5 / 15.4: a provider's (or visitor's) timestamp is kept as `providerTimestamp` and
 * orders the message only inside the provider's window around receipt; outside it the receipt
 * time is used, so one message can neither break the inbox nor pin a thread to the top.
 * Payloads: Meta's `messages[].timestamp` is Unix seconds as a string
 * (developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples); the chat widget's
 * `timestamp` is documented in packages/channels/src/adapters/native.ts.
 */
import { createVisitorToken } from "@switchboard/channels";
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import type { Doc } from "../convex/_generated/dataModel";
import { type Backend, newBackend, ORG_A, SECRETS, type SeededOrg, seedOrg } from "./harness";
import { metaEnvelope, metaRequest } from "./signers";

let t: Backend;
let a: SeededOrg;

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

async function chat(visitorId: string, body: Record<string, unknown>) {
  const { token } = await createVisitorToken(SECRETS.chatSessionSecret, visitorId);
  const res = await t.fetch(`/webhooks/chat/${ORG_A.chatSlug}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function metaMessage(waId: string, id: string, body: string, timestampSeconds: number) {
  const res = await t.fetch(
    "/webhooks/whatsapp",
    metaRequest(
      metaEnvelope(ORG_A.phoneNumberId, {
        contacts: [{ profile: { name: waId }, wa_id: waId }],
        messages: [{ from: waId, id, timestamp: String(timestampSeconds), type: "text", text: { body } }],
      }),
    ).init,
  );
  expect(res.status, await res.clone().text()).toBe(200);
}

async function allMessages(): Promise<Doc<"unifiedMessages">[]> {
  return t.run((ctx) =>
    ctx.db
      .query("unifiedMessages")
      .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId))
      .collect(),
  );
}

async function inbox() {
  return t.withIdentity(a.identity).query(api.threads.inbox.list, {
    organizationId: a.organizationId,
    paginationOpts: { numItems: 20, cursor: null },
  });
}

describe("provider timestamps outside the sane window", () => {
  test.each([
    ["1e300", 1e300],
    ["year 3000", Date.UTC(3000, 0, 1)],
    ["1970", 0],
  ])("a chat message with timestamp %s is ordered by its receipt time and the inbox still returns", async (_n, ts) => {
    const before = Date.now();
    await chat("visitor_bad_clock", { clientMessageId: "c1", text: "hello from the future", timestamp: ts });
    const after = Date.now();
    const [stored] = await allMessages();
    expect(stored).toBeDefined();
    expect(stored!.sentAt).toBeGreaterThanOrEqual(before);
    expect(stored!.sentAt).toBeLessThanOrEqual(after);
    expect(stored!.receivedAt).toBe(stored!.sentAt);
    // toEpochMs reads small numbers as seconds (0 stays 0); the claim is kept as sent for audit.
    expect(stored!.providerTimestamp).toBe(ts);

    // A later message of another contact goes above it: the bad clock pinned nothing.
    await chat("visitor_normal", { clientMessageId: "c2", text: "a normal message" });
    const page = await inbox();
    expect(page.page.map((row) => row.lastMessagePreview)).toEqual(["a normal message", "hello from the future"]);
    for (const row of page.page) expect(row.lastMessageAt).toBeLessThanOrEqual(Date.now());
    const contact = await t.run((ctx) => ctx.db.get(stored!.contactId));
    expect(contact!.lastMessageAt).toBe(stored!.sentAt);
  });
});

describe("provider timestamps inside the window", () => {
  test("a Meta retry of an older message is ordered by the provider's time, not its arrival", async () => {
    const now = Math.floor(Date.now() / 1000);
    await metaMessage("14155559876", "wamid.second", "second", now - 60);
    // Delivered late (Meta retries for up to 7 days), but written two hours earlier.
    await metaMessage("14155559876", "wamid.first", "first", now - 2 * 3600);
    const messages = await allMessages();
    const first = messages.find((m) => m.externalMessageId === "wamid.first")!;
    expect(first.sentAt).toBe((now - 2 * 3600) * 1000);
    expect(first.providerTimestamp).toBe(first.sentAt);
    expect(first.receivedAt! - first.sentAt).toBeGreaterThanOrEqual(2 * 3600 * 1000 - 1000);

    const page = await t.withIdentity(a.identity).query(api.threads.threads.listMessages, {
      organizationId: a.organizationId,
      threadId: first.threadId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page.map((m) => m.text)).toEqual(["second", "first"]);
    // The thread keeps the newest message as its preview and time.
    const thread = await t.run((ctx) => ctx.db.get(first.threadId));
    expect(thread!.lastMessagePreview).toBe("second");
    expect(thread!.lastMessageAt).toBe((now - 60) * 1000);
  });

  test("a Meta message older than Meta's 7-day retry horizon gets the receipt time", async () => {
    const now = Math.floor(Date.now() / 1000);
    await metaMessage("14155559877", "wamid.ancient", "ancient", now - 8 * 24 * 3600);
    const [m] = await allMessages();
    expect(m!.providerTimestamp).toBe((now - 8 * 24 * 3600) * 1000);
    expect(m!.sentAt).toBe(m!.receivedAt);
  });
});
